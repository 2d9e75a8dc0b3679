"""Pages générées depuis le référentiel et navigation du site (fonctions pures, sans MkDocs).

Chaque page générée n'est qu'un en-tête (titre, fichier YAML d'origine) et un appel de macro : le
rendu lui-même est fait par ``guide.rendu.rendu`` au moment où mkdocs-macros rend la page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from guide.donnees.chemins import FICHIER_BIBLIOTHEQUE, FICHIER_INDICATEURS
from guide.donnees.referentiel import Referentiel, a_un_calculateur
CALCULATEURS_DEDIES = ("avancement", "modulation", "trajectoire")
ENTREE_MODULES = "modules/index.md"
ENTREE_CALCULATEURS = "calculateurs/index.md"


@dataclass(frozen=True)
class PageGeneree:
    """Une page sans fichier dans docs/ : ``chemin`` (src_uri), ``titre``, ``macro``, ``source`` YAML."""

    chemin: str
    titre: str
    macro: str
    source: str

    def contenu(self) -> str:
        """Markdown de la page : en-tête YAML puis l'appel de macro.

        >>> print(PageGeneree("modules/a/index.md", "Alpha", '{{ page_module("a") }}', "modules/a.yml").contenu())
        ---
        title: "Alpha"
        guide_source: "modules/a.yml"
        guide_genere: true
        ---
        <BLANKLINE>
        {{ page_module("a") }}
        <BLANKLINE>
        """
        entete = f"title: {json.dumps(self.titre, ensure_ascii=False)}\n" \
                 f"guide_source: {json.dumps(self.source, ensure_ascii=False)}\nguide_genere: true\n"
        return f"---\n{entete}---\n\n{self.macro}\n"


def chemin_module(module_id: str) -> str:
    return f"modules/{module_id}/index.md"


def chemin_theme(module_id: str, theme_id: str) -> str:
    return f"modules/{module_id}/{theme_id}.md"


def chemin_calculateur(indicateur_id: str) -> str:
    return f"calculateurs/indicateurs/{indicateur_id}.md"


def pages_generees(ref: Referentiel) -> list[PageGeneree]:
    """Pages des modules, des fiches et des calculateurs d'indicateurs, dans l'ordre de la navigation."""
    pages = []
    for module in ref.modules:
        source = ref.fichiers[module["id"]]
        pages.append(PageGeneree(chemin_module(module["id"]), module["titre"],
                                 f'{{{{ page_module("{module["id"]}") }}}}', source))
        for theme in module["themes"]:
            pages.append(PageGeneree(chemin_theme(module["id"], theme["id"]), theme["titre"],
                                     f'{{{{ page_theme("{module["id"]}", "{theme["id"]}") }}}}', source))
    for indicateur in ref.calculables():
        macro = f'{{{{ calculateur_indicateur("{indicateur["id"]}") }}}}'
        if indicateur["id"] in ref.indicateurs:
            pages.append(PageGeneree(chemin_calculateur(indicateur["id"]), indicateur["libelle"], macro, FICHIER_INDICATEURS))
        else:  # la définition, les seuils et les exemples sont dans l'annexe des indicateurs
            lien = f"[Définition, seuils et exemples dans l'annexe des indicateurs](guide:annexes/indicateurs.md#{indicateur['id']})"
            pages.append(PageGeneree(chemin_calculateur(indicateur["id"]), titre_nav(indicateur), f"{lien}\n\n{macro}",
                                     FICHIER_BIBLIOTHEQUE))
    return pages


def nav_modules(ref: Referentiel) -> list:
    """Section « Les modules » : l'index puis, par module, sa page et ses fiches (une simple page
    pour un module sans fiche)."""
    section: list = [ENTREE_MODULES]
    for module in ref.modules:
        themes = [{t["titre"]: chemin_theme(module["id"], t["id"])} for t in module["themes"]]
        page = chemin_module(module["id"])
        section.append({module["titre"]: [page, *themes] if themes else page})
    return section


def nav_calculateurs(ref: Referentiel, existe: Callable[[str], bool]) -> list:
    """Section « Calculateurs » : les pages écrites qui existent, puis un calculateur par indicateur."""
    ecrites = ["calculateurs/mon-cpom.md", *(f"calculateurs/{nom}.md" for nom in CALCULATEURS_DEDIES)]
    indicateurs = [{i["libelle"]: chemin_calculateur(i["id"])} for i in ref.indicateurs.values()]
    section = [ENTREE_CALCULATEURS, *(p for p in ecrites if existe(p)), {"Indicateurs": indicateurs}]
    bibliotheque = []
    for source, membres in ref.groupes_bibliotheque():
        pages = [{titre_nav(i): chemin_calculateur(i["id"])} for i in membres if a_un_calculateur(i)]
        if pages:
            bibliotheque.append({TITRES_GROUPES.get(source["id"], source["titre"]): pages})
    if bibliotheque:
        section.append({"Indicateurs des sources": bibliotheque})
    return section


TITRES_GROUPES = {  # titres courts de navigation des groupes de la bibliothèque
    "cpom-besancon": "e-CARS – CPOM du CCAS de Besançon",
    "guide-idf": "Île-de-France (guide PA)",
    "methodo-pdl": "Pays de la Loire (PH, 2011)",
}


def titre_nav(indicateur: dict) -> str:
    """« Pil_003 – Taux d'occupation… » : le code de la source devant le libellé, s'il y en a un."""
    return f"{indicateur['code']} – {indicateur['libelle']}" if indicateur.get("code") else indicateur["libelle"]


def completer_nav(nav: list, ref: Referentiel, existe: Callable[[str], bool]) -> list:
    """Copie de ``nav`` où les entrées « modules/index.md » et « calculateurs/index.md » sont développées."""
    sections = {ENTREE_MODULES: lambda: nav_modules(ref), ENTREE_CALCULATEURS: lambda: nav_calculateurs(ref, existe)}
    resultat = []
    for entree in nav:
        if isinstance(entree, dict) and len(entree) == 1:
            (titre, cible), = entree.items()
            if isinstance(cible, str) and cible in sections:
                entree = {titre: sections[cible]()}
        resultat.append(entree)
    return resultat
