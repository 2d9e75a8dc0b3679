"""Retouches pures du Markdown d'une page après le rendu des macros (appelées par le hook).

- les liens ``guide:chemin/depuis/docs.md#ancre`` émis par ``guide.rendu.rendu`` deviennent relatifs à
  la page (MkDocs les vérifie et les convertit ensuite en adresses, ``--strict`` compris) ;
- les sigles du glossaire présents dans la page reçoivent leur définition d'abréviation
  (``*[ARS]: Agence régionale de santé``) : infobulle sur chaque occurrence.
"""

from __future__ import annotations

import functools
import posixpath
import re

_LIEN = re.compile(r"(\]\(|href=\")guide:([^)\"\s#]*)(#[^)\"\s]*)?")


def resoudre_liens(markdown: str, src_uri: str) -> str:
    """Rend relatifs à ``src_uri`` les liens ``guide:…``.

    >>> resoudre_liens("[A](guide:annexes/indicateurs.md#taux)", "modules/prevention/index.md")
    '[A](../../annexes/indicateurs.md#taux)'
    >>> resoudre_liens("[B](guide:modules/a/b.md)", "modules/a/index.md")
    '[B](b.md)'
    """
    dossier = posixpath.dirname(src_uri) or "."

    def relatif(m: re.Match) -> str:
        return m.group(1) + posixpath.relpath(m.group(2), dossier) + (m.group(3) or "")

    return _LIEN.sub(relatif, markdown)


@functools.lru_cache(maxsize=8)
def _motif_sigles(sigles: tuple[str, ...]) -> re.Pattern:
    """Une seule expression pour tous les sigles faits de lettres et chiffres (mot entier) : un mot
    de la page ne peut alors égaler qu'un seul sigle, la recherche unique trouve les mêmes sigles
    qu'une recherche par sigle. Les plus longs d'abord (par prudence)."""
    alternatives = "|".join(re.escape(s) for s in sorted(set(sigles), key=lambda s: (-len(s), s)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _present(sigle: str, markdown: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(sigle)}(?![\w-])", markdown) is not None


def ajouter_abreviations(markdown: str, sigles: list[dict]) -> str:
    """Ajoute en fin de page la définition des sigles qui y apparaissent (mot entier), dans l'ordre
    du glossaire ; la page est parcourue une seule fois, quel que soit le nombre de sigles.

    >>> ajouter_abreviations("Voir l'ARS.", [{"sigle": "ARS", "definition": "Agence régionale de santé"},
    ...                                        {"sigle": "OG", "definition": "Organisme gestionnaire"}])
    "Voir l'ARS.\\n\\n*[ARS]: Agence régionale de santé\\n"
    >>> ajouter_abreviations("Le CPOM-type et les ESMS.", [
    ...     {"sigle": "CPOM", "definition": "c"}, {"sigle": "ESMS", "definition": "e"}, {"sigle": "ES", "definition": "x"}])
    'Le CPOM-type et les ESMS.\\n\\n*[ESMS]: e\\n'
    """
    if not sigles:
        return markdown
    mots = tuple(s["sigle"] for s in sigles if re.fullmatch(r"\w+", s["sigle"]))
    presents = set(_motif_sigles(mots).findall(markdown)) if mots else set()
    lignes = []
    for s in sigles:
        if s["sigle"] in presents or (s["sigle"] not in mots and _present(s["sigle"], markdown)):
            definition = " ".join(s["definition"].split())
            lignes.append(f"*[{s['sigle']}]: {definition}")
    if not lignes:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lignes) + "\n"
