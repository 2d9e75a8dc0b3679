"""Schéma de chaque type de fichier YAML, en données (voir modules/FORMAT.md).

Un champ est décrit par un dictionnaire :

- ``type`` : ``texte``, ``entier``, ``nombre``, ``booleen``, ``date``, ``liste``, ``table``
  ou une liste de types permis ; ``"nul": True`` permet ``null`` ;
- ``obligatoire`` (``False`` par défaut) et ``defaut`` (valeur mise si le champ est absent) ;
- ``valeurs`` (valeurs permises), ``motif`` (expression régulière), ``min`` / ``max`` ;
- pour une liste : ``element`` (schéma d'un élément), ``non_vide``, ``uniques`` ;
- pour une table : ``champs`` (clé -> schéma) ou ``libre`` (schéma de toute valeur) ;
  ``nom`` : le champ qui nomme un élément dans le fil d'Ariane (« Prévention > Vaccination »).
"""

from __future__ import annotations

from calculators.vocabulaire import CODES_SECTEURS

from guide.donnees.chemins import COMMUNS as FICHIERS_COMMUNS
from guide.donnees.chemins import DOSSIER_MODULES

MOTIF_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MOTIF_VARIABLE = r"^[a-z][a-z0-9_]*$"
MOTIF_URL = r"^https?://\S+$"

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
        "texte": TEXTE,
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
        "definition": TEXTE_FACULTATIF,
        "questions": {"type": "table", "defaut": {},
                      "champs": {cle: {"type": "texte"} for cle in PORTES_ENTREE}},
        "points_cles": LISTE_TEXTES,
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
        "attendus": {**LISTE_TEXTES, "obligatoire": True, "non_vide": True},
        "contractualisation": LISTE_TEXTES,
        "indicateur": ID,
        "libelle_indicateur": TEXTE,
        "bilan": LISTE_TEXTES,
        "regles": {"type": "table", "defaut": {"max_actions_par_secteur": None, "min_themes": None},
                   "champs": {
                       "max_actions_par_secteur": {"type": "entier", "nul": True, "min": 1, "defaut": None},
                       "min_themes": {"type": "entier", "nul": True, "min": 1, "defaut": None},
                   }},
        "presentation": TEXTE,
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
        "definition": TEXTE,
        "formule": TEXTE,
        "variables": {"type": "liste", "obligatoire": True, "non_vide": True, "element": VARIABLE},
        "unite": {"type": "texte", "obligatoire": True},
        "decimales": {"type": "entier", "obligatoire": True, "min": 0, "max": 6},
        "source_donnees": TEXTE,
        "cible": {"type": "texte", "nul": True, "defaut": None},
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
        "structures_experimentales": TEXTE_FACULTATIF,
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
        "editeur": {"type": "table", "obligatoire": True, "libre": {"type": "texte", "nul": True}},
        "sources": {"type": "liste", "obligatoire": True, "non_vide": True, "element": {
            "type": "table", "nom": "titre", "champs": {
                "id": ID,
                "titre": TEXTE,
                "description": TEXTE_FACULTATIF,
                "date": DATE,
                "url": {"type": "texte", "motif": MOTIF_URL},
            }}},
        "journal": {"type": "liste", "defaut": [], "element": {
            "type": "table", "nom": "date", "champs": {
                "date": {"type": "date", "obligatoire": True},
                "resume": TEXTE,
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
