"""Sorties du dossier « Mon CPOM » : fiche objectif (disposition e-CARS) en données et en CSV, bilan
de l'année N avec, par module, un graphique SVG du taux au fil des années et son tableau de données.

La fiche objectif reprend les rubriques des fiches e-CARS du CPOM 2026-2030 du CCAS de Besançon :
gestionnaire (raison sociale, FINESS juridique), objectif, constat / diagnostic, périmètre concerné,
plan d'actions, préalables à la réalisation et/ou moyens dédiés, partenaires à mobiliser,
indicateurs de suivi et d'évaluation (établissements concernés, valeur initiale, cibles N1 à N4,
cible fin de CPOM).

Le graphique est construit avec ``xml.etree.ElementTree`` (pas de balisage écrit à la main, textes
échappés) ; il se lit sans couleur : trait plein et ronds pour le réalisé, tirets et carrés pour la
cible, chaque point porte sa valeur.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from calculators import tableur
from calculators.nombres import decimal_exact, francais

__all__ = ["bilan", "fiche_objectif", "graphique", "tableau"]

NIVEAU_OG = "Organisme gestionnaire (indicateur suivi au niveau de l'OG)"
VIDE = "—"


def _pourcent(valeur: float | None, unite: str = "%") -> str:
    if valeur is None:
        return VIDE
    texte = francais(decimal_exact(valeur), 2)
    return f"{texte} %" if unite == "%" else f"{texte} {unite}".strip()


def _perimetre(module: dict, dossier: dict) -> list[dict]:
    """ESMS concernés par les actions du module (tous si une action vise tout l'OG ou sans action)."""
    actions = module["actions"]
    if not actions or any(not a["esms"] for a in actions):
        return dossier["esms"]
    concernes = {f for a in actions for f in a["esms"]}
    return [e for e in dossier["esms"] if e["finess"] in concernes]


def fiche_objectif(module: dict, dossier: dict) -> dict:
    """La fiche objectif du module (données pour le gabarit) et son CSV."""
    textes = module["textes"]
    cibles = [a["cible"] for a in module["annees"]]
    fiche = {
        "module": module["id"],
        "titre": module["titre"],
        "gestionnaire": dossier["og"],
        "objectif": textes.get("objectif"),
        "constat": textes.get("constat"),
        "perimetre": [f"{e['finess']} - {e['nom']}" for e in _perimetre(module, dossier)],
        "plan_actions": [
            {"numero": rang, "libelle": a["libelle"], "type_actions": a["type_actions_titre"], "pilote": a["pilote"],
             "echeance": a["echeance"]}
            for rang, a in enumerate(module["actions"], start=1)
        ],
        "prealables": textes.get("prealables"),
        "partenaires": textes.get("partenaires"),
        "indicateurs": [{
            "libelle": module["indicateur"]["libelle"],
            "etablissements": NIVEAU_OG,
            "valeur_initiale": module["valeur_initiale"],
            "cibles": cibles[:4],
            "cible_fin_cpom": cibles[4],
        }],
    }
    fiche["csv"] = _csv_fiche(fiche)
    return fiche


def _csv_fiche(fiche: dict) -> str:
    lignes: list[list[object]] = [
        ["Fiche objectif", fiche["titre"]],
        ["Raison sociale", fiche["gestionnaire"].get("raison_sociale")],
        ["FINESS juridique", fiche["gestionnaire"].get("finess_juridique")],
        ["Objectif", fiche["objectif"]],
        ["Constat/Diagnostic", fiche["constat"]],
    ]
    lignes += [["Périmètre concerné", esms] for esms in fiche["perimetre"]] or [["Périmètre concerné", None]]
    lignes.append(["Plan d'actions", "N°", "Action", "Type d'actions", "Pilote", "Échéance"])
    lignes += [["", a["numero"], a["libelle"], a["type_actions"], a["pilote"], tableur.date(a["echeance"])] for a in fiche["plan_actions"]]
    lignes += [["Préalable à la réalisation et/ou moyens dédiés", fiche["prealables"]],
               ["Partenaires à mobiliser", fiche["partenaires"]],
               ["Indicateurs de suivi et d'évaluation", "Établissement(s) concerné(s)", "Valeur initiale",
                "Cible N1", "Cible N2", "Cible N3", "Cible N4", "Cible fin CPOM"]]
    for ind in fiche["indicateurs"]:
        lignes.append([ind["libelle"], ind["etablissements"], tableur.nombre(ind["valeur_initiale"]),
                       *(tableur.nombre(c) for c in ind["cibles"]), tableur.nombre(ind["cible_fin_cpom"])])
    return tableur.ecrire(lignes)


def _atteinte(module: dict, valeur: float | None, cible: float | None) -> bool | None:
    if valeur is None or cible is None:
        return None
    decroissante = module["cible_finale"] is not None and module["cible_finale"] < module["valeur_initiale"]
    return valeur <= cible if decroissante else valeur >= cible


def tableau(module: dict) -> dict:
    """Tableau de données du graphique (à côté du graphique) : textes déjà écrits à la française."""
    unite = module["indicateur"]["unite"]
    lignes = []
    for a in module["annees"]:
        ecart = None if a["valeur"] is None or a["cible"] is None else float(decimal_exact(a["valeur"]) - decimal_exact(a["cible"]))
        lignes.append({
            "annee": a["annee"],
            "annee_civile": a["annee_civile"],
            "cible": _pourcent(a["cible"], unite),
            "valeur": _pourcent(a["valeur"], unite) if a["valeur"] is not None else a.get("non_calculable", VIDE) if a["origine"] else VIDE,
            "ecart": VIDE if ecart is None else ("+" if ecart > 0 else "") + _pourcent(ecart, "points").replace(" points", " pt"),
        })
    return {"legende": f"{module['indicateur']['libelle']} — {module['titre']}",
            "colonnes": ["Année", "Année civile", "Cible", "Réalisé", "Écart"], "lignes": lignes}


def _pas(etendue: float) -> float:
    for pas in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if etendue / pas <= 5:
            return pas
    return 10 ** math.ceil(math.log10(etendue / 5))


def _c(x: float) -> str:
    return f"{x:.1f}"


def graphique(module: dict) -> str:
    """SVG du taux du module par année (réalisé et cible), lisible sans couleur."""
    largeur, hauteur, gauche, droite, haut, bas = 560, 300, 64, 24, 56, 48
    annees = module["annees"]
    unite = module["indicateur"]["unite"]
    nombres = [v for a in annees for v in (a["valeur"], a["cible"]) if v is not None]
    mini, maxi = min([0.0, *nombres]), max([100.0, *nombres])
    pas = _pas(maxi - mini)
    mini, maxi = math.floor(mini / pas) * pas, math.ceil(maxi / pas) * pas

    def x(rang: int) -> float:
        return gauche + (largeur - gauche - droite) * (rang + 0.5) / len(annees)

    def y(valeur: float) -> float:
        return haut + (hauteur - haut - bas) * (maxi - valeur) / (maxi - mini)

    ident = f"graphique-{module['id']}"
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {largeur} {hauteur}",
                             "role": "img", "aria-labelledby": f"{ident}-titre {ident}-desc", "class": "graphique-bilan",
                             "font-family": "sans-serif", "font-size": "12"})
    ET.SubElement(svg, "title", {"id": f"{ident}-titre"}).text = f"{module['indicateur']['libelle']} — {module['titre']}"
    resume = "; ".join(f"{a['annee']} : réalisé {_pourcent(a['valeur'], unite)}, cible {_pourcent(a['cible'], unite)}" for a in annees)
    ET.SubElement(svg, "desc", {"id": f"{ident}-desc"}).text = f"Réalisé et cible par année ({resume}). Détail dans le tableau qui suit."
    axes = ET.SubElement(svg, "g", {"stroke": "currentColor", "fill": "none"})
    graduations = ET.SubElement(svg, "g", {"fill": "currentColor", "text-anchor": "end"})
    valeur = mini
    while valeur <= maxi + 1e-9:
        ET.SubElement(axes, "line", {"x1": _c(gauche), "x2": _c(largeur - droite), "y1": _c(y(valeur)), "y2": _c(y(valeur)),
                                     "stroke-opacity": "0.25"})
        ET.SubElement(graduations, "text", {"x": _c(gauche - 6), "y": _c(y(valeur) + 4)}).text = (
            f"{francais(decimal_exact(valeur))} {unite}".strip())
        valeur += pas
    ET.SubElement(axes, "line", {"x1": _c(gauche), "x2": _c(gauche), "y1": _c(haut), "y2": _c(hauteur - bas)})
    etiquettes = ET.SubElement(svg, "g", {"fill": "currentColor", "text-anchor": "middle"})
    for rang, a in enumerate(annees):
        ET.SubElement(etiquettes, "text", {"x": _c(x(rang)), "y": _c(hauteur - bas + 18)}).text = a["annee"]
        ET.SubElement(etiquettes, "text", {"x": _c(x(rang)), "y": _c(hauteur - bas + 34)}).text = str(a["annee_civile"])
    for cle, tirets, dessus in (("cible", "6 4", False), ("valeur", None, True)):
        serie = ET.SubElement(svg, "g", {"class": f"serie-{cle}", "stroke": "currentColor", "fill": "currentColor"})
        points = [(rang, a[cle]) for rang, a in enumerate(annees) if a[cle] is not None]
        for (r1, v1), (r2, v2) in zip(points, points[1:]):
            trait = {"x1": _c(x(r1)), "y1": _c(y(v1)), "x2": _c(x(r2)), "y2": _c(y(v2)), "stroke-width": "2"}
            if tirets:
                trait["stroke-dasharray"] = tirets
            ET.SubElement(serie, "line", trait)
        for rang, v in points:
            if cle == "valeur":
                ET.SubElement(serie, "circle", {"cx": _c(x(rang)), "cy": _c(y(v)), "r": "5"})
            else:
                ET.SubElement(serie, "rect", {"x": _c(x(rang) - 4.5), "y": _c(y(v) - 4.5), "width": "9", "height": "9",
                                              "fill": "none", "stroke-width": "2"})
            ET.SubElement(serie, "text", {"x": _c(x(rang)), "y": _c(y(v) + (-10 if dessus else 20)), "text-anchor": "middle",
                                          "stroke": "none"}).text = _pourcent(v, unite)
    legende = ET.SubElement(svg, "g", {"stroke": "currentColor", "fill": "currentColor"})
    ET.SubElement(legende, "line", {"x1": "64", "y1": "20", "x2": "96", "y2": "20", "stroke-width": "2"})
    ET.SubElement(legende, "circle", {"cx": "80", "cy": "20", "r": "5"})
    ET.SubElement(legende, "text", {"x": "104", "y": "24", "stroke": "none"}).text = "Réalisé (trait plein, ronds)"
    ET.SubElement(legende, "line", {"x1": "296", "y1": "20", "x2": "328", "y2": "20", "stroke-width": "2", "stroke-dasharray": "6 4"})
    ET.SubElement(legende, "rect", {"x": "307.5", "y": "15.5", "width": "9", "height": "9", "fill": "none", "stroke-width": "2"})
    ET.SubElement(legende, "text", {"x": "336", "y": "24", "stroke": "none"}).text = "Cible (tirets, carrés)"
    if not nombres:
        ET.SubElement(svg, "text", {"x": _c(largeur / 2), "y": _c(hauteur / 2), "text-anchor": "middle",
                                    "fill": "currentColor"}).text = "Aucune valeur saisie"
    return ET.tostring(svg, encoding="unicode")


def bilan(dossier: dict) -> dict:
    """Bilan de l'année de suivi : taux de chaque module face à sa cible, actions réalisées et en retard."""
    rang = int(dossier["annee_suivi"][1:])
    modules = []
    for module in dossier["modules"]:
        annee = module["annees"][rang - 1]
        modules.append({
            "id": module["id"],
            "titre": module["titre"],
            "indicateur": module["indicateur"]["libelle"],
            "valeur": annee["valeur"],
            "non_calculable": annee.get("non_calculable"),
            "cible": annee["cible"],
            "atteinte": _atteinte(module, annee["valeur"], annee["cible"]),
            "nombre_actions": len(module["actions"]),
            "actions_realisees": [a["libelle"] for a in module["actions"] if a["realisee"]],
            "actions_en_retard": [{"libelle": a["libelle"], "echeance": a["echeance"], "taux": a["taux"], "pilote": a["pilote"]}
                                  for a in module["actions"] if a["en_retard"]],
            "graphique": graphique(module),
            "tableau": tableau(module),
        })
    return {"annee": dossier["annee_suivi"], "annee_civile": dossier["premiere_annee"] + rang - 1, "modules": modules}
