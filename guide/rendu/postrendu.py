"""Retouches pures du Markdown d'une page après le rendu des macros (appelées par le hook).

- les liens ``guide:chemin/depuis/docs.md#ancre`` émis par ``guide.rendu.rendu`` deviennent relatifs à
  la page (MkDocs les vérifie et les convertit ensuite en adresses, ``--strict`` compris) ;
- les sigles du glossaire présents dans la page reçoivent leur définition d'abréviation
  (``*[ARS]: Agence régionale de santé``) : infobulle sur chaque occurrence.
"""

from __future__ import annotations

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


def ajouter_abreviations(markdown: str, sigles: list[dict]) -> str:
    """Ajoute en fin de page la définition des sigles qui y apparaissent (mot entier).

    >>> ajouter_abreviations("Voir l'ARS.", [{"sigle": "ARS", "definition": "Agence régionale de santé"},
    ...                                        {"sigle": "OG", "definition": "Organisme gestionnaire"}])
    "Voir l'ARS.\\n\\n*[ARS]: Agence régionale de santé\\n"
    """
    lignes = []
    for s in sigles:
        if re.search(rf"(?<![\w-]){re.escape(s['sigle'])}(?![\w-])", markdown):
            definition = " ".join(s["definition"].split())
            lignes.append(f"*[{s['sigle']}]: {definition}")
    if not lignes:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lignes) + "\n"
