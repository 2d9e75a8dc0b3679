"""Chargement YAML sûr qui garde les positions (ligne, colonne) et refuse les clés en double.

Les valeurs sont construites depuis l'arbre de nœuds de PyYAML (``SafeLoader``, aucun objet Python
arbitraire). Les tables et les listes sont des ``Table`` / ``Liste`` (sous-classes de ``dict`` /
``list``) qui savent où se trouve chacune de leurs clés et chacun de leurs éléments, pour que les
messages d'erreur donnent ``fichier:ligne:colonne``. Les marques de PyYAML commencent à 0 : on
ajoute 1.

Aucune entrée ne fait planter ni bloquer la lecture : octets non UTF-8, caractères de contrôle
(NUL…), fichier trop gros, imbrication trop profonde, alias trop nombreux (« bombe » d'alias) ou
trop développés, dates impossibles, nombres démesurés donnent tous un ``Probleme`` situé
(``fichier:ligne:colonne``). Les limites (``LIMITES``) sont vérifiées pendant la composition, avant
toute construction : une bombe d'alias est refusée dès le 21e alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
import yaml.composer
import yaml.constructor
import yaml.resolver

from guide.donnees.erreurs import ErreurReferentiel, Probleme

Position = tuple[int, int]


@dataclass(frozen=True)
class Limites:
    """Ressources permises pour un fichier YAML (bien au-delà de ce qu'écrit un rédacteur)."""

    octets: int = 256 * 1024           # taille du fichier (le plus gros fait 13 Kio)
    profondeur: int = 40               # tables et listes imbriquées (le guide en utilise 5)
    alias: int = 20                    # « *nom » par fichier (le guide n'en utilise aucun)
    noeuds: int = 10_000               # valeurs écrites dans le fichier (le plus gros : ~400)
    valeurs: int = 50_000              # valeurs une fois les alias développés
    problemes: int = 20                # caractères fautifs signalés par fichier (au-delà : un résumé)


LIMITES = Limites()

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
    ("expected the node content", "valeur attendue"),
    ("found character", "caractère interdit en début de valeur : mettre le texte entre guillemets"),
    ("sequence entries are not allowed here", "« - » inattendu ici (élément de liste mal placé ou mal indenté)"),
    ("mapping keys are not allowed here", "« ? » inattendu ici"),
    ("expected a mapping", "« << » (fusion de tables) attend une table ou une liste de tables"),
    ("second occurrence", "ancre « & » déjà définie plus haut dans le fichier"),
    ("expected a single document in the stream", "un seul document par fichier (« --- » en trop ?)"),
    ("but found another document", "un seul document par fichier (« --- » en trop ?)"),
    ("expected '<document start>'", "contenu inattendu après la fin du document (indentation ?)"),
    ("found unexpected document separator", "séparateur de document « --- » ou « ... » inattendu"),
    ("expected a comment or a line break", "commentaire ou fin de ligne attendu"),
    ("expected alphabetic or numeric character", "nom d'ancre ou d'alias invalide après « & » ou « * »"),
    ("expected chomping or indentation indicators", "indicateur de bloc mal écrit après « | » ou « > »"),
    ("expected indentation indicator", "indicateur de bloc mal écrit après « | » ou « > »"),
    ("expected escape sequence", "séquence d'échappement « \\ » incomplète entre guillemets"),
    ("invalid indentation or unclosed", "indentation invalide ou « [ » / « { » non fermé"),
    ("found undefined tag handle", "étiquette YAML « ! » inconnue"),
    ("expected URI", "étiquette YAML « ! » mal écrite"),
    ("expected '!'", "étiquette YAML « ! » mal écrite"),
    ("expected '>'", "étiquette YAML « ! » mal écrite"),
    ("expected non-empty name", "étiquette YAML « ! » mal écrite"),
    ("found non-specific tag", "étiquette YAML « ! » mal écrite"),
    ("expected ' '", "espace attendu (directive ou étiquette YAML mal écrite)"),
    ("expected a digit", "directive YAML « % » mal écrite"),
    ("found incompatible YAML document", "directive YAML « % » invalide (version 1.x attendue)"),
    ("found duplicate YAML directive", "directive YAML « % » en double"),
    ("duplicate tag handle", "directive YAML « % » en double"),
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


class _Limite(yaml.MarkedYAMLError):
    """Une limite de ``LIMITES`` est dépassée (le message est déjà en français)."""


def _kio(octets: int) -> str:
    return f"{octets // 1024} Kio"


class _Compte:
    """Compte, pendant la composition, la profondeur, les nœuds et les alias (``_Limite`` au-delà)."""

    limites: Limites

    def _compter_depuis_zero(self, limites: Limites) -> None:
        self.limites = limites
        self._profondeur = 0
        self._alias = 0
        self._noeuds = 0

    def compose_node(self, parent, index):
        evenement = self.peek_event()
        if isinstance(evenement, yaml.AliasEvent):
            self._alias += 1
            if self._alias > self.limites.alias:
                raise _Limite(problem=f"trop d'alias YAML (« *{evenement.anchor} ») : "
                                      f"{self.limites.alias} au plus par fichier",
                              problem_mark=evenement.start_mark)
            return super().compose_node(parent, index)
        self._noeuds += 1
        if self._noeuds > self.limites.noeuds:
            raise _Limite(problem=f"trop de valeurs : {self.limites.noeuds} au plus par fichier",
                          problem_mark=evenement.start_mark)
        collection = isinstance(evenement, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
        self._profondeur += collection
        try:
            if self._profondeur > self.limites.profondeur:
                raise _Limite(problem=f"imbrication trop profonde : {self.limites.profondeur} niveaux "
                                      "de listes ou de tables au plus",
                              problem_mark=evenement.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._profondeur -= collection


class _Chargeur(_Compte, yaml.SafeLoader):
    """``SafeLoader`` qui compte, pendant la composition, la profondeur, les nœuds et les alias."""

    def __init__(self, texte: str, limites: Limites):
        super().__init__(texte)
        self._compter_depuis_zero(limites)

    def fetch_flow_collection_start(self, TokenClass):
        # Limite dans l'analyseur lexical : sinon « [[[[… » est lu en entier (coût quadratique)
        # avant que la composition ne voie le premier niveau.
        if self.flow_level >= self.limites.profondeur:
            raise _Limite(problem=f"imbrication trop profonde : {self.limites.profondeur} niveaux "
                                  "de listes ou de tables au plus",
                          problem_mark=self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


if yaml.__with_libyaml__:
    class _ChargeurRapide(_Compte, yaml.composer.Composer, yaml.constructor.SafeConstructor,
                          yaml.resolver.Resolver, yaml._yaml.CParser):
        """Même composition et mêmes limites que ``_Chargeur``, mais les événements viennent de
        libyaml (C, ~8 fois plus rapide) ; mêmes nœuds, mêmes marques (seul ``style`` d'un
        scalaire simple vaut "" au lieu de None, et il n'est pas lu). Sert seulement quand la
        lecture réussit entièrement (voir ``_lire_rapide``)."""

        def __init__(self, texte: str, limites: Limites):
            yaml._yaml.CParser.__init__(self, texte)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._compter_depuis_zero(limites)
else:  # pragma: no cover - PyYAML sans libyaml : seule la lecture de référence
    _ChargeurRapide = None


class _Constructeur:
    """Construit les valeurs depuis les nœuds en notant les positions et les clés en double."""

    def __init__(self, chargeur: _Chargeur, fichier: str):
        self.chargeur = chargeur
        self.fichier = fichier
        self.problemes: list[Probleme] = []
        self._en_cours: set[int] = set()
        self._valeurs = 0

    def erreur(self, position: Position, message: str) -> None:
        self.problemes.append(Probleme(self.fichier, *position, (), message))

    def valeur(self, noeud: yaml.Node):
        if id(noeud) in self._en_cours:
            self.erreur(_position(noeud.start_mark), "alias récursif interdit")
            return None
        limites = self.chargeur.limites
        self._valeurs += 1
        if self._valeurs > limites.valeurs:
            raise _Limite(problem=f"trop de valeurs une fois les alias développés : {limites.valeurs} au plus",
                          problem_mark=noeud.start_mark)
        if len(self._en_cours) >= limites.profondeur:
            raise _Limite(problem=f"imbrication trop profonde une fois les alias développés : "
                                  f"{limites.profondeur} niveaux au plus",
                          problem_mark=noeud.start_mark)
        self._en_cours.add(id(noeud))
        try:
            if isinstance(noeud, yaml.MappingNode):
                return self._table(noeud)
            if isinstance(noeud, yaml.SequenceNode):
                return self._liste(noeud)
            if noeud.tag not in _ETIQUETTES_SCALAIRES:
                self._etiquette(noeud, "str")
                return None
            return self._scalaire(noeud)
        finally:
            self._en_cours.discard(id(noeud))

    def _scalaire(self, noeud: yaml.ScalarNode):
        try:
            return self.chargeur.construct_object(noeud, deep=True)
        except (ValueError, OverflowError):  # 2025-02-30, entier de plus de 4 300 chiffres…
            valeur = noeud.value if len(noeud.value) <= 40 else noeud.value[:37] + "…"
            if noeud.tag.endswith(":timestamp"):
                message = f"date impossible « {valeur} » (AAAA-MM-JJ attendu)"
            else:
                message = f"nombre illisible ou démesuré « {valeur} »"
            self.erreur(_position(noeud.start_mark), message)
            return None

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


_NON_IMPRIMABLE = yaml.reader.Reader.NON_PRINTABLE  # caractères refusés par YAML (NUL, contrôles…)
_OCTET_INVALIDE = re.compile("[\udc80-\udcff]+")  # octets non UTF-8 (décodage « surrogateescape »)


def _situer(texte: str, indice: int) -> Position:
    debut_ligne = texte.rfind("\n", 0, indice) + 1
    return texte.count("\n", 0, indice) + 1, indice - debut_ligne + 1


def _par_ligne(texte: str, motif: re.Pattern, fichier: str, message, limites: Limites) -> list[Probleme]:
    """Un problème par ligne où ``motif`` apparaît (le premier de la ligne), au plus ``limites.problemes``."""
    problemes: list[Probleme] = []
    derniere = 0
    for trouve in motif.finditer(texte):
        ligne, colonne = _situer(texte, trouve.start())
        if ligne == derniere:
            continue
        derniere = ligne
        if len(problemes) == limites.problemes:
            reste = sum(1 for _ in motif.finditer(texte, trouve.start()))
            problemes.append(Probleme(fichier, ligne, colonne, (),
                                      f"et {reste} autre(s) plus loin (même problème, non détaillés)"))
            break
        problemes.append(Probleme(fichier, ligne, colonne, (), message(trouve.group())))
    return problemes


def _caractere_interdit(caractere: str) -> str:
    code = ord(caractere[0])
    nom = "caractère nul" if code == 0 else "caractère invisible"
    return f"{nom} U+{code:04X} interdit : à supprimer (souvent collé depuis un autre logiciel)"


_ECHEC = object()


def _lire_rapide(texte: str, fichier: str, limites: Limites):
    """Valeur du document lue avec libyaml, ou ``_ECHEC`` au moindre écart (erreur de syntaxe,
    limite, clé en double, fichier vide…) : la lecture de référence (PyYAML en Python) est alors
    refaite et donne exactement les messages situés habituels."""
    if _ChargeurRapide is None or "\t" in texte:
        # libyaml admet une tabulation comme séparateur (« a:\tb ») là où la lecture de référence la
        # refuse avec un message situé : un texte qui en contient passe par la lecture de référence
        return _ECHEC
    chargeur = _ChargeurRapide(texte, limites)
    try:
        noeud = chargeur.get_single_node()
        if noeud is None:
            return _ECHEC
        constructeur = _Constructeur(chargeur, fichier)
        valeur = constructeur.valeur(noeud)
        return _ECHEC if valeur is None or constructeur.problemes else valeur
    except Exception:  # noqa: BLE001 - tout écart est relu par la lecture de référence
        return _ECHEC
    finally:
        chargeur.dispose()


def lire_texte(texte: str, fichier: str, limites: Limites = LIMITES):
    """Valeur du document YAML ``texte`` ; lève ``ErreurReferentiel`` (fichier:ligne:colonne)."""
    problemes = _par_ligne(texte, _NON_IMPRIMABLE, fichier, _caractere_interdit, limites)
    problemes += tabulations(texte, fichier)[: limites.problemes]
    if problemes:
        raise ErreurReferentiel(problemes)
    valeur = _lire_rapide(texte, fichier, limites)
    if valeur is not _ECHEC:
        return valeur
    return _lire_reference(texte, fichier, limites)


def _lire_reference(texte: str, fichier: str, limites: Limites):
    """Lecture par PyYAML en Python : messages d'erreur et positions de référence."""
    chargeur = _Chargeur(texte, limites)
    constructeur = _Constructeur(chargeur, fichier)
    try:
        noeud = chargeur.get_single_node()
        if noeud is None:
            raise ErreurReferentiel([Probleme(fichier, 1, 1, (), "fichier vide")])
        valeur = constructeur.valeur(noeud)
        if valeur is None and not constructeur.problemes:  # « --- » seul, ou « ~ »
            raise ErreurReferentiel([Probleme(fichier, 1, 1, (), "fichier vide")])
    except _Limite as exc:
        raise ErreurReferentiel([Probleme(fichier, *_position(exc.problem_mark), (), exc.problem)]) from None
    except yaml.MarkedYAMLError as exc:
        marque = exc.problem_mark or exc.context_mark
        if (exc.problem or "").startswith("expected a mapping") and exc.context_mark:
            marque = exc.context_mark  # fusion « << » : la table qui fusionne, pas la valeur fusionnée
        position = _position(marque) if marque else (1, 1)
        raise ErreurReferentiel([Probleme(fichier, *position, (), traduire(exc.problem or ""))]) from None
    except yaml.YAMLError as exc:
        raise ErreurReferentiel([Probleme(fichier, 1, 1, (), traduire(str(exc)))]) from None
    finally:
        chargeur.dispose()
    if constructeur.problemes:
        raise ErreurReferentiel(constructeur.problemes)
    return valeur


def lire_octets(octets: bytes, fichier: str, limites: Limites = LIMITES):
    """Valeur du document YAML ``octets`` (UTF-8, BOM toléré) ; lève ``ErreurReferentiel``."""
    if len(octets) > limites.octets:
        raise ErreurReferentiel([Probleme(fichier, 1, 1, (), f"fichier trop volumineux : plus de "
                                                            f"{_kio(limites.octets)} (limite du guide)")])
    texte = octets.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    problemes = _par_ligne(texte, _OCTET_INVALIDE, fichier,
                           lambda _: "encodage invalide : UTF-8 attendu (réenregistrer le fichier en UTF-8)",
                           limites)
    if problemes:
        raise ErreurReferentiel(problemes)
    return lire_texte(texte, fichier, limites)


def lire_fichier(chemin: Path, racine: Path, limites: Limites = LIMITES):
    """Lit ``chemin`` (UTF-8) ; les messages le nomment relativement à ``racine``."""
    fichier = chemin.relative_to(racine).as_posix() if chemin.is_relative_to(racine) else str(chemin)
    try:
        with chemin.open("rb") as flux:
            octets = flux.read(limites.octets + 1)  # jamais plus : un fichier géant n'est pas lu
    except OSError as exc:
        raise ErreurReferentiel([Probleme(fichier, 1, 1, (), f"lecture impossible ({exc.strerror})")]) from None
    return lire_octets(octets, fichier, limites)
