"""Données ouvertes : le référentiel exporté en JSON et en CSV dans site/donnees/.

Les fonctions ``referentiel_json`` et ``tables`` sont pures (référentiel -> structures) ; le schéma
des CSV est une donnée (``SCHEMA``), rendue telle quelle dans docs/donnees-ouvertes.md par la macro
``schema_donnees`` : la documentation et les fichiers ne peuvent pas diverger. L'écriture est à part
(``ecrire_donnees``, appelée par le greffon en ``on_post_build``).

CSV : UTF-8 sans BOM, séparateur virgule, guillemets doubles si nécessaire, fin de ligne CRLF
(RFC 4180), une ligne d'en-tête ; valeur absente = cellule vide ; listes séparées par une espace.

>>> texte_csv(("id", "titre"), [{"id": "a", "titre": "Un, deux"}, {"id": "b", "titre": None}])
'id,titre\\r\\na,"Un, deux"\\r\\nb,\\r\\n'
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from calculators.formule import notation_francaise
from calculators.vocabulaire import SECTEURS, THEME_PAGES, THEMES

from guide.donnees.chemins import DOSSIER_DONNEES_OUVERTES
from guide.donnees.referentiel import Referentiel, types_json
from guide.rendu import pages
from guide.rendu.dates import date_de_publication
from guide.rendu.rendu import rendre

__all__ = [
    "DOSSIER",
    "SCHEMA",
    "SCHEMA_VERSION",
    "Colonne",
    "adresse",
    "ecrire_donnees",
    "referentiel_json",
    "schema_donnees",
    "tables",
    "texte_csv",
]

SCHEMA_VERSION = "2.1"  # 2.1 : bibliotheque (JSON), bibliotheque.csv et seuils.csv ; 2.0 : max_types_actions_par_secteur remplace max_actions_par_secteur et min_themes
DOSSIER = DOSSIER_DONNEES_OUVERTES
FICHIER_JSON = "referentiel.json"


@dataclass(frozen=True)
class Colonne:
    """Une colonne d'un CSV : nom, type (texte, entier, nombre, liste) et description."""

    nom: str
    type: str
    description: str


_SECTEURS = Colonne("secteurs", "liste", "Secteurs concernés : " + ", ".join(f"« {c} » ({l})" for c, l in SECTEURS.items()))
_FORMULE_LISIBLE = Colonne("formule_lisible", "texte", "La même formule en notation française (× et ÷)")

