"""Trajectoire linéaire des cibles annuelles."""

import pytest

from calculators.trajectoire import calculer


@pytest.mark.parametrize(
    ("entree", "cibles"),
    [
        # fiche e-CARS du CPOM de Besançon : 84,47 → 85,98 87,48 88,99 90,49 92,00
        ({"valeur_initiale": 84.47, "cible_finale": 92, "annees": 5}, [85.98, 87.48, 88.99, 90.49, 92.0]),
        ({"valeur_initiale": "84,47", "cible_finale": "92,00", "annees": "5"}, [85.98, 87.48, 88.99, 90.49, 92.0]),
        ({"valeur_initiale": 52.28, "cible_finale": 70, "annees": 5}, [55.82, 59.37, 62.91, 66.46, 70.0]),
        ({"valeur_initiale": 287, "cible_finale": 339, "annees": 5}, [297.4, 307.8, 318.2, 328.6, 339.0]),
        ({"valeur_initiale": 10, "cible_finale": 0, "annees": 3}, [6.67, 3.33, 0.0]),
        ({"valeur_initiale": 0, "cible_finale": 0, "annees": 1}, [0.0]),
        ({"valeur_initiale": -1, "cible_finale": 1, "annees": 2}, [0.0, 1.0]),
        ({"valeur_initiale": 0, "cible_finale": 100, "annees": 20}, [float(5 * k) for k in range(1, 21)]),
        ({"valeur_initiale": 0, "cible_finale": 0.015, "annees": 1}, [0.02]),
    ],
)
def test_trajectoire(entree, cibles):
    assert calculer(entree, {}) == {"cibles": cibles}


@pytest.mark.parametrize(
    ("entree", "erreurs"),
    [
        (
            {},
            [
                "valeur_initiale: champ obligatoire manquant",
                "cible_finale: champ obligatoire manquant",
                "annees: champ obligatoire manquant",
            ],
        ),
        ({"valeur_initiale": 1, "cible_finale": 2, "annees": 0}, ["annees: nombre entier entre 1 et 20 attendu, reçu 0"]),
        ({"valeur_initiale": 1, "cible_finale": 2, "annees": 21}, ["annees: nombre entier entre 1 et 20 attendu, reçu 21"]),
        ({"valeur_initiale": 1, "cible_finale": 2, "annees": 2.5}, ["annees: nombre entier entre 1 et 20 attendu, reçu 2.5"]),
        ({"valeur_initiale": 1, "cible_finale": 2, "annees": -5}, ["annees: nombre entier entre 1 et 20 attendu, reçu -5"]),
        ({"valeur_initiale": 1, "cible_finale": 2, "annees": True}, ["annees: nombre entier entre 1 et 20 attendu, reçu true"]),
        (
            {"valeur_initiale": "abc", "cible_finale": float("inf"), "annees": 5},
            [
                'valeur_initiale: nombre entre −1\u202f000\u202f000\u202f000\u202f000 et 1\u202f000\u202f000\u202f000\u202f000 '
                'attendu, reçu "abc"',
                "cible_finale: nombre entre −1\u202f000\u202f000\u202f000\u202f000 et 1\u202f000\u202f000\u202f000\u202f000 "
                "attendu, reçu Infinity",
            ],
        ),
    ],
)
def test_entrees_invalides(entree, erreurs, erreurs_de):
    assert erreurs_de(calculer, entree, {}) == erreurs
