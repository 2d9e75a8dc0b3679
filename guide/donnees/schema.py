"""Schéma de chaque type de fichier YAML, en données (voir modules/FORMAT.md).

Un champ est décrit par un dictionnaire :

- ``type`` : ``texte``, ``entier``, ``nombre``, ``booleen``, ``date``, ``liste``, ``table``
  ou une liste de types permis ; ``"nul": True`` permet ``null`` ;
- ``obligatoire`` (``False`` par défaut) et ``defaut`` (valeur mise si le champ est absent) ;
- ``valeurs`` (valeurs permises), ``motif`` (expression régulière), ``min`` / ``max`` ;
- pour un texte : ``format`` (``simple`` par défaut, ``en_ligne`` ou ``bloc``, voir ``FORMATS``) ;
- ``aide`` : une phrase qui décrit le champ (reprise dans modules/FORMAT.md et le schéma JSON) ;
- pour une liste : ``element`` (schéma d'un élément), ``non_vide``, ``uniques`` ;
- pour une table : ``champs`` (clé -> schéma) ou ``libre`` (schéma de toute valeur) ;
  ``nom`` : le champ qui nomme un élément dans le fil d'Ariane (« Prévention > Vaccination »).
"""

from __future__ import annotations

from calculators.vocabulaire import CODES_SECTEURS

from guide.donnees.chemins import COMMUNS as FICHIERS_COMMUNS
from guide.donnees.chemins import DOSSIER_MODULES, FICHIER_BIBLIOTHEQUE

MOTIF_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MOTIF_VARIABLE = r"^[a-z][a-z0-9_]*$"
# Adresse web : http(s) seulement, sans espace ni caractère qui casserait un lien Markdown ou HTML.
MOTIF_URL = "^https?://[^\\s<>\"'`()\\[\\]{}\\\\]+$"  # aussi valide en JavaScript (schéma JSON)

# Ce qu'un texte peut contenir. Aucun ne peut contenir de HTML brut (« <balise », « </ », « <!-- »),
# d'image ni d'attributs Markdown « { … } » : le texte YAML est du texte.
SIMPLE = "simple"
EN_LIGNE = "en_ligne"
BLOC = "bloc"
FORMATS = {
    SIMPLE: "texte simple : ni HTML, ni lien, ni image (titres, libellés, sigles, infobulles)",
    EN_LIGNE: "Markdown en ligne : **gras**, *italique*, `code`, liens [texte](https://…) "
              "(http, https ou mailto) ; ni HTML ni image",
    BLOC: "Markdown en blocs : paragraphes, listes à puces ou numérotées, plus le Markdown en ligne ; "
          "ni HTML ni image",
}
SCHEMAS_LIENS = ("http", "https", "mailto")
MOTIF_HTML = r"<[/!?]?[A-Za-z!?/][^\s>]{0,15}"  # <script, </p, <!--, <?xml, <img… (« < 5 % » reste permis)

SECTEURS = CODES_SECTEURS  # calculators/vocabulaire.py
PORTES_ENTREE = {  # ordre d'affichage des questions
    "organisation": "Organisation",
    "personne_accompagnee": "Personne accompagnée",
    "entourage": "Entourage",
    "equipes": "Équipes",
    "territoire": "Territoire",
}

TEXTE = {"type": "texte", "obligatoire": True}
TEXTE_FACULTATIF = {"type": "texte"}
EN_LIGNE_OBLIGATOIRE = {"type": "texte", "obligatoire": True, "format": EN_LIGNE}
EN_LIGNE_FACULTATIF = {"type": "texte", "format": EN_LIGNE}
BLOC_OBLIGATOIRE = {"type": "texte", "obligatoire": True, "format": BLOC}
BLOC_FACULTATIF = {"type": "texte", "format": BLOC}
LISTE_EN_LIGNE = {"type": "liste", "element": {"type": "texte", "format": EN_LIGNE}, "defaut": []}
ID = {"type": "texte", "obligatoire": True, "motif": MOTIF_ID}
LISTE_TEXTES = {"type": "liste", "element": {"type": "texte"}, "defaut": []}
DATE = {"type": "date"}

RESSOURCE = {
    "type": "table",
    "nom": "titre",
    "champs": {
        "rubrique": TEXTE_FACULTATIF,
        "titre": TEXTE,
        "nature": TEXTE_FACULTATIF,
        "date": DATE,
        "url": {"type": "texte", "motif": MOTIF_URL},
    },
}

