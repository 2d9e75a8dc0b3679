"""Clavier seul : chaque calculateur jusqu'à un résultat (Tab, Maj+Tab, Entrée, Espace, flèches dans les
listes), focus toujours visible (style de focus calculé non nul) et pas de piège au clavier."""

from __future__ import annotations

import re

import pytest
from calculateurs_a11y import attendre_calcul, attendre_etat_moteur
from outils_accessibilite import JS_FOCUS

pytestmark = pytest.mark.navigateur

MAX_TABULATIONS = 600


def focus(page) -> dict | None:
    """L'élément qui a le focus et son indicateur de focus calculé (None : aucun)."""
    return page.evaluate(JS_FOCUS)


def sans_indicateur(etat: dict | None) -> bool:
    return etat is not None and not (etat["visible"] and etat["opacite"] > 0.5 and etat["visibilite"] == "visible")


def tabuler_jusqua(page, selecteur: str) -> None:
    """Tab jusqu'à l'élément ``selecteur`` ; chaque élément traversé doit montrer son focus."""
    for _ in range(MAX_TABULATIONS):
        page.keyboard.press("Tab")
        etat = focus(page)
        assert not sans_indicateur(etat), f"focus invisible : {etat}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selecteur):
            return
    pytest.fail(f"{selecteur} n'est pas atteignable avec Tab")


def touche(page, nom: str, attendu: str | None = None) -> None:
    """Appuie sur ``nom`` ; si ``attendu`` est donné, le focus doit être sur cet élément ensuite."""
    page.keyboard.press(nom)
    if attendu:
        actif = page.evaluate("() => document.activeElement.id || document.activeElement.outerHTML.slice(0, 80)")
        assert page.evaluate("(s) => document.activeElement.matches(s)", attendu), f"{nom} : focus sur {actif}, attendu {attendu}"
        assert not sans_indicateur(focus(page))


def taper(page, texte: str) -> None:
    page.keyboard.type(texte)


