"""Typographie française appliquée au HTML rendu : fonctions pures, texte seulement.

Règles (appliquées aux nœuds texte ; jamais dans les balises, les attributs, les identifiants, les
adresses écrites dans le texte, ni dans ``code``, ``pre``, ``kbd``, ``samp``, ``script``, ``style``,
``textarea``, ``select``, ``datalist``, ``svg``, ``math`` — les libellés des ``<option>``
sont des valeurs relues par les calculateurs, export CSV compris ; le contenu d'un ``<template>``
est traité : ses copies deviennent du texte affiché, et l'index de recherche le reprend) :

- espace fine insécable (U+202F) avant ``;``, ``!`` et ``?`` — à la place de l'espace écrite ;
  aucune espace n'est ajoutée quand le texte n'en a pas (« 10:30 », « https://… », « a;b » restent) ;
- espace insécable (U+00A0) avant ``:`` (Imprimerie nationale), même principe ;
- espace insécable après « et avant », ajoutée si elle manque ;
- espace insécable entre un nombre et son unité (liste fermée ``UNITES``) ; ajoutée si elle manque
  devant ``%``, ``‰`` et ``€`` (« 100% » → « 100 % ») ;
- espace fine insécable comme séparateur de milliers, seulement là où le texte sépare déjà des
  groupes de trois chiffres par une espace (« 1 767 ») : les années, numéros FINESS, dates
  « 2026-2030 » et articles « R. 314-43-2 » n'ont pas d'espace et ne changent pas ;
- ordinaux en exposant : « 1er », « 1re », « 2e »… → ``1<sup>er</sup>`` (HTML seulement ; dans
  ``<title>``, texte brut, ils restent tels quels) ;
- apostrophe : l'apostrophe droite ' partout (le YAML l'emploie, la recherche la tape, les messages
  des calculateurs aussi) ; une apostrophe courbe ’ du texte devient '.

Une espace en fin de nœud suit le signe ou l'unité du nœud suivant (« 22,5 <abbr>ETP</abbr> »).
Les transformations sont idempotentes : les appliquer deux fois ne change plus rien. Le greffon les
applique au contenu de chaque page (``on_page_content`` : l'index de recherche en est tiré) puis à la
page entière (``on_post_page`` : titre, navigation ; /guide-complet/, source du PDF). Les messages que
les calculateurs écrivent dans le navigateur ne passent pas par ici.
"""

from __future__ import annotations

import functools
import re

__all__ = ["ESPACE_FINE", "ESPACE_INSECABLE", "UNITES", "typographier_autour", "typographier_html", "typographier_texte"]

ESPACE_FINE = "\u202f"        # espace fine insécable
ESPACE_INSECABLE = "\u00a0"   # espace insécable

# Unités après un nombre : liste fermée (symboles, puis mots trouvés dans le contenu).
UNITES = ("%", "‰", "€", "k€", "M€", "jours", "journées", "heures", "h", "semaines", "mois", "ans",
          "années", "places", "lits", "ETP", "points", "Ko", "Mo", "Go")
SYMBOLES_COLLES = ("%", "‰", "€")  # espace ajoutée entre le nombre et le symbole s'il n'y en a pas

# Éléments dont le texte n'est jamais touché (leur contenu est du code, une valeur ou un dessin).
PROTEGES = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "select", "datalist",
                      "svg", "math"})
# Éléments à texte brut (RCDATA) : espaces oui, balises <sup> non.
TEXTE_BRUT = frozenset({"title"})
_BRUTS = ("script", "style", "textarea", "title")  # leur contenu n'est pas du HTML

# Une espace (écrite telle quelle ou en entité) : ordinaire, insécable, fine, fine insécable.
_ESP = r"(?:[ \t\r\n\u00a0\u202f\u2009]|(?i:&nbsp;|&#160;|&#x0*a0;|&#8239;|&#x202f;))"
_ESPACES = re.compile(_ESP + "+")
_DEBUT = r"(?<![ \t\r\n\u00a0\u202f\u2009])"  # début d'une suite d'espaces (temps linéaire)
_UTILE = re.compile(r"[;!?:«»’%‰€\d]")  # sans ces caractères, aucune règle ne s'applique
_FINS_ESPACE = frozenset(" \t\r\n\u00a0\u202f\u2009;")  # dernier caractère d'une espace (« ; » : entité)
_FIN_ESPACES = re.compile(_DEBUT + _ESP + r"++$")
_DEBUT_ESPACES = re.compile(r"^" + _ESP + r"+")
_DEUX_POINTS = re.compile(r":(?!//)")
_ESPACES_PUIS_SIGNE = re.compile(_ESP + r"+(?:[;!?»]|:(?!//))")

