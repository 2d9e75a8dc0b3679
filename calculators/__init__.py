"""Calculateurs du guide CPOM 2026-2030 (bibliothèque standard seulement, CPython et Pyodide).

Point d'entrée commun à la ligne de commande et au navigateur : ``executer`` / ``executer_json``.
"""

from calculators.contrat import CALCULS, executer, executer_json
from calculators.erreurs import (
    DivisionParZero,
    EntreeInvalide,
    Erreur,
    ErreurCalcul,
    FormuleInvalide,
    ValeurInvalide,
)
from calculators.formule import evaluer, notation_francaise, variables_utilisees, verifier

__all__ = [
    "CALCULS",
    "DivisionParZero",
    "EntreeInvalide",
    "Erreur",
    "ErreurCalcul",
    "FormuleInvalide",
    "ValeurInvalide",
    "evaluer",
    "executer",
    "executer_json",
    "notation_francaise",
    "variables_utilisees",
    "verifier",
]
