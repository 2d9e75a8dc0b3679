"""Chargement YAML sûr qui garde les positions (ligne, colonne) et refuse les clés en double.

Les valeurs sont construites depuis l'arbre de nœuds de PyYAML (``SafeLoader``, aucun objet Python
arbitraire). Les tables et les listes sont des ``Table`` / ``Liste`` (sous-classes de ``dict`` /
``list``) qui savent où se trouve chacune de leurs clés et chacun de leurs éléments, pour que les
messages d'erreur donnent ``fichier:ligne:colonne``. Les marques de PyYAML commencent à 0 : on
ajoute 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from guide.donnees.erreurs import ErreurReferentiel, Probleme

Position = tuple[int, int]

TABULATION = "tabulation interdite pour l'indentation : utilisez des espaces"

# Messages de PyYAML (début du texte) -> explication en français.
_TRADUCTIONS = (
    ("mapping values are not allowed here",
     "« : » inattendu (un texte qui contient « : » doit être entre guillemets)"),
    ("could not find expected ':'", "« : » attendu après la clé"),
    ("expected <block end>, but found",
     "indentation incohérente (les éléments d'une même liste ou table doivent être alignés)"),
    ("expected ',' or ']'", "« ] » ou « , » attendu (liste entre crochets mal fermée)"),
    ("expected ',' or '}'", "« } » ou « , » attendu (table entre accolades mal fermée)"),
    ("found unexpected end of stream", "fin de fichier inattendue (guillemet non fermé ?)"),
    ("found undefined alias", "alias « * » inconnu"),
    ("found character '\\t' that cannot start any token", TABULATION),
    ("found unknown escape character", "séquence d'échappement « \\ » inconnue entre guillemets"),
    ("while scanning a quoted scalar", "guillemet non fermé"),
    ("found unexpected ':'", "« : » inattendu"),
    ("did not find expected '-' indicator", "« - » attendu (élément de liste mal indenté)"),
    ("did not find expected key", "clé attendue (indentation incohérente ?)"),
    ("did not find expected node content", "valeur attendue"),
)


_ETIQUETTES_SCALAIRES = {f"tag:yaml.org,2002:{nom}" for nom in ("str", "int", "float", "bool", "null", "timestamp")}


class Table(dict):
    """Table YAML : ``position`` (début de la table) et ``positions[clé]`` (position de la clé)."""

    position: Position = (1, 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.positions: dict[object, Position] = {}

    def position_de(self, cle: object) -> Position:
        """Position de la clé si elle est présente, sinon celle de la table."""
        return self.positions.get(cle, self.position)


class Liste(list):
    """Liste YAML : ``position`` (début) et ``positions[i]`` (position du i-ème élément)."""

    position: Position = (1, 1)

    def __init__(self, *args):
        super().__init__(*args)
        self.positions: list[Position] = []

    def position_de(self, indice: int) -> Position:
        """Position de l'élément ``indice``."""
        return self.positions[indice] if indice < len(self.positions) else self.position


def _position(marque) -> Position:
    return marque.line + 1, marque.column + 1


def traduire(probleme: str) -> str:
    """Message français pour un problème de syntaxe signalé par PyYAML.

    >>> print(traduire("mapping values are not allowed here"))
    « : » inattendu (un texte qui contient « : » doit être entre guillemets)
    >>> traduire("quelque chose d'autre")
    "erreur de syntaxe YAML (quelque chose d'autre)"
    """
    for debut, francais in _TRADUCTIONS:
        if probleme.startswith(debut):
            return francais
    return f"erreur de syntaxe YAML ({probleme})"


def tabulations(texte: str, fichier: str) -> list[Probleme]:
    """Une erreur par ligne dont l'indentation contient une tabulation."""
    problemes = []
    for numero, ligne in enumerate(texte.splitlines(), start=1):
        indentation = re.match(r"[ \t]*", ligne).group()
        if "\t" in indentation:
            problemes.append(Probleme(fichier, numero, indentation.index("\t") + 1, (), TABULATION))
    return problemes


