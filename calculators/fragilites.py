"""Autodiagnostic des points de fragilité (module Efficience) et taux de résolution année par année.

1. Pour chaque ESMS, l'OG saisit des indicateurs de la bibliothèque
   (``esms[i].diagnostic = {id d'indicateur: {"valeurs": {variable: valeur}} | {"valeur": v}}``) ;
   ``calculators.indicateur`` calcule la valeur et la confronte aux seuils de l'indicateur (données
   des paramètres, ``calculators.seuils`` : sens, valeur, source, lieu).
2. Chaque indicateur dont un seuil n'est pas respecté propose un point de fragilité, avec la source
   et le lieu de chaque seuil.
3. L'OG garde (par défaut), écarte (``retenu: false``) ou ajoute des points (``points_fragilite``) ;
   les points retenus sont la base du taux de résolution : pour l'année Nk, points résolus en N1…Nk
   ÷ points retenus × 100 (indicateur ``taux-resolution-points-fragilite`` des paramètres).
"""

from __future__ import annotations

from calculators import indicateur
from calculators import parametres as lire
from calculators.entrees import recu
from calculators.erreurs import EntreeInvalide, Erreur
from calculators.nombres import decimal_exact, francais

__all__ = ["diagnostiquer", "taux_resolution"]

INDICATEUR = "taux-resolution-points-fragilite"
ENTREES = ("valeurs", "valeur")


def _ecrire(valeur: float | str, unite: str) -> str:
    if isinstance(valeur, str):
        return valeur
    texte = francais(decimal_exact(valeur))
    return f"{texte}\u00a0{unite}" if unite else texte


def _proposes(esms: list, parametres: dict) -> list[dict]:
    proposes, erreurs = [], []
    connus = lire.ids_indicateurs(parametres)
    for rang, e in enumerate(esms):
        for id_, saisie in e.diagnostic.items():
            champ = f"esms[{rang}].diagnostic.{id_}"
            if id_ not in connus:
                erreurs.append(Erreur(champ, f"indicateur inconnu « {id_} » (indicateurs : {', '.join(connus)})"))
                continue
            if len(saisie) != 1 or next(iter(saisie)) not in ENTREES:
                erreurs.append(Erreur(champ, f"objet {{\"valeurs\": {{…}}}} ou {{\"valeur\": …}} attendu, reçu {recu(saisie)}"))
                continue
            try:
                calcul = indicateur.calculer({"id": id_, **saisie}, parametres)
            except EntreeInvalide as exc:
                erreurs += [Erreur(f"{champ}.{err.champ}", err.message) for err in exc.erreurs]
                continue
            franchis = [s for s in calcul.get("seuils", []) if not s["respecte"]]
            if calcul["valeur"] is None or not franchis:
                continue
            infos = lire.infos_indicateur(parametres, id_)
            proposes.append({
                "id": f"{e.finess}/{id_}",
                "esms": e.finess,
                "esms_nom": e.nom,
                "indicateur": id_,
                "libelle": f"{infos['libelle']} : {_ecrire(calcul['valeur'], calcul['unite'])} "
                           f"(seuil : {' ; '.join(s['seuil'] for s in franchis)})",
                "valeur": calcul["valeur"],
                "seuils": [{"seuil": s["seuil"], "source": s["source"], "lieu": s["lieu"]} for s in franchis],
                "sources": [{"source": s["source"], "lieu": s["lieu"]} for s in franchis],
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
