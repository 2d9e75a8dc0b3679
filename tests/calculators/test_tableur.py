"""Fichiers CSV des calculateurs (calculators/tableur.py) : dialecte Excel France, aller-retour des
exports actuels des pages avancement et modulation, refus des fichiers vides, abîmés ou étrangers."""

import json

import pytest

from calculators.contrat import executer_json
from calculators.tableur import BOM, ecrire_tableau, lire_import, normaliser

# Exports produits par les pages (tests/navigateur/test_calculateurs.py, fichiers diffusés avant le passage à Python).
EXPORT_AVANCEMENT = (
    "\ufeffLibellé de l'action;Module;Type d'actions;Secteur;Phase en cours;% de la phase réalisé\r\n"
    "Créer une plateforme de répit;Transformation de l'offre;Prise en compte des aidants;PA – personnes âgées;"
    "Exécution et mise en œuvre;12,5\r\n"
    "\"Former les équipes; volet 2\";Prévention;;PH – personnes en situation de handicap;Pilotage;100\r\n"
)
EXPORT_MODULATION = (
    "\ufeffNom;Catégorie;Jours d'ouverture;Activité théorique;Capacité;Activité réalisée;Taux cible (%);Dotation (€)\r\n"
    "EHPAD Les Tilleuls;EHPAD – hébergement permanent;;;80;27740;98;1000000\r\n"
    "SSIAD;Autre;300;;10;2900;95;1000\r\n"
    "\"Accueil \"\"Le Relais\"\"\";Accueil de jour;;;12;2100,5;90;250000,75\r\n"
)


def appeler(nom, entree):
    return json.loads(executer_json(nom, json.dumps(entree, ensure_ascii=False), "{}"))


@pytest.mark.parametrize("export", [EXPORT_AVANCEMENT, EXPORT_MODULATION], ids=["avancement", "modulation"])
def test_aller_retour_des_exports_actuels(export):
    tableau = lire_import(export)
    assert ecrire_tableau(tableau[0], tableau[1:]) == export
    # Par le contrat, comme le navigateur : lire puis réécrire donne le même fichier, octet pour octet.
    colonnes = [{"titre": t} for t in tableau[0]]
    lu = appeler("csv_lire", {"texte": export, "fichier": "x.csv", "colonnes": colonnes})
    assert lu["ok"]
    ecrit = appeler("csv_ecrire", {"colonnes": tableau[0], "lignes": lu["resultat"]["lignes"]})
    assert ecrit == {"ok": True, "resultat": {"texte": export}}


def test_dialecte_excel_france():
    texte = ecrire_tableau(["Nom", "Valeur"], [["a;b", 12.5], ['dit "oui"', 3], ["ligne\nsuivante", None], ["x", True]])
    assert texte == (BOM + "Nom;Valeur\r\n\"a;b\";12,5\r\n\"dit \"\"oui\"\"\";3\r\n\"ligne\nsuivante\";\r\nx;oui\r\n")
    assert lire_import(texte)[1:] == [["a;b", "12,5"], ['dit "oui"', "3"], ["ligne\nsuivante", ""], ["x", "oui"]]


def test_lecture_tolerante():
    # Sans BOM, fins de ligne LF, lignes vides ignorées, séparateur virgule si la 1re ligne n'a pas de « ; ».
    assert lire_import("A;B\n\n1;2\n;\n") == [["A", "B"], ["1", "2"]]
    assert lire_import("A,B\r\n1,2") == [["A", "B"], ["1", "2"]]
    assert lire_import("A;B,C\n1;2,5") == [["A", "B,C"], ["1", "2,5"]]
    assert normaliser("  % de la PHASE  réalisé ") == "% de la phase realise"


def test_colonnes_par_titre_normalise_et_facultatives():
    lu = appeler("csv_lire", {
        "texte": "secteur;LIBELLE DE L'ACTION;En trop\nPA;  Répit  \nPH\n",
        "fichier": "plan.csv",
        "colonnes": [{"titre": "Libellé de l'action"}, {"titre": "Secteur"}, {"titre": "Type d'actions", "facultative": True}],
    })
    assert lu == {"ok": True, "resultat": {"lignes": [["Répit", "PA", None], ["", "PH", None]]}}


@pytest.mark.parametrize(("texte", "message"), [
    ("", "plan.csv : fichier vide."),
    ("\ufeff\r\n;;\r\n", "plan.csv : fichier vide."),
    ("Titre;Module\nA;Prévention\n",
     "plan.csv, ligne 1 : colonnes manquantes : « Libellé de l'action », « Secteur »."),
    ("Libellé de l'action;Module\nA\n", "plan.csv, ligne 1 : colonne manquante : « Secteur »."),
    ('Libellé de l\'action;Module;Secteur\n"A;B;C\n',
     "plan.csv : fichier CSV abîmé ou d'un autre type (guillemet non fermé ou caractère illisible)."),
    ("Libellé\x00;Module\n", "plan.csv : fichier CSV abîmé ou d'un autre type (guillemet non fermé ou caractère illisible)."),
])
def test_fichier_refuse_avec_message(texte, message):
    colonnes = [{"titre": "Libellé de l'action"}, {"titre": "Module"}, {"titre": "Secteur"}]
    assert appeler("csv_lire", {"texte": texte, "fichier": "plan.csv", "colonnes": colonnes}) == {
        "ok": False, "erreurs": [{"champ": "texte", "message": message}],
    }


@pytest.mark.parametrize(("nom", "entree", "champ"), [
    ("csv_lire", {"texte": 3, "colonnes": [{"titre": "A"}]}, "texte"),
    ("csv_lire", {"texte": "A", "colonnes": []}, "colonnes"),
    ("csv_lire", {"texte": "A", "colonnes": ["A"]}, "colonnes[0]"),
    ("csv_ecrire", {"colonnes": "A", "lignes": []}, "colonnes"),
    ("csv_ecrire", {"colonnes": ["A"], "lignes": "x"}, "lignes"),
    ("csv_ecrire", {"colonnes": ["A"], "lignes": ["x"]}, "lignes[0]"),
])
def test_entree_invalide_nomme_le_champ(nom, entree, champ):
    reponse = appeler(nom, entree)
    assert reponse["ok"] is False
    assert reponse["erreurs"][0]["champ"] == champ
