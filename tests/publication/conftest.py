"""Fixtures de publication : le site construit et finalisé, servi comme par un hébergeur."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from guide.publication.finalisation import FICHIER_HEADERS, finaliser_site


def _adresse(site: Path) -> str | None:
    """Le site_url avec lequel le site a été construit (lu dans sitemap.xml)."""
    plan = site / "sitemap.xml"
    trouve = plan.is_file() and re.search(r"<loc>(http://127\.0\.0\.1:\d+/)", plan.read_text("utf-8"))
    return trouve.group(1) if trouve else None


def _port_libre(port: int = 0) -> int | None:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return None
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_publie(site_construit, tmp_path_factory) -> tuple[Path, int]:
    """Le site construit et finalisé (CSP, extraits, variantes .gz/.br), et le port où le servir.

    La navigation instantanée n'est active que sous site_url : si le port de site_url est pris,
    le site est reconstruit pour un port libre. Si la construction n'appelle pas encore
    finaliser_site (pas de _headers), une copie est finalisée ici (le site partagé reste intact).
    """
    site, adresse = site_construit, _adresse(site_construit)
    port = _port_libre(urlsplit(adresse).port) if adresse else None
    if port is None:
        port = _port_libre()
        site = tmp_path_factory.mktemp("site_publie") / "site"
        env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            cwd=Path(__file__).resolve().parents[2], env=env, check=True, timeout=600,
        )
    if not (site / FICHIER_HEADERS).is_file():
        if site == site_construit:
            site = tmp_path_factory.mktemp("site_publie") / "site"
            shutil.copytree(site_construit, site)
        finaliser_site(site)
    return site, port


def en_tetes_du_fichier(site: Path) -> list[tuple[str, str]]:
    """En-têtes du bloc « /* » du fichier _headers produit (format Netlify / Cloudflare Pages)."""
    en_tetes, dans_bloc = [], False
    for ligne in (site / FICHIER_HEADERS).read_text(encoding="utf-8").splitlines():
        if not ligne.strip() or ligne.lstrip().startswith("#"):
            continue
        if not ligne[0].isspace():
            dans_bloc = ligne.strip() == "/*"
        elif dans_bloc:
            nom, valeur = ligne.strip().split(":", 1)
            en_tetes.append((nom.strip(), valeur.strip()))
    return en_tetes


class _Gestionnaire(http.server.SimpleHTTPRequestHandler):
    """Sert le site avec les en-têtes de _headers et ses variantes pré-compressées (comme
    gzip_static / brotli_static de nginx)."""

    def end_headers(self):
        for nom, valeur in self.server.en_tetes:
            self.send_header(nom, valeur)
        super().end_headers()

    def send_head(self):
        chemin = self.translate_path(self.path)
        if os.path.isdir(chemin) and self.path.split("?")[0].endswith("/"):
            chemin = os.path.join(chemin, "index.html")
        acceptes = self.headers.get("Accept-Encoding", "")
        for suffixe, codage in ((".br", "br"), (".gz", "gzip")):
            if codage in acceptes and os.path.isfile(chemin + suffixe):
                fichier = open(chemin + suffixe, "rb")  # noqa: SIM115 (fermé par le serveur)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(chemin))
                self.send_header("Content-Encoding", codage)
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Length", str(os.fstat(fichier.fileno()).st_size))
                self.end_headers()
                self.server.encodages[self.path.split("?")[0]] = codage
                return fichier
        return super().send_head()

    def log_message(self, format, *args):  # noqa: A002 (signature de la bibliothèque standard)
        pass


@pytest.fixture(scope="session")
def serveur_publie(site_publie):
    """Adresse http://127.0.0.1:PORT/ d'un serveur local du site publié ; .encodages note les
    réponses servies pré-compressées (chemin -> "br" ou "gzip")."""

    site, port = site_publie

    def gestionnaire(*args, **kwargs):
        return _Gestionnaire(*args, directory=str(site), **kwargs)

    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", port), gestionnaire)
    serveur.site = site
    serveur.en_tetes = en_tetes_du_fichier(site)
    serveur.encodages = {}
    serveur.daemon_threads = True
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    serveur.adresse = f"http://127.0.0.1:{serveur.server_address[1]}/"
    yield serveur
    serveur.shutdown()
    serveur.server_close()
