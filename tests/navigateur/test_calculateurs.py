"""Les calculateurs de bout en bout dans Chromium : saisie par les libellés, clavier, erreurs,
export/import, sauvegarde, navigation instantanée, aucune requête vers une autre origine."""

from __future__ import annotations

import json
import re

import pytest
from outils_navigateur import attendre_etat, attendre_moteur, brancher_moteur, texte

from projet import referentiel

pytestmark = pytest.mark.navigateur

INTERDITS = re.compile(r"\bNaN\b|\bInfinity\b|\bundefined\b|\[object ")


def verifier_page_saine(page, journal, serveur) -> None:
    """Jamais NaN/Infinity/undefined à l'écran, aucune erreur, aucune requête vers une autre origine."""
    corps = page.locator("body").inner_text()
    assert not INTERDITS.search(corps), INTERDITS.search(corps).group(0)
    assert journal.erreurs == []
    assert journal.hors_origine(serveur.origine) == []


def saisir_plan(page) -> None:
    """Deux actions de deux modules, saisies par leurs libellés."""
    page.get_by_label("Libellé de l'action 1").fill("Créer une plateforme de répit")
    page.get_by_label("Module de l'action 1").select_option(label="Transformation de l'offre")
    page.get_by_label("Type d'actions de l'action 1").select_option(label="Prise en compte des aidants")
    page.get_by_label("Phase en cours de l'action 1").select_option(label="Exécution et mise en œuvre")
    page.get_by_label("% réalisé de la phase de l'action 1").fill("12,5")
    page.get_by_role("button", name="Ajouter une action").click()
    page.get_by_label("Libellé de l'action 2").fill("Plan de prévention des chutes")
    page.get_by_label("Module de l'action 2").select_option(label="Prévention")
    page.get_by_label("Type d'actions de l'action 2").select_option(label="Programmes de prévention")
    page.get_by_label("Secteur de l'action 2").select_option("PH")
    page.get_by_label("Phase en cours de l'action 2").select_option(label="Clôture")
    page.get_by_label("% réalisé de la phase de l'action 2").fill("100")


def test_avancement_resultats_par_module_et_global(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    saisir_plan(page)
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=actions] tr').length === 2")
    resultats = page.locator("[data-resultats]")
    # (20 + 20 + 20 × 12,5 %) = 42,50 ; 100 ; moyenne des modules = 71,25
    assert texte(resultats.locator("[data-resume]")) == "Taux d'avancement global : 71,25 %"
    assert texte(page.locator("[data-annonce]")) == "Taux d'avancement global : 71,25 %"
    lignes = [texte(l) for l in resultats.locator("[data-liste=actions] tr").all()]
    assert lignes == [
        "Créer une plateforme de répit 42,50 % Initialisation 20 + Planification 20 + "
        "Exécution et mise en œuvre 20 × 12,5 % = 42,50 %",
        "Plan de prévention des chutes 100,00 % Initialisation 20 + Planification 20 + "
        "Exécution et mise en œuvre 20 + Pilotage 20 + Clôture 20 × 100 % = 100,00 %",
    ]
    visibles = [texte(l) for l in resultats.locator("table").first.locator("tbody tr:visible").all()]
    assert visibles == ["Transformation de l'offre 1 42,50 %", "Prévention 1 100,00 %"]
    assert resultats.locator("[data-si=avertissements]").is_hidden()
    verifier_page_saine(page, journal, site_servi)


def saisir_actions(page, types: list[str], secteur: str = "PA") -> None:
    """Une action de Transformation de l'offre (secteur donné) par type d'actions donné (titres des fiches)."""
    for n, type_ in enumerate(types, start=1):
        if n > 1:
            page.get_by_role("button", name="Ajouter une action").click()
        page.get_by_label(f"Libellé de l'action {n}").fill(f"Action {n}")
        page.get_by_label(f"Type d'actions de l'action {n}").select_option(label=type_)
        page.get_by_label(f"Secteur de l'action {n}").select_option(secteur)


