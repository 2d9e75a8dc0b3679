"""Dossier « Mon CPOM » : tout le CPOM d'un organisme gestionnaire (OG), calculé d'un seul appel.

Point d'entrée unique, le même pour la ligne de commande (``python -m calculators dossier
FICHIER.json``) et le navigateur (``executer_json("dossier", …)``) : ``calculer(dossier, parametres)``.
Le schéma du fichier et du résultat est décrit dans ``calculators/DOSSIER.md``.

Étapes : ``migrer`` (marqueur de format, version, migrations des versions antérieures) → ``lire``
(chaque champ contrôlé, toutes les erreurs rapportées avec leur chemin) → calculs, qui réutilisent
les calculateurs existants (``avancement.taux_action``, ``indicateur``, ``modulation``,
``trajectoire``) → sorties (fiches objectif, bilan de l'année, graphiques : ``calculators/sorties.py``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from calculators import avancement, fragilites, indicateur, modulation, sorties, trajectoire
from calculators import parametres as lire
from calculators.entrees import MANQUANT, Lecteur, recu
from calculators.erreurs import EntreeInvalide, Erreur
from calculators.nombres import arrondir, en_json

__all__ = ["ANNEES", "FORMAT", "MIGRATIONS", "VERSION", "calculer", "lire_dossier", "migrer"]

FORMAT = "guide-cpom-bfc/dossier"
VERSION = 1
ANNEES = ["N1", "N2", "N3", "N4", "N5"]
CATEGORIE_AUTRE = "Autre"
MAX_ESMS = 200
MAX_ACTIONS = 1000
MAX_POINTS = 500
MAX_TEXTE_LONG = 4000
INDICATEUR_FRAGILITES = "taux-resolution-points-fragilite"
_FINESS = re.compile(r"(\d{2}|2A|2B)\d{7}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ETRANGER = "ce fichier n'est pas un dossier « Mon CPOM » du guide CPOM BFC"

# Migration de la version k vers k + 1 : MIGRATIONS[k](dossier) rend le dossier en version k + 1.
# Aucune version antérieure à 1 n'a été publiée : la table est vide, le mécanisme est testé.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

CLES_DOSSIER = {"format", "version", "og", "premiere_annee", "annee_suivi", "esms", "modules", "actions", "points_fragilite"}
CLES_OG = {"raison_sociale", "finess_juridique"}
CLES_ESMS = {"finess", "nom", "secteur", "categorie", "jours_ouverture", "capacite", "dotation", "activite_realisee",
             "taux_cible", "diagnostic"}
CLES_MODULE = {"id", "declenchement", "date", "types_actions", "objectif", "constat", "prealables", "partenaires",
               "valeur_initiale", "cible_finale", "suivi"}
CLES_ACTION = {"libelle", "module", "type_actions", "esms", "pilote", "echeance", "phase", "avancement_phase"}
CLES_POINT = {"diagnostic", "libelle", "esms", "retenu", "resolu_en"}
BORNE = Decimal("1e12")


# --- Migration --------------------------------------------------------------------------------


def migrer(brut: object) -> dict:
    """Le dossier dans la version courante ; lève ``EntreeInvalide`` pour un fichier étranger ou trop récent.

    >>> migrer({"format": "mon-cpom-bfc", "version": 1})
    Traceback (most recent call last):
    ...
    calculators.erreurs.EntreeInvalide: format: format « mon-cpom-bfc » inconnu : ce fichier n'est pas un dossier « Mon CPOM » du guide CPOM BFC (format attendu : « guide-cpom-bfc/dossier »)
    """
    if not isinstance(brut, dict):
        raise EntreeInvalide([Erreur("entrée", f"objet JSON attendu, reçu {recu(brut)} : {_ETRANGER}")])
    marqueur = brut.get("format")
    if marqueur is None:
        raise EntreeInvalide([Erreur("format", f"{MANQUANT} : {_ETRANGER}")])
    if marqueur != FORMAT:
        raise EntreeInvalide([Erreur("format", f"format {_cite(marqueur)} inconnu : {_ETRANGER} (format attendu : « {FORMAT} »)")])
    version = brut.get("version")
    if version is None:
        raise EntreeInvalide([Erreur("version", MANQUANT)])
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise EntreeInvalide([Erreur("version", f"nombre entier positif attendu, reçu {recu(version)}")])
    if version > VERSION:
        raise EntreeInvalide([Erreur(
            "version",
            f"version {version} plus récente que celle que ce guide sait lire ({VERSION}) : utilisez la dernière version du guide",
        )])
    dossier = dict(brut)
    while dossier["version"] < VERSION:
        etape = MIGRATIONS.get(dossier["version"])
        if etape is None:
            raise EntreeInvalide([Erreur("version", f"version {dossier['version']} inconnue : aucune migration vers la version {VERSION}")])
        dossier = etape(dossier)
    return dossier


def _cite(valeur: object) -> str:
    return f"« {valeur} »" if isinstance(valeur, str) else recu(valeur)


# --- Lecture ----------------------------------------------------------------------------------


@dataclass
class Esms:
    finess: str
    nom: str
    secteur: str
    categorie: str
    jours_ouverture: int | None
    capacite: Decimal | None
    dotation: Decimal | None
    activite_realisee: Decimal | None
    taux_cible: Decimal | None
    diagnostic: dict[str, dict]


@dataclass
class ModuleLu:
    definition: lire.ModuleDossier
    chemin: str | None  # None : module obligatoire absent du fichier (présent d'office)
    declenchement: str | None = None
    date: str | None = None
    types_actions: dict[str, list[str]] = field(default_factory=lambda: {"PA": [], "PH": []})
    textes: dict[str, str | None] = field(default_factory=dict)
    valeur_initiale: Decimal | None = None
    cible_finale: Decimal | None = None
    suivi: dict[str, dict] = field(default_factory=dict)


@dataclass
class ActionLue:
    rang: int
    libelle: str
    module: str
    type_actions: str | None
    esms: list[str]
    pilote: str | None
    echeance: str | None
    phase: str
    avancement_phase: Decimal


@dataclass
class PointLu:
    chemin: str
    diagnostic: str | None
    libelle: str | None
    esms: str | None
    retenu: bool
    resolu_en: str | None


@dataclass
class DossierLu:
    version: int
    og: dict[str, str]
    premiere_annee: int
    annee_suivi: int
    esms: list[Esms]
    modules: list[ModuleLu]
    actions: list[ActionLue]
    points: list[PointLu]


def _inconnues(lecteur: Lecteur, objet: dict, permises: set[str], chemin: str) -> None:
    for cle in sorted(set(objet) - permises):
        lecteur.erreur(f"{chemin}.{cle}" if chemin else cle, f"champ inconnu (champs possibles : {', '.join(sorted(permises))})")


def _liste(lecteur: Lecteur, objet: dict, cle: str, chemin: str, maximum: int) -> list[tuple[str, dict]]:
    """Les objets d'une liste facultative (absente ou vide : aucun)."""
    valeur = objet.get(cle)
    if valeur is None or valeur == []:
        return []
    return list(lecteur.elements(objet, cle, chemin, maximum=maximum))


