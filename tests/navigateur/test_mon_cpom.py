"""Page « Mon CPOM » dans Chromium : saisie au clavier, règle des types d'actions, rechargement,
export puis import (identiques), fichier étranger refusé sans rien écraser, effacement, aucune
requête vers une autre origine."""

from __future__ import annotations

import json

import pytest
from outils_navigateur import texte

pytestmark = pytest.mark.navigateur

CLE = "guide-cpom-bfc:mon-cpom"
TYPES_PH = ["autodetermination", "transformation-secteur-psh", "inclusion-scolaire", "transition-age",
            "pratiques-professionnelles", "troubles-comportement"]


def attendre_calcul(page, apres: int, etat: str | None = "ok") -> int:
    """Attend une réponse du moteur postérieure à la ``apres``-ième, et qu'aucun calcul ne reste en
    cours (la réponse affichée est celle de la dernière saisie) ; rend le nombre de réponses."""
    page.wait_for_function(
        "([n, e]) => { const r = document.querySelector('[data-mon-cpom]'); return Number(r.dataset.calculs || 0) > n && !r.dataset.enCours && (e === null || r.dataset.etatCalcul === e); }",
        arg=[apres, etat],
    )
    return int(page.locator("[data-mon-cpom]").get_attribute("data-calculs"))


def calculs(page) -> int:
    return int(page.locator("[data-mon-cpom]").get_attribute("data-calculs") or 0)


def enregistre(page) -> dict:
    return json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(CLE)})"))


def taper(page, selecteur: str, valeur: str) -> None:
    page.focus(selecteur)
    page.keyboard.type(valeur)


def remplir(page) -> None:
    taper(page, "#og-raison", "CCAS de Besançon")
    page.keyboard.press("Tab")
    page.keyboard.type("250006079")
    for rang, (finess, nom, secteur, categorie) in enumerate([("250004389", "EHPAD Les Hortensias", "PA", "EHPAD"),
                                                              ("250000001", "IME Les Sources", "PH", "IME")]):
        page.focus("[data-ajouter=esms]")
        page.keyboard.press("Enter")  # le focus va au premier champ de la ligne ajoutée
        page.keyboard.type(finess)
        page.keyboard.press("Tab")
        page.keyboard.type(nom)
        page.select_option(f"#esms-{rang}-secteur", secteur)
        page.select_option(f"#esms-{rang}-categorie", categorie)
        taper(page, f"#esms-{rang}-capacite", "40")
    for type_ in TYPES_PH:  # six types d'actions en PH : avertissement
        page.focus(f"#transformation-offre-PH-{type_}")
        page.keyboard.press("Space")
    page.focus("[data-ajouter=actions]")
    page.keyboard.press("Enter")
    page.keyboard.type("Plan autodétermination")
    page.select_option("#action-0-module", "transformation-offre")
    page.select_option("#action-0-type", "autodetermination")
    taper(page, "#action-0-esms", "250000001")
    page.select_option("#action-0-phase", "execution")
    taper(page, "#action-0-part", "50")


