"""Lecture des champs : nombres (y compris à la française), textes, listes ; messages exacts."""

from decimal import Decimal

import pytest

from calculators.entrees import Lecteur, attendu, recu
from calculators.erreurs import EntreeInvalide, Erreur


def lire_nombre(valeur, **options):
    lecteur = Lecteur()
    nombre = lecteur.nombre({"x": valeur}, "x", "a[0].x", **options)
    return nombre, [str(e) for e in lecteur.erreurs]


@pytest.mark.parametrize(
    ("valeur", "attendu_"),
    [
        (12, Decimal(12)),
        (0, Decimal(0)),
        (-3, Decimal(-3)),
        (12.5, Decimal("12.5")),
        (0.1, Decimal("0.1")),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        (" 1 234,5 ", Decimal("1234.5")),
        ("1\u202f234\u00a0567", Decimal("1234567")),
        ("+3", Decimal(3)),
        ("-0", Decimal(0)),
        (",5", Decimal("0.5")),
        ("5,", Decimal(5)),
        ("1e3", Decimal(1000)),
        (Decimal("7.25"), Decimal("7.25")),
    ],
)
def test_nombres_acceptes(valeur, attendu_):
    assert lire_nombre(valeur) == (attendu_, [])


@pytest.mark.parametrize(
    ("valeur", "message"),
    [
        ("abc", 'a[0].x: nombre attendu, reçu "abc"'),
        ("12,5 €", 'a[0].x: nombre attendu, reçu "12,5 €"'),
        ("1.234,5", 'a[0].x: nombre attendu, reçu "1.234,5"'),
        ("1,2,3", 'a[0].x: nombre attendu, reçu "1,2,3"'),
        ("NaN", 'a[0].x: nombre attendu, reçu "NaN"'),
        ("Infinity", 'a[0].x: nombre attendu, reçu "Infinity"'),
        ("inf", 'a[0].x: nombre attendu, reçu "inf"'),
        ("0x10", 'a[0].x: nombre attendu, reçu "0x10"'),
        ("1_000", 'a[0].x: nombre attendu, reçu "1_000"'),
        ("1e99999", 'a[0].x: nombre attendu, reçu "1e99999"'),
        (float("nan"), "a[0].x: nombre attendu, reçu NaN"),
        (float("inf"), "a[0].x: nombre attendu, reçu Infinity"),
        (float("-inf"), "a[0].x: nombre attendu, reçu -Infinity"),
        (True, "a[0].x: nombre attendu, reçu true"),
        (False, "a[0].x: nombre attendu, reçu false"),
        ([1], "a[0].x: nombre attendu, reçu [1]"),
        ({"v": 1}, 'a[0].x: nombre attendu, reçu {"v": 1}'),
        (None, "a[0].x: champ obligatoire manquant"),
        ("", "a[0].x: champ obligatoire manquant"),
        ("   ", "a[0].x: champ obligatoire manquant"),
        ("x" * 100, 'a[0].x: nombre attendu, reçu "' + "x" * 38 + "…"),
    ],
)
def test_nombres_refuses(valeur, message):
    assert lire_nombre(valeur) == (None, [message])


@pytest.mark.parametrize(
    ("valeur", "options", "message"),
    [
        (0, {"minimum": 0, "strict": True}, "a[0].x: nombre positif attendu, reçu 0"),
        (-1, {"minimum": 0}, "a[0].x: nombre positif ou nul attendu, reçu -1"),
        (101, {"minimum": 0, "maximum": 100}, "a[0].x: nombre entre 0 et 100 attendu, reçu 101"),
        ("-0,5", {"minimum": 0, "maximum": 100}, 'a[0].x: nombre entre 0 et 100 attendu, reçu "-0,5"'),
        (2.5, {"entier": True}, "a[0].x: nombre entier attendu, reçu 2.5"),
        (0, {"minimum": 1, "maximum": 20, "entier": True}, "a[0].x: nombre entier entre 1 et 20 attendu, reçu 0"),
        (0, {"minimum": 1}, "a[0].x: nombre supérieur ou égal à 1 attendu, reçu 0"),
        (1, {"minimum": 1, "strict": True}, "a[0].x: nombre supérieur à 1 attendu, reçu 1"),
        (7, {"maximum": 6.5}, "a[0].x: nombre inférieur ou égal à 6,5 attendu, reçu 7"),
        (0, {"minimum": 0, "maximum": 10, "strict": True}, "a[0].x: nombre positif inférieur ou égal à 10 attendu, reçu 0"),
    ],
)
def test_bornes(valeur, options, message):
    assert lire_nombre(valeur, **options) == (None, [message])


def test_entier_accepte_un_flottant_entier():
    assert lire_nombre(12.0, entier=True) == (Decimal("12.0"), [])


def test_valeur_par_defaut_et_champ_facultatif():
    assert lire_nombre(None, defaut=Decimal(0)) == (Decimal(0), [])
    assert lire_nombre("", obligatoire=False) == (None, [])


@pytest.mark.parametrize(
    ("valeur", "message"),
    [
        (None, "t: champ obligatoire manquant"),
        ("", 't: texte non vide attendu, reçu ""'),
        ("  ", 't: texte non vide attendu, reçu "  "'),
        (12, "t: texte non vide attendu, reçu 12"),
        (["a"], 't: texte non vide attendu, reçu ["a"]'),
        ("x" * 201, "t: texte de 200 caractères au plus attendu, reçu 201 caractères"),
    ],
)
def test_textes_refuses(valeur, message):
    lecteur = Lecteur()
    assert lecteur.texte({"t": valeur}, "t", "t") is None
    assert [str(e) for e in lecteur.erreurs] == [message]


def test_texte_nettoye():
    assert Lecteur().texte({"t": "  EHPAD  "}, "t", "t") == "EHPAD"


@pytest.mark.parametrize(
    ("valeur", "message"),
    [
        (None, "l: champ obligatoire manquant"),
        ([], "l: liste non vide attendue, reçu []"),
        ("abc", 'l: liste non vide attendue, reçu "abc"'),
        ({}, "l: liste non vide attendue, reçu {}"),
        ([1] * 4, "l: liste de 3 éléments au plus attendue, reçu 4 éléments"),
    ],
)
def test_listes_refusees(valeur, message):
    lecteur = Lecteur()
    assert lecteur.liste({"l": valeur}, "l", "l", maximum=3) is None
    assert [str(e) for e in lecteur.erreurs] == [message]


def test_choix_ignore_la_casse_et_rend_la_forme_de_reference():
    lecteur = Lecteur()
    assert lecteur.choix({"s": " ph "}, "s", "s", ["PA", "PH"], "secteur inconnu") == "PH"
    assert lecteur.choix({"s": "PX"}, "s", "s", ["PA", "PH"], "secteur inconnu") is None
    assert [str(e) for e in lecteur.erreurs] == ["s: secteur inconnu « PX » (valeurs possibles : PA, PH)"]


def test_terminer_leve_toutes_les_erreurs():
    lecteur = Lecteur()
    lecteur.terminer()
    lecteur.erreur("a", "un")
    lecteur.erreur("b[1].c", "deux")
    with pytest.raises(EntreeInvalide) as exc:
        lecteur.terminer()
    assert exc.value.erreurs == [Erreur("a", "un"), Erreur("b[1].c", "deux")]
    assert str(exc.value) == "a: un\nb[1].c: deux"


def test_recu_et_attendu():
    assert recu("é") == '"é"'
    assert recu(None) == "null"
    assert attendu() == "nombre attendu"
    assert attendu(entier=True, minimum=0) == "nombre entier positif ou nul attendu"