def _finess(lecteur: Lecteur, objet: dict, cle: str, chemin: str) -> str | None:
    texte = lecteur.texte(objet, cle, chemin, maximum=20)
    if texte is None:
        return None
    compact = texte.replace(" ", "").upper()
    if not _FINESS.fullmatch(compact):
        lecteur.erreur(chemin, f"numéro FINESS de 9 caractères attendu (9 chiffres, ou 2A / 2B et 7 chiffres), reçu {recu(texte)}")
        return None
    return compact


def _date(lecteur: Lecteur, objet: dict, cle: str, chemin: str, obligatoire: bool) -> str | None:
    texte = lecteur.texte(objet, cle, chemin, obligatoire=obligatoire, maximum=40)
    if texte is None:
        return None
    try:
        if not _DATE.fullmatch(texte):
            raise ValueError
        return datetime.date.fromisoformat(texte).isoformat()
    except ValueError:
        lecteur.erreur(chemin, f"date AAAA-MM-JJ attendue, reçu {recu(texte)}")
        return None


def _texte_long(lecteur: Lecteur, objet: dict, cle: str, chemin: str) -> str | None:
    return lecteur.texte(objet, cle, chemin, obligatoire=False, maximum=MAX_TEXTE_LONG)


def _entier(lecteur: Lecteur, objet: dict, cle: str, chemin: str, minimum: int, maximum: int, defaut: int | None = None) -> int | None:
    valeur = lecteur.nombre(objet, cle, chemin, minimum=minimum, maximum=maximum, entier=True,
                            defaut=None if defaut is None else Decimal(defaut))
    return None if valeur is None else int(valeur)


