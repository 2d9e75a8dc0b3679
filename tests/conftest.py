"""Fixtures communes : racine du projet importable, site construit une seule fois par session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Pas de délai par exemple pour Hypothesis : sur une machine chargée (CI, 2 cœurs), un exemple lent
# n'est pas un défaut ; les tests qui gardent contre un blocage mesurent eux-mêmes le temps CPU.
settings.register_profile("projet", deadline=None)
settings.load_profile("projet")

from projet import ARGUMENTS_CHROMIUM, CHROMIUM, RACINE, construire  # tests/ est dans sys.path grâce à ce conftest


# Niveau rapide (bash scripts/tester.sh --rapide) : tout test qui demande le site construit (donc npm
# pour Pyodide et Chromium pour le PDF) ou Chromium est marqué « complet » et n'y tourne pas.
# Les fixtures sont suivies en profondeur (item.fixturenames contient toute leur fermeture).
FIXTURES_COMPLETES = {"site_construit", "site_servi", "chromium"}  # site_servi demande site_construit dynamiquement


def pytest_collection_modifyitems(config, items):
    for item in items:
        if FIXTURES_COMPLETES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.complet)


@pytest.fixture(scope="session")
def racine_projet() -> Path:
    """Dossier du projet (celui de mkdocs.yml)."""
    return RACINE


@pytest.fixture(scope="session")
def site_construit(tmp_path_factory) -> Path:
    """Le vrai projet construit avec ``mkdocs build --strict``, une seule fois ; renvoie le dossier du site."""
    destination = tmp_path_factory.mktemp("site_construit") / "site"
    resultat = construire(RACINE, destination)
    if resultat.returncode != 0:
        pytest.fail(f"mkdocs build --strict a échoué (code {resultat.returncode}) :\n"
                    f"{resultat.stdout}\n{resultat.stderr}", pytrace=False)
    return destination


@pytest.fixture(scope="session")
def chromium():
    """Le Chromium de Debian piloté par Playwright, un seul pour toute la session : l'API synchrone de
    Playwright ne peut pas être ouverte deux fois en même temps dans un même processus."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} absent : installez le paquet Debian chromium (scripts/installer.sh --tests)")
    with playwright_sync.sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS_CHROMIUM)
        yield navigateur
        navigateur.close()
