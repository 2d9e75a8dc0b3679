"""Ligne de commande ``python -m calculators`` : sorties de référence (tests/calculators/cli/*.json).

Chaque fichier de référence donne les arguments, l'entrée standard (``stdin``) et les fichiers à
créer (``fichiers``), puis le code de retour, la sortie JSON attendue (comparée au texte près :
JSON indenté de 2, accents non échappés) et la sortie d'erreur exacte. Les fichiers sont créés dans
un dossier temporaire, avec une copie des paramètres de test (``parametres.json``).
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from parametres_essai import FICHIER_PARAMETRES

from calculators.__main__ import main

RACINE = Path(__file__).resolve().parents[2]
REFERENCES = sorted((Path(__file__).parent / "cli").glob("*.json"))


def lancer(arguments, dossier, stdin=""):
    environnement = {**os.environ, "PYTHONPATH": str(RACINE)}
    return subprocess.run(
        [sys.executable, "-m", "calculators", *arguments],
        cwd=dossier,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environnement,
        timeout=120,
    )


def test_il_y_a_des_references():
    assert len(REFERENCES) >= 15


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda p: p.stem)
def test_reference(reference, tmp_path):
    cas = json.loads(reference.read_text(encoding="utf-8"))
    shutil.copy(FICHIER_PARAMETRES, tmp_path / "parametres.json")
    for nom, contenu in cas.get("fichiers", {}).items():
        texte = contenu if isinstance(contenu, str) else json.dumps(contenu, ensure_ascii=False)
        (tmp_path / nom).write_text(texte, encoding="utf-8")
    stdin = json.dumps(cas["stdin"], ensure_ascii=False) if "stdin" in cas else ""
    resultat = lancer(cas["arguments"], tmp_path, stdin)
    attendu = "" if cas["stdout"] is None else json.dumps(cas["stdout"], ensure_ascii=False, indent=2) + "\n"
    assert (resultat.returncode, resultat.stdout, resultat.stderr) == (cas["code"], attendu, cas["stderr"])


def test_aide_en_francais(tmp_path):
    resultat = lancer(["--help"], tmp_path)
    assert resultat.returncode == 0
    assert resultat.stdout.startswith("utilisation : python -m calculators [--parametres P.json] [-h] NOM FICHIER\n")
    assert "affiche cette aide et quitte" in resultat.stdout


def test_sans_guide_message_clair(monkeypatch, capsys, tmp_path):
    entree = tmp_path / "entree.json"
    entree.write_text('{"valeur_initiale": 1, "cible_finale": 2, "annees": 1}', encoding="utf-8")
    monkeypatch.setitem(sys.modules, "guide.donnees.referentiel", None)  # « import » lève ImportError
    assert main(["trajectoire", str(entree)]) == 1
    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err == (
        "paramètres du projet indisponibles : le paquet guide (guide.donnees.referentiel) est introuvable ; "
        "indiquez un fichier avec --parametres P.json\n"
    )


@pytest.mark.skipif(
    importlib.util.find_spec("guide") is None or importlib.util.find_spec("guide.donnees.referentiel") is None,
    reason="guide.donnees.referentiel absent : les paramètres du projet ne peuvent pas être chargés",
)
def test_sans_parametres_utilise_modules(tmp_path):
    """Sans --parametres, la CLI charge modules/ par guide.donnees.referentiel (lancée depuis la racine)."""
    entree = tmp_path / "entree.json"
    entree.write_text('{"valeur_initiale": "84,47", "cible_finale": 92, "annees": 5}', encoding="utf-8")
    resultat = lancer(["trajectoire", str(entree)], RACINE)
    assert (resultat.returncode, resultat.stderr) == (0, "")
    assert json.loads(resultat.stdout) == {"cibles": [85.98, 87.48, 88.99, 90.49, 92.0]}
    # catégorie EHPAD : 365 jours d'ouverture théoriques (CPOM BFC § 4.2)
    esms = {"nom": "EHPAD", "categorie": "EHPAD", "capacite": 80, "activite_realisee": 27740, "taux_cible": 98, "dotation": 1000}
    entree.write_text(json.dumps({"etablissements": [esms]}), encoding="utf-8")
    resultat = lancer(["modulation", str(entree)], RACINE)
    assert (resultat.returncode, resultat.stderr) == (0, "")
    assert json.loads(resultat.stdout)["etablissements"][0]["activite_theorique"] == 29200.0
