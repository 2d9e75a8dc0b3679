"""Lecture des paramètres (``parametres.json`` produit par la construction depuis ``modules/communs``).

Chaque fonction lit une section et lève ``EntreeInvalide`` (champs préfixés par ``parametres.``)
si elle est absente ou mal formée : un fichier ``--parametres`` fautif est signalé comme une entrée.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from calculators import seuils
from calculators.entrees import Lecteur
from calculators.erreurs import FormuleInvalide
from calculators.formule import verifier
from calculators.vocabulaire import CODES_SECTEURS

__all__ = [
    "ModuleDossier",
    "NATURES",
    "Phase",
    "Theme",
    "TypesActions",
    "ids_indicateurs",
    "indicateur",
    "infos_indicateur",
    "jours_par_categorie",
    "modulation",
    "modules_dossier",
    "phases",
    "titres_modules",
    "types_actions_par_module",
]

RACINE = "parametres"


@dataclass(frozen=True)
class Phase:
    """Une phase de l'échelle d'avancement et son poids (en points de pourcentage)."""

    id: str
    libelle: str
    poids: Decimal


def _section(parametres: object, lecteur: Lecteur, cle: str) -> object:
    racine = lecteur.objet(parametres, RACINE)
    if racine is None:
        return None
    if racine.get(cle) is None:
        lecteur.erreur(f"{RACINE}.{cle}", "section manquante")
        return None
    return racine[cle]


def _elements(parametres: object, lecteur: Lecteur, cle: str) -> list[tuple[str, dict]]:
    """Les objets d'une section liste, avec leur chemin."""
    section = _section(parametres, lecteur, cle)
    if section is None:
        return []
    return list(lecteur.elements({cle: section}, cle, f"{RACINE}.{cle}"))


def phases(parametres: object) -> list[Phase]:
    """L'échelle des phases ; la somme des poids doit valoir 100."""
    lecteur = Lecteur()
    resultat = []
    for chemin, objet in _elements(parametres, lecteur, "phases"):
        id_ = lecteur.texte(objet, "id", f"{chemin}.id")
        libelle = lecteur.texte(objet, "libelle", f"{chemin}.libelle")
        poids = lecteur.nombre(objet, "poids", f"{chemin}.poids", minimum=0, maximum=100)
        if id_ and libelle and poids is not None:
            resultat.append(Phase(id_, libelle, poids))
    lecteur.terminer()
    total = sum((phase.poids for phase in resultat), Decimal(0))
    if total != 100:
        lecteur.erreur(f"{RACINE}.phases", f"la somme des poids doit valoir 100, elle vaut {total}")
    lecteur.terminer()
    return resultat


def titres_modules(parametres: object) -> dict[str, str]:
    """``{id: titre}`` des modules, dans l'ordre des paramètres."""
    lecteur = Lecteur()
    resultat = {}
    for chemin, objet in _elements(parametres, lecteur, "modules"):
        id_ = lecteur.texte(objet, "id", f"{chemin}.id")
        titre = lecteur.texte(objet, "titre", f"{chemin}.titre")
        if id_ and titre:
            resultat[id_] = titre
    lecteur.terminer()
    return resultat


@dataclass(frozen=True)
class TypesActions:
    """Types d'actions d'un module et nombre maximal de types d'actions retenus par secteur.

    ``maximum`` vaut ``None`` quand le module ne fixe pas de limite ; ``types`` (``{id: titre}``, dans
    l'ordre des paramètres) est vide pour un module qui ne propose pas de types d'actions ;
    ``secteurs`` (``{id: secteurs où le type est proposé}``) : PA et PH quand les paramètres n'en disent rien.
    """

    maximum: int | None
    types: dict[str, str]
    secteurs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def secteurs_du_type(self, id_: str) -> tuple[str, ...]:
        return self.secteurs.get(id_, tuple(SECTEURS))


def types_actions_par_module(parametres: object) -> dict[str, TypesActions]:
    """``{id du module: TypesActions}`` lus dans ``modules[].max_types_actions_par_secteur`` et
    ``modules[].types_actions`` (``[{id, titre}]``) ; une clé absente ou ``null`` : pas de limite,
    pas de types d'actions."""
    lecteur = Lecteur()
    resultat: dict[str, TypesActions] = {}
    for chemin, objet in _elements(parametres, lecteur, "modules"):
        maximum = None
        if objet.get("max_types_actions_par_secteur") is not None:
            lu = lecteur.nombre(
                objet, "max_types_actions_par_secteur", f"{chemin}.max_types_actions_par_secteur", minimum=1, entier=True
            )
            maximum = None if lu is None else int(lu)
        types: dict[str, str] = {}
        secteurs: dict[str, tuple[str, ...]] = {}
        if objet.get("types_actions") not in (None, []):
            for sous_chemin, type_ in lecteur.elements(objet, "types_actions", f"{chemin}.types_actions"):
                id_ = lecteur.texte(type_, "id", f"{sous_chemin}.id")
                titre = lecteur.texte(type_, "titre", f"{sous_chemin}.titre")
                if id_ and titre:
                    types[id_] = titre
                    proposes = type_.get("secteurs", SECTEURS)
                    if isinstance(proposes, list) and proposes and all(x in SECTEURS for x in proposes):
                        secteurs[id_] = tuple(x for x in SECTEURS if x in proposes)
                    else:
                        lecteur.erreur(f"{sous_chemin}.secteurs", "liste non vide attendue, parmi : PA, PH")
        resultat[str(objet.get("id"))] = TypesActions(maximum, types, secteurs)
    lecteur.terminer()
    return resultat


