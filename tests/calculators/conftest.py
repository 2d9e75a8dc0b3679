"""Fixtures des tests des calculateurs : paramètres de test (indépendants du YAML de modules/)."""

import copy
import json
from pathlib import Path

import pytest

DOSSIER = Path(__file__).parent
FICHIER_PARAMETRES = DOSSIER / "corpus" / "parametres.json"
PARAMETRES = json.loads(FICHIER_PARAMETRES.read_text(encoding="utf-8"))


@pytest.fixture
def parametres():
    """Copie modifiable des paramètres de test (corpus/parametres.json)."""
    return copy.deepcopy(PARAMETRES)
