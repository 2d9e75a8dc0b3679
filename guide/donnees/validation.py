"""Validation de tout le YAML du guide : on COLLECTE toutes les erreurs, puis on les rapporte toutes.

Deux passes : chaque fichier contre son schéma (``guide.donnees.schema``), puis les règles qui croisent les
fichiers (références, ids en double, poids des phases, formules). Les clés inconnues sont des
avertissements (fatals en mode strict).
"""

from __future__ import annotations

import datetime
import difflib
import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from calculators.formule import FormuleInvalide, variables_utilisees, verifier

from guide.donnees import schema as S
from guide.donnees.chemins import (
    FICHIER_BIBLIOTHEQUE,
    FICHIER_GLOSSAIRE,
    FICHIER_INDICATEURS,
    FICHIER_PARAMETRES,
    FICHIER_PUBLICATION,
)
from guide.donnees.erreurs import ErreurReferentiel, Probleme
from guide.donnees.yamlio import Liste, Table, lire_fichier

__all__ = ["Donnees", "ErreurReferentiel", "Probleme", "valider"]

_TYPES = {  # type -> (nom, accord de « attendu »)
    "texte": ("texte", "attendu"),
    "entier": ("entier", "attendu"),
    "nombre": ("nombre", "attendu"),
    "booleen": ("booléen", "attendu"),
    "date": ("date (AAAA-MM-JJ ou AAAA-MM)", "attendue"),
    "liste": ("liste", "attendue"),
    "table": ("table de clés", "attendue"),
}
_MOTIF_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


def nature(valeur: object) -> str:
    """Nom français du type d'une valeur YAML."""
    if valeur is None:
        return "valeur vide"
    if isinstance(valeur, bool):
        return "booléen"
    if isinstance(valeur, int):
        return "entier"
    if isinstance(valeur, float):
        return "nombre"
    if isinstance(valeur, str):
        return "texte"
    if isinstance(valeur, datetime.date):
        return "date"
    if isinstance(valeur, list):
        return "liste"
    return "table de clés"


def decrire(valeur: object) -> str:
    """« texte « PA » », « entier 3 », « liste »…

    >>> decrire("PA"), decrire(3), decrire([1]), decrire(None)
    ('texte « PA »', 'entier 3', 'liste', 'valeur vide')
    """
    if valeur is None or isinstance(valeur, (list, dict)):
        return nature(valeur)
    if isinstance(valeur, bool):
        return f"booléen « {'true' if valeur else 'false'} »"
    if isinstance(valeur, str):
        texte = valeur if len(valeur) <= 60 else valeur[:57] + "…"
        return f"texte « {texte} »"
    return f"{nature(valeur)} {valeur}"


def _est_du_type(valeur: object, type_: str) -> bool:
    if type_ == "texte":
        return isinstance(valeur, str)
    if type_ == "entier":
        return isinstance(valeur, int) and not isinstance(valeur, bool)
    if type_ == "nombre":
        return (isinstance(valeur, (int, float)) and not isinstance(valeur, bool)
                and math.isfinite(valeur))
    if type_ == "booleen":
        return isinstance(valeur, bool)
    if type_ == "date":
        return isinstance(valeur, datetime.date) or (isinstance(valeur, str) and bool(_MOTIF_DATE.match(valeur)))
    if type_ == "liste":
        return isinstance(valeur, list)
    return isinstance(valeur, dict)


def _attendu(types: list[str]) -> str:
    noms = [_TYPES[t][0] for t in types]
    return f"{' ou '.join(noms)} {_TYPES[types[-1]][1]}"


@dataclass
class Donnees:
    """Contenu brut validé : ``modules`` (fichier relatif -> table) et les fichiers communs."""

    racine: Path
    modules: dict[str, Table] = field(default_factory=dict)      # modules sans erreur propre
    communs: dict[str, Table | None] = field(default_factory=dict)  # None : fichier en erreur
    modules_en_erreur: list[str] = field(default_factory=list)
    erreurs: list[Probleme] = field(default_factory=list)
    avertissements: list[Probleme] = field(default_factory=list)


