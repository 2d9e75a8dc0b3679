"""Contrat commun à la ligne de commande et au navigateur : ``executer`` et ``executer_json``.

>>> import json
>>> json.loads(executer_json("trajectoire", '{"valeur_initiale": 84.47, "cible_finale": 92, "annees": 5}', "{}"))
{'ok': True, 'resultat': {'cibles': [85.98, 87.48, 88.99, 90.49, 92.0]}}
>>> json.loads(executer_json("trajectoire", '{"annees": 0}', "{}"))["erreurs"][0]
{'champ': 'valeur_initiale', 'message': 'champ obligatoire manquant'}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import DecimalException

from calculators import avancement, dossier, indicateur, modulation, seuils, tableur, trajectoire
from calculators.entrees import recu
from calculators.erreurs import EntreeInvalide, Erreur

__all__ = ["CALCULS", "executer", "executer_json", "lire_json", "message_calculateur_inconnu"]

CALCULS: dict[str, Callable[[dict, dict], dict]] = {
    "avancement": avancement.calculer,
    # Lecture et écriture des fichiers CSV des calculateurs seuls (Excel France), voir calculators/tableur.py.
    "csv_ecrire": tableur.csv_ecrire,
    "csv_lire": tableur.csv_lire,
    "dossier": dossier.calculer,
    "indicateur": indicateur.calculer,
    "modulation": modulation.calculer,
    "seuils": seuils.calculer,
    "trajectoire": trajectoire.calculer,
}
RACINE = "entrée"
HORS_LIMITES = "nombres trop grands : le résultat dépasse la précision du calcul (28 chiffres) ; vérifiez les valeurs saisies"


def executer(nom: str, entree: dict, parametres: dict) -> dict:
    """Exécute le calculateur ``nom`` ; lève ``EntreeInvalide`` (toutes les erreurs, avec leur champ)."""
    if not isinstance(nom, str) or nom not in CALCULS:
        raise EntreeInvalide([Erreur("calculateur", message_calculateur_inconnu(nom))])
    if not isinstance(entree, dict):
        raise EntreeInvalide([Erreur(RACINE, f"objet JSON attendu, reçu {recu(entree)}")])
    try:
        return CALCULS[nom](entree, parametres)
    except DecimalException:  # ex. 1e30 places × 365 jours : au-delà des 28 chiffres du calcul décimal
        raise EntreeInvalide([Erreur(RACINE, HORS_LIMITES)]) from None


def message_calculateur_inconnu(nom: object) -> str:
    cite = f"« {nom} »" if isinstance(nom, str) else recu(nom)
    return f"calculateur inconnu {cite} (calculateurs : {', '.join(CALCULS)})"


def lire_json(texte: str, champ: str = RACINE) -> object:
    """Décode un texte JSON ; lève ``EntreeInvalide`` avec la ligne et la colonne de l'erreur."""
    if not isinstance(texte, str):
        raise EntreeInvalide([Erreur(champ, f"texte JSON attendu, reçu {type(texte).__name__}")])
    try:
        return json.loads(texte)
    except json.JSONDecodeError as exc:
        raise EntreeInvalide([Erreur(champ, f"JSON invalide à la ligne {exc.lineno}, colonne {exc.colno}")]) from None
    except RecursionError:
        raise EntreeInvalide([Erreur(champ, "JSON trop imbriqué")]) from None
    except ValueError:  # entier de plus de 4 300 chiffres (limite de conversion de Python)
        raise EntreeInvalide([Erreur(champ, "JSON invalide : nombre trop long")]) from None


def executer_json(nom: str, entree_json: str, parametres_json: str) -> str:
    """Comme ``executer`` mais JSON en entrée et en sortie ; ne lève jamais.

    Rend ``{"ok": true, "resultat": {...}}`` ou ``{"ok": false, "erreurs": [{"champ", "message"}]}``.
    """
    try:
        parametres = lire_json(parametres_json, "parametres")
        reponse = {"ok": True, "resultat": executer(nom, lire_json(entree_json), parametres)}
    except EntreeInvalide as exc:
        reponse = {"ok": False, "erreurs": [erreur.en_dict() for erreur in exc.erreurs]}
    except Exception as exc:  # noqa: BLE001 — le navigateur doit toujours recevoir une réponse
        reponse = {"ok": False, "erreurs": [{"champ": "", "message": f"erreur interne du calculateur : {type(exc).__name__}"}]}
    return json.dumps(reponse, ensure_ascii=False)
