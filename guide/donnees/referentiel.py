"""Le référentiel du guide : tout le YAML de modules/, validé, prêt pour le rendu.

>>> ref = charger_referentiel(RACINE_PROJET)           # doctest: +SKIP
>>> ref.module("prevention")["titre"]                  # doctest: +SKIP
'Prévention'
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from guide.donnees.erreurs import ErreurReferentiel, Probleme
from guide.donnees.validation import valider

__all__ = [
    "RACINE_PROJET",
    "Referentiel",
    "charger_referentiel",
    "cle_de_tri",
    "parametres_calculateurs",
    "types_json",
]

RACINE_PROJET = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Referentiel:
    """Contenu validé. Les modules et fiches sont des dictionnaires aux clés de modules/FORMAT.md."""

    racine: Path
    modules: tuple[dict, ...]                 # triés par ``ordre``
    indicateurs: dict[str, dict]              # id -> indicateur, dans l'ordre du fichier
    parametres: dict
    sigles: tuple[dict, ...]                  # triés par sigle
    publication: dict
    fichiers: dict[str, str]                  # id de module -> « modules/<id>.yml »
    avertissements: tuple[Probleme, ...] = field(default=())
    bibliotheque: dict[str, dict] = field(default_factory=dict)  # id -> indicateur tiré des sources

    @property
    def sources(self) -> dict[str, dict]:
        """Documents d'origine : id -> source."""
        return {s["id"]: s for s in self.publication["sources"]}

    def module(self, identifiant: str) -> dict:
        """Le module ``identifiant`` (``KeyError`` avec un message français sinon)."""
        for module in self.modules:
            if module["id"] == identifiant:
                return module
        raise KeyError(f"module « {identifiant} » inconnu")

    def theme(self, module: str, theme: str) -> dict:
        """La fiche ``theme`` du module ``module``."""
        for element in self.module(module)["themes"]:
            if element["id"] == theme:
                return element
        raise KeyError(f"fiche « {theme} » inconnue dans le module « {module} »")

    def indicateur(self, identifiant: str) -> dict:
        """L'indicateur ``identifiant`` (indicateurs des modules, puis bibliothèque)."""
        try:
            return self.indicateurs.get(identifiant) or self.bibliotheque[identifiant]
        except KeyError:
            raise KeyError(f"indicateur « {identifiant} » inconnu") from None

    def calculables(self) -> list[dict]:
        """Indicateurs qui ont un calculateur : ceux des modules, puis ceux de la bibliothèque dont la
        source donne la formule, ou dont la valeur se saisit telle quelle (nombre compté, Oui/Non).
        Un ratio dont la source ne donne pas le calcul n'a pas de calculateur."""
        return [*self.indicateurs.values(), *(i for i in self.bibliotheque.values() if a_un_calculateur(i))]

    def a_un_calculateur(self, identifiant: str) -> bool:
        """L'indicateur ``identifiant`` a-t-il une page de calculateur ?"""
        return identifiant in self.indicateurs or a_un_calculateur(self.bibliotheque.get(identifiant, {}))

    def groupes_bibliotheque(self) -> list[tuple[dict, list[dict]]]:
        """Bibliothèque groupée par source, dans l'ordre des sources de publication.yml."""
        groupes = []
        for source in self.publication["sources"]:
            membres = [i for i in self.bibliotheque.values() if i["source"] == source["id"]]
            if membres:
                groupes.append((source, membres))
        return groupes

    def themes(self) -> list[tuple[dict, dict]]:
        """Tous les thèmes (fiches) : couples (module, thème), dans l'ordre des modules puis du fichier."""
        return [(module, theme) for module in self.modules for theme in module["themes"]]

    def modules_de_l_indicateur(self, identifiant: str) -> list[dict]:
        """Les modules qui suivent l'indicateur ``identifiant``."""
        return [m for m in self.modules if m["indicateur"] == identifiant]


def a_un_calculateur(indicateur: dict) -> bool:
    """Un indicateur de la bibliothèque a un calculateur s'il a une formule ou s'il n'est pas un ratio."""
    return bool(indicateur.get("formule")) or indicateur.get("nature") in ("nombre", "oui_non")


