"""Fixtures communes : racine du projet importable, site construit une seule fois par session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
if str(RACINE) not in sys.path:  # `guide` et `calculators` importables sans installation
    sys.path.insert(0, str(RACINE))


def construire(projet: Path, destination: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict -d destination`` dans ``projet`` (sortie capturée)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)],
        cwd=projet, capture_output=True, text=True, env=env, timeout=600,
    )


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
