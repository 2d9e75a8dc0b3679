"""Modulation de la dotation : activité théorique, écart, abattement, total, erreurs."""

import pytest

from calculators.modulation import calculer

AVERTISSEMENT = (
    "Simulation indicative d'un abattement maximal (art. R. 314-43-2 du CASF) : ce n'est pas une décision tarifaire."
)


def esms(nom="EHPAD Les Tilleuls", realisee=27740, cible=98, dotation=1_000_000, **base):
    base = base or {"categorie": "EHPAD", "capacite": 80}
    return {"nom": nom, **base, "activite_realisee": realisee, "taux_cible": cible, "dotation": dotation}


def une_ligne(parametres, **champs):
    return calculer({"etablissements": [esms(**champs)]}, parametres)["etablissements"][0]


@pytest.mark.parametrize(
    ("champs", "attendu"),
    [
        # 80 places × 365 j = 29 200 ; 27 740 / 29 200 = 95 % ; écart 3 points × 0,5 = 1,5 %
        ({}, (29200.0, 95.0, 3.0, 1.5, 15000.0, 985000.0)),
        # à la cible : 28 616 / 29 200 = 98 % → aucun abattement
        ({"realisee": 28616}, (29200.0, 98.0, 0.0, 0.0, 0.0, 1000000.0)),
        # au-dessus de la cible (activité > 100 %)
        ({"realisee": 30000}, (29200.0, 102.74, 0.0, 0.0, 0.0, 1000000.0)),
        # activité nulle : écart 98 points → 49 %
        ({"realisee": 0}, (29200.0, 0.0, 98.0, 49.0, 490000.0, 510000.0)),
        # année bissextile : jours fournis (366)
        (
            {"jours_ouverture": 366, "capacite": 10, "realisee": 3294, "cible": 95, "dotation": 500000},
            (3660.0, 90.0, 5.0, 2.5, 12500.0, 487500.0),
        ),
        # structure expérimentale (300 jours) : 83,33 % ; écart 6,67 ; 3,335 → 3,34 % (demi supérieur)
        (
            {"jours_ouverture": "300", "capacite": "12", "realisee": 3000, "cible": 90, "dotation": 200000},
            (3600.0, 83.33, 6.67, 3.34, 6680.0, 193320.0),
        ),
        # activité théorique directe (file active) : 114 / 124 = 91,935… → 91,94
        (
            {"activite_theorique": 124, "realisee": 114, "cible": 100, "dotation": 300000},
            (124.0, 91.94, 8.06, 4.03, 12090.0, 287910.0),
        ),
        # accueil de jour (260 j) du CPOM de Besançon : 1 767 / 3 380 = 52,28 %, cible 70
        (
            {"categorie": "accueil de jour", "capacite": 13, "realisee": "1 767", "cible": 70, "dotation": 150000},
            (3380.0, 52.28, 17.72, 8.86, 13290.0, 136710.0),
        ),
        # montant au centime : 123 456,78 × 1,27 % = 1 567,901106 → 1 567,90
        ({"realisee": 27000, "cible": 95, "dotation": "123456,78"}, (29200.0, 92.47, 2.53, 1.27, 1567.9, 121888.88)),
        # dotation nulle
        ({"realisee": 0, "dotation": 0}, (29200.0, 0.0, 98.0, 49.0, 0.0, 0.0)),
        # cible nulle : jamais d'abattement
        ({"realisee": 0, "cible": 0}, (29200.0, 0.0, 0.0, 0.0, 0.0, 1000000.0)),
    ],
)
def test_calcul_par_etablissement(parametres, champs, attendu):
    base = {cle: champs.pop(cle) for cle in ("categorie", "jours_ouverture", "activite_theorique", "capacite") if cle in champs}
    ligne = une_ligne(parametres, **champs, **base)
    cles = ("activite_theorique", "taux_activite", "ecart_points", "taux_abattement", "montant_abattement", "dotation_apres_abattement")
    assert tuple(ligne[cle] for cle in cles) == attendu


def test_sortie_complete_et_total(parametres):
    entree = {
        "etablissements": [
            esms(),
            esms(nom="SSIAD", categorie="SSIAD", capacite=30, realisee=10950, cible=95, dotation=400000.5),
        ]
    }
    assert calculer(entree, parametres) == {
        "etablissements": [
            {
                "nom": "EHPAD Les Tilleuls",
                "activite_theorique": 29200.0,
                "taux_activite": 95.0,
                "ecart_points": 3.0,
                "taux_abattement": 1.5,
                "montant_abattement": 15000.0,
                "dotation_apres_abattement": 985000.0,
            },
            {
                "nom": "SSIAD",
                "activite_theorique": 10950.0,
                "taux_activite": 100.0,
                "ecart_points": 0.0,
                "taux_abattement": 0.0,
                "montant_abattement": 0.0,
                "dotation_apres_abattement": 400000.5,
            },
        ],
        "total": {"dotation": 1400000.5, "montant_abattement": 15000.0, "dotation_apres_abattement": 1385000.5},
        "avertissement": AVERTISSEMENT,
        "regle": "Abattement de 0,5 % de la dotation par point d'activité non réalisé (écart entre le taux cible et "
        "le taux d'activité, arrondi à 2 décimales), montant arrondi au centime ; aucun abattement à ou au-dessus "
        "de la cible.",
    }


def test_abattement_plafonne_a_la_dotation(parametres):
    parametres["modulation"]["taux_abattement_par_point"] = 2
    ligne = une_ligne(parametres, realisee=0, cible=100)
    assert (ligne["taux_abattement"], ligne["montant_abattement"], ligne["dotation_apres_abattement"]) == (100.0, 1000000.0, 0.0)