def test_dossier_au_clavier_rechargement_export_import(page, site_servi, journal, tmp_path):
    page.goto(site_servi.url("calculateurs/mon-cpom/"))
    attendre_calcul(page, 0, "erreurs")  # dossier neuf : l'OG reste à saisir
    assert texte(page.locator("[data-erreurs]")) == "À corriger : Organisme gestionnaire : champ obligatoire manquant"
    remplir(page)
    page.wait_for_function("() => document.querySelector('[data-avertissements]').textContent.includes('6 types d')")
    attendre_calcul(page, calculs(page) - 1)
    assert texte(page.locator("[data-bilan] h3")) == "Bilan de l'année N1 (2026)"
    avertissements = texte(page.locator("[data-avertissements]"))
    assert "Module « Transformation de l'offre », secteur PH : 6 types d'actions" in avertissements
    assert "secteur PA" not in avertissements
    bilan = texte(page.locator("#mon-cpom [data-bilan]"))
    assert "Taux d'avancement du plan d'actions : 50,00 %" in bilan
    assert page.locator("[data-bilan] svg[role=img]").count() == 5
    dossier = enregistre(page)
    assert dossier["og"] == {"raison_sociale": "CCAS de Besançon", "finess_juridique": "250006079"}
    assert [e["capacite"] for e in dossier["esms"]] == [40, 40]
    assert dossier["actions"] == [{"libelle": "Plan autodétermination", "module": "transformation-offre", "type_actions": "autodetermination",
                                   "esms": ["250000001"], "phase": "execution", "avancement_phase": 50}]

    # Rechargement : même dossier, mêmes champs.
    valeurs = page.eval_on_selector_all("[data-formulaire] [name]", "els => els.map(e => e.type === 'checkbox' ? e.checked : e.value)")
    page.reload()
    attendre_calcul(page, 0)
    assert enregistre(page) == dossier
    assert page.eval_on_selector_all("[data-formulaire] [name]", "els => els.map(e => e.type === 'checkbox' ? e.checked : e.value)") == valeurs

    # Export puis import dans un navigateur vierge : identique.
    with page.expect_download() as telechargement:
        page.get_by_role("button", name="Exporter le dossier (JSON)").click()
    fichier = tmp_path / telechargement.value.suggested_filename
    telechargement.value.save_as(fichier)
    assert fichier.name == "mon-cpom-250006079.json"
    assert json.loads(fichier.read_text(encoding="utf-8")) == dossier
    page.evaluate("() => localStorage.clear()")
    page.reload()
    n = attendre_calcul(page, 0, "erreurs")  # dossier vide : l'OG manque
    page.set_input_files("#mon-cpom-import", str(fichier))
    page.wait_for_function("() => document.querySelector('[data-annonce]').textContent.includes('importé')")
    attendre_calcul(page, n)
    assert enregistre(page) == dossier

    # Fichier étranger : refusé, rien n'est écrasé.
    etranger = tmp_path / "autre.json"
    etranger.write_text('{"format": "mon-cpom-bfc", "version": 1}', encoding="utf-8")
    page.set_input_files("#mon-cpom-import", str(etranger))
    page.wait_for_function("() => document.querySelector('[data-annonce]').textContent.includes('rien n')")
    assert "format « mon-cpom-bfc »" in texte(page.locator("[data-annonce]"))
    assert enregistre(page) == dossier

    # Fiche objectif en CSV (Excel France, BOM).
    with page.expect_download() as telechargement:
        page.get_by_role("button", name="Télécharger la fiche « Transformation de l'offre » (CSV)").click()
    csv = telechargement.value.path().read_bytes().decode("utf-8")
    assert csv.startswith("\ufeffFiche objectif;Transformation de l'offre\r\n")
    assert ";1;Plan autodétermination;Autodétermination;;\r\n" in csv

    # Effacer (après confirmation) : dossier vide.
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Effacer le dossier de ce navigateur").click()
    page.wait_for_function(f"() => localStorage.getItem({json.dumps(CLE)}) === null || !JSON.parse(localStorage.getItem({json.dumps(CLE)})).og")
    assert page.input_value("#og-raison") == ""
    assert journal.hors_origine(site_servi.origine) == []
    assert journal.erreurs == []


def choisir(page, selecteur: str, valeur: str) -> None:
    """Choisit une option au clavier : focus, Début, puis Flèche bas jusqu'à l'option voulue."""
    rang = page.eval_on_selector(selecteur, "(s, v) => [...s.options].findIndex((o) => o.value === v)", valeur)
    assert rang >= 0, f"{valeur} absent de {selecteur}"
    page.focus(selecteur)
    page.keyboard.press("Home")
    for _ in range(rang):
        page.keyboard.press("ArrowDown")
    assert page.input_value(selecteur) == valeur


def taper_date(page, selecteur: str, iso: str) -> None:
    """Saisit une date au clavier dans un champ date (ordre des segments selon la langue de Chromium)."""
    annee, mois, jour = iso.split("-")
    for ordre in (mois + jour + annee, jour + mois + annee):
        page.focus(selecteur)
        page.keyboard.type(ordre)
        if page.input_value(selecteur) == iso:
            return
        page.fill(selecteur, "")  # mauvais ordre de segments : on efface et on reprend
    raise AssertionError(f"date {iso} impossible à saisir dans {selecteur}")


ESMS = [("250004389", "EHPAD Les Hortensias", "PA", "EHPAD"), ("250009628", "Accueil de jour L'Escapade", "PA", "Accueil de jour"),
        ("250000001", "IME Les Sources", "PH", "IME")]
