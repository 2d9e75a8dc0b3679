"""Fixtures des tests d'accessibilité : site construit servi sur 127.0.0.1, Chromium, rapport axe-core.

Le site vient de la fixture de session ``site_construit`` (tests/conftest.py) ; il est servi par
http.server dans un fil d'exécution, sur un port libre. Le rapport complet (un JSON par page ou par
état de calculateur, et un résumé) est écrit dans artefacts/accessibilite/ à la fin de la session.
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from pathlib import Path

import pytest
from outils_accessibilite import AXE, Rapport, Site

playwright_sync = pytest.importorskip("playwright.sync_api")


class _Gestionnaire(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, format, *args):  # noqa: A002 (signature de la bibliothèque standard)
        pass


@pytest.fixture(scope="session")
def site_local(site_construit):
    """Le site construit servi sur http://127.0.0.1:<port libre>/."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gestionnaire = functools.partial(_Gestionnaire, directory=str(site_construit))
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", port), gestionnaire)
    serveur.daemon_threads = True
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield Site(f"http://127.0.0.1:{port}/", Path(site_construit))
    serveur.shutdown()
    serveur.server_close()


@pytest.fixture(scope="session")
def navigateur_a11y(chromium):
    """Le Chromium de la session (tests/conftest.py), si axe-core est installé."""
    if not AXE.is_file():
        pytest.skip(f"{AXE} absent : lancez « npm ci »")
    return chromium


@pytest.fixture
def page_a11y(navigateur_a11y):
    """Page d'un contexte neuf (stockage vide) ; CSP contournée pour injecter axe-core."""
    contexte = navigateur_a11y.new_context(bypass_csp=True, locale="fr-FR",
                                           viewport={"width": 1280, "height": 900})
    page = contexte.new_page()
    page.set_default_timeout(60_000)
    page.erreurs = []
    page.on("pageerror", lambda e: page.erreurs.append(str(e)))
    yield page
    contexte.close()


@pytest.fixture(scope="session")
def rapport_a11y():
    """Rassemble les analyses axe-core de la session ; écrit le résumé à la fin."""
    rapport = Rapport()
    yield rapport
    rapport.ecrire_resume()
