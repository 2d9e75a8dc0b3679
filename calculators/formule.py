"""Formules des indicateurs : vérification, évaluation en ``Decimal`` et notation française.

Une formule est une expression arithmétique : nombres, variables déclarées, ``+ - * /``,
parenthèses, plus et moins unaires, appels à ``min``, ``max`` et ``abs``. Tout le reste est refusé.
Elle est lue par ``ast.parse(mode="eval")`` puis parcourue explicitement : jamais ``eval`` ni ``exec``.

>>> evaluer("mesures_levees / mesures_notifiees * 100", {"mesures_levees": 3, "mesures_notifiees": 4})
Decimal('75.00')
>>> notation_francaise("mesures_levees / mesures_notifiees * 100")
'mesures_levees ÷ mesures_notifiees × 100'
>>> sorted(variables_utilisees("max(a, b) - 0.5"))
['a', 'b']
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Iterable, Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext
from functools import lru_cache

from calculators.erreurs import DivisionParZero, FormuleInvalide, ValeurInvalide
from calculators.nombres import decimal_exact, litteral

__all__ = [
    "FONCTIONS",
    "LONGUEUR_MAX",
    "NOEUDS_MAX",
    "PROFONDEUR_MAX",
    "evaluer",
    "notation_francaise",
    "variables_utilisees",
    "verifier",
]

LONGUEUR_MAX = 500
NOEUDS_MAX = 200
PROFONDEUR_MAX = 50
PRECISION = 28

# nom -> (nombre minimal d'arguments, nombre maximal ou None)
FONCTIONS = {"min": (2, None), "max": (2, None), "abs": (1, 1)}

_OPERATEURS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}
_PRIORITE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_PRIORITE_UNAIRE = 3
_PRIORITE_ATOME = 4

_OPERATEURS_INTERDITS = {
    ast.Pow: "opérateur « ** » (puissance)",
    ast.FloorDiv: "opérateur « // » (division entière)",
    ast.Mod: "opérateur « % » (reste)",
    ast.MatMult: "opérateur « @ »",
    ast.LShift: "opérateur « << »",
    ast.RShift: "opérateur « >> »",
    ast.BitOr: "opérateur « | »",
    ast.BitXor: "opérateur « ^ »",
    ast.BitAnd: "opérateur « & »",
    ast.Invert: "opérateur « ~ »",
    ast.Not: "opérateur « not »",
}

_CONSTRUCTIONS_INTERDITES = {
    ast.Attribute: "accès à un attribut",
    ast.Subscript: "indexation",
    ast.Lambda: "fonction anonyme « lambda »",
    ast.IfExp: "expression conditionnelle « if … else »",
    ast.BoolOp: "opérateur logique « and » / « or »",
    ast.Compare: "comparaison",
    ast.ListComp: "compréhension de liste",
    ast.SetComp: "compréhension d'ensemble",
    ast.DictComp: "compréhension de dictionnaire",
    ast.GeneratorExp: "expression génératrice",
    ast.JoinedStr: "chaîne formatée (f-string)",
    ast.List: "liste",
    ast.Tuple: "n-uplet",
    ast.Set: "ensemble",
    ast.Dict: "dictionnaire",
    ast.NamedExpr: "affectation « := »",
    ast.Starred: "dépaquetage « * »",
    ast.Await: "« await »",
    ast.Yield: "« yield »",
    ast.YieldFrom: "« yield from »",
}


def _interdit(description: str) -> FormuleInvalide:
    return FormuleInvalide(f"élément interdit dans la formule : {description}")


def _mesurer(arbre: ast.AST) -> None:
    """Borne le nombre de nœuds et la profondeur, sans récursion (avant tout parcours récursif)."""
    pile = [(arbre, 1)]
    noeuds = 0
    while pile:
        noeud, profondeur = pile.pop()
        if isinstance(noeud, (ast.expr_context, ast.operator, ast.unaryop)):
            continue
        noeuds += 1
        if noeuds > NOEUDS_MAX:
            raise FormuleInvalide(f"formule trop complexe (plus de {NOEUDS_MAX} éléments)")
        if profondeur > PROFONDEUR_MAX:
            raise FormuleInvalide(f"formule trop imbriquée (plus de {PROFONDEUR_MAX} niveaux)")
        pile.extend((enfant, profondeur + 1) for enfant in ast.iter_child_nodes(noeud))


def _controler(noeud: ast.AST) -> None:
    """Refuse tout nœud qui n'est pas dans la liste autorisée (parcours récursif borné)."""
    if isinstance(noeud, ast.Expression):
        _controler(noeud.body)
    elif isinstance(noeud, ast.Constant):
        _controler_constante(noeud)
    elif isinstance(noeud, ast.Name):
        pass
    elif isinstance(noeud, ast.BinOp):
        if type(noeud.op) not in _OPERATEURS:
            raise _interdit(_OPERATEURS_INTERDITS.get(type(noeud.op), "opérateur inconnu"))
        _controler(noeud.left)
        _controler(noeud.right)
    elif isinstance(noeud, ast.UnaryOp):
        if not isinstance(noeud.op, (ast.UAdd, ast.USub)):
            raise _interdit(_OPERATEURS_INTERDITS.get(type(noeud.op), "opérateur inconnu"))
        _controler(noeud.operand)
    elif isinstance(noeud, ast.Call):
        _controler_appel(noeud)
    else:
        description = _CONSTRUCTIONS_INTERDITES.get(type(noeud), f"construction « {type(noeud).__name__} »")
        if isinstance(noeud, (ast.Attribute, ast.Subscript)):
            description += f" « {ast.unparse(noeud)} »"
        raise _interdit(description)