class _Verificateur:
    """Vérifie une valeur contre un schéma et remplit les valeurs par défaut."""

    def __init__(self, fichier: str, donnees: Donnees):
        self.fichier = fichier
        self.donnees = donnees
        self.niveau = 0
        self.structure_en_echec = False  # erreur sur la racine ou sur un de ses champs

    def erreur(self, position, chemin, message):
        self.donnees.erreurs.append(Probleme(self.fichier, *position, tuple(chemin), message))
        if self.niveau <= 1:
            self.structure_en_echec = True

    def avertir(self, position, chemin, message):
        self.donnees.avertissements.append(Probleme(self.fichier, *position, tuple(chemin), message, True))

    def verifier(self, valeur, schema: dict, chemin: tuple, position) -> bool:
        """``True`` si la valeur a le bon type (le contenu peut porter d'autres erreurs)."""
        if valeur is None and schema.get("nul"):
            return True
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_est_du_type(valeur, t) for t in types):
            self.erreur(position, chemin, f"{_attendu(types)}, reçu {decrire(valeur)}")
            return False
        if isinstance(valeur, dict):
            self._table(valeur, schema, chemin)
        elif isinstance(valeur, list):
            self._liste(valeur, schema, chemin, position)
        else:
            self._scalaire(valeur, schema, chemin, position)
        return True

    def _sous(self, valeur, schema, chemin, position) -> bool:
        """Vérifie un champ ou un élément, un niveau plus bas."""
        self.niveau += 1
        try:
            return self.verifier(valeur, schema, chemin, position)
        finally:
            self.niveau -= 1

    def _scalaire(self, valeur, schema, chemin, position):
        if "valeurs" in schema and valeur not in schema["valeurs"]:
            permises = ", ".join(str(v) for v in schema["valeurs"])
            montre = f"« {valeur} »" if isinstance(valeur, str) else decrire(valeur)
            self.erreur(position, chemin, f"valeur {montre} non permise (valeurs permises : {permises})")
        elif "motif" in schema and isinstance(valeur, str) and not re.match(schema["motif"], valeur):
            self.erreur(position, chemin, _message_motif(schema["motif"], valeur))
        elif isinstance(valeur, str) and not valeur.strip() and schema.get("obligatoire") and schema is not _UNITE:
            self.erreur(position, chemin, "texte vide")
        elif isinstance(valeur, str) and (faute := faute_de_texte(valeur, schema.get("format", S.SIMPLE))):
            self.erreur(position, chemin, faute)
        elif isinstance(valeur, (int, float)) and not isinstance(valeur, bool):
            if "min" in schema and valeur < schema["min"]:
                self.erreur(position, chemin, f"{valeur} est inférieur au minimum {schema['min']}")
            elif "max" in schema and valeur > schema["max"]:
                self.erreur(position, chemin, f"{valeur} est supérieur au maximum {schema['max']}")

    def _liste(self, liste: Liste, schema, chemin, position):
        if schema.get("non_vide") and not liste:
            self.erreur(position, chemin, "liste vide : au moins un élément attendu")
        element = schema.get("element")
        if element is None:
            return
        vus: dict = {}
        for i, valeur in enumerate(liste):
            chemin_element = _chemin_element(chemin, element, valeur, i)
            pos = liste.position_de(i)
            self._sous(valeur, element, chemin_element, pos)
            if schema.get("uniques") and isinstance(valeur, (str, int)):
                if valeur in vus:
                    self.erreur(pos, chemin, f"{decrire(valeur)} en double")
                vus[valeur] = i

    def _table(self, table: Table, schema, chemin):
        champs = schema.get("champs")
        if champs is None:
            libre = schema.get("libre")
            for cle, valeur in table.items():
                if libre:
                    self._sous(valeur, libre, (*chemin, cle), table.position_de(cle))
            return
        for cle in table:
            if cle not in champs:
                proche = difflib.get_close_matches(cle, list(champs), n=1)
                suggestion = f" : vouliez-vous dire « {proche[0]} » ?" if proche else ""
                self.avertir(table.position_de(cle), chemin, f"clé inconnue « {cle} »{suggestion}")
        for cle, sous_schema in champs.items():
            if cle in table:
                self._sous(table[cle], sous_schema, (*chemin, cle), table.position_de(cle))
            elif sous_schema.get("obligatoire"):
                self.niveau += 1
                self.erreur(table.position, (*chemin, cle), "champ obligatoire manquant")
                self.niveau -= 1
            elif "defaut" in sous_schema:
                table[cle] = _copie(sous_schema["defaut"])
                table.positions[cle] = table.position