def _lire_esms(lecteur: Lecteur, dossier: dict, categories: list[str]) -> list[Esms]:
    resultat, vus = [], set()
    for chemin, objet in _liste(lecteur, dossier, "esms", "esms", MAX_ESMS):
        _inconnues(lecteur, objet, CLES_ESMS, chemin)
        finess = _finess(lecteur, objet, "finess", f"{chemin}.finess")
        if finess in vus:
            lecteur.erreur(f"{chemin}.finess", f"FINESS {finess} déjà utilisé par un autre ESMS du dossier")
        nom = lecteur.texte(objet, "nom", f"{chemin}.nom")
        secteur = lecteur.choix(objet, "secteur", f"{chemin}.secteur", lire.SECTEURS, "secteur inconnu")
        categorie = lecteur.choix(objet, "categorie", f"{chemin}.categorie", [*categories, CATEGORIE_AUTRE], "catégorie inconnue")
        jours = None
        if categorie == CATEGORIE_AUTRE:
            jours = _entier(lecteur, objet, "jours_ouverture", f"{chemin}.jours_ouverture", 1, 366)
        elif objet.get("jours_ouverture") not in (None, ""):
            lecteur.erreur(f"{chemin}.jours_ouverture",
                           f"jours d'ouverture fixés par la catégorie ; indiquez la catégorie « {CATEGORIE_AUTRE} » pour une durée spécifique")
        nombres = {
            cle: lecteur.nombre(objet, cle, f"{chemin}.{cle}", minimum=mini, maximum=maxi, strict=strict, obligatoire=False)
            for cle, mini, maxi, strict in (("capacite", 0, None, True), ("dotation", 0, BORNE, False),
                                            ("activite_realisee", 0, None, False), ("taux_cible", 0, 100, False))
        }
        diagnostic = objet.get("diagnostic") or {}
        if not isinstance(diagnostic, dict) or not all(isinstance(v, dict) for v in diagnostic.values()):
            lecteur.erreur(f"{chemin}.diagnostic",
                           f"objet {{indicateur: {{\"valeurs\": {{…}}}} ou {{\"valeur\": …}}}} attendu, reçu {recu(diagnostic)}")
            diagnostic = {}
        if finess and nom and secteur and categorie:
            vus.add(finess)
            resultat.append(Esms(finess, nom, secteur, categorie, jours, **nombres, diagnostic=diagnostic))
    return resultat


def _lire_modules(lecteur: Lecteur, dossier: dict, definitions: list[lire.ModuleDossier], parametres: dict) -> list[ModuleLu]:
    par_id = {d.id: d for d in definitions}
    lus: dict[str, ModuleLu] = {}
    for chemin, objet in _liste(lecteur, dossier, "modules", "modules", len(definitions) * 2):
        _inconnues(lecteur, objet, CLES_MODULE, chemin)
        id_ = lecteur.choix(objet, "id", f"{chemin}.id", list(par_id), "module inconnu")
        if id_ is None:
            continue
        if id_ in lus:
            lecteur.erreur(f"{chemin}.id", f"module « {id_} » déjà présent dans le dossier")
            continue
        definition = par_id[id_]
        module = ModuleLu(definition, chemin)
        if definition.statut == "a_la_carte":
            module.declenchement = lecteur.choix(objet, "declenchement", f"{chemin}.declenchement",
                                                 list(definition.declenchement), "déclenchement inconnu")
            module.date = _date(lecteur, objet, "date", f"{chemin}.date", obligatoire=True)
        else:
            for cle in ("declenchement", "date"):
                if objet.get(cle) not in (None, ""):
                    lecteur.erreur(f"{chemin}.{cle}", "module obligatoire : ni déclenchement ni date")
        module.types_actions = _lire_types(lecteur, objet, chemin, definition)
        module.textes = {cle: _texte_long(lecteur, objet, cle, f"{chemin}.{cle}")
                         for cle in ("objectif", "constat", "prealables", "partenaires")}
        module.valeur_initiale, module.cible_finale = (
            lecteur.nombre(objet, cle, f"{chemin}.{cle}", minimum=-BORNE, maximum=BORNE, obligatoire=False)
            for cle in ("valeur_initiale", "cible_finale")
        )
        if (module.valeur_initiale is None) != (module.cible_finale is None):
            manquant = "cible_finale" if module.cible_finale is None else "valeur_initiale"
            if objet.get(manquant) in (None, ""):
                lecteur.erreur(f"{chemin}.{manquant}", "valeur initiale et cible finale vont ensemble : indiquez les deux")
        module.suivi = _lire_suivi(lecteur, objet, chemin, _mode(definition, parametres))
        lus[id_] = module
    # Les modules obligatoires sont toujours dans le dossier ; les modules à la carte s'y ajoutent.
    return [lus.get(d.id) or ModuleLu(d, None) for d in definitions if d.id in lus or d.statut == "obligatoire"]