_JETON = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
    r"|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
# Étendue inerte (lue d'un bloc par _jetons, hors élément protégé et hors <title>) : suite de
# balises qui ne changent pas l'état (tout jeton _JETON sauf ceux des éléments de PROTEGES,
# TEXTE_BRUT, _BRUTS) et de textes sans aucun caractère de _UTILE, que les règles laissent donc tels
# quels ; après un texte de l'étendue qui finit par une espace viennent (par-delà des balises) la
# fin du fragment ou un texte dont les 8 premiers caractères (ceux que lit _suite) n'ont ni signe
# (« ; ! ? : » ») ni « < » : son raccord ne change rien non plus (un texte sans chiffre n'a pas de
# raccord d'unité). Voir _jetons.
_NOMS_ETAT = "|".join(sorted(PROTEGES | TEXTE_BRUT | set(_BRUTS)))
_BALISE_INERTE = (r"(?><!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
                  rf"|</?(?!(?i:{_NOMS_ETAT})[\s/>])[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)")
_TEXTE_INERTE = r"(?>[^<;!?:«»’%‰€\d]+)"
_SUITE_SANS_SIGNE = rf"(?:\Z|[^<;!?:»]{{8}}|[^<;!?:»]{{1,7}}(?:\Z|(?={_BALISE_INERTE})))"
_ETENDUE_INERTE = re.compile(
    rf"(?:{_BALISE_INERTE}|{_TEXTE_INERTE}(?:(?<!\s)(?={_BALISE_INERTE})|(?=(?:{_BALISE_INERTE})+{_SUITE_SANS_SIGNE})))+",
    re.S,
)
_FIN_GUILLEMET = re.compile("«" + _ESP + "*$")  # seul un tel texte finit par « et une espace insécable
_ETENDUE_APRES_ESPACE = re.compile(rf"(?=(?:{_BALISE_INERTE})*{_SUITE_SANS_SIGNE}){_ETENDUE_INERTE.pattern}", re.S)
_ADRESSE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:)[^\s<>\"«»]*"
                      r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)

_AVANT_FINE = re.compile(_DEBUT + _ESP + r"++(?=[;!?])")
_AVANT_DEUX_POINTS = re.compile(_DEBUT + _ESP + r"++(?=:)")
_APRES_GUILLEMET = re.compile(r"«" + _ESP + r"*+")
_AVANT_GUILLEMET = re.compile(_DEBUT + _ESP + r"*+»")
_MILLIERS = re.compile(r"(?<![\w.,/-])\d{1,3}(?:" + _ESP + r"\d{3})+(?!\d)")
_UNITES = r"(?:" + "|".join(re.escape(u) for u in sorted(UNITES, key=len, reverse=True)) + r")(?![\w€%‰])"
_COLLES = "[" + "".join(SYMBOLES_COLLES) + "]"
_UNITE = re.compile(r"(?<=\d)(?:" + _ESP + r"++(?=" + _UNITES + r")|(?=" + _COLLES + r"))")
_UNITE_DEBUT = re.compile(_UNITES)
_ORDINAL = re.compile(r"(?<![\w.,])(\d+)(er|re|ère|ers|res|e|es)(?![\w])")


def _regles(texte: str, exposants: bool) -> str:
    """Règles sur un morceau de texte sans adresse."""
    texte = texte.replace("’", "'")
    texte = _AVANT_FINE.sub(ESPACE_FINE, texte)
    texte = _AVANT_DEUX_POINTS.sub(ESPACE_INSECABLE, texte)
    texte = _APRES_GUILLEMET.sub("«" + ESPACE_INSECABLE, texte)
    texte = _AVANT_GUILLEMET.sub(ESPACE_INSECABLE + "»", texte)
    texte = _MILLIERS.sub(lambda m: _ESPACES.sub(ESPACE_FINE, m.group(0)), texte)
    texte = _UNITE.sub(ESPACE_INSECABLE, texte)
    return _ORDINAL.sub(r"\1<sup>\2</sup>", texte) if exposants else texte


