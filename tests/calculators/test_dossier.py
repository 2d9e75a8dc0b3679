"""Dossier « Mon CPOM » (calculators/dossier.py) : migration, règles, indicateurs, sorties."""

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from parametres_essai import PARAMETRES

from calculators import dossier as moteur
from calculators import fragilites, sorties, tableur
from calculators.contrat import executer_json
from calculators.erreurs import EntreeInvalide

REFERENCES = Path(__file__).parent / "references_dossier"
OG = {"raison_sociale": "CCAS de Besançon", "finess_juridique": "250006079"}
EHPAD = {"finess": "250004389", "nom": "EHPAD Les Hortensias", "secteur": "PA", "categorie": "EHPAD"}
IME = {"finess": "250000001", "nom": "IME Les Sources", "secteur": "PH", "categorie": "IME"}
TYPES_TO = ["autodetermination", "pratiques-professionnelles", "troubles-comportement", "aidants",
            "transformation-secteur-psh", "inclusion-scolaire"]


def un_dossier(**champs):
    return {"format": moteur.FORMAT, "version": 1, "og": OG, "premiere_annee": 2026, **champs}


def action(libelle, type_="autodetermination", esms=("250000001",), module="transformation-offre", **autres):
    return {"libelle": libelle, "module": module, "type_actions": type_, "esms": list(esms), "phase": "execution", **autres}


def calculer(dossier, parametres=PARAMETRES):
    return moteur.calculer(dossier, parametres)


# --- migration et fichiers étrangers ---


def test_migration_d_une_version_0(monkeypatch):
    """Le mécanisme de migration : un fichier v0 (l'OG s'appelait « gestionnaire ») est lu en v1."""

    def v0_vers_v1(ancien):
        nouveau = {k: v for k, v in ancien.items() if k != "gestionnaire"}
        return {**nouveau, "og": ancien["gestionnaire"], "version": 1}

    monkeypatch.setitem(moteur.MIGRATIONS, 0, v0_vers_v1)
    ancien = {"format": moteur.FORMAT, "version": 0, "gestionnaire": OG, "premiere_annee": 2026, "esms": [EHPAD]}
    lu = moteur.migrer(ancien)
    assert lu == {"format": moteur.FORMAT, "version": 1, "og": OG, "premiere_annee": 2026, "esms": [EHPAD]}
    assert ancien["version"] == 0  # l'original n'est pas modifié
    assert calculer(ancien)["og"] == OG
    assert calculer(ancien) == calculer(un_dossier(esms=[EHPAD]))


def test_version_0_sans_migration_refusee():
    with pytest.raises(EntreeInvalide) as exc:
        moteur.migrer(un_dossier(version=0))
    assert str(exc.value) == "version: version 0 inconnue : aucune migration vers la version 1"


@pytest.mark.parametrize(
    ("fichier", "message"),
    [
        ({"format": "mon-cpom-bfc", "version": 1}, "format: format « mon-cpom-bfc » inconnu : ce fichier n'est pas un dossier "
         "« Mon CPOM » du guide CPOM BFC (format attendu : « guide-cpom-bfc/dossier »)"),
        ({"etablissements": []}, "format: champ obligatoire manquant : ce fichier n'est pas un dossier « Mon CPOM » du guide CPOM BFC"),
        ({"format": 3}, "format: format 3 inconnu : ce fichier n'est pas un dossier « Mon CPOM » du guide CPOM BFC "
         "(format attendu : « guide-cpom-bfc/dossier »)"),
        ({"format": moteur.FORMAT}, "version: champ obligatoire manquant"),
        ({"format": moteur.FORMAT, "version": True}, "version: nombre entier positif attendu, reçu true"),
        ({"format": moteur.FORMAT, "version": 7}, "version: version 7 plus récente que celle que ce guide sait lire (1) : "
         "utilisez la dernière version du guide"),
        ("texte", 'entrée: objet JSON attendu, reçu "texte" : ce fichier n\'est pas un dossier « Mon CPOM » du guide CPOM BFC'),
    ],
)
def test_fichiers_etrangers_ou_abimes(fichier, message):
    with pytest.raises(EntreeInvalide) as exc:
        moteur.migrer(fichier)
    assert str(exc.value) == message


