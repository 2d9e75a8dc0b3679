"""Politique de sécurité du contenu (CSP) stricte pour tout le site construit.

Fonctions pures (aucune dépendance à MkDocs) : trouver les scripts en ligne exécutables d'une page,
calculer leurs empreintes sha256, construire une seule politique pour tout le site (la navigation
instantanée de Material exécute les scripts d'une page dans le document d'une autre), l'injecter en
<meta> et écrire les extraits de configuration des serveurs.

>>> empreinte("alert(1)")
"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import accumulate
from pathlib import Path

__all__ = [
    "DIRECTIVES",
    "EnLigneConnus",
    "EnteteInterdit",
    "en_ligne_connus",
    "attributs_interdits",
    "empreinte",
    "injecter_meta",
    "politique",
    "politique_meta",
    "scripts_en_ligne",
    "styles_en_ligne",
]

# Types MIME JavaScript reconnus par la norme HTML (« JavaScript MIME type essence match »).
_TYPES_JS = frozenset(
    {
        "application/ecmascript", "application/javascript", "application/x-ecmascript",
        "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
        "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
        "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
        "text/x-javascript",
    }
)
# Autres types exécutés et soumis à script-src : modules, cartes d'import, règles de spéculation.
_TYPES_EXECUTES = _TYPES_JS | {"module", "importmap", "speculationrules"}

# Ordre et valeurs de la politique ; les empreintes s'ajoutent à script-src.
# - 'wasm-unsafe-eval' : Pyodide compile son WebAssembly (jamais 'unsafe-eval').
# - worker-src : le worker de recherche de Material et celui des calculateurs (même origine).
# - img-src data: : les icônes de Material sont des SVG en URL data: dans la feuille de style.
# - style-src 'self' sans 'unsafe-inline' : Material ne règle les styles que par CSSOM
#   (element.style…, non soumis à CSP) ; une page avec un attribut style= arrête la construction,
#   et les éléments <style> éventuels sont autorisés par leur empreinte.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# Directives ignorées par les navigateurs dans une balise <meta> (CSP niveau 3, § 3.3).
_SEULEMENT_ENTETE = frozenset({"frame-ancestors", "report-uri", "sandbox"})


class EnteteInterdit(ValueError):
    """Une page contient ce que la politique bloquerait (attribut on… ou style=, URL javascript:)."""


_ATTRIBUTS_URL = frozenset({"href", "src", "action", "formaction"})
_JAVASCRIPT = re.compile(r"\s*javascript:", re.IGNORECASE)


# Balise « banale » : ouvrante ni script, ni style, ni autre élément à contenu brut (aucun nom qui
# commence comme eux), attributs sans nom commençant par « on » ou « style », valeurs sans « < »,
# « > », « & » (donc sans entité à décoder) ni « javascript: » en tête ; ou fermante d'un autre
# élément que script et style. Sur une telle balise, HTMLParser s'arrête au « > » final (seul « > »
# hors guillemets, aucun « < » après le premier) et _Analyseur.handle_starttag / handle_endtag ne
# relèvent rien ; le texte entre deux balises (jusqu'au « < » suivant) n'est pas lu non plus. Hors
# d'un script ou d'un style, l'analyseur saute donc d'un bloc toute une suite de balises banales et
# de texte, sans la décomposer ; toute autre balise (casse comprise) passe par HTMLParser.
# test_csp compare cette lecture à celle de HTMLParser seul.
_BRUTS = r"(?!script|style|xmp|iframe|noembed|noframes|noscript|textarea|title|plaintext)"
_BLANC = r"[ \t\n\r\f]"
_JS = r"(?!\s*javascript:)"
_VALEUR_BANALE = rf"""(?:"{_JS}[^"<>&]*"|'{_JS}[^'<>&]*'|{_JS}[^\s"'<>=`&]+)"""
_BANALE = (rf"<{_BRUTS}[a-z][a-z0-9-]*(?:{_BLANC}+(?!on|style)[a-z_:][a-z0-9_:.-]*(?:={_VALEUR_BANALE})?)*{_BLANC}*/?>"
           rf"|</(?!script|style)[a-z][a-z0-9-]*{_BLANC}*>")
_SUITE_BANALE = re.compile(rf"(?:{_BANALE})(?:[^<]*(?:{_BANALE}))*", re.IGNORECASE)


