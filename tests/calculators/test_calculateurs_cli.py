"""Ligne de commande ``python -m calculators`` : sorties de référence (tests/calculators/cli/*.json).

Chaque fichier de référence donne les arguments, l'entrée standard (``stdin``) et les fichiers à
créer (``fichiers``), puis le code de retour, la sortie JSON attendue (comparée au texte près :
JSON indenté de 2, accents non échappés) et la sortie d'erreur exacte. Les fichiers sont créés dans
un dossier temporaire, avec une copie des paramètres de test (``parametres.json``).
"""

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


def test_sans_parametres_message_clair(capsys, tmp_path):
    """calculators n'importe pas guide : sans --parametres, il dit où trouver les paramètres."""
    entree = tmp_path / "entree.json"
    entree.write_text('{"valeur_initiale": 1, "cible_finale": 2, "annees": 1}', encoding="utf-8")
    assert main(["trajectoire", str(entree)]) == 1
    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert sortie.err == (
        "paramètres manquants : indiquez un fichier avec --parametres P.json "
        "(ou lancez « python -m guide calcul NOM FICHIER » pour ceux de modules/)\n"
    )


def test_parametres_par_defaut_fournis_par_l_appelant(capsys, tmp_path):
    """``main(parametres_par_defaut=…)`` : ce que python -m guide calcul donne ; une erreur de
    chargement devient un message (code 1), pas une trace."""
    entree = tmp_path / "entree.json"
    entree.write_text('{"valeur_initiale": 1, "cible_finale": 2, "annees": 1}', encoding="utf-8")

    def en_panne():
        raise ValueError("modules/communs/parametres.yml:3:1: Paramètres > phases : liste attendue")

    assert main(["trajectoire", str(entree)], parametres_par_defaut=en_panne) == 1
    assert capsys.readouterr().err == ("paramètres du projet impossibles à charger depuis modules/ : "
                                       "modules/communs/parametres.yml:3:1: Paramètres > phases : liste attendue\n")


def lancer_guide(arguments, dossier):
    environnement = {**os.environ, "PYTHONPATH": str(RACINE)}
    return subprocess.run([sys.executable, "-m", "guide", "calcul", *arguments], cwd=dossier, capture_output=True,
                          text=True, encoding="utf-8", env=environnement, timeout=120)


def test_guide_calcul_utilise_modules(tmp_path):
    """``python -m guide calcul`` sans --parametres : les paramètres de modules/ (lancé depuis la racine)."""
    entree = tmp_path / "entree.json"
    entree.write_text('{"valeur_initiale": "84,47", "cible_finale": 92, "annees": 5}', encoding="utf-8")
    resultat = lancer_guide(["trajectoire", str(entree)], RACINE)
    assert (resultat.returncode, resultat.stderr) == (0, "")
    assert json.loads(resultat.stdout) == {"cibles": [85.98, 87.48, 88.99, 90.49, 92.0]}
    # catégorie EHPAD : 365 jours d'ouverture théoriques (CPOM BFC § 4.2)
    esms = {"nom": "EHPAD", "categorie": "EHPAD", "capacite": 80, "activite_realisee": 27740, "taux_cible": 98, "dotation": 1000}
    entree.write_text(json.dumps({"etablissements": [esms]}), encoding="utf-8")
    resultat = lancer_guide(["modulation", str(entree)], RACINE)
    assert (resultat.returncode, resultat.stderr) == (0, "")
    assert json.loads(resultat.stdout)["etablissements"][0]["activite_theorique"] == 29200.0


def test_guide_calcul_aide_et_parametres_explicites(tmp_path):
    aide = lancer_guide(["--help"], RACINE)
    assert aide.returncode == 0
    assert aide.stdout.startswith("utilisation : python -m guide calcul [--parametres P.json] [-h] NOM FICHIER\n")
    assert "par défaut : ceux de modules/" in aide.stdout
    shutil.copy(FICHIER_PARAMETRES, tmp_path / "parametres.json")
    (tmp_path / "entree.json").write_text('{"valeur_initiale": 1, "cible_finale": 2, "annees": 0}', encoding="utf-8")
    resultat = lancer_guide(["trajectoire", "entree.json", "--parametres", "parametres.json"], tmp_path)
    direct = lancer(["trajectoire", "entree.json", "--parametres", "parametres.json"], tmp_path)
    assert (resultat.returncode, resultat.stdout, resultat.stderr) == (direct.returncode, direct.stdout, direct.stderr)
    assert resultat.returncode == 2 and resultat.stderr.startswith("entree.json: ")
