"""Formules : éléments autorisés, catalogue d'injections refusées, évaluation, notation française."""

from decimal import Decimal

import pytest

from calculators.erreurs import DivisionParZero, FormuleInvalide, ValeurInvalide
from calculators.formule import (
    LONGUEUR_MAX,
    evaluer,
    notation_francaise,
    variables_utilisees,
    verifier,
)

VARIABLES = ["a", "b", "c"]
INTERDIT = "élément interdit dans la formule : "


@pytest.mark.parametrize(
    "expression",
    [
        "a",
        "12",
        "0.5",
        "1e-3",
        "a + b - c",
        "a * b / c",
        "-a",
        "+a",
        "-(a + b)",
        "(a - b) / max(c, 0.5) * 100",
        "min(a, b, c)",
        "abs(a - b)",
        "  a / b  ",
        "((((a))))",
    ],
)
def test_formules_autorisees(expression):
    verifier(expression, VARIABLES)


INJECTIONS = [
    ("__import__('os')", INTERDIT + "appel de fonction « __import__ »"),
    ("__import__('os').system('ls')", INTERDIT + "appel de fonction « __import__('os').system »"),
    ("().__class__", INTERDIT + "accès à un attribut « ().__class__ »"),
    ("a.__class__.__bases__", INTERDIT + "accès à un attribut « a.__class__.__bases__ »"),
    ("a**b**c", INTERDIT + "opérateur « ** » (puissance)"),
    ("9**9**9", INTERDIT + "opérateur « ** » (puissance)"),
    ("a // b", INTERDIT + "opérateur « // » (division entière)"),
    ("a % b", INTERDIT + "opérateur « % » (reste)"),
    ("a @ b", INTERDIT + "opérateur « @ »"),
    ("a << 2", INTERDIT + "opérateur « << »"),
    ("a | b", INTERDIT + "opérateur « | »"),
    ("a & b", INTERDIT + "opérateur « & »"),
    ("a ^ b", INTERDIT + "opérateur « ^ »"),
    ("~a", INTERDIT + "opérateur « ~ »"),
    ("not a", INTERDIT + "opérateur « not »"),
    ("a and b", INTERDIT + "opérateur logique « and » / « or »"),
    ("a < b", INTERDIT + "comparaison"),
    ("a if b else c", INTERDIT + "expression conditionnelle « if … else »"),
    ("lambda: 1", INTERDIT + "fonction anonyme « lambda »"),
    ("(lambda: a)()", INTERDIT + "appel de fonction « lambda: a »"),
    ("[x for x in a]", INTERDIT + "compréhension de liste"),
    ("{x for x in a}", INTERDIT + "compréhension d'ensemble"),
    ("{x: 1 for x in a}", INTERDIT + "compréhension de dictionnaire"),
    ("(x for x in a)", INTERDIT + "expression génératrice"),
    ("f'{a}'", INTERDIT + "chaîne formatée (f-string)"),
    ("'abc'", INTERDIT + "chaîne de caractères « 'abc' »"),
    ("b'abc'", INTERDIT + "chaîne de caractères « b'abc' »"),
    ("[a]", INTERDIT + "liste"),
    ("(a, b)", INTERDIT + "n-uplet"),
    ("{a}", INTERDIT + "ensemble"),
    ("{'a': 1}", INTERDIT + "dictionnaire"),
    ("a[0]", INTERDIT + "indexation « a[0] »"),
    ("(a := 1)", INTERDIT + "affectation « := »"),
    ("min(*a)", INTERDIT + "dépaquetage « * »"),
    ("min(a, key=b)", INTERDIT + "argument nommé « key » dans « min »"),
    ("max(a, **b)", INTERDIT + "argument nommé « ** » dans « max »"),
    ("True", INTERDIT + "valeur « True »"),
    ("None", INTERDIT + "valeur « None »"),
    ("...", INTERDIT + "valeur « Ellipsis »"),
    ("1j", INTERDIT + "nombre complexe « 1j »"),
    ("1e999", INTERDIT + "nombre trop grand"),
    ("eval('1')", INTERDIT + "appel de fonction « eval »"),
    ("exec('1')", INTERDIT + "appel de fonction « exec »"),
    ("open('x')", INTERDIT + "appel de fonction « open »"),
    ("round(a)", INTERDIT + "appel de fonction « round »"),
    ("pow(a, b)", INTERDIT + "appel de fonction « pow »"),
    ("globals()", INTERDIT + "appel de fonction « globals »"),
    ("min(a)", "« min » attend au moins 2 arguments (reçu : 1)"),
    ("max()", "« max » attend au moins 2 arguments (reçu : 0)"),
    ("abs(a, b)", "« abs » attend exactement un argument (reçu : 2)"),
    ("abs()", "« abs » attend exactement un argument (reçu : 0)"),
    ("x", "variable inconnue « x » (variables déclarées : a, b, c)"),
    ("x + y", "variables inconnues « x », « y » (variables déclarées : a, b, c)"),
    ("min", "variable inconnue « min » (variables déclarées : a, b, c)"),
    ("__builtins__", "variable inconnue « __builtins__ » (variables déclarées : a, b, c)"),
    ("a = 1", "syntaxe invalide à la colonne 3"),
    ("import os", "syntaxe invalide à la colonne 1"),
    ("a +* b", "syntaxe invalide à la colonne 4"),
    ("a +", "syntaxe invalide : formule incomplète"),
    ("a\n+ b", "syntaxe invalide à la ligne 2, colonne 1"),
    ("", "formule vide"),
    ("a\x00", "caractère interdit dans la formule : U+0000"),
    ("a +\u200b b", "caractère interdit dans la formule : U+200B"),
    ("   ", "formule vide"),
    ("a" * (LONGUEUR_MAX + 1), "formule trop longue (plus de 500 caractères)"),
    ("+".join(["a"] * 120), "formule trop imbriquée (plus de 50 niveaux)"),
    ("-" * 60 + "a", "formule trop imbriquée (plus de 50 niveaux)"),
    ("min(" + ",".join(["a"] * 210) + ")", "formule trop complexe (plus de 200 éléments)"),
]