def test_avancement_avertissement_au_sixieme_type_d_actions(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    # Six types d'actions proposés au secteur PH (en PA, le module n'en propose que cinq).
    titres = [t["titre"] for t in referentiel().module("transformation-offre")["themes"] if "PH" in t["secteurs"]][:6]
    saisir_actions(page, titres, "PH")
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=actions] tr').length === 6")
    assert texte(page.locator("[data-liste=avertissements]")) == (
        "Module « Transformation de l'offre », secteur PH : 6 types d'actions retenus, au-delà des 5 types "
        "d'actions par secteur prévus ; le taux est calculé quand même."
    )
    verifier_page_saine(page, journal, site_servi)


def test_avancement_six_actions_d_un_meme_type_sans_avertissement(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    saisir_actions(page, ["Prise en compte des aidants"] * 6)
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=actions] tr').length === 6")
    assert page.locator("[data-si=avertissements]").is_hidden()
    visibles = [texte(l) for l in page.locator("[data-resultats] table").first.locator("tbody tr:visible").all()]
    assert visibles == ["Transformation de l'offre 6 0,00 %"]
    verifier_page_saine(page, journal, site_servi)


def test_erreur_affichee_a_cote_du_champ_et_annoncee(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    page.get_by_label("Libellé de l'action 1").fill("Action")
    page.get_by_label("Type d'actions de l'action 1").select_option(label="Autodétermination")
    champ = page.get_by_label("% réalisé de la phase de l'action 1")
    champ.fill("150")
    attendre_etat(page, "erreurs")
    assert champ.get_attribute("aria-invalid") == "true"
    identifiant = champ.get_attribute("aria-describedby").split()[-1]
    message = page.locator(f"#{identifiant}")
    assert texte(message) == "Erreur : nombre entre 0 et 100 attendu, reçu 150"
    assert message.evaluate("(m) => m.closest('td') !== null")
    assert texte(page.locator("[data-annonce]")) == (
        "1 erreur à corriger : % réalisé de la phase de l'action 1 : nombre entre 0 et 100 attendu, reçu 150"
    )
    assert page.locator("[data-resultats]").is_hidden()
    champ.fill("15")
    attendre_etat(page, "ok")
    assert champ.get_attribute("aria-invalid") is None
    assert page.locator(".calculateur__erreur-champ").count() == 0
    verifier_page_saine(page, journal, site_servi)


def test_supprimer_une_ligne_renumerote(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    saisir_plan(page)
    page.get_by_role("button", name="Supprimer l'action 1").click()
    assert page.get_by_label("Libellé de l'action 1").input_value() == "Plan de prévention des chutes"
    assert page.get_by_label("Libellé de l'action 2").count() == 0
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=actions] tr').length === 1")
    assert texte(page.locator("[data-resume]")) == "Taux d'avancement global : 100,00 %"
    verifier_page_saine(page, journal, site_servi)


def test_clavier_seulement(page, journal, site_servi):
    """Tab jusqu'au premier champ, saisie, Tab, saisie, Entrée : le résultat s'affiche."""
    page.goto(site_servi.url("calculateurs/trajectoire/"))
    attendre_moteur(page)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "trajectoire-valeur_initiale":
            break
    else:
        pytest.fail("le premier champ n'est pas atteignable avec Tab")
    page.keyboard.type("84,47")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "trajectoire-cible_finale"
    page.keyboard.type("92")
    page.keyboard.press("Enter")
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=cibles] tr').length === 5")
    lignes = [texte(l) for l in page.locator("[data-liste=cibles] tr").all()]
    assert lignes == ["N+1 85,98", "N+2 87,48", "N+3 88,99", "N+4 90,49", "N+5 92"]
    assert texte(page.locator("[data-annonce]")) == "Cible de la dernière année : 92"
    verifier_page_saine(page, journal, site_servi)


