"""axe-core sur les états de la page « Mon CPOM » : dossier neuf (erreurs), dossier complet (bilan,
graphiques, tableaux, avertissements, modulation, fiches), fichier étranger refusé. Aucune violation
« serious » ou « critical »."""

from __future__ import annotations

import json

import pytest
from outils_accessibilite import analyser, bloquantes, decrire

pytestmark = pytest.mark.navigateur

CLE = "guide-cpom-bfc:mon-cpom"
ESMS = [
    {"finess": "250004389", "nom": "EHPAD Les Hortensias", "secteur": "PA", "categorie": "EHPAD", "capacite": 80, "dotation": 1000000,
     "activite_realisee": 27740, "taux_cible": 98},
    {"finess": "250000001", "nom": "IME Les Sources", "secteur": "PH", "categorie": "IME", "capacite": 40, "dotation": 2000000,
     "activite_realisee": 7900, "taux_cible": 95},
]
DOSSIER = {
    "format": "guide-cpom-bfc/dossier", "version": 1, "og": {"raison_sociale": "CCAS de Besançon", "finess_juridique": "250006079"},
    "premiere_annee": 2026, "annee_suivi": 2, "esms": ESMS,
    "modules": [
        {"id": "transformation-offre", "valeur_initiale": 0, "cible_finale": 100, "suivi": {"N1": {"taux": 20}},
         "types_actions": {"PH": ["autodetermination", "transformation-secteur-psh", "inclusion-scolaire", "transition-age",
                                  "pratiques-professionnelles", "troubles-comportement"]}},
        {"id": "inspection-controle", "declenchement": "avenant", "date": "2027-03-01"},
    ],
    "actions": [{"libelle": "Plan autodétermination", "module": "transformation-offre", "type_actions": "autodetermination",
                 "esms": ["250000001"], "phase": "execution", "avancement_phase": 50, "echeance": "2027-06-30"}],
    "points_fragilite": [{"libelle": "Recrutement", "resolu_en": "N2"}, {"libelle": "Vacance"}],
}


def attendre(page, etat: str) -> None:
    page.wait_for_function("(e) => document.querySelector('[data-mon-cpom]').dataset.etatCalcul === e", arg=etat)


def test_etats_de_mon_cpom_sans_violation_grave(page_a11y, site_local, rapport_a11y, tmp_path):
    page = page_a11y
    fautes = []

    def verifier(etat: str) -> None:
        resultat = analyser(page)
        rapport_a11y.enregistrer("mon-cpom", etat, page.url, resultat)
        if bloquantes(resultat):
            fautes.append(f"{etat} :\n{decrire(bloquantes(resultat))}")

    page.goto(site_local.url("calculateurs/mon-cpom/"))
    attendre(page, "erreurs")
    verifier("dossier-neuf")
    page.evaluate("([cle, d]) => localStorage.setItem(cle, d)", [CLE, json.dumps(DOSSIER)])
    page.reload()
    attendre(page, "ok")
    assert page.locator("[data-bilan] svg").count() == 6
    assert page.locator("[data-avertissements] li").count() == 1
    verifier("dossier-complet")
    etranger = tmp_path / "autre.json"
    etranger.write_text("[1, 2]", encoding="utf-8")
    page.set_input_files("#mon-cpom-import", str(etranger))
    page.wait_for_function("() => document.querySelector('[data-annonce]').textContent !== ''")
    verifier("import-refuse")
    assert page.erreurs == []
    assert not fautes, "\n".join(fautes)
