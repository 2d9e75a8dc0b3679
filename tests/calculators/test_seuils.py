"""Seuils d'indicateurs : sens, caractère strict, texte à la française, lecture, seuils franchis."""

from decimal import Decimal

import pytest

from calculators.entrees import Lecteur
from calculators.erreurs import EntreeInvalide
from calculators.seuils import Seuil, depuis_comparateur, ecarts, lire, respecte, texte

D = Decimal


@pytest.mark.parametrize(
    ("seuil", "valeurs_respectees", "valeurs_franchies"),
    [
        (Seuil("superieur", valeur=D(70), strict=True), ["70.01", "100"], ["70", "52.28", "-1"]),
        (Seuil("superieur", valeur=D(0)), ["0", "0.01"], ["-0.01"]),
        (Seuil("inferieur", valeur=D(4300), strict=True), ["4299.99", "2960"], ["4300", "4300.01"]),
        (Seuil("inferieur", valeur=D("0.5"), strict=False), ["0.5", "0"], ["0.51"]),
        (Seuil("entre", minimum=D(5), maximum=D(10)), ["5", "7.5", "10"], ["4.99", "10.01"]),
        (Seuil("entre", minimum=D(5), maximum=D(10), strict=True), ["5.01", "9.99"], ["5", "10"]),
    ],
)
def test_respecte(seuil, valeurs_respectees, valeurs_franchies):
    assert [respecte(D(v), seuil) for v in valeurs_respectees] == [True] * len(valeurs_respectees)
    assert [respecte(D(v), seuil) for v in valeurs_franchies] == [False] * len(valeurs_franchies)


def test_oui_non():
    oui = Seuil("egal", valeur="Oui")
    assert (respecte("Oui", oui), respecte("Non", oui)) == (True, False)
    # Un texte n'est jamais du bon côté d'un seuil numérique.
    assert respecte("Oui", Seuil("superieur", valeur=D(0))) is False


@pytest.mark.parametrize(
    ("seuil", "unite", "attendu"),
    [
        (Seuil("superieur", valeur=D(70), strict=True), "%", "> 70\u00a0%"),
        (Seuil("inferieur", valeur=D(4300), strict=True), "", "< 4\u202f300"),
        (Seuil("inferieur", valeur=D("0.5"), strict=True), "", "< 0,5"),
        (Seuil("superieur", valeur=D(0)), "€", "≥ 0\u00a0€"),
        (Seuil("inferieur", valeur=D(11)), "%", "≤ 11\u00a0%"),
        (Seuil("entre", minimum=D(5), maximum=D(10)), "%", "entre 5\u00a0% et 10\u00a0%"),
        (Seuil("entre", minimum=D(5), maximum=D(10), strict=True), "", "entre 5 et 10 (bornes exclues)"),
        (Seuil("egal", valeur="Oui"), "", "= Oui"),
    ],
)
def test_texte(seuil, unite, attendu):
    assert texte(seuil, unite) == attendu


def test_depuis_comparateur():
    assert depuis_comparateur(">", D(6)) == Seuil("superieur", valeur=D(6), strict=True)
    assert depuis_comparateur(">=", D(6)) == depuis_comparateur("≥", D(6)) == Seuil("superieur", valeur=D(6))
    assert depuis_comparateur("<=", D(1)) == Seuil("inferieur", valeur=D(1))
    assert depuis_comparateur("=", "Oui") == Seuil("egal", valeur="Oui")


def _lire(objet):
    lecteur = Lecteur()
    seuil = lire(lecteur, objet, "seuils[0]")
    return seuil, [str(e) for e in lecteur.erreurs]


def test_lire_seuils_valides():
    assert _lire({"sens": "superieur", "strict": True, "valeur": 70, "source": "guide-idf", "lieu": "objectif 3-1"}) == (
        Seuil("superieur", valeur=D(70), strict=True, source="guide-idf", lieu="objectif 3-1"), [])
    assert _lire({"sens": "Entre", "min": "5", "max": 10}) == (Seuil("entre", minimum=D(5), maximum=D(10)), [])
    assert _lire({"sens": "egal", "valeur": " oui"}) == (Seuil("egal", valeur="Oui"), [])


@pytest.mark.parametrize(
    ("objet", "erreurs"),
    [
        ({}, ["seuils[0].sens: champ obligatoire manquant"]),
        ({"sens": "au-dessus", "valeur": 1}, ["seuils[0].sens: sens de seuil inconnu « au-dessus » (valeurs possibles : superieur, inferieur, entre, egal)"]),
        ({"sens": "superieur", "strict": "oui", "valeur": "abc"},
         ["seuils[0].strict: booléen attendu, reçu \"oui\"",
          "seuils[0].valeur: nombre entre −1\u202f000\u202f000\u202f000\u202f000 et 1\u202f000\u202f000\u202f000\u202f000 attendu, reçu \"abc\""]),
        ({"sens": "entre", "min": 10, "max": 5}, ["seuils[0].min: min (10) supérieur à max (5)"]),
        ({"sens": "entre", "valeur": 5}, ["seuils[0].min: champ obligatoire manquant", "seuils[0].max: champ obligatoire manquant"]),
    ],
)
def test_lire_seuils_invalides(objet, erreurs):
    seuil, lues = _lire(objet)
    assert seuil is None
    assert lues == erreurs


def test_ecarts_dans_l_ordre_des_indicateurs_avec_leur_source():
    indicateurs = [
        {"id": "a", "libelle": "A", "unite": "%", "seuils": [Seuil("superieur", valeur=D(70), strict=True, source="guide-idf", lieu="3-1")]},
        {"id": "b", "libelle": "B", "unite": "", "seuils": [Seuil("inferieur", valeur=D("0.5"), strict=True, source="methodo-pdl", lieu="i-44"),
                                                         Seuil("superieur", valeur=D(0), source="essai")]},
        {"id": "c", "libelle": "C", "unite": "", "seuils": []},
    ]
    trouves = ecarts({"b": D("0.62"), "a": D(70), "c": D(1), "x": D(1)}, indicateurs)
    assert trouves == [
        {"id": "a", "libelle": "A", "valeur": D(70), "seuil": "> 70\u00a0%", "source": "guide-idf", "lieu": "3-1"},
        {"id": "b", "libelle": "B", "valeur": D("0.62"), "seuil": "< 0,5", "source": "methodo-pdl", "lieu": "i-44"},
    ]
    assert ecarts({"a": D(71), "b": D("0.4")}, indicateurs) == []


def test_calculateur_seuils_refuse_une_entree_sans_chiffres():
    from calculators.seuils import calculer

    with pytest.raises(EntreeInvalide) as exc:
        calculer({}, {"indicateurs": []})
    assert [str(e) for e in exc.value.erreurs] == ["chiffres: champ obligatoire manquant"]
