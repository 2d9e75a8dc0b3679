"""Taux d'avancement : actions, modules, taux global, avertissements, erreurs."""

import pytest

from calculators.avancement import LIBELLE_TAUX_GLOBAL, calculer


def action(module="transformation-offre", secteur="PA", phase="execution", part=50, libelle="Action"):
    return {"libelle": libelle, "module": module, "secteur": secteur, "phase": phase, "avancement_phase": part}


@pytest.mark.parametrize(
    ("phase", "part", "taux", "explication"),
    [
        ("initialisation", 0, 0.0, "Initialisation 20 × 0 % = 0,00 %"),
        ("initialisation", 100, 20.0, "Initialisation 20 × 100 % = 20,00 %"),
        ("planification", 25, 25.0, "Initialisation 20 + Planification 20 × 25 % = 25,00 %"),
        (
            "execution",
            50,
            50.0,
            "Initialisation 20 + Planification 20 + Exécution et mise en œuvre 20 × 50 % = 50,00 %",
        ),
        (
            "cloture",
            100,
            100.0,
            "Initialisation 20 + Planification 20 + Exécution et mise en œuvre 20 + Pilotage 20 "
            "+ Clôture 20 × 100 % = 100,00 %",
        ),
        ("initialisation", "33,335", 6.67, "Initialisation 20 × 33,335 % = 6,67 %"),
        ("initialisation", 0.025, 0.01, "Initialisation 20 × 0,025 % = 0,01 %"),
        ("initialisation", None, 0.0, "Initialisation 20 × 0 % = 0,00 %"),
        ("initialisation", "", 0.0, "Initialisation 20 × 0 % = 0,00 %"),
    ],
)
def test_taux_et_explication_d_une_action(parametres, phase, part, taux, explication):
    resultat = calculer({"actions": [action(phase=phase, part=part)]}, parametres)
    assert resultat["actions"][0]["taux"] == taux
    assert resultat["actions"][0]["explication"] == explication


def test_part_absente_vaut_zero(parametres):
    brute = action(phase="pilotage")
    del brute["avancement_phase"]
    assert calculer({"actions": [brute]}, parametres)["actions"][0]["taux"] == 60.0


def test_sortie_complete(parametres):
    entree = {
        "actions": [
            action(libelle="Plateforme de répit", phase="execution", part=50),
            action(libelle="Habitat inclusif", secteur="PH", phase="cloture", part=100),
            action(libelle="Mutualisation", phase="planification", part="10,5"),
            action(libelle="Bilan carbone", module="une-seule-sante", secteur="pa", phase="Initialisation", part=0),
        ]
    }
    assert calculer(entree, parametres) == {
        "actions": [
            {
                "libelle": "Plateforme de répit",
                "module": "transformation-offre",
                "secteur": "PA",
                "phase": "execution",
                "avancement_phase": 50.0,
                "taux": 50.0,
                "explication": "Initialisation 20 + Planification 20 + Exécution et mise en œuvre 20 × 50 % = 50,00 %",
            },
            {
                "libelle": "Habitat inclusif",
                "module": "transformation-offre",
                "secteur": "PH",
                "phase": "cloture",
                "avancement_phase": 100.0,
                "taux": 100.0,
                "explication": "Initialisation 20 + Planification 20 + Exécution et mise en œuvre 20 + Pilotage 20 "
                "+ Clôture 20 × 100 % = 100,00 %",
            },
            {
                "libelle": "Mutualisation",
                "module": "transformation-offre",
                "secteur": "PA",
                "phase": "planification",
                "avancement_phase": 10.5,
                "taux": 22.1,
                "explication": "Initialisation 20 + Planification 20 × 10,5 % = 22,10 %",
            },
            {
                "libelle": "Bilan carbone",
                "module": "une-seule-sante",
                "secteur": "PA",
                "phase": "initialisation",
                "avancement_phase": 0.0,
                "taux": 0.0,
                "explication": "Initialisation 20 × 0 % = 0,00 %",
            },
        ],
        # (50 + 100 + 22,1) / 3 = 57,366… → 57,37 ; module 2 : 0 ; global (57,37 + 0) / 2 = 28,685 → 28,69
        "modules": {
            "transformation-offre": {"taux": 57.37, "nombre_actions": 3},
            "une-seule-sante": {"taux": 0.0, "nombre_actions": 1},
        },
        "taux_global": 28.69,
        "taux_global_libelle": LIBELLE_TAUX_GLOBAL,
        "avertissements": [],
    }


def test_chaque_module_compte_une_fois(parametres):
    entree = {"actions": [action(part=0)] * 4 + [action(module="prevention", phase="cloture", part=100)]}
    resultat = calculer(entree, parametres)
    # moyenne des actions : (40 × 4 + 100) / 5 = 52 ; moyenne des modules : (40 + 100) / 2 = 70
    assert resultat["taux_global"] == 70.0
    assert resultat["taux_global_libelle"] == "Moyenne des taux des modules (chaque module compte une fois)"


def test_modules_dans_l_ordre_des_parametres(parametres):
    entree = {"actions": [action(module="prevention"), action(module="transformation-offre")]}
    assert list(calculer(entree, parametres)["modules"]) == ["transformation-offre", "prevention"]