def typographier_texte(texte: str, exposants: bool = False) -> str:
    """Typographie d'un texte (déjà échappé pour le HTML s'il doit y aller) ; les adresses sont laissées.

    >>> typographier_texte("Quoi ? Voir : https://exemple.fr/a?b=1 ; à 10:30, 100% « oui »")
    'Quoi\\u202f? Voir\\xa0: https://exemple.fr/a?b=1\\u202f; à 10:30, 100\\xa0% «\\xa0oui\\xa0»'
    >>> typographier_texte("le 1er janvier, 1 767 jours", exposants=True)
    'le 1<sup>er</sup> janvier, 1\\u202f767\\xa0jours'
    """
    if not _UTILE.search(texte):
        return texte
    return _typographier_texte(texte, exposants)


@functools.lru_cache(maxsize=4096)  # les textes de la navigation reviennent sur chaque page
def _typographier_texte(texte: str, exposants: bool) -> str:
    morceaux, debut = [], 0
    for m in _ADRESSE.finditer(texte):
        morceaux += [_regles(texte[debut:m.start()], exposants), m.group(0)]
        debut = m.end()
    morceaux.append(_regles(texte[debut:], exposants))
    return "".join(morceaux)


def _dernier_texte(jetons: list[tuple[str, str]]) -> int:
    return next(i for i in range(len(jetons) - 1, -1, -1) if jetons[i][0] != "balise")


def _apres_texte(genre: str, texte: str, guillemet_possible: bool) -> tuple[str | None, bool]:
    """(attente, guillemet_possible) après un texte lu par _jetons (voir ses commentaires)."""
    if genre == "protege":
        return None, False
    touche = guillemet_possible  # ce texte peut perdre ses espaces de tête
    if _FIN_GUILLEMET.search(texte):
        guillemet_possible = True
    elif guillemet_possible and _DEBUT_ESPACES.sub("", texte):
        guillemet_possible = False
    if texte[-1] not in _FINS_ESPACE:
        return None, guillemet_possible
    inchange = genre == "texte" and not touche and not _UTILE.search(texte)
    return ("suite" if inchange else "bloque"), guillemet_possible


def _jetons(html: str) -> list[tuple[str, str]]:
    """Découpe ``html`` en (genre, morceau) : genre "balise" (une balise, ou une étendue inerte),
    "texte", "titre" (texte de <title>), "protege" (texte d'un élément protégé, recopié tel quel) ou
    "inerte" (texte que les règles laissent tel quel, suivi d'une étendue inerte)."""
    jetons: list[tuple[str, str]] = []
    proteges = 0      # profondeur dans les éléments protégés
    brut = 0          # profondeur dans <title>
    # Étendues inertes (voir _ETENDUE_INERTE), permises selon le dernier texte lu :
    # - attente "suite" : il n'a aucun caractère de _UTILE et finit par une espace ; son raccord
    #   dépend du texte suivant, qui doit alors commencer sans signe (_ETENDUE_APRES_ESPACE) : il
    #   devient "inerte" (recopié tel quel) ;
    # - attente "bloque" : il finit par une espace et a un caractère de _UTILE, ou a pu perdre ses
    #   espaces de tête, ou c'est un titre ;
    # - guillemet_possible : il finit par « (le texte suivant perdrait ses espaces de tête), et les
    #   textes lus depuis ne sont que des espaces (effacées, elles laissent la règle active).
    attente: str | None = None
    guillemet_possible = False
    position, n = 0, len(html)
    while position < n:
        if not (proteges or brut or guillemet_possible or attente == "bloque"):
            inerte = (_ETENDUE_INERTE if attente is None else _ETENDUE_APRES_ESPACE).match(html, position)
            if inerte:
                if attente == "suite":
                    jetons[_dernier_texte(jetons)] = ("inerte", jetons[_dernier_texte(jetons)][1])
                # recopiée telle quelle, comme une balise : aucun texte n'attend ce qui la suit
                jetons.append(("balise", inerte.group(0)))
                position, attente = inerte.end(), None
                continue
            if attente == "suite":
                # échec après avoir lu toute la suite de balises : le réessayer à chaque balise de
                # cette suite coûterait un temps quadratique ; lecture jeton par jeton jusqu'au
                # texte suivant, qui remet « attente » à jour
                attente = "bloque"
        m = _JETON.search(html, position)
        fin_texte = m.start() if m else n
        if fin_texte > position:
            genre = "protege" if proteges else "titre" if brut else "texte"
            texte = html[position:fin_texte]
            jetons.append((genre, texte))
            attente, guillemet_possible = _apres_texte(genre, texte, guillemet_possible)
        if not m:
            break
        jetons.append(("balise", m.group(0)))
        position = m.end()
        nom = (m.group(2) or "").lower()
        if not nom:
            continue
        fermante, auto_fermee = m.group(1) == "/", m.group(3).rstrip().endswith("/")
        if nom in PROTEGES and not auto_fermee:
            proteges = max(0, proteges - 1) if fermante else proteges + 1
        elif nom in TEXTE_BRUT and not auto_fermee:
            brut = max(0, brut - 1) if fermante else brut + 1
        if not fermante and not auto_fermee and nom in _BRUTS and nom not in TEXTE_BRUT:
            # script, style, textarea : contenu recopié tel quel jusqu'à la balise fermante
            fin = re.compile(rf"</{nom}\s*>", re.I).search(html, position)
            fin_contenu = fin.start() if fin else n
            if fin_contenu > position:
                jetons.append(("protege", html[position:fin_contenu]))
                attente, guillemet_possible = None, False
            position = fin_contenu
    return jetons


