"""Parité : chaque cas du corpus (tests/calculators/corpus/) donne, dans le worker Pyodide du site
construit, exactement le même texte JSON que CPython (`executer_json`), avec les mêmes paramètres."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from outils_navigateur import DELAI_MOTEUR_MS, attendre_moteur

from calculators.contrat import executer_json

pytestmark = pytest.mark.navigateur

CORPUS = Path(__file__).resolve().parents[1] / "calculators" / "corpus"
CAS = sorted((CORPUS / "cas").glob("*.json"))
PARAMETRES = (CORPUS / "parametres.json").read_text(encoding="utf-8")


def test_le_corpus_est_assez_grand():
    assert len(CAS) >= 50


@pytest.fixture(scope="module")
def page_moteur(chromium, site_servi):
    """Une page de calculateur dont le moteur est prêt, partagée par tous les cas."""
    contexte = chromium.new_context(locale="fr-FR")
    page = contexte.new_page()
    page.set_default_timeout(DELAI_MOTEUR_MS)
    erreurs = []
    page.on("pageerror", lambda e: erreurs.append(str(e)))
    page.goto(site_servi.url("calculateurs/trajectoire/"))
    attendre_moteur(page)
    page.erreurs_moteur = erreurs
    yield page
    contexte.close()


@pytest.mark.parametrize("fichier", CAS, ids=[f.stem for f in CAS])
def test_meme_reponse_que_cpython(page_moteur, fichier):
    cas = json.loads(fichier.read_text(encoding="utf-8"))
    # Le texte d'entrée est celui que lirait la CLI : identique des deux côtés, au caractère près.
    entree = json.dumps(cas["entree"], ensure_ascii=False)
    attendu = executer_json(cas["nom"], entree, PARAMETRES)
    obtenu = page_moteur.evaluate(
        "([nom, entree, parametres]) => window.calculateursCPOM.executerTexte(nom, entree, parametres)",
        [cas["nom"], entree, PARAMETRES],
    )
    assert obtenu == attendu
    assert json.loads(obtenu) == cas["attendu"]
    assert page_moteur.erreurs_moteur == []
