"""Taux d'avancement : actions, modules, taux global, avertissements, erreurs."""

import pytest

from calculators.avancement import LIBELLE_TAUX_GLOBAL, calculer


PREMIER_TYPE = {"transformation-offre": "autodetermination", "une-seule-sante": "reset", "prevention": "bienveillance",
                "efficience": "activite", "tableau-de-bord-si": "ror-par-et"}
TYPES_PREVENTION = ["bienveillance", "mon-bilan-prevention", "programmes-prevention", "depistages", "vaccination",
                    "nutrition-denutrition", "activite-physique"]
# Types d'actions de Transformation de l'offre proposés pour chaque secteur (modules/transformation-offre.yml).
TYPES_TRANSFORMATION_PH = ["autodetermination", "transformation-secteur-psh", "inclusion-scolaire", "transition-age",
                           "pratiques-professionnelles", "troubles-comportement", "appui-milieu-ordinaire"]
TYPES_TRANSFORMATION_PA = ["autodetermination", "transformation-secteur-pa", "pratiques-professionnelles",
                           "troubles-comportement", "aidants"]


def action(module="transformation-offre", secteur="PA", phase="execution", part=50, libelle="Action", type_=None):
    """Une action ; son type d'actions est par défaut le premier de son module (aucun pour un module sans types)."""
    resultat = {"libelle": libelle, "module": module, "secteur": secteur, "phase": phase, "avancement_phase": part}
    type_ = type_ or PREMIER_TYPE.get(module)
    if type_ is not None:
        resultat["type_actions"] = type_
    return resultat


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
                "type_actions": "autodetermination",
                "taux": 50.0,
                "explication": "Initialisation 20 + Planification 20 + Exécution et mise en œuvre 20 × 50 % = 50,00 %",
            },
            {
                "libelle": "Habitat inclusif",
                "module": "transformation-offre",
                "secteur": "PH",
                "phase": "cloture",
                "avancement_phase": 100.0,
                "type_actions": "autodetermination",
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
                "type_actions": "autodetermination",
                "taux": 22.1,
                "explication": "Initialisation 20 + Planification 20 × 10,5 % = 22,10 %",
            },
            {
                "libelle": "Bilan carbone",
                "module": "une-seule-sante",
                "secteur": "PA",
                "phase": "initialisation",
                "avancement_phase": 0.0,
                "type_actions": "reset",
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


def test_avertissement_au_dela_du_maximum_de_types_par_secteur(parametres):
    """Le plafond porte sur les types d'actions retenus par secteur, pas sur le nombre d'actions."""
    entree = {
        "actions": [action(libelle=f"A{i}", secteur="PH", type_=TYPES_TRANSFORMATION_PH[i]) for i in range(6)]
        + [action(secteur="PA", type_=TYPES_TRANSFORMATION_PA[i % 5]) for i in range(9)]
        + [action(module="prevention", secteur="PH", type_=t) for t in TYPES_PREVENTION]
    }
    resultat = calculer(entree, parametres)
    assert resultat["avertissements"] == [
        "Module « Transformation de l'offre », secteur PH : 6 types d'actions retenus, au-delà des 5 types d'actions "
        "par secteur prévus ; le taux est calculé quand même.",
        "Module « Prévention », secteur PH : 7 types d'actions retenus, au-delà des 5 types d'actions par secteur "
        "prévus ; le taux est calculé quand même.",
    ]
    assert resultat["modules"]["transformation-offre"]["nombre_actions"] == 15


def test_type_d_actions_hors_du_secteur_de_l_action(parametres):
    """Un type d'actions proposé pour un seul secteur (modules/*.yml, « secteurs ») : une action de l'autre
    secteur est signalée et n'entre dans le compte d'aucun secteur ; son taux compte."""
    entree = {"actions": [action(libelle="Plateforme de répit", secteur="PH", type_="transformation-secteur-pa"),
                          action(libelle="Scolarisation", secteur="PA", type_="inclusion-scolaire", part=0)]
              + [action(secteur="PA", type_=t) for t in TYPES_TRANSFORMATION_PA]}
    resultat = calculer(entree, parametres)
    assert resultat["avertissements"] == [
        "Action « Plateforme de répit » (actions[0]) : le type d'actions « Transformation du secteur PA » n'est proposé "
        "que pour le secteur PA, or l'action est du secteur PH ; elle n'est comptée dans aucun secteur.",
        "Action « Scolarisation » (actions[1]) : le type d'actions « Actions d'inclusion scolaire en milieu ordinaire » "
        "n'est proposé que pour le secteur PH, or l'action est du secteur PA ; elle n'est comptée dans aucun secteur.",
    ]  # secteur PA : 5 types d'actions valides + 1 hors secteur, pas de dépassement
    assert resultat["modules"]["transformation-offre"] == {"taux": 48.57, "nombre_actions": 7}  # (6 × 50 + 40) / 7


def test_six_actions_d_un_meme_type_sans_avertissement(parametres):
    entree = {"actions": [action(libelle=f"A{i}", part=i * 10) for i in range(6)]}
    resultat = calculer(entree, parametres)
    assert resultat["avertissements"] == []
    assert resultat["modules"]["transformation-offre"]["nombre_actions"] == 6


def test_le_type_d_actions_ignore_la_casse(parametres):
    resultat = calculer({"actions": [action(type_="AutoDetermination")]}, parametres)
    assert resultat["actions"][0]["type_actions"] == "autodetermination"


def test_maximum_propre_a_chaque_module(parametres):
    """Chaque module a son maximum ; ``null`` ou absent = module sans limite."""
    modules = {m["id"]: m for m in parametres["modules"]}
    modules["transformation-offre"]["max_types_actions_par_secteur"] = None
    modules["prevention"]["max_types_actions_par_secteur"] = 2
    entree = {
        "actions": [action(secteur="PH", type_=t) for t in TYPES_TRANSFORMATION_PH]
        + [action(module="prevention", type_=t) for t in TYPES_PREVENTION[:3]]
        + [action(module="evaluation-has")] * 9
    }
    assert calculer(entree, parametres)["avertissements"] == [
        "Module « Prévention », secteur PA : 3 types d'actions retenus, au-delà des 2 types d'actions par secteur "
        "prévus ; le taux est calculé quand même.",
    ]


def test_maximum_de_module_invalide(parametres, erreurs_de):
    parametres["modules"][0]["max_types_actions_par_secteur"] = 0
    assert erreurs_de(calculer, {"actions": [action()]}, parametres) == [
        "parametres.modules[0].max_types_actions_par_secteur: nombre entier supérieur ou égal à 1 attendu, reçu 0"
    ]


def test_types_actions_invalides_dans_les_parametres(parametres, erreurs_de):
    parametres["modules"][1]["types_actions"] = [{"id": "reset"}, "x"]
    assert erreurs_de(calculer, {"actions": [action()]}, parametres) == [
        "parametres.modules[1].types_actions[0].titre: champ obligatoire manquant",
        'parametres.modules[1].types_actions[1]: objet JSON attendu, reçu "x"',
    ]


@pytest.mark.parametrize(
    ("entree", "erreurs"),
    [
        ({"actions": [{k: v for k, v in action().items() if k != "type_actions"}]},
         ["actions[0].type_actions: champ obligatoire manquant"]),
        (
            {"actions": [action(type_="vaccination")]},
            [
                "actions[0].type_actions: type d'actions hors du module « Transformation de l'offre » : « vaccination » "
                "(valeurs possibles : autodetermination, transformation-secteur-psh, transformation-secteur-pa, "
                "inclusion-scolaire, transition-age, pratiques-professionnelles, troubles-comportement, "
                "appui-milieu-ordinaire, aidants)"
            ],
        ),
        (
            {"actions": [action(module="evaluation-has", type_="reset"), action(module="evaluation-has", type_="  ")]},
            ["actions[0].type_actions: le module « Évaluation HAS » ne propose pas de types d'actions : laisser ce champ vide"],
        ),
        ({"actions": [action(type_=3)]}, ["actions[0].type_actions: texte non vide attendu, reçu 3"]),
    ],
)
def test_types_actions_refuses(parametres, entree, erreurs, erreurs_de):
    assert erreurs_de(calculer, entree, parametres) == erreurs


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
        (lambda p: p["modules"][2].update(types_actions="x"), ['parametres.modules[2].types_actions: liste non vide attendue, reçu "x"']),
    ],
)
def test_parametres_invalides(parametres, modifier, erreurs, erreurs_de):
    modifier(parametres)
    assert erreurs_de(calculer, {"actions": [action()]}, parametres) == erreurs


def test_secteurs_d_un_type_d_actions_invalides(parametres, erreurs_de):
    """Des paramètres (--parametres) dont un type d'actions a des secteurs invalides sont refusés, champ nommé."""
    parametres["modules"][0]["types_actions"][0]["secteurs"] = []
    assert erreurs_de(calculer, {"actions": [action()]}, parametres) == [
        "parametres.modules[0].types_actions[0].secteurs: liste non vide attendue, parmi : PA, PH"
    ]