_UNITE = S.INDICATEUR["champs"]["unite"]  # le seul texte obligatoire qui peut être vide ("")


def _copie(valeur):
    if isinstance(valeur, dict):
        return Table({k: _copie(v) for k, v in valeur.items()})
    if isinstance(valeur, list):
        return Liste(_copie(v) for v in valeur)
    return valeur


_HTML = re.compile(S.MOTIF_HTML)
_IMAGE = re.compile(r"!\[")
_ATTRIBUTS = re.compile(r"\{\s*:|\{\s*[#.][\w-]|\{[^{}\n]*=[^{}\n]*\}")  # { : … }, {#id}, {.classe}, {cle=v}
# Destinations de liens Markdown : [texte](destination "titre") et définitions [ref]: destination.
_LIEN_EN_LIGNE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)")
_LIEN_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*(\S+)", re.MULTILINE)
_CIBLE_APRES_CROCHET = re.compile(r"\]:\s*(\S+)")  # définition de lien, même en retrait (liste, citation)
_SCHEMA = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLES = re.compile(r"[\x00-\x20\x7f]+")


def _schema_de_lien(destination: str) -> str | None:
    """Schéma (« javascript », « https »…) d'une destination de lien telle que le navigateur la lira
    (entités HTML et échappements « \\ » décodés, blancs et caractères de contrôle retirés)."""
    propre = _INVISIBLES.sub("", html.unescape(destination.strip("<>")).replace("\\", ""))
    trouve = _SCHEMA.match(propre)
    return trouve.group(1).lower() if trouve else None


def faute_de_texte(texte: str, format_: str) -> str | None:
    """Message si ``texte`` contient ce que son format refuse (HTML brut, image, lien…), sinon None.

    >>> faute_de_texte("Voir **la note** [HAS](https://www.has-sante.fr)", "en_ligne") is None
    True
    >>> faute_de_texte("<script>alert(1)</script>", "bloc")
    'HTML interdit (« <script> ») : le texte est publié tel quel ; mettre en forme en Markdown'
    >>> faute_de_texte("[ici](javascript:alert(1))", "en_ligne")
    'lien interdit « javascript: » : adresses http://, https:// ou mailto: seulement'
    >>> faute_de_texte("[ici](https://a.fr)", "simple")
    'lien interdit dans ce champ (texte simple, sans Markdown)'
    """
    if trouve := _HTML.search(texte):
        if automatique := re.match(r"<(https?|mailto):", trouve.group(), re.IGNORECASE):
            schema = automatique.group(1).lower()
            suite = "//…" if schema != "mailto" else "…"
            return f"lien automatique « <{schema}:{suite}> » interdit : écrire [texte]({schema}:{suite})"
        extrait = trouve.group().rstrip("/") + ">" if not trouve.group().startswith("<!") else trouve.group()
        return f"HTML interdit (« {extrait} ») : le texte est publié tel quel ; mettre en forme en Markdown"
    if _IMAGE.search(texte):
        return "image interdite (« ![…](…) ») : aucune image n'est chargée depuis le YAML"
    if trouve := _ATTRIBUTS.search(texte):
        return f"attributs Markdown interdits (« {trouve.group()}… ») : le texte est du texte"
    destinations = [m.group(1) for m in _LIEN_EN_LIGNE.finditer(texte)]
    destinations += [m.group(1) for m in _LIEN_REFERENCE.finditer(texte)]
    if destinations and format_ == S.SIMPLE:
        return "lien interdit dans ce champ (texte simple, sans Markdown)"
    destinations += [m.group(1) for m in _CIBLE_APRES_CROCHET.finditer(texte)]
    for destination in destinations:
        schema = _schema_de_lien(destination)
        if schema is not None and schema not in S.SCHEMAS_LIENS:
            return f"lien interdit « {schema}: » : adresses http://, https:// ou mailto: seulement"
    return None