def test_executer_json_ne_leve_jamais_et_nomme_le_champ():
    reponse = json.loads(executer_json("dossier", '{"format": "guide-cpom-bfc/dossier", "version": 1, "og": {"raison_sociale": "X", '
                                                  '"finess_juridique": "12345678A"}, "premiere_annee": 2026}', json.dumps(PARAMETRES)))
    assert reponse == {"ok": False, "erreurs": [{"champ": "og.finess_juridique", "message":
                       'numéro FINESS de 9 caractères attendu (9 chiffres, ou 2A / 2B et 7 chiffres), reçu "12345678A"'}]}


@pytest.mark.parametrize(("saisi", "lu"), [("250006079", "250006079"), ("250 006 079", "250006079"), ("2a0000001", "2A0000001")])
def test_finess_normalise(saisi, lu):
    assert calculer(un_dossier(og={"raison_sociale": "X", "finess_juridique": saisi}))["og"]["finess_juridique"] == lu


# --- règle des types d'actions ---


def test_le_sixieme_type_d_un_secteur_avertit():
    resultat = calculer(un_dossier(esms=[EHPAD, IME], actions=[action(f"A{k}", t) for k, t in enumerate(TYPES_TO)]))
    assert resultat["avertissements"] == [
        "Module « Transformation de l'offre », secteur PH : 6 types d'actions (Autodétermination, Évolution des pratiques "
        "professionnelles, Adaptation de l'établissement et des équipes aux troubles du comportement et comportement-problème, "
        "Prise en compte des aidants, Transformation du secteur PSH – Enfant, Jeunes et Adultes, Actions d'inclusion scolaire en "
        "milieu ordinaire), au-delà des 5 types d'actions par secteur prévus ; le dossier est calculé quand même."
    ]


def test_cinq_types_n_avertissent_pas_et_la_sixieme_action_d_un_type_non_plus():
    cinq = [action(f"A{k}", t) for k, t in enumerate(TYPES_TO[:5])]
    six_du_meme = [action(f"B{k}", "aidants") for k in range(6)]
    resultat = calculer(un_dossier(esms=[EHPAD, IME], actions=cinq + six_du_meme))
    assert resultat["avertissements"] == []
    module = resultat["modules"][0]
    assert [t["id"] for t in module["types_actions"]["PH"]] == TYPES_TO[:5]
    assert module["types_actions"]["PA"] == []
    assert len(module["actions"]) == 11


def test_les_secteurs_sont_comptes_a_part():
    """5 types en PA et 5 autres en PH : 10 types dans le module, aucun avertissement."""
    pa = [action(f"PA{k}", t, esms=["250004389"]) for k, t in enumerate(["autodetermination", "pratiques-professionnelles",
                                                                         "troubles-comportement", "aidants", "transformation-secteur-pa"])]
    ph = [action(f"PH{k}", t) for k, t in enumerate(["transformation-secteur-psh", "inclusion-scolaire", "transition-age",
                                                     "appui-milieu-ordinaire", "aidants"])]
    assert calculer(un_dossier(esms=[EHPAD, IME], actions=pa + ph))["avertissements"] == []


def test_un_module_a_la_carte_n_a_pas_de_limite(parametres):
    modules = [{"id": "evaluation-has", "declenchement": "avenant", "date": "2027-01-01"}]
    actions = [action(f"A{k}", None, module="evaluation-has") for k in range(12)]
    resultat = calculer(un_dossier(esms=[IME], modules=modules, actions=actions), parametres)
    assert resultat["avertissements"] == []
    assert resultat["modules"][-1]["max_types_actions_par_secteur"] is None


def test_la_nouvelle_cle_max_types_actions_par_secteur_est_lue(parametres):
    parametres["modules"][0]["max_types_actions_par_secteur"] = 2
    resultat = calculer(un_dossier(esms=[IME], actions=[action(f"A{k}", t) for k, t in enumerate(TYPES_TO[:3])]), parametres)
    assert len(resultat["avertissements"]) == 1
    assert "3 types d'actions" in resultat["avertissements"][0] and "au-delà des 2 types" in resultat["avertissements"][0]