SCHEMA: dict[str, tuple[Colonne, ...]] = {
    "modules.csv": (
        Colonne("id", "texte", "Identifiant du module (adresse de sa page)"),
        Colonne("ordre", "entier", "Ordre d'affichage dans le guide"),
        Colonne("titre", "texte", "Titre du module"),
        Colonne("statut", "texte", "« obligatoire » ou « a_la_carte »"),
        Colonne("declenchement", "liste", "Pour un module à la carte : « contractualisation », « avenant »"),
        Colonne("famille", "texte", "« politiques_publiques », « fonctionnement_interne » ou « a_la_carte »"),
        Colonne("indicateur", "texte", "Identifiant de l'indicateur de suivi annuel (indicateurs.csv)"),
        Colonne("libelle_indicateur", "texte", "Libellé de l'indicateur dans le tableau « En conclusion »"),
        Colonne("max_types_actions_par_secteur", "entier", f"Nombre maximal de {THEMES} retenus par secteur (vide : non fixé)"),
        Colonne("nombre_fiches", "entier", f"Nombre de {THEME_PAGES} ({THEMES}) du module"),
        Colonne("page", "texte", "Adresse de la page, relative à la racine du site"),
    ),
    "fiches.csv": (
        Colonne("module", "texte", "Identifiant du module (modules.csv)"),
        Colonne("ordre", "entier", "Rang de la fiche dans son module, à partir de 1"),
        Colonne("id", "texte", "Identifiant de la fiche, unique dans tout le guide"),
        Colonne("titre", "texte", "Titre de la fiche"),
        _SECTEURS,
        Colonne("etat", "texte", "« complete » (texte de l'ARS), « elements_sources » (faits tirés des sources, à valider par l'ARS) ou « en_cours » (fiche en cours de rédaction)"),
        Colonne("nombre_ressources", "entier", "Nombre de ressources citées par la fiche"),
        Colonne("page", "texte", "Adresse de la page, relative à la racine du site"),
    ),
    "indicateurs.csv": (
        Colonne("id", "texte", "Identifiant de l'indicateur"),
        Colonne("libelle", "texte", "Libellé"),
        Colonne("formule", "texte", "Expression de calcul : variables (variables.csv), nombres, + - * / ( ), min, max, abs"),
        _FORMULE_LISIBLE,
        Colonne("unite", "texte", "Unité du résultat (« % », « jours »…, vide si sans unité)"),
        Colonne("decimales", "entier", "Nombre de décimales du résultat (arrondi au demi supérieur)"),
        Colonne("statut_formule", "texte", "« source » (formule donnée par les sources) ou « convention » (proposée par le guide)"),
        Colonne("source_donnees", "texte", "Origine des données à saisir"),
        Colonne("cible", "texte", "Cible donnée par les sources (vide : aucune)"),
        Colonne("calculateur_dedie", "texte", "Calculateur spécialisé : « avancement », « modulation » ou vide"),
        Colonne("modules", "liste", "Identifiants des modules qui suivent cet indicateur"),
        Colonne("page", "texte", "Adresse du calculateur de l'indicateur, relative à la racine du site"),
    ),
    "variables.csv": (
        Colonne("indicateur", "texte", "Identifiant de l'indicateur (indicateurs.csv)"),
        Colonne("nom", "texte", "Nom de la variable dans la formule"),
        Colonne("libelle", "texte", "Libellé de la variable"),
        Colonne("type", "texte", "« nombre » ou « entier »"),
        Colonne("min", "nombre", "Valeur minimale admise (vide : aucune)"),
        Colonne("max", "nombre", "Valeur maximale admise (vide : aucune)"),
    ),
    "bibliotheque.csv": (
        Colonne("id", "texte", "Identifiant de l'indicateur de la bibliothèque (tiré des sources)"),
        Colonne("code", "texte", "Code de l'indicateur dans sa source (par exemple Pil_003), vide sinon"),
        Colonne("libelle", "texte", "Libellé"),
        Colonne("nature", "texte", "« ratio », « nombre » (valeur comptée) ou « oui_non »"),
        Colonne("source", "texte", "Identifiant de la source (sources du fichier referentiel.json)"),
        Colonne("lieu", "texte", "Place de l'indicateur dans sa source"),
        Colonne("region", "texte", "Région de la source quand elle n'est pas de Bourgogne-Franche-Comté"),
        Colonne("annee", "entier", "Année de la source quand elle n'est pas de Bourgogne-Franche-Comté"),
        _SECTEURS,
        Colonne("formule", "texte", "Expression de calcul quand la source donne le calcul (vide sinon)"),
        _FORMULE_LISIBLE,
        Colonne("formule_source", "texte", "Ce que la source écrit du calcul"),
        Colonne("unite", "texte", "Unité du résultat (vide si sans unité)"),
        Colonne("decimales", "entier", "Nombre de décimales du résultat"),
        Colonne("cible", "texte", "Cible écrite par la source quand ce n'est pas un seuil chiffré (seuils.csv)"),
        Colonne("page", "texte", "Adresse du calculateur de l'indicateur s'il en a un, relative à la racine du site"),
    ),
    "seuils.csv": (
        Colonne("indicateur", "texte", "Identifiant de l'indicateur (bibliotheque.csv)"),
        Colonne("sens", "texte", "« superieur », « inferieur », « entre » (min et max) ou « egal » (Oui/Non)"),
        Colonne("valeur", "texte", "Valeur du seuil (superieur, inferieur, egal)"),
        Colonne("min", "nombre", "Borne basse (sens « entre »)"),
        Colonne("max", "nombre", "Borne haute (sens « entre »)"),
        Colonne("strict", "texte", "« oui » : l'égalité ne suffit pas (« > 70 % »)"),
        Colonne("source", "texte", "Identifiant de la source qui fixe le seuil"),
        Colonne("lieu", "texte", "Place du seuil dans sa source"),
        Colonne("remarque", "texte", "Précision du guide sur la lecture du seuil (par exemple des bornes comprises par convention), vide sinon"),
    ),
    "jours_ouverture.csv": (
        Colonne("categorie", "texte", "Catégorie d'établissement ou de service"),
        Colonne("jours", "entier", "Base d'ouverture théorique annuelle, en jours"),
    ),
    "phases.csv": (
        Colonne("ordre", "entier", "Rang de la phase, à partir de 1"),
        Colonne("id", "texte", "Identifiant de la phase"),
        Colonne("libelle", "texte", "Libellé de la phase"),
        Colonne("poids", "nombre", "Poids de la phase dans le taux d'avancement (somme des poids : 100)"),
    ),
}


