"""``python -m guide check [--strict] [--racine DOSSIER]`` : valide le YAML sans construire le site."""

from __future__ import annotations

import sys
from pathlib import Path

from calculators.analyseur_fr import AnalyseurFrancais, FormateurFrancais
from guide.erreurs import ErreurReferentiel
from guide.referentiel import RACINE_PROJET, charger_referentiel


def _pluriel(nombre: int, mot: str) -> str:
    return f"{nombre} {mot}{'s' if nombre > 1 else ''}"


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
    print(f"Aucune erreur : {_pluriel(len(ref.modules), 'module')}, {_pluriel(len(ref.fiches()), 'fiche')}, "
          f"{_pluriel(len(ref.indicateurs), 'indicateur')}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = AnalyseurFrancais(prog="python -m guide", description="Outils du guide CPOM.",
                               formatter_class=FormateurFrancais)
    commandes = parser.add_subparsers(dest="commande", required=True, title="commandes")
    check = commandes.add_parser("check", help="valide le YAML de modules/ sans construire le site")
    check.add_argument("--strict", action="store_true", help="les avertissements (clés inconnues) bloquent")
    check.add_argument("--racine", type=Path, default=None,
                       help="dossier du projet (par défaut : dossier courant s'il contient modules/)")
    schema = commandes.add_parser(
        "schema", help="régénère depuis guide/schema.py les schémas JSON (docs/assets/schema/), la référence "
                       "de modules/FORMAT.md et la première ligne « yaml-language-server » des fichiers YAML")
    schema.add_argument("--verifier", action="store_true",
                        help="n'écrit rien : code 1 et liste des fichiers si l'un d'eux est périmé")
    schema.add_argument("--racine", type=Path, default=None, help="dossier du projet")
    args = parser.parse_args(argv)
    racine = args.racine or (Path.cwd() if (Path.cwd() / "modules").is_dir() else RACINE_PROJET)
    if args.commande == "schema":
        return generer(racine, args.verifier)
    return verifier(racine, args.strict)


def generer(racine: Path, verification: bool) -> int:
    """Régénère (ou vérifie) les fichiers déduits de guide/schema.py."""
    from guide import schema_genere

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
