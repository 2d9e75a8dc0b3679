"""Construction réelle : un YAML cassé bloque tout, et le vrai site construit est complet et autonome."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from projet import RACINE, construire
from guide.donnees.referentiel import charger_referentiel

MODULE_CASSE = """\
id: zz-casse
ordre: 98
titre: Module cassé
statut: obligatoire
famille: politiques_publiques
attendus: [Attendu]
indicateur: indicateur-qui-n-existe-pas
libelle_indicateur: Taux
presentation: Module de test.
sources: []
themes:
  - id: fiche-zz-casse
    titre: Vaccination
    secteurs: PA
    etat: en_cours
"""


def copier_projet(destination: Path) -> Path:
    """Copie ce qu'il faut pour construire le projet (sans site/, node_modules/, caches)."""
    destination.mkdir(parents=True, exist_ok=True)
    ignorer = shutil.ignore_patterns("__pycache__", "*.pyc")
    for nom in ("mkdocs.yml", "macros.py", "package.json"):
        if (RACINE / nom).exists():
            shutil.copy2(RACINE / nom, destination / nom)
    for nom in ("guide", "calculators", "docs", "modules"):
        shutil.copytree(RACINE / nom, destination / nom, ignore=ignorer)
    return destination


def test_build_strict_echoue_sur_un_yaml_casse_et_ne_produit_rien(tmp_path):
    projet = copier_projet(tmp_path / "projet")
    (projet / "modules" / "zz-casse.yml").write_text(MODULE_CASSE, encoding="utf-8")
    site = tmp_path / "site"

    resultat = construire(projet, site)

    assert resultat.returncode != 0
    assert not site.exists(), "un site a été produit malgré un YAML invalide"
    sortie = resultat.stdout + resultat.stderr
    assert "2 erreurs dans le YAML du guide :" in sortie
    assert ("modules/zz-casse.yml:7:1: Module cassé > indicateur : indicateur « indicateur-qui-n-existe-pas » "
            "inconnu (absent de modules/communs/indicateurs.yml)") in sortie
    assert "modules/zz-casse.yml:14:5: Module cassé > Vaccination > secteurs : liste attendue, reçu texte « PA »" in sortie


# --- Le vrai site -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ref():
    return charger_referentiel(RACINE)


class _Titres(HTMLParser):
    def __init__(self):
        super().__init__()
        self.dans_h1 = False
        self.h1: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.dans_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "h1":
            self.dans_h1 = False

    def handle_data(self, data):
        if self.dans_h1:
            self.h1[-1] += data


def titre_h1(page: Path) -> str:
    lecteur = _Titres()
    lecteur.feed(page.read_text(encoding="utf-8"))
    assert len(lecteur.h1) == 1, f"{page} : un seul <h1> attendu"
    return " ".join(lecteur.h1[0].replace("¶", "").split())


def test_chaque_module_et_chaque_fiche_a_sa_page_et_son_titre(site_construit, ref):
    for module in ref.modules:
        page = site_construit / "modules" / module["id"] / "index.html"
        assert page.is_file(), f"page manquante pour le module {module['id']}"
        assert titre_h1(page) == " ".join(module["titre"].split())
        contenu = page.read_text(encoding="utf-8")
        assert f"Source\u00a0: <code>{ref.fichiers[module['id']]}</code>" in contenu
        for theme in module["themes"]:
            fiche = site_construit / "modules" / module["id"] / theme["id"] / "index.html"
            assert fiche.is_file(), f"page manquante pour la fiche {module['id']}/{theme['id']}"
            assert titre_h1(fiche) == " ".join(theme["titre"].split())
            assert f'href="{theme["id"]}/"' in contenu, f"{module['id']} ne renvoie pas vers {theme['id']}"
            if theme["etat"] == "en_cours":
                assert "Fiche en cours de rédaction" in fiche.read_text(encoding="utf-8")


def test_chaque_indicateur_a_son_calculateur(site_construit, ref):
    for indicateur in ref.indicateurs.values():
        page = site_construit / "calculateurs" / "indicateurs" / indicateur["id"] / "index.html"
        assert page.is_file()
        assert titre_h1(page) == " ".join(indicateur["libelle"].split())


