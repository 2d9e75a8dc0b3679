"""Le guide complet sur une seule page (/guide-complet/), source du PDF imprimable.

La page est générée (``page``, appelée par le greffon en ``on_files``) : couverture et sommaire (gabarit ``guide_complet.md.j2``), puis
chaque page du guide dans un bloc ``{% filter guide_complet_section(...) %}``. mkdocs-macros rend
d'un coup toutes les macros (``page_module``, ``annexe_indicateurs``…, celles de ``guide.rendu.rendu``) ;
le filtre ``section`` adapte ensuite chaque bloc à la page unique : titres décalés d'un niveau ou
deux, ancres préfixées par la page d'origine (pas d'identifiant en double), liens vers une page
incluse changés en liens internes.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify

from guide.donnees.chemins import COMMUNS, NOM_PDF
from guide.donnees.referentiel import Referentiel
from guide.rendu import pages
from guide.rendu.dates import date_de_publication
from guide.rendu.rendu import rendre

__all__ = ["CHEMIN", "ANNEXES", "Entree", "ancre", "page", "pages_de_la_nav", "plan", "section", "source_page"]

CHEMIN = "guide-complet.md"
TITRE = "Guide complet (version imprimable)"
ANNEXES = ("annexes/conclusion.md", "annexes/indicateurs.md", "annexes/glossaire.md")
PREFIXE_GENERAL = "cpom/"
CLASSE_SAUT = "guide-complet-saut"   # saut de page avant ce titre à l'impression
CLASSE_THEME = "guide-complet-fiche"  # titre d'une fiche (thème), séparé du module par un filet

_TITRE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
_ATTRIBUTS = re.compile(r"[ \t]*\{:?[ \t]*([^{}\n]*)\}[ \t]*$")
_ID = re.compile(r"(?<![\w-])#([\w-]+)")
_LIEN = re.compile(r"(\]\(|href=\")([^)\"\s]*)")
_CLOTURE = re.compile(r"^[ \t]*(```|~~~)")


def ancre(chemin: str) -> str:
    """Ancre d'une page incluse dans le guide complet.

    >>> ancre("cpom/methode.md"), ancre("modules/prevention/index.md"), ancre("modules/prevention/vaccination.md")
    ('cpom-methode', 'modules-prevention', 'modules-prevention-vaccination')
    """
    sans_extension = chemin[: -len("/index.md")] if chemin.endswith("/index.md") else chemin[: -len(".md")]
    return sans_extension.replace("/", "-")


@dataclass
class Entree:
    """Une page du guide complet : ``chemin`` dans docs/, ``titre``, ``niveau`` de son titre, thèmes (fiches)."""

    chemin: str
    titre: str
    niveau: int = 2
    macro: str | None = None           # appel de macro pour une page générée ; None : fichier de docs/
    classe: str = CLASSE_SAUT          # classe du titre (saut de page avant les pages et les modules)
    themes: list[Entree] = field(default_factory=list)
    etat: str | None = None            # état d'une fiche (complete, elements_sources, en_cours), au sommaire

    @property
    def ancre(self) -> str:
        return ancre(self.chemin)


def _titre_markdown(texte: str) -> str:
    for ligne in texte.splitlines():
        m = _TITRE.match(ligne)
        if m and len(m.group(1)) == 1:
            return _ATTRIBUTS.sub("", m.group(2))
    raise ValueError("titre de niveau 1 (« # … ») introuvable")


def plan(ref: Referentiel, pages_nav: list[str], lire) -> list[tuple[str, list[Entree]]]:
    """Les parties du guide complet : (titre, entrées). ``lire(chemin)`` renvoie le Markdown d'une page."""
    def ecrite(chemin: str) -> Entree:
        return Entree(chemin, _titre_markdown(lire(chemin)))

    generales = [ecrite(c) for c in pages_nav if c.startswith(PREFIXE_GENERAL)]
    modules = [ecrite(pages.ENTREE_MODULES)]
    for m in ref.modules:
        themes = [Entree(pages.chemin_theme(m["id"], t["id"]), t["titre"], 3,
                         f'{{{{ page_theme("{m["id"]}", "{t["id"]}") }}}}', CLASSE_THEME, etat=t["etat"])
                  for t in m["themes"]]
        modules.append(Entree(pages.chemin_module(m["id"]), m["titre"], 2,
                              f'{{{{ page_module("{m["id"]}") }}}}', themes=themes))
    annexes = [ecrite(c) for c in ANNEXES]
    return [("Le CPOM en BFC", generales), ("Les modules", modules), ("Annexes", annexes)]


def _sans_entete(texte: str) -> str:
    """Retire l'en-tête YAML (« --- … --- ») d'une page Markdown."""
    if texte.startswith("---\n"):
        fin = texte.find("\n---\n", 4)
        if fin != -1:
            return texte[fin + 5:]
    return texte


def _bloc(entree: Entree, lire) -> str:
    corps = f"# {entree.titre}\n\n{entree.macro}" if entree.macro else _sans_entete(lire(entree.chemin))
    arguments = json.dumps([entree.chemin, entree.niveau, entree.classe])[1:-1]
    return f"{{% filter guide_complet_section({arguments}) %}}\n{corps.strip()}\n{{% endfilter %}}\n"


