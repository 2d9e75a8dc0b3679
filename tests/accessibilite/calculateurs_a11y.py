"""Les calculateurs pour les tests d'accessibilité : adresses, saisies valides et invalides, moteur retenu.

Toutes les saisies passent par les libellés visibles des champs (ce que lit une aide technique).
"""

from __future__ import annotations

from contextlib import contextmanager

from projet import referentiel

DELAI_MS = 60_000
WASM = "**/assets/pyodide/pyodide.asm.wasm"


def calculateurs() -> list[tuple[str, str]]:
    """(nom, chemin web) de chaque calculateur : les trois calculateurs et un par indicateur."""
    liste = [("avancement", "calculateurs/avancement/"), ("modulation", "calculateurs/modulation/"),
             ("trajectoire", "calculateurs/trajectoire/")]
    liste += [(f"indicateur:{i}", f"calculateurs/indicateurs/{i}/") for i in referentiel().indicateurs]
    # Bibliothèque des sources : un représentant de chaque forme de calculateur (ratio avec seuils,
    # nombre saisi tel quel, Oui/Non), le gabarit étant le même pour les 54.
    liste += [(f"indicateur:{i}", f"calculateurs/indicateurs/{i}/") for i in BIBLIOTHEQUE]
    return liste


BIBLIOTHEQUE = ("idf-occupation-ht", "ecars-pil-006", "ecars-coop-017")


def _saisie_directe(nom: str) -> dict | None:
    """L'indicateur sans formule (valeur saisie telle quelle), sinon None."""
    indicateur = referentiel().indicateur(nom.split(":", 1)[1])
    return None if indicateur.get("formule") else indicateur


def _variables(nom: str) -> list[dict]:
    return referentiel().indicateur(nom.split(":", 1)[1])["variables"]


def remplir_valide(page, nom: str) -> None:
    """Une saisie complète et valide (le résultat s'affiche)."""
    if nom == "avancement":
        page.get_by_label("Libellé de l'action 1").fill("Créer une plateforme de répit")
        page.get_by_label("Type d'actions de l'action 1").select_option(label="Prise en compte des aidants")
        page.get_by_label("Phase en cours de l'action 1").select_option(label="Exécution et mise en œuvre")
        page.get_by_label("% réalisé de la phase de l'action 1").fill("12,5")
        page.get_by_role("button", name="Ajouter une action").click()
        page.get_by_label("Libellé de l'action 2").fill("Plan de prévention des chutes")
        page.get_by_label("Type d'actions de l'action 2").select_option(label="Autodétermination")
        page.get_by_label("Secteur de l'action 2").select_option("PH")
    elif nom == "modulation":
        page.get_by_label("Nom de l'ESMS 1").fill("EHPAD Les Tilleuls")
        page.get_by_label("Capacité en places (ESMS 1)").fill("80")
        page.get_by_label("Activité réalisée (ESMS 1)").fill("27 740")
        page.get_by_label("Taux d'activité cible en % (ESMS 1)").fill("98")
        page.get_by_label("Dotation en euros (ESMS 1)").fill("1 000 000")
    elif nom == "trajectoire":
        page.get_by_label("Valeur initiale (année de référence)").fill("84,47")
        page.get_by_label("Cible de fin de CPOM").fill("92")
    elif (direct := _saisie_directe(nom)) is not None:
        champ = page.get_by_label(direct["libelle"], exact=True)
        champ.select_option("Oui") if direct.get("nature") == "oui_non" else champ.fill("12")
    else:
        for rang, variable in enumerate(_variables(nom)):
            page.get_by_label(variable["libelle"], exact=True).fill("3" if rang == 0 else "4")


def remplir_invalide(page, nom: str) -> None:
    """Une saisie refusée par le moteur, puis « Calculer » : les erreurs s'affichent près des champs."""
    if nom == "avancement":
        page.get_by_label("Libellé de l'action 1").fill("Action")
        page.get_by_label("Type d'actions de l'action 1").select_option(label="Autodétermination")
        page.get_by_label("% réalisé de la phase de l'action 1").fill("150")
    elif nom == "modulation":
        page.get_by_label("Nom de l'ESMS 1").fill("SSIAD")
        page.get_by_label("Capacité en places (ESMS 1)").fill("abc")
    elif nom == "trajectoire":
        page.get_by_label("Valeur initiale (année de référence)").fill("abc")
    elif (direct := _saisie_directe(nom)) is not None:
        if direct.get("nature") != "oui_non":  # Oui/Non laissé vide : « champ obligatoire »
            page.get_by_label(direct["libelle"], exact=True).fill("abc")
    else:
        page.get_by_label(_variables(nom)[0]["libelle"], exact=True).fill("abc")
    page.get_by_role("button", name="Calculer").click()


def attendre_calcul(page, etat: str) -> None:
    """Attend la fin du dernier calcul dans l'état ``etat`` (« ok » ou « erreurs »)."""
    page.wait_for_function(
        "(e) => { const r = document.querySelector('[data-calculateur]');"
        " return r.dataset.etatCalcul === e && !r.dataset.enCours; }", arg=etat, timeout=DELAI_MS)


def attendre_etat_moteur(page, etat: str) -> None:
    """Attend l'état affiché du moteur (« chargement », « pret », « indisponible », « erreur »)."""
    page.wait_for_function("(e) => document.querySelector('[data-etat-moteur]')?.dataset.etat === e",
                           arg=etat, timeout=DELAI_MS)


@contextmanager
def moteur_retenu(page):
    """Retient le téléchargement de pyodide.asm.wasm : le calculateur reste « en chargement » jusqu'à la
    sortie du bloc (le worker est dans le contexte : la route est posée sur le contexte)."""
    retenues = []
    libere = False
    contexte = page.context

    def handler(route):
        # Une requête qui arrive pendant la libération passe aussitôt (sinon elle resterait bloquée).
        route.continue_() if libere else retenues.append(route)

    contexte.route(WASM, handler)
    try:
        yield
    finally:
        libere = True
        for route in retenues:
            route.continue_()
        contexte.unroute(WASM, handler)