def _suite(jetons: list[tuple[str, str]], i: int) -> str:
    """Début du texte qui suit le jeton ``i`` par-delà les balises (vide si c'est du texte protégé)."""
    for j in range(i + 1, len(jetons)):
        genre, morceau = jetons[j]
        if genre != "balise":
            return morceau[:8] if genre == jetons[i][0] or (genre == "inerte" and jetons[i][0] == "texte") else ""
    return ""


def _raccord(texte: str, suite: str) -> str:
    """Espaces de fin d'un nœud texte quand le signe ou l'unité est dans le nœud suivant
    (« 22,5 <abbr>ETP</abbr> », « <em>mot </em>? »)."""
    debut = suite[:1]
    if debut == "»" or (debut.isspace() and _ESPACES_PUIS_SIGNE.match(suite)):
        espace = ""  # le nœud suivant porte sa propre espace (« mot </em> ? », « … <em>»</em> »)
    elif debut and debut in ";!?":
        espace = ESPACE_FINE
    elif _DEUX_POINTS.match(suite):
        espace = ESPACE_INSECABLE
    elif (debut.isalpha() or debut in SYMBOLES_COLLES) and _UNITE_DEBUT.match(suite):
        espace = ESPACE_INSECABLE
    else:
        return texte
    m = _FIN_ESPACES.search(texte)
    if not m or (espace == ESPACE_INSECABLE and debut != ":" and not texte[: m.start()][-1:].isdigit()):
        return texte
    return texte[: m.start()] + espace


def typographier_html(html: str) -> str:
    """Applique la typographie aux nœuds texte d'un fragment ou d'une page HTML.

    >>> typographier_html('<p title="a : b">Note : <code>x ; y</code> « <a href="?q=1 !">vu</a> » ?</p>')
    '<p title="a : b">Note\\xa0: <code>x ; y</code> «\\xa0<a href="?q=1 !">vu</a>\\xa0»\\u202f?</p>'
    >>> typographier_html('22,5 <abbr title="équivalent temps plein">ETP</abbr>, <em>vrai </em>?')
    '22,5\\xa0<abbr title="équivalent temps plein">ETP</abbr>, <em>vrai\\u202f</em>?'
    """
    jetons = _jetons(html)
    sortie: list[str] = []
    guillemet = False  # le dernier texte finit par « : pas d'espace ordinaire au début du suivant
    for i, (genre, morceau) in enumerate(jetons):
        if genre in ("texte", "titre"):
            if guillemet:
                morceau = _DEBUT_ESPACES.sub("", morceau)
            morceau = typographier_texte(morceau, exposants=genre == "texte")
            if morceau[-1:] in _FINS_ESPACE:
                morceau = _raccord(morceau, _suite(jetons, i))
        if genre != "balise" and morceau:
            guillemet = genre != "protege" and morceau.endswith("«" + ESPACE_INSECABLE)
        sortie.append(morceau)
    return "".join(sortie)


def typographier_autour(page: str, contenu: str) -> str:
    """Typographie d'une page entière dont le ``contenu`` (déjà traité par ``typographier_html``)
    figure une seule fois tel quel : seuls le début et la fin de la page (titre, navigation, pied de
    page) sont lus, le contenu est recopié ; sinon toute la page est traitée.

    >>> contenu = typographier_html("<p>Note : oui</p>")
    >>> typographier_autour("<title>A : B</title><main>" + contenu + "</main>", contenu)
    '<title>A\xa0: B</title><main><p>Note\xa0: oui</p></main>'
    """
    debut = page.find(contenu) if contenu else -1
    if debut < 0 or page.find(contenu, debut + 1) >= 0:
        return typographier_html(page)
    fin = debut + len(contenu)
    return typographier_html(page[:debut]) + contenu + typographier_html(page[fin:])