# --- indicateurs, trajectoires, modulation ---


def test_avancement_des_modules_reutilise_taux_action():
    resultat = calculer(un_dossier(esms=[IME], annee_suivi=2, actions=[
        action("A", avancement_phase=50), action("B", "aidants", phase="cloture", avancement_phase=100),
        action("C", "aidants", phase="initialisation", avancement_phase="33,335")]))
    module = resultat["modules"][0]
    assert [a["taux"] for a in module["actions"]] == [50.0, 100.0, 6.67]
    assert module["actions"][0]["explication"] == "Initialisation 20 + Planification 20 + Exécution et mise en œuvre 20 × 50 % = 50,00 %"
    assert module["taux_actions"] == 52.22
    assert [a["valeur"] for a in module["annees"]] == [None, 52.22, None, None, None]


def test_trajectoire_et_releves_annuels():
    module = {"id": "tableau-de-bord-si", "valeur_initiale": 84.47, "cible_finale": 92,
              "suivi": {"N1": {"valeurs": {"si_completes": 5, "si_attendus": 6}}}}
    annees = calculer(un_dossier(modules=[module]))["modules"][4]["annees"]
    assert [a["cible"] for a in annees] == [85.98, 87.48, 88.99, 90.49, 92.0]
    assert annees[0] == {"annee": "N1", "annee_civile": 2026, "cible": 85.98, "valeur": 83.33, "origine": "saisie"}


def test_modulation_de_chaque_esms_et_total_dgc():
    esms = [{**EHPAD, "capacite": 80, "dotation": 1000000, "activite_realisee": 27740, "taux_cible": 98},
            {**IME, "capacite": 40, "dotation": 2000000, "activite_realisee": 7900, "taux_cible": 95},
            {**EHPAD, "finess": "250009628", "nom": "Sans activité"}]
    modulation = calculer(un_dossier(esms=esms))["modulation"]
    assert [(e["finess"], e["taux_activite"], e["montant_abattement"]) for e in modulation["etablissements"]] == [
        ("250004389", 95.0, 15000.0), ("250000001", 94.05, 9600.0)]
    assert modulation["total"] == {"dotation": 3000000.0, "montant_abattement": 24600.0, "dotation_apres_abattement": 2975400.0}
    assert modulation["incomplets"] == [{"finess": "250009628", "nom": "Sans activité",
                                         "champs_manquants": ["capacite", "activite_realisee", "taux_cible", "dotation"]}]


# --- points de fragilité ---


def test_autodiagnostic_puis_choix_de_l_og_puis_taux_par_annee():
    """Seuils des paramètres (calculators.seuils, via calculators.indicateur) → points proposés avec
    leur source ; l'OG en garde, en écarte, en ajoute ; taux de résolution année par année."""
    esms = [{**EHPAD, "diagnostic": {"occupation-aj": {"valeurs": {"journees_realisees": 1767, "capacite": 13}},
                                     "absenteisme": {"valeur": "9,5"}}},
            {**IME, "diagnostic": {"absenteisme": {"valeur": 10}, "outils-numeriques": {"valeur": "non"}}}]
    points = [{"diagnostic": "250000001/absenteisme", "resolu_en": "N3"}, {"libelle": "Gouvernance", "resolu_en": "N1"},
              {"libelle": "Écarté", "retenu": False}]
    resultat = calculer(un_dossier(esms=esms, annee_suivi=4, points_fragilite=points))
    proposes = resultat["fragilites"]["proposes"]
    assert [(p["id"], p["libelle"], p["sources"]) for p in proposes] == [
        ("250004389/occupation-aj", "Taux d'occupation AJ (253 jours) : 53,72\u00a0% (seuil : > 70\u00a0%)",
         [{"source": "guide-idf", "lieu": "objectif 3-1"}]),
        ("250000001/absenteisme", "Taux d'absentéisme : 10\u00a0% (seuil : < 10\u00a0%)", [{"source": "guide-idf", "lieu": "objectif 3-3"}]),
        ("250000001/outils-numeriques", "Outils numériques de coordination : Non (seuil : = Oui)", [{"source": "essai", "lieu": "cas de test"}]),
    ]
    assert [(p["id"], p["origine"], p["resolu_en"]) for p in resultat["fragilites"]["retenus"]] == [
        ("250000001/absenteisme", "diagnostic", "N3"), ("ajout-2", "ajout", "N1"),
        ("250004389/occupation-aj", "diagnostic", None), ("250000001/outils-numeriques", "diagnostic", None)]
    assert [p["libelle"] for p in resultat["fragilites"]["ecartes"]] == ["Écarté"]
    efficience = next(m for m in resultat["modules"] if m["id"] == "efficience")
    assert [a["valeur"] for a in efficience["annees"]] == [25.0, 25.0, 50.0, 50.0, None]