# États d'une fiche : texte de l'ARS / faits tirés des sources, à valider par l'ARS / rien encore.
ETATS = {
    "complete": "Complète",
    "elements_sources": "Éléments sourcés",
    "en_cours": "En cours de rédaction",
}

# Un fait de « Ce que disent les sources » : la phrase du guide, la source (id de
# communs/publication.yml > sources) et l'endroit précis dans la source.
ELEMENT_SOURCE = {
    "type": "table",
    "champs": {
        "texte": EN_LIGNE_OBLIGATOIRE,
        "source": ID,
        "lieu": TEXTE,
    },
}

THEME = {
    "type": "table",
    "nom": "titre",
    "champs": {
        "id": ID,
        "titre": TEXTE,
        "secteurs": {"type": "liste", "obligatoire": True, "non_vide": True, "uniques": True,
                     "element": {"type": "texte", "valeurs": list(SECTEURS)}},
        "etat": {"type": "texte", "obligatoire": True, "valeurs": list(ETATS)},
        "definition": BLOC_FACULTATIF,
        "questions": {"type": "table", "defaut": {},
                      "champs": {cle: EN_LIGNE_FACULTATIF for cle in PORTES_ENTREE}},
        "points_cles": LISTE_EN_LIGNE,
        "ressources": {"type": "liste", "element": RESSOURCE, "defaut": []},
        "elements_sources": {"type": "liste", "element": ELEMENT_SOURCE, "defaut": []},
        "indicateurs_possibles": {"type": "liste", "defaut": [], "uniques": True,
                                  "element": {"type": "texte", "motif": MOTIF_ID}},
    },
}

# Champs exigés par une fiche « etat: complete » (facultatifs pour « en_cours »).
EXIGES_SI_COMPLETE = {"definition": "définition", "questions": "questions", "points_cles": "points clés"}

MODULE = {
    "type": "table",
    "nom": "titre",
    "champs": {
        "id": ID,
        "ordre": {"type": "entier", "obligatoire": True, "min": 1, "max": 99},
        "titre": TEXTE,
        "statut": {"type": "texte", "obligatoire": True, "valeurs": ["obligatoire", "a_la_carte"]},
        "declenchement": {"type": "liste", "defaut": [], "uniques": True,
                          "element": {"type": "texte", "valeurs": ["contractualisation", "avenant"]}},
        "famille": {"type": "texte", "obligatoire": True,
                    "valeurs": ["politiques_publiques", "fonctionnement_interne", "a_la_carte"]},
        "attendus": {**LISTE_EN_LIGNE, "obligatoire": True, "non_vide": True},
        "contractualisation": LISTE_EN_LIGNE,
        "indicateur": ID,
        "libelle_indicateur": TEXTE,
        "bilan": LISTE_EN_LIGNE,
        "regles": {"type": "table", "defaut": {"max_actions_par_secteur": None, "min_themes": None},
                   "champs": {
                       "max_actions_par_secteur": {"type": "entier", "nul": True, "min": 1, "defaut": None},
                       "min_themes": {"type": "entier", "nul": True, "min": 1, "defaut": None},
                   }},
        "presentation": BLOC_OBLIGATOIRE,
        "sources": {"type": "liste", "obligatoire": True, "uniques": True,
                    "element": {"type": "texte", "motif": MOTIF_ID}},
        "themes": {"type": "liste", "obligatoire": True, "element": THEME},
    },
}

VARIABLE = {
    "type": "table",
    "nom": "nom",
    "champs": {
        "nom": {"type": "texte", "obligatoire": True, "motif": MOTIF_VARIABLE},
        "libelle": TEXTE,
        "type": {"type": "texte", "obligatoire": True, "valeurs": ["nombre", "entier"]},
        "min": {"type": "nombre", "nul": True, "defaut": None},
        "max": {"type": "nombre", "nul": True, "defaut": None},
    },
}

INDICATEUR = {
    "type": "table",
    "nom": "libelle",
    "champs": {
        "id": ID,
        "libelle": TEXTE,
        "definition": BLOC_OBLIGATOIRE,
        "formule": TEXTE,
        "variables": {"type": "liste", "obligatoire": True, "non_vide": True, "element": VARIABLE},
        "unite": {"type": "texte", "obligatoire": True},
        "decimales": {"type": "entier", "obligatoire": True, "min": 0, "max": 6},
        "source_donnees": EN_LIGNE_OBLIGATOIRE,
        "cible": {"type": "texte", "nul": True, "defaut": None, "format": EN_LIGNE},
        "statut_formule": {"type": "texte", "obligatoire": True, "valeurs": ["source", "convention"]},
        "references": {"type": "liste", "defaut": [], "uniques": True,
                       "element": {"type": "texte", "motif": MOTIF_ID}},
        "calculateur_dedie": {"type": "texte", "valeurs": ["avancement", "modulation"]},
    },
}

