"""Fixtures des tests dans Chromium : site construit servi sur 127.0.0.1, navigateur Playwright.

Le site vient de la fixture de session ``site_construit`` (tests/conftest.py) s'il a été construit
pour une adresse où on peut le servir (la navigation instantanée n'est active que sous ``site_url``) ;
sinon il est construit ici avec ``SITE_URL`` sur un port libre.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from outils_navigateur import (
    DELAI_MOTEUR_MS,
    Gestionnaire,
    Journal,
    Serveur,
    adresse_du_site,
    construire,
    port_disponible,
    port_libre,
)

playwright_sync = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def site_servi(request, tmp_path_factory):
    """Le site construit, servi par http.server dans un fil d'exécution, sur 127.0.0.1."""
    site = None
    try:
        site = Path(request.getfixturevalue("site_construit"))
    except pytest.FixtureLookupError:
        site = None
    adresse = adresse_du_site(site) if site else None
    port = urlsplit(adresse).port if adresse else None
    if not (adresse and urlsplit(adresse).hostname == "127.0.0.1" and port and port_disponible(port)):
        port = port_libre()
        adresse = f"http://127.0.0.1:{port}/"
        site = tmp_path_factory.mktemp("site-navigateur")
        try:
            construire(site, adresse)
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)
    gestionnaire = functools.partial(Gestionnaire, directory=str(site))
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", port), gestionnaire)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield Serveur(adresse, site)
    serveur.shutdown()
    serveur.server_close()


@pytest.fixture
def contexte(chromium, site_servi):
    """Contexte neuf (stockage vide) dont les requêtes et erreurs sont journalisées."""
    contexte = chromium.new_context(locale="fr-FR", accept_downloads=True)
    journal = Journal()
    contexte.on("request", lambda r: journal.requetes.append(r.url))
    contexte.on("weberror", lambda e: journal.erreurs.append(f"erreur JavaScript : {e.error}"))
    contexte.journal = journal
    yield contexte
    contexte.close()


@pytest.fixture
def page(contexte):
    page = contexte.new_page()
    page.set_default_timeout(DELAI_MOTEUR_MS)
    page.on("console", lambda m: m.type == "error" and contexte.journal.erreurs.append(f"console : {m.text}"))
    page.on("pageerror", lambda e: contexte.journal.erreurs.append(f"erreur de page : {e}"))
    return page


@pytest.fixture
def journal(contexte):
    return contexte.journal
