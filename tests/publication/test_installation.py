"""La commande du README qui sert le site marche sur une Debian 12 nue, dont le Python refuse
« pip install » hors environnement virtuel (PEP 668) : l'installeur crée et utilise .venv/ et ne
touche jamais au Python du système.

Le projet est copié (fichiers suivis et nouveaux, hors fichiers ignorés) dans un dossier temporaire,
puis ``bash scripts/servir.sh`` y est lancé avec un environnement vide (``env -i``) dont le PATH ne
contient que les dossiers du système : ``python3`` y est celui de Debian.
"""

from __future__ import annotations

import glob
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from projet import copier_projet, port_libre

pytestmark = pytest.mark.complet  # installe depuis PyPI et npm, construit le site avec Chromium

PATH_SYSTEME = "/usr/sbin:/usr/bin:/sbin:/bin"
PYTHON_SYSTEME = "/usr/bin/python3"


def _python_systeme_protege() -> bool:
    return Path(PYTHON_SYSTEME).exists() and bool(glob.glob("/usr/lib/python3*/EXTERNALLY-MANAGED"))


@pytest.mark.skipif(not _python_systeme_protege(),
                    reason="pas de Python système protégé par EXTERNALLY-MANAGED (PEP 668) sur cette machine")
def test_servir_sur_debian_nue_sans_toucher_au_python_du_systeme(tmp_path):
    # Le Python du système refuse bien pip : c'est la situation que l'installeur doit contourner.
    refus = subprocess.run([PYTHON_SYSTEME, "-m", "pip", "install", "--dry-run", "six"],
                           capture_output=True, text=True, env={"PATH": PATH_SYSTEME})
    assert refus.returncode != 0
    assert "externally-managed-environment" in refus.stdout + refus.stderr or "No module named pip" in refus.stderr

    projet = tmp_path / "projet"
    copier_projet(projet)
    port = port_libre()
    journal = tmp_path / "servir.log"
    env = {"PATH": PATH_SYSTEME, "HOME": os.environ.get("HOME", "/root"), "PORT": str(port)}
    with journal.open("w") as sortie:
        serveur = subprocess.Popen(["bash", "scripts/servir.sh"], cwd=projet, env=env,
                                   stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = None
        limite = time.monotonic() + 900
        while time.monotonic() < limite and serveur.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reponse:
                    page = reponse.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(2)
        assert page is not None, f"le site n'a pas été servi :\n{journal.read_text()[-4000:]}"
        assert "<title>Guide CPOM 2026-2030</title>" in page
        assert "livereload" in page  # l'aperçu en direct de mkdocs serve
    finally:
        os.killpg(serveur.pid, signal.SIGTERM)
        serveur.wait(timeout=30)

    # L'installeur a créé l'environnement du projet, l'a rempli, et n'a rien mis dans le système.
    assert (projet / ".venv" / "bin" / "python").exists()
    dans_venv = subprocess.run([str(projet / ".venv" / "bin" / "python"), "-c", "import mkdocs, material, yaml"],
                               capture_output=True, text=True)
    assert dans_venv.returncode == 0, dans_venv.stderr
    systeme = subprocess.run([PYTHON_SYSTEME, "-c", "import mkdocs"], capture_output=True, text=True,
                             env={"PATH": PATH_SYSTEME})
    assert systeme.returncode != 0 and "No module named 'mkdocs'" in systeme.stderr