def test_avertissement_au_dela_du_maximum_par_secteur(parametres):
    entree = {
        "actions": [action(libelle=f"A{i}") for i in range(6)]
        + [action(secteur="PH")] * 5
        + [action(module="prevention", secteur="PH")] * 7
    }
    resultat = calculer(entree, parametres)
    assert resultat["avertissements"] == [
        "Module « Transformation de l'offre », secteur PA : 6 actions, au-delà des 5 actions par secteur prévues ; "
        "le taux est calculé quand même.",
        "Module « Prévention », secteur PH : 7 actions, au-delà des 5 actions par secteur prévues ; "
        "le taux est calculé quand même.",
    ]
    assert resultat["modules"]["transformation-offre"]["nombre_actions"] == 11


def test_maximum_propre_a_chaque_module(parametres):
    """Le maximum du module l'emporte sur la valeur générale ; ``None`` = module sans limite."""
    modules = {m["id"]: m for m in parametres["modules"]}
    modules["evaluation-has"]["max_actions_par_secteur"] = None
    modules["prevention"]["max_actions_par_secteur"] = 2
    entree = {"actions": [action(module="evaluation-has")] * 9 + [action(module="prevention")] * 3}
    assert calculer(entree, parametres)["avertissements"] == [
        "Module « Prévention », secteur PA : 3 actions, au-delà des 2 actions par secteur prévues ; "
        "le taux est calculé quand même.",
    ]


def test_maximum_de_module_invalide(parametres, erreurs_de):
    parametres["modules"][0]["max_actions_par_secteur"] = 0
    assert erreurs_de(calculer, {"actions": [action()]}, parametres) == [
        "parametres.modules[0].max_actions_par_secteur: nombre entier supérieur ou égal à 1 attendu, reçu 0"
    ]


@pytest.mark.parametrize(
    ("entree", "erreurs"),
    [
        ({}, ["actions: champ obligatoire manquant"]),
        ({"actions": None}, ["actions: champ obligatoire manquant"]),
        ({"actions": []}, ["actions: liste non vide attendue, reçu []"]),
        ({"actions": "A1"}, ['actions: liste non vide attendue, reçu "A1"']),
        ({"actions": [None, 3]}, ["actions[0]: objet JSON attendu, reçu null", "actions[1]: objet JSON attendu, reçu 3"]),
        (
            {"actions": [{}]},
            [
                "actions[0].libelle: champ obligatoire manquant",
                "actions[0].module: champ obligatoire manquant",
                "actions[0].secteur: champ obligatoire manquant",
                "actions[0].phase: champ obligatoire manquant",
            ],
        ),
        (
            {"actions": [action(), action(module="x", secteur="PX", phase="fin", part=150)]},
            [
                "actions[1].module: module inconnu « x » (valeurs possibles : transformation-offre, une-seule-sante, "
                "prevention, efficience, tableau-de-bord-si, evaluation-has, inspection-controle, difficulte-financiere)",
                "actions[1].secteur: secteur inconnu « PX » (valeurs possibles : PA, PH)",
                "actions[1].phase: phase inconnue « fin » (valeurs possibles : initialisation, planification, "
                "execution, pilotage, cloture)",
                "actions[1].avancement_phase: nombre entre 0 et 100 attendu, reçu 150",
            ],
        ),
        ({"actions": [action(part=-1)]}, ["actions[0].avancement_phase: nombre entre 0 et 100 attendu, reçu -1"]),
        ({"actions": [action(part="NaN")]}, ['actions[0].avancement_phase: nombre entre 0 et 100 attendu, reçu "NaN"']),
        ({"actions": [action(part=True)]}, ["actions[0].avancement_phase: nombre entre 0 et 100 attendu, reçu true"]),
        ({"actions": [action(libelle=12)]}, ["actions[0].libelle: texte non vide attendu, reçu 12"]),
        ({"actions": [action()] * 1001}, ["actions: liste de 1000 éléments au plus attendue, reçu 1001 éléments"]),
    ],
)
def test_entrees_invalides(parametres, entree, erreurs, erreurs_de):
    assert erreurs_de(calculer, entree, parametres) == erreurs


@pytest.mark.parametrize(
    ("modifier", "erreurs"),
    [
        (lambda p: p.pop("phases"), ["parametres.phases: section manquante"]),
        (lambda p: p["phases"].pop(), ["parametres.phases: la somme des poids doit valoir 100, elle vaut 80"]),
        (lambda p: p["phases"][0].update(poids="x"), ['parametres.phases[0].poids: nombre entre 0 et 100 attendu, reçu "x"']),
        (lambda p: p.pop("modules"), ["parametres.modules: section manquante"]),
        (lambda p: p["avancement"].update(max_actions_par_secteur=0), ["parametres.avancement.max_actions_par_secteur: nombre entier supérieur ou égal à 1 attendu, reçu 0"]),
        (lambda p: p.update(avancement=[]), ["parametres.avancement: objet JSON attendu, reçu []"]),
    ],
)
def test_parametres_invalides(parametres, modifier, erreurs, erreurs_de):
    modifier(parametres)
    assert erreurs_de(calculer, {"actions": [action()]}, parametres) == erreurs
