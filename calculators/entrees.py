"""Lecture des entrées : chaque champ est contrôlé, toutes les erreurs sont collectées avec leur chemin.

Les nombres sont acceptés en JSON (``12.5``) ou en texte, y compris à la française (``"12,5"``,
``"1 234,5"``). Sont refusés : booléens, ``NaN``, infinis, textes non numériques.

>>> lecteur = Lecteur()
>>> lecteur.nombre({"capacite": "abc"}, "capacite", "etablissements[2].capacite", minimum=0, strict=True)
>>> lecteur.nombre({"dotation": "1 234,5"}, "dotation", "dotation", minimum=0)
Decimal('1234.5')
>>> [str(e) for e in lecteur.erreurs]
['etablissements[2].capacite: nombre positif attendu, reçu "abc"']
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from calculators.erreurs import EntreeInvalide, Erreur
from calculators.nombres import decimal_exact, francais

__all__ = ["MANQUANT", "Lecteur", "attendu", "recu"]

MANQUANT = "champ obligatoire manquant"
_NOMBRE_TEXTE = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d{1,4})?")
_ESPACES = str.maketrans("", "", " \u00a0\u202f")
_LONGUEUR_RECU = 40


def recu(valeur: object) -> str:
    """La valeur reçue telle qu'écrite en JSON, tronquée (``"abc"``, ``null``, ``true``, ``NaN``)."""
    try:
        texte = json.dumps(valeur, ensure_ascii=False)
    except (TypeError, ValueError):
        texte = repr(valeur)
    return texte if len(texte) <= _LONGUEUR_RECU else texte[: _LONGUEUR_RECU - 1] + "…"


def attendu(entier: bool = False, minimum=None, maximum=None, strict: bool = False) -> str:
    """Ce qui est attendu, en français : « nombre positif attendu », « nombre entier entre 1 et 20 attendu »…"""
    base = "nombre entier" if entier else "nombre"
    minimum = None if minimum is None else decimal_exact(minimum)
    maximum = None if maximum is None else decimal_exact(maximum)
    if minimum is not None and maximum is not None:
        if strict and minimum == 0:
            return f"{base} positif inférieur ou égal à {francais(maximum)} attendu"
        return f"{base} entre {francais(minimum)} et {francais(maximum)} attendu"
    if minimum is not None and minimum == 0:
        return f"{base} positif attendu" if strict else f"{base} positif ou nul attendu"
    if minimum is not None:
        comparaison = "supérieur à" if strict else "supérieur ou égal à"
        return f"{base} {comparaison} {francais(minimum)} attendu"
    if maximum is not None:
        return f"{base} inférieur ou égal à {francais(maximum)} attendu"
    return f"{base} attendu"


def _convertir(valeur: object) -> Decimal | None:
    """Nombre fini ou ``None`` si la valeur n'en est pas un."""
    if isinstance(valeur, bool):
        return None
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        return decimal_exact(valeur) if math.isfinite(valeur) else None
    if isinstance(valeur, Decimal):
        return valeur if valeur.is_finite() else None
    if isinstance(valeur, str):
        texte = valeur.strip().translate(_ESPACES)
        if len(texte) > 60 or not _NOMBRE_TEXTE.fullmatch(texte):
            return None
        try:
            return Decimal(texte.replace(",", "."))
        except InvalidOperation:
            return None
    return None


class Lecteur:
    """Collecte les erreurs de lecture ; ``terminer()`` lève ``EntreeInvalide`` s'il y en a."""

    def __init__(self) -> None:
        self.erreurs: list[Erreur] = []

    def erreur(self, champ: str, message: str) -> None:
        self.erreurs.append(Erreur(champ, message))

    def terminer(self) -> None:
        if self.erreurs:
            raise EntreeInvalide(self.erreurs)

    def objet(self, valeur: object, champ: str) -> dict | None:
        if isinstance(valeur, dict):
            return valeur
        self.erreur(champ, f"objet JSON attendu, reçu {recu(valeur)}")
        return None

    def liste(self, objet: dict, cle: str, champ: str, maximum: int = 1000) -> list | None:
        """Liste non vide d'au plus ``maximum`` éléments."""
        valeur = objet.get(cle)
        if cle not in objet or valeur is None:
            self.erreur(champ, MANQUANT)
        elif not isinstance(valeur, list) or not valeur:
            self.erreur(champ, f"liste non vide attendue, reçu {recu(valeur)}")
        elif len(valeur) > maximum:
            self.erreur(champ, f"liste de {maximum} éléments au plus attendue, reçu {len(valeur)} éléments")
        else:
            return valeur
        return None

    def elements(self, objet: dict, cle: str, champ: str, maximum: int = 1000) -> Iterator[tuple[str, dict]]:
        """Les objets d'une liste non vide, avec leur chemin ``champ[i]`` ; les autres sont signalés
        au fil du parcours (les erreurs restent dans l'ordre des éléments)."""
        for rang, valeur in enumerate(self.liste(objet, cle, champ, maximum) or []):
            element = self.objet(valeur, f"{champ}[{rang}]")
            if element is not None:
                yield f"{champ}[{rang}]", element

    def texte(self, objet: dict, cle: str, champ: str, obligatoire: bool = True, maximum: int = 200) -> str | None:
        """Texte non vide (espaces de début et de fin retirés), ou ``None`` s'il est facultatif et absent."""
        valeur = objet.get(cle)
        if valeur is None or (isinstance(valeur, str) and not valeur.strip() and not obligatoire):
            if obligatoire:
                self.erreur(champ, MANQUANT)
            return None
        if not isinstance(valeur, str) or not valeur.strip():
            self.erreur(champ, f"texte non vide attendu, reçu {recu(valeur)}")
            return None
        if len(valeur) > maximum:
            self.erreur(champ, f"texte de {maximum} caractères au plus attendu, reçu {len(valeur)} caractères")
            return None
        return valeur.strip()

    def choix(self, objet: dict, cle: str, champ: str, valeurs: list[str], inconnu: str) -> str | None:
        """Texte qui doit être l'une des ``valeurs`` ; sinon « {inconnu} « texte » (valeurs possibles : …) » (la casse est ignorée ; la forme de référence est rendue)."""
        texte = self.texte(objet, cle, champ)
        if texte is None:
            return None
        for valeur in valeurs:
            if valeur.casefold() == texte.casefold():
                return valeur
        self.erreur(champ, f"{inconnu} « {texte} » (valeurs possibles : {', '.join(valeurs)})")
        return None

    def nombre(
        self,
        objet: dict,
        cle: str,
        champ: str,
        *,
        minimum=None,
        maximum=None,
        strict: bool = False,
        entier: bool = False,
        defaut: Decimal | None = None,
        obligatoire: bool = True,
    ) -> Decimal | None:
        """Nombre fini dans les bornes (``strict`` : minimum exclu) ; ``defaut`` si absent ou vide."""
        valeur = objet.get(cle)
        if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
            if defaut is None and obligatoire:
                self.erreur(champ, MANQUANT)
            return defaut
        nombre = _convertir(valeur)
        if (
            nombre is None
            or (entier and nombre != nombre.to_integral_value())
            or (minimum is not None and (nombre < minimum or (strict and nombre == minimum)))
            or (maximum is not None and nombre > maximum)
        ):
            self.erreur(champ, f"{attendu(entier, minimum, maximum, strict)}, reçu {recu(valeur)}")
            return None
        return nombre