def _lire_types(lecteur: Lecteur, objet: dict, chemin: str, definition: lire.ModuleDossier) -> dict[str, list[str]]:
    types = {"PA": [], "PH": []}
    valeur = objet.get("types_actions")
    if valeur is None:
        return types
    base = f"{chemin}.types_actions"
    if not isinstance(valeur, dict):
        lecteur.erreur(base, f"objet {{PA: [...], PH: [...]}} attendu, reçu {recu(valeur)}")
        return types
    par_id = {t.id: t for t in definition.types}
    for secteur in sorted(set(valeur) - set(types)):
        lecteur.erreur(f"{base}.{secteur}", "secteur inconnu (valeurs possibles : PA, PH)")
    for secteur in types:
        liste = valeur.get(secteur) or []
        if not isinstance(liste, list):
            lecteur.erreur(f"{base}.{secteur}", f"liste d'ids de types d'actions attendue, reçu {recu(liste)}")
            continue
        for rang, id_ in enumerate(liste):
            champ = f"{base}.{secteur}[{rang}]"
            if id_ not in par_id:
                possibles = ", ".join(par_id) or "aucun : ce module ne propose pas de types d'actions"
                lecteur.erreur(champ, f"type d'actions inconnu {_cite(id_)} pour ce module (valeurs possibles : {possibles})")
            elif secteur not in par_id[id_].secteurs:
                lecteur.erreur(champ, f"le type d'actions « {par_id[id_].titre} » n'est proposé que pour le secteur {', '.join(par_id[id_].secteurs)}")
            elif id_ in types[secteur]:
                lecteur.erreur(champ, f"type d'actions « {par_id[id_].titre} » déjà retenu pour le secteur {secteur}")
            else:
                types[secteur].append(id_)
    return types


ATTENDU_SUIVI = {"actions": ("taux", "{\"taux\": …} (taux d'avancement figé de l'année)"),
                 "valeurs": ("valeurs", "{\"valeurs\": {…}} (variables de l'indicateur) ou {\"valeur\": …} (indicateur sans formule)")}


def _lire_suivi(lecteur: Lecteur, objet: dict, chemin: str, mode: str) -> dict[str, dict]:
    valeur = objet.get("suivi")
    if valeur is None:
        return {}
    if mode == "points_fragilite":
        lecteur.erreur(f"{chemin}.suivi", "le taux de résolution se calcule à partir de points_fragilite : pas de suivi à saisir")
        return {}
    if not isinstance(valeur, dict):
        lecteur.erreur(f"{chemin}.suivi", f"objet {{N1: {{...}}, …, N5: {{...}}}} attendu, reçu {recu(valeur)}")
        return {}
    suivi = {}
    for annee, releve in valeur.items():
        champ = f"{chemin}.suivi.{annee}"
        if annee not in ANNEES:
            lecteur.erreur(champ, f"année inconnue (valeurs possibles : {', '.join(ANNEES)})")
        elif not isinstance(releve, dict) or len(releve) != 1 or next(iter(releve)) not in (
                ("taux",) if mode == "actions" else ("valeurs", "valeur")):
            lecteur.erreur(champ, f"objet {ATTENDU_SUIVI[mode][1]} attendu, reçu {recu(releve)}")
        else:
            suivi[annee] = releve
    return suivi


