"""Corpus partagé avec les tests de parité CPython / navigateur (tests/calculators/corpus/)."""

import json
from pathlib import Path

import pytest

from calculators.contrat import CALCULS, executer_json

CORPUS = Path(__file__).parent / "corpus"
CAS = sorted((CORPUS / "cas").glob("*.json"))
PARAMETRES_JSON = (CORPUS / "parametres.json").read_text(encoding="utf-8")


def test_taille_et_couverture_du_corpus():
    assert len(CAS) >= 60
    cas = [json.loads(f.read_text(encoding="utf-8")) for f in CAS]
    assert {c["nom"] for c in cas} >= set(CALCULS)
    assert sum(not c["attendu"]["ok"] for c in cas) >= 20  # erreurs
    assert any("non_calculable" in c["attendu"].get("resultat", {}) for c in cas)  # division par zéro


@pytest.mark.parametrize("fichier", CAS, ids=lambda f: f.stem)
def test_cas_du_corpus(fichier):
    cas = json.loads(fichier.read_text(encoding="utf-8"))
    assert set(cas) == {"nom", "entree", "description", "attendu"}
    reponse = json.loads(executer_json(cas["nom"], json.dumps(cas["entree"], ensure_ascii=False), PARAMETRES_JSON))
    assert reponse == cas["attendu"]
    assert "erreur interne" not in json.dumps(reponse, ensure_ascii=False)