def _message_motif(motif: str, valeur: str) -> str:
    if motif == S.MOTIF_ID:
        return f"id invalide « {valeur} » : minuscules a-z, chiffres et tirets seulement (ex. « mon-id-2 »)"
    if motif == S.MOTIF_VARIABLE:
        return f"nom de variable invalide « {valeur} » : minuscules, chiffres et « _ », commençant par une lettre"
    if motif == S.MOTIF_URL:
        return (f"adresse invalide « {valeur} » : http:// ou https:// attendu, sans espace ni "
                "caractère < > \" ' ` ( ) [ ] { } \\")
    return f"valeur « {valeur} » invalide (motif {motif})"


def _nommable(nom: str) -> bool:
    """Un nom peut figurer dans le fil d'Ariane s'il est non vide et sans HTML ni lien."""
    return bool(nom.strip()) and faute_de_texte(nom, S.SIMPLE) is None


def _chemin_element(chemin: tuple, element: dict, valeur, indice: int) -> tuple:
    """Fil d'Ariane d'un élément de liste : son nom s'il en a un, sinon « champ n° k »."""
    if isinstance(valeur, dict):
        for cle in (element.get("nom"), "id"):
            nom = valeur.get(cle) if cle else None
            if isinstance(nom, (str, datetime.date)) and _nommable(str(nom)):
                return (*chemin[:-1], str(nom))
    return (*chemin[:-1], f"{chemin[-1]} n° {indice + 1}")


# --- Chargement --------------------------------------------------------------------------------


def _lire(chemin: Path, donnees: Donnees, schema: dict, racine_fil: str) -> Table | None:
    fichier = chemin.relative_to(donnees.racine).as_posix()
    if not chemin.is_file():
        if chemin.is_symlink():
            message = "lien symbolique cassé ou en boucle"
        elif chemin.exists():
            message = "n'est pas un fichier (dossier ?) : renommer sans l'extension .yml"
        else:
            message = "fichier manquant"
        donnees.erreurs.append(Probleme(fichier, 1, 1, (), message))
        return None
    try:
        valeur = lire_fichier(chemin, donnees.racine)
    except ErreurReferentiel as exc:
        donnees.erreurs.extend(exc.erreurs)
        return None
    if isinstance(valeur, Table) and schema is S.MODULE and isinstance(valeur.get("titre"), str) \
            and _nommable(valeur["titre"]):
        racine_fil = valeur["titre"]
    verificateur = _Verificateur(fichier, donnees)
    verificateur.verifier(valeur, schema, (racine_fil,), (1, 1))
    # Les règles qui croisent les fichiers sautent un fichier dont la structure (racine ou champs du
    # premier niveau) est déjà en erreur : pas d'erreur en cascade, pas de lecture d'un champ absent.
    # Une erreur plus profonde (une fiche, un indicateur) laisse le fichier aux règles croisées, qui
    # vérifient le type de ce qu'elles lisent.
    if verificateur.structure_en_echec:
        return None
    return valeur