def _controler_constante(noeud: ast.Constant) -> None:
    valeur = noeud.value
    if isinstance(valeur, bool) or valeur is None or valeur is Ellipsis:
        raise _interdit(f"valeur « {valeur!r} »")
    if isinstance(valeur, (str, bytes)):
        raise _interdit(f"chaîne de caractères « {valeur!r} »")
    if isinstance(valeur, complex):
        raise _interdit(f"nombre complexe « {valeur!r} »")
    if not isinstance(valeur, (int, float)):
        raise _interdit(f"valeur « {valeur!r} »")
    if isinstance(valeur, float) and not math.isfinite(valeur):
        raise _interdit("nombre trop grand")


def _controler_appel(noeud: ast.Call) -> None:
    if not isinstance(noeud.func, ast.Name) or noeud.func.id not in FONCTIONS:
        raise _interdit(f"appel de fonction « {ast.unparse(noeud.func)} »")
    nom = noeud.func.id
    if noeud.keywords:
        argument = noeud.keywords[0].arg or "**"
        raise _interdit(f"argument nommé « {argument} » dans « {nom} »")
    for argument in noeud.args:
        _controler(argument)
    minimum, maximum = FONCTIONS[nom]
    nombre = len(noeud.args)
    if maximum == 1 and nombre != 1:
        raise FormuleInvalide(f"« {nom} » attend exactement un argument (reçu : {nombre})")
    if nombre < minimum:
        raise FormuleInvalide(f"« {nom} » attend au moins {minimum} arguments (reçu : {nombre})")


def _noms(arbre: ast.AST) -> set[str]:
    """Noms de variables (les noms de fonctions appelées ne comptent pas)."""
    fonctions = {id(n.func) for n in ast.walk(arbre) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(arbre) if isinstance(n, ast.Name) and id(n) not in fonctions}


@lru_cache(maxsize=256)
def _analyser(expression: str) -> ast.Expression:
    """Analyse et contrôle la structure (sans les variables) ; résultat mis en cache."""
    if len(expression) > LONGUEUR_MAX:
        raise FormuleInvalide(f"formule trop longue (plus de {LONGUEUR_MAX} caractères)")
    if not expression.strip():
        raise FormuleInvalide("formule vide")
    for caractere in expression:
        if not caractere.isprintable() and caractere not in " \t\n\r":
            raise FormuleInvalide(f"caractère interdit dans la formule : U+{ord(caractere):04X}")
    texte = expression.lstrip()
    decalage = len(expression) - len(texte)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arbre = ast.parse(texte, mode="eval")
    except SyntaxError as exc:
        ligne, colonne = exc.lineno or 1, exc.offset or 0
        if colonne == 0 or (ligne == 1 and colonne > len(texte)):
            raise FormuleInvalide("syntaxe invalide : formule incomplète") from None
        if ligne == 1:
            raise FormuleInvalide(f"syntaxe invalide à la colonne {colonne + decalage}") from None
        raise FormuleInvalide(f"syntaxe invalide à la ligne {ligne}, colonne {colonne}") from None
    except (RecursionError, MemoryError, ValueError):
        raise FormuleInvalide("formule trop complexe") from None
    _mesurer(arbre)
    _controler(arbre)
    return arbre


def _analyser_texte(expression: object) -> ast.Expression:
    if not isinstance(expression, str):
        raise FormuleInvalide(f"la formule doit être un texte, reçu {type(expression).__name__}")
    return _analyser(expression)


def verifier(expression: str, variables: Iterable[str]) -> None:
    """Lève ``FormuleInvalide`` si la formule n'est pas autorisée ou cite une variable non déclarée.

    >>> verifier("a / b * 100", ["a", "b"])
    >>> verifier("a / x", ["a", "b"])
    Traceback (most recent call last):
    ...
    calculators.erreurs.FormuleInvalide: variable inconnue « x » (variables déclarées : a, b)
    """
    arbre = _analyser_texte(expression)
    declarees = sorted(set(variables))
    inconnues = sorted(_noms(arbre) - set(declarees))
    if inconnues:
        liste = ", ".join(declarees) if declarees else "aucune"
        noms = ", ".join(f"« {nom} »" for nom in inconnues)
        pluriel = "s" if len(inconnues) > 1 else ""
        raise FormuleInvalide(f"variable{pluriel} inconnue{pluriel} {noms} (variables déclarées : {liste})")


def variables_utilisees(expression: str) -> set[str]:
    """Noms des variables citées par la formule (lève ``FormuleInvalide`` si elle est interdite)."""
    return _noms(_analyser_texte(expression))


