"""Les exemples des docstrings du paquet sont exécutés (doctest)."""

import doctest
import importlib

import pytest

MODULES = ["analyseur_fr", "avancement", "contrat", "entrees", "erreurs", "formule", "modulation", "nombres", "seuils",
           "trajectoire", "vocabulaire"]


@pytest.mark.parametrize("nom", MODULES)
def test_doctests(nom):
    module = importlib.import_module(f"calculators.{nom}")
    resultat = doctest.testmod(module)
    assert resultat.failed == 0
    assert resultat.attempted > 0