def test_reference_tiree_des_parametres(parametres):
    parametres["modulation"]["reference"] = "texte de référence"
    resultat = calculer({"etablissements": [esms()]}, parametres)
    assert resultat["avertissement"] == (
        "Simulation indicative d'un abattement maximal (texte de référence) : ce n'est pas une décision tarifaire."
    )


def test_capacite_ignoree_avec_activite_theorique(parametres):
    ligne = une_ligne(parametres, activite_theorique=1000, capacite="abc", realisee=1000)
    assert ligne["taux_activite"] == 100.0


E = "etablissements[0]"


@pytest.mark.parametrize(
    ("entree", "erreurs"),
    [
        ({}, ["etablissements: champ obligatoire manquant"]),
        ({"etablissements": []}, ["etablissements: liste non vide attendue, reçu []"]),
        ({"etablissements": {}}, ["etablissements: liste non vide attendue, reçu {}"]),
        ({"etablissements": ["EHPAD"]}, [f'{E}: objet JSON attendu, reçu "EHPAD"']),
        (
            {"etablissements": [{}]},
            [
                f"{E}.nom: champ obligatoire manquant",
                f"{E}: une seule base attendue parmi categorie, jours_ouverture, activite_theorique (reçu : aucune)",
                f"{E}.activite_realisee: champ obligatoire manquant",
                f"{E}.taux_cible: champ obligatoire manquant",
                f"{E}.dotation: champ obligatoire manquant",
            ],
        ),
        (
            {"etablissements": [esms(categorie="EHPAD", jours_ouverture=366, capacite=10)]},
            [f"{E}: une seule base attendue parmi categorie, jours_ouverture, activite_theorique (reçu : categorie, jours_ouverture)"],
        ),
        (
            {"etablissements": [esms(), esms(categorie="XYZ", capacite="abc", realisee=-1, cible=101, dotation=True)]},
            [
                "etablissements[1].categorie: catégorie inconnue « XYZ » (valeurs possibles : EHPAD, SSIAD, SPASAD, MAS, "
                "EAM, CAFS, Accueil de jour, SAMSAH, ESAT, CRP, CPO, IME, EEAP, IEM, IDA, IDV, IESPESA, SESSAD, DITEP, "
                "DIME, CAMSP, CMPP)",
                'etablissements[1].capacite: nombre positif attendu, reçu "abc"',
                "etablissements[1].activite_realisee: nombre positif ou nul attendu, reçu -1",
                "etablissements[1].taux_cible: nombre entre 0 et 100 attendu, reçu 101",
                "etablissements[1].dotation: nombre entre 0 et 1\u202f000\u202f000\u202f000\u202f000 attendu, reçu true",
            ],
        ),
        ({"etablissements": [esms(capacite=0, categorie="MAS")]}, [f"{E}.capacite: nombre positif attendu, reçu 0"]),
        ({"etablissements": [esms(capacite=None, categorie="MAS")]}, [f"{E}.capacite: champ obligatoire manquant"]),
        (
            {"etablissements": [esms(jours_ouverture=367, capacite=1)]},
            [f"{E}.jours_ouverture: nombre entier entre 1 et 366 attendu, reçu 367"],
        ),
        (
            {"etablissements": [esms(jours_ouverture=0, capacite=1)]},
            [f"{E}.jours_ouverture: nombre entier entre 1 et 366 attendu, reçu 0"],
        ),
        (
            {"etablissements": [esms(jours_ouverture=365.5, capacite=1)]},
            [f"{E}.jours_ouverture: nombre entier entre 1 et 366 attendu, reçu 365.5"],
        ),
        (
            {"etablissements": [esms(activite_theorique=0)]},
            [f"{E}.activite_theorique: nombre positif attendu, reçu 0"],
        ),
        ({"etablissements": [esms(cible=float("nan"))]}, [f"{E}.taux_cible: nombre entre 0 et 100 attendu, reçu NaN"]),
        ({"etablissements": [esms(dotation="-5")]}, [f'{E}.dotation: nombre entre 0 et 1\u202f000\u202f000\u202f000\u202f000 attendu, reçu "-5"']),
        ({"etablissements": [esms(realisee="Infinity")]}, [f'{E}.activite_realisee: nombre positif ou nul attendu, reçu "Infinity"']),
    ],
)
def test_entrees_invalides(parametres, entree, erreurs, erreurs_de):
    assert erreurs_de(calculer, entree, parametres) == erreurs


@pytest.mark.parametrize(
    ("modifier", "erreurs"),
    [
        (lambda p: p.pop("modulation"), ["parametres.modulation: section manquante"]),
        (lambda p: p.pop("jours_ouverture"), ["parametres.jours_ouverture: section manquante"]),
        (lambda p: p["jours_ouverture"][0].update(categories="EHPAD"), ["parametres.jours_ouverture[0].categories: liste de textes attendue"]),
        (
            lambda p: p["modulation"].update(taux_abattement_par_point=-1, reference=""),
            [
                "parametres.modulation.taux_abattement_par_point: nombre entre 0 et 100 attendu, reçu -1",
                'parametres.modulation.reference: texte non vide attendu, reçu ""',
            ],
        ),
    ],
)
def test_parametres_invalides(parametres, modifier, erreurs, erreurs_de):
    modifier(parametres)
    assert erreurs_de(calculer, {"etablissements": [esms()]}, parametres) == erreurs
