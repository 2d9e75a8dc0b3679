"""axe-core sur chaque état de chaque calculateur : chargement du moteur, saisie pendant le chargement,
résultats, formulaire vide (après « Effacer la saisie enregistrée »), erreurs de saisie, moteur
indisponible. Aucune violation « serious » ou « critical ». Rapport dans artefacts/accessibilite/."""

from __future__ import annotations

import pytest
from calculateurs_a11y import (
    attendre_calcul,
    attendre_etat_moteur,
    calculateurs,
    moteur_retenu,
    remplir_invalide,
    remplir_valide,
)
from outils_accessibilite import analyser, bloquantes, decrire

pytestmark = pytest.mark.navigateur


@pytest.mark.parametrize(("nom", "chemin"), calculateurs(), ids=[n for n, _ in calculateurs()])
def test_chaque_etat_sans_violation_grave(page_a11y, site_local, rapport_a11y, nom, chemin):
    page = page_a11y
    fautes = []

    def verifier(etat: str) -> None:
        resultat = analyser(page)
        rapport_a11y.enregistrer("calculateurs", f"{nom}--{etat}", page.url, resultat)
        if bloquantes(resultat):
            fautes.append(f"{etat} :\n{decrire(bloquantes(resultat))}")

    with moteur_retenu(page):
        page.goto(site_local.url(chemin))
        attendre_etat_moteur(page, "chargement")
        verifier("chargement")
        remplir_valide(page, nom)
        assert page.locator("[data-calculateur]").get_attribute("data-en-cours") == "oui"
        verifier("rempli-pendant-le-chargement")
    attendre_calcul(page, "ok")
    assert page.locator("[data-resultats]").is_visible()
    verifier("resultats")
    if nom in ("avancement", "modulation"):
        page.get_by_role("button", name="Effacer la saisie enregistrée").click()
    else:  # pas de sauvegarde : la page rechargée est vide
        page.reload()
        attendre_etat_moteur(page, "pret")
    assert page.locator("[data-resultats]").is_hidden()
    verifier("vide")
    remplir_invalide(page, nom)
    attendre_calcul(page, "erreurs")
    assert page.locator(".calculateur__erreur-champ").count() >= 1
    assert page.locator("[aria-invalid=true]").count() >= 1
    verifier("erreurs")
    assert page.erreurs == []
    assert not fautes, f"{nom} ({chemin}) :\n" + "\n".join(fautes)


def test_moteur_indisponible(page_a11y, site_local, rapport_a11y):
    """Navigateur sans WebAssembly : message d'état à la place du moteur."""
    page = page_a11y
    page.add_init_script("delete window.WebAssembly;")
    page.goto(site_local.url("calculateurs/avancement/"))
    attendre_etat_moteur(page, "indisponible")
    resultat = analyser(page)
    rapport_a11y.enregistrer("calculateurs", "avancement--indisponible", page.url, resultat)
    assert not bloquantes(resultat), decrire(bloquantes(resultat))