def resume(page) -> str:
    texte = page.locator("[data-resultats] [data-resume]").inner_text()
    return re.sub(r"\s+", " ", texte.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def ouvrir(page, site, chemin: str) -> None:
    page.goto(site.url(chemin))
    attendre_etat_moteur(page, "pret")


def test_trajectoire_au_clavier(page_a11y, site_local):
    page = page_a11y
    ouvrir(page, site_local, "calculateurs/trajectoire/")
    tabuler_jusqua(page, "#trajectoire-valeur_initiale")
    taper(page, "84,47")
    touche(page, "Tab", "#trajectoire-cible_finale")
    taper(page, "92")
    touche(page, "Tab", "#trajectoire-annees")
    touche(page, "Shift+Tab", "#trajectoire-cible_finale")
    touche(page, "Tab", "#trajectoire-annees")
    touche(page, "Tab", "#trajectoire-signe")
    touche(page, "Tab", "#trajectoire-annee_bascule")
    touche(page, "Tab", "#calculateur-trajectoire button[type=submit]")
    touche(page, "Enter")
    attendre_calcul(page, "ok")
    assert resume(page) == "Cible de la dernière année : 92"
    assert page.locator("[data-liste=cibles] tr").count() == 5


def test_avancement_au_clavier(page_a11y, site_local):
    page = page_a11y
    ouvrir(page, site_local, "calculateurs/avancement/")
    tabuler_jusqua(page, "#avancement-0-libelle")
    taper(page, "Action au clavier")
    touche(page, "Tab", "#avancement-0-module")
    touche(page, "ArrowDown")  # liste fermée : la flèche choisit l'option suivante
    assert page.locator("#avancement-0-module").input_value() == "une-seule-sante"
    touche(page, "Tab", "#avancement-0-type_actions")
    for _ in range(10):  # « Aucun », puis les 9 types de Transformation de l'offre, puis ceux d'Une seule santé
        touche(page, "ArrowDown")
    assert page.locator("#avancement-0-type_actions").input_value() == "reset"
    touche(page, "Tab", "#avancement-0-secteur")
    touche(page, "ArrowDown")
    assert page.locator("#avancement-0-secteur").input_value() == "PH"
    touche(page, "Tab", "#avancement-0-phase")
    for _ in range(3):
        touche(page, "ArrowDown")
    touche(page, "ArrowUp")
    assert page.locator("#avancement-0-phase").input_value() == "execution"
    touche(page, "Tab", "#avancement-0-avancement_phase")
    taper(page, "50")
    touche(page, "Tab", "button[data-action=supprimer-ligne]")
    touche(page, "Tab", "button[data-action=ajouter-ligne]")
    touche(page, "Space", "#avancement-1-libelle")  # la nouvelle ligne reçoit le focus
    taper(page, "Deuxième action")
    touche(page, "Tab", "#avancement-1-module")
    touche(page, "Tab", "#avancement-1-type_actions")
    touche(page, "ArrowDown")
    assert page.locator("#avancement-1-type_actions").input_value() == "autodetermination"
    tabuler_jusqua(page, "#calculateur-avancement button[type=submit]")
    touche(page, "Enter")
    attendre_calcul(page, "ok")
    # Une seule santé : 20 + 20 + 20 × 50 % = 50 ; Transformation de l'offre : 0 ; moyenne : 25
    assert resume(page) == "Taux d'avancement global : 25,00 %"


def test_modulation_au_clavier(page_a11y, site_local):
    page = page_a11y
    ouvrir(page, site_local, "calculateurs/modulation/")
    tabuler_jusqua(page, "#modulation-0-nom")
    taper(page, "EHPAD au clavier")
    touche(page, "Tab", "#modulation-0-categorie")
    touche(page, "ArrowDown")
    touche(page, "ArrowUp")
    assert page.locator("#modulation-0-categorie").input_value() == "EHPAD"
    touche(page, "Tab", "#modulation-0-jours_ouverture")
    touche(page, "Tab", "#modulation-0-activite_theorique")
    touche(page, "Tab", "#modulation-0-capacite")
    taper(page, "80")
    touche(page, "Tab", "#modulation-0-activite_realisee")
    taper(page, "27740")
    touche(page, "Tab", "#modulation-0-taux_cible")
    taper(page, "98")
    touche(page, "Tab", "#modulation-0-dotation")
    taper(page, "1000000")
    touche(page, "Enter")  # Entrée dans un champ : envoi du formulaire
    attendre_calcul(page, "ok")
    assert resume(page) == "Abattement total simulé : 15 000,00 € sur 1 000 000,00 € de dotation."


def test_indicateur_au_clavier(page_a11y, site_local):
    page = page_a11y
    ouvrir(page, site_local, "calculateurs/indicateurs/taux-levee-mesures/")
    tabuler_jusqua(page, "#indicateur-taux-levee-mesures-mesures_levees")
    taper(page, "3")
    touche(page, "Tab", "#indicateur-taux-levee-mesures-mesures_notifiees")
    taper(page, "4")
    touche(page, "Tab", "#calculateur-taux-levee-mesures button[type=submit]")
    touche(page, "Space")
    attendre_calcul(page, "ok")
    assert resume(page).endswith(" : 75,00 %")


def cycle(page, touche_nom: str) -> list[dict]:
    """Tabule depuis le haut de la page jusqu'à revenir au premier élément atteint : le cycle se
    ferme (pas de piège). Renvoie les éléments traversés, dans l'ordre."""
    vus: list[dict] = []
    for _ in range(MAX_TABULATIONS):
        page.keyboard.press(touche_nom)
        etat = focus(page)
        if etat is None:  # le focus a quitté les éléments de la page (barre du navigateur)
            continue
        if vus and etat["cle"] == vus[0]["cle"]:
            return vus
        vus.append(etat)
    pytest.fail(f"{touche_nom} : le focus ne revient jamais au premier élément (piège ?) ; "
                f"derniers éléments : {[e['element'] for e in vus[-5:]]}")


PAGES_PARCOURUES = [
    "", "modules/prevention/", "modules/prevention/vaccination/", "annexes/indicateurs/",
    "calculateurs/avancement/", "calculateurs/modulation/", "calculateurs/trajectoire/",
    "calculateurs/indicateurs/taux-activite/",
]


@pytest.mark.parametrize("chemin", PAGES_PARCOURUES)
def test_parcours_complet_focus_visible_sans_piege(page_a11y, site_local, chemin):
    """Tab puis Maj+Tab sur toute la page : chaque élément montre son focus, le cycle se ferme dans les
    deux sens, et chaque contrôle du calculateur est atteint."""
    page = page_a11y
    page.goto(site_local.url(chemin))
    if page.locator("[data-calculateur]").count():
        attendre_etat_moteur(page, "pret")
    avant = cycle(page, "Tab")
    invisibles = [e for e in avant if sans_indicateur(e)]
    assert not invisibles, "focus invisible :\n" + "\n".join(map(str, invisibles))
    arriere = cycle(page, "Shift+Tab")
    assert {e["cle"] for e in arriere} == {e["cle"] for e in avant}
    controles = page.evaluate("""() => [...document.querySelectorAll(
        '[data-calculateur] :is(input:not([type=hidden]), select, button, textarea)')]
        .filter((c) => !c.disabled && c.getClientRects().length).length""")
    atteints = sum(1 for e in avant if e["calculateur"])
    assert atteints == controles
