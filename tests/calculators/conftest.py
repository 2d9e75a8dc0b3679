"""Fixtures des tests des calculateurs : paramètres de test (indépendants du YAML de modules/)."""

import copy

import pytest
from parametres_essai import PARAMETRES

from calculators.erreurs import EntreeInvalide


@pytest.fixture
def parametres():
    """Copie modifiable des paramètres de test (corpus/parametres.json)."""
    return copy.deepcopy(PARAMETRES)


def _erreurs_de(calcul, *arguments):
    """Les messages (« champ: message ») de l'``EntreeInvalide`` levée par ``calcul(*arguments)``."""
    with pytest.raises(EntreeInvalide) as exc:
        calcul(*arguments)
    return [str(erreur) for erreur in exc.value.erreurs]


@pytest.fixture
def erreurs_de():
    """``erreurs_de(calcul, *arguments)`` → liste des erreurs levées (échoue si rien n'est levé)."""
    return _erreurs_de