INDICATEURS = {
    "type": "table",
    "champs": {"indicateurs": {"type": "liste", "obligatoire": True, "non_vide": True, "element": INDICATEUR}},
}

SEUIL = {
    "type": "table",
    "nom": "sens",
    "champs": {
        "sens": {"type": "texte", "obligatoire": True, "valeurs": ["superieur", "inferieur", "entre", "egal"]},
        "strict": {"type": "booleen", "defaut": False},
        "valeur": {"type": ["nombre", "texte"]},
        "min": {"type": "nombre"},
        "max": {"type": "nombre"},
        "source": {"type": "texte", "obligatoire": True, "motif": MOTIF_ID},
        "lieu": EN_LIGNE_OBLIGATOIRE,
        "remarque": EN_LIGNE_FACULTATIF,
    },
}

EXEMPLE = {
    "type": "table",
    "nom": "etablissement",
    "champs": {
        "etablissement": TEXTE,
        "annee": {"type": "entier", "min": 1900, "max": 2100},
        "numerateur": {"type": "nombre"},
        "denominateur": {"type": "nombre"},
        "valeur": {"type": ["nombre", "texte"], "obligatoire": True},
        "signe": {"type": "texte", "valeurs": [">", "≥", "<", "≤", "="]},
        "cibles": {"type": "liste", "defaut": [], "element": {"type": ["nombre", "texte"]}},
    },
}

NATURES = {"ratio": "ratio (numérateur / dénominateur = valeur)", "nombre": "nombre", "oui_non": "Oui / Non"}

INDICATEUR_BIBLIOTHEQUE = {
    "type": "table",
    "nom": "libelle",
    "champs": {
        "id": ID,
        "code": TEXTE_FACULTATIF,
        "libelle": TEXTE,
        "nature": {"type": "texte", "obligatoire": True, "valeurs": list(NATURES)},
        "entier": {"type": "booleen", "defaut": False},
        "source": {"type": "texte", "obligatoire": True, "motif": MOTIF_ID},
        "lieu": EN_LIGNE_OBLIGATOIRE,
        "region": TEXTE_FACULTATIF,
        "annee": {"type": "entier", "min": 1900, "max": 2100},
        "secteurs": {"type": "liste", "defaut": [], "uniques": True,
                     "element": {"type": "texte", "valeurs": list(SECTEURS)}},
        "definition": BLOC_OBLIGATOIRE,
        "formule": TEXTE_FACULTATIF,
        "formule_source": EN_LIGNE_OBLIGATOIRE,
        "sans_formule": EN_LIGNE_FACULTATIF,
        "variables": {"type": "liste", "defaut": [], "element": VARIABLE},
        "unite": {"type": "texte", "defaut": ""},
        "decimales": {"type": "entier", "defaut": 2, "min": 0, "max": 6},
        "source_donnees": EN_LIGNE_FACULTATIF,
        "cible": EN_LIGNE_FACULTATIF,
        "seuils": {"type": "liste", "defaut": [], "element": SEUIL},
        "exemples": {"type": "liste", "defaut": [], "element": EXEMPLE},
    },
}

BIBLIOTHEQUE = {
    "type": "table",
    "champs": {"indicateurs": {"type": "liste", "obligatoire": True, "non_vide": True,
                               "element": INDICATEUR_BIBLIOTHEQUE}},
}

PARAMETRES = {
    "type": "table",
    "champs": {
        "phases": {"type": "liste", "obligatoire": True, "non_vide": True, "element": {
            "type": "table", "nom": "libelle", "champs": {
                "id": ID,
                "libelle": TEXTE,
                "poids": {"type": "nombre", "obligatoire": True, "min": 0, "max": 100},
            }}},
        "jours_ouverture": {"type": "liste", "obligatoire": True, "non_vide": True, "element": {
            "type": "table", "champs": {
                "jours": {"type": "entier", "obligatoire": True, "min": 1, "max": 366},
                "categories": {"type": "liste", "obligatoire": True, "non_vide": True, "uniques": True,
                               "element": {"type": "texte"}},
            }}},
        "structures_experimentales": BLOC_FACULTATIF,
        "modulation": {"type": "table", "obligatoire": True, "champs": {
            "taux_abattement_par_point": {"type": "nombre", "obligatoire": True, "min": 0, "max": 100},
            "reference": TEXTE,
        }},
        "avancement": {"type": "table", "obligatoire": True, "champs": {
            "max_actions_par_secteur": {"type": "entier", "obligatoire": True, "min": 1},
        }},
    },
}