# 12 actions sous leurs types d'actions, dans les 5 modules obligatoires : (module, type, phase, part)
ACTIONS = [
    ("transformation-offre", "autodetermination", "execution", "50"), ("transformation-offre", "aidants", "cloture", "100"),
    ("transformation-offre", "pratiques-professionnelles", "planification", "20"),
    ("une-seule-sante", "economie-energies", "pilotage", "50"), ("une-seule-sante", "gestion-dechets", "initialisation", "100"),
    ("une-seule-sante", "qualite-air", "execution", "0"),
    ("prevention", "vaccination", "cloture", "100"), ("prevention", "activite-physique", "execution", "25"),
    ("efficience", "ressources-humaines", "planification", "50"), ("efficience", "activite", "execution", "75"),
    ("tableau-de-bord-si", "ror-par-et", "cloture", "100"), ("tableau-de-bord-si", "cybersecurite", "pilotage", "0"),
]


def test_dossier_complet_au_clavier_bilan_imprime_en_pdf(page, site_servi, journal, tmp_path):
    """3 ESMS, 5 modules, 12 actions sous leurs types d'actions, 2 années relevées ; rechargement
    identique ; bilan imprimé en PDF dont le texte porte les chiffres du bilan."""
    import subprocess

    page.goto(site_servi.url("calculateurs/mon-cpom/"))
    attendre_calcul(page, 0, "erreurs")
    taper(page, "#og-raison", "CCAS de Besançon")
    page.keyboard.press("Tab")
    page.keyboard.type("250006079")
    choisir(page, "#og-suivi", "2")
    for rang, (finess, nom, secteur, categorie) in enumerate(ESMS):
        page.focus("[data-ajouter=esms]")
        page.keyboard.press("Enter")
        page.keyboard.type(finess)
        page.keyboard.press("Tab")
        page.keyboard.type(nom)
        choisir(page, f"#esms-{rang}-secteur", secteur)
        choisir(page, f"#esms-{rang}-categorie", categorie)
    for rang, (module, type_, phase, part) in enumerate(ACTIONS):
        page.focus("[data-ajouter=actions]")
        page.keyboard.press("Enter")
        page.keyboard.type(f"Action {rang + 1}")
        choisir(page, f"#action-{rang}-module", module)
        choisir(page, f"#action-{rang}-type", type_)
        choisir(page, f"#action-{rang}-phase", phase)
        taper(page, f"#action-{rang}-part", part)
        taper_date(page, f"#action-{rang}-echeance", "2027-12-31" if rang % 2 else "2027-06-30")
    # Deux années relevées : N1 figé (transformation de l'offre), N1 et N2 des SI complétés.
    taper(page, "#transformation-offre-N1-taux", "20")
    for annee, completes in (("N1", "3"), ("N2", "5")):
        taper(page, f"#tableau-de-bord-si-{annee}-si_completes", completes)
        taper(page, f"#tableau-de-bord-si-{annee}-si_attendus", "6")
    taper(page, "#tableau-de-bord-si-initiale", "50")
    taper(page, "#tableau-de-bord-si-finale", "100")
    attendre_calcul(page, calculs(page) - 1, None)
    assert texte(page.locator("[data-erreurs]")) == ""
    dossier = enregistre(page)
    assert len(dossier["esms"]) == 3 and len(dossier["actions"]) == 12
    assert {a["module"] for a in dossier["actions"]} == {"transformation-offre", "une-seule-sante", "prevention", "efficience", "tableau-de-bord-si"}
    assert dossier["modules"][-1]["suivi"] == {"N1": {"valeurs": {"si_completes": 3, "si_attendus": 6}},
                                                "N2": {"valeurs": {"si_completes": 5, "si_attendus": 6}}}
    bilan = texte(page.locator("[data-bilan]"))
    assert "Bilan de l'année N2 (2027)" in bilan
    assert "Taux de SI complétés et/ou mis à jour à 100 % : 83,33 % ; cible 70,00 % : cible atteinte" in bilan
    assert "Taux d'avancement du plan d'actions : 58,00 %" in bilan  # (50 + 100 + 24) ÷ 3

    page.reload()
    attendre_calcul(page, 0)
    assert enregistre(page) == dossier

    page.emulate_media(media="print")
    fichier = tmp_path / "bilan.pdf"
    page.pdf(path=str(fichier))
    pdf = subprocess.run(["pdftotext", "-enc", "UTF-8", str(fichier), "-"], capture_output=True, text=True, check=True).stdout
    pdf = " ".join(pdf.replace("\u202f", " ").replace("\u00a0", " ").split())
    assert "Bilan de l'année N2 (2027)" in pdf
    assert "83,33 %" in pdf and "58,00 %" in pdf
    assert "Actions en retard" in pdf
    assert journal.hors_origine(site_servi.origine) == []
    assert journal.erreurs == []


