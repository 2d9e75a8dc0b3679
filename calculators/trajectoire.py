"""Trajectoire linéaire d'un indicateur entre sa valeur initiale et sa cible de fin de CPOM.

Cible de l'année k = valeur initiale + (cible finale − valeur initiale) × k ÷ années, arrondie à
2 décimales (demi supérieur). Exemple des fiches e-CARS du CPOM de Besançon (taux d'occupation) :

>>> calculer({"valeur_initiale": 84.47, "cible_finale": 92, "annees": 5}, {})
{'cibles': [85.98, 87.48, 88.99, 90.49, 92.0]}

``"nature"`` (facultative) : ``ratio`` (par défaut, ci-dessus), ``nombre`` ou ``oui_non``.

- ``nombre`` : valeurs entières positives ou nulles (file active, nombre d'actions), cibles
  arrondies à l'entier ; ``"signe"`` facultatif (« > », « ≥ », « = »…) repris tel quel, comme
  les cibles « > n » des fiches e-CARS :

  >>> calculer({"nature": "nombre", "valeur_initiale": 287, "cible_finale": 339, "annees": 5, "signe": ">"}, {})
  {'cibles': [297, 308, 318, 329, 339], 'signe': '>'}

- ``oui_non`` : « Oui » ou « Non » ; si la cible finale diffère de la valeur initiale,
  ``"annee_bascule"`` donne la première année (1 à ``annees``) où la cible finale est visée :

  >>> calculer({"nature": "oui_non", "valeur_initiale": "Non", "cible_finale": "oui", "annees": 5, "annee_bascule": 2}, {})
  {'cibles': ['Non', 'Oui', 'Oui', 'Oui', 'Oui']}
"""

from __future__ import annotations

from decimal import Decimal

from calculators import seuils as S
from calculators.entrees import Lecteur
from calculators.nombres import arrondir, en_json

__all__ = ["ANNEES_MAX", "NATURES", "calculer"]

ANNEES_MAX = 20
BORNE = Decimal("1e12")
NATURES = ["ratio", "nombre", "oui_non"]
SIGNES = [">", "≥", ">=", "<", "≤", "<=", "="]
_NORMALISE = {">=": "≥", "<=": "≤"}


def calculer(entree: dict, parametres: dict) -> dict:
    """``{"valeur_initiale", "cible_finale", "annees"}`` (+ ``nature``, ``signe``, ``annee_bascule``)
    → ``{"cibles": [...]}`` (une cible par année)."""
    lecteur = Lecteur()
    nature = "ratio"
    if entree.get("nature") is not None:
        nature = lecteur.choix(entree, "nature", "nature", NATURES, "nature inconnue")
    if nature == "oui_non":
        return _oui_non(lecteur, entree)
    entier = nature == "nombre"
    minimum = 0 if entier else -BORNE
    initiale = lecteur.nombre(entree, "valeur_initiale", "valeur_initiale", minimum=minimum, maximum=BORNE, entier=entier)
    finale = lecteur.nombre(entree, "cible_finale", "cible_finale", minimum=minimum, maximum=BORNE, entier=entier)
    annees = lecteur.nombre(entree, "annees", "annees", minimum=1, maximum=ANNEES_MAX, entier=True)
    signe = None
    if entree.get("signe") is not None:
        signe = lecteur.choix(entree, "signe", "signe", SIGNES, "signe inconnu")
    lecteur.terminer()
    pas = [initiale + (finale - initiale) * k / annees for k in range(1, int(annees) + 1)]
    resultat = {"cibles": [int(arrondir(x, 0)) for x in pas] if entier else [en_json(x) for x in pas]}
    if signe is not None:
        resultat["signe"] = _NORMALISE.get(signe, signe)
    return resultat


def _oui_non(lecteur: Lecteur, entree: dict) -> dict:
    initiale = S.lire_oui_non(lecteur, entree, "valeur_initiale", "valeur_initiale")
    finale = S.lire_oui_non(lecteur, entree, "cible_finale", "cible_finale")
    annees = lecteur.nombre(entree, "annees", "annees", minimum=1, maximum=ANNEES_MAX, entier=True)
    lecteur.terminer()
    bascule = 1
    if initiale != finale:
        bascule = lecteur.nombre(entree, "annee_bascule", "annee_bascule", minimum=1, maximum=annees, entier=True)
        lecteur.terminer()
    return {"cibles": [initiale if k < bascule else finale for k in range(1, int(annees) + 1)]}
