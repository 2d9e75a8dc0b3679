"""guide.publication.navigateur (sans navigateur) : archive déterministe, Pyodide manquant, fichiers publiés."""

from __future__ import annotations

import hashlib
import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from guide.donnees.chemins import IDENTITE_INSTANTANE
from guide.publication import navigateur
from guide.donnees.referentiel import RACINE_PROJET, parametres_calculateurs
from projet import referentiel


def paquet(dossier: Path) -> Path:
    racine = dossier / "calculators"
    (racine / "__pycache__").mkdir(parents=True)
    (racine / "__init__.py").write_text('"""Paquet."""\n', encoding="utf-8")
    (racine / "b.py").write_text("B = 2\n", encoding="utf-8")
    (racine / "a.py").write_text("A = 1\n", encoding="utf-8")
    (racine / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\x00")
    (racine / "notes.txt").write_text("pas du Python\n", encoding="utf-8")
    return racine


def test_archive_deterministe_triee_sans_cache(tmp_path):
    racine = paquet(tmp_path)
    premiere = navigateur.archive_paquet(racine)
    (racine / "a.py").touch()  # une nouvelle date de fichier ne change rien
    assert navigateur.archive_paquet(racine) == premiere
    archive = zipfile.ZipFile(BytesIO(premiere))
    assert archive.namelist() == ["calculators/__init__.py", "calculators/a.py", "calculators/b.py"]
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert archive.read("calculators/b.py") == b"B = 2\n"


def test_archive_du_vrai_paquet_importable(tmp_path):
    archive = zipfile.ZipFile(BytesIO(navigateur.archive_paquet(RACINE_PROJET / "calculators")))
    assert "calculators/contrat.py" in archive.namelist()
    assert not [nom for nom in archive.namelist() if not nom.endswith(".py")]


def test_paquet_sans_init(tmp_path):
    (tmp_path / "calculators").mkdir()
    with pytest.raises(navigateur.MoteurIntrouvable, match=r"Paquet Python introuvable : .*calculators/__init__\.py manque\."):
        navigateur.archive_paquet(tmp_path / "calculators")


def test_pyodide_absent_message_clair(tmp_path):
    with pytest.raises(navigateur.MoteurIntrouvable) as erreur:
        navigateur.copier_pyodide(tmp_path / "node_modules" / "pyodide", tmp_path / "site")
    assert str(erreur.value) == (
        f"Pyodide est introuvable : {tmp_path}/node_modules/pyodide/pyodide.mjs manque "
        "(ainsi que 4 autres fichiers). Lancez « npm ci » à la racine du projet."
    )


def test_un_seul_fichier_manquant(tmp_path):
    for nom in navigateur.FICHIERS_PYODIDE[:-1]:
        (tmp_path / nom).write_bytes(b"x")
    with pytest.raises(navigateur.MoteurIntrouvable, match=r"pyodide-lock\.json manque\. Lancez « npm ci »"):
        navigateur.fichiers_pyodide(tmp_path)


def test_publier_moteur(tmp_path):
    if not (RACINE_PROJET / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        pytest.skip("node_modules/pyodide absent : lancez npm ci")
    site = tmp_path / "site"
    navigateur.publier_moteur(RACINE_PROJET, site, parametres_calculateurs(referentiel()))
    version = navigateur.version_pyodide(RACINE_PROJET / "node_modules" / "pyodide")
    assert sorted(p.name for p in (site / "assets" / "pyodide").iterdir()) == sorted(
        [*navigateur.FICHIERS_PYODIDE, navigateur.BIBLIOTHEQUE_VIDE, navigateur.nom_instantane(version),
         Path(IDENTITE_INSTANTANE).name])
    octets = (site / "assets" / "pyodide" / navigateur.nom_instantane(version)).read_bytes()
    assert (site / IDENTITE_INSTANTANE).read_text(encoding="utf-8") == (
        "// Écrit par la construction (guide/publication/navigateur.py) : instantané mémoire publié avec ce site.\n"
        f'export const INSTANTANE = {{"fichier": "instantane-{version}.bin", "version": "{version}", '
        f'"octets": {len(octets)}, "empreinte": "{hashlib.sha256(octets).hexdigest()}"}};\n')
    verrou = json.loads((site / "assets" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert verrou["packages"] == {} and verrou["info"]["python"].startswith("3.")
    assert zipfile.ZipFile(site / "assets" / "pyodide" / navigateur.BIBLIOTHEQUE_VIDE).namelist() == []
    assert (site / "assets" / "py" / "calculators.zip").read_bytes() == navigateur.archive_paquet(RACINE_PROJET / "calculators")
    parametres = json.loads((site / "assets" / "data" / "parametres.json").read_text(encoding="utf-8"))
    assert parametres == parametres_calculateurs(referentiel())


def test_publier_moteur_sans_instantane(tmp_path, monkeypatch, caplog):
    """Node en échec : pas d'instantané publié, et l'identité le dit (``null``) au worker."""
    if not (RACINE_PROJET / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        pytest.skip("node_modules/pyodide absent : lancez npm ci")

    def echec(*_):
        raise navigateur.MoteurIntrouvable("Node est introuvable : l'instantané mémoire de Pyodide ne peut pas être pris.")

    monkeypatch.setattr(navigateur, "instantane", echec)
    site = tmp_path / "site"
    navigateur.publier_moteur(RACINE_PROJET, site, parametres_calculateurs(referentiel()))
    assert not list((site / "assets" / "pyodide").glob("instantane-*.bin"))
    assert (site / IDENTITE_INSTANTANE).read_text(encoding="utf-8").splitlines()[1] == (
        "export const INSTANTANE = null;")
    assert "Le worker démarrera sans instantané (plus lentement)." in caplog.text


def faux_pyodide(dossier: Path) -> Path:
    dossier.mkdir(parents=True)
    for nom in navigateur.FICHIERS_PYODIDE:
        (dossier / nom).write_text(f"{nom}\n", encoding="utf-8")
    return dossier


def test_empreinte_de_l_instantane(tmp_path):
    """L'empreinte change avec Pyodide ou les calculateurs, pas avec la date des fichiers."""
    pyodide = faux_pyodide(tmp_path / "pyodide")
    premiere = navigateur.empreinte_instantane(pyodide, b"zip 1")
    (pyodide / "pyodide.mjs").touch()
    assert navigateur.empreinte_instantane(pyodide, b"zip 1") == premiere
    assert navigateur.empreinte_instantane(pyodide, b"zip 2") != premiere
    (pyodide / "pyodide.asm.wasm").write_text("autre construction\n", encoding="utf-8")
    assert navigateur.empreinte_instantane(pyodide, b"zip 1") != premiere


def test_instantane_lu_dans_le_cache_sans_node(tmp_path, monkeypatch):
    pyodide = faux_pyodide(tmp_path / "pyodide")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / (navigateur.empreinte_instantane(pyodide, b"zip") + ".bin")).write_bytes(b"memoire")
    monkeypatch.setattr(navigateur.subprocess, "run", lambda *a, **k: pytest.fail("Node ne doit pas être lancé"))
    assert navigateur.instantane(pyodide, b"zip", "{}", cache) == b"memoire"


def test_instantane_sans_node_message_clair(tmp_path, monkeypatch):
    pyodide = faux_pyodide(tmp_path / "pyodide")
    monkeypatch.setattr(navigateur.shutil, "which", lambda nom: None)
    with pytest.raises(navigateur.MoteurIntrouvable, match="^Node est introuvable : l'instantané mémoire"):
        navigateur.instantane(pyodide, b"zip", "{}", tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_instantane_node_en_echec(tmp_path):
    """Un faux Pyodide fait échouer Node : message français avec la fin de sa sortie d'erreur."""
    pyodide = faux_pyodide(tmp_path / "pyodide")
    if navigateur.shutil.which("node") is None:
        pytest.skip("node absent")
    with pytest.raises(navigateur.MoteurIntrouvable, match=r"^L'instantané mémoire de Pyodide n'a pas pu être pris \(Node, code 1\)"):
        navigateur.instantane(pyodide, navigateur.archive_paquet(RACINE_PROJET / "calculators"), "{}", tmp_path / "cache")
    assert not (tmp_path / "cache").exists()  # rien de mis en cache après un échec