def attendu_cpython(site_servi, dossier: dict) -> dict:
    """Le même dossier calculé par CPython, avec les paramètres publiés dans le site servi."""
    from calculators.contrat import executer_json

    parametres = (site_servi.dossier / "assets" / "data" / "parametres.json").read_text(encoding="utf-8")
    reponse = json.loads(executer_json("dossier", json.dumps(dossier, ensure_ascii=False), parametres))
    assert reponse["ok"], reponse
    return reponse["resultat"]


def test_autodiagnostic_au_clavier_points_repris_ecartes_ajoutes(page, site_servi, journal):
    """Chiffres d'autodiagnostic saisis au clavier pour un ESMS ; les points proposés (libellés calculés
    par Python, source citée par son titre) sont identiques à ceux de CPython ; « Reprendre » un point
    puis l'écarter, en ajouter un, le dater : taux de résolution identique à CPython."""
    page.goto(site_servi.url("calculateurs/mon-cpom/"))
    attendre_calcul(page, 0, "erreurs")
    taper(page, "#og-raison", "CCAS de Besançon")
    page.keyboard.press("Tab")
    page.keyboard.type("250006079")
    page.focus("[data-ajouter=esms]")
    page.keyboard.press("Enter")
    page.keyboard.type("250004389")
    page.keyboard.press("Tab")
    page.keyboard.type("EHPAD Les Hortensias")
    choisir(page, "#esms-0-secteur", "PA")
    choisir(page, "#esms-0-categorie", "EHPAD")
    # Aide du champ : le seuil et le titre de sa source (publication.yml), reliés par aria-describedby.
    aide = page.get_attribute("#esms-0-diag-idf-rotation-taux_entree", "aria-describedby")
    assert texte(page.locator(f"#{aide}")) == (
        "Seuil < 11 % (source : Guide de la contractualisation médico-sociale – Secteur personnes âgées "
        "(ARS Île-de-France), objectif 3-3, colonne « Cible(s) » : « < 11 % »).")
    taper(page, "#esms-0-diag-idf-rotation-taux_entree", "10")
    page.keyboard.press("Tab")  # champ suivant : taux de sortie
    page.keyboard.type("14,5")
    taper(page, "#esms-0-diag-idf-absenteisme-valeur", "8")  # < 10 % : seuil respecté, aucun point
    taper(page, "#esms-0-diag-idf-charge-soins-pmp", "220")
    page.keyboard.press("Tab")
    page.keyboard.type("80")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.wait_for_function("() => document.querySelectorAll('[data-fragilites] li').length === 2")
    attendre_calcul(page, calculs(page) - 1)
    dossier = enregistre(page)
    assert dossier["esms"][0]["diagnostic"] == {
        "idf-rotation": {"valeurs": {"taux_entree": 10, "taux_sortie": 14.5}},
        "idf-absenteisme": {"valeur": 8},
        "idf-charge-soins": {"valeurs": {"pmp": 220, "capacite": 80, "etp_ide": 3}},
    }
    resultat = attendu_cpython(site_servi, dossier)
    titres = {"guide-idf": "Guide de la contractualisation médico-sociale – Secteur personnes âgées (ARS Île-de-France)"}
    attendus = [f"{p['esms_nom']} ({p['esms']}) — {p['libelle']} — source : "
                + " ; ".join(f"{titres[s['source']]}, {s['lieu']}" for s in p["sources"])
                + f" Reprendre ce point dans la liste ({p['esms']})" for p in resultat["fragilites"]["proposes"]]
    assert [p["indicateur"] for p in resultat["fragilites"]["proposes"]] == ["idf-charge-soins", "idf-rotation"]
    assert page.eval_on_selector_all("[data-fragilites] li", "els => els.map(e => e.textContent)") == attendus
    assert "guide-idf," not in texte(page.locator("[data-fragilites]"))

    # « Reprendre » le premier point au clavier : il entre dans la liste, le focus va sur « retenu » ; Espace l'écarte.
    page.focus("[data-reprendre='250004389/idf-rotation']")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "point-0-retenu"
    page.keyboard.press("Space")
    # Un point ajouté par l'OG, résolu en N1.
    page.focus("[data-ajouter=points_fragilite]")
    page.keyboard.press("Enter")
    page.keyboard.type("Vacance de poste d'infirmier coordonnateur")
    choisir(page, "#point-1-resolu", "N1")
    page.wait_for_function("() => document.querySelectorAll('[data-reprendre]').length === 1")
    attendre_calcul(page, calculs(page) - 1)
    dossier = enregistre(page)
    assert dossier["points_fragilite"] == [
        {"diagnostic": "250004389/idf-rotation", "libelle": resultat["fragilites"]["proposes"][1]["libelle"], "esms": "250004389", "retenu": False},
        {"libelle": "Vacance de poste d'infirmier coordonnateur", "resolu_en": "N1"},
    ]
    resultat = attendu_cpython(site_servi, dossier)
    assert [p["id"] for p in resultat["fragilites"]["ecartes"]] == ["250004389/idf-rotation"]
    assert [p["id"] for p in resultat["fragilites"]["retenus"]] == ["ajout-2", "250004389/idf-charge-soins"]
    efficience = next(m for m in resultat["bilan"]["modules"] if m["id"] == "efficience")
    assert efficience["valeur"] == 50  # 1 point retenu résolu en N1 sur 2
    lignes = page.eval_on_selector_all(
        "[data-bilan] article", "els => els.map(a => [a.querySelector('h4').textContent, [...a.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(c => c.textContent))])")
    attendues = [[m["titre"], [[l["annee"], str(l["annee_civile"]), l["cible"], l["valeur"], l["ecart"]] for l in m["tableau"]["lignes"]]]
                 for m in resultat["bilan"]["modules"]]
    assert lignes == attendues
    assert next(ligne for ligne in lignes if ligne[0] == efficience["titre"])[1][0][3] == "50,00 %"
    assert journal.hors_origine(site_servi.origine) == []
    assert journal.erreurs == []