GLOSSAIRE = {
    "type": "table",
    "champs": {"sigles": {"type": "liste", "obligatoire": True, "element": {
        "type": "table", "nom": "sigle", "champs": {"sigle": TEXTE, "definition": TEXTE}}}},
}

PUBLICATION = {
    "type": "table",
    "champs": {
        "titre_site": TEXTE,
        "version": TEXTE,
        "editeur": {"type": "table", "obligatoire": True,
                    "libre": {"type": "texte", "nul": True, "format": EN_LIGNE}},
        "sources": {"type": "liste", "obligatoire": True, "non_vide": True, "element": {
            "type": "table", "nom": "titre", "champs": {
                "id": ID,
                "titre": TEXTE,
                "description": EN_LIGNE_FACULTATIF,
                "date": DATE,
                "url": {"type": "texte", "motif": MOTIF_URL},
            }}},
        "journal": {"type": "liste", "defaut": [], "element": {
            "type": "table", "nom": "date", "champs": {
                "date": {"type": "date", "obligatoire": True},
                "resume": EN_LIGNE_OBLIGATOIRE,
                "modules": {"type": "liste", "defaut": [], "uniques": True,
                            "element": {"type": "texte", "motif": MOTIF_ID}},
            }}},
    },
}

# Fichiers communs : chemin relatif à modules/ -> (schéma, racine du fil d'Ariane).
COMMUNS = {
    nom: (FICHIERS_COMMUNS[nom].removeprefix(DOSSIER_MODULES + "/"), schema, fil)
    for nom, schema, fil in (
        ("indicateurs", INDICATEURS, "Indicateurs"),
        ("parametres", PARAMETRES, "Paramètres"),
        ("glossaire", GLOSSAIRE, "Glossaire"),
        ("publication", PUBLICATION, "Publication"),
    )
}

