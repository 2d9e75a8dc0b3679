"""Formulaires des calculateurs : HTML produit par les gabarits ``guide/rendu/templates/calculateurs/``.

Chaque fonction reçoit le référentiel (YAML validé) et rend le HTML d'un calculateur ; le calcul
lui-même est fait par le paquet ``calculators`` exécuté dans le navigateur (voir
``docs/assets/js/calculateurs.js``). Les listes (modules, phases, catégories, variables) viennent
du YAML : rien n'est recopié ici.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from calculators.formule import notation_francaise
from calculators.nombres import nombre_fr
from calculators.vocabulaire import SECTEURS

from guide.donnees.schema import NATURES

__all__ = [
    "calculateur_avancement",
    "calculateur_indicateur",
    "calculateur_modulation",
    "calculateur_trajectoire",
    "liste_calculateurs",
    "mon_cpom",
]

@lru_cache(maxsize=1)
def _environnement() -> Environment:
    env = Environment(
        loader=PackageLoader("guide.rendu", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["nombre"] = nombre_fr
    return env


def _rendre(gabarit: str, **contexte) -> str:
    """Rend un gabarit ; le HTML devient un seul bloc, sans ligne vide (que Markdown couperait)."""
    texte = _environnement().get_template(f"calculateurs/{gabarit}").render(**contexte)
    if gabarit.endswith(".md"):
        return texte
    return "\n".join(ligne for ligne in texte.splitlines() if ligne.strip()) + "\n"


def _categories(ref) -> list[dict]:
    """Catégories d'ESMS et leurs jours d'ouverture théoriques, dans l'ordre du YAML."""
    return [
        {"categorie": categorie, "jours": base["jours"]}
        for base in ref.parametres["jours_ouverture"]
        for categorie in base["categories"]
    ]


def _bornes(variable: dict) -> str:
    """Aide d'un champ : nature et bornes (« Nombre entier, 0 ou plus »)."""
    nature = "Nombre entier" if variable.get("type") == "entier" else "Nombre"
    minimum, maximum = variable.get("min"), variable.get("max")
    if minimum is not None and maximum is not None:
        return f"{nature} entre {nombre_fr(minimum)} et {nombre_fr(maximum)}."
    if minimum is not None:
        return f"{nature} supérieur ou égal à {nombre_fr(minimum)}."
    if maximum is not None:
        return f"{nature} inférieur ou égal à {nombre_fr(maximum)}."
    return f"{nature}."


def calculateur_avancement(ref) -> str:
    """Plan d'actions : tableau éditable d'actions et taux d'avancement par module et global."""
    return _rendre(
        "avancement.html",
        modules=ref.modules,
        phases=ref.parametres["phases"],
        secteurs=SECTEURS.items(),
        limites=_limites_par_secteur(ref),
    )


def _limites_par_secteur(ref) -> list[tuple[int, list[str]]]:
    """[(maximum, [titres des modules])] : les modules regroupés par nombre maximal de types d'actions
    retenus par secteur."""
    groupes: dict[int, list[str]] = {}
    for module in ref.modules:
        maximum = module["regles"].get("max_types_actions_par_secteur")
        if maximum is not None:
            groupes.setdefault(maximum, []).append(module["titre"])
    return sorted(groupes.items())


def calculateur_modulation(ref) -> str:
    """Modulation de la dotation selon l'activité : une ligne par ESMS, totaux."""
    return _rendre(
        "modulation.html",
        categories=_categories(ref),
        modulation=ref.parametres["modulation"],
        experimentales=ref.parametres.get("structures_experimentales") or "",
    )


COMPARATEURS = ((">", "supérieur à (>)"), ("≥", "supérieur ou égal à (≥)"), ("<", "inférieur à (<)"),
                ("≤", "inférieur ou égal à (≤)"), ("=", "égal à (=)"))


def calculateur_indicateur(ref, identifiant: str) -> str:
    """Calculateur d'un indicateur : un champ par variable, formule en notation française ; pour un
    indicateur de la bibliothèque, sa source, une cible facultative et ses seuils."""
    indicateur = ref.indicateur(identifiant)
    variables = [{**variable, "aide": _bornes(variable)} for variable in indicateur["variables"]]
    source = ref.sources.get(indicateur["source"]) if "source" in indicateur else None
    oui_non = indicateur.get("nature") == "oui_non"
    return _rendre(
        "indicateur.html",
        indicateur=indicateur,
        variables=variables,
        formule=notation_francaise(indicateur["formule"]) if indicateur.get("formule") else "",
        source=source,
        nature=NATURES.get(indicateur.get("nature"), ""),
        comparateurs=[c for c in COMPARATEURS if c[0] == "="] if oui_non else COMPARATEURS,
    )


