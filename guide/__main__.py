"""Ligne de commande du guide.

- ``python -m guide check [--strict] [--racine DOSSIER]`` : valide le YAML sans construire le site ;
- ``python -m guide calcul NOM FICHIER [--parametres P.json]`` : un calculateur (``python -m
  calculators``) avec, par défaut, les paramètres tirés de ``modules/`` ;
- ``python -m guide schema [--verifier]`` : régénère (ou vérifie) ce qui découle de
  ``guide/donnees/schema.py`` (schémas JSON, référence de modules/FORMAT.md, en-têtes YAML).
"""

from __future__ import annotations

import sys
from pathlib import Path

import calculators.__main__ as calculs
from calculators.analyseur_fr import AnalyseurFrancais, FormateurFrancais
from calculators.vocabulaire import THEME_PAGE

from guide.donnees.erreurs import ErreurReferentiel
from guide.donnees.referentiel import RACINE_PROJET, charger_referentiel, parametres_calculateurs

COMMANDE_CALCUL = "calcul"


def _pluriel(nombre: int, mot: str) -> str:
    return f"{nombre} {mot}{'s' if nombre > 1 else ''}"


def racine_par_defaut() -> Path:
    """Dossier courant s'il contient modules/, sinon le projet de ce paquet."""
    return Path.cwd() if (Path.cwd() / "modules").is_dir() else RACINE_PROJET


def verifier(racine: Path, strict: bool) -> int:
    """Affiche le bilan ou toutes les erreurs ; renvoie le code de sortie (0 ou 1)."""
    try:
        ref = charger_referentiel(racine, strict=strict)
    except ErreurReferentiel as exc:
        print(exc.rapport(), file=sys.stderr)
        for avertissement in exc.avertissements:  # « clé inconnue… vouliez-vous dire » explique souvent l'erreur
            print(f"avertissement : {avertissement}", file=sys.stderr)
        return 1
    for avertissement in ref.avertissements:
        print(f"avertissement : {avertissement}", file=sys.stderr)
    print(f"Aucune erreur : {_pluriel(len(ref.modules), 'module')}, {_pluriel(len(ref.themes()), THEME_PAGE)}, "
          f"{_pluriel(len(ref.indicateurs), 'indicateur')}"
          + (f", {_pluriel(len(ref.bibliotheque), 'indicateur')} dans la bibliothèque" if ref.bibliotheque else "") + ".")
    return 0


def parametres_du_projet(racine: Path) -> dict:
    """Paramètres des calculateurs tirés de ``racine/modules`` (même contenu que parametres.json)."""
    try:
        return parametres_calculateurs(charger_referentiel(racine))
    except ErreurReferentiel as exc:
        raise ValueError(exc.rapport()) from None


def calculer(argv: list[str]) -> int:
    """``python -m guide calcul …`` : ``python -m calculators`` avec les paramètres de modules/ par défaut."""
    racine = racine_par_defaut()
    return calculs.main(argv, parametres_par_defaut=lambda: parametres_du_projet(racine),
                        prog=f"python -m guide {COMMANDE_CALCUL}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == [COMMANDE_CALCUL]:  # ses options sont celles de python -m calculators
        return calculer(argv[1:])
    parser = AnalyseurFrancais(prog="python -m guide", description="Outils du guide CPOM.",
                               formatter_class=FormateurFrancais)
    commandes = parser.add_subparsers(dest="commande", required=True, title="commandes")
    check = commandes.add_parser("check", help="valide le YAML de modules/ sans construire le site")
    check.add_argument("--strict", action="store_true", help="les avertissements (clés inconnues) bloquent")
    check.add_argument("--racine", type=Path, default=None,
                       help="dossier du projet (par défaut : dossier courant s'il contient modules/)")
    commandes.add_parser(COMMANDE_CALCUL, add_help=False,
                         help="lance un calculateur (NOM FICHIER [--parametres P.json]) avec les paramètres "
                              "de modules/ par défaut")
    schema = commandes.add_parser(
        "schema", help="régénère depuis guide/donnees/schema.py les schémas JSON (docs/assets/schema/), la "
                       "référence de modules/FORMAT.md et la première ligne « yaml-language-server » des YAML")
    schema.add_argument("--verifier", action="store_true",
                        help="n'écrit rien : code 1 et liste des fichiers si l'un d'eux est périmé")
    schema.add_argument("--racine", type=Path, default=None, help="dossier du projet")
    args = parser.parse_args(argv)
    if args.commande == "schema":
        return generer(args.racine or racine_par_defaut(), args.verifier)
    return verifier(args.racine or racine_par_defaut(), args.strict)


def generer(racine: Path, verification: bool) -> int:
    """Régénère (ou vérifie) les fichiers déduits de guide/donnees/schema.py."""
    from guide.donnees import schema_genere

    if verification:
        perimes = schema_genere.perimes(racine)
        for chemin in perimes:
            print(f"périmé : {chemin.relative_to(racine).as_posix()}", file=sys.stderr)
        if perimes:
            print("Lancer « python3 -m guide schema » pour les régénérer.", file=sys.stderr)
        return 1 if perimes else 0
    ecrits = schema_genere.ecrire(racine)
    for chemin in ecrits:
        print(f"écrit : {chemin.relative_to(racine).as_posix()}")
    if not ecrits:
        print("Déjà à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