def source_page(ref: Referentiel, parties, lire, description: str) -> str:
    """Markdown de /guide-complet/ (avec ses appels de macros), en-tête YAML compris."""
    publication = ref.publication
    sources = [f"docs/{e.chemin}" for _, entrees in parties for e in entrees if not e.macro]
    sources += sorted(set(ref.fichiers.values())) + list(COMMUNS.values())
    entete = {"title": TITRE, "guide_genere": True, "guide_complet": True, "guide_sources": sources,
              "search": {"exclude": True}, "hide": ["toc"]}
    couverture = rendre("guide_complet.md.j2", titre=publication["titre_site"], version=publication["version"],
                         date=date_de_publication(publication), editeur=publication["editeur"].get("nom"),
                         description=description, parties=parties, pdf=NOM_PDF)
    blocs = [_bloc(e, lire) + "".join(_bloc(t, lire) for t in e.themes) for _, entrees in parties for e in entrees]
    return (f"---\n{json.dumps(entete, ensure_ascii=False)}\n---\n\n{{% raw %}}\n{couverture}{{% endraw %}}\n\n"
            + "\n".join(blocs))


def _cible(lien: str, chemin: str, incluses: set[str]) -> str:
    """Nouveau lien : interne (#…) si la page visée est incluse, ``guide:`` sinon ; inchangé si externe."""
    if not lien or re.match(r"^[a-z][a-z0-9+.-]*:", lien) and not lien.startswith("guide:"):
        return lien
    adresse, _, fragment = lien.partition("#")
    if not adresse:
        return f"#{ancre(chemin)}--{fragment}"
    if adresse.startswith("guide:"):
        cible = adresse[len("guide:"):]
    else:
        cible = posixpath.normpath(posixpath.join(posixpath.dirname(chemin), adresse))
    if cible in incluses:
        return f"#{ancre(cible)}--{fragment}" if fragment else f"#{ancre(cible)}"
    if not cible.endswith(".md"):
        return lien
    return f"guide:{cible}" + (f"#{fragment}" if fragment else "")


def section(texte: str, chemin: str, niveau: int = 2, classe: str = CLASSE_SAUT,
            incluses: set[str] | None = None) -> str:
    """Adapte le Markdown rendu d'une page à la page unique (filtre Jinja ``guide_complet_section``).

    >>> print(section("# Méthode\\n\\n## Choisir { #choix }\\n\\nVoir [ici](#choix), [A](suivi.md), "
    ...               "[B](../calculateurs/index.md).", "cpom/methode.md", incluses={"cpom/suivi.md"}))
    ## Méthode { #cpom-methode .guide-complet-saut }
    <BLANKLINE>
    ### Choisir { #cpom-methode--choix }
    <BLANKLINE>
    Voir [ici](#cpom-methode--choix), [A](#cpom-suivi), [B](guide:calculateurs/index.md).
    <BLANKLINE>
    """
    incluses = set() if incluses is None else incluses
    prefixe = ancre(chemin)
    lignes, titre, vus, dans_code = [], None, set(), False
    for ligne in texte.splitlines():
        if _CLOTURE.match(ligne):
            dans_code = not dans_code
        m = None if dans_code else _TITRE.match(ligne)
        if m and titre is None and len(m.group(1)) == 1:
            titre = _ATTRIBUTS.sub("", m.group(2))
            continue
        if m:
            ligne = _titre_decale(m, niveau - 1, prefixe, vus)
        elif not dans_code:
            ligne = _ATTRIBUTS.sub(lambda a: " {: " + _ID.sub(rf"#{prefixe}--\1", a.group(1)).strip() + " }", ligne) \
                if ligne.lstrip().startswith("{:") else ligne
        if not dans_code:
            ligne = _LIEN.sub(lambda l: l.group(1) + _cible(l.group(2), chemin, incluses), ligne)
        lignes.append(ligne)
    entete = f"{'#' * niveau} {titre} {{ #{prefixe}{' .' + classe if classe else ''} }}"
    return entete + "\n\n" + "\n".join(lignes).strip("\n") + "\n"


def _titre_decale(m: re.Match, decalage: int, prefixe: str, vus: set[str]) -> str:
    """Titre descendu de ``decalage`` niveaux, avec un identifiant explicite préfixé et unique."""
    niveau = min(6, len(m.group(1)) + decalage)
    texte = m.group(2)
    attributs = _ATTRIBUTS.search(texte)
    autres = ""
    if attributs:
        texte = texte[: attributs.start()]
        ids = _ID.findall(attributs.group(1))
        autres = _ID.sub("", attributs.group(1)).strip()
        base = ids[0] if ids else slugify(_texte_brut(texte), "-")
    else:
        base = slugify(_texte_brut(texte), "-")
    identifiant, n = base, 0
    while identifiant in vus:  # même règle que l'extension toc : _1, _2…
        n += 1
        identifiant = f"{base}_{n}"
    vus.add(identifiant)
    return f"{'#' * niveau} {texte.strip()} {{ #{prefixe}--{identifiant}{' ' + autres if autres else ''} }}"


def _texte_brut(texte: str) -> str:
    """Texte d'un titre sans balisage Markdown simple (liens, emphase, code)."""
    texte = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", texte)
    return re.sub(r"[*_`]", "", texte)


def page(ref: Referentiel, nav, lire, description: str) -> tuple[str, set[str]]:
    """Markdown de /guide-complet/ et chemins des pages qu'il inclut (pour le filtre ``section``).

    ``nav`` : navigation de mkdocs.yml complétée ; ``lire(chemin)`` : Markdown d'une page de docs/.
    """
    parties = plan(ref, pages_de_la_nav(nav), lire)
    incluses = {e.chemin for _, entrees in parties for x in entrees for e in (x, *x.themes)}
    return source_page(ref, parties, lire, description), incluses


def pages_de_la_nav(nav) -> list[str]:
    """Chemins des pages de la navigation, dans l'ordre."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [c for v in nav.values() for c in pages_de_la_nav(v)]
    if isinstance(nav, list):
        return [c for v in nav for c in pages_de_la_nav(v)]
    return []