def adresse(chemin_md: str) -> str:
    """Adresse d'une page (URL « répertoire ») depuis son chemin dans docs/.

    >>> adresse("modules/prevention/index.md"), adresse("modules/prevention/vaccination.md")
    ('modules/prevention/', 'modules/prevention/vaccination/')
    """
    if chemin_md.endswith("index.md"):
        return chemin_md[: -len("index.md")]
    return chemin_md[: -len(".md")] + "/"


def _liste(valeurs) -> str:
    return " ".join(str(v) for v in valeurs)


def _valeur_seuil(valeur) -> str | None:
    """Valeur d'un seuil en texte : nombre au point décimal, « Oui »/« Non » pour un seuil oui/non.

    >>> _valeur_seuil(70), _valeur_seuil(2.5), _valeur_seuil(True), _valeur_seuil(None)
    ('70', '2.5', 'Oui', None)
    """
    if valeur is None:
        return None
    if isinstance(valeur, bool):
        return "Oui" if valeur else "Non"
    return str(valeur)


def _page_calculateur(ref: Referentiel, identifiant: str) -> str | None:
    """Adresse du calculateur d'un indicateur, ou None s'il n'en a pas (ratio sans calcul donné)."""
    return adresse(pages.chemin_calculateur(identifiant)) if ref.a_un_calculateur(identifiant) else None


def tables(ref: Referentiel) -> dict[str, list[dict]]:
    """Lignes de chaque CSV (dictionnaires aux clés de ``SCHEMA``), dans l'ordre du guide."""
    modules = [{
        "id": m["id"], "ordre": m["ordre"], "titre": m["titre"], "statut": m["statut"],
        "declenchement": _liste(m["declenchement"]), "famille": m["famille"], "indicateur": m["indicateur"],
        "libelle_indicateur": m["libelle_indicateur"],
        "max_types_actions_par_secteur": m["regles"]["max_types_actions_par_secteur"],
        "nombre_fiches": len(m["themes"]), "page": adresse(pages.chemin_module(m["id"])),
    } for m in ref.modules]
    fiches = [{
        "module": m["id"], "ordre": rang, "id": t["id"], "titre": t["titre"], "secteurs": _liste(t["secteurs"]),
        "etat": t["etat"], "nombre_ressources": len(t.get("ressources") or []),
        "page": adresse(pages.chemin_theme(m["id"], t["id"])),
    } for m in ref.modules for rang, t in enumerate(m["themes"], start=1)]
    indicateurs = [{
        "id": i["id"], "libelle": i["libelle"], "formule": i["formule"],
        "formule_lisible": notation_francaise(i["formule"]), "unite": i["unite"], "decimales": i["decimales"],
        "statut_formule": i["statut_formule"], "source_donnees": i.get("source_donnees"), "cible": i.get("cible"),
        "calculateur_dedie": i.get("calculateur_dedie"),
        "modules": _liste(m["id"] for m in ref.modules_de_l_indicateur(i["id"])),
        "page": adresse(pages.chemin_calculateur(i["id"])),
    } for i in ref.indicateurs.values()]
    variables = [{"indicateur": i["id"], **{k: v.get(k) for k in ("nom", "libelle", "type", "min", "max")}}
                 for i in ref.indicateurs.values() for v in i["variables"]]
    jours = [{"categorie": c, "jours": j["jours"]} for j in ref.parametres["jours_ouverture"] for c in j["categories"]]
    phases = [{"ordre": rang, "id": p["id"], "libelle": p["libelle"], "poids": p["poids"]}
              for rang, p in enumerate(ref.parametres["phases"], start=1)]
    bibliotheque = [{
        "id": i["id"], "code": i.get("code"), "libelle": i["libelle"], "nature": i["nature"], "source": i["source"],
        "lieu": i["lieu"], "region": i.get("region"), "annee": i.get("annee"), "secteurs": _liste(i["secteurs"]),
        "formule": i.get("formule"), "formule_lisible": notation_francaise(i["formule"]) if i.get("formule") else None,
        "formule_source": i.get("formule_source"), "unite": i.get("unite"), "decimales": i.get("decimales"),
        "cible": i.get("cible"),
        "page": _page_calculateur(ref, i["id"]),
    } for i in ref.bibliotheque.values()]
    seuils = [{
        "indicateur": i["id"], "sens": s["sens"], "valeur": _valeur_seuil(s.get("valeur")), "min": s.get("min"),
        "max": s.get("max"), "strict": "oui" if s.get("strict") else "non", "source": s["source"], "lieu": s.get("lieu"),
        "remarque": s.get("remarque"),
    } for i in ref.bibliotheque.values() for s in i.get("seuils") or []]
    lignes = {"modules.csv": modules, "fiches.csv": fiches, "indicateurs.csv": indicateurs,
              "variables.csv": variables, "bibliotheque.csv": bibliotheque, "seuils.csv": seuils,
              "jours_ouverture.csv": jours, "phases.csv": phases}
    return {nom: [{k: " ".join(str(v).split()) if isinstance(v, str) else v for k, v in ligne.items()}
                  for ligne in lignes[nom]] for nom in SCHEMA}


