"""Le site construit et finalisé : politique cohérente partout, extraits de configuration présents
et liés depuis la page « Héberger le site », variantes pré-compressées fidèles."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest

from guide import csp
from guide.finalisation import FICHIER_APACHE, FICHIER_NGINX, FICHIER_POLITIQUE


@pytest.fixture(scope="module")
def site(site_publie) -> Path:
    return site_publie[0]


@pytest.fixture(scope="module")
def politique(site) -> str:
    return (site / FICHIER_POLITIQUE).read_text(encoding="utf-8").strip()


def test_chaque_script_en_ligne_a_son_empreinte_et_chaque_page_sa_meta(site, politique):
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp.politique_meta(politique)}">'
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count('<meta http-equiv="Content-Security-Policy"') == 1 and meta in html, page
        assert html.index(meta) < html.index("<script"), page  # avant tout script
        for script in csp.scripts_en_ligne(html):
            assert csp.empreinte(script) in politique, (page, script[:80])


def test_memes_en_tetes_dans_tous_les_extraits(site, politique):
    assert f'add_header Content-Security-Policy "{politique}" always;' in (site / FICHIER_NGINX).read_text("utf-8")
    assert f'Header always set Content-Security-Policy "{politique}"' in (site / FICHIER_APACHE).read_text("utf-8")
    assert f"  Content-Security-Policy: {politique}\n" in (site / "_headers").read_text("utf-8")
    for extrait in (FICHIER_NGINX, FICHIER_APACHE):
        texte = (site / extrait).read_text("utf-8")
        assert "mjs" in texte and "application/wasm" in texte


class _Liens(HTMLParser):
    def __init__(self):
        super().__init__()
        self.liens = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.liens.append(dict(attrs).get("href") or "")


def test_page_hebergement_renvoie_aux_fichiers_produits(site):
    page = site / "hebergement" / "index.html"
    lecteur = _Liens()
    lecteur.feed(page.read_text("utf-8"))
    vers_fichiers = [h for h in lecteur.liens if re.search(r"\.(conf|htaccess|txt)$", h)]
    assert sorted(vers_fichiers) == ["apache.htaccess", "content-security-policy.txt", "nginx.conf"]
    for lien in vers_fichiers:
        assert (page.parent / lien).is_file(), lien


@pytest.mark.parametrize(
    "relatif",
    ["assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide.asm.mjs", "index.html", "search/search_index.json"],
)
def test_variantes_fideles(site, relatif):
    original = (site / relatif).read_bytes()
    assert gzip.decompress((site / (relatif + ".gz")).read_bytes()) == original
    assert brotli.decompress((site / (relatif + ".br")).read_bytes()) == original
