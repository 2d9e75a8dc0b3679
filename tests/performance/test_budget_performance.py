"""Bon fonctionnement de scripts/budget_performance.py sur de petites entrées (aucune mesure de temps)."""

from __future__ import annotations

import cProfile
import gzip
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
import yaml

from projet import RACINE, construire

sys.path.insert(0, str(RACINE / "scripts"))
import budget_outils as B  # noqa: E402

from guide.donnees.referentiel import charger_referentiel  # noqa: E402

DONNEES = RACINE / "tests" / "guide" / "donnees"


def test_types_de_fichiers():
    assert [B.type_de(c) for c in ("/", "/a/b/", "/x.css?v=2", "/p/pyodide.asm.wasm", "/f.woff2", "/sans-extension")] == [
        "HTML", "HTML", "CSS", "WebAssembly", "Polices", "Autres"]
    assert B.est_pyodide("/assets/pyodide/pyodide.mjs")
    assert B.est_pyodide("/sous/assets/py/calculators.zip?x")
    assert not B.est_pyodide("/assets/js/calculateurs.js")


def test_bilan_par_type_du_plus_lourd_au_plus_leger():
    reponses = [B.Reponse("/", 200, 1000, 100), B.Reponse("/a.js", 200, 3000, 100, "br"),
                B.Reponse("/b.js", 304, 0, 80), B.Reponse("/c.css", 200, 50, 50)]
    assert B.par_type(reponses) == [("JavaScript", 2, 3180), ("HTML", 1, 1100), ("CSS", 1, 100)]
    assert B.total(reponses) == 4380


def test_nombres_a_la_francaise():
    assert B.nombre(1234567.891, 1) == "1 234 567,9"
    assert B.ko(298_765) == "298,8 Ko"
    assert B.mo(5_672_900) == "5,67 Mo"
    assert B.ms(2482.4) == "2 482 ms"
    assert B.secondes(4.891) == "4,89 s"


def test_tableau_et_verdicts():
    lignes = [B.comparer("Page", 301_000, "301,0 Ko", 300_000, "≤ 300,0 Ko"),
              B.comparer("Pyodide", 0, "0", 0, "0"),
              B.comparer("Temps", 12, "12 ms", None)]
    assert [l.verdict for l in lignes] == ["HORS CIBLE", "OK", "—"]
    texte = B.tableau(lignes).splitlines()
    assert texte[0].split(" | ")[0].strip() == "Mesure"
    assert set(texte[1]) <= {"-", "+"}
    assert texte[2] == "Page    | 301,0 Ko | ≤ 300,0 Ko | HORS CIBLE"
    assert texte[4] == "Temps   | 12 ms    | —          | —"


@pytest.fixture
def serveur(tmp_path):
    (tmp_path / "index.html").write_text("<p>accueil</p>" * 100, encoding="utf-8")
    (tmp_path / "app.js").write_text("let x = 1;\n" * 300, encoding="utf-8")
    (tmp_path / "app.js.gz").write_bytes(gzip.compress((tmp_path / "app.js").read_bytes(), mtime=0))
    serveur = B.serveur_mesure(tmp_path, 0)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    serveur.base = f"http://127.0.0.1:{serveur.server_address[1]}"
    yield serveur
    serveur.shutdown()
    serveur.server_close()


def lire(url: str, **en_tetes) -> tuple[int, dict, bytes]:
    requete = urllib.request.Request(url, headers=en_tetes)
    try:
        with urllib.request.urlopen(requete, timeout=10) as reponse:
            return reponse.status, dict(reponse.headers), reponse.read()
    except urllib.error.HTTPError as erreur:
        return erreur.code, dict(erreur.headers), b""


def test_serveur_sert_les_variantes_et_compte_les_octets(serveur, tmp_path):
    serveur.precompresse = True
    statut, en_tetes, corps = lire(serveur.base + "/app.js", **{"Accept-Encoding": "gzip, deflate, br"})
    assert statut == 200
    assert en_tetes["Content-Encoding"] == "gzip"
    assert en_tetes["Content-type"] == "text/javascript"
    assert corps == (tmp_path / "app.js.gz").read_bytes()
    note = serveur.journal[-1]
    assert (note.chemin, note.statut, note.corps, note.codage) == ("/app.js", 200, len(corps), "gzip")
    assert note.entetes > 50

    statut, en_tetes, corps = lire(serveur.base + "/")  # pas de variante : servi tel quel
    assert (statut, corps) == (200, (tmp_path / "index.html").read_bytes())
    assert "Content-Encoding" not in en_tetes
    assert serveur.journal[-1].codage == ""