def jours_par_categorie(parametres: object) -> dict[str, int]:
    """``{catégorie: jours d'ouverture théoriques}``."""
    lecteur = Lecteur()
    resultat = {}
    for chemin, objet in _elements(parametres, lecteur, "jours_ouverture"):
        jours = lecteur.nombre(objet, "jours", f"{chemin}.jours", minimum=1, maximum=366, entier=True)
        categories = objet.get("categories")
        if not isinstance(categories, list) or not all(isinstance(c, str) and c.strip() for c in categories):
            lecteur.erreur(f"{chemin}.categories", "liste de textes attendue")
        elif jours is not None:
            resultat.update((categorie.strip(), int(jours)) for categorie in categories)
    lecteur.terminer()
    return resultat


def modulation(parametres: object) -> tuple[Decimal, str]:
    """(taux d'abattement par point, en % de la dotation ; référence réglementaire)."""
    lecteur = Lecteur()
    section = _section(parametres, lecteur, "modulation")
    objet = lecteur.objet(section, f"{RACINE}.modulation") if section is not None else None
    taux = reference = None
    if objet is not None:
        chemin = f"{RACINE}.modulation"
        taux = lecteur.nombre(objet, "taux_abattement_par_point", f"{chemin}.taux_abattement_par_point", minimum=0, maximum=100)
        reference = lecteur.texte(objet, "reference", f"{chemin}.reference")
    lecteur.terminer()
    return taux, reference


NATURES = ("ratio", "nombre", "oui_non")


def indicateur(parametres: object, id_: str) -> dict | None:
    """La définition de l'indicateur ``id_`` (formule vérifiée), ou ``None`` s'il n'existe pas.

    La définition rendue a les clés ``id``, ``libelle``, ``nature`` (``ratio`` par défaut,
    ``nombre`` ou ``oui_non``), ``formule`` (``None`` : la valeur est saisie directement),
    ``variables`` (``{nom, entier, min, max}``), ``unite``, ``decimales`` (2 par défaut),
    ``entier`` (valeur saisie entière) et ``seuils`` (``calculators.seuils.Seuil``).
    """
    lecteur = Lecteur()
    elements = _elements(parametres, lecteur, "indicateurs")
    lecteur.terminer()
    for chemin, objet in elements:
        if objet.get("id") != id_:
            continue
        nature = "ratio"
        if objet.get("nature") is not None:
            nature = lecteur.choix(objet, "nature", f"{chemin}.nature", list(NATURES), "nature inconnue")
        formule = objet.get("formule")
        variables = []
        if formule is not None or objet.get("variables") is not None:
            variables = _variables(lecteur, objet.get("variables"), f"{chemin}.variables")
            try:
                verifier(formule, [v["nom"] for v in variables])
            except FormuleInvalide as exc:
                lecteur.erreur(f"{chemin}.formule", str(exc))
            if nature == "oui_non":
                lecteur.erreur(f"{chemin}.formule", "un indicateur Oui/Non n'a pas de formule")
        decimales = lecteur.nombre(objet, "decimales", f"{chemin}.decimales", minimum=0, maximum=6, entier=True, defaut=Decimal(2))
        unite = objet.get("unite") if isinstance(objet.get("unite"), str) else ""
        libelle = objet.get("libelle") if isinstance(objet.get("libelle"), str) else id_
        entier = objet.get("entier", False)
        if not isinstance(entier, bool):
            lecteur.erreur(f"{chemin}.entier", "booléen attendu")
        seuils_lus = []
        brutes = objet.get("seuils", [])
        if not isinstance(brutes, list):
            lecteur.erreur(f"{chemin}.seuils", "liste de seuils attendue")
            brutes = []
        for rang, brute in enumerate(brutes):
            seuil_objet = lecteur.objet(brute, f"{chemin}.seuils[{rang}]")
            if seuil_objet is not None:
                seuil = seuils.lire(lecteur, seuil_objet, f"{chemin}.seuils[{rang}]")
                if seuil is not None:
                    seuils_lus.append(seuil)
        lecteur.terminer()
        return {"id": id_, "libelle": libelle, "nature": nature, "formule": formule, "variables": variables,
                "unite": unite, "decimales": int(decimales), "entier": entier is True, "seuils": seuils_lus}
    return None


