"""Exceptions des calculateurs : une seule racine, des messages en français.

>>> str(Erreur("etablissements[2].capacite", 'nombre positif attendu, reçu "abc"'))
'etablissements[2].capacite: nombre positif attendu, reçu "abc"'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DivisionParZero",
    "EntreeInvalide",
    "Erreur",
    "ErreurCalcul",
    "FormuleInvalide",
    "ValeurInvalide",
]


class ErreurCalcul(Exception):
    """Racine de toutes les erreurs levées par le paquet ``calculators``."""


class FormuleInvalide(ErreurCalcul, ValueError):
    """Formule refusée : syntaxe, élément interdit, variable inconnue ou taille excessive."""


class ValeurInvalide(ErreurCalcul, ValueError):
    """Valeur fournie à une formule qui n'est pas un nombre fini."""


class DivisionParZero(ErreurCalcul, ZeroDivisionError):
    """Division par zéro pendant l'évaluation ; ``raison`` dit quel diviseur vaut 0."""

    def __init__(self, raison: str) -> None:
        super().__init__(raison)
        self.raison = raison


@dataclass(frozen=True)
class Erreur:
    """Une erreur d'entrée : le chemin du champ (indices à partir de 0) et le message."""

    champ: str
    message: str

    def __str__(self) -> str:
        return f"{self.champ}: {self.message}"

    def en_dict(self) -> dict[str, str]:
        """Forme JSON : ``{"champ": ..., "message": ...}``."""
        return {"champ": self.champ, "message": self.message}


class EntreeInvalide(ErreurCalcul, ValueError):
    """Entrée refusée ; ``erreurs`` les contient toutes (une ligne par erreur dans ``str``)."""

    def __init__(self, erreurs: list[Erreur]) -> None:
        self.erreurs = list(erreurs)
        super().__init__("\n".join(str(e) for e in self.erreurs))