def _lire_actions(lecteur: Lecteur, dossier: dict, modules: list[ModuleLu], phases: list[str], esms: list[Esms]) -> list[ActionLue]:
    par_id = {m.definition.id: m for m in modules}
    finess = [e.finess for e in esms]
    resultat = []
    for rang, (chemin, objet) in enumerate(_liste(lecteur, dossier, "actions", "actions", MAX_ACTIONS)):
        _inconnues(lecteur, objet, CLES_ACTION, chemin)
        libelle = lecteur.texte(objet, "libelle", f"{chemin}.libelle", maximum=500)
        module_id = lecteur.choix(objet, "module", f"{chemin}.module", list(par_id), "module absent du dossier")
        type_id = None
        if module_id is not None:
            types = {t.id: t for t in par_id[module_id].definition.types}
            if types:
                type_id = lecteur.choix(objet, "type_actions", f"{chemin}.type_actions", list(types), "type d'actions inconnu pour ce module")
            elif objet.get("type_actions") not in (None, ""):
                lecteur.erreur(f"{chemin}.type_actions", "ce module ne propose pas de types d'actions : laissez ce champ vide")
        concernes = objet.get("esms") or []
        if not isinstance(concernes, list):
            lecteur.erreur(f"{chemin}.esms", f"liste de numéros FINESS attendue, reçu {recu(concernes)}")
            concernes = []
        lus = []
        for position, numero in enumerate(concernes):
            texte = numero.replace(" ", "").upper() if isinstance(numero, str) else numero
            if texte not in finess:
                lecteur.erreur(f"{chemin}.esms[{position}]", f"ESMS {_cite(numero)} absent du dossier")
            elif texte not in lus:
                lus.append(texte)
        pilote = lecteur.texte(objet, "pilote", f"{chemin}.pilote", obligatoire=False)
        echeance = _date(lecteur, objet, "echeance", f"{chemin}.echeance", obligatoire=False)
        phase = lecteur.choix(objet, "phase", f"{chemin}.phase", phases, "phase inconnue")
        part = lecteur.nombre(objet, "avancement_phase", f"{chemin}.avancement_phase", minimum=0, maximum=100, defaut=Decimal(0))
        if libelle and module_id and phase and part is not None and (type_id or not par_id[module_id].definition.types):
            resultat.append(ActionLue(rang, libelle, module_id, type_id, lus, pilote, echeance, phase, part))
    return resultat


def _lire_points(lecteur: Lecteur, dossier: dict, esms: list[Esms]) -> list[PointLu]:
    resultat = []
    finess = [e.finess for e in esms]
    for chemin, objet in _liste(lecteur, dossier, "points_fragilite", "points_fragilite", MAX_POINTS):
        _inconnues(lecteur, objet, CLES_POINT, chemin)
        diagnostic = lecteur.texte(objet, "diagnostic", f"{chemin}.diagnostic", obligatoire=False)
        libelle = lecteur.texte(objet, "libelle", f"{chemin}.libelle", obligatoire=diagnostic is None, maximum=500)
        numero = lecteur.texte(objet, "esms", f"{chemin}.esms", obligatoire=False)
        if numero is not None and numero.replace(" ", "").upper() not in finess:
            lecteur.erreur(f"{chemin}.esms", f"ESMS {_cite(numero)} absent du dossier")
        retenu = objet.get("retenu", True)
        if not isinstance(retenu, bool):
            lecteur.erreur(f"{chemin}.retenu", f"true ou false attendu, reçu {recu(retenu)}")
        resolu = objet.get("resolu_en")
        if resolu is not None and resolu not in ANNEES:
            lecteur.erreur(f"{chemin}.resolu_en", f"année attendue parmi {', '.join(ANNEES)} (ou null), reçu {recu(resolu)}")
        resultat.append(PointLu(chemin, diagnostic, libelle,
                                numero.replace(" ", "").upper() if numero else None, retenu is not False, resolu))
    return resultat


def _annee_valide(lecteur: Lecteur, dossier: dict) -> bool:
    """``premiere_annee`` : message sans séparateur de milliers (« entre 2000 et 2100 »)."""
    valeur = dossier.get("premiere_annee")
    if valeur is None or isinstance(valeur, bool) or not isinstance(valeur, (int, str)) or not str(valeur).strip().isdigit() \
            or not 2000 <= int(str(valeur).strip()) <= 2100:
        lecteur.erreur("premiere_annee", MANQUANT if valeur is None else f"année entre 2000 et 2100 attendue (année civile de N1), reçu {recu(valeur)}")
        return False
    return True


