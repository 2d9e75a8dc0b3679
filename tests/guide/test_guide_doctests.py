"""Les exemples des docstrings de guide/ (doctest) sont justes."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["guide.donnees.erreurs", "guide.donnees.yamlio", "guide.donnees.validation", "guide.donnees.referentiel",
           "guide.rendu.rendu", "guide.rendu.pages", "guide.rendu.postrendu", "guide.rendu.dates",
           "guide.rendu.guide_complet", "guide.publication.export", "guide.publication.pdf",
           "guide.publication.navigateur", "guide.publication.cache", "guide.rendu.apercu",
           "guide.rendu.typographie"]


@pytest.mark.parametrize("nom", MODULES)
def test_doctests(nom):
    resultat = doctest.testmod(importlib.import_module(nom))
    assert resultat.failed == 0