def valider(racine: Path) -> Donnees:
    """Lit et valide tout ``racine/modules`` ; les problèmes sont dans ``erreurs``/``avertissements``."""
    donnees = Donnees(Path(racine))
    dossier = donnees.racine / "modules"
    for nom, (relatif, schema, fil) in S.COMMUNS.items():
        donnees.communs[nom] = _lire(dossier / relatif, donnees, schema, fil)
    for nom, (relatif, schema, fil) in S.COMMUNS_FACULTATIFS.items():
        chemin = dossier / relatif
        donnees.communs[nom] = _lire(chemin, donnees, schema, fil) if chemin.is_file() else None
    fichiers = sorted(dossier.glob("*.yml"))
    if not fichiers:
        donnees.erreurs.append(Probleme("modules", 1, 1, (), "aucun fichier de module (modules/*.yml)"))
    for chemin in fichiers:
        module = _lire(chemin, donnees, S.MODULE, chemin.stem)
        if module is not None:
            donnees.modules[chemin.relative_to(donnees.racine).as_posix()] = module
        else:
            donnees.modules_en_erreur.append(chemin.relative_to(donnees.racine).as_posix())
    _Croisements(donnees).tout()
    return donnees


# --- Règles qui croisent les fichiers -----------------------------------------------------------


def _ids(table: Table | None, cle: str, champ: str = "id") -> set | None:
    """Ids des éléments de ``table[cle]`` (``None`` si le fichier est illisible : pas de cascade)."""
    if table is None or not isinstance(table.get(cle), list):
        return None
    return {e.get(champ) for e in table[cle] if isinstance(e, dict)}