def lire_dossier(brut: object, parametres: dict) -> DossierLu:
    """Migre puis lit le dossier ; lève ``EntreeInvalide`` avec toutes les erreurs (chemins des champs)."""
    dossier = migrer(brut)
    definitions = lire.modules_dossier(parametres)
    categories = list(lire.jours_par_categorie(parametres))
    phases = [p.id for p in lire.phases(parametres)]
    lecteur = Lecteur()
    _inconnues(lecteur, dossier, CLES_DOSSIER, "")
    og_brut = dossier.get("og")
    og = {}
    if og_brut is None:
        lecteur.erreur("og", MANQUANT)
    elif lecteur.objet(og_brut, "og") is not None:
        _inconnues(lecteur, og_brut, CLES_OG, "og")
        og = {"raison_sociale": lecteur.texte(og_brut, "raison_sociale", "og.raison_sociale"),
              "finess_juridique": _finess(lecteur, og_brut, "finess_juridique", "og.finess_juridique")}
    premiere = _entier(lecteur, dossier, "premiere_annee", "premiere_annee", 2000, 2100) if _annee_valide(lecteur, dossier) else None
    suivi = _entier(lecteur, dossier, "annee_suivi", "annee_suivi", 1, 5, defaut=1)
    esms = _lire_esms(lecteur, dossier, categories)
    modules = _lire_modules(lecteur, dossier, definitions, parametres)
    actions = _lire_actions(lecteur, dossier, modules, phases, esms)
    points = _lire_points(lecteur, dossier, esms)
    lecteur.terminer()
    return DossierLu(dossier["version"], og, premiere, suivi, esms, modules, actions, points)


# --- Calculs ----------------------------------------------------------------------------------


def _reprefixer(exc: EntreeInvalide, prefixe: str) -> EntreeInvalide:
    """Les erreurs d'un calculateur réutilisé, ramenées aux chemins du dossier (``prefixe.champ``)."""
    return EntreeInvalide([Erreur(f"{prefixe}.{e.champ}" if e.champ else prefixe, e.message) for e in exc.erreurs])


def _secteurs_action(action: ActionLue, esms: list[Esms]) -> list[str]:
    """Secteurs d'une action : ceux de ses ESMS ; sans ESMS désigné, ceux de tous les ESMS du dossier."""
    concernes = [e for e in esms if e.finess in action.esms] if action.esms else esms
    return [s for s in lire.SECTEURS if any(e.secteur == s for e in concernes)]


def _types_par_secteur(module: ModuleLu, actions: list[ActionLue], esms: list[Esms]) -> dict[str, list[str]]:
    """Types d'actions par secteur : ceux retenus pour le module et ceux des actions du secteur."""
    types = {t.id: t for t in module.definition.types}
    resultat = {s: list(module.types_actions[s]) for s in lire.SECTEURS}
    for action in actions:
        if action.type_actions is None:
            continue
        for secteur in _secteurs_action(action, esms):
            if secteur in types[action.type_actions].secteurs and action.type_actions not in resultat[secteur]:
                resultat[secteur].append(action.type_actions)
    return resultat


def _hors_secteur(module: ModuleLu, actions: list[ActionLue], esms: list[Esms]) -> list[str]:
    """Actions dont le type d'actions n'est proposé pour aucun secteur de leurs ESMS."""
    types = {t.id: t for t in module.definition.types}
    avertissements = []
    for action in actions:
        secteurs = _secteurs_action(action, esms)
        if action.type_actions is not None and secteurs and not set(secteurs) & set(types[action.type_actions].secteurs):
            type_ = types[action.type_actions]
            avertissements.append(
                f"Action « {action.libelle} » (actions[{action.rang}]) : le type d'actions « {type_.titre} » n'est proposé que pour "
                f"le secteur {', '.join(type_.secteurs)}, or l'action concerne le secteur {', '.join(secteurs)} ; "
                "elle n'est comptée dans aucun secteur."
            )
    return avertissements


