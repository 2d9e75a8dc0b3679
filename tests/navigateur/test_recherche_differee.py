"""Recherche de Material sur les pages de calculateur : son index attend la fin du démarrage du moteur
(relais docs/assets/javascripts/workers/recherche-differee.js, bloc `config` de guide/rendu/overrides/main.html), sauf
si le lecteur cherche avant ; ailleurs, la recherche est celle de Material."""

from __future__ import annotations

import re
import time

import pytest
from outils_navigateur import attendre_moteur, brancher_moteur

pytestmark = pytest.mark.navigateur

PAGE = "calculateurs/trajectoire/"
WORKER_MATERIAL = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
RELAIS = "/assets/javascripts/workers/recherche-differee.js"


def config(html: str) -> str:
    return re.search(r'"search": "([^"]+)"', html).group(1)


def test_le_relais_est_designe_sur_les_seules_pages_du_moteur(site_servi):
    pages = list(site_servi.dossier.rglob("index.html"))
    moteur = [p for p in pages if "data-calculateur=" in (t := p.read_text("utf-8")) or "data-mon-cpom" in t]
    assert len(moteur) > 50
    for chemin in pages:
        adresse = config(chemin.read_text("utf-8"))
        if chemin in moteur:  # si Material change le chemin de son worker, ce test le signale
            assert re.fullmatch(r"(\.\./)*assets/javascripts/workers/recherche-differee\.js#search\.[0-9a-f]+\.min\.js",
                                adresse), (chemin, adresse)
        else:
            assert re.fullmatch(r"(\.\./)*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", adresse), (chemin, adresse)


def chercher(page, mot: str) -> list[str]:
    page.keyboard.press("/")  # raccourci de Material : ouvre la recherche
    page.keyboard.type(mot)
    page.wait_for_selector(".md-search-result__item", state="attached")
    return page.locator(".md-search-result__item").all_inner_texts()


def test_l_index_attend_le_moteur_puis_la_recherche_repond(page, journal, site_servi):
    page.goto(site_servi.url(PAGE))
    attendre_moteur(page)
    page.wait_for_function("() => window.moteurTest.etat.etat === 'pret'")
    assert any(u.endswith(RELAIS) for u in journal.requetes)
    assert chercher(page, "vaccination")
    assert [u for u in journal.requetes if WORKER_MATERIAL.search(u)]
    assert journal.erreurs == []


def test_une_recherche_avant_le_moteur_n_attend_pas(contexte, page, journal, site_servi):
    """Moteur bloqué (WebAssembly jamais servi) et délai maximal du relais porté à 10 min : le worker
    de Material n'est pas chargé tant que le lecteur n'ouvre pas la recherche ; l'ouvrir le lance, et
    la recherche obtient ses résultats (seul ce signal peut les donner ici)."""
    contexte.route("**/pyodide.asm.wasm", lambda route: None)  # requête laissée sans réponse
    relais = (site_servi.dossier / RELAIS.lstrip("/")).read_text(encoding="utf-8")
    assert relais.count("const DELAI_MAX_MS = 5000;") == 1
    contexte.route("**" + RELAIS, lambda route: route.fulfill(
        status=200, content_type="text/javascript",
        body=relais.replace("const DELAI_MAX_MS = 5000;", "const DELAI_MAX_MS = 600000;")))
    page.goto(site_servi.url(PAGE))
    page.wait_for_load_state("load")
    time.sleep(1.5)
    brancher_moteur(page)
    assert page.evaluate("() => window.moteurTest.etat.etat") == "chargement"
    assert any(u.endswith(RELAIS) for u in journal.requetes)
    assert not [u for u in journal.requetes if WORKER_MATERIAL.search(u)]
    assert chercher(page, "vaccination")
    assert [u for u in journal.requetes if WORKER_MATERIAL.search(u)]