def _en_decimal(nom: str, valeur: object) -> Decimal:
    if isinstance(valeur, bool) or not isinstance(valeur, (Decimal, int, float, str)):
        raise ValeurInvalide(f"valeur non numérique pour « {nom} » : {valeur!r}")
    try:
        if isinstance(valeur, str):
            nombre = Decimal(valeur.strip().replace(",", "."))
        else:
            nombre = decimal_exact(valeur)
    except InvalidOperation:
        raise ValeurInvalide(f"valeur non numérique pour « {nom} » : {valeur!r}") from None
    if not nombre.is_finite():
        raise ValeurInvalide(f"valeur non finie pour « {nom} » : {valeur!r}")
    return nombre


def evaluer(expression: str, valeurs: Mapping[str, Decimal | int | float | str]) -> Decimal:
    """Évalue la formule en ``Decimal`` (28 chiffres significatifs).

    Lève ``FormuleInvalide`` (formule ou variable manquante), ``ValeurInvalide`` (valeur non
    numérique) ou ``DivisionParZero`` dont le message dit quel diviseur vaut 0.

    >>> evaluer("a / b", {"a": 1, "b": 0})
    Traceback (most recent call last):
    ...
    calculators.erreurs.DivisionParZero: division par zéro : b vaut 0
    """
    arbre = _analyser_texte(expression)
    utilisees = _noms(arbre)
    verifier(expression, valeurs.keys())
    nombres = {nom: _en_decimal(nom, valeurs[nom]) for nom in sorted(utilisees)}
    with localcontext() as contexte:
        contexte.prec = PRECISION
        contexte.traps[InvalidOperation] = True
        contexte.traps[DivisionByZero] = True
        return _calculer(arbre.body, nombres)


def _calculer(noeud: ast.expr, nombres: dict[str, Decimal]) -> Decimal:
    if isinstance(noeud, ast.Constant):
        return decimal_exact(noeud.value)
    if isinstance(noeud, ast.Name):
        return nombres[noeud.id]
    if isinstance(noeud, ast.UnaryOp):
        valeur = _calculer(noeud.operand, nombres)
        return -valeur if isinstance(noeud.op, ast.USub) else +valeur
    if isinstance(noeud, ast.Call):
        arguments = [_calculer(argument, nombres) for argument in noeud.args]
        if noeud.func.id == "abs":
            return abs(arguments[0])
        return min(arguments) if noeud.func.id == "min" else max(arguments)
    gauche = _calculer(noeud.left, nombres)
    droite = _calculer(noeud.right, nombres)
    if isinstance(noeud.op, ast.Add):
        return gauche + droite
    if isinstance(noeud.op, ast.Sub):
        return gauche - droite
    if isinstance(noeud.op, ast.Mult):
        return gauche * droite
    if droite == 0:
        raise DivisionParZero(_raison_division(noeud.right))
    return gauche / droite


def _raison_division(diviseur: ast.expr) -> str:
    if isinstance(diviseur, ast.Name):
        return f"division par zéro : {diviseur.id} vaut 0"
    return f"division par zéro : « {_rendre(diviseur)} » vaut 0"


def notation_francaise(expression: str) -> str:
    """Rend la formule lisible : ``×``, ``÷``, ``−``, virgule décimale, ``;`` entre arguments.

    Les parenthèses gardées sont celles qu'exige la structure (un opérande droit de même priorité
    garde les siennes : ``a − (b − c)``).

    >>> notation_francaise("(a - b) / max(c, 0.5) * 100")
    '(a − b) ÷ max(c ; 0,5) × 100'
    """
    return _rendre(_analyser_texte(expression).body)


def _priorite(noeud: ast.expr) -> int:
    if isinstance(noeud, ast.BinOp):
        return _PRIORITE[type(noeud.op)]
    if isinstance(noeud, ast.UnaryOp):
        return _PRIORITE_UNAIRE
    return _PRIORITE_ATOME


def _entre_parentheses(texte: str, condition: bool) -> str:
    return f"({texte})" if condition else texte


def _rendre(noeud: ast.expr) -> str:
    if isinstance(noeud, ast.Constant):
        return litteral(noeud.value)
    if isinstance(noeud, ast.Name):
        return noeud.id
    if isinstance(noeud, ast.Call):
        return f"{noeud.func.id}({' ; '.join(_rendre(a) for a in noeud.args)})"
    if isinstance(noeud, ast.UnaryOp):
        signe = "−" if isinstance(noeud.op, ast.USub) else "+"
        operande = _rendre(noeud.operand)
        return signe + _entre_parentheses(operande, _priorite(noeud.operand) <= _PRIORITE_UNAIRE)
    priorite = _priorite(noeud)
    gauche = _entre_parentheses(_rendre(noeud.left), _priorite(noeud.left) < priorite)
    droite_prio = _priorite(noeud.right)
    droite = _entre_parentheses(_rendre(noeud.right), droite_prio <= priorite or droite_prio == _PRIORITE_UNAIRE)
    return f"{gauche} {_OPERATEURS[type(noeud.op)]} {droite}"
