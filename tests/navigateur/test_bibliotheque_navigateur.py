"""Bibliothèque d'indicateurs dans Chromium : nombre compté avec cible « > n », valeur Oui/Non,
seuils d'une source, trajectoire Oui/Non — saisis par les libellés, comme un utilisateur."""

from __future__ import annotations

import pytest
from outils_navigateur import attendre_etat, attendre_moteur, texte
from test_calculateurs import verifier_page_saine

pytestmark = pytest.mark.navigateur


def test_nombre_compte_avec_cible_stricte(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/indicateurs/ecars-acc-043/"))
    attendre_moteur(page)
    page.get_by_label("Nombre d'actions en faveur des aidants", exact=True).fill("6")
    page.get_by_label("Comparaison").select_option(">")
    page.get_by_label("Valeur de la cible").fill("6")
    attendre_etat(page, "ok")
    resultats = page.locator("[data-resultats]")
    page.wait_for_function("() => document.querySelector('[data-resultats] [data-si=cible]') && !document.querySelector('[data-resultats] [data-si=cible]').hidden")
    assert texte(resultats.locator("[data-resume]")) == "Nombre d'actions en faveur des aidants : 6 actions"
    assert texte(resultats.locator("[data-si=cible]")) == "Cible > 6 actions atteinte : non."
    assert resultats.locator("table[data-si=seuils]").is_hidden()
    verifier_page_saine(page, journal, site_servi)


def test_oui_non_et_erreur_nommee(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/indicateurs/ecars-coop-017/"))
    attendre_moteur(page)
    libelle = "Mise en place d'outils numériques favorisant la coordination et la liaison entre les acteurs"
    page.get_by_label(libelle, exact=True).select_option("Oui")
    page.get_by_label("Comparaison").select_option("=")
    page.get_by_label("Valeur de la cible").select_option("Oui")
    attendre_etat(page, "ok")
    page.wait_for_function("() => !document.querySelector('[data-resultats] [data-si=cible]').hidden")
    assert texte(page.locator("[data-resultats] [data-resume]")) == f"{libelle} : Oui"
    assert texte(page.locator("[data-resultats] [data-si=cible]")) == "Cible = Oui atteinte : oui."
    verifier_page_saine(page, journal, site_servi)


def test_seuil_de_la_source_franchi(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/indicateurs/pdl-i-44/"))
    attendre_moteur(page)
    page.get_by_label("Amortissements cumulés des constructions (comptes 2813, 2814, 2823, 2824, €)").fill("620 000")
    page.get_by_label("Valeur brute des constructions (comptes 213, 214, 223, 224, 2313, 2314, €)").fill("1 000 000")
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=seuils] tr').length === 1")
    assert texte(page.locator("[data-resultats] [data-resume]")) == "Taux de vétusté : 0,62"
    ligne = texte(page.locator("[data-liste=seuils] tr"))
    assert ligne == "< 0,5 tableau des objectifs, indicateur i-44, colonne « Cible » : « < 0,5 » non"
    verifier_page_saine(page, journal, site_servi)


def test_trajectoire_oui_non(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/trajectoire/"))
    attendre_moteur(page)
    page.get_by_label("Nature de la valeur").select_option("oui_non")
    page.get_by_label("Valeur initiale (année de référence)").fill("Non")
    page.get_by_label("Cible de fin de CPOM").fill("Oui")
    page.get_by_label("Année de bascule (Oui / Non seulement)").fill("2")
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=cibles] tr').length === 5")
    lignes = [texte(l) for l in page.locator("[data-liste=cibles] tr").all()]
    assert lignes == ["N+1 Non", "N+2 Oui", "N+3 Oui", "N+4 Oui", "N+5 Oui"]
    verifier_page_saine(page, journal, site_servi)


def test_exemples_chiffres_des_sources_recalcules_dans_le_navigateur(page, journal, site_servi):
    """Chaque exemple chiffré de la bibliothèque dont la source donne le calcul (fiches e-CARS du CPOM
    de Besançon…) : ses chiffres saisis à la française dans le calculateur de l'indicateur (navigation
    instantanée, un seul moteur) donnent la valeur écrite par la source, au centième près, comme CPython
    (tests/guide/test_bibliotheque.py)."""
    from decimal import Decimal

    from calculators.nombres import francais

    from projet import referentiel

    cas = [(i, e) for i in referentiel().bibliotheque.values() if i.get("formule")
           for e in i.get("exemples") or [] if all(v["nom"] in e for v in i["variables"])]
    assert len(cas) >= 16  # 16 exemples des fiches e-CARS (11 indicateurs) le 29/11/2026
    page.goto(site_servi.url("calculateurs/"))
    page.wait_for_function("() => window.location$ !== undefined")
    for indicateur, exemple in cas:
        identifiant = indicateur["id"]
        page.evaluate("(u) => window.location$.next(new URL(u))", site_servi.url(f"calculateurs/indicateurs/{identifiant}/"))
        page.locator(f"#calculateur-{identifiant}[data-pret]").wait_for()
        for variable in indicateur["variables"]:
            page.get_by_label(variable["libelle"], exact=True).fill(francais(Decimal(str(exemple[variable["nom"]]))))
        attendre_etat(page, "ok", f"#calculateur-{identifiant}")
        valeur = francais(Decimal(str(exemple["valeur"])), indicateur["decimales"])
        unite = f" {indicateur['unite']}" if indicateur.get("unite") else ""
        assert texte(page.locator(f"#calculateur-{identifiant} [data-resume]")) == f"{indicateur['libelle']} : {valeur}{unite}", identifiant
    verifier_page_saine(page, journal, site_servi)
    assert len([u for u in journal.requetes if u.endswith("/worker.js")]) == 1