def texte_csv(colonnes, lignes: list[dict]) -> str:
    """CSV RFC 4180 (virgule, CRLF) ; ``None`` devient une cellule vide, les nombres gardent le point."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\r\n")
    ecrivain.writerow(colonnes)
    for ligne in lignes:
        ecrivain.writerow(["" if ligne[c] is None else ligne[c] for c in colonnes])
    return tampon.getvalue()


def referentiel_json(ref: Referentiel) -> dict:
    """Tout le référentiel (contenu des fiches compris) ; clés au format de modules/FORMAT.md."""
    publication = ref.publication
    modules = []
    for m in ref.modules:
        module = {k: v for k, v in m.items() if k != "themes"}
        module["page"] = adresse(pages.chemin_module(m["id"]))
        module["fiches"] = [{**t, "page": adresse(pages.chemin_theme(m["id"], t["id"]))} for t in m["themes"]]
        modules.append(module)
    indicateurs = [{**i, "formule_lisible": notation_francaise(i["formule"]),
                    "modules": [m["id"] for m in ref.modules_de_l_indicateur(i["id"])]}
                   for i in ref.indicateurs.values()]
    return types_json({
        "schema_version": SCHEMA_VERSION,
        "titre": publication["titre_site"],
        "version": publication["version"],
        "date_publication": date_de_publication(publication),
        "modules": modules,
        "indicateurs": indicateurs,
        "bibliotheque": [{**i, "page": _page_calculateur(ref, i["id"])}
                         for i in ref.bibliotheque.values()],
        "parametres": ref.parametres,
        "glossaire": list(ref.sigles),
        "sources": publication["sources"],
    })


def schema_donnees(ref: Referentiel) -> str:
    """Markdown de la documentation des CSV : un tableau par fichier, avec un exemple tiré des données."""
    return rendre("export_schema.md.j2", schema=SCHEMA, lignes=tables(ref), dossier=DOSSIER)


def ecrire_donnees(site: Path | str, ref: Referentiel) -> list[Path]:
    """Écrit referentiel.json et les CSV dans ``site/donnees/`` ; renvoie les fichiers écrits."""
    dossier = Path(site) / DOSSIER
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits = [dossier / FICHIER_JSON]
    ecrits[0].write_text(json.dumps(referentiel_json(ref), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for nom, lignes in tables(ref).items():
        chemin = dossier / nom
        with chemin.open("w", encoding="utf-8", newline="") as flux:
            flux.write(texte_csv([c.nom for c in SCHEMA[nom]], lignes))
        ecrits.append(chemin)
    return ecrits
