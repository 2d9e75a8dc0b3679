"""Écrit les cas du corpus (cas/*.json) depuis la liste ci-dessous, avec la réponse de CPython.

Usage (depuis la racine du dépôt) : ``python3 tests/calculators/corpus/regenerer.py``.
À relancer seulement après un changement voulu des calculateurs ou de la liste ; relire ensuite
le diff des fichiers ``attendu`` (ce sont des sorties de référence).
"""

import json
import sys
from pathlib import Path

DOSSIER = Path(__file__).parent
sys.path.insert(0, str(DOSSIER.parents[2]))

from calculators.contrat import executer_json  # noqa: E402


# Premier type d'actions de chaque module qui en propose (parametres.json de test).
PREMIER_TYPE = {
    "transformation-offre": "autodetermination",
    "une-seule-sante": "reset",
    "prevention": "bienveillance",
    "efficience": "activite",
    "tableau-de-bord-si": "ror-par-et",
}
# Les neuf types d'actions du module Transformation de l'offre.
TYPES_TRANSFORMATION = [
    "autodetermination", "transformation-secteur-psh", "transformation-secteur-pa", "inclusion-scolaire",
    "transition-age", "pratiques-professionnelles", "troubles-comportement", "appui-milieu-ordinaire", "aidants",
]
# Ceux qui sont proposés pour chaque secteur (« secteurs » de parametres.json).
TYPES_PA = ["autodetermination", "transformation-secteur-pa", "pratiques-professionnelles", "troubles-comportement", "aidants"]
TYPES_PH = ["autodetermination", "transformation-secteur-psh", "inclusion-scolaire", "transition-age",
            "pratiques-professionnelles", "troubles-comportement", "appui-milieu-ordinaire", "aidants"]
SANS_TYPE = object()


def action(module="transformation-offre", secteur="PA", phase="execution", part=50, libelle="Action", type_=SANS_TYPE):
    """Une action ; son type d'actions est par défaut le premier de son module (aucun pour un module sans types)."""
    resultat = {"libelle": libelle, "module": module, "secteur": secteur, "phase": phase, "avancement_phase": part}
    type_ = PREMIER_TYPE.get(module) if type_ is SANS_TYPE else type_
    if type_ is not None:
        resultat["type_actions"] = type_
    return resultat


def esms(nom="EHPAD Les Tilleuls", realisee=27740, cible=98, dotation=1000000, **base):
    base = base or {"categorie": "EHPAD", "capacite": 80}
    return {"nom": nom, **base, "activite_realisee": realisee, "taux_cible": cible, "dotation": dotation}


def indic(id_, **valeurs):
    return {"id": id_, "valeurs": valeurs}


def traj(initiale, finale, annees):
    return {"valeur_initiale": initiale, "cible_finale": finale, "annees": annees}


# --- dossier « Mon CPOM » ---
OG = {"raison_sociale": "CCAS de Besançon", "finess_juridique": "250006079"}
HORTENSIAS, ESCAPADE, SPASAD, IME = "250004389", "250009628", "250005964", "250000001"


def dossier(**champs):
    return {"format": "guide-cpom-bfc/dossier", "version": 1, "og": OG, "premiere_annee": 2026, "annee_suivi": 1, **champs}


def etab(finess, nom, secteur="PA", categorie="EHPAD", **autres):
    return {"finess": finess, "nom": nom, "secteur": secteur, "categorie": categorie, **autres}


TROIS_ESMS = [
    etab(HORTENSIAS, "EHPAD Les Hortensias", capacite=80, dotation=1000000, activite_realisee=27740, taux_cible=98),
    etab(ESCAPADE, "Accueil de jour L'Escapade", categorie="Accueil de jour", capacite=13, dotation=150000, activite_realisee=1767, taux_cible=70),
    etab(IME, "IME Les Sources", secteur="PH", categorie="IME", capacite=40, dotation=2000000, activite_realisee=7900, taux_cible=95),
]


def act(libelle, module="transformation-offre", type_="autodetermination", esms=(), phase="execution", part=50, **autres):
    return {"libelle": libelle, "module": module, "type_actions": type_, "esms": list(esms), "phase": phase, "avancement_phase": part, **autres}


TYPES_TO = ["autodetermination", "pratiques-professionnelles", "troubles-comportement", "aidants",
            "transformation-secteur-psh", "inclusion-scolaire", "transition-age", "appui-milieu-ordinaire"]


