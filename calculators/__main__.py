"""Ligne de commande : ``python -m calculators NOM FICHIER.json|- [--parametres P.json]``.

Sortie : résultat JSON indenté sur la sortie standard (code 0). Entrée invalide : une ligne par
erreur sur la sortie d'erreur, préfixée par le fichier (code 2). Paramètres absents ou impossibles
à charger : code 1.

Les paramètres (forme : calculators/CONTRAT_PARAMETRES.md) viennent de ``--parametres``. Ce paquet
n'importe jamais ``guide`` : c'est ``python -m guide calcul NOM FICHIER`` qui appelle ``main`` en lui
donnant ceux de ``modules/`` (``parametres_par_defaut``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from calculators.analyseur_fr import AnalyseurFrancais, FormateurFrancais
from calculators.contrat import CALCULS, executer, lire_json, message_calculateur_inconnu
from calculators.erreurs import EntreeInvalide

CODE_ENTREE_INVALIDE = 2
CODE_PARAMETRES_INDISPONIBLES = 1
ENTREE_STANDARD = "-"


PROGRAMME = "python -m calculators"
SANS_PARAMETRES = (
    "paramètres manquants : indiquez un fichier avec --parametres P.json "
    "(ou lancez « python -m guide calcul NOM FICHIER » pour ceux de modules/)"
)


def analyseur(prog: str = PROGRAMME, parametres_fournis: bool = False) -> argparse.ArgumentParser:
    parser = AnalyseurFrancais(
        prog=prog,
        description="Exécute un calculateur du guide CPOM sur une entrée JSON et écrit le résultat JSON.",
        epilog=f"Exemple : {prog} trajectoire entree.json"
        + ("" if parametres_fournis else " --parametres parametres.json"),
        formatter_class=FormateurFrancais,
        add_help=False,
    )
    parser._positionals.title = "arguments"
    parser._optionals.title = "options"
    parser.add_argument("nom", metavar="NOM", help=f"calculateur : {', '.join(CALCULS)}")
    parser.add_argument("fichier", metavar="FICHIER", help="fichier JSON d'entrée, ou - pour l'entrée standard")
    parser.add_argument(
        "--parametres",
        metavar="P.json",
        help="paramètres JSON (par défaut : ceux de modules/)" if parametres_fournis
        else "paramètres JSON (forme de site/assets/data/parametres.json)",
    )
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
    return parser


def _lire_texte(chemin: str) -> str:
    if chemin == ENTREE_STANDARD:
        return sys.stdin.read()
    with open(chemin, encoding="utf-8") as fichier:
        return fichier.read()


class _Echec(Exception):
    def __init__(self, lignes: list[str], code: int) -> None:
        super().__init__(lignes)
        self.lignes, self.code = lignes, code


def _charger(source: str, champ: str) -> object:
    """Lit et décode un fichier JSON ; les erreurs nomment le fichier, la ligne et la colonne."""
    nom = "entrée standard" if source == ENTREE_STANDARD else source
    try:
        return lire_json(_lire_texte(source), champ)
    except FileNotFoundError:
        raise _Echec([f"{nom}: fichier introuvable"], CODE_ENTREE_INVALIDE) from None
    except IsADirectoryError:
        raise _Echec([f"{nom}: c'est un dossier, pas un fichier JSON"], CODE_ENTREE_INVALIDE) from None
    except OSError:
        raise _Echec([f"{nom}: fichier illisible"], CODE_ENTREE_INVALIDE) from None
    except UnicodeDecodeError:
        raise _Echec([f"{nom}: le fichier n'est pas en UTF-8"], CODE_ENTREE_INVALIDE) from None
    except EntreeInvalide as exc:
        raise _Echec([f"{nom}: {erreur.message}" for erreur in exc.erreurs], CODE_ENTREE_INVALIDE) from None


def _executer(arguments: argparse.Namespace, parametres_par_defaut: Callable[[], dict] | None) -> dict:
    if arguments.nom not in CALCULS:
        raise _Echec([message_calculateur_inconnu(arguments.nom)], CODE_ENTREE_INVALIDE)
    entree = _charger(arguments.fichier, "entrée")
    if arguments.parametres:
        parametres = _charger(arguments.parametres, "parametres")
    elif parametres_par_defaut is None:
        raise _Echec([SANS_PARAMETRES], CODE_PARAMETRES_INDISPONIBLES)
    else:
        try:
            parametres = parametres_par_defaut()
        except Exception as exc:  # noqa: BLE001 — YAML invalide : le message du guide nomme le fichier
            message = f"paramètres du projet impossibles à charger depuis modules/ : {exc}"
            raise _Echec([message], CODE_PARAMETRES_INDISPONIBLES) from None
    try:
        return executer(arguments.nom, entree, parametres)
    except EntreeInvalide as exc:
        lignes = [f"{_fichier_en_cause(arguments, erreur.champ)}: {erreur}" for erreur in exc.erreurs]
        raise _Echec(lignes, CODE_ENTREE_INVALIDE) from None


def _fichier_en_cause(arguments: argparse.Namespace, champ: str) -> str:
    """Le fichier d'entrée, ou celui des paramètres pour une erreur ``parametres…``."""
    if champ.startswith("parametres"):
        return arguments.parametres or "paramètres du projet"
    return "entrée standard" if arguments.fichier == ENTREE_STANDARD else arguments.fichier


def main(argv: list[str] | None = None, parametres_par_defaut: Callable[[], dict] | None = None,
         prog: str = PROGRAMME) -> int:
    """Lance un calculateur ; ``parametres_par_defaut()`` donne les paramètres quand ``--parametres``
    manque (sinon : message et code 1)."""
    for flux in (sys.stdout, sys.stderr):
        if hasattr(flux, "reconfigure"):
            flux.reconfigure(encoding="utf-8")
    arguments = analyseur(prog, parametres_par_defaut is not None).parse_args(argv)
    try:
        resultat = _executer(arguments, parametres_par_defaut)
    except _Echec as echec:
        for ligne in echec.lignes:
            print(ligne, file=sys.stderr)
        return echec.code
    print(json.dumps(resultat, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