def test_sans_point_retenu_le_taux_n_est_pas_calculable():
    annees = calculer(un_dossier(annee_suivi=2))["modules"][3]["annees"]
    assert [a.get("non_calculable") for a in annees] == ["aucun point de fragilité retenu"] * 2 + [None] * 3


# --- sorties ---

BESANCON = un_dossier(
    annee_suivi=2,
    esms=[EHPAD, {"finess": "250009628", "nom": "Accueil de jour L'Escapade", "secteur": "PA", "categorie": "Accueil de jour"}],
    modules=[{"id": "tableau-de-bord-si", "objectif": "Compléter les SI", "constat": "ROR incomplet ;\nViaTrajectoire à jour",
              "prealables": "Référent SI", "partenaires": "GRADeS", "valeur_initiale": 50, "cible_finale": 100,
              "suivi": {"N1": {"valeurs": {"si_completes": 3, "si_attendus": 5}}, "N2": {"valeurs": {"si_completes": 4, "si_attendus": 5}}}}],
    actions=[action("Mettre à jour le ROR", "ror-par-et", esms=["250009628"], module="tableau-de-bord-si", pilote="Cadre",
                    echeance="2027-06-30", avancement_phase=50),
             action("Cybersécurité", "cybersecurite", esms=[], module="tableau-de-bord-si", phase="cloture", avancement_phase=100)],
)


def test_fiche_objectif_et_son_csv():
    fiche = calculer(BESANCON)["fiches"][4]
    assert fiche["perimetre"] == ["250004389 - EHPAD Les Hortensias", "250009628 - Accueil de jour L'Escapade"]
    assert fiche["indicateurs"] == [{"libelle": "Taux de SI complétés", "etablissements": sorties.NIVEAU_OG, "valeur_initiale": 50.0,
                                     "cibles": [60.0, 70.0, 80.0, 90.0], "cible_fin_cpom": 100.0}]
    attendu = (REFERENCES / "fiche_tableau-de-bord-si.csv").read_bytes().decode("utf-8")
    assert fiche["csv"] == attendu
    assert tableur.lire(fiche["csv"])[4] == ["Constat/Diagnostic", "ROR incomplet ;\nViaTrajectoire à jour"]


def test_bilan_de_l_annee():
    bilan = calculer(BESANCON)["bilan"]
    module = bilan["modules"][4]
    assert (bilan["annee"], bilan["annee_civile"]) == ("N2", 2027)
    assert (module["valeur"], module["cible"], module["atteinte"]) == (80.0, 70.0, True)
    assert module["actions_realisees"] == ["Cybersécurité"]
    assert module["actions_en_retard"] == [{"libelle": "Mettre à jour le ROR", "echeance": "2027-06-30", "taux": 50.0, "pilote": "Cadre"}]
    assert module["tableau"]["lignes"][:2] == [
        {"annee": "N1", "annee_civile": 2026, "cible": "60,00 %", "valeur": "60,00 %", "ecart": "0,00 pt"},
        {"annee": "N2", "annee_civile": 2027, "cible": "70,00 %", "valeur": "80,00 %", "ecart": "+10,00 pt"},
    ]