def test_les_sigles_ont_une_infobulle(site_construit):
    contenu = (site_construit / "modules" / "transformation-offre" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">ESMS</abbr>', contenu)


# --- Aucune ressource chargée depuis une autre origine -----------------------------------------

_REL_CHARGES = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                "manifest", "mask-icon", "preconnect", "dns-prefetch"}
_URL_CSS = re.compile(r"""url\(\s*['"]?([^'")]+)""")
_IMPORT_CSS = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)""")
_IMPORTS_JS = re.compile(
    r"""(?:\bimport\s*\(\s*|\bimport\s+(?:[\w*{}\s,$]+\s+from\s+)?|\bfrom\s+|importScripts\s*\(\s*)['"`]([^'"`]+)['"`]""")


def externe(adresse: str) -> bool:
    """Vrai si l'adresse vise une autre origine (http(s)://… ou //…)."""
    adresse = html.unescape(adresse.strip())
    if adresse.startswith("//"):
        return True
    return urlsplit(adresse).scheme in {"http", "https", "ftp", "ws", "wss"}


class _Ressources(HTMLParser):
    """Relève les adresses des ressources qu'une page HTML fait charger."""

    def __init__(self):
        super().__init__()
        self.adresses: list[str] = []
        self._dans_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "style":
            self._dans_style = True
        if "style" in a and a["style"]:
            self.adresses += _URL_CSS.findall(a["style"])
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            if rels & _REL_CHARGES:
                self.adresses.append(a["href"])
        cles = {"script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
                "audio": ["src"], "video": ["src", "poster"], "track": ["src"], "embed": ["src"],
                "object": ["data"], "input": ["src"], "use": ["href", "xlink:href"], "image": ["href"]}
        for cle in cles.get(tag, []):
            if a.get(cle):
                self.adresses += [morceau.split()[0] for morceau in a[cle].split(",") if morceau.strip()] \
                    if cle == "srcset" else [a[cle]]

    def handle_endtag(self, tag):
        if tag == "style":
            self._dans_style = False

    def handle_data(self, data):
        if self._dans_style:
            self.adresses += _URL_CSS.findall(data) + _IMPORT_CSS.findall(data)


def ressources_externes(site: Path) -> list[str]:
    trouvees = []
    for fichier in sorted(site.rglob("*")):
        if not fichier.is_file():
            continue
        suffixe = fichier.suffix
        if suffixe == ".html":
            lecteur = _Ressources()
            lecteur.feed(fichier.read_text(encoding="utf-8", errors="replace"))
            adresses = lecteur.adresses
        elif suffixe == ".css":
            texte = fichier.read_text(encoding="utf-8", errors="replace")
            adresses = _URL_CSS.findall(texte) + _IMPORT_CSS.findall(texte)
        elif suffixe in (".js", ".mjs"):
            adresses = _IMPORTS_JS.findall(fichier.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        trouvees += [f"{fichier.relative_to(site)} : {adresse}" for adresse in adresses if externe(adresse)]
    return trouvees


def test_aucune_ressource_d_une_autre_origine(site_construit):
    assert ressources_externes(site_construit) == []


def test_le_detecteur_trouve_les_ressources_externes(tmp_path):
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<link rel="icon" href="//cdn.example/x.ico"><script src="https://cdn.example/x.js"></script>'
        '<img srcset="ok.png 1x, https://img.example/b.png 2x"><iframe src="http://video.example"></iframe>'
        '<a href="https://permis.example/">lien permis</a><link rel="canonical" href="https://permis.example/">'
        '<style>@font-face { src: url("https://fonts.example/f.woff2") }</style>', encoding="utf-8")
    (tmp_path / "b.css").write_text('@import "https://cdn.example/c.css"; a { background: url(img.png) }',
                                    encoding="utf-8")
    (tmp_path / "c.js").write_text('import x from "https://esm.example/x.js";\nimport("./local.js");\n'
                                   'const m = await import("https://esm.example/y.mjs");', encoding="utf-8")
    assert ressources_externes(tmp_path) == [
        "a.html : https://fonts.googleapis.com/css",
        "a.html : //cdn.example/x.ico",
        "a.html : https://cdn.example/x.js",
        "a.html : https://img.example/b.png",
        "a.html : http://video.example",
        'a.html : https://fonts.example/f.woff2',
        "b.css : https://cdn.example/c.css",
        "c.js : https://esm.example/x.js",
        "c.js : https://esm.example/y.mjs",
    ]


@pytest.mark.complet  # construction complète (Pyodide de npm, PDF par Chromium)
def test_depot_configure_lien_de_modification_sans_vignette_de_forge(tmp_path):
    """Avec REPO_URL/EDIT_URI, une page générée renvoie à son YAML dans l'éditeur du dépôt, et l'en-tête
    n'a pas la vignette de Material qui interrogerait l'API de la forge (autre origine)."""
    resultat = construire(RACINE, tmp_path / "site", REPO_URL="https://forge.example.invalid/ars/guide",
                          EDIT_URI="-/edit/main/docs/")
    assert resultat.returncode == 0, resultat.stderr
    page = (tmp_path / "site" / "modules" / "prevention" / "index.html").read_text(encoding="utf-8")
    assert ('<a href="https://forge.example.invalid/ars/guide/-/edit/main/modules/prevention.yml">'
            "Modifier cette page</a>") in page
    assert 'data-md-component="source"' not in page
    assert ressources_externes(tmp_path / "site") == []


def test_sans_depot_la_source_yaml_est_nommee(site_construit):
    page = (site_construit / "modules" / "prevention" / "index.html").read_text(encoding="utf-8")
    assert "Source\u00a0: <code>modules/prevention.yml</code>" in page
    assert "Modifier cette page" not in page


BOMBE = "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9 if p else ['"lol"'] * 9) + "]\n"
                for p, c in zip([None, *"abcdefgh"], "abcdefghi"))


def casser_comme_dans_l_issue(projet: Path) -> list[str]:
    """Les fautes de l'issue 7 à la fois ; renvoie les messages exacts attendus."""
    modules = projet / "modules"
    glossaire = modules / "communs" / "glossaire.yml"
    glossaire.write_text(glossaire.read_text(encoding="utf-8").replace("sigles:", "sigle:"), encoding="utf-8")
    (modules / "communs" / "indicateurs.yml").write_text("indicateurs: 5\n", encoding="utf-8")
    (modules / "zz-bombe.yml").write_text(BOMBE, encoding="utf-8")
    (modules / "zz-nul.yml").write_bytes(b"id: zz-nul\ntitre: Nul\x00\n")
    prevention = modules / "prevention.yml"
    prevention.write_bytes(b"\xff" + prevention.read_bytes())
    return [
        "modules/communs/glossaire.yml:3:1: Glossaire > sigles : champ obligatoire manquant",
        "modules/communs/glossaire.yml:3:1: Glossaire : clé inconnue « sigle » : vouliez-vous dire « sigles » ?",
        "modules/communs/indicateurs.yml:1:1: Indicateurs > indicateurs : liste attendue, reçu entier 5",
        "modules/prevention.yml:1:1: encodage invalide : UTF-8 attendu (réenregistrer le fichier en UTF-8)",
        "modules/zz-bombe.yml:4:14: trop d'alias YAML (« *c ») : 20 au plus par fichier",
        "modules/zz-nul.yml:2:11: caractère nul U+0000 interdit : à supprimer (souvent collé depuis un autre logiciel)",
    ]


def test_build_et_check_situent_les_fautes_de_l_issue_sans_trace_python(tmp_path):
    projet = copier_projet(tmp_path / "projet")
    attendus = casser_comme_dans_l_issue(projet)

    construction = construire(projet, tmp_path / "site")
    verification = subprocess.run([sys.executable, "-m", "guide", "check", "--racine", str(projet)], cwd=RACINE,
                                  capture_output=True, text=True, timeout=120)

    for resultat in (construction, verification):
        sortie = resultat.stdout + resultat.stderr
        assert resultat.returncode != 0
        assert "Traceback" not in sortie
        assert ("6 erreurs dans le YAML du guide :" if resultat is construction else "5 erreurs") in sortie
        for attendu in attendus:
            assert attendu in sortie
    assert not (tmp_path / "site").exists()


@pytest.mark.complet  # construction complète (Pyodide de npm, PDF par Chromium)
def test_build_echoue_sur_un_script_en_ligne_inconnu_page_nommee(tmp_path):
    projet = copier_projet(tmp_path / "projet")
    (projet / "node_modules").symlink_to(RACINE / "node_modules")  # Pyodide, publié avant la CSP
    (projet / "docs" / "essai-script.md").write_text(
        "# Essai\n\nTexte.\n\n<script>document.title = 'injecté'</script>\n", encoding="utf-8")

    resultat = construire(projet, tmp_path / "site")

    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode != 0
    assert "Traceback" not in sortie
    assert "essai-script/index.html : script en ligne inconnu « document.title = 'injecté' »" in sortie