def test_modulation_totaux_regle_et_mention(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/modulation/"))
    attendre_moteur(page)
    assert page.get_by_label("Catégorie de l'ESMS 1").locator("option").first.inner_text() == "EHPAD (365 jours)"
    page.get_by_label("Nom de l'ESMS 1").fill("EHPAD Les Tilleuls")
    page.get_by_label("Catégorie de l'ESMS 1").select_option("EHPAD")
    page.get_by_label("Capacité en places (ESMS 1)").fill("80")
    page.get_by_label("Activité réalisée (ESMS 1)").fill("27 740")
    page.get_by_label("Taux d'activité cible en % (ESMS 1)").fill("98")
    page.get_by_label("Dotation en euros (ESMS 1)").fill("1 000 000")
    page.get_by_role("button", name="Ajouter un ESMS").click()
    page.get_by_label("Nom de l'ESMS 2").fill("Accueil de jour expérimental")
    page.get_by_label("Catégorie de l'ESMS 2").select_option(label="Autre : jours d'ouverture ou activité théorique saisis")
    page.get_by_label("Activité théorique (ESMS 2)").fill("2600")
    page.get_by_label("Activité réalisée (ESMS 2)").fill("2600")
    page.get_by_label("Taux d'activité cible en % (ESMS 2)").fill("90")
    page.get_by_label("Dotation en euros (ESMS 2)").fill("200000,5")
    attendre_etat(page, "ok")
    page.wait_for_function("() => document.querySelectorAll('[data-liste=etablissements] tr').length === 2")
    lignes = [texte(l) for l in page.locator("[data-liste=etablissements] tr").all()]
    assert lignes == [
        "EHPAD Les Tilleuls 29 200 95,00 % 3 1,50 % 15 000,00 € 985 000,00 €",
        "Accueil de jour expérimental 2 600 100,00 % 0 0,00 % 0,00 € 200 000,50 €",
    ]
    assert texte(page.locator("[data-resume]")) == "Abattement total simulé : 15 000,00 € sur 1 200 000,50 € de dotation."
    totaux = texte(page.get_by_role("table", name="Totaux").locator("tbody"))
    assert totaux == "Dotations 1 200 000,50 € Abattements simulés 15 000,00 € Dotations après abattement 1 185 000,50 €"
    corps = texte(page.locator("[data-calculateur]"))
    assert "Simulation indicative, pas une décision." in corps
    assert "(source : art. R. 314-43-2 du CASF)" in corps
    assert "Règle : Abattement de 0,5 % de la dotation par point d'activité non réalisé" in corps
    verifier_page_saine(page, journal, site_servi)


def test_modulation_base_ambigue_signalee_sur_l_esms(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/modulation/"))
    attendre_moteur(page)
    page.get_by_label("Nom de l'ESMS 1").fill("SSIAD")
    page.get_by_label("Jours d'ouverture forcés (ESMS 1)").fill("300")
    page.get_by_role("button", name="Calculer").click()
    attendre_etat(page, "erreurs")
    cadre = page.get_by_role("group", name="ESMS 1")
    assert "une seule base attendue parmi categorie, jours_ouverture, activite_theorique (reçu : categorie, jours_ouverture)" in texte(cadre)
    verifier_page_saine(page, journal, site_servi)


def test_calculateur_d_indicateur(page, journal, site_servi):
    indicateur = referentiel().indicateur("taux-levee-mesures")
    page.goto(site_servi.url("calculateurs/indicateurs/taux-levee-mesures/"))
    attendre_moteur(page)
    assert "÷" in texte(page.locator(".calculateur__formule"))
    valeurs = {"mesures_levees": "3", "mesures_notifiees": "4"}
    for variable in indicateur["variables"]:
        page.get_by_label(variable["libelle"], exact=True).fill(valeurs[variable["nom"]])
    attendre_etat(page, "ok")
    assert texte(page.locator("[data-resume]")) == f"{indicateur['libelle']} : 75,00 %"
    champ = page.get_by_label(indicateur["variables"][1]["libelle"], exact=True)
    champ.fill("0")
    attendre_etat(page, "erreurs")
    assert champ.get_attribute("aria-invalid") == "true"
    assert texte(page.locator(".calculateur__erreur-champ")) == "Erreur : nombre entier supérieur ou égal à 1 attendu, reçu 0"
    verifier_page_saine(page, journal, site_servi)


def exporter(page, bouton: str) -> str:
    with page.expect_download() as telechargement:
        page.get_by_role("button", name=bouton).click()
    with open(telechargement.value.path(), encoding="utf-8", newline="") as fichier:
        return fichier.read()


@pytest.mark.parametrize(("bouton", "extension"), [("Exporter en JSON", "json"), ("Exporter en CSV (Excel)", "csv")])
def test_export_puis_import_identique(page, journal, site_servi, tmp_path, bouton, extension):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    saisir_plan(page)
    attendre_etat(page, "ok")
    premier = exporter(page, bouton)
    if extension == "csv":
        assert premier.startswith("\ufeffLibellé de l'action;Module;Type d'actions;Secteur;Phase en cours;% de la phase réalisé\r\n")
        assert ("Créer une plateforme de répit;Transformation de l'offre;Prise en compte des aidants;PA – personnes âgées;"
                "Exécution et mise en œuvre;12,5\r\n") in premier
    else:
        assert json.loads(premier)["actions"][0] == {
            "libelle": "Créer une plateforme de répit", "module": "transformation-offre",
            "type_actions": "aidants", "secteur": "PA", "phase": "execution", "avancement_phase": 12.5,
        }
    page.get_by_role("button", name="Effacer la saisie enregistrée").click()
    assert page.get_by_label("Libellé de l'action 1").input_value() == ""
    fichier = tmp_path / f"plan.{extension}"
    fichier.write_text(premier, encoding="utf-8", newline="")
    page.get_by_label("Importer un fichier JSON ou CSV").set_input_files(str(fichier))
    page.wait_for_function("() => document.querySelectorAll('[data-lignes=actions] tr').length === 2")
    attendre_etat(page, "ok")
    assert page.get_by_label("% réalisé de la phase de l'action 1").input_value() == "12,5"
    assert exporter(page, bouton) == premier
    verifier_page_saine(page, journal, site_servi)


@pytest.mark.parametrize("bouton", ["Exporter en JSON", "Exporter en CSV (Excel)"])
def test_modulation_base_autre_relue_a_l_identique(page, journal, site_servi, tmp_path, bouton):
    """Un ESMS sans catégorie (jours forcés) importé en JSON garde « Autre » et se réexporte à l'identique."""
    page.goto(site_servi.url("calculateurs/modulation/"))
    attendre_moteur(page)
    entree = {"etablissements": [{"nom": "SSIAD", "jours_ouverture": 300, "capacite": 10,
                                  "activite_realisee": 2900, "taux_cible": 95, "dotation": 1000}]}
    fichier = tmp_path / "esms.json"
    fichier.write_text(json.dumps(entree), encoding="utf-8")
    page.get_by_label("Importer un fichier JSON ou CSV").set_input_files(str(fichier))
    attendre_etat(page, "ok")
    assert page.get_by_label("Catégorie de l'ESMS 1").input_value() == ""
    assert page.get_by_label("Jours d'ouverture forcés (ESMS 1)").input_value() == "300"
    premier = exporter(page, bouton)
    relu = tmp_path / ("relu.json" if "JSON" in bouton else "relu.csv")
    relu.write_text(premier, encoding="utf-8", newline="")
    page.get_by_label("Importer un fichier JSON ou CSV").set_input_files(str(relu))
    attendre_etat(page, "ok")
    assert exporter(page, bouton) == premier
    verifier_page_saine(page, journal, site_servi)


def test_import_csv_invalide_revalide_par_python(page, journal, site_servi, tmp_path):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    fichier = tmp_path / "plan.csv"
    fichier.write_text(
        "Libellé de l'action;Module;Secteur;Phase en cours;% de la phase réalisé\n"
        "Action;Prévention;PX;Pilotage;dix\n", encoding="utf-8")
    page.get_by_label("Importer un fichier JSON ou CSV").set_input_files(str(fichier))
    attendre_etat(page, "erreurs")
    annonce = texte(page.locator("[data-annonce]"))
    assert "Secteur de l'action 1 : secteur inconnu « PX » (valeurs possibles : PA, PH)" in annonce
    assert "% réalisé de la phase de l'action 1 : nombre entre 0 et 100 attendu, reçu \"dix\"" in annonce
    # Fichier sans colonne « Type d'actions » (exports antérieurs) : lu quand même, Python demande le type.
    assert "Type d'actions de l'action 1 : champ obligatoire manquant" in annonce
    assert page.get_by_label("Type d'actions de l'action 1").input_value() == ""
    fichier.write_text("Titre;Module\nA;Prévention\n", encoding="utf-8")
    page.get_by_label("Importer un fichier JSON ou CSV").set_input_files(str(fichier))
    page.wait_for_function("() => document.querySelector('[data-annonce]').innerText.startsWith('Import impossible')")
    assert texte(page.locator("[data-annonce]")) == (
        "Import impossible : plan.csv, ligne 1 : colonnes manquantes : « Libellé de l'action », "
        "« Secteur », « Phase en cours », « % de la phase réalisé »."
    )
    verifier_page_saine(page, journal, site_servi)


@pytest.mark.parametrize(("nom", "contenu", "message"), [
    ("dossier.json", '{"format": "guide-cpom-bfc/dossier", "version": 1}',
     "Import impossible : dossier.json ne correspond pas à ce calculateur : aucune des données attendues (« actions »)."),
    ("plan.json", "{abîmé", None),
    ("plan.csv", "Libellé de l'action;Module;Secteur;Phase en cours;% de la phase réalisé\n\"Action;Prévention",
     "Import impossible : plan.csv : fichier CSV abîmé ou d'un autre type (guillemet non fermé ou caractère illisible)."),
    ("vide.csv", "\ufeff\r\n", "Import impossible : vide.csv : fichier vide."),
])
def test_fichier_etranger_ou_abime_refuse_sans_rien_ecraser(page, journal, site_servi, tmp_path, nom, contenu, message):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    saisir_plan(page)
    attendre_etat(page, "ok")
    fichier = tmp_path / nom
    fichier.write_text(contenu, encoding="utf-8")
    page.get_by_label("Importer un fichier JSON ou CSV").set_input_files(str(fichier))
    page.wait_for_function("() => document.querySelector('[data-annonce]').innerText.startsWith('Import impossible')")
    annonce = texte(page.locator("[data-annonce]"))
    if message:
        assert annonce == message
    else:
        assert annonce.startswith("Import impossible : plan.json : JSON illisible (")
    # Rien n'a été écrasé : la saisie et le résultat restent.
    assert page.get_by_label("Libellé de l'action 2").input_value() == "Plan de prévention des chutes"
    assert page.get_by_label("% réalisé de la phase de l'action 1").input_value() == "12,5"
    assert page.locator("[data-calculateur]").get_attribute("data-etat-calcul") == "ok"
    verifier_page_saine(page, journal, site_servi)


def test_sauvegarde_survit_au_rechargement(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    saisir_plan(page)
    attendre_etat(page, "ok")
    page.reload()
    attendre_moteur(page)
    assert page.get_by_label("Libellé de l'action 2").input_value() == "Plan de prévention des chutes"
    assert page.get_by_label("Secteur de l'action 2").input_value() == "PH"
    assert page.get_by_label("Type d'actions de l'action 2").input_value() == "programmes-prevention"
    attendre_etat(page, "ok")
    assert texte(page.locator("[data-resume]")) == "Taux d'avancement global : 71,25 %"
    page.get_by_role("button", name="Effacer la saisie enregistrée").click()
    page.reload()
    attendre_moteur(page)
    assert page.get_by_label("Libellé de l'action 1").input_value() == ""
    assert page.get_by_label("Libellé de l'action 2").count() == 0
    verifier_page_saine(page, journal, site_servi)


def assert_moteur_charge_une_fois(journal) -> None:
    """WebAssembly et instantané : demandés une seule fois, par le worker (aucun préchargement par le
    document, qu'un worker ne reprendrait pas) ; les octets envoyés sont comptés par scripts/banc_essai.py."""
    for fichier in ("/pyodide.asm.wasm", ".bin"):
        demandes = [u for u in journal.requetes if u.endswith(fichier)]
        assert len(demandes) == 1, demandes


def test_seules_les_pages_a_moteur_le_demarrent_des_l_en_tete(site_servi):
    """demarrage.js (worker créé dès l'en-tête) est dans le <head> de chaque page de calculateur et de
    Mon CPOM, d'aucune autre ; aucune page ne précharge les fichiers du moteur."""
    demarrage = re.compile(r'<script type="module" async src="[./]*assets/js/demarrage\.js"></script>')
    avec_moteur, avec_demarrage = set(), set()
    for fichier in site_servi.dossier.rglob("index.html"):
        page = fichier.read_text(encoding="utf-8")
        tete, corps = page.split("</head>", 1)
        relatif = fichier.parent.relative_to(site_servi.dossier).as_posix()
        if "data-calculateur=" in corps or "data-mon-cpom" in corps:
            avec_moteur.add(relatif)
        if demarrage.search(tete):
            avec_demarrage.add(relatif)
        assert not re.search(r'<link rel="preload"[^>]*(pyodide|instantane)', page), relatif
    assert avec_demarrage == avec_moteur
    assert {"calculateurs/avancement", "calculateurs/mon-cpom", "calculateurs/trajectoire"} <= avec_moteur
    assert len(avec_moteur) >= 12  # 4 calculateurs, Mon CPOM, un par indicateur des modules


def test_revisite_par_navigation_instantanee(page, journal, site_servi):
    """Le worker survit à la navigation instantanée : un seul chargement du moteur par visite."""
    page.goto(site_servi.url("calculateurs/"))
    brancher_moteur(page)
    assert page.evaluate("() => window.moteurTest.etat.etat") == "arret"  # pas de calculateur : pas de moteur
    page.evaluate("() => { window.marqueurVisite = 'même document'; }")
    page.locator("article").get_by_role("link", name="Taux d'avancement du plan d'actions").first.click()
    page.wait_for_url("**/calculateurs/avancement/")
    page.wait_for_function("() => window.moteurTest.etat.etat === 'pret'")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Modulation de la dotation selon l'activité").click()
    page.wait_for_url("**/calculateurs/modulation/")
    page.get_by_label("Nom de l'ESMS 1").wait_for()
    page.go_back()
    page.wait_for_url("**/calculateurs/avancement/")
    page.get_by_label("Libellé de l'action 1").fill("Revisite")
    page.get_by_label("Type d'actions de l'action 1").select_option(label="Autodétermination")
    attendre_etat(page, "ok")
    assert page.evaluate("() => window.marqueurVisite") == "même document"
    assert texte(page.locator("[data-resume]")) == "Taux d'avancement global : 0,00 %"
    assert len([u for u in journal.requetes if u.endswith("/worker.js")]) == 1  # un seul worker par visite
    assert_moteur_charge_une_fois(journal)
    verifier_page_saine(page, journal, site_servi)


def test_page_sans_calculateur_ne_charge_pas_le_moteur(page, journal, site_servi):
    page.goto(site_servi.url(""))
    brancher_moteur(page)
    page.wait_for_timeout(300)
    assert not [u for u in journal.requetes if "/pyodide/" in u or u.endswith("/worker.js")]
    verifier_page_saine(page, journal, site_servi)


@pytest.mark.parametrize("geste", ["survol", "focus"])
def test_lien_de_calculateur_survole_ou_focalise_prechauffe_le_moteur(page, journal, site_servi, geste):
    """Page du guide : aucun octet de Pyodide tant qu'aucun lien de calculateur n'est survolé ou
    focalisé ; au survol (ou au focus clavier) d'un tel lien, le moteur démarre, une seule fois."""
    page.goto(site_servi.url("calculateurs/"))
    brancher_moteur(page)
    # un lien qui ne mène pas à un calculateur : le logo de l'en-tête (page d'accueil)
    autre = page.locator("header a.md-logo").first
    autre.hover() if geste == "survol" else autre.focus()  # un lien qui ne mène pas à un calculateur
    page.wait_for_timeout(300)
    assert not [u for u in journal.requetes if "/pyodide/" in u or u.endswith("/worker.js")]
    assert page.evaluate("() => window.moteurTest.etat.etat") == "arret"
    lien = page.locator("article").get_by_role("link", name="Taux d'avancement du plan d'actions").first
    lien.hover() if geste == "survol" else lien.focus()
    page.wait_for_function("() => window.moteurTest.etat.etat === 'pret'")
    assert len([u for u in journal.requetes if u.endswith("/worker.js")]) == 1
    lien.click()
    page.wait_for_url("**/calculateurs/avancement/")
    page.get_by_label("Libellé de l'action 1").fill("Préchauffé")
    page.get_by_label("Type d'actions de l'action 1").select_option(label="Autodétermination")  # obligatoire
    attendre_etat(page, "ok")
    assert len([u for u in journal.requetes if u.endswith("/worker.js")]) == 1  # le même worker
    verifier_page_saine(page, journal, site_servi)


def test_webassembly_indisponible(contexte, site_servi):
    page = contexte.new_page()
    page.add_init_script("delete window.WebAssembly;")
    page.goto(site_servi.url("calculateurs/avancement/"))
    etat = page.locator("[data-etat-moteur]")
    page.wait_for_function("() => document.querySelector('[data-etat-moteur]').dataset.etat === 'indisponible'")
    assert texte(etat).startswith("Ce navigateur ne permet pas d'exécuter les calculateurs (WebAssembly ou Web Workers indisponibles).")
    assert etat.get_attribute("role") == "status"


def valeur_valide(variable: dict) -> str:
    minimum, maximum = variable.get("min"), variable.get("max")
    valeur = max(1, minimum if minimum is not None else 1)
    return str(min(valeur, maximum) if maximum is not None else valeur)


def test_tous_les_calculateurs_d_indicateur(page, journal, site_servi):
    """Chaque page générée calcule, visitée par la navigation instantanée (un seul moteur)."""
    page.goto(site_servi.url("calculateurs/"))
    page.wait_for_function("() => window.location$ !== undefined")
    for identifiant, indicateur in referentiel().indicateurs.items():
        page.evaluate("(u) => window.location$.next(new URL(u))", site_servi.url(f"calculateurs/indicateurs/{identifiant}/"))
        page.locator(f"#calculateur-{identifiant}[data-pret]").wait_for()
        for variable in indicateur["variables"]:
            page.get_by_label(variable["libelle"], exact=True).fill(valeur_valide(variable))
        attendre_etat(page, "ok", f"#calculateur-{identifiant}")
        resume = texte(page.locator(f"#calculateur-{identifiant} [data-resume]"))
        assert resume.startswith(f"{indicateur['libelle']} : ") or resume.startswith("Non calculable : "), resume
        assert "—" not in resume
        verifier_page_saine(page, journal, site_servi)
    assert len([u for u in journal.requetes if u.endswith("/worker.js")]) == 1
    assert_moteur_charge_une_fois(journal)


def test_mise_en_page_d_impression(page, journal, site_servi):
    page.goto(site_servi.url("calculateurs/avancement/"))
    attendre_moteur(page)
    saisir_plan(page)
    attendre_etat(page, "ok")
    page.emulate_media(media="print")
    assert page.get_by_role("button", name="Exporter en JSON").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.get_by_label("Libellé de l'action 2").is_visible()
    assert page.locator("[data-resultats]").is_visible()
    verifier_page_saine(page, journal, site_servi)