def test_clic_de_souris_juste_apres_une_saisie_n_est_pas_perdu(page, site_servi, journal):
    """Un chiffre tapé, puis un clic de souris (bouton tenu 250 ms, comme une personne) sur
    « Reprendre ce point » sans avoir quitté le champ : le « change » émis au mousedown ne relance pas
    un dossier identique, donc le bouton n'est pas remplacé sous le pointeur et le clic agit.
    (Avant : le calcul relancé redessinait la zone entre mousedown et mouseup, le clic était perdu.)"""
    page.goto(site_servi.url("calculateurs/mon-cpom/"))
    attendre_calcul(page, 0, "erreurs")
    page.fill("#og-raison", "CCAS de Besançon")
    page.fill("#og-finess", "250006079")
    page.get_by_role("button", name="Ajouter un ESMS").click()
    page.fill("#esms-0-finess", "250004389")
    page.fill("#esms-0-nom", "EHPAD Les Hortensias")
    page.select_option("#esms-0-secteur", "PA")
    page.select_option("#esms-0-categorie", "EHPAD")
    page.fill("#esms-0-capacite", "80")
    page.fill("#esms-0-diag-idf-rotation-taux_entree", "10")
    page.focus("#esms-0-diag-idf-rotation-taux_sortie")
    page.keyboard.type("14")  # le focus reste dans le champ : son « change » viendra au mousedown
    page.wait_for_function("() => document.querySelectorAll('[data-fragilites] [data-reprendre]').length === 1")
    avant = attendre_calcul(page, calculs(page) - 1)
    page.locator("[data-reprendre]").scroll_into_view_if_needed()
    boite = page.locator("[data-reprendre]").bounding_box()
    page.mouse.move(boite["x"] + boite["width"] / 2, boite["y"] + boite["height"] / 2)
    page.mouse.down()
    page.wait_for_timeout(250)
    page.mouse.up()
    attendre_calcul(page, avant)
    assert page.locator("[data-reprendre]").count() == 0
    assert page.evaluate("() => document.activeElement.id") == "point-0-retenu"
    assert [p["diagnostic"] for p in enregistre(page)["points_fragilite"]] == ["250004389/idf-rotation"]
    assert journal.erreurs == []
