"""Le référentiel du guide : tout le YAML de modules/, validé, prêt pour le rendu.

>>> ref = charger_referentiel(RACINE_PROJET)           # doctest: +SKIP
>>> ref.module("prevention")["titre"]                  # doctest: +SKIP
'Prévention'
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from guide.erreurs import ErreurReferentiel, Probleme
from guide.validation import valider

__all__ = [
    "RACINE_PROJET",
    "Referentiel",
    "charger_referentiel",
    "mettre_en_cache",
    "oublier",
    "parametres_calculateurs",
    "referentiel_du_projet",
    "utiliser_racine",
]

RACINE_PROJET = Path(__file__).resolve().parent.parent


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
        for fiche in self.module(module)["themes"]:
            if fiche["id"] == theme:
                return fiche
        raise KeyError(f"fiche « {theme} » inconnue dans le module « {module} »")

    def indicateur(self, identifiant: str) -> dict:
        """L'indicateur ``identifiant``."""
        try:
            return self.indicateurs[identifiant]
        except KeyError:
            raise KeyError(f"indicateur « {identifiant} » inconnu") from None

    def fiches(self) -> list[tuple[dict, dict]]:
        """Toutes les fiches (module, thème), dans l'ordre des modules puis du fichier."""
        return [(module, theme) for module in self.modules for theme in module["themes"]]

    def modules_de_l_indicateur(self, identifiant: str) -> list[dict]:
        """Les modules qui suivent l'indicateur ``identifiant``."""
        return [m for m in self.modules if m["indicateur"] == identifiant]


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
    )


def cle_de_tri(texte: str) -> str:
    """Clé de tri alphabétique insensible aux accents et à la casse.

    >>> sorted(["Équipe", "ARS", "esms"], key=cle_de_tri)
    ['ARS', 'Équipe', 'esms']
    """
    import unicodedata

    decompose = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


_cache: dict[Path, Referentiel] = {}
_racine_active: list[Path] = [RACINE_PROJET]


def utiliser_racine(racine: Path | str) -> None:
    """Change le dossier du projet utilisé par ``referentiel_du_projet`` (hook MkDocs, tests)."""
    _racine_active[0] = Path(racine).resolve()


def oublier() -> None:
    """Vide le cache (``mkdocs serve`` recharge le YAML à chaque construction)."""
    _cache.clear()


def mettre_en_cache(ref: Referentiel) -> None:
    """Garde ``ref`` pour son dossier (le hook le charge une fois ; les macros le réutilisent)."""
    _cache[Path(ref.racine).resolve()] = ref


def referentiel_du_projet() -> Referentiel:
    """Le référentiel du projet (dossier de mkdocs.yml), chargé une fois puis mis en cache."""
    racine = _racine_active[0]
    if racine not in _cache:
        _cache[racine] = charger_referentiel(racine)
    return _cache[racine]


def _json(valeur):
    """Copie en types JSON simples (dict, list, str, nombres, None)."""
    if isinstance(valeur, dict):
        return {str(k): _json(v) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [_json(v) for v in valeur]
    if isinstance(valeur, datetime.date):
        return valeur.isoformat()
    return valeur


def parametres_calculateurs(ref: Referentiel) -> dict:
    """Paramètres des calculateurs (site/assets/data/parametres.json), format de CONTEXTE.md."""
    p = ref.parametres
    return _json({
        "phases": [{"id": x["id"], "libelle": x["libelle"], "poids": x["poids"]} for x in p["phases"]],
        "jours_ouverture": [{"jours": j["jours"], "categories": j["categories"]} for j in p["jours_ouverture"]],
        "modulation": {"taux_abattement_par_point": p["modulation"]["taux_abattement_par_point"],
                       "reference": p["modulation"]["reference"]},
        "avancement": {"max_actions_par_secteur": p["avancement"]["max_actions_par_secteur"]},
        "modules": [{"id": m["id"], "titre": m["titre"], "indicateur": m["indicateur"],
                     "max_actions_par_secteur": m["regles"].get("max_actions_par_secteur")} for m in ref.modules],
        "indicateurs": [
            {
                "id": i["id"],
                "libelle": i["libelle"],
                "formule": i["formule"],
                "variables": [{k: v[k] for k in ("nom", "libelle", "type", "min", "max")} for v in i["variables"]],
                "unite": i["unite"],
                "decimales": i["decimales"],
            }
            for i in ref.indicateurs.values()
        ],
    })
