"""Outils des tests dans Chromium (importés par conftest.py, les tests et scripts/banc_essai.py)."""

from __future__ import annotations

import http.server
import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

RACINE = Path(__file__).resolve().parents[2]
from projet import ARGUMENTS_CHROMIUM, CHROMIUM  # noqa: E402,F401  (réexportés pour scripts/banc_essai.py)
# Pyodide démarre en 2 à 4 s ; la machine d'intégration continue peut être plus lente.
DELAI_MOTEUR_MS = 60_000

def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_disponible(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def adresse_du_site(site: Path) -> str | None:
    """Le ``site_url`` avec lequel le site a été construit (lu dans sitemap.xml)."""
    plan = site / "sitemap.xml"
    if not plan.is_file():
        return None
    trouve = re.search(r"<loc>(https?://[^<]+?/)[^<]*</loc>", plan.read_text(encoding="utf-8"))
    return trouve.group(1) if trouve else None


def construire(destination: Path, adresse: str) -> None:
    """``mkdocs build --strict`` vers ``destination`` pour ``adresse`` (SITE_URL)."""
    environnement = {**os.environ, "SITE_URL": adresse, "NO_MKDOCS_2_WARNING": "1"}
    resultat = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(destination)],
        cwd=RACINE, env=environnement, capture_output=True, text=True, check=False,
    )
    if resultat.returncode != 0:
        raise RuntimeError(f"La construction du site a échoué :\n{resultat.stdout}\n{resultat.stderr}")


class Gestionnaire(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, format, *args):  # noqa: A002 — signature imposée
        pass


@dataclass
class Serveur:
    """Site servi : adresse de base (finit par /) et dossier."""

    base: str
    dossier: Path
    origine: str = field(init=False)

    def __post_init__(self):
        morceaux = urlsplit(self.base)
        self.origine = f"{morceaux.scheme}://{morceaux.netloc}"

    def url(self, chemin: str = "") -> str:
        return self.base + chemin.lstrip("/")


@dataclass
class Journal:
    """Ce que la page a fait : requêtes, erreurs de console, erreurs JavaScript."""

    requetes: list[str] = field(default_factory=list)
    erreurs: list[str] = field(default_factory=list)

    def hors_origine(self, origine: str) -> list[str]:
        return [u for u in self.requetes if not (u.startswith(origine + "/") or u.startswith(("blob:", "data:")))]


# Le site ne pose aucun accès de test sur `window` : le test importe lui-même le module du transport
# (même URL que celle qu'importe calculateurs.js, donc la même instance) et le range dans
# `window.moteurTest`, de son côté.
IMPORT_MOTEUR = """async () => {
  const script = document.querySelector('script[src$="assets/js/calculateurs.js"]');
  window.moteurTest = (await import(new URL("transport.js", script.src))).moteurDuSite;
}"""


def brancher_moteur(page) -> None:
    """Range le moteur de la page (docs/assets/js/transport.js, moteurDuSite) dans window.moteurTest."""
    page.wait_for_selector('script[src$="assets/js/calculateurs.js"]', state="attached", timeout=DELAI_MOTEUR_MS)
    page.evaluate(IMPORT_MOTEUR)


def attendre_moteur(page) -> None:
    """Attend que le moteur Python du navigateur soit prêt (ou échoue avec son message)."""
    brancher_moteur(page)
    page.evaluate("() => window.moteurTest.demarrer()")


def texte(locator) -> str:
    """Texte visible, espaces (insécables compris) réduits à une espace simple."""
    brut = locator.inner_text().replace("\u202f", " ").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", brut).strip()


def attendre_etat(page, etat: str, racine: str = "[data-calculateur]") -> None:
    """Attend que le dernier calcul demandé soit terminé dans l'état ``etat`` (ok, erreurs)."""
    page.wait_for_function(
        "([s, e]) => { const r = document.querySelector(s); return r.dataset.etatCalcul === e && !r.dataset.enCours; }",
        arg=[racine, etat],
    )
