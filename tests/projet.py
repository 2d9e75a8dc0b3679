"""Constantes et outils communs à tous les tests : racine du projet, construction du site."""

from __future__ import annotations

import functools
import os
import shutil
import socket
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


def copier_projet(destination: Path, *, cache: bool = True) -> Path:
    """Copie du projet (fichiers suivis et nouveaux, sans les fichiers ignorés) dans ``destination`` ;
    avec ``cache``, le cache de pré-compression (.cache/, calculé par contenu) est copié aussi."""
    fichiers = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=RACINE, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for relatif in filter(None, fichiers):
        source = RACINE / relatif
        if source.is_file() and not source.is_symlink():
            (destination / relatif).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / relatif)
    if cache and (RACINE / ".cache").is_dir():
        shutil.copytree(RACINE / ".cache", destination / ".cache", symlinks=True)
    return destination


def port_libre() -> int:
    """Un port TCP libre sur 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