def test_graphique_svg_lisible_sans_couleur():
    svg = calculer(BESANCON)["bilan"]["modules"][4]["graphique"]
    assert svg == (REFERENCES / "graphique_tableau-de-bord-si.svg").read_text(encoding="utf-8")
    racine = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert racine.get("role") == "img"
    assert racine.find(f"{ns}title").text == "Taux de SI complétés — Tableau de bord et systèmes d'information"
    assert "N2 : réalisé 80,00 %, cible 70,00 %" in racine.find(f"{ns}desc").text
    assert len(racine.findall(f".//{ns}g[@class='serie-valeur']/{ns}circle")) == 2  # ronds : réalisé N1, N2
    assert len(racine.findall(f".//{ns}g[@class='serie-cible']/{ns}rect")) == 5    # carrés : cibles N1 à N5
    assert [t.text for t in racine.iter(f"{ns}text")].count("80,00 %") == 2        # valeur N2 et cible N3
    couleurs = {v for e in racine.iter() for k, v in e.attrib.items() if k in ("fill", "stroke")}
    assert couleurs <= {"currentColor", "none"}


def test_graphique_sans_valeur_et_valeurs_negatives():
    vide = calculer(un_dossier())["bilan"]["modules"][0]["graphique"]
    assert "Aucune valeur saisie" in vide
    module = {"id": "difficulte-financiere", "declenchement": "avenant", "date": "2026-01-01",
              "suivi": {"N1": {"valeurs": {"deficit_initial": 100, "deficit_restant": 160}}}}
    svg = calculer(un_dossier(modules=[module]))["bilan"]["modules"][-1]["graphique"]
    assert ">−60,00 %<" in svg and ">−100 %<" in svg  # valeur et graduation basse (pas de 50)


@pytest.mark.parametrize(("valeur", "texte"), [(1234.5, "1234,50"), (-0.005, "-0,01"), (None, ""), (92, "92,00")])
def test_nombres_csv(valeur, texte):
    assert tableur.nombre(valeur) == texte


def test_csv_aller_retour():
    lignes = [["a;b", 'guillemet "x"', "ligne\nsuivante", "é"], ["1,5", ""]]
    texte = tableur.ecrire(lignes)
    assert texte.startswith("\ufeff") and texte.endswith("\r\n")
    assert tableur.lire(texte) == lignes


def test_meme_resultat_que_par_executer_json():
    parametres = copy.deepcopy(PARAMETRES)
    reponse = json.loads(executer_json("dossier", json.dumps(BESANCON, ensure_ascii=False), json.dumps(parametres, ensure_ascii=False)))
    assert reponse == {"ok": True, "resultat": json.loads(json.dumps(calculer(BESANCON)))}


def test_cli_avec_les_parametres_du_projet(tmp_path):
    """``python -m guide calcul dossier`` : types d'actions, statuts et déclenchements tirés de modules/ (YAML)."""
    import os
    import subprocess
    import sys

    racine = Path(__file__).resolve().parents[2]
    fichier = tmp_path / "mon-cpom.json"
    contenu = un_dossier(esms=[EHPAD], modules=[{"id": "inspection-controle", "declenchement": "avenant", "date": "2027-01-01"}],
                         actions=[action("Vaccination antigrippale", "vaccination", esms=[EHPAD["finess"]], module="prevention")])
    fichier.write_text(json.dumps(contenu, ensure_ascii=False), encoding="utf-8")
    resultat = subprocess.run([sys.executable, "-m", "guide", "calcul", "dossier", str(fichier)], cwd=racine, capture_output=True,
                              text=True, encoding="utf-8", env={**os.environ, "PYTHONPATH": str(racine)}, timeout=120)
    assert (resultat.returncode, resultat.stderr) == (0, "")
    sortie = json.loads(resultat.stdout)
    assert [m["id"] for m in sortie["modules"]] == ["transformation-offre", "une-seule-sante", "prevention", "efficience",
                                                    "tableau-de-bord-si", "inspection-controle"]
    prevention = sortie["modules"][2]
    assert prevention["types_actions"]["PA"] == [{"id": "vaccination", "titre": "Vaccination"}]
    assert prevention["indicateur"]["mode"] == "actions" and prevention["annees"][0]["valeur"] == 40.0
    efficience = sortie["modules"][3]
    assert efficience["indicateur"] == {"id": "taux-resolution-points-fragilite", "libelle": "Taux de résolution des points de fragilité",
                                        "unite": "%", "mode": "points_fragilite"}
    assert sortie["modules"][4]["indicateur"]["mode"] == "valeurs"
