"""axe-core sur toutes les pages HTML du site construit : aucune violation « serious » ou « critical »
(règles WCAG 2.0/2.1 A et AA et bonnes pratiques). Rapport complet dans artefacts/accessibilite/."""

from __future__ import annotations

import pytest
from outils_accessibilite import analyser, bloquantes, decrire, pages_html

pytestmark = pytest.mark.navigateur


def test_toutes_les_pages_sans_violation_grave(page_a11y, site_local, rapport_a11y):
    chemins = pages_html(site_local.dossier)
    assert len(chemins) > 50, chemins  # le site complet (modules, fiches, indicateurs, annexes)
    fautes = []
    for chemin in chemins:
        url = site_local.url(chemin)
        page_a11y.goto(url, wait_until="load")
        resultat = analyser(page_a11y)
        rapport_a11y.enregistrer("pages", chemin or "accueil", url, resultat)
        if bloquantes(resultat):
            fautes.append(f"{chemin or '/'} :\n{decrire(bloquantes(resultat))}")
    assert not fautes, f"{len(fautes)} page(s) sur {len(chemins)} en violation grave :\n" + "\n".join(fautes)


def test_dialogue_de_recherche_ouvert(page_a11y, site_local, rapport_a11y):
    """Le dialogue de recherche du thème, ouvert au clavier et avec des résultats."""
    page_a11y.goto(site_local.url(""))
    page_a11y.keyboard.press("/")  # raccourci du thème : ouvre la recherche
    page_a11y.get_by_role("textbox", name="Rechercher").wait_for()
    page_a11y.keyboard.type("indicateur")
    page_a11y.locator(".md-search-result__item").first.wait_for()
    resultat = analyser(page_a11y)
    rapport_a11y.enregistrer("etats", "recherche-ouverte", page_a11y.url, resultat)
    assert not bloquantes(resultat), decrire(bloquantes(resultat))