def _avertissements_types(module: ModuleLu, par_secteur: dict[str, list[str]]) -> list[str]:
    """Règle : au plus N types d'actions par secteur (N du module) ; le sixième type avertit."""
    maximum = module.definition.max_types
    if maximum is None:
        return []
    titres = {t.id: t.titre for t in module.definition.types}
    return [
        f"Module « {module.definition.titre} », secteur {secteur} : {len(ids)} types d'actions "
        f"({', '.join(titres[i] for i in ids)}), au-delà des {maximum} types d'actions par secteur prévus ; "
        "le dossier est calculé quand même."
        for secteur, ids in par_secteur.items()
        if len(ids) > maximum
    ]


def _fin_annee(premiere: int, rang: int) -> str:
    return f"{premiere + rang - 1}-12-31"


def _mode(definition: lire.ModuleDossier, parametres: dict) -> str:
    """Comment se calcule l'indicateur du module : ``actions``, ``points_fragilite`` ou ``valeurs``."""
    if definition.indicateur == INDICATEUR_FRAGILITES:
        return "points_fragilite"
    if lire.infos_indicateur(parametres, definition.indicateur)["calculateur_dedie"] == "avancement":
        return "actions"
    return "valeurs"


def _valeur_indicateur(id_: str, releve: dict, champ: str, parametres: dict) -> dict:
    """Valeur de l'indicateur pour un relevé ``{"valeurs": {…}}`` ou ``{"valeur": …}``."""
    try:
        resultat = indicateur.calculer({"id": id_, **releve}, parametres)
    except EntreeInvalide as exc:
        raise _reprefixer(exc, champ) from None
    return {"valeur": resultat["valeur"], **({"non_calculable": resultat["non_calculable"]} if "non_calculable" in resultat else {})}


def _cibles(module: ModuleLu) -> list[float] | None:
    if module.valeur_initiale is None or module.cible_finale is None:
        return None
    entree = {"valeur_initiale": str(module.valeur_initiale), "cible_finale": str(module.cible_finale), "annees": 5}
    try:
        return trajectoire.calculer(entree, {})["cibles"]
    except EntreeInvalide as exc:
        raise _reprefixer(exc, module.chemin or "modules") from None


def _annees(module: ModuleLu, mode: str, courant: dict, dossier: DossierLu, parametres: dict) -> list[dict]:
    cibles = _cibles(module)
    lignes = []
    for rang, annee in enumerate(ANNEES, start=1):
        ligne = {"annee": annee, "annee_civile": dossier.premiere_annee + rang - 1,
                 "cible": cibles[rang - 1] if cibles else None, "valeur": None, "origine": None}
        releve = module.suivi.get(annee)
        champ = f"{module.chemin}.suivi.{annee}"
        if mode == "points_fragilite":
            if rang <= dossier.annee_suivi:
                ligne.update(fragilites.taux_resolution(courant["retenus"], rang, parametres), origine="points_fragilite")
        elif releve is not None and mode == "actions":
            lecteur = Lecteur()
            taux = lecteur.nombre(releve, "taux", f"{champ}.taux", minimum=0, maximum=100)
            lecteur.terminer()
            ligne.update(valeur=en_json(taux), origine="saisie")
        elif releve is not None:
            ligne.update(_valeur_indicateur(module.definition.indicateur, releve, champ, parametres), origine="saisie")
        elif mode == "actions" and rang == dossier.annee_suivi and courant.get("taux") is not None:
            ligne.update(valeur=courant["taux"], origine="actions")
        lignes.append(ligne)
    return lignes


def _modulation(dossier: DossierLu, parametres: dict) -> dict | None:
    complets, incomplets = [], []
    for rang, e in enumerate(dossier.esms):
        manquants = [c for c in ("capacite", "activite_realisee", "taux_cible", "dotation") if getattr(e, c) is None]
        if manquants:
            incomplets.append({"finess": e.finess, "nom": e.nom, "champs_manquants": manquants})
            continue
        base = {"jours_ouverture": e.jours_ouverture} if e.categorie == CATEGORIE_AUTRE else {"categorie": e.categorie}
        complets.append((rang, {"nom": e.nom, **base, "capacite": str(e.capacite), "activite_realisee": str(e.activite_realisee),
                                "taux_cible": str(e.taux_cible), "dotation": str(e.dotation)}))
    if not complets:
        return {"etablissements": [], "total": None, "incomplets": incomplets}
    try:
        resultat = modulation.calculer({"etablissements": [c for _, c in complets]}, parametres)
    except EntreeInvalide as exc:
        erreurs = []
        for erreur in exc.erreurs:
            champ = erreur.champ
            for position, (rang, _) in enumerate(complets):
                if champ.startswith(f"etablissements[{position}]"):
                    champ = f"esms[{rang}]" + champ[len(f"etablissements[{position}]"):]
            erreurs.append(Erreur(champ, erreur.message))
        raise EntreeInvalide(erreurs) from None
    for ligne, (rang, _) in zip(resultat["etablissements"], complets):
        ligne["finess"] = dossier.esms[rang].finess
    return {**resultat, "incomplets": incomplets}