class _Croisements:
    def __init__(self, donnees: Donnees):
        self.d = donnees
        self.indicateurs = _ids(donnees.communs.get("indicateurs"), "indicateurs")
        self.sources = _ids(donnees.communs.get("publication"), "sources")
        bibliotheque = _ids(donnees.communs.get("bibliotheque"), "indicateurs") or set()
        self.indicateurs_et_bibliotheque = None if self.indicateurs is None else self.indicateurs | bibliotheque

    def erreur(self, fichier, position, chemin, message, avertissement=False):
        probleme = Probleme(fichier, *position, tuple(chemin), message, avertissement)
        (self.d.avertissements if avertissement else self.d.erreurs).append(probleme)

    def _unique(self, vus: dict, valeur, lieu, fichier, position, chemin, message) -> None:
        """Signale ``valeur`` si elle est déjà dans ``vus`` (``message(valeur, lieu de la première)``)."""
        if valeur in vus:
            self.erreur(fichier, position, chemin, message(valeur, vus[valeur]))
        vus.setdefault(valeur, lieu)

    def tout(self):
        self.modules()
        self.indicateurs_formules()
        self.bibliotheque()
        self.parametres()
        self.doublons_communs()
        self.journal()

    def _references(self, fichier, table, cle, connus, chemin, quoi, ou, inconnu="inconnu"):
        if connus is None or not isinstance(table.get(cle), list):
            return
        for i, valeur in enumerate(table[cle]):
            if isinstance(valeur, str) and valeur not in connus:
                self.erreur(fichier, table[cle].position_de(i), (*chemin, cle),
                            f"{quoi} « {valeur} » {inconnu} (absente de {ou})" if inconnu == "inconnue"
                            else f"{quoi} « {valeur} » {inconnu} (absent de {ou})")

    def modules(self):
        ordres: dict = {}
        themes: dict = {}
        for fichier, module in self.d.modules.items():
            fil = (module["titre"],) if isinstance(module.get("titre"), str) else (Path(fichier).stem,)
            identifiant = module.get("id")
            if isinstance(identifiant, str) and identifiant != Path(fichier).stem:
                self.erreur(fichier, module.position_de("id"), (*fil, "id"),
                            f"id « {identifiant} » différent du nom du fichier « {Path(fichier).name} »")
            if isinstance(module.get("ordre"), int):
                self._unique(ordres, module["ordre"], fichier, fichier, module.position_de("ordre"), (*fil, "ordre"),
                             lambda ordre, ou: f"ordre {ordre} déjà utilisé par {ou}")
            self._statut(fichier, module, fil)
            indicateur = module.get("indicateur")
            if self.indicateurs is not None and isinstance(indicateur, str) and indicateur not in self.indicateurs:
                self.erreur(fichier, module.position_de("indicateur"), (*fil, "indicateur"),
                            f"indicateur « {indicateur} » inconnu (absent de {FICHIER_INDICATEURS})")
            self._references(fichier, module, "sources", self.sources, fil, "source",
                             f"{FICHIER_PUBLICATION} > sources", "inconnue")
            for i, theme in enumerate(module.get("themes") or []):
                if isinstance(theme, dict):
                    self._theme(fichier, module["themes"].position_de(i), theme, fil, themes)

    def _statut(self, fichier, module, fil):
        statut, declenchement = module.get("statut"), module.get("declenchement")
        if statut == "obligatoire" and declenchement:
            self.erreur(fichier, module.position_de("declenchement"), (*fil, "declenchement"),
                        "un module obligatoire n'a pas de déclenchement : liste vide [] attendue")
        if statut == "a_la_carte" and declenchement == []:
            self.erreur(fichier, module.position_de("declenchement"), (*fil, "declenchement"),
                        "un module à la carte précise son déclenchement (contractualisation, avenant)")
        famille = module.get("famille")
        if statut in ("obligatoire", "a_la_carte") and famille in S.MODULE["champs"]["famille"]["valeurs"]:
            if (statut == "a_la_carte") != (famille == "a_la_carte"):
                self.erreur(fichier, module.position_de("famille"), (*fil, "famille"),
                            f"famille « {famille} » incompatible avec le statut « {statut} »")

    def _theme(self, fichier, position, theme, fil, themes):
        titre = theme.get("titre")
        fil_theme = (*fil, titre if isinstance(titre, str) and _nommable(titre) else str(theme.get("id")))
        if isinstance(theme.get("id"), str):
            self._unique(themes, theme["id"], fichier, fichier, theme.position_de("id"), (*fil_theme, "id"),
                         lambda ident, ou: f"id de fiche « {ident} » déjà utilisé dans {ou}")
        etat = theme.get("etat")
        if etat == "complete":
            manquants = [nom for cle, nom in S.EXIGES_SI_COMPLETE.items() if not theme.get(cle)]
            if manquants:
                self.erreur(fichier, theme.position_de("etat"), (*fil_theme, "etat"),
                            f"une fiche « complete » exige : {', '.join(manquants)} "
                            "(sinon mettre « etat: en_cours »)")
        elements = theme.get("elements_sources")
        if not isinstance(elements, list):
            elements = []
        if etat == "elements_sources" and not elements:
            self.erreur(fichier, theme.position_de("etat"), (*fil_theme, "etat"),
                        "une fiche « elements_sources » exige au moins un élément dans elements_sources "
                        "(sinon mettre « etat: en_cours »)")
        if etat == "en_cours" and elements:
            self.erreur(fichier, theme.position_de("etat"), (*fil_theme, "etat"),
                        "une fiche qui porte des elements_sources n'est plus « en_cours » : "
                        "mettre « etat: elements_sources » (ou « complete » si l'ARS a écrit son texte)")
        for i, element in enumerate(elements):
            source = element.get("source") if isinstance(element, dict) else None
            if self.sources is not None and isinstance(source, str) and source not in self.sources:
                self.erreur(fichier, element.position_de("source"), (*fil_theme, f"elements_sources n° {i + 1}", "source"),
                            f"source « {source} » inconnue (absente de modules/communs/publication.yml > sources)")
        self._references(fichier, theme, "indicateurs_possibles", self.indicateurs_et_bibliotheque, fil_theme,
                         "indicateur", "modules/communs/indicateurs.yml et de la bibliothèque d'indicateurs")

    def indicateurs_formules(self):
        table = self.d.communs.get("indicateurs")
        if table is None:
            return
        fichier = FICHIER_INDICATEURS
        vus: dict = {}
        for i, ind in enumerate(table["indicateurs"]):
            if not isinstance(ind, dict):
                continue
            fil = ("Indicateurs", ind["libelle"] if isinstance(ind.get("libelle"), str) else str(ind.get("id")))
            if isinstance(ind.get("id"), str):
                self._unique(vus, ind["id"], ind.position_de("id")[0], fichier, ind.position_de("id"), (*fil, "id"),
                             lambda ident, ligne: f"id d'indicateur « {ident} » en double (déjà ligne {ligne})")
            self._references(fichier, ind, "references", self.sources, fil, "source",
                             f"{FICHIER_PUBLICATION} > sources", "inconnue")
            self._formule(fichier, ind, fil)

    def _formule(self, fichier, ind, fil):
        variables = ind.get("variables")
        if not isinstance(variables, list):
            return
        noms = [v.get("nom") for v in variables if isinstance(v, dict) and isinstance(v.get("nom"), str)]
        for nom, nombre in Counter(noms).items():
            if nombre > 1:
                self.erreur(fichier, ind.position_de("variables"), (*fil, "variables"), f"variable « {nom} » déclarée deux fois")
        for v in variables:
            if isinstance(v, dict) and _est_du_type(v.get("min"), "nombre") and _est_du_type(v.get("max"), "nombre") \
                    and v["min"] > v["max"]:
                self.erreur(fichier, v.position_de("min"), (*fil, str(v.get("nom")), "min"),
                            f"min ({v['min']}) supérieur à max ({v['max']})")
        formule = ind.get("formule")
        if not isinstance(formule, str):
            return
        position = ind.position_de("formule")
        try:
            verifier(formule, noms)
        except FormuleInvalide as exc:
            self.erreur(fichier, position, (*fil, "formule"), f"formule invalide : {exc}")
            return
        inutiles = [nom for nom in noms if nom not in variables_utilisees(formule)]
        if inutiles:
            self.erreur(fichier, ind.position_de("variables"), (*fil, "variables"),
                        f"variable(s) déclarée(s) mais absente(s) de la formule : {', '.join(inutiles)}", True)

    def bibliotheque(self):
        """Bibliothèque d'indicateurs : sources connues, ids uniques (avec indicateurs.yml), formule
        cohérente avec la nature, seuils complets."""
        table = self.d.communs.get("bibliotheque")
        if table is None:
            return
        fichier = FICHIER_BIBLIOTHEQUE
        vus: dict = {i: "modules/communs/indicateurs.yml" for i in (self.indicateurs or set()) if isinstance(i, str)}
        for ind in table["indicateurs"]:
            if not isinstance(ind, dict):
                continue
            fil = ("Bibliothèque d'indicateurs", ind["libelle"] if isinstance(ind.get("libelle"), str) else str(ind.get("id")))
            if isinstance(ind.get("id"), str):
                self._unique(vus, ind["id"], f"{fichier} ligne {ind.position_de('id')[0]}", fichier, ind.position_de("id"),
                             (*fil, "id"), lambda ident, ou: f"id d'indicateur « {ident} » en double (déjà dans {ou})")
            seuils = [s for s in ind.get("seuils") or [] if isinstance(s, dict)]
            for table_source, chemin in ((ind, fil), *((s, (*fil, "seuils", str(s.get("sens")))) for s in seuils)):
                valeur = table_source.get("source")
                if self.sources is not None and isinstance(valeur, str) and valeur not in self.sources:
                    self.erreur(fichier, table_source.position_de("source"), (*chemin, "source"),
                                f"source « {valeur} » inconnue (absente de modules/communs/publication.yml > sources)")
            nature = ind.get("nature")
            if isinstance(ind.get("formule"), str):
                if nature == "oui_non":
                    self.erreur(fichier, ind.position_de("formule"), (*fil, "formule"),
                                "un indicateur Oui/Non n'a pas de formule")
                elif not ind.get("variables"):
                    self.erreur(fichier, ind.position_de("formule"), (*fil, "formule"),
                                "une formule exige ses variables (liste « variables »)")
                else:
                    self._formule(fichier, ind, fil)
            elif ind.get("variables"):
                self.erreur(fichier, ind.position_de("variables"), (*fil, "variables"),
                            "variables sans formule : donnez la formule de la source, ou retirez les variables")
            for seuil in ind.get("seuils") or []:
                if isinstance(seuil, dict):
                    self._seuil(fichier, seuil, nature, fil)

    def _seuil(self, fichier, seuil, nature, fil):
        sens, valeur = seuil.get("sens"), seuil.get("valeur")
        chemin = (*fil, "seuils", str(sens))
        position = seuil.position_de("sens")
        if sens == "entre":
            if not (_est_du_type(seuil.get("min"), "nombre") and _est_du_type(seuil.get("max"), "nombre")):
                self.erreur(fichier, position, chemin, "un seuil « entre » exige « min » et « max » (nombres)")
            elif seuil["min"] > seuil["max"]:
                self.erreur(fichier, seuil.position_de("min"), chemin, f"min ({seuil['min']}) supérieur à max ({seuil['max']})")
            if "valeur" in seuil:
                self.erreur(fichier, seuil.position_de("valeur"), chemin, "un seuil « entre » n'a pas de « valeur » (min et max)")
            return
        if "min" in seuil or "max" in seuil:
            cle = "min" if "min" in seuil else "max"
            self.erreur(fichier, seuil.position_de(cle), chemin, f"« {cle} » réservé au sens « entre » : utilisez « valeur »")
        if nature == "oui_non":
            if sens != "egal" or valeur not in ("Oui", "Non"):
                self.erreur(fichier, position, chemin, "le seuil d'un indicateur Oui/Non est « sens: egal » avec « valeur: Oui » ou « Non »")
        elif not _est_du_type(valeur, "nombre"):
            self.erreur(fichier, seuil.position_de("valeur") if "valeur" in seuil else position, chemin,
                        f"nombre attendu pour « valeur », reçu {decrire(valeur)}")

    def parametres(self):
        table = self.d.communs.get("parametres")
        if table is None:
            return
        fichier = FICHIER_PARAMETRES
        phases = [p for p in table["phases"] if isinstance(p, dict)]
        poids = [p.get("poids") for p in phases]
        if phases and all(_est_du_type(x, "nombre") for x in poids) and not math.isclose(sum(poids), 100):
            total = sum(poids)
            self.erreur(fichier, table.position_de("phases"), ("Paramètres", "phases"),
                        f"la somme des poids des phases vaut {total:g} au lieu de 100")
        self._doublons(fichier, table["phases"], "id", ("Paramètres", "phases"), "id de phase")
        categories = [(c, i) for i, j in enumerate(table["jours_ouverture"]) if isinstance(j, dict)
                      for c in (j.get("categories") or []) if isinstance(c, str)]
        vues: set = set()
        for categorie, i in categories:
            if categorie in vues:
                self.erreur(fichier, table["jours_ouverture"].position_de(i), ("Paramètres", "jours_ouverture"),
                            f"catégorie « {categorie} » présente dans deux bases d'ouverture")
            vues.add(categorie)

    def _doublons(self, fichier, liste, cle, chemin, quoi):
        vus: dict = {}
        for i, element in enumerate(liste):
            valeur = element.get(cle) if isinstance(element, dict) else None
            if isinstance(valeur, str):
                self._unique(vus, valeur, element.position_de(cle)[0], fichier, element.position_de(cle), chemin,
                             lambda v, ligne: f"{quoi} « {v} » en double (déjà ligne {ligne})")

    def doublons_communs(self):
        glossaire = self.d.communs.get("glossaire")
        if glossaire is not None:
            self._doublons(FICHIER_GLOSSAIRE, glossaire["sigles"], "sigle", ("Glossaire",), "sigle")
        publication = self.d.communs.get("publication")
        if publication is not None:
            self._doublons(FICHIER_PUBLICATION, publication["sources"], "id",
                           ("Publication", "sources"), "id de source")

    def journal(self):
        publication = self.d.communs.get("publication")
        if publication is None:
            return
        if self.d.modules_en_erreur:  # un module illisible : ses ids sont inconnus, pas de faux « inconnu »
            return
        ids = {m.get("id") for m in self.d.modules.values()}
        for entree in publication.get("journal") or []:
            if isinstance(entree, dict):
                fil = ("Publication", "journal", str(entree.get("date")))
                self._references(FICHIER_PUBLICATION, entree, "modules", ids, fil, "module",
                                 "modules/*.yml")
