"""Indicateurs : calcul par la formule des paramètres, contrôle des valeurs, division par zéro."""

import pytest

from calculators.erreurs import EntreeInvalide
from calculators.indicateur import calculer


@pytest.mark.parametrize(
    ("entree", "attendu"),
    [
        (
            {"id": "taux-mesures-levees", "valeurs": {"mesures_levees": 3, "mesures_notifiees": 4}},
            {"id": "taux-mesures-levees", "valeur": 75.0, "unite": "%"},
        ),
        (
            # 1 décimale pour cet indicateur : 2 / 3 × 100 = 66,666… → 66,7
            {"id": "taux-mesures-levees", "valeurs": {"mesures_levees": "2", "mesures_notifiees": "3"}},
            {"id": "taux-mesures-levees", "valeur": 66.7, "unite": "%"},
        ),
        (
            # taux d'occupation du CPOM de Besançon : 90 640 / 107 310 = 84,47 %
            {"id": "taux-occupation", "valeurs": {"journees_realisees": "90 640,00", "journees_theoriques": "107 310,00"}},
            {"id": "taux-occupation", "valeur": 84.47, "unite": "%"},
        ),
        (
            {"id": "taux-avancement-plan-actions", "valeurs": {"somme_taux_actions": 172.1, "nombre_actions": 3}},
            {"id": "taux-avancement-plan-actions", "valeur": 57.37, "unite": "%"},
        ),
        (
            {"id": "ecart-budgetaire", "valeurs": {"charges": 90, "produits": 100}},
            {"id": "ecart-budgetaire", "valeur": 0.0, "unite": "%"},
        ),
        (
            {"id": "ecart-budgetaire", "valeurs": {"charges": -50, "produits": -100}},
            {"id": "ecart-budgetaire", "valeur": 50.0, "unite": "%"},
        ),
    ],
)
def test_calcul(parametres, entree, attendu):
    assert calculer(entree, parametres) == attendu


@pytest.mark.parametrize(
    ("entree", "raison"),
    [
        (
            {"id": "taux-mesures-levees", "valeurs": {"mesures_levees": 0, "mesures_notifiees": 0}},
            "division par zéro : mesures_notifiees vaut 0",
        ),
        (
            {"id": "taux-avancement-plan-actions", "valeurs": {"somme_taux_actions": 0, "nombre_actions": 0}},
            "division par zéro : nombre_actions vaut 0",
        ),
        ({"id": "ecart-budgetaire", "valeurs": {"charges": 1, "produits": 0}}, "division par zéro : « abs(produits) » vaut 0"),
    ],
)
def test_division_par_zero_non_calculable(parametres, entree, raison):
    resultat = calculer(entree, parametres)
    assert resultat == {"id": entree["id"], "valeur": None, "unite": "%", "non_calculable": raison}


M = "taux-mesures-levees"


@pytest.mark.parametrize(
    ("entree", "erreurs"),
    [
        ({}, ["id: champ obligatoire manquant"]),
        ({"id": 12, "valeurs": {}}, ["id: texte non vide attendu, reçu 12"]),
        (
            {"id": "inconnu", "valeurs": {}},
            [
                "id: indicateur inconnu « inconnu » (indicateurs : taux-avancement-plan-actions, taux-occupation, "
                "taux-mesures-levees, ecart-budgetaire, file-active, outils-numeriques, occupation-aj, encadrement, absenteisme, resultat, "
                "taux-resolution-points-fragilite, taux-si-completes, taux-resorption-deficit)"
            ],
        ),
        ({"id": M}, ["valeurs: champ obligatoire manquant"]),
        ({"id": M, "valeurs": [1, 2]}, ["valeurs: objet JSON attendu, reçu [1, 2]"]),
        (
            {"id": M, "valeurs": {}},
            ["valeurs.mesures_levees: champ obligatoire manquant", "valeurs.mesures_notifiees: champ obligatoire manquant"],
        ),
        (
            {"id": M, "valeurs": {"mesures_levees": 2.5, "mesures_notifiees": -1, "x": 1}},
            [
                "valeurs.x: variable inconnue pour cet indicateur (variables : mesures_levees, mesures_notifiees)",
                "valeurs.mesures_levees: nombre entier positif ou nul attendu, reçu 2.5",
                "valeurs.mesures_notifiees: nombre entier positif ou nul attendu, reçu -1",
            ],
        ),
        (
            {"id": M, "valeurs": {"mesures_levees": None, "mesures_notifiees": "NaN"}},
            [
                "valeurs.mesures_levees: champ obligatoire manquant",
                'valeurs.mesures_notifiees: nombre entier positif ou nul attendu, reçu "NaN"',
            ],
        ),
        (
            {"id": "ecart-budgetaire", "valeurs": {"charges": "abc", "produits": 2000000}},
            [
                'valeurs.charges: nombre attendu, reçu "abc"',
                "valeurs.produits: nombre entre −1\u202f000\u202f000 et 1\u202f000\u202f000 attendu, reçu 2000000",
            ],
        ),
    ],
)
def test_entrees_invalides(parametres, entree, erreurs, erreurs_de):
    assert erreurs_de(calculer, entree, parametres) == erreurs


@pytest.mark.parametrize(
    ("modifier", "erreurs"),
    [
        (
            lambda d: d.update(formule="__import__('os')"),
            ["parametres.indicateurs[2].formule: élément interdit dans la formule : appel de fonction « __import__ »"],
        ),
        (
            lambda d: d.update(formule="mesures_levees / total"),
            [
                "parametres.indicateurs[2].formule: variable inconnue « total » (variables déclarées : "
                "mesures_levees, mesures_notifiees)"
            ],
        ),
        (lambda d: d.update(variables="x"), ["parametres.indicateurs[2].variables: liste de variables attendue",
                                             "parametres.indicateurs[2].formule: variables inconnues « mesures_levees », "
                                             "« mesures_notifiees » (variables déclarées : aucune)"]),
        (
            lambda d: d["variables"][0].update(type="texte", min="a"),
            [
                "parametres.indicateurs[2].variables[0].type: type inconnu « texte » (valeurs possibles : nombre, entier)",
                'parametres.indicateurs[2].variables[0].min: nombre attendu, reçu "a"',
                "parametres.indicateurs[2].formule: variable inconnue « mesures_levees » (variables déclarées : "
                "mesures_notifiees)",
            ],
        ),
        (lambda d: d.update(decimales=9), ["parametres.indicateurs[2].decimales: nombre entier entre 0 et 6 attendu, reçu 9"]),
    ],
)
def test_parametres_invalides(parametres, modifier, erreurs, erreurs_de):
    modifier(parametres["indicateurs"][2])
    assert erreurs_de(calculer, {"id": M, "valeurs": {"mesures_levees": 1, "mesures_notifiees": 2}}, parametres) == erreurs


def test_sans_section_indicateurs(parametres):
    del parametres["indicateurs"]
    with pytest.raises(EntreeInvalide) as exc:
        calculer({"id": M, "valeurs": {}}, parametres)
    assert str(exc.value) == "parametres.indicateurs: section manquante"
