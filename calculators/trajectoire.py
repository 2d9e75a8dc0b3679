"""Trajectoire linéaire d'un indicateur entre sa valeur initiale et sa cible de fin de CPOM.

Cible de l'année k = valeur initiale + (cible finale − valeur initiale) × k ÷ années, arrondie à
2 décimales (demi supérieur). Exemple des fiches e-CARS du CPOM de Besançon (taux d'occupation) :

>>> calculer({"valeur_initiale": 84.47, "cible_finale": 92, "annees": 5}, {})
{'cibles': [85.98, 87.48, 88.99, 90.49, 92.0]}
"""

from __future__ import annotations

from decimal import Decimal

from calculators.entrees import Lecteur
from calculators.nombres import en_json

__all__ = ["ANNEES_MAX", "calculer"]

ANNEES_MAX = 20
BORNE = Decimal("1e12")


def calculer(entree: dict, parametres: dict) -> dict:
    """``{"valeur_initiale", "cible_finale", "annees"}`` → ``{"cibles": [...]}`` (une cible par année)."""
    lecteur = Lecteur()
    initiale = lecteur.nombre(entree, "valeur_initiale", "valeur_initiale", minimum=-BORNE, maximum=BORNE)
    finale = lecteur.nombre(entree, "cible_finale", "cible_finale", minimum=-BORNE, maximum=BORNE)
    annees = lecteur.nombre(entree, "annees", "annees", minimum=1, maximum=ANNEES_MAX, entier=True)
    lecteur.terminer()
    return {"cibles": [en_json(initiale + (finale - initiale) * k / annees) for k in range(1, int(annees) + 1)]}