class _Constructeur:
    """Construit les valeurs depuis les nœuds en notant les positions et les clés en double."""

    def __init__(self, chargeur: yaml.SafeLoader, fichier: str):
        self.chargeur = chargeur
        self.fichier = fichier
        self.problemes: list[Probleme] = []
        self._en_cours: set[int] = set()

    def erreur(self, position: Position, message: str) -> None:
        self.problemes.append(Probleme(self.fichier, *position, (), message))

    def valeur(self, noeud: yaml.Node):
        if id(noeud) in self._en_cours:
            self.erreur(_position(noeud.start_mark), "alias récursif interdit")
            return None
        self._en_cours.add(id(noeud))
        try:
            if isinstance(noeud, yaml.MappingNode):
                return self._table(noeud)
            if isinstance(noeud, yaml.SequenceNode):
                return self._liste(noeud)
            if noeud.tag not in _ETIQUETTES_SCALAIRES:
                self._etiquette(noeud, "str")
                return None
            return self.chargeur.construct_object(noeud, deep=True)
        finally:
            self._en_cours.discard(id(noeud))

    def _table(self, noeud: yaml.MappingNode) -> Table:
        self._etiquette(noeud, "map")
        self.chargeur.flatten_mapping(noeud)
        table = Table()
        table.position = _position(noeud.start_mark)
        for noeud_cle, noeud_valeur in noeud.value:
            position = _position(noeud_cle.start_mark)
            cle = self.valeur(noeud_cle) if isinstance(noeud_cle, yaml.ScalarNode) else None
            if not isinstance(cle, str):
                self.erreur(position, "clé invalide : un texte est attendu avant « : »")
                continue
            if cle in table:
                ligne = table.positions[cle][0]
                self.erreur(position, f"clé « {cle} » en double (déjà définie ligne {ligne})")
                continue
            table[cle] = self.valeur(noeud_valeur)
            table.positions[cle] = position
        return table

    def _etiquette(self, noeud: yaml.Node, attendue: str) -> None:
        if noeud.tag != f"tag:yaml.org,2002:{attendue}":
            self.erreur(_position(noeud.start_mark), f"étiquette YAML « {noeud.tag} » interdite")

    def _liste(self, noeud: yaml.SequenceNode) -> Liste:
        self._etiquette(noeud, "seq")
        liste = Liste()
        liste.position = _position(noeud.start_mark)
        for element in noeud.value:
            liste.append(self.valeur(element))
            liste.positions.append(_position(element.start_mark))
        return liste


def lire_texte(texte: str, fichier: str):
    """Valeur du document YAML ``texte`` ; lève ``ErreurReferentiel`` (fichier:ligne:colonne)."""
    problemes = tabulations(texte, fichier)
    if problemes:
        raise ErreurReferentiel(problemes)
    chargeur = yaml.SafeLoader(texte)
    try:
        noeud = chargeur.get_single_node()
        if noeud is None:
            raise ErreurReferentiel([Probleme(fichier, 1, 1, (), "fichier vide")])
        constructeur = _Constructeur(chargeur, fichier)
        valeur = constructeur.valeur(noeud)
        if valeur is None:  # « --- » seul, ou « ~ »
            raise ErreurReferentiel([Probleme(fichier, 1, 1, (), "fichier vide")])
    except yaml.MarkedYAMLError as exc:
        marque = exc.problem_mark or exc.context_mark
        position = _position(marque) if marque else (1, 1)
        raise ErreurReferentiel([Probleme(fichier, *position, (), traduire(exc.problem or ""))]) from None
    except yaml.YAMLError as exc:
        raise ErreurReferentiel([Probleme(fichier, 1, 1, (), traduire(str(exc)))]) from None
    finally:
        chargeur.dispose()
    if constructeur.problemes:
        raise ErreurReferentiel(constructeur.problemes)
    return valeur


def lire_fichier(chemin: Path, racine: Path):
    """Lit ``chemin`` (UTF-8) ; les messages le nomment relativement à ``racine``."""
    fichier = chemin.relative_to(racine).as_posix() if chemin.is_relative_to(racine) else str(chemin)
    try:
        texte = chemin.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        ligne = chemin.read_bytes()[: exc.start].count(b"\n") + 1
        raise ErreurReferentiel([Probleme(fichier, ligne, 1, (), "encodage invalide : UTF-8 attendu")]) from None
    except OSError as exc:
        raise ErreurReferentiel([Probleme(fichier, 1, 1, (), f"lecture impossible ({exc.strerror})")]) from None
    return lire_texte(texte.removeprefix("\ufeff"), fichier)
