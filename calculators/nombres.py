r"""Nombres décimaux : arrondi au demi supérieur, conversion JSON et écriture à la française.

Seul endroit du projet où un nombre est écrit à la française : les calculateurs (CPython et
navigateur) comme la construction du site (filtres Jinja ``nombre_fr``, formulaires, formules).

>>> arrondir(Decimal("85.976"))
Decimal('85.98')
>>> arrondir(Decimal("0.125"))
Decimal('0.13')
>>> en_json(Decimal("92.00"))
92.0
>>> francais(Decimal("1234.5"), 2)
'1\u202f234,50'
>>> francais(Decimal("20"))
'20'
>>> nombre_fr(0.5), nombre_fr(20), nombre_fr(1234567), nombre_fr(20.0), nombre_fr(None)
('0,5', '20', '1\u202f234\u202f567', '20', '')
>>> litteral(0.5), litteral(1000), litteral(1e40)
('0,5', '1000', '1E+40')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["arrondir", "decimal_exact", "en_json", "francais", "litteral", "nombre_fr"]

ESPACE_MILLIERS = "\u202f"  # espace fine insécable


def decimal_exact(valeur: int | float | Decimal) -> Decimal:
    """``Decimal`` qui s'écrit comme la valeur (``0.1`` donne ``Decimal('0.1')``, pas sa forme binaire)."""
    if isinstance(valeur, float):
        return Decimal(repr(valeur))
    return Decimal(valeur)


def arrondir(valeur: Decimal, decimales: int = 2) -> Decimal:
    """Arrondi au demi supérieur (``ROUND_HALF_UP``) à ``decimales`` chiffres après la virgule."""
    return valeur.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def en_json(valeur: Decimal, decimales: int = 2) -> float:
    """Nombre JSON (``float``) arrondi ; ``-0.0`` devient ``0.0``."""
    return float(arrondir(valeur, decimales)) + 0.0


def francais(valeur: Decimal, decimales: int | None = None) -> str:
    """Écriture française : virgule décimale, espace fine entre les milliers.

    Sans ``decimales``, la valeur est écrite telle quelle, sans zéros inutiles.
    """
    if decimales is None:
        texte = format(valeur.normalize() if valeur == valeur.to_integral_value() else valeur, "f")
        if "." in texte:
            texte = texte.rstrip("0").rstrip(".")
    else:
        texte = format(arrondir(valeur, decimales), "f")
    signe = "−" if texte.startswith("-") else ""
    entier, _, fraction = texte.lstrip("-").partition(".")
    groupes = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    texte = ESPACE_MILLIERS.join(groupes) + ("," + fraction if fraction else "")
    return signe + texte if texte.strip("0,\u202f") else texte


def nombre_fr(valeur: int | float | Decimal | None) -> str:
    """Nombre du YAML écrit à la française, tel quel (``0.5`` -> ``0,5``) ; ``None`` -> texte vide."""
    if valeur is None:
        return ""
    return francais(decimal_exact(valeur))


def litteral(valeur: int | float | Decimal) -> str:
    """Nombre d'une formule : virgule décimale, sans espace des milliers (notation scientifique au-delà
    de 10^30, pour ne pas écrire 300 chiffres)."""
    nombre = decimal_exact(valeur)
    texte = format(nombre, "f") if -30 < nombre.adjusted() < 30 else str(nombre)
    return texte.replace(".", ",")
