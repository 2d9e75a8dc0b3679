"""Calcul d'un indicateur défini dans les paramètres (formule + variables déclarées).

Chaque valeur est contrôlée (nombre, entier si la variable est de type ``entier``, bornes ``min`` /
``max``), toutes les variables sont exigées. Une division par zéro n'est pas une erreur :
le résultat porte ``"valeur": null`` et ``"non_calculable"`` qui en donne la raison.
"""

from __future__ import annotations

from decimal import DecimalException

from calculators import parametres as lire
from calculators.entrees import MANQUANT, Lecteur
from calculators.erreurs import DivisionParZero
from calculators.formule import evaluer
from calculators.nombres import en_json

__all__ = ["calculer"]


def calculer(entree: dict, parametres: dict) -> dict:
    """``{"id", "valeurs": {nom: valeur}}`` → ``{"id", "valeur", "unite"}`` (+ ``non_calculable``)."""
    lecteur = Lecteur()
    id_ = lecteur.texte(entree, "id", "id")
    lecteur.terminer()
    definition = lire.indicateur(parametres, id_)
    if definition is None:
        connus = ", ".join(lire.ids_indicateurs(parametres)) or "aucun"
        lecteur.erreur("id", f"indicateur inconnu « {id_} » (indicateurs : {connus})")
        lecteur.terminer()
    if entree.get("valeurs") is None:
        lecteur.erreur("valeurs", MANQUANT)
    valeurs = lecteur.objet(entree.get("valeurs"), "valeurs") if entree.get("valeurs") is not None else None
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
        resultat["valeur"] = en_json(evaluer(definition["formule"], lues), definition["decimales"])
    except DivisionParZero as exc:
        resultat["non_calculable"] = exc.raison
    except DecimalException:
        resultat["non_calculable"] = "résultat hors des limites du calcul (plus de 28 chiffres) : vérifiez les valeurs saisies"
    return resultat