def _action_calculee(action: ActionLue, phases: list[lire.Phase], dossier: DossierLu, titres: dict[str, str]) -> dict:
    taux, explication = avancement.taux_action(phases, action.phase, action.avancement_phase)
    fin = _fin_annee(dossier.premiere_annee, dossier.annee_suivi)
    return {
        "rang": action.rang,
        "libelle": action.libelle,
        "type_actions": action.type_actions,
        "type_actions_titre": titres.get(action.type_actions) if action.type_actions else None,
        "esms": action.esms,
        "secteurs": _secteurs_action(action, dossier.esms),
        "pilote": action.pilote,
        "echeance": action.echeance,
        "phase": action.phase,
        "avancement_phase": en_json(action.avancement_phase),
        "taux": en_json(taux),
        "explication": explication,
        "realisee": taux == 100,
        "en_retard": taux < 100 and action.echeance is not None and action.echeance <= fin,
    }


def calculer(entree: dict, parametres: dict) -> dict:
    """Le dossier (voir ``calculators/DOSSIER.md``) → indicateurs, règles, modulation, trajectoires, sorties."""
    dossier = lire_dossier(entree, parametres)
    phases = lire.phases(parametres)
    diagnostic = fragilites.diagnostiquer(dossier.esms, dossier.points, parametres)
    avertissements = list(diagnostic["avertissements"])
    modules = []
    for module in dossier.modules:
        definition = module.definition
        titres = {t.id: t.titre for t in definition.types}
        actions = [a for a in dossier.actions if a.module == definition.id]
        calculees = [_action_calculee(a, phases, dossier, titres) for a in actions]
        par_secteur = _types_par_secteur(module, actions, dossier.esms)
        avertissements += _avertissements_types(module, par_secteur) + _hors_secteur(module, actions, dossier.esms)
        mode = _mode(definition, parametres)
        taux = arrondir(sum((Decimal(str(a["taux"])) for a in calculees), Decimal(0)) / len(calculees)) if calculees else None
        courant = {"taux": en_json(taux) if taux is not None else None, "retenus": diagnostic["retenus"]}
        annees = _annees(module, mode, courant, dossier, parametres)
        infos = lire.infos_indicateur(parametres, definition.indicateur)
        modules.append({
            "id": definition.id,
            "titre": definition.titre,
            "statut": definition.statut,
            "declenchement": module.declenchement,
            "date": module.date,
            "indicateur": {"id": definition.indicateur, "libelle": infos["libelle"], "unite": infos["unite"], "mode": mode},
            "types_actions": {s: [{"id": i, "titre": titres[i]} for i in ids] for s, ids in par_secteur.items()},
            "max_types_actions_par_secteur": definition.max_types,
            "textes": module.textes,
            "valeur_initiale": None if module.valeur_initiale is None else en_json(module.valeur_initiale),
            "cible_finale": None if module.cible_finale is None else en_json(module.cible_finale),
            "actions": calculees,
            "taux_actions": courant["taux"],
            "annees": annees,
        })
    resultat = {
        "format": FORMAT,
        "version": VERSION,
        "og": dossier.og,
        "premiere_annee": dossier.premiere_annee,
        "annee_suivi": ANNEES[dossier.annee_suivi - 1],
        "esms": [{"finess": e.finess, "nom": e.nom, "secteur": e.secteur, "categorie": e.categorie} for e in dossier.esms],
        "modules": modules,
        "modulation": _modulation(dossier, parametres),
        "fragilites": {k: diagnostic[k] for k in ("proposes", "retenus", "ecartes")},
        "avertissements": avertissements,
    }
    resultat["fiches"] = [sorties.fiche_objectif(m, resultat) for m in modules]
    resultat["bilan"] = sorties.bilan(resultat)
    return resultat