# (calculateur, identifiant court, description, entrée)
CAS = [
    # --- trajectoire ---
    ("trajectoire", "besancon", "Fiche e-CARS du CPOM de Besançon : 84,47 → 92,00 en 5 ans", traj(84.47, 92, 5)),
    ("trajectoire", "textes-francais", "Nombres écrits à la française", traj("84,47", "92,00", "5")),
    ("trajectoire", "accueil-de-jour", "Taux d'occupation AJ 52,28 → 70", traj(52.28, 70, 5)),
    ("trajectoire", "file-active", "File active 287 → 339", traj(287, 339, 5)),
    ("trajectoire", "decroissante", "Trajectoire décroissante avec tiers (arrondis)", traj(10, 0, 3)),
    ("trajectoire", "une-annee", "Une seule année", traj(0, 0.015, 1)),
    ("trajectoire", "vingt-ans", "Borne haute : 20 ans", traj(0, 100, 20)),
    ("trajectoire", "negatif", "Valeurs négatives", traj(-1, 1, 2)),
    ("trajectoire", "annees-zero", "Erreur : 0 année", traj(1, 2, 0)),
    ("trajectoire", "annees-21", "Erreur : 21 ans", traj(1, 2, 21)),
    ("trajectoire", "annees-decimales", "Erreur : nombre d'années non entier", traj(1, 2, 2.5)),
    ("trajectoire", "champs-manquants", "Erreur : tous les champs manquent", {}),
    ("trajectoire", "valeurs-non-numeriques", "Erreur : texte, booléen, NaN", traj("abc", True, "NaN")),
    ("trajectoire", "entree-liste", "Erreur : l'entrée n'est pas un objet", [1, 2]),
    ("trajectoire", "entree-null", "Erreur : entrée null", None),
    # --- avancement ---
    ("avancement", "initialisation-0", "Phase initialisation, 0 %", {"actions": [action(phase="initialisation", part=0)]}),
    ("avancement", "execution-50", "Exemple de la mission : exécution à 50 %", {"actions": [action()]}),
    ("avancement", "cloture-100", "Action terminée", {"actions": [action(phase="cloture", part=100)]}),
    ("avancement", "part-absente", "Part de la phase absente : 0 par défaut", {"actions": [{k: v for k, v in action(phase="pilotage").items() if k != "avancement_phase"}]}),
    ("avancement", "part-null", "Part de la phase null : 0", {"actions": [action(part=None)]}),
    ("avancement", "part-texte-arrondi", "Part « 33,335 » : arrondi au demi supérieur", {"actions": [action(phase="initialisation", part="33,335")]}),
    ("avancement", "casse-ignoree", "Secteur et phase en casse libre", {"actions": [action(secteur="ph", phase="Cloture", part=10)]}),
    (
        "avancement",
        "deux-modules",
        "Chaque module compte une fois dans le taux global",
        {"actions": [action(part=0)] * 4 + [action(module="prevention", phase="cloture", part=100)]},
    ),
    (
        "avancement",
        "huit-modules",
        "Une action dans chacun des 8 modules",
        {"actions": [action(module=m, phase=p, part=k * 12.5) for k, (m, p) in enumerate(zip(
            ["transformation-offre", "une-seule-sante", "prevention", "efficience", "tableau-de-bord-si",
             "evaluation-has", "inspection-controle", "difficulte-financiere"],
            ["initialisation", "planification", "execution", "pilotage", "cloture"] * 2))]},
    ),
    (
        "avancement",
        "avertissement-6-types",
        "6 types d'actions PH dans un module (une action chacun) : avertissement, pas de refus",
        {"actions": [action(libelle=f"A{k}", secteur="PH", part=k * 10, type_=TYPES_PH[k]) for k in range(6)]},
    ),
    ("avancement", "zero-action", "Erreur : aucune action", {"actions": []}),
    ("avancement", "actions-manquantes", "Erreur : champ actions absent", {}),
    ("avancement", "module-phase-secteur-inconnus", "Erreur : références inconnues", {"actions": [action(module="x", secteur="PX", phase="fin")]}),
    ("avancement", "part-hors-bornes", "Erreur : part 150 et -1", {"actions": [action(part=150), action(part=-1)]}),
    ("avancement", "action-non-objet", "Erreur : élément qui n'est pas un objet", {"actions": [action(), "action"]}),
    ("avancement", "action-vide", "Erreur : action sans champ", {"actions": [{}]}),
    ("avancement", "part-infinie", "Erreur : part « Infinity »", {"actions": [action(part="Infinity")]}),
    # --- modulation ---
    ("modulation", "ehpad", "EHPAD 80 places, 365 jours, 95 % pour 98 %", {"etablissements": [esms()]}),
    ("modulation", "accueil-de-jour", "Accueil de jour (260 jours) du CPOM de Besançon", {"etablissements": [esms(nom="AJ", categorie="Accueil de jour", capacite=13, realisee=1767, cible=70, dotation=150000)]}),
    ("modulation", "annee-bissextile", "Jours fournis : 366", {"etablissements": [esms(nom="MAS", jours_ouverture=366, capacite=10, realisee=3294, cible=95, dotation=500000)]}),
    ("modulation", "structure-experimentale", "Structure expérimentale : 300 jours, arrondi 3,335 → 3,34", {"etablissements": [esms(nom="Expérimentation", jours_ouverture=300, capacite=12, realisee=3000, cible=90, dotation=200000)]}),
    ("modulation", "activite-theorique-directe", "Activité théorique fournie (file active)", {"etablissements": [esms(nom="SSIAD", activite_theorique=124, realisee=114, cible=100, dotation=300000.5)]}),
    ("modulation", "a-la-cible", "Exactement à la cible : aucun abattement", {"etablissements": [esms(realisee=28616)]}),
    ("modulation", "au-dessus-de-la-cible", "Activité supérieure à 100 %", {"etablissements": [esms(realisee=30000)]}),
    ("modulation", "activite-nulle", "Aucune activité réalisée", {"etablissements": [esms(realisee=0)]}),
    ("modulation", "dotation-nulle", "Dotation nulle", {"etablissements": [esms(realisee=0, dotation=0)]}),
    ("modulation", "cible-nulle", "Cible nulle : jamais d'abattement", {"etablissements": [esms(realisee=0, cible=0)]}),
    ("modulation", "nombres-francais", "Nombres en texte à la française (espaces, virgule)", {"etablissements": [esms(realisee="27 000", cible="95,0", dotation="123 456,78", categorie="ehpad", capacite="80")]}),
    ("modulation", "capacite-decimale", "Capacité décimale", {"etablissements": [esms(categorie="ESAT", capacite=12.5, realisee=2500, cible=95)]}),
    (
        "modulation",
        "dgc-trois-esms",
        "Total sur la dotation globalisée commune",
        {"etablissements": [esms(), esms(nom="IME", categorie="IME", capacite=40, realisee=7900, cible=95, dotation=2000000), esms(nom="SAMSAH", categorie="SAMSAH", capacite=20, realisee=5200, cible=90, dotation=400000)]},
    ),
    ("modulation", "deux-bases", "Erreur : catégorie et jours fournis ensemble", {"etablissements": [esms(categorie="EHPAD", jours_ouverture=366, capacite=10)]}),
    ("modulation", "aucune-base", "Erreur : ni catégorie, ni jours, ni activité théorique", {"etablissements": [{"nom": "X", "activite_realisee": 1, "taux_cible": 90, "dotation": 1}]}),
    ("modulation", "categorie-inconnue", "Erreur : catégorie inconnue", {"etablissements": [esms(categorie="Foyer", capacite=10)]}),
    ("modulation", "capacite-nulle", "Erreur : capacité nulle", {"etablissements": [esms(categorie="MAS", capacite=0)]}),
    ("modulation", "capacite-texte", "Erreur : capacité non numérique (exemple du contrat)", {"etablissements": [esms(), esms(), esms(categorie="MAS", capacite="abc")]}),
    ("modulation", "jours-367", "Erreur : 367 jours", {"etablissements": [esms(jours_ouverture=367, capacite=1)]}),
    ("modulation", "valeurs-negatives", "Erreur : activité et dotation négatives, cible > 100", {"etablissements": [esms(realisee=-1, dotation=-5, cible=101)]}),
    ("modulation", "liste-vide", "Erreur : aucun établissement", {"etablissements": []}),
    ("modulation", "etablissements-objet", "Erreur : etablissements n'est pas une liste", {"etablissements": {"nom": "EHPAD"}}),
    # --- indicateur ---
    ("indicateur", "mesures-levees", "Taux de mesures levées", indic("taux-mesures-levees", mesures_levees=3, mesures_notifiees=4)),
    ("indicateur", "une-decimale", "Indicateur à 1 décimale : 66,7", indic("taux-mesures-levees", mesures_levees="2", mesures_notifiees="3")),
    ("indicateur", "occupation-besancon", "Taux d'occupation du CPOM de Besançon : 84,47 %", indic("taux-occupation", journees_realisees="90 640,00", journees_theoriques="107 310,00")),
    ("indicateur", "avancement", "Taux d'avancement par la formule", indic("taux-avancement-plan-actions", somme_taux_actions=172.1, nombre_actions=3)),
    ("indicateur", "min-max-abs", "Formule avec max et abs", indic("ecart-budgetaire", charges=-50, produits=-100)),
    ("indicateur", "division-par-zero", "Division par zéro : non calculable (pas une erreur)", indic("taux-avancement-plan-actions", somme_taux_actions=0, nombre_actions=0)),
    ("indicateur", "division-par-zero-abs", "Division par zéro sur une expression", indic("ecart-budgetaire", charges=1, produits=0)),
    ("indicateur", "inconnu", "Erreur : indicateur inconnu", indic("inconnu")),
    ("indicateur", "valeurs-manquantes", "Erreur : valeurs absentes", {"id": "taux-mesures-levees"}),
    ("indicateur", "variable-manquante", "Erreur : une variable manque", indic("taux-mesures-levees", mesures_levees=1)),
    ("indicateur", "variable-inconnue-et-non-entiere", "Erreur : variable en trop, entier attendu, négatif", indic("taux-mesures-levees", mesures_levees=2.5, mesures_notifiees=-1, x=1)),
    ("indicateur", "borne-max", "Erreur : valeur au-delà du maximum déclaré", indic("ecart-budgetaire", charges="abc", produits=2000000)),
    ("indicateur", "valeurs-liste", "Erreur : valeurs n'est pas un objet", {"id": "taux-mesures-levees", "valeurs": [1, 2]}),
    ("indicateur", "hors-limites", "Résultat au-delà des 28 chiffres du calcul : non calculable", indic("taux-mesures-levees", mesures_levees="1e40", mesures_notifiees=1)),
    ("modulation", "hors-limites", "Erreur : capacité démesurée, résultat au-delà de la précision du calcul", {"etablissements": [esms(jours_ouverture=1, capacite="1e30", realisee=1, cible=95, dotation=1000)]}),
    # --- contrat ---
    ("budget", "calculateur-inconnu", "Erreur : calculateur inconnu", {}),
    # --- bibliothèque d'indicateurs : nombres, Oui/Non, seuils (issue 8) ---
    ("indicateur", "nombre-cible-stricte", "Acc_043 : 6 actions pour une cible « > 6 » : non atteinte (signe strict)", {"id": "file-active", "valeur": 6, "cible": {"comparateur": ">", "valeur": 6}}),
    ("indicateur", "nombre-cible-atteinte", "File active 339 pour une cible « ≥ 339 » (texte à la française)", {"id": "file-active", "valeur": "339", "cible": {"comparateur": ">=", "valeur": "339,0"}}),
    ("indicateur", "nombre-non-entier", "Erreur : un nombre compté doit être entier et positif", {"id": "file-active", "valeur": 12.5, "cible": {"comparateur": "≈", "valeur": -1}}),
    ("indicateur", "oui-non", "Oui/Non en casse libre, seuil « = Oui » respecté", {"id": "outils-numeriques", "valeur": " oui ", "cible": {"comparateur": "=", "valeur": "Oui"}}),
    ("indicateur", "oui-non-invalide", "Erreur : valeur ni Oui ni Non, comparateur « > » refusé pour un Oui/Non", {"id": "outils-numeriques", "valeur": True, "cible": {"comparateur": ">", "valeur": "Non"}}),
    ("indicateur", "seuil-franchi", "Accueil de jour 13 places, 1 767 journées sur 253 jours : 53,72 %, seuil « > 70 % » non respecté", indic("occupation-aj", journees_realisees=1767, capacite=13)),
    ("indicateur", "seuil-entre-borne", "Encadrement exactement 5 % : « entre 5 % et 10 % » respecté (bornes comprises)", indic("encadrement", etp_cadres=3, etp_personnels=60)),
    ("indicateur", "seuil-entre-hors", "Encadrement 12,5 % : hors de la fourchette", indic("encadrement", etp_cadres=7.5, etp_personnels=60)),
    ("indicateur", "valeur-directe-seuil", "Ratio sans formule : valeur saisie 12,5 %, seuil « < 10 % » non respecté", {"id": "absenteisme", "valeur": "12,5"}),
    ("indicateur", "valeur-directe-sans-valeur", "Erreur : indicateur sans formule, « valeurs » au lieu de « valeur »", {"id": "absenteisme", "valeurs": {"jours": 10}}),
    ("indicateur", "seuil-non-strict-egalite", "Résultat globalisé nul : « ≥ 0 » respecté", indic("resultat", produits="1 000,50", charges=1000.5)),
    ("indicateur", "seuil-non-calculable", "Capacité nulle : non calculable, pas de seuil confronté", indic("occupation-aj", journees_realisees=10, capacite=0)),
    ("trajectoire", "nombre-file-active", "File active 287 → 339 en 5 ans, cibles entières « > n »", {"nature": "nombre", "valeur_initiale": 287, "cible_finale": 339, "annees": 5, "signe": ">"}),
    ("trajectoire", "nombre-signe-ascii", "Nombre d'actes 0 → 0, signe « >= » écrit « ≥ »", {"nature": "Nombre", "valeur_initiale": "0", "cible_finale": 0, "annees": 3, "signe": ">="}),
    ("trajectoire", "nombre-non-entier", "Erreur : nombre compté décimal ou négatif", {"nature": "nombre", "valeur_initiale": 287.5, "cible_finale": -1, "annees": 5}),
    ("trajectoire", "oui-non-bascule", "Coop_017 : Non en 2024, Oui à partir de N2", {"nature": "oui_non", "valeur_initiale": "Non", "cible_finale": "Oui", "annees": 5, "annee_bascule": 2}),
    ("trajectoire", "oui-non-identiques", "Oui → Oui : pas d'année de bascule à donner", {"nature": "oui_non", "valeur_initiale": "OUI", "cible_finale": "oui", "annees": 5}),
    ("trajectoire", "oui-non-sans-bascule", "Erreur : Non → Oui sans année de bascule", {"nature": "oui_non", "valeur_initiale": "Non", "cible_finale": "Oui", "annees": 5}),
    ("trajectoire", "oui-non-bascule-hors-bornes", "Erreur : année de bascule 6 pour 5 ans", {"nature": "oui_non", "valeur_initiale": "Non", "cible_finale": "Oui", "annees": 5, "annee_bascule": 6}),
    ("trajectoire", "oui-non-invalides", "Erreur : valeurs ni Oui ni Non", {"nature": "oui_non", "valeur_initiale": 1, "cible_finale": "peut-être", "annees": 5}),
    ("trajectoire", "nature-et-signe-inconnus", "Erreur : nature et signe inconnus", {"nature": "taux", "valeur_initiale": 1, "cible_finale": 2, "annees": 5, "signe": "~"}),
    ("seuils", "autodiagnostic", "Chiffres d'un gestionnaire : seuils franchis avec leur source", {"chiffres": {"absenteisme": 12, "encadrement": "4,5", "occupation-aj": 75, "outils-numeriques": "Non", "file-active": 287, "resultat": "-1 500,5"}}),
    ("seuils", "aucun-ecart", "Tous les seuils respectés", {"chiffres": {"resultat": 0, "encadrement": 10, "absenteisme": "9,99"}}),
    ("seuils", "erreurs", "Erreur : indicateur inconnu, Oui/Non invalide, nombre négatif", {"chiffres": {"inconnu": 1, "outils-numeriques": 3, "file-active": -2}}),
    ("seuils", "chiffres-vides", "Erreur : aucun chiffre", {"chiffres": {}}),
    # --- avancement : types d'actions (le plafond porte sur les types, pas sur les actions) ---
    (
        "avancement",
        "6-actions-un-type",
        "6 actions PA d'un même type d'actions : pas d'avertissement",
        {"actions": [action(libelle=f"A{k}", part=k * 10) for k in range(6)]},
    ),
    (
        "avancement",
        "5-types-par-secteur",
        "5 types d'actions en PA et 5 en PH (10 actions) : pas d'avertissement",
        {"actions": [action(libelle=f"{s}{k}", secteur=s, type_=(TYPES_PA if s == "PA" else TYPES_PH[3:])[k])
                     for s in ("PA", "PH") for k in range(5)]},
    ),
    (
        "avancement",
        "6-types-8-actions",
        "8 actions PH sur 6 types d'actions : un avertissement qui compte les types",
        {"actions": [action(libelle=f"A{k}", secteur="PH", type_=TYPES_PH[min(k, 5)]) for k in range(8)]},
    ),
    ("avancement", "type-absent", "Erreur : action sans type d'actions dans un module qui en propose", {"actions": [action(type_=None)]}),
    ("avancement", "type-autre-module", "Erreur : type d'actions d'un autre module", {"actions": [action(type_="vaccination")]}),
    (
        "avancement",
        "type-module-sans-types",
        "Erreur : type d'actions pour un module qui n'en propose pas ; vide accepté",
        {"actions": [action(module="evaluation-has", type_="autodetermination"), action(module="evaluation-has", type_="")]},
    ),
    # --- dossier « Mon CPOM » (ajoutés après les autres : les numéros des cas précédents ne changent pas) ---
    ("dossier", "minimal", "Dossier minimal : l'OG seul, les 5 modules obligatoires d'office", dossier()),
    ("dossier", "trois-esms-modulation", "3 ESMS : modulation de chacun et total sur la DGC", dossier(esms=TROIS_ESMS)),
    ("dossier", "avancement-deux-actions", "Taux d'avancement du module depuis ses actions (moyenne)", dossier(esms=TROIS_ESMS, actions=[
        act("Plan autodétermination", esms=[HORTENSIAS], pilote="Directrice", echeance="2026-12-31"),
        act("Formation des équipes", type_="pratiques-professionnelles", phase="cloture", part=100)])),
    ("dossier", "sixieme-type-avertit", "Règle : le 6e type d'actions d'un secteur donne un avertissement", dossier(esms=TROIS_ESMS, actions=[
        act(f"Action {k}", type_=type_, esms=[IME]) for k, type_ in enumerate(TYPES_TO[:4] + TYPES_TO[4:6])])),
    ("dossier", "sixieme-action-n-avertit-pas", "Règle : la 6e action d'un même type ne donne pas d'avertissement", dossier(esms=TROIS_ESMS, actions=[
        act(f"Action {k}", esms=[HORTENSIAS], part=k * 10) for k in range(6)])),
    ("dossier", "cinq-types-par-secteur", "5 types en PA et 5 en PH : pas d'avertissement", dossier(esms=TROIS_ESMS, actions=[
        *(act(f"PA {k}", type_=type_, esms=[HORTENSIAS]) for k, type_ in enumerate(TYPES_TO[:4])),
        *(act(f"PH {k}", type_=type_, esms=[IME]) for k, type_ in enumerate(TYPES_TO[4:8])),
        act("Commune", type_="autodetermination", esms=[IME])])),
    ("dossier", "types-retenus-et-actions", "Types retenus sans action + types des actions : le 6e avertit", dossier(esms=TROIS_ESMS, modules=[
        {"id": "une-seule-sante", "types_actions": {"PA": ["reset", "economie-energies", "confort-thermique"], "PH": ["reset"]}}], actions=[
        act("Tri", module="une-seule-sante", type_="gestion-dechets", esms=[HORTENSIAS]),
        act("Air", module="une-seule-sante", type_="qualite-air", esms=[ESCAPADE]),
        act("Transports", module="une-seule-sante", type_="deplacements-transports")])),
    ("dossier", "action-deux-secteurs", "Action sans ESMS désigné : comptée dans les secteurs de tous les ESMS", dossier(esms=TROIS_ESMS, actions=[
        act("Aidants", type_="aidants")])),
    ("dossier", "type-hors-secteur", "Type d'actions PH pour une action d'un ESMS PA : avertissement", dossier(esms=TROIS_ESMS, actions=[
        act("Scolarisation", type_="inclusion-scolaire", esms=[HORTENSIAS])])),
    ("dossier", "a-la-carte-contractualisation", "Module à la carte déclenché à la contractualisation", dossier(modules=[
        {"id": "evaluation-has", "declenchement": "contractualisation", "date": "2026-01-01"}], actions=[
        act("Critère 2.1", module="evaluation-has", type_=None, phase="planification", part=40)])),
    ("dossier", "a-la-carte-avenant-mesures", "Inspection – contrôle par avenant : levée des mesures N1 et N2", dossier(annee_suivi=2, modules=[
        {"id": "inspection-controle", "declenchement": "avenant", "date": "2027-03-15", "valeur_initiale": 0, "cible_finale": 100,
         "suivi": {"N1": {"valeurs": {"mesures_levees": 1, "mesures_notifiees": 4}}, "N2": {"valeurs": {"mesures_levees": 3, "mesures_notifiees": 4}}}}])),
    ("dossier", "resorption-deficit-creuse", "Résorption du déficit : négative quand le déficit se creuse", dossier(annee_suivi=2, modules=[
        {"id": "difficulte-financiere", "declenchement": "contractualisation", "date": "2026-01-01", "valeur_initiale": 0, "cible_finale": 100,
         "suivi": {"N1": {"valeurs": {"deficit_initial": 200000, "deficit_restant": 150000}},
                   "N2": {"valeurs": {"deficit_initial": 200000, "deficit_restant": 230000}}}}])),
    ("dossier", "si-completes-trajectoire", "SI complétés : valeurs N1 à N3 et trajectoire 50 → 100", dossier(annee_suivi=3, modules=[
        {"id": "tableau-de-bord-si", "valeur_initiale": 50, "cible_finale": 100, "suivi": {
            "N1": {"valeurs": {"si_completes": 3, "si_attendus": 6}}, "N2": {"valeurs": {"si_completes": "4", "si_attendus": "6"}},
            "N3": {"valeurs": {"si_completes": 6, "si_attendus": 6}}}}])),
    ("dossier", "si-division-par-zero", "Indicateur non calculable une année : pas une erreur", dossier(modules=[
        {"id": "inspection-controle", "declenchement": "avenant", "date": "2026-06-01",
         "suivi": {"N1": {"valeurs": {"mesures_levees": 0, "mesures_notifiees": 0}}}}])),
    ("dossier", "fragilites-ajoutees", "Points de fragilité ajoutés, résolus en N1 et N2 : taux année par année", dossier(annee_suivi=3, points_fragilite=[
        {"libelle": "Vacance en résidence autonomie", "resolu_en": "N1"}, {"libelle": "Recrutement", "resolu_en": "N2"},
        {"libelle": "Usure professionnelle"}, {"libelle": "Point écarté", "retenu": False, "resolu_en": "N1"}])),
    ("dossier", "autodiagnostic-seuils", "Autodiagnostic : seuils franchis par ESMS, avec la source et le lieu de chaque seuil", dossier(esms=[
        etab(HORTENSIAS, "EHPAD Les Hortensias", diagnostic={"absenteisme": {"valeur": "12,5"}, "outils-numeriques": {"valeur": "Non"}}),
        etab(IME, "IME Les Sources", secteur="PH", categorie="IME", diagnostic={
            "encadrement": {"valeurs": {"etp_cadres": 3, "etp_personnels": 60}}, "resultat": {"valeurs": {"produits": 1000, "charges": "1 500,5"}}}),
        etab(ESCAPADE, "Accueil de jour L'Escapade", categorie="Accueil de jour", diagnostic={
            "occupation-aj": {"valeurs": {"journees_realisees": 1767, "capacite": 13}}})])),
    ("dossier", "autodiagnostic-choix-og", "L'OG écarte un point proposé, en garde un résolu en N2, en ajoute un", dossier(annee_suivi=2, esms=[
        etab(HORTENSIAS, "EHPAD", diagnostic={"absenteisme": {"valeur": 12}, "encadrement": {"valeurs": {"etp_cadres": 2, "etp_personnels": 50}}}),
        etab(IME, "IME", secteur="PH", categorie="IME", diagnostic={"encadrement": {"valeurs": {"etp_cadres": "7,5", "etp_personnels": 60}}})],
        points_fragilite=[{"diagnostic": f"{HORTENSIAS}/absenteisme", "retenu": False},
                          {"diagnostic": f"{IME}/encadrement", "resolu_en": "N2"},
                          {"libelle": "Gouvernance associative", "esms": IME}])),
    ("dossier", "autodiagnostic-sous-le-seuil", "Tous les seuils respectés (bornes comprises) : aucun point proposé", dossier(esms=[
        etab(HORTENSIAS, "EHPAD", diagnostic={"absenteisme": {"valeur": "9,99"}, "encadrement": {"valeurs": {"etp_cadres": 3, "etp_personnels": 60}},
                                               "resultat": {"valeurs": {"produits": 100, "charges": 100}}, "outils-numeriques": {"valeur": "oui"}})])),
    ("dossier", "autodiagnostic-point-disparu", "Point de diagnostic qui n'est plus relevé : gardé, avec un avertissement", dossier(esms=[
        etab(HORTENSIAS, "EHPAD", diagnostic={"absenteisme": {"valeur": 5}})],
        points_fragilite=[{"diagnostic": f"{HORTENSIAS}/absenteisme", "libelle": "Absentéisme élevé", "resolu_en": "N1"}])),
    ("dossier", "autodiagnostic-non-calculable", "Diagnostic avec division par zéro : pas de point, pas d'erreur", dossier(esms=[
        etab(ESCAPADE, "Accueil de jour", categorie="Accueil de jour", diagnostic={"occupation-aj": {"valeurs": {"journees_realisees": 10, "capacite": 0}}})])),
    ("dossier", "bilan-actions-retard", "Bilan N2 : actions réalisées et en retard (échéance passée, non close)", dossier(annee_suivi=2, esms=TROIS_ESMS, actions=[
        act("En retard", esms=[HORTENSIAS], echeance="2027-06-30", pilote="Cadre de santé"),
        act("Close", type_="aidants", phase="cloture", part=100, echeance="2026-12-31"),
        act("À venir", type_="troubles-comportement", echeance="2028-01-15"),
        act("Sans échéance", type_="pratiques-professionnelles", phase="initialisation", part=0)])),
    ("dossier", "suivi-avancement-annees", "Taux d'avancement figés en N1 et N2, N3 calculé depuis les actions", dossier(annee_suivi=3, modules=[
        {"id": "prevention", "valeur_initiale": 0, "cible_finale": 100, "suivi": {"N1": {"taux": 15}, "N2": {"taux": "32,5"}},
         "objectif": "Prévenir les chutes", "constat": "Chutes fréquentes", "prealables": "Référent prévention", "partenaires": "CPTS"}], actions=[
        act("Activité physique adaptée", module="prevention", type_="activite-physique", phase="pilotage", part=25)])),
    ("dossier", "cible-decroissante", "Cible décroissante : atteinte quand la valeur est sous la cible", dossier(modules=[
        {"id": "difficulte-financiere", "declenchement": "avenant", "date": "2026-09-01", "valeur_initiale": 100, "cible_finale": 0,
         "suivi": {"N1": {"valeurs": {"deficit_initial": 100, "deficit_restant": 30}}}}])),
    ("dossier", "structure-experimentale", "ESMS de catégorie « Autre » : 366 jours fournis ; ESMS incomplet listé à part", dossier(esms=[
        etab(SPASAD, "Structure expérimentale", secteur="PH", categorie="Autre", jours_ouverture=366, capacite=10, dotation=500000,
             activite_realisee=3294, taux_cible=95),
        etab(HORTENSIAS, "EHPAD sans activité saisie", capacite=80)])),
    ("dossier", "nombres-francais", "Nombres en texte à la française et FINESS avec espaces", dossier(
        og={"raison_sociale": "Association", "finess_juridique": "250 006 079"}, esms=[
        etab("2A0000001", "EHPAD corse", capacite="80", dotation="1 234 567,89", activite_realisee="27 000,5", taux_cible="97,5")])),
    ("dossier", "ecars-besancon", "Fiche objectif avec textes et trajectoire e-CARS 84,47 → 92", dossier(esms=TROIS_ESMS[:2], modules=[
        {"id": "efficience", "objectif": "EFF_01 Améliorer l'efficience", "constat": "Difficultés de recrutement ; usure professionnelle",
         "partenaires": "Organismes de formation; France Travail", "valeur_initiale": 84.47, "cible_finale": 92,
         "types_actions": {"PA": ["ressources-humaines", "activite"]}}], actions=[
        act("Attractivité des métiers", module="efficience", type_="ressources-humaines", esms=[HORTENSIAS, ESCAPADE], pilote="DRH", echeance="2030-12-31"),
        act("Taux d'occupation de l'accueil de jour", module="efficience", type_="activite", esms=[ESCAPADE], phase="planification", part=80)],
        points_fragilite=[{"libelle": "Taux d'occupation de l'accueil de jour"}])),
    # erreurs
    ("dossier", "format-etranger", "Erreur : fichier d'un autre outil (format inconnu)", {"format": "mon-cpom-bfc", "version": 1, "og": OG}),
    ("dossier", "sans-format", "Erreur : pas de marqueur de format", {"og": OG, "esms": []}),
    ("dossier", "version-future", "Erreur : version plus récente que le guide", dossier(version=2)),
    ("dossier", "version-texte", "Erreur : version en texte", dossier(version="1")),
    ("dossier", "version-zero", "Erreur : version 0 sans migration", dossier(version=0)),
    ("dossier", "entree-liste", "Erreur : le fichier n'est pas un objet", [dossier()]),
    ("dossier", "og-invalide", "Erreur : FINESS juridique de 8 chiffres, raison sociale vide, année hors bornes", dossier(
        og={"raison_sociale": " ", "finess_juridique": "25000607"}, premiere_annee=1999, annee_suivi=6)),
    ("dossier", "esms-invalides", "Erreur : FINESS en double, catégorie inconnue, jours avec une catégorie, secteur, capacité", dossier(esms=[
        etab(HORTENSIAS, "A", jours_ouverture=300), etab(HORTENSIAS, "B", categorie="Foyer"),
        etab(IME, "C", secteur="PX", capacite=0), etab(SPASAD, "D", categorie="Autre")])),
    ("dossier", "actions-invalides", "Erreur : type inconnu, type manquant, ESMS absent, date, phase, part", dossier(esms=TROIS_ESMS, actions=[
        act("A", type_="inconnu"), act("B", type_=None), act("C", esms=["999999999"]), act("D", echeance="31/12/2027"),
        act("E", phase="fin", part=120), act("F", module="evaluation-has", type_=None)])),
    ("dossier", "modules-invalides", "Erreur : à la carte sans déclenchement, obligatoire avec date, module inconnu, type hors secteur", dossier(modules=[
        {"id": "evaluation-has"}, {"id": "prevention", "date": "2026-01-01"}, {"id": "budget"},
        {"id": "transformation-offre", "types_actions": {"PA": ["inclusion-scolaire", "autodetermination", "autodetermination"], "PX": []}},
        {"id": "prevention"}])),
    ("dossier", "champs-inconnus", "Erreur : champs inconnus (rien n'est perdu en silence)", dossier(commentaire="x", esms=[
        etab(HORTENSIAS, "A", telephone="03")])),
    ("dossier", "suivi-invalide", "Erreur : année N6, relevé mal formé, suivi de l'Efficience, valeur initiale seule", dossier(modules=[
        {"id": "tableau-de-bord-si", "valeur_initiale": 10, "suivi": {"N6": {"taux": 1}, "N1": {"taux": 1, "valeurs": {}}}},
        {"id": "efficience", "suivi": {"N1": {"taux": 10}}}])),
    ("dossier", "suivi-valeurs-invalides", "Erreur : variable d'indicateur hors bornes dans le suivi", dossier(modules=[
        {"id": "tableau-de-bord-si", "suivi": {"N1": {"valeurs": {"si_completes": 2, "si_attendus": 0}}}}])),
    ("dossier", "points-invalides", "Erreur : point sans libellé, année de résolution, retenu non booléen, ESMS absent", dossier(points_fragilite=[
        {}, {"libelle": "A", "resolu_en": "N7", "retenu": "oui"}, {"libelle": "B", "esms": "123456789"}])),
    ("dossier", "diagnostic-invalide", "Erreur : indicateur inconnu, variable manquante, « valeurs » pour un indicateur sans formule, saisie ambiguë", dossier(esms=[
        etab(HORTENSIAS, "A", diagnostic={"inconnu": {}, "occupation-aj": {"valeurs": {"journees_realisees": 1}},
                                           "absenteisme": {"valeurs": {"jours": 3}}, "encadrement": {"valeur": 1, "valeurs": {}}})])),
    # Fichiers CSV des calculateurs (Excel France : « ; », virgule décimale, BOM, CRLF) : calculators/tableur.py
    (
        "csv_ecrire",
        "avancement",
        "Export CSV du plan d'actions : cellule à « ; » entre guillemets, 12,5 à virgule",
        {"colonnes": ["Libellé de l'action", "Module", "% de la phase réalisé"],
         "lignes": [["Répit; aidants", "Prévention", "12,5"], ["Action \"phare\"", "Efficience", 40.5]]},
    ),
    ("csv_ecrire", "cellule-objet", "Erreur : une cellule qui est un objet", {"colonnes": ["A"], "lignes": [[{"x": 1}]]}),
    (
        "csv_lire",
        "modulation",
        "Import CSV des ESMS : en-têtes sans accents ni casse, colonne facultative absente (null)",
        {"fichier": "esms.csv", "texte": "\ufeffnom de l'esms;CAPACITE\r\nSSIAD;10\r\n\r\n\"EHPAD; Les Tilleuls\";80,5\r\n",
         "colonnes": [{"titre": "Nom de l'ESMS"}, {"titre": "Capacité"}, {"titre": "Catégorie", "facultative": True}]},
    ),
    (
        "csv_lire",
        "virgules",
        "Import CSV séparé par des virgules (première ligne sans « ; »)",
        {"fichier": "plan.csv", "texte": "Module,Secteur\nPrévention,PA\n", "colonnes": [{"titre": "Module"}, {"titre": "Secteur"}]},
    ),
    (
        "csv_lire",
        "colonnes-manquantes",
        "Erreur : fichier étranger, colonnes obligatoires absentes nommées",
        {"fichier": "plan.csv", "texte": "Titre;Module\nA;Prévention\n",
         "colonnes": [{"titre": "Libellé de l'action"}, {"titre": "Module"}, {"titre": "Secteur"}]},
    ),
    ("csv_lire", "vide", "Erreur : fichier vide", {"fichier": "vide.csv", "texte": "\ufeff\r\n", "colonnes": [{"titre": "Module"}]}),
    (
        "csv_lire",
        "abime",
        "Erreur : fichier abîmé (guillemet non fermé)",
        {"fichier": "plan.csv", "texte": "Module\n\"Prévention\nPA", "colonnes": [{"titre": "Module"}]},
    ),
    (
        "avancement",
        "type-hors-secteur",
        "Type d'actions proposé pour l'autre secteur seulement : avertissement, action comptée dans aucun secteur",
        {"actions": [action(libelle="Répit", secteur="PH", type_="transformation-secteur-pa"),
                     action(libelle="Scolarisation", secteur="PA", type_="inclusion-scolaire", part=0)]
                    + [action(libelle=f"PA{k}", type_=t) for k, t in enumerate(TYPES_PA)]},
    ),
]


def main() -> None:
    parametres_json = (DOSSIER / "parametres.json").read_text(encoding="utf-8")
    dossier = DOSSIER / "cas"
    dossier.mkdir(exist_ok=True)
    for ancien in dossier.glob("*.json"):
        ancien.unlink()
    for rang, (nom, court, description, entree) in enumerate(CAS, start=1):
        reponse = json.loads(executer_json(nom, json.dumps(entree, ensure_ascii=False), parametres_json))
        cas = {"nom": nom, "entree": entree, "description": description, "attendu": reponse}
        fichier = dossier / f"{rang:03d}_{nom}_{court}.json"
        fichier.write_text(json.dumps(cas, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(CAS)} cas écrits dans {dossier}")


if __name__ == "__main__":
    main()
