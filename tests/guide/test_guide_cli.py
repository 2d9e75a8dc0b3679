"""``python -m guide check`` : bilan si tout va bien, TOUTES les erreurs et code 1 sinon."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from projet import RACINE
from outils import copier_donnees


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", "check", *args], cwd=RACINE,
                          capture_output=True, text=True, timeout=120)


def test_referentiel_valide(tmp_path):
    resultat = check("--racine", str(copier_donnees(tmp_path)))
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout == "Aucune erreur : 2 modules, 2 fiches, 2 indicateurs.\n"


def test_plusieurs_erreurs_a_la_fois_et_code_1(tmp_path):
    projet = copier_donnees(tmp_path)
    alpha = projet / "modules" / "alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("secteurs: [PH]", "secteurs: PH")
                     .replace("ordre: 1", "ordre: 2"), encoding="utf-8")
    parametres = projet / "modules" / "communs" / "parametres.yml"
    parametres.write_text(parametres.read_text(encoding="utf-8").replace("poids: 60", "poids: 6"), encoding="utf-8")

    resultat = check("--racine", str(projet))

    assert resultat.returncode == 1
    assert resultat.stdout == ""
    assert resultat.stderr.splitlines() == [
        "3 erreurs dans le YAML du guide :",
        "modules/alpha.yml:47:5: Alpha > Fiche en cours > secteurs : liste attendue, reçu texte « PH »",
        "modules/beta.yml:2:1: Bêta > ordre : ordre 2 déjà utilisé par modules/alpha.yml",
        "modules/communs/parametres.yml:1:1: Paramètres > phases : la somme des poids des phases vaut 46 au lieu de 100",
    ]


def test_cle_inconnue_avertit_et_bloque_en_strict(tmp_path):
    projet = copier_donnees(tmp_path)
    beta = projet / "modules" / "beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8") + "couleur: bleu\n", encoding="utf-8")

    souple = check("--racine", str(projet))
    assert souple.returncode == 0
    assert souple.stderr == "avertissement : modules/beta.yml:16:1: Bêta : clé inconnue « couleur »\n"

    strict = check("--racine", str(projet), "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == ["1 erreur dans le YAML du guide :",
                                          "modules/beta.yml:16:1: Bêta : clé inconnue « couleur »"]


@pytest.mark.parametrize(("arguments", "erreur"), [
    ([], "python -m guide : erreur : arguments obligatoires manquants : commande"),
    (["chek"], "python -m guide : erreur : argument commande: choix invalide : 'chek' "
               "(choix possibles : 'check', 'calcul', 'schema')"),
])
def test_arguments_invalides_en_francais(arguments, erreur):
    resultat = subprocess.run([sys.executable, "-m", "guide", *arguments], cwd=RACINE,
                              capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 2
    assert resultat.stderr.startswith("utilisation : python -m guide")
    assert resultat.stderr.rstrip().endswith(erreur)


def test_calcul_avec_les_parametres_du_projet_courant(tmp_path):
    """``python -m guide calcul`` lit modules/ du dossier courant ; YAML faux : message situé, code 1."""
    projet = copier_donnees(tmp_path)
    entree = projet / "entree.json"
    entree.write_text('{"valeur_initiale": 10, "cible_finale": 20, "annees": 2}', encoding="utf-8")
    lancer = lambda: subprocess.run([sys.executable, "-m", "guide", "calcul", "trajectoire", "entree.json"],  # noqa: E731
                                    cwd=projet, capture_output=True, text=True, timeout=120,
                                    env={**os.environ, "PYTHONPATH": str(RACINE)})
    resultat = lancer()
    assert (resultat.returncode, resultat.stderr) == (0, "")
    assert json.loads(resultat.stdout) == {"cibles": [15.0, 20.0]}

    parametres = projet / "modules" / "communs" / "parametres.yml"
    parametres.write_text(parametres.read_text(encoding="utf-8").replace("poids: 60", "poids: 6"), encoding="utf-8")
    resultat = lancer()
    assert (resultat.returncode, resultat.stdout) == (1, "")
    assert resultat.stderr.splitlines() == [
        "paramètres du projet impossibles à charger depuis modules/ : 1 erreur dans le YAML du guide :",
        "modules/communs/parametres.yml:1:1: Paramètres > phases : la somme des poids des phases vaut 46 au lieu de 100",
    ]


def test_dossier_et_liens_casses_situes_sans_trace(tmp_path):
    projet = copier_donnees(tmp_path)
    modules = projet / "modules"
    (modules / "zz.yml").mkdir()
    (modules / "boucle.yml").symlink_to("boucle.yml")
    (modules / "absent.yml").symlink_to("nulle-part.yml")

    resultat = check("--racine", str(projet))

    assert resultat.returncode == 1 and "Traceback" not in resultat.stderr
    assert resultat.stderr.splitlines() == [
        "3 erreurs dans le YAML du guide :",
        "modules/absent.yml:1:1: lien symbolique cassé ou en boucle",
        "modules/boucle.yml:1:1: lien symbolique cassé ou en boucle",
        "modules/zz.yml:1:1: n'est pas un fichier (dossier ?) : renommer sans l'extension .yml",
    ]


def test_l_exemple_d_erreurs_de_contribuer_est_la_sortie_exacte(tmp_path):
    """L'exemple de docs/contribuer.md est ce que `python -m guide check` écrit vraiment après les deux
    fautes qu'il décrit, faites dans une copie des vrais modules : la première fiche « éléments sourcés »
    de prevention.yml passée à `etat: terminee`, puis `secteurs: PA` dans la fiche suivante."""
    import re
    import shutil

    page = (RACINE / "docs" / "contribuer.md").read_text(encoding="utf-8")
    exemple = re.search(r"Par exemple, si l'on écrit .*?```text\n(.*?)```", page, re.S).group(1)
    shutil.copytree(RACINE / "modules", tmp_path / "modules")
    fichier = tmp_path / "modules" / "prevention.yml"
    lignes = fichier.read_text(encoding="utf-8").split("\n")
    i = next(n for n, ligne in enumerate(lignes) if ligne.strip() == "etat: elements_sources")
    j = next(n for n, ligne in enumerate(lignes) if n > i and ligne.strip() == "secteurs: [PA, PH]")
    lignes[i] = lignes[i].replace("elements_sources", "terminee")
    lignes[j] = lignes[j].replace("[PA, PH]", "PA")
    fichier.write_text("\n".join(lignes), encoding="utf-8")

    resultat = check("--racine", str(tmp_path))

    assert resultat.returncode == 1
    assert resultat.stderr == exemple
