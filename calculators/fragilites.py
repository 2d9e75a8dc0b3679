"""Autodiagnostic des points de fragilité (module Efficience) et taux de résolution année par année.

1. Pour chaque ESMS, l'OG saisit les variables d'indicateurs de la bibliothèque
   (``esms[i].diagnostic = {id d'indicateur: {variable: valeur}}``) ; la valeur est calculée par
   ``calculators.indicateur``.
2. Chaque seuil de l'indicateur (données des paramètres : ``indicateurs[].seuils`` =
   ``[{"valeur", "sens", "source"}]``, ``sens`` = ``min`` : fragilité sous la valeur, ``max`` :
   fragilité au-dessus ; ``secteurs`` facultatif) est comparé à la valeur : un seuil franchi propose
   un point de fragilité, avec la source du seuil.
3. L'OG garde (par défaut), écarte (``retenu: false``) ou ajoute des points (``points_fragilite``) ;
   les points retenus sont la base du taux de résolution : pour l'année Nk, points résolus en N1…Nk
   ÷ points retenus × 100 (indicateur ``taux-resolution-points-fragilite`` des paramètres).

>>> hors_seuil(Decimal("7.5"), {"valeur": 10, "sens": "max"}), hors_seuil(Decimal("7.5"), {"valeur": 10, "sens": "min"})
(False, True)
"""

from __future__ import annotations

from decimal import Decimal

from calculators import indicateur
from calculators import parametres as lire
from calculators.entrees import Lecteur
from calculators.erreurs import EntreeInvalide, Erreur
from calculators.nombres import decimal_exact, francais

__all__ = ["SENS", "diagnostiquer", "hors_seuil", "seuils_indicateur", "taux_resolution"]

SENS = {"min": "au moins", "max": "au plus"}
INDICATEUR = "taux-resolution-points-fragilite"


def hors_seuil(valeur: Decimal, seuil: dict) -> bool:
    """Vrai si ``valeur`` franchit le seuil (``min`` : en dessous ; ``max`` : au-dessus)."""
    limite = decimal_exact(seuil["valeur"])
    return valeur < limite if seuil["sens"] == "min" else valeur > limite


def seuils_indicateur(parametres: dict, id_: str) -> list[dict]:
    """Les seuils de l'indicateur, contrôlés : ``{"valeur", "sens", "source", "secteurs"}``."""
    lecteur = Lecteur()
    resultat = []
    for rang, seuil in enumerate(lire.infos_indicateur(parametres, id_)["seuils"]):
        chemin = f"parametres.indicateurs[{id_}].seuils[{rang}]"
        if lecteur.objet(seuil, chemin) is None:
            continue
        valeur = lecteur.nombre(seuil, "valeur", f"{chemin}.valeur")
        sens = lecteur.choix(seuil, "sens", f"{chemin}.sens", list(SENS), "sens inconnu")
        source = lecteur.texte(seuil, "source", f"{chemin}.source", maximum=500)
        secteurs = seuil.get("secteurs") or list(lire.SECTEURS)
        if valeur is not None and sens and source:
            resultat.append({"valeur": float(valeur), "sens": sens, "source": source, "secteurs": list(secteurs)})
    lecteur.terminer()
    return resultat


def _ecrire(valeur: float, unite: str) -> str:
    texte = francais(decimal_exact(valeur))
    return f"{texte} {unite}".strip() if unite != "%" else f"{texte} %"


def _proposes(esms: list, parametres: dict) -> list[dict]:
    proposes, erreurs = [], []
    for rang, e in enumerate(esms):
        for id_, valeurs in e.diagnostic.items():
            champ = f"esms[{rang}].diagnostic.{id_}"
            if lire.indicateur(parametres, id_) is None:
                erreurs.append(Erreur(champ, f"indicateur inconnu « {id_} » (indicateurs : {', '.join(lire.ids_indicateurs(parametres))})"))
                continue
            try:
                calcul = indicateur.calculer({"id": id_, "valeurs": valeurs}, parametres)
            except EntreeInvalide as exc:
                erreurs += [Erreur(champ + err.champ[len("valeurs"):], err.message) for err in exc.erreurs]
                continue
            if calcul["valeur"] is None:
                continue
            infos = lire.infos_indicateur(parametres, id_)
            franchis = [s for s in seuils_indicateur(parametres, id_)
                        if e.secteur in s["secteurs"] and hors_seuil(decimal_exact(calcul["valeur"]), s)]
            if franchis:
                texte_seuils = " ; ".join(f"{SENS[s['sens']]} {_ecrire(s['valeur'], infos['unite'])}" for s in franchis)
                proposes.append({
                    "id": f"{e.finess}/{id_}",
                    "esms": e.finess,
                    "esms_nom": e.nom,
                    "indicateur": id_,
                    "libelle": f"{infos['libelle']} : {_ecrire(calcul['valeur'], infos['unite'])} (seuil : {texte_seuils})",
                    "valeur": calcul["valeur"],
                    "seuils": franchis,
                    "sources": [s["source"] for s in franchis],
                })
    if erreurs:
        raise EntreeInvalide(erreurs)
    return proposes


def diagnostiquer(esms: list, points: list, parametres: dict) -> dict:
    """Points proposés par le diagnostic, puis retenus et écartés selon les choix de l'OG."""
    proposes = _proposes(esms, parametres)
    par_id = {p["id"]: p for p in proposes}
    retenus, ecartes, avertissements, decides = [], [], [], set()
    for rang, point in enumerate(points):
        if point.diagnostic is not None:
            decides.add(point.diagnostic)
            propose = par_id.get(point.diagnostic)
            if propose is None:
                avertissements.append(
                    f"Point de fragilité « {point.libelle or point.diagnostic} » ({point.chemin}) : le diagnostic ne le relève plus ; "
                    "il est gardé tel que saisi."
                )
            base = {"id": point.diagnostic, "origine": "diagnostic", "libelle": point.libelle or (propose or {}).get("libelle") or point.diagnostic,
                    "esms": (propose or {}).get("esms", point.esms), "sources": (propose or {}).get("sources", [])}
        else:
            base = {"id": f"ajout-{rang + 1}", "origine": "ajout", "libelle": point.libelle, "esms": point.esms, "sources": []}
        (retenus if point.retenu else ecartes).append({**base, "resolu_en": point.resolu_en})
    for propose in proposes:
        if propose["id"] not in decides:
            retenus.append({"id": propose["id"], "origine": "diagnostic", "libelle": propose["libelle"], "esms": propose["esms"],
                            "sources": propose["sources"], "resolu_en": None})
    return {"proposes": proposes, "retenus": retenus, "ecartes": ecartes, "avertissements": avertissements}


def taux_resolution(retenus: list[dict], rang: int, parametres: dict) -> dict:
    """Taux de résolution à la fin de l'année N``rang`` : ``{"valeur"}`` (+ ``non_calculable``)."""
    if not retenus:
        return {"valeur": None, "non_calculable": "aucun point de fragilité retenu"}
    resolus = sum(1 for p in retenus if p["resolu_en"] is not None and int(p["resolu_en"][1:]) <= rang)
    valeurs = {"points_fragilite_resolus": resolus, "points_fragilite_identifies": len(retenus)}
    try:
        resultat = indicateur.calculer({"id": INDICATEUR, "valeurs": valeurs}, parametres)
    except EntreeInvalide as exc:
        raise EntreeInvalide([Erreur(f"parametres.indicateurs[{INDICATEUR}]", e.message) for e in exc.erreurs]) from None
    return {"valeur": resultat["valeur"], **({"non_calculable": resultat["non_calculable"]} if "non_calculable" in resultat else {})}
