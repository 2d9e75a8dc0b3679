"""Le site construit et finalisé : politique cohérente partout, extraits de configuration présents
et liés depuis la page « Héberger le site », variantes pré-compressées fidèles."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest

from guide.publication import csp
from guide.publication.finalisation import FICHIER_APACHE, FICHIER_NGINX, FICHIER_POLITIQUE


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
        assert "text/javascript mjs" in texte or "AddType text/javascript .mjs" in texte
        assert "application/wasm" in texte


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


MODULE_BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx absent (paquet Debian nginx)")
def test_extrait_nginx_accepte_par_nginx(site, tmp_path):
    extrait = (site / FICHIER_NGINX).read_text("utf-8")
    if not MODULE_BROTLI.is_file():  # comme le dit l'extrait : sans ngx_brotli, retirer la ligne
        extrait = extrait.replace("brotli_static on;", "")
    (tmp_path / "site.conf").write_text(extrait, encoding="utf-8")
    chargement = f"load_module {MODULE_BROTLI};\n" if MODULE_BROTLI.is_file() else ""
    (tmp_path / "nginx.conf").write_text(
        f"{chargement}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/erreurs.log;\nevents {{}}\n"
        f"http {{ server {{ listen 127.0.0.1:8; root {site}; include {tmp_path}/site.conf; }} }}\n",
        encoding="utf-8",
    )
    resultat = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, check=False,
    )
    assert resultat.returncode == 0 and "[warn]" not in resultat.stderr, resultat.stderr


@pytest.mark.skipif(shutil.which("apache2") is None, reason="Apache absent (paquet Debian apache2)")
def test_extrait_apache_accepte_par_apache(site, tmp_path):
    modules = Path("/usr/lib/apache2/modules")
    charges = "".join(
        f"LoadModule {nom}_module {modules}/mod_{nom}.so\n"
        for nom in ("mpm_event", "authz_core", "mime", "dir", "rewrite", "headers")
    )
    # Le .htaccess est lu à chaque requête : on vérifie sa syntaxe dans un bloc <Directory>.
    (tmp_path / "httpd.conf").write_text(
        f"ServerRoot {tmp_path}\nPidFile {tmp_path}/httpd.pid\nErrorLog {tmp_path}/erreurs.log\n"
        f"Listen 127.0.0.1:8\nServerName localhost\n{charges}TypesConfig /etc/mime.types\n"
        f"DocumentRoot {site}\n<Directory {site}>\nRequire all granted\n"
        f"Include {site / FICHIER_APACHE}\n</Directory>\n",
        encoding="utf-8",
    )
    resultat = subprocess.run(
        ["apache2", "-t", "-f", str(tmp_path / "httpd.conf")], capture_output=True, text=True, check=False
    )
    assert resultat.returncode == 0, resultat.stderr
