"""Calculateurs du guide CPOM 2026-2030 (bibliothèque standard seulement, CPython et Pyodide)."""

from calculators.erreurs import DivisionParZero, EntreeInvalide, Erreur, ErreurCalcul, FormuleInvalide
from calculators.formule import evaluer, notation_francaise, variables_utilisees, verifier

__all__ = [
    "DivisionParZero",
    "EntreeInvalide",
    "Erreur",
    "ErreurCalcul",
    "FormuleInvalide",
    "evaluer",
    "notation_francaise",
    "variables_utilisees",
    "verifier",
]
