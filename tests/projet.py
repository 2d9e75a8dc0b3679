"""Constantes et outils communs à tous les tests : racine du projet, construction du site."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
if str(RACINE) not in sys.path:  # `guide` et `calculators` importables sans installation
    sys.path.insert(0, str(RACINE))

CHROMIUM = "/usr/bin/chromium"  # paquet Debian « chromium » ; jamais « playwright install »
ARGUMENTS_CHROMIUM = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@functools.cache
def referentiel():
    """Le référentiel du vrai projet (modules/), chargé une fois par session de tests."""
    from guide.donnees.referentiel import charger_referentiel

    return charger_referentiel(RACINE)


def construire(projet: Path, destination: Path, **variables: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict -d destination`` dans ``projet`` (sortie capturée), avec d'éventuelles
    variables d'environnement en plus (ex. ``REPO_URL``)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **variables}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)],
        cwd=projet, capture_output=True, text=True, env=env, timeout=600,
    )