def test_serveur_sans_precompression_et_revalidation(serveur, tmp_path):
    statut, en_tetes, corps = lire(serveur.base + "/app.js", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in en_tetes
    assert corps == (tmp_path / "app.js").read_bytes()
    statut, _, corps = lire(serveur.base + "/app.js", **{"If-Modified-Since": en_tetes["Last-Modified"]})
    assert (statut, corps) == (304, b"")
    assert (serveur.journal[-1].statut, serveur.journal[-1].corps) == (304, 0)
    assert lire(serveur.base + "/absent.js")[0] == 404


def test_modules_multiplies_restent_valides(tmp_path):
    shutil.copytree(DONNEES, tmp_path / "projet")
    modules = tmp_path / "projet" / "modules"
    avant = charger_referentiel(tmp_path / "projet")
    assert B.multiplier_modules(modules, 3) == 3 * len(avant.modules)
    apres = charger_referentiel(tmp_path / "projet", strict=True)
    assert len(apres.modules) == 3 * len(avant.modules)
    assert len(apres.themes()) == 3 * len(avant.themes())
    assert "alpha-copie-3" in [m["id"] for m in apres.modules]
    assert apres.module("alpha-copie-2")["titre"] == "Alpha (copie 2)"
    assert len({m["ordre"] for m in apres.modules}) == len(apres.modules)


def test_trop_de_modules_refuse(tmp_path):
    for numero in range(1, 11):
        (tmp_path / f"m{numero}.yml").write_text(yaml.safe_dump({"id": f"m{numero}", "ordre": numero, "titre": "M"}))
    with pytest.raises(ValueError, match="10 modules × 10 dépasse les 99 ordres permis"):
        B.multiplier_modules(tmp_path, 10)
    assert len(list(tmp_path.glob("*.yml"))) == 10


def test_projet_nu(tmp_path):
    config = {"theme": {"name": "material", "language": "fr", "custom_dir": "x"},
              "plugins": [{"search": {"lang": "fr"}}, {"macros": {}}],
              "hooks": ["h.py"], "markdown_extensions": ["admonition"]}
    B.projet_nu(tmp_path, 17, config)
    reglages = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert reglages["theme"] == {"name": "material", "language": "fr"}
    assert reglages["plugins"] == [{"search": {"lang": "fr"}}]
    assert "hooks" not in reglages
    assert reglages["markdown_extensions"] == ["admonition"]
    assert len(list((tmp_path / "docs").rglob("*.md"))) == 17
    assert (tmp_path / "docs" / "index.md").read_text(encoding="utf-8").startswith("# Page 1\n")


def test_projet_meme_contenu_reprend_le_markdown_capture_apres_les_macros(tmp_path):
    """Le Markdown capturé est celui que Material reçoit (macros rendues) ; le projet « même contenu »
    porte ces pages telles quelles, sans macros, et se construit."""
    source = tmp_path / "source"
    (source / "docs" / "dossier").mkdir(parents=True)
    (source / "main.py").write_text("def define_env(env):\n    env.variables['nombre'] = 41 + 1\n", encoding="utf-8")
    (source / "docs" / "index.md").write_text("# Accueil\n\nValeur : {{ nombre }}.\n", encoding="utf-8")
    (source / "docs" / "dossier" / "page.md").write_text("# Page\n\n!!! note\n    Texte.\n", encoding="utf-8")
    (source / "docs" / "dossier" / "page.md").write_text(
        "---\ntitle: Titre court\n---\n# Page\n\n!!! note\n    Texte.\n", encoding="utf-8")
    # Dernière passe d'un greffon de priorité -100, comme celle du guide (liens, abréviations).
    (source / "crochets.py").write_text(
        "from mkdocs.plugins import event_priority\n\n\n@event_priority(-100)\n"
        "def on_page_markdown(markdown, **_):\n    return markdown + '\\n\\n*[ARS]: Agence régionale de santé'\n",
        encoding="utf-8")
    config = {"site_name": "Source", "theme": {"name": "material", "language": "fr"},
              "plugins": ["search", "macros"], "hooks": ["crochets.py"], "markdown_extensions": ["admonition", "abbr"]}
    (source / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    pages = B.markdown_des_pages(source / "mkdocs.yml", tmp_path / "site-source")
    abreviation = "\n\n*[ARS]: Agence régionale de santé"
    assert pages == {"index.md": "# Accueil\n\nValeur : 42." + abreviation,
                     "dossier/page.md": "---\ntitle: Titre court\n---\n\n# Page\n\n!!! note\n    Texte." + abreviation}
    projet = B.projet_meme_contenu(tmp_path / "contenu", pages, config)
    reglages = yaml.safe_load((projet / "mkdocs.yml").read_text(encoding="utf-8"))
    assert reglages["plugins"] == ["search"] and "hooks" not in reglages
    assert reglages["markdown_extensions"] == ["admonition", "abbr"]
    assert (projet / "docs" / "index.md").read_text(encoding="utf-8") == "# Accueil\n\nValeur : 42." + abreviation
    assert construire(projet, tmp_path / "site-contenu").returncode == 0
    assert "Valeur : 42." in (tmp_path / "site-contenu" / "index.html").read_text(encoding="utf-8")
    assert "<title>Titre court" in (tmp_path / "site-contenu" / "dossier" / "page" / "index.html").read_text(encoding="utf-8")


def test_copie_du_projet(tmp_path):
    copie = B.copier_projet(RACINE, tmp_path / "copie")
    assert (copie / "mkdocs.yml").read_bytes() == (RACINE / "mkdocs.yml").read_bytes()
    assert sorted(p.name for p in (copie / "modules").glob("*.yml")) == sorted(
        p.name for p in (RACINE / "modules").glob("*.yml"))
    assert not (copie / "tests").exists() and not list(copie.rglob("__pycache__"))
    if (RACINE / "node_modules").is_dir():
        assert (copie / "node_modules").is_symlink()


def test_pages_et_tailles_du_site(tmp_path):
    for relatif in ("index.html", "modules/a/index.html", "modules/a/b/index.html", "404.html"):
        (tmp_path / relatif).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relatif).write_text("x" * 2000, encoding="utf-8")
    assert B.pages_du_site(tmp_path) == ["", "modules/a/", "modules/a/b/"]
    brut, compresse = B.tailles(tmp_path / "index.html")
    assert brut == 2000 and 0 < compresse < 100


def _calcul():
    return sum(range(1000))


def test_repartition_d_un_profil(tmp_path):
    profil = cProfile.Profile()
    profil.runcall(_calcul)
    profil.dump_stats(tmp_path / "p.prof")
    lignes = B.repartition(tmp_path / "p.prof", RACINE)
    assert [l[0] for l in lignes] == [f"tests/performance/test_budget_performance.py:{_calcul.__code__.co_firstlineno} _calcul"]
    assert lignes[0][2] == 1


def test_aide_du_script():
    resultat = subprocess.run([sys.executable, str(RACINE / "scripts" / "budget_performance.py"), "--help"],
                              capture_output=True, text=True, timeout=60, check=False)
    assert resultat.returncode == 0, resultat.stderr
    assert "Budget de performance du guide" in resultat.stdout
    assert "--constructions" in resultat.stdout


def test_configuration_sans_pdf(tmp_path):
    """La configuration de la mesure « PDF exclu » ne diffère de mkdocs.yml que par pdf: false."""
    import budget_performance as P
    from mkdocs.utils.yaml import yaml_load

    shutil.copy(RACINE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    chemin = P.configuration_sans_pdf(tmp_path)
    assert chemin.parent == tmp_path  # à côté de l'original : mêmes chemins relatifs (docs/, modules/)
    original = yaml_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    sans_pdf = yaml_load(chemin.read_text(encoding="utf-8"))
    assert {"guide": {"pdf": False}} in sans_pdf["plugins"] and "guide" not in sans_pdf["plugins"]
    assert "guide" in original["plugins"]
    sans_pdf["plugins"] = [p for p in sans_pdf["plugins"] if p != {"guide": {"pdf": False}}]
    original["plugins"] = [p for p in original["plugins"] if p != "guide"]
    assert sans_pdf == original
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - guide:\n      pdf: true\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="greffon « - guide » sans options introuvable"):
        P.configuration_sans_pdf(tmp_path)
