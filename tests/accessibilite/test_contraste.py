"""Contraste de chaque style personnalisé (couleurs calculées par getComputedStyle, fond effectif
composé depuis les ancêtres) : au moins 4,5:1 pour le texte normal, 3:1 pour le grand texte
(24 px, ou 18,66 px en gras), WCAG 1.4.3."""

from __future__ import annotations

import pytest
from calculateurs_a11y import attendre_calcul, attendre_etat_moteur, moteur_retenu, remplir_invalide
from outils_accessibilite import JS_CONTRASTE

pytestmark = pytest.mark.navigateur

# Styles des fichiers docs/assets/css/*.css et éléments du thème qu'ils recolorent :
# nom -> (sélecteur CSS, texte qui repère une page du site construit où le style apparaît).
STYLES = {
    "étiquette PA": (".guide-secteur--pa", "guide-secteur--pa"),
    "étiquette PH": (".guide-secteur--ph", "guide-secteur--ph"),
    "état de fiche complète": (".guide-etat--complete", "guide-etat--complete"),
    "état de fiche en cours": (".guide-etat--en-cours", "guide-etat--en-cours"),
    "encadré « en cours de rédaction » (titre)": (".admonition.guide-en-cours > .admonition-title", "guide-en-cours"),
    "encadré « en cours de rédaction » (texte)": (".admonition.guide-en-cours > p:not(.admonition-title)",
                                                  "guide-en-cours"),
    "état de fiche à éléments sourcés": (".guide-etat--elements-sources", "guide-etat--elements-sources"),
    "encadré « à valider par l'ARS » (titre)": (".admonition.guide-a-valider > .admonition-title", "guide-a-valider"),
    "encadré « à valider par l'ARS » (texte)": (".admonition.guide-a-valider > p:not(.admonition-title)",
                                                "guide-a-valider"),
    "partie « Ce que disent les sources » (titre)": (".guide-elements-sources > :is(h2, h3, h4)",
                                                     'class="guide-elements-sources"'),
    "partie « Ce que disent les sources » (texte)": (".guide-elements-sources__avis, .guide-elements-sources li p",
                                                     'class="guide-elements-sources"'),
    "encadré (titre)": (".md-typeset .admonition > .admonition-title", 'class="admonition note'),
    "statut du module": (".guide-statut", "guide-statut"),
    "source YAML": (".guide-source", "guide-source"),
    "formule": (".guide-formule code", "guide-formule"),
    "lien du texte": (".md-typeset p a", "<p>"),
    "bouton": (".md-typeset .md-button:not(.md-button--primary)", 'class="md-button"'),
    "bouton principal": (".md-typeset .md-button--primary", "md-button--primary"),
    "mention d'un calculateur": (".calculateur__mention", "calculateur__mention"),
    "aide d'un calculateur": (".calculateur__aide", "calculateur__aide"),
    "formule d'un calculateur": (".calculateur__formule code", 'calculateur__formule">Formule'),
    "légende et libellés": (".calculateur legend, .calculateur label", 'data-calculateur="trajectoire"'),
    "code (commentaire)": (".md-typeset .highlight .c1", 'class="c1"'),
    "pied de page": (".md-copyright", "md-copyright"),
}


def pages_par_style(dossier) -> dict[str, str]:
    """Pour chaque style, la première page (chemin web) du site construit qui contient son repère."""
    textes = {f.relative_to(dossier).as_posix(): f.read_text(encoding="utf-8") for f in sorted(dossier.rglob("*.html"))}
    choix = {}
    for nom, (_, repere) in STYLES.items():
        for relatif, texte in textes.items():
            if repere in texte:
                choix[nom] = relatif[: -len("index.html")] if relatif.endswith("index.html") else relatif
                break
    return choix


def mesurer(page, selecteur: str) -> list[dict]:
    """Contraste de chaque élément visible qui correspond au sélecteur."""
    page.mouse.move(0, 0)
    return [m for m in page.locator(selecteur).evaluate_all(
        f"(els) => els.filter((e) => e.getClientRects().length && e.innerText.trim()).map({JS_CONTRASTE})")]


def insuffisants(mesures: list[dict]) -> list[dict]:
    def minimum(m):
        grand = m["taille"] >= 24 or (m["taille"] >= 18.66 and m["graisse"] >= 700)
        return 3.0 if grand else 4.5
    return [m for m in mesures if m["rapport"] < minimum(m)]


def test_chaque_style_statique(page_a11y, site_local):
    page = page_a11y
    choix = pages_par_style(site_local.dossier)
    absents = sorted(set(STYLES) - set(choix))
    assert not absents, f"styles introuvables dans le site : {absents}"
    fautes, mesures_faites = [], 0
    for nom, chemin in choix.items():
        page.goto(site_local.url(chemin))
        mesures = mesurer(page, STYLES[nom][0])
        assert mesures, f"{nom} : aucun élément visible sur {chemin}"
        mesures_faites += len(mesures)
        fautes += [f"{nom} ({chemin}) : {m}" for m in insuffisants(mesures)]
    assert not fautes, "\n".join(fautes)
    assert mesures_faites >= len(STYLES)


def test_boutons_au_focus(page_a11y, site_local):
    """Bouton au focus clavier : couleurs d'accent du thème (blanc sur l'accent)."""
    page = page_a11y
    for selecteur in ("button[type=submit]", "button[data-action=ajouter-ligne]"):
        page.goto(site_local.url("calculateurs/avancement/"))
        page.locator(selecteur).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # fin des transitions de couleur (0,25 s)
        mesure = page.locator(selecteur).first.evaluate(JS_CONTRASTE)
        assert not insuffisants([mesure]), mesure


def test_messages_des_calculateurs(page_a11y, site_local):
    """Messages : chargement du moteur, erreurs de saisie (à côté du champ et annonce), moteur indisponible."""
    page = page_a11y
    with moteur_retenu(page):
        page.goto(site_local.url("calculateurs/avancement/"))
        attendre_etat_moteur(page, "chargement")
        chargement = mesurer(page, ".calculateur__etat")
    attendre_etat_moteur(page, "pret")
    remplir_invalide(page, "avancement")
    attendre_calcul(page, "erreurs")
    erreurs = mesurer(page, ".calculateur__erreur-champ") + mesurer(page, ".calculateur__annonce")
    page.add_init_script("delete window.WebAssembly;")
    page.goto(site_local.url("calculateurs/trajectoire/"))
    attendre_etat_moteur(page, "indisponible")
    indisponible = mesurer(page, ".calculateur__etat")
    for nom, mesures in (("chargement", chargement), ("erreurs", erreurs), ("indisponible", indisponible)):
        assert mesures, f"{nom} : aucun message visible"
        assert not insuffisants(mesures), f"{nom} : {insuffisants(mesures)}"