class _Analyseur(HTMLParser):
    """Relève les scripts et styles en ligne (texte brut exact) et les attributs que la politique
    bloquerait."""

    def __init__(self, html: str) -> None:
        # convert_charrefs : le texte est cherché jusqu'au « < » suivant seulement (les entités du
        # texte ne comptent pas ici) ; sans lui, une suite « &# » invalide faisait lire tout le reste
        # de la page comme du texte.
        super().__init__(convert_charrefs=True)
        self._html = html
        self._debuts_lignes: list[int] | None = None  # calculés au premier script ou style
        self._ouvert: tuple[list[str], int] | None = None  # liste visée, position après <script…>
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.interdits: list[str] = []

    def _position(self) -> int:
        if self._debuts_lignes is None:
            self._debuts_lignes = list(accumulate((len(ligne) + 1 for ligne in self._html.split("\n")), initial=0))
        ligne, colonne = self.getpos()
        return self._debuts_lignes[ligne - 1] + colonne

    def parse_starttag(self, i: int) -> int:
        banales = _SUITE_BANALE.match(self.rawdata, i)
        return banales.end() if banales else super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        banales = _SUITE_BANALE.match(self.rawdata, i) if self.cdata_elem is None else None
        return banales.end() if banales else super().parse_endtag(i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # appelée pour chaque balise ouvrante du site : le cas courant (aucun attribut à signaler,
        # ni script ni style) ne fait que parcourir les noms d'attributs
        for nom, valeur in attrs:
            if nom.startswith("on") or nom == "style" or (nom in _ATTRIBUTS_URL and _JAVASCRIPT.match(valeur or "")):
                break
        else:
            if tag != "script" and tag != "style":
                return
        valeurs = {nom: (valeur or "") for nom, valeur in attrs}
        for nom, valeur in valeurs.items():
            if nom.startswith("on") or nom == "style":
                self.interdits.append(f"<{tag} {nom}=…>")
            elif nom in _ATTRIBUTS_URL and _JAVASCRIPT.match(valeur):
                self.interdits.append(f'<{tag} {nom}="{valeur}">')
        if tag == "script" and "src" not in valeurs and _executable(valeurs):
            self._ouvert = (self.scripts, self._position() + len(self.get_starttag_text() or ""))
        elif tag == "style":
            self._ouvert = (self.styles, self._position() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._ouvert is not None:
            liste, debut = self._ouvert
            liste.append(self._html[debut : self._position()])
            self._ouvert = None


def _executable(attributs: dict[str, str]) -> bool:
    """Vrai si le navigateur exécute ce <script> (règle « prepare the script element » de HTML)."""
    if "type" in attributs:
        type_ = attributs["type"].strip().lower()
    elif attributs.get("language", "").strip():
        type_ = "text/" + attributs["language"].strip().lower()
    else:
        type_ = ""
    return type_ == "" or type_.split(";")[0].strip() in _TYPES_EXECUTES


def analyser_page(html: str) -> _Analyseur:
    """Une seule lecture de la page : ``.scripts``, ``.styles`` et ``.interdits`` (voir ci-dessous)."""
    analyseur = _Analyseur(html)
    analyseur.feed(html)
    analyseur.close()
    return analyseur


def scripts_en_ligne(html: str) -> list[str]:
    """Textes exacts (entre les balises) des scripts en ligne exécutables, dans l'ordre.

    >>> scripts_en_ligne('<script>a()</script><script type="application/json">{}</script>')
    ['a()']
    """
    return analyser_page(html).scripts


def styles_en_ligne(html: str) -> list[str]:
    """Textes exacts des éléments <style> (autorisés par leur empreinte dans style-src).

    >>> styles_en_ligne("<style>p{color:red}</style>")
    ['p{color:red}']
    """
    return analyser_page(html).styles


def attributs_interdits(html: str) -> list[str]:
    """Attributs on… et style=, URL javascript: (bloqués sans 'unsafe-inline' ni 'unsafe-hashes').

    >>> attributs_interdits('<a href="javascript:void(0)" onclick="f()">x</a>')
    ['<a href="javascript:void(0)">', '<a onclick=…>']
    """
    return analyser_page(html).interdits


def empreinte(texte: str) -> str:
    """Source CSP 'sha256-…' d'un script ou d'un style (encodé en UTF-8, comme le navigateur)."""
    condensat = hashlib.sha256(texte.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(condensat).decode("ascii") + "'"


def politique(empreintes: Iterable[str], empreintes_styles: Iterable[str] = ()) -> str:
    """Politique complète (pour un en-tête HTTP) : empreintes des scripts dans script-src, des
    éléments <style> dans style-src, triées pour un résultat stable."""
    ajouts = {"script-src": sorted(set(empreintes)), "style-src": sorted(set(empreintes_styles))}
    parties = []
    for nom, valeur in DIRECTIVES:
        parties.append(" ".join([nom, valeur, *ajouts.get(nom, [])]))
    return "; ".join(parties)


def politique_meta(politique_entete: str) -> str:
    """La même politique sans les directives qu'une balise <meta> ignore (frame-ancestors…)."""
    gardees = [
        d for d in politique_entete.split("; ") if d.split(" ", 1)[0] not in _SEULEMENT_ENTETE
    ]
    return "; ".join(gardees)


_META_EXISTANTE = re.compile(
    r'\n?[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>', re.IGNORECASE
)
# Condition nécessaire de _META_EXISTANTE, cherchée bien plus vite (le motif commence par « < ») :
# une page sans elle n'a pas de balise à remplacer.
_META_PRESENTE = re.compile(r'<meta http-equiv="Content-Security-Policy"', re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


def injecter_meta(html: str, politique_page: str) -> str:
    """Place la balise <meta> CSP en tête de <head>, juste après <meta charset> (qui doit rester
    dans les 1 024 premiers octets). Remplace une balise CSP déjà présente (idempotent).

    >>> injecter_meta("<head><title>t</title>", "default-src 'none'")
    '<head>\\n<meta http-equiv="Content-Security-Policy" content="default-src \\'none\\'"><title>t</title>'
    """
    if any(c in politique_page for c in '"<>&'):
        raise ValueError(f"caractère interdit dans la politique : {politique_page!r}")
    if _META_PRESENTE.search(html):
        html = _META_EXISTANTE.sub("", html)
    balise = f'<meta http-equiv="Content-Security-Policy" content="{politique_page}">'
    repere = _CHARSET.search(html) or _HEAD.search(html)
    if repere is None:
        raise ValueError("page HTML sans <head> : impossible d'y placer la politique CSP")
    return html[: repere.end()] + "\n" + balise + html[repere.end() :]


# --- Liste des scripts et styles en ligne connus ------------------------------------------------
#
# La politique n'autorise par empreinte que les scripts et styles en ligne ÉCRITS dans les gabarits
# du thème (Material) ou du projet (guide/rendu/overrides) : chaque <script>…</script> ou <style>…</style>
# d'un gabarit devient un motif où une expression Jinja « {{ … }} » ne peut valoir qu'une adresse
# relative ou un nom (lettres, chiffres, « . / : # ? & = % ~ + - _ ») : elle ne peut ni fermer une
# chaîne JavaScript ni ajouter d'instruction. Tout autre script ou style en ligne (texte YAML ou
# Markdown devenu balise, extension qui en ajoute) arrête la construction, page nommée.

_VALEUR_JINJA = r"[\w./:#?&=%~+-]*"
_BALISE_GABARIT = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_ATTRIBUT = re.compile(r"""([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_LITTERAL_MINIMAL = 20  # un motif fait surtout d'expressions autoriserait trop de choses


@dataclass(frozen=True)
class EnLigneConnus:
    """Motifs des scripts et des styles en ligne écrits dans les gabarits (voir ``en_ligne_connus``)."""

    scripts: tuple[re.Pattern, ...]
    styles: tuple[re.Pattern, ...]

    def script(self, texte: str) -> bool:
        return any(m.fullmatch(texte) for m in self.scripts)

    def style(self, texte: str) -> bool:
        return any(m.fullmatch(texte) for m in self.styles)


def _motif(contenu: str) -> re.Pattern | None:
    if "{%" in contenu or "{#" in contenu:  # bloc Jinja dans le script : contenu non déterminé
        return None
    litteraux = _EXPRESSION.split(contenu)
    if sum(len(x.strip()) for x in litteraux) < _LITTERAL_MINIMAL:
        return None
    return re.compile(_VALEUR_JINJA.join(re.escape(x) for x in litteraux))


def en_ligne_connus(dossiers: Iterable[Path]) -> EnLigneConnus:
    """Motifs des scripts exécutables et des styles en ligne de tous les gabarits ``*.html``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "base.html").write_text(
    ...         '<script>__md_scope=new URL("{{ base_url }}",location)</script>', encoding="utf-8")
    ...     connus = en_ligne_connus([Path(d)])
    >>> connus.script('__md_scope=new URL("../..",location)')
    True
    >>> connus.script('__md_scope=new URL("",alert(1)),location)')
    False
    """
    scripts: dict[str, re.Pattern] = {}
    styles: dict[str, re.Pattern] = {}
    for dossier in dossiers:
        for gabarit in sorted(Path(dossier).rglob("*.html")):
            texte = gabarit.read_text(encoding="utf-8")
            for balise, attributs, contenu in _BALISE_GABARIT.findall(texte):
                valeurs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                           for m in _ATTRIBUT.finditer(attributs)}
                if balise.lower() == "script" and ("src" in valeurs or not _executable(valeurs)):
                    continue
                motif = _motif(contenu)
                if motif is not None:
                    (scripts if balise.lower() == "script" else styles)[motif.pattern] = motif
    return EnLigneConnus(tuple(scripts.values()), tuple(styles.values()))