def calculateur_trajectoire(ref) -> str:
    """Trajectoire : cibles annuelles entre une valeur initiale et la cible de fin de CPOM."""
    return _rendre("trajectoire.html")


def liste_calculateurs(ref) -> str:
    """Liste (Markdown) des calculateurs, pour la page calculateurs/index.md."""
    from guide.rendu.pages import TITRES_GROUPES, titre_nav
    from guide.donnees.referentiel import a_un_calculateur

    groupes = [(source, [i for i in membres if a_un_calculateur(i)]) for source, membres in ref.groupes_bibliotheque()]
    return _rendre("liste.md", indicateurs=list(ref.indicateurs.values()), titres=TITRES_GROUPES, titre_nav=titre_nav,
                   groupes=[(source, membres) for source, membres in groupes if membres])


INDICATEUR_FRAGILITES = "taux-resolution-points-fragilite"


def _mode(ref, module: dict) -> str:
    """Comment se saisit l'indicateur du module (même règle que calculators/dossier.py)."""
    if module["indicateur"] == INDICATEUR_FRAGILITES:
        return "points_fragilite"
    return "actions" if ref.indicateur(module["indicateur"]).get("calculateur_dedie") == "avancement" else "valeurs"


def _seuil_ecrit(seuil: dict, unite: str) -> str:
    """Un seuil de la bibliothèque écrit à la française (même texte que ``calculators.seuils.texte``)."""
    from decimal import Decimal

    from calculators import seuils

    def nombre(v):
        return v if isinstance(v, str) or v is None else Decimal(str(v))

    objet = seuils.Seuil(seuil["sens"], valeur=nombre(seuil.get("valeur")), minimum=nombre(seuil.get("min")),
                         maximum=nombre(seuil.get("max")), strict=seuil.get("strict", False))
    return seuils.texte(objet, unite)


def _diagnostic(ref) -> list[dict]:
    """Indicateurs de la bibliothèque qui ont des seuils : ceux que l'autodiagnostic confronte aux chiffres
    saisis pour chaque ESMS (calculators/fragilites.py), avec le texte de chaque seuil et le titre de sa source."""
    sources = ref.sources
    resultat = []
    for i in ref.bibliotheque.values():
        if not i.get("seuils"):
            continue
        resultat.append({
            "id": i["id"],
            "libelle": i["libelle"],
            "secteurs": ", ".join(i.get("secteurs") or []),
            "variables": i["variables"] if i.get("formule") else [],
            "oui_non": i["nature"] == "oui_non",
            "entier": i.get("entier", False),
            "unite": i["unite"],
            "seuils": [{"texte": _seuil_ecrit(s, i["unite"]),
                        "source": sources[s["source"]]["titre"] if s.get("source") in sources else s.get("source", ""),
                        "lieu": s.get("lieu", "")} for s in i["seuils"]],
        })
    return resultat


def mon_cpom(ref) -> str:
    """Page « Mon CPOM » : le dossier complet d'un OG (calculators/dossier.py, docs/assets/js/mon-cpom/)."""
    import json

    modules = []
    for module in ref.modules:
        indicateur = ref.indicateur(module["indicateur"])
        modules.append({
            "id": module["id"],
            "titre": module["titre"],
            "statut": module["statut"],
            "declenchement": module["declenchement"],
            "types": module["themes"],
            "par_secteur": {s: [t for t in module["themes"] if s in t["secteurs"]] for s in SECTEURS},
            "mode": _mode(ref, module),
            "indicateur": indicateur["libelle"],
            "variables": (indicateur.get("variables") or []) if indicateur.get("formule") else [],
        })
    diagnostic = _diagnostic(ref)
    return _rendre(
        "mon_cpom.html",
        modules=modules,
        modules_json=json.dumps([{"id": m["id"], "statut": m["statut"]} for m in modules]),
        categories=_categories(ref),
        phases=ref.parametres["phases"],
        secteurs=[(code, f"{code} – {libelle}") for code, libelle in SECTEURS.items()],
        annees=["N1", "N2", "N3", "N4", "N5"],
        diagnostic=diagnostic,
        diagnostic_json=json.dumps([i["id"] for i in diagnostic]),
        sources_json=json.dumps({id_: s["titre"] for id_, s in ref.sources.items()}, ensure_ascii=False),
    )
