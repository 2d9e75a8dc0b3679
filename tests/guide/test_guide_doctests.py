"""Les exemples des docstrings de guide/ (doctest) sont justes."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["guide.erreurs", "guide.yamlio", "guide.validation", "guide.referentiel", "guide.rendu",
           "guide.pages", "guide.postrendu", "guide.typographie"]


@pytest.mark.parametrize("nom", MODULES)
def test_doctests(nom):
    resultat = doctest.testmod(importlib.import_module(nom))
    assert resultat.failed == 0