@pytest.mark.parametrize(("expression", "message"), INJECTIONS)
def test_catalogue_des_injections_refusees(expression, message):
    with pytest.raises(FormuleInvalide) as exc:
        verifier(expression, VARIABLES)
    assert str(exc.value) == message


@pytest.mark.parametrize("expression", [None, 12, ["a"], b"a"])
def test_formule_qui_nest_pas_un_texte(expression):
    with pytest.raises(FormuleInvalide, match="^la formule doit être un texte, reçu "):
        verifier(expression, VARIABLES)


def test_aucune_variable_declaree():
    with pytest.raises(FormuleInvalide) as exc:
        verifier("a", [])
    assert str(exc.value) == "variable inconnue « a » (variables déclarées : aucune)"


def test_formule_invalide_est_une_valueerror():
    assert issubclass(FormuleInvalide, ValueError)


@pytest.mark.parametrize(
    ("expression", "valeurs", "attendu"),
    [
        ("a / b * 100", {"a": 3, "b": 4}, Decimal("75")),
        ("a / b * 100", {"a": "1,5", "b": 3.0}, Decimal("50")),
        ("a + b", {"a": 0.1, "b": 0.2}, Decimal("0.3")),
        ("-a + +b", {"a": Decimal("2"), "b": "5"}, Decimal("3")),
        ("min(a, b, 7)", {"a": 9, "b": 8}, Decimal("7")),
        ("max(a, b) - 0.5", {"a": -9, "b": -8}, Decimal("-8.5")),
        ("abs(a - b)", {"a": 2, "b": 10}, Decimal("8")),
        ("12", {}, Decimal("12")),
        ("1 / 3", {}, Decimal("0.3333333333333333333333333333")),
        ("a", {"a": "  4.25 ", "z": "pas utilisée"}, Decimal("4.25")),
    ],
)
def test_evaluer(expression, valeurs, attendu):
    assert evaluer(expression, valeurs) == attendu


