"""Greffon MkDocs « guide » : déclaré par point d'entrée, options typées, aperçu sans PDF/CSP/compression."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from guide.donnees.chemins import NOM_PDF, PARAMETRES_JSON
from guide.plugin import GuidePlugin
from projet import RACINE


def _config(**options):
    """Configuration du vrai projet ; ``options`` remplacent celles du greffon."""
    plugins = ["search", {"guide": options} if options else "guide",
               {"macros": {"module_name": "macros", "on_error_fail": True, "on_undefined": "strict"}}]
    return load_config(config_file=str(RACINE / "mkdocs.yml"), plugins=plugins)


def test_point_d_entree_et_mkdocs_yml():
    (entree,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "guide"]
    assert entree.value == "guide.plugin:GuidePlugin"
    config = load_config(config_file=str(RACINE / "mkdocs.yml"))
    greffon = config.plugins["guide"]
    assert isinstance(greffon, GuidePlugin)
    assert (greffon.config.pdf, greffon.config.csp, greffon.config.precompression) == (None, None, None)
    assert "hooks" not in (RACINE / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[1].split("\n\n")[0]
    assert not config.hooks


@pytest.mark.parametrize(("commande", "options", "attendu"), [
    (None, {}, (True, True, True)),                          # appel direct de build() : publication
    ("build", {}, (True, True, True)),
    ("gh-deploy", {}, (True, True, True)),
    ("serve", {}, (False, False, False)),                    # aperçu : rien de lent
    ("serve", {"pdf": True}, (True, False, False)),          # demandé explicitement
    ("build", {"csp": False, "precompression": False}, (True, False, False)),
])
def test_options_suivent_la_commande(commande, options, attendu):
    greffon = _config(**options).plugins["guide"]
    if commande:
        greffon.on_startup(command=commande, dirty=False)
    assert tuple(greffon.active(o) for o in ("pdf", "csp", "precompression")) == attendu


def test_option_mal_typee_refusee():
    with pytest.raises((ConfigurationError, Abort)):
        _config(pdf="oui")


@pytest.mark.complet  # construction réelle (Pyodide de npm)
def test_apercu_serve_sans_pdf_ni_csp_ni_compression(tmp_path):
    """Construction en mode serve : pages, moteur et données publiés ; ni PDF, ni CSP, ni .br/.gz."""
    config = _config()
    config.site_dir = str(tmp_path / "site")
    greffon = config.plugins["guide"]
    greffon.on_startup(command="serve", dirty=False)
    build(config)
    site = tmp_path / "site"
    assert (site / PARAMETRES_JSON).is_file()
    assert (site / "donnees" / "referentiel.json").is_file()
    assert not (site / NOM_PDF).exists()
    assert not (site / "_headers").exists()
    assert not list(site.rglob("*.br"))
    assert [p.name for p in site.rglob("*.gz")] == ["sitemap.xml.gz"]  # écrit par MkDocs lui-même
    accueil = (site / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in accueil
    assert NOM_PDF not in accueil                     # pas de lien vers un PDF absent
    assert 'href="guide-complet/"' in accueil
    assert greffon.referentiel is not None and greffon.incluses  # état de la construction sur l'instance

    # une seconde construction repart de zéro : le référentiel est relu (serve garde l'instance)
    ancien = greffon.referentiel
    greffon.on_config(config)
    assert greffon.referentiel is not ancien and greffon.incluses == set()


def _projet_copie(tmp_path):
    """Copie de mkdocs.yml, modules/ et docs/ (assez pour on_config, sans construire)."""
    import shutil
    for nom in ("modules", "docs"):
        shutil.copytree(RACINE / nom, tmp_path / nom)
    shutil.copy(RACINE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "guide" / "rendu").mkdir(parents=True)
    (tmp_path / "guide" / "rendu" / "overrides").symlink_to(RACINE / "guide" / "rendu" / "overrides")
    return tmp_path


def test_apercu_yaml_casse_erreurs_dans_les_pages_puis_retablies(tmp_path):
    """En aperçu, un YAML cassé après un premier chargement valide ne lève rien : le dernier
    référentiel valide sert aux pages, chacune commence par le bandeau des erreurs situées
    (les mêmes textes que « guide check »), qui disparaît quand le YAML est corrigé."""
    from guide.donnees.erreurs import ErreurReferentiel
    from guide.donnees.referentiel import charger_referentiel

    projet = _projet_copie(tmp_path)
    config = load_config(config_file=str(projet / "mkdocs.yml"))
    greffon = config.plugins["guide"]
    greffon.on_startup(command="serve", dirty=False)
    greffon.on_config(config)
    valide = greffon.referentiel
    assert greffon.erreurs_apercu == [] and greffon.on_page_content("<p>x</p>", None, config, None) == "<p>x</p>"

    module = projet / "modules" / "efficience.yml"
    original = module.read_text(encoding="utf-8")
    module.write_text(original.replace("\nordre: 4\n", "\nordre: quatre\n"), encoding="utf-8")
    with pytest.raises(ErreurReferentiel) as attendu:
        charger_referentiel(projet, strict=True)
    greffon.on_config(config)
    assert greffon.referentiel is valide
    assert greffon.erreurs_apercu == [str(e) for e in attendu.value.erreurs]
    page = greffon.on_page_content("<p>x</p>", None, config, None)
    assert page.startswith('<div class="admonition failure guide-apercu-erreurs" role="alert">')
    assert page.endswith("</div>\n<p>x</p>") or page.endswith("</div><p>x</p>")
    for message in greffon.erreurs_apercu:
        assert message.startswith("modules/efficience.yml:")
        assert f"<li><code>{message.replace('>', '&gt;').replace('<', '&lt;')}</code></li>" in page

    module.write_text(original, encoding="utf-8")
    greffon.on_config(config)
    assert greffon.erreurs_apercu == [] and greffon.referentiel is not valide


def test_publication_yaml_casse_arrete_la_construction(tmp_path):
    """Hors aperçu (mkdocs build), le même YAML cassé arrête tout, avec les messages situés."""
    from mkdocs.exceptions import PluginError

    projet = _projet_copie(tmp_path)
    module = projet / "modules" / "efficience.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("\nordre: 4\n", "\nordre: quatre\n"), encoding="utf-8")
    config = load_config(config_file=str(projet / "mkdocs.yml"))
    greffon = config.plugins["guide"]
    greffon.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match=r"modules/efficience\.yml:\d+:\d+: "):
        greffon.on_config(config)