# Aide de chaque champ (modules/FORMAT.md et description du schéma JSON, donc infobulles de l'éditeur).
# Clé : « type de fichier.chemin », « [] » pour un élément de liste. Un champ peut aussi porter
# directement ``"aide": "…"`` dans son schéma (prioritaire).
AIDES = {
    "module.id": "= nom du fichier ; sert d'adresse : /modules/<id>/",
    "module.ordre": "ordre d'affichage, unique (1 à 99)",
    "module.titre": "titre du module",
    "module.statut": "obligatoire ou à la carte",
    "module.declenchement": "pour un module à la carte : [contractualisation, avenant] ; vide [] sinon",
    "module.famille": "famille du module (a_la_carte pour un module à la carte, et seulement lui)",
    "module.attendus": "« CPOM N1 à N5 : attendus pour les 5 prochaines années »",
    "module.contractualisation": "attendus à la contractualisation (N) ; [] si non précisé",
    "module.indicateur": "id d'un indicateur de communs/indicateurs.yml",
    "module.libelle_indicateur": "libellé de l'indicateur dans le tableau « En conclusion »",
    "module.bilan": "bilan de fin de CPOM, indicateurs d'impact ; [] si non précisé",
    "module.regles": "règles de remplissage du module",
    "module.presentation": "« De quoi s'agit-il ? », fidèle aux sources",
    "module.sources": "documents d'origine : ids de communs/publication.yml > sources",
    "module.themes": "fiches du module ; [] si les sources n'en proposent pas",
    "module.themes[].id": "unique dans tout le guide : /modules/<module>/<id>/",
    "module.themes[].titre": "titre de la fiche",
    "module.themes[].secteurs": "sous-ensemble non vide de [PA, PH]",
    "module.themes[].etat": "complete (texte de l'ARS), elements_sources (faits tirés des sources, à valider "
                            "par l'ARS) ou en_cours (« Fiche en cours de rédaction »)",
    "module.themes[].elements_sources": "« Ce que disent les sources » : faits, chacun avec sa source et son lieu",
    "module.themes[].elements_sources[].texte": "le fait, en phrase du guide",
    "module.themes[].elements_sources[].source": "id de communs/publication.yml > sources",
    "module.themes[].elements_sources[].lieu": "endroit précis dans la source (fiche, page, section, code)",
    "module.themes[].indicateurs_possibles": "ids de la bibliothèque d'indicateurs",
    "module.themes[].definition": "facultatif si etat = en_cours",
    "module.themes[].questions": "questions par porte d'entrée ; facultatif si en_cours",
    "module.themes[].points_cles": "points clés ; facultatif si en_cours",
    "module.themes[].ressources": "ressources citées par les sources",
    "module.themes[].ressources[].rubrique": "regroupement affiché",
    "module.themes[].ressources[].nature": "ex. « Note de cadrage HAS »",
    "module.themes[].ressources[].date": "AAAA-MM-JJ ou AAAA-MM",
    "module.themes[].ressources[].url": "seulement si la source la donne ; jamais inventée",
    "indicateurs.indicateurs[].formule": "nombres, variables déclarées, + - * / ( ), moins unaire, min(), max(), abs()",
    "indicateurs.indicateurs[].variables[].nom": "identifiant : minuscules, chiffres, « _ »",
    "indicateurs.indicateurs[].unite": "« % », « jours », « € », ou vide",
    "indicateurs.indicateurs[].cible": "cible si les sources en donnent une, sinon null",
    "indicateurs.indicateurs[].statut_formule": "source (formule des sources) ou convention (proposée par le guide)",
    "indicateurs.indicateurs[].references": "ids de communs/publication.yml > sources",
    "indicateurs.indicateurs[].calculateur_dedie": "calculateur spécialisé en plus du calculateur générique",
    "parametres.phases": "échelle du taux d'avancement (somme des poids = 100)",
    "parametres.jours_ouverture": "bases d'ouverture théoriques ; une catégorie dans une seule base",
    "parametres.structures_experimentales": "durée spécifique fixée par l'arrêté d'autorisation",
    "parametres.modulation.taux_abattement_par_point": "% de la dotation par point d'activité non réalisé",
    "glossaire.sigles[].definition": "texte simple : sert aussi d'infobulle sur chaque occurrence du sigle",
    "publication.editeur": "mentions légales : valeur texte, ou null = « à compléter »",
    "publication.sources": "documents d'origine cités par leur nom court",
    "publication.journal": "journal des modifications",
    "publication.journal[].modules": "ids des modules modifiés",
    "bibliotheque.indicateurs[].id": "unique, y compris avec communs/indicateurs.yml (ecars-pil-003, idf-…, pdl-i-29)",
    "bibliotheque.indicateurs[].code": "code de l'indicateur dans la source (Pil_003, i-29)",
    "bibliotheque.indicateurs[].nature": "ratio (numérateur / dénominateur = valeur), nombre (valeur comptée) ou oui_non",
    "bibliotheque.indicateurs[].entier": "valeur saisie entière (nombre compté)",
    "bibliotheque.indicateurs[].source": "id de communs/publication.yml > sources",
    "bibliotheque.indicateurs[].lieu": "place dans la source (fiche objectif, axe, page, code)",
    "bibliotheque.indicateurs[].region": "seulement hors Bourgogne-Franche-Comté",
    "bibliotheque.indicateurs[].annee": "année de la source si elle n'est pas du cycle 2026-2030",
    "bibliotheque.indicateurs[].formule": "seulement si la source donne le calcul ; jamais inventée",
    "bibliotheque.indicateurs[].formule_source": "ce que la source écrit du calcul",
    "bibliotheque.indicateurs[].sans_formule": "pourquoi il n'y a pas de calcul (défaut : formule non donnée par la source)",
    "bibliotheque.indicateurs[].cible": "cible écrite par la source quand ce n'est pas un seuil chiffré",
    "bibliotheque.indicateurs[].seuils[].sens": "superieur, inferieur, entre (min et max) ou egal (Oui/Non)",
    "bibliotheque.indicateurs[].seuils[].strict": "true : l'égalité ne suffit pas (« > 70 % »)",
    "bibliotheque.indicateurs[].seuils[].source": "id de la source qui fixe le seuil",
    "bibliotheque.indicateurs[].exemples": "valeurs réelles données par la source",
    "bibliotheque.indicateurs[].exemples[].signe": "signe des cibles dans la fiche e-CARS (> ≥ < ≤ =)",
    "bibliotheque.indicateurs[].exemples[].cibles": "cibles N1 → fin de CPOM",
}

# Fichiers communs facultatifs : lus et validés s'ils existent.
COMMUNS_FACULTATIFS = {
    "bibliotheque": (FICHIER_BIBLIOTHEQUE.removeprefix(DOSSIER_MODULES + "/"), BIBLIOTHEQUE, "Bibliothèque d'indicateurs"),
}
