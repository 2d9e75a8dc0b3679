"""Le guide complet en PDF dans le site construit (Chromium à la construction) et la date de
dernière mise à jour sous les pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from guide.publication import pdf
from guide.rendu import dates
from guide.rendu.dates import MOIS
from projet import RACINE

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) absent")


def normaliser(texte: str) -> str:
    """Texte comparable : ligatures dépliées, apostrophes droites, espaces et coupures de ligne fondus."""
    texte = unicodedata.normalize("NFKC", texte).replace("\u2019", "'").replace("\u00ad", "")
    texte = re.sub(r"-\s+", "-", texte)
    return re.sub(r"\s+", " ", texte).strip()


@pytest.fixture(scope="module")
def fichier_pdf(site_construit) -> Path:
    chemin = site_construit / pdf.NOM_PDF
    assert chemin.is_file(), f"{pdf.NOM_PDF} absent du site construit"
    return chemin


@pytest.fixture(scope="module")
def texte_pdf(fichier_pdf) -> str:
    sortie = subprocess.run(["pdftotext", "-enc", "UTF-8", str(fichier_pdf), "-"], capture_output=True,
                            text=True, check=True)
    return normaliser(sortie.stdout)


def modules_yaml() -> list[dict]:
    return sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in (RACINE / "modules").glob("*.yml")),
                  key=lambda m: m["ordre"])


def test_pdf_lisible_et_de_plusieurs_pages(fichier_pdf):
    info = subprocess.run(["pdfinfo", str(fichier_pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages > 1
    assert "A4" in info
    assert fichier_pdf.read_bytes().startswith(b"%PDF-")


def test_couverture(texte_pdf):
    publication = yaml.safe_load((RACINE / "modules/communs/publication.yml").read_text(encoding="utf-8"))
    debut = texte_pdf[:600]
    assert publication["titre_site"] in debut
    assert f"Version {publication['version']}" in debut
    assert dates.date_de_publication(publication).year == 2026 and "novembre 2026" in debut


@pytest.mark.parametrize("module", modules_yaml(), ids=lambda m: m["id"])
def test_titre_de_chaque_module_et_de_chaque_fiche(texte_pdf, module):
    titres = [module["titre"], *(t["titre"] for t in module["themes"])]
    absents = [t for t in titres if normaliser(t) not in texte_pdf]
    assert not absents, f"titres absents du PDF : {absents}"


def test_annexes_dans_le_pdf(texte_pdf):
    for titre in ("En conclusion", "Comment calculer les indicateurs", "Glossaire"):
        assert titre in texte_pdf


def test_lien_de_telechargement(site_construit):
    for page in ("index.html", "cpom/methode/index.html", "modules/prevention/vaccination/index.html"):
        html = (site_construit / page).read_text(encoding="utf-8")
        liens = re.findall(r'<a href="([^"]*' + re.escape(pdf.NOM_PDF) + ')"[^>]*>Télécharger le guide \\(PDF\\)', html)
        assert liens, page
        assert ((site_construit / page).parent / liens[0]).resolve() == (site_construit / pdf.NOM_PDF).resolve()


def date_attendue(source: str):
    """Date git du fichier (calcul indépendant), ou date de publication en repli."""
    publication = yaml.safe_load((RACINE / "modules/communs/publication.yml").read_text(encoding="utf-8"))
    repli = dates.date_de_publication(publication).isoformat()
    try:
        superficiel = subprocess.run(["git", "-C", str(RACINE), "rev-parse", "--is-shallow-repository"],
                                     capture_output=True, text=True).stdout.strip()
        sortie = subprocess.run(["git", "-C", str(RACINE), "log", "-1", "--format=%cs", "--", source],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        return repli
    return sortie if superficiel == "false" and sortie else repli


@pytest.mark.parametrize("page, source", [
    ("modules/prevention/index.html", "modules/prevention.yml"),                # page générée
    ("modules/prevention/vaccination/index.html", "modules/prevention.yml"),    # fiche générée
    ("cpom/methode/index.html", "docs/cpom/methode.md"),                        # page écrite à la main
])
def test_date_de_mise_a_jour(site_construit, page, source):
    html = (site_construit / page).read_text(encoding="utf-8")
    m = re.search(r'Dernière mise à jour\u00a0: <time datetime="([\d-]+)">([^<]+)</time>', html)
    assert m, f"{page} : date de mise à jour absente"
    assert m.group(1) == date_attendue(source)
    jour, mois, annee = m.group(2).split()
    assert re.fullmatch(r"1er|[12]?\d|3[01]", jour) and mois in MOIS and annee.isdigit()


def test_dates_repli_sans_git(tmp_path):
    assert dates.dates_git(tmp_path) == {}
    pub = {"journal": [{"date": "2026-01-05"}, {"date": "2026-11-22"}]}
    assert dates.mise_a_jour(["docs/a.md"], {}, pub) == (dates.datetime.date(2026, 11, 22), "journal")


def test_chromium_absent_message_clair(monkeypatch):
    monkeypatch.setenv("GUIDE_CHROMIUM", "/nulle/part/chromium")
    with pytest.raises(pdf.ErreurPdf, match=r"^Chromium est introuvable \(/nulle/part/chromium\) : il est nécessaire"):
        pdf.chromium()


def test_guide_complet_sans_ancre_double_ni_lien_interne_casse(site_construit):
    html = (site_construit / "guide-complet" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    casses = sorted({a for a in re.findall(r'href="#([^"]+)"', html) if a not in set(ids)})
    assert not casses, casses
    assert len(re.findall(r"<h1", html)) == 1
    for module in modules_yaml():  # un saut de page avant chaque module
        assert f'<h2 class="guide-complet-saut" id="modules-{module["id"]}"' in html, module["id"]


@pytest.mark.skipif(not shutil.which("git"), reason="git absent")
def test_dates_repli_dans_un_clone_superficiel(tmp_path):
    clone = tmp_path / "clone"
    resultat = subprocess.run(["git", "clone", "-q", "--depth", "1", RACINE.as_uri(), str(clone)],
                              capture_output=True, text=True)
    if resultat.returncode != 0:
        pytest.skip(f"clone impossible : {resultat.stderr}")
    assert dates.dates_git(clone) == {}          # historique tronqué : dates git non fiables



def test_dates_git_une_seule_fois_par_construction(monkeypatch):
    """Le greffon lit les dates git une fois par construction (un seul git log), pas une fois par page."""
    from types import SimpleNamespace

    from guide.plugin import GuidePlugin

    appels = []
    monkeypatch.setattr(dates, "dates_git", lambda racine: appels.append(racine) or {})
    monkeypatch.setattr(dates, "mise_a_jour_page", lambda page, config, publication, dates_git: dates_git)
    greffon = GuidePlugin()
    config = SimpleNamespace(config_file_path=str(RACINE / "mkdocs.yml"), repo_url=None, edit_uri=None)
    for construction in range(2):
        greffon.dates_git, greffon.referentiel = None, SimpleNamespace(publication={})  # comme on_config
        for _ in range(30):
            contexte = greffon.on_page_context({}, SimpleNamespace(meta={}), config, None)
            assert contexte["guide_mise_a_jour"] == {}
        assert len(appels) == construction + 1
