"""Calcul d'un indicateur défini dans les paramètres (formule + variables déclarées, ou valeur saisie).

Un indicateur à formule reçoit ``"valeurs"`` : chaque valeur est contrôlée (nombre, entier si la
variable est de type ``entier``, bornes ``min`` / ``max``), toutes les variables sont exigées. Une
division par zéro n'est pas une erreur : le résultat porte ``"valeur": null`` et
``"non_calculable"`` qui en donne la raison.

Un indicateur sans formule (bibliothèque d'indicateurs : nombre compté, Oui/Non, ratio dont la
source ne donne pas le calcul) reçoit directement sa ``"valeur"`` : un nombre positif ou nul pour
un ``nombre`` (entier si l'indicateur le demande), « Oui » ou « Non » pour un ``oui_non``.

Facultatif : ``"cible": {"comparateur": ">", "valeur": 6}`` (comparateurs ``>``, ``≥``, ``>=``,
``<``, ``≤``, ``<=``, ``=``), comme les cibles « > n » des fiches e-CARS ; le résultat dit si elle
est atteinte. Les seuils de l'indicateur (paramètres) sont confrontés à la valeur calculée :
``"seuils": [{"seuil", "source", "lieu", "respecte"}]``.
"""

from __future__ import annotations

from decimal import DecimalException

from calculators import parametres as lire
from calculators import seuils as S
from calculators.entrees import MANQUANT, Lecteur, recu
from calculators.erreurs import DivisionParZero
from calculators.formule import evaluer
from calculators.nombres import arrondir, en_json

__all__ = ["calculer", "lire_valeur", "valeur_json"]


def lire_valeur(lecteur: Lecteur, definition: dict, objet: dict, cle: str, champ: str):
    """La valeur saisie d'un indicateur sans formule (``Decimal`` ou « Oui »/« Non »), selon sa nature."""
    if definition["nature"] == "oui_non":
        return S.lire_oui_non(lecteur, objet, cle, champ)
    if definition["nature"] == "nombre" and definition["formule"] is None:
        return lecteur.nombre(objet, cle, champ, minimum=0, maximum=S.BORNE, entier=definition["entier"])
    return lecteur.nombre(objet, cle, champ, minimum=-S.BORNE, maximum=S.BORNE, entier=definition["entier"])


def _cible(lecteur: Lecteur, entree: dict, definition: dict) -> S.Seuil | None:
    """La cible facultative ``{"comparateur", "valeur"}`` de l'entrée."""
    if entree.get("cible") is None:
        return None
    cible = lecteur.objet(entree["cible"], "cible")
    if cible is None:
        return None
    comparateurs = ["="] if definition["nature"] == "oui_non" else list(S.COMPARATEURS)
    comparateur = lecteur.choix(cible, "comparateur", "cible.comparateur", comparateurs, "comparateur inconnu")
    valeur = lire_valeur(lecteur, definition, cible, "valeur", "cible.valeur")
    if comparateur is None or valeur is None:
        return None
    return S.depuis_comparateur(comparateur, valeur)


def valeur_json(valeur, decimales: int):
    """« Oui »/« Non » tel quel ; un nombre arrondi (entier JSON s'il n'a pas de décimales)."""
    if isinstance(valeur, str):
        return valeur
    return int(arrondir(valeur, 0)) if decimales == 0 else en_json(valeur, decimales)


def calculer(entree: dict, parametres: dict) -> dict:
    """``{"id", "valeurs": {nom: valeur}}`` ou ``{"id", "valeur"}`` → ``{"id", "valeur", "unite"}``
    (+ ``non_calculable``, ``cible`` ``{"texte", "atteinte"}``, ``seuils``)."""
    lecteur = Lecteur()
    id_ = lecteur.texte(entree, "id", "id")
    lecteur.terminer()
    definition = lire.indicateur(parametres, id_)
    if definition is None:
        connus = ", ".join(lire.ids_indicateurs(parametres)) or "aucun"
        lecteur.erreur("id", f"indicateur inconnu « {id_} » (indicateurs : {connus})")
        lecteur.terminer()

    if definition["formule"] is None:
        if "valeurs" in entree:
            lecteur.erreur("valeurs", f"cet indicateur n'a pas de formule : donnez sa valeur dans « valeur », reçu « valeurs » {recu(entree['valeurs'])}")
        valeur = lire_valeur(lecteur, definition, entree, "valeur", "valeur")
        cible = _cible(lecteur, entree, definition)
        lecteur.terminer()
        if not isinstance(valeur, str):
            valeur = arrondir(valeur, definition["decimales"])
        resultat = {"id": id_, "valeur": valeur_json(valeur, definition["decimales"]), "unite": definition["unite"]}
        return _confronter(resultat, valeur, cible, definition)

    if entree.get("valeurs") is None:
        lecteur.erreur("valeurs", MANQUANT)
    valeurs = lecteur.objet(entree.get("valeurs"), "valeurs") if entree.get("valeurs") is not None else None
    cible = _cible(lecteur, entree, definition)
    lecteur.terminer()

    noms = [variable["nom"] for variable in definition["variables"]]
    for nom in sorted(set(valeurs) - set(noms)):
        lecteur.erreur(f"valeurs.{nom}", f"variable inconnue pour cet indicateur (variables : {', '.join(noms)})")
    lues = {}
    for variable in definition["variables"]:
        nom = variable["nom"]
        lues[nom] = lecteur.nombre(
            valeurs,
            nom,
            f"valeurs.{nom}",
            minimum=variable["min"],
            maximum=variable["max"],
            entier=variable["entier"],
        )
    lecteur.terminer()

    resultat = {"id": id_, "valeur": None, "unite": definition["unite"]}
    try:
        valeur = arrondir(evaluer(definition["formule"], lues), definition["decimales"])
        resultat["valeur"] = valeur_json(valeur, definition["decimales"])
    except DivisionParZero as exc:
        resultat["non_calculable"] = exc.raison
        return resultat
    except DecimalException:
        resultat["non_calculable"] = "résultat hors des limites du calcul (plus de 28 chiffres) : vérifiez les valeurs saisies"
        return resultat
    return _confronter(resultat, valeur, cible, definition)


def _confronter(resultat: dict, valeur, cible: S.Seuil | None, definition: dict) -> dict:
    """Ajoute au résultat la cible saisie (atteinte ou non) et les seuils de l'indicateur."""
    unite = definition["unite"]
    if cible is not None:
        resultat["cible"] = {"texte": S.texte(cible, unite), "atteinte": S.respecte(valeur, cible)}
    if definition["seuils"]:
        resultat["seuils"] = [
            {"seuil": S.texte(seuil, unite), "source": seuil.source, "lieu": seuil.lieu, "respecte": S.respecte(valeur, seuil)}
            for seuil in definition["seuils"]
        ]
    return resultat