@pytest.mark.parametrize(
    ("expression", "valeurs", "raison"),
    [
        ("nombre / nombre_actions", {"nombre": 1, "nombre_actions": 0}, "division par zéro : nombre_actions vaut 0"),
        ("a / (b - c)", {"a": 1, "b": 2, "c": 2}, "division par zéro : « b − c » vaut 0"),
        ("a / 0", {"a": 1}, "division par zéro : « 0 » vaut 0"),
        ("0 / a", {"a": "0,0"}, "division par zéro : a vaut 0"),
    ],
)
def test_division_par_zero(expression, valeurs, raison):
    with pytest.raises(DivisionParZero) as exc:
        evaluer(expression, valeurs)
    assert str(exc.value) == raison
    assert exc.value.raison == raison


@pytest.mark.parametrize(
    ("valeur", "message"),
    [
        ("abc", "valeur non numérique pour « a » : 'abc'"),
        (None, "valeur non numérique pour « a » : None"),
        (True, "valeur non numérique pour « a » : True"),
        ([1], "valeur non numérique pour « a » : [1]"),
        (float("nan"), "valeur non finie pour « a » : nan"),
        (float("inf"), "valeur non finie pour « a » : inf"),
        ("Infinity", "valeur non finie pour « a » : 'Infinity'"),
        ("", "valeur non numérique pour « a » : ''"),
    ],
)
def test_evaluer_refuse_les_valeurs_non_numeriques(valeur, message):
    with pytest.raises(ValeurInvalide) as exc:
        evaluer("a + 1", {"a": valeur})
    assert str(exc.value) == message


def test_evaluer_variable_manquante():
    with pytest.raises(FormuleInvalide) as exc:
        evaluer("a + b", {"a": 1})
    assert str(exc.value) == "variable inconnue « b » (variables déclarées : a)"


def test_evaluer_refuse_les_injections():
    with pytest.raises(FormuleInvalide):
        evaluer("__import__('os').system('echo pirate')", {})


@pytest.mark.parametrize(
    ("expression", "rendu"),
    [
        ("mesures_levees / mesures_notifiees * 100", "mesures_levees ÷ mesures_notifiees × 100"),
        ("(mesures_levees / mesures_totales) * 100", "mesures_levees ÷ mesures_totales × 100"),
        ("mesures_levees / (mesures_totales * 100)", "mesures_levees ÷ (mesures_totales × 100)"),
        ("(a - b) / max(c, 0.5) * 100", "(a − b) ÷ max(c ; 0,5) × 100"),
        ("a - (b - c)", "a − (b − c)"),
        ("a - b - c", "a − b − c"),
        ("a + (b + c)", "a + (b + c)"),
        ("a * (b + c)", "a × (b + c)"),
        ("(a + b) * c", "(a + b) × c"),
        ("a * -b", "a × (−b)"),
        ("-a * b", "−a × b"),
        ("-(a * b)", "−(a × b)"),
        ("- -a", "−(−a)"),
        ("+a", "+a"),
        ("abs(-a)", "abs(−a)"),
        ("12.50 + 0.000010", "12,5 + 0,00001"),
        ("1e40", "1E+40"),
        ("365", "365"),
    ],
)
def test_notation_francaise(expression, rendu):
    assert notation_francaise(expression) == rendu


def test_notation_francaise_refuse_les_injections():
    with pytest.raises(FormuleInvalide):
        notation_francaise("a ** 2")


@pytest.mark.parametrize(
    ("expression", "noms"),
    [("a / b * 100", {"a", "b"}), ("max(a, 2)", {"a"}), ("12", set()), ("abs(a) + min(a, b)", {"a", "b"})],
)
def test_variables_utilisees(expression, noms):
    assert variables_utilisees(expression) == noms
