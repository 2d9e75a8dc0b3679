"""axe-core sur les états de la page « Mon CPOM » : moteur en chargement, dossier neuf (erreurs),
erreurs de champ (FINESS et nombre invalides, champs marqués aria-invalid), autodiagnostic (points
de fragilité proposés), dossier complet (bilan, graphiques, tableaux, avertissements, modulation,
fiches), fichier étranger refusé. Aucune violation « serious » ou « critical ». (Le bilan imprimé
est vérifié par son PDF dans tests/navigateur/test_mon_cpom.py ; axe en média « print » ne mesure que
l'absence de clavier sur papier : règle scrollable-region-focusable sur html.)"""

from __future__ import annotations

import json

import pytest
from calculateurs_a11y import attendre_etat_moteur, moteur_retenu
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

    with moteur_retenu(page):
        page.goto(site_local.url("calculateurs/mon-cpom/"))
        attendre_etat_moteur(page, "chargement")
        verifier("moteur-en-chargement")
    attendre(page, "erreurs")
    verifier("dossier-neuf")

    # Erreurs de champ : FINESS juridique invalide, capacité qui n'est pas un nombre.
    page.fill("#og-raison", "CCAS de Besançon")
    page.fill("#og-finess", "25000")
    page.get_by_role("button", name="Ajouter un ESMS").click()
    page.fill("#esms-0-finess", "250004389")
    page.fill("#esms-0-nom", "EHPAD Les Hortensias")
    page.select_option("#esms-0-secteur", "PA")
    page.select_option("#esms-0-categorie", "EHPAD")
    page.fill("#esms-0-capacite", "quatre-vingts")
    page.wait_for_function("() => document.querySelectorAll('[aria-invalid=true]').length === 2")
    assert page.eval_on_selector_all("[aria-invalid=true]", "els => els.map(e => e.id)") == ["og-finess", "esms-0-capacite"]
    # Résumé des erreurs : chaque erreur nomme son champ par son libellé, dans un lien qui y porte le focus.
    liens = page.eval_on_selector_all("[data-erreurs] li a", "els => els.map(a => [a.textContent, a.getAttribute('href')])")
    assert liens == [["FINESS juridique (9 caractères)", "#og-finess"], ["Capacité en places (ESMS 1)", "#esms-0-capacite"]]
    page.locator("[data-erreurs] li a").last.click()
    assert page.evaluate("() => document.activeElement.id") == "esms-0-capacite"
    verifier("erreurs-de-champ")

    # Autodiagnostic : un seuil non respecté propose un point de fragilité.
    page.fill("#og-finess", "250006079")
    page.fill("#esms-0-capacite", "80")
    page.fill("#esms-0-diag-idf-rotation-taux_entree", "10")
    page.fill("#esms-0-diag-idf-rotation-taux_sortie", "14")
    page.wait_for_function("() => document.querySelectorAll('[data-fragilites] li [data-reprendre]').length === 1")
    attendre(page, "ok")
    assert page.locator("[aria-invalid]").count() == 0
    verifier("autodiagnostic")
    page.locator("[data-reprendre]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-fragilites] li [data-reprendre]').length === 0")
    verifier("autodiagnostic-point-repris")
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