def _variables(lecteur: Lecteur, valeur: object, champ: str) -> list[dict]:
    """Variables d'un indicateur : ``{"nom", "entier", "min", "max"}`` (bornes en ``Decimal`` ou ``None``)."""
    if not isinstance(valeur, list):
        lecteur.erreur(champ, "liste de variables attendue")
        return []
    variables = []
    for rang, brute in enumerate(valeur):
        chemin = f"{champ}[{rang}]"
        variable = lecteur.objet(brute, chemin)
        if variable is None:
            continue
        nom = lecteur.texte(variable, "nom", f"{chemin}.nom")
        type_ = lecteur.choix(variable, "type", f"{chemin}.type", ["nombre", "entier"], "type inconnu")
        bornes = [lecteur.nombre(variable, cle, f"{chemin}.{cle}", obligatoire=False) for cle in ("min", "max")]
        if nom and type_:
            variables.append({"nom": nom, "entier": type_ == "entier", "min": bornes[0], "max": bornes[1]})
    return variables


def ids_indicateurs(parametres: object) -> list[str]:
    lecteur = Lecteur()
    elements = _elements(parametres, lecteur, "indicateurs")
    lecteur.terminer()
    return [objet["id"] for _, objet in elements if isinstance(objet.get("id"), str)]


# --- Dossier « Mon CPOM » (calculators/dossier.py) ---------------------------------------------

STATUTS = ["obligatoire", "a_la_carte"]
DECLENCHEMENTS = ["contractualisation", "avenant"]
SECTEURS = list(CODES_SECTEURS)  # codes des secteurs : calculators/vocabulaire.py


@dataclass(frozen=True)
class Theme:
    """Un type d'actions (fiche ``theme`` du YAML) d'un module et les secteurs où il est proposé."""

    id: str
    titre: str
    secteurs: tuple[str, ...]


@dataclass(frozen=True)
class ModuleDossier:
    """Ce que le dossier lit d'un module : statut, déclenchements possibles, indicateur, types d'actions
    et nombre maximal de types d'actions par secteur (``None`` : pas de limite)."""

    id: str
    titre: str
    statut: str
    declenchement: tuple[str, ...]
    indicateur: str
    types: tuple[Theme, ...]
    max_types: int | None


def modules_dossier(parametres: object) -> list[ModuleDossier]:
    """Les modules, dans l'ordre des paramètres : ``statut``, ``declenchement``, ``indicateur``,
    ``types_actions`` (``[{id, titre, secteurs}]`` ; sans ``secteurs`` : PA et PH) et
    ``max_types_actions_par_secteur`` (absent ou ``null`` : pas de limite)."""
    regles = types_actions_par_module(parametres)
    lecteur = Lecteur()
    resultat = []
    for chemin, objet in _elements(parametres, lecteur, "modules"):
        id_ = lecteur.texte(objet, "id", f"{chemin}.id")
        titre = lecteur.texte(objet, "titre", f"{chemin}.titre")
        statut = lecteur.choix(objet, "statut", f"{chemin}.statut", STATUTS, "statut inconnu")
        indicateur_ = lecteur.texte(objet, "indicateur", f"{chemin}.indicateur")
        declenchement = objet.get("declenchement")
        if not isinstance(declenchement, list) or any(d not in DECLENCHEMENTS for d in declenchement):
            lecteur.erreur(f"{chemin}.declenchement", f"liste attendue, parmi : {', '.join(DECLENCHEMENTS)}")
            declenchement = []
        # types d'actions et leurs secteurs : lus (et vérifiés) une seule fois, par types_actions_par_module
        regle = regles.get(id_)
        types = [Theme(t, titre_type, regle.secteurs_du_type(t)) for t, titre_type in regle.types.items()] if regle else []
        if id_ and titre and statut and indicateur_:
            resultat.append(ModuleDossier(id_, titre, statut, tuple(declenchement), indicateur_, tuple(types), regles[id_].maximum))
    lecteur.terminer()
    return resultat


def infos_indicateur(parametres: object, id_: str) -> dict:
    """``{"libelle", "unite", "calculateur_dedie"}`` de l'indicateur ``id_`` (libellé = id s'il manque)."""
    lecteur = Lecteur()
    elements = _elements(parametres, lecteur, "indicateurs")
    lecteur.terminer()
    for _, objet in elements:
        if objet.get("id") == id_:
            return {
                "libelle": objet["libelle"] if isinstance(objet.get("libelle"), str) else id_,
                "unite": objet["unite"] if isinstance(objet.get("unite"), str) else "",
                "calculateur_dedie": objet.get("calculateur_dedie"),
            }
    return {"libelle": id_, "unite": "", "calculateur_dedie": None}
