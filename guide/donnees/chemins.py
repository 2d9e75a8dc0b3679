"""Chemins partagés, en un seul endroit : fichiers YAML communs et fichiers écrits dans le site.

Les chemins de ``modules/`` sont relatifs à la racine du projet (dossier de mkdocs.yml), ceux du
site relatifs au dossier construit (``site/``). Module feuille : n'importe rien du projet, toutes
les couches peuvent l'importer. Le contrat de ``parametres.json`` (construction → calculateurs →
navigateur) est décrit dans calculators/CONTRAT_PARAMETRES.md ; docs/assets/js/worker.js demande
les mêmes chemins, relatifs à ``assets/``.
"""

from __future__ import annotations

__all__ = [
    "ARCHIVE_CALCULATEURS",
    "COMMUNS",
    "FICHIER_BIBLIOTHEQUE",
    "DOSSIER_DONNEES_OUVERTES",
    "DOSSIER_MODULES",
    "DOSSIER_PYODIDE",
    "FICHIER_GLOSSAIRE",
    "FICHIER_INDICATEURS",
    "FICHIER_PARAMETRES",
    "FICHIER_PUBLICATION",
    "IDENTITE_INSTANTANE",
    "NOM_PDF",
    "PAGE_GUIDE_COMPLET",
    "PARAMETRES_JSON",
]

# --- Projet : YAML édité par l'ARS
DOSSIER_MODULES = "modules"
FICHIER_INDICATEURS = "modules/communs/indicateurs.yml"
FICHIER_PARAMETRES = "modules/communs/parametres.yml"
FICHIER_GLOSSAIRE = "modules/communs/glossaire.yml"
FICHIER_PUBLICATION = "modules/communs/publication.yml"
FICHIER_BIBLIOTHEQUE = "modules/communs/bibliotheque_indicateurs.yml"  # facultatif : indicateurs des sources
# clé du référentiel -> fichier commun, dans l'ordre de lecture
COMMUNS = {
    "indicateurs": FICHIER_INDICATEURS,
    "parametres": FICHIER_PARAMETRES,
    "glossaire": FICHIER_GLOSSAIRE,
    "publication": FICHIER_PUBLICATION,
}

# --- Site construit
PARAMETRES_JSON = "assets/data/parametres.json"        # paramètres des calculateurs (contrat)
ARCHIVE_CALCULATEURS = "assets/py/calculators.zip"     # paquet calculators/ pour Pyodide
DOSSIER_PYODIDE = "assets/pyodide"                     # cœur de Pyodide auto-hébergé
IDENTITE_INSTANTANE = "assets/pyodide/instantane.js"   # identité de l'instantané publié (lue par worker.js)
DOSSIER_DONNEES_OUVERTES = "donnees"                   # referentiel.json et CSV
NOM_PDF = "guide-cpom-bfc-2026-2030.pdf"               # PDF du guide complet, à la racine du site
PAGE_GUIDE_COMPLET = "guide-complet/index.html"        # page imprimée en PDF
