"""Taux d'avancement du plan d'actions (méthode par phases de projet présentée par l'ARS BFC).

- taux d'une action = somme des poids des phases avant la phase courante
  + poids de la phase courante × part réalisée de cette phase (0 à 100 %, 0 par défaut) ;
- taux d'un module = moyenne arithmétique des taux de ses actions ;
- taux global = moyenne des taux des modules (chaque module compte une fois, quel que soit
  son nombre d'actions).

Arrondi : chaque taux est arrondi à 2 décimales (demi supérieur) et la moyenne suivante est faite
sur les taux arrondis affichés, pour que les chiffres affichés s'enchaînent.
Chaque action appartient à l'un des types d'actions de son module (``type_actions``, obligatoire pour
un module qui en propose, refusé pour un module qui n'en propose pas). Les sources plafonnent le
nombre de **types d'actions** retenus par secteur, pas le nombre d'actions : au-delà du maximum du
module (``max_types_actions_par_secteur`` ; aucun pour un module sans limite), un avertissement est
ajouté pour le secteur (le calcul n'est pas refusé). Plusieurs actions d'un même type comptent pour
un seul type. Une action dont le type d'actions n'est pas proposé pour son secteur (par exemple
« Transformation du secteur PA » pour une action du secteur PH) est signalée par un avertissement et
n'est comptée dans aucun secteur ; son taux compte comme celui des autres.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import parametres as lire
from calculators.entrees import Lecteur
from calculators.nombres import arrondir, en_json, francais
from calculators.vocabulaire import CODES_SECTEURS

__all__ = ["LIBELLE_TAUX_GLOBAL", "calculer", "taux_action"]

LIBELLE_TAUX_GLOBAL = "Moyenne des taux des modules (chaque module compte une fois)"
MAX_ACTIONS = 1000


def taux_action(phases: list[lire.Phase], phase: str, part: Decimal) -> tuple[Decimal, str]:
    """(taux arrondi, explication) d'une action dont la phase courante est ``phase``.

    >>> echelle = [lire.Phase(i, l, Decimal(20)) for i, l in [("i", "Initialisation"), ("p", "Planification"),
    ...     ("e", "Exécution et mise en œuvre"), ("s", "Pilotage"), ("c", "Clôture")]]
    >>> taux_action(echelle, "e", Decimal(50))
    (Decimal('50.00'), 'Initialisation 20 + Planification 20 + Exécution et mise en œuvre 20 × 50 % = 50,00 %')
    """
    rang = [p.id for p in phases].index(phase)
    courante = phases[rang]
    taux = arrondir(sum((p.poids for p in phases[:rang]), Decimal(0)) + courante.poids * part / 100)
    termes = [f"{p.libelle} {francais(p.poids)}" for p in phases[:rang]]
    termes.append(f"{courante.libelle} {francais(courante.poids)} × {francais(part)} %")
    return taux, f"{' + '.join(termes)} = {francais(taux, 2)} %"


def _moyenne(taux: list[Decimal]) -> Decimal:
    return arrondir(sum(taux, Decimal(0)) / len(taux))


def _maximum(module: str, regles: dict[str, lire.TypesActions]) -> int | None:
    return regles[module].maximum if module in regles else None


def _type_actions(
    lecteur: Lecteur, action: dict, champ: str, module: str | None, titres: dict[str, str], regles: dict[str, lire.TypesActions]
) -> str | None:
    """Le type d'actions de l'action : l'un de ceux de son module ; aucun si le module n'en propose pas."""
    if module is None:
        return None
    types = regles[module].types if module in regles else {}
    if types:
        return lecteur.choix(action, "type_actions", champ, list(types), f"type d'actions hors du module « {titres[module]} » :")
    valeur = action.get("type_actions")
    if valeur is not None and not (isinstance(valeur, str) and not valeur.strip()):
        lecteur.erreur(champ, f"le module « {titres[module]} » ne propose pas de types d'actions : laisser ce champ vide")
    return None


def calculer(entree: dict, parametres: dict) -> dict:
    """``{"actions": [...]}`` → taux des actions, des modules et global (paramètres : calculators/CONTRAT_PARAMETRES.md)."""
    phases = lire.phases(parametres)
    modules = lire.titres_modules(parametres)
    regles = lire.types_actions_par_module(parametres)
    lecteur = Lecteur()
    lues = []
    for chemin, action in lecteur.elements(entree, "actions", "actions", maximum=MAX_ACTIONS):
        lue = {
            "libelle": lecteur.texte(action, "libelle", f"{chemin}.libelle"),
            "module": lecteur.choix(action, "module", f"{chemin}.module", list(modules), "module inconnu"),
            "secteur": lecteur.choix(action, "secteur", f"{chemin}.secteur", list(CODES_SECTEURS), "secteur inconnu"),
            "phase": lecteur.choix(action, "phase", f"{chemin}.phase", [p.id for p in phases], "phase inconnue"),
            "avancement_phase": lecteur.nombre(
                action, "avancement_phase", f"{chemin}.avancement_phase", minimum=0, maximum=100, defaut=Decimal(0)
            ),
        }
        lue["type_actions"] = _type_actions(lecteur, action, f"{chemin}.type_actions", lue["module"], modules, regles)
        lues.append(lue)
    lecteur.terminer()

    actions = []
    par_module: dict[str, list[Decimal]] = {}
    par_secteur: dict[tuple[str, str], set[str]] = {}
    hors_secteur = []
    for rang, lue in enumerate(lues):
        taux, explication = taux_action(phases, lue["phase"], lue["avancement_phase"])
        actions.append({**lue, "avancement_phase": float(lue["avancement_phase"]), "taux": en_json(taux), "explication": explication})
        par_module.setdefault(lue["module"], []).append(taux)
        if lue["type_actions"] is None:
            continue
        proposes = regles[lue["module"]].secteurs_du_type(lue["type_actions"])
        if lue["secteur"] in proposes:
            par_secteur.setdefault((lue["module"], lue["secteur"]), set()).add(lue["type_actions"])
        else:
            hors_secteur.append(
                f"Action « {lue['libelle']} » (actions[{rang}]) : le type d'actions "
                f"« {regles[lue['module']].types[lue['type_actions']]} » n'est proposé que pour le secteur "
                f"{', '.join(proposes)}, or l'action est du secteur {lue['secteur']} ; elle n'est comptée dans aucun secteur."
            )

    taux_modules = {id_: _moyenne(par_module[id_]) for id_ in modules if id_ in par_module}
    avertissements = [
        f"Module « {modules[module]} », secteur {secteur} : {len(types)} types d'actions retenus, au-delà des "
        f"{_maximum(module, regles)} types d'actions par secteur prévus ; le taux est calculé quand même."
        for (module, secteur), types in sorted(par_secteur.items(), key=lambda e: (list(modules).index(e[0][0]), e[0][1]))
        if _maximum(module, regles) is not None and len(types) > _maximum(module, regles)
    ] + hors_secteur
    return {
        "actions": actions,
        "modules": {
            id_: {"taux": en_json(taux), "nombre_actions": len(par_module[id_])} for id_, taux in taux_modules.items()
        },
        "taux_global": en_json(_moyenne(list(taux_modules.values()))),
        "taux_global_libelle": LIBELLE_TAUX_GLOBAL,
        "avertissements": avertissements,
    }
