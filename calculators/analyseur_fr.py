"""``argparse`` en français, partagé par les commandes ``python -m calculators`` et ``python -m guide``."""

from __future__ import annotations

import argparse
import sys

__all__ = ["AnalyseurFrancais", "FormateurFrancais"]


class FormateurFrancais(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="utilisation : ")


class AnalyseurFrancais(argparse.ArgumentParser):
    """``argparse`` dont les messages d'erreur sont en français (code de sortie 2).

    >>> AnalyseurFrancais.traduire("invalid choice: 'chek' (choose from 'check')")
    "choix invalide : 'chek' (choix possibles : 'check')"
    """

    TRADUCTIONS = {
        "unrecognized arguments: ": "arguments inconnus : ",
        "expected one argument": "une valeur est attendue",
        "the following arguments are required: ": "arguments obligatoires manquants : ",
        "invalid choice: ": "choix invalide : ",
        "(choose from ": "(choix possibles : ",
    }

    @classmethod
    def traduire(cls, message: str) -> str:
        for anglais, francais in cls.TRADUCTIONS.items():
            message = message.replace(anglais, francais)
        return message

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {self.traduire(message)}\n")