def charger_referentiel(racine: Path | str, strict: bool = False) -> Referentiel:
    """Charge et valide ``racine/modules`` ; lève ``ErreurReferentiel`` avec TOUTES les erreurs.

    En mode ``strict``, les avertissements (clés inconnues…) sont aussi des erreurs.
    """
    donnees = valider(Path(racine))
    erreurs = donnees.erreurs + (donnees.avertissements if strict else [])
    if erreurs:
        raise ErreurReferentiel(erreurs, [] if strict else donnees.avertissements)
    modules = sorted(donnees.modules.values(), key=lambda m: m["ordre"])
    communs = donnees.communs
    return Referentiel(
        racine=Path(racine),
        modules=tuple(modules),
        indicateurs={i["id"]: i for i in communs["indicateurs"]["indicateurs"]},
        parametres=communs["parametres"],
        sigles=tuple(sorted(communs["glossaire"]["sigles"], key=lambda s: cle_de_tri(s["sigle"]))),
        publication=communs["publication"],
        fichiers={m["id"]: fichier for fichier, m in donnees.modules.items()},
        avertissements=tuple(sorted(donnees.avertissements)),
        bibliotheque={i["id"]: i for i in (communs.get("bibliotheque") or {}).get("indicateurs", [])},
    )


def cle_de_tri(texte: str) -> str:
    """Clé de tri alphabétique insensible aux accents et à la casse.

    >>> sorted(["Équipe", "ARS", "esms"], key=cle_de_tri)
    ['ARS', 'Équipe', 'esms']
    """
    import unicodedata

    decompose = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def types_json(valeur):
    """Copie en types JSON simples (dict, list, str, nombres, None) ; les dates en texte ISO.

    >>> types_json({1: [datetime.date(2026, 1, 2)]})
    {'1': ['2026-01-02']}
    """
    if isinstance(valeur, dict):
        return {str(k): types_json(v) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [types_json(v) for v in valeur]
    if isinstance(valeur, datetime.date):
        return valeur.isoformat()
    return valeur


def parametres_calculateurs(ref: Referentiel) -> dict:
    """Paramètres des calculateurs (``chemins.PARAMETRES_JSON`` dans le site, ``python -m guide calcul``).

    Forme décrite par calculators/CONTRAT_PARAMETRES.md : la changer, c'est changer ce contrat.
    """
    p = ref.parametres
    return types_json({
        "phases": [{"id": x["id"], "libelle": x["libelle"], "poids": x["poids"]} for x in p["phases"]],
        "jours_ouverture": [{"jours": j["jours"], "categories": j["categories"]} for j in p["jours_ouverture"]],
        "modulation": {"taux_abattement_par_point": p["modulation"]["taux_abattement_par_point"],
                       "reference": p["modulation"]["reference"]},
        "modules": [{"id": m["id"], "titre": m["titre"], "indicateur": m["indicateur"],
                     "max_types_actions_par_secteur": m["regles"].get("max_types_actions_par_secteur"),
                     # secteurs, statut, déclenchement : dossier « Mon CPOM » (calculators/dossier.py)
                     "types_actions": [{"id": t["id"], "titre": t["titre"], "secteurs": list(t["secteurs"])} for t in m["themes"]],
                     "statut": m["statut"], "declenchement": list(m["declenchement"])} for m in ref.modules],
        "indicateurs": [
            {
                "id": i["id"],
                "libelle": i["libelle"],
                "formule": i["formule"],
                "variables": [{k: v[k] for k in ("nom", "libelle", "type", "min", "max")} for v in i["variables"]],
                "unite": i["unite"],
                "decimales": i["decimales"],
                "calculateur_dedie": i.get("calculateur_dedie"),
            }
            for i in ref.indicateurs.values()
        ] + [_indicateur_bibliotheque(i) for i in ref.bibliotheque.values()],
    })


def _indicateur_bibliotheque(i: dict) -> dict:
    """Un indicateur de la bibliothèque pour les calculateurs : nature, formule s'il y en a une, seuils."""
    resultat = {"id": i["id"], "libelle": i["libelle"], "nature": i["nature"]}
    if i.get("formule"):
        resultat["formule"] = i["formule"]
        resultat["variables"] = [{k: v.get(k) for k in ("nom", "libelle", "type", "min", "max")} for v in i["variables"]]
    resultat.update(unite=i["unite"], decimales=i["decimales"], entier=i["entier"])
    if i["seuils"]:
        resultat["seuils"] = [{k: s[k] for k in ("sens", "strict", "valeur", "min", "max", "source", "lieu") if k in s}
                              for s in i["seuils"]]
    return resultat
