"""Dernière étape de la construction : politique CSP sur chaque page, extraits de configuration des
serveurs, puis pré-compression.

`finaliser_site(site)` doit être appelée en DERNIER dans on_post_build, après la copie de
Pyodide, l'archive des calculateurs, parametres.json et toute autre écriture dans site/ :
un script en ligne ajouté après elle serait bloqué par la politique, et un fichier modifié
après elle garderait des variantes .gz/.br périmées.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.publication import compression, csp, hebergement

__all__ = ["Bilan", "ErreurPublication", "appliquer_csp", "ecrire_hebergement", "finaliser_site"]

journal = logging.getLogger("mkdocs.plugins.guide.finalisation")

# Fichiers écrits dans le site construit, relatifs à sa racine.
FICHIER_POLITIQUE = "hebergement/content-security-policy.txt"
FICHIER_NGINX = "hebergement/nginx.conf"
FICHIER_APACHE = "hebergement/apache.htaccess"
FICHIER_HEADERS = "_headers"


class ErreurPublication(PluginError):
    """Le site construit contient ce que la politique CSP bloquerait (arrête MkDocs)."""


@dataclass(frozen=True)
class Bilan:
    """Ce que la finalisation a fait (affiché dans le journal de construction)."""

    pages: int
    empreintes: int
    politique: str
    compresses: list[compression.Resultat]


def appliquer_csp(site: Path) -> str:
    """Injecte la politique (sans frame-ancestors) en <meta> dans chaque page HTML de site et
    renvoie la politique complète pour les en-têtes HTTP. Lève ErreurPublication si une page
    contient un attribut on… ou style=, ou une URL javascript: (toutes les fautes sont nommées)."""
    pages = sorted(Path(site).rglob("*.html"))
    textes = {page: page.read_text(encoding="utf-8") for page in pages}
    empreintes: set[str] = set()
    empreintes_styles: set[str] = set()
    fautes: list[str] = []
    for page, texte in textes.items():
        analyse = csp.analyser_page(texte)  # une seule lecture par page (coût dominant sur un gros site)
        empreintes.update(csp.empreinte(s) for s in analyse.scripts)
        empreintes_styles.update(csp.empreinte(s) for s in analyse.styles)
        fautes += [f"{page.relative_to(site)} : {a}" for a in analyse.interdits]
    if fautes:
        raise ErreurPublication(
            "Attributs bloqués par la politique CSP (mettre le JavaScript dans un fichier .js et les "
            "styles dans une classe CSS de docs/assets/css/) :\n  "
            + "\n  ".join(fautes)
        )
    politique = csp.politique(empreintes, empreintes_styles)
    meta = csp.politique_meta(politique)
    for page, texte in textes.items():
        nouveau = csp.injecter_meta(texte, meta)
        if nouveau != texte:
            page.write_text(nouveau, encoding="utf-8")
    return politique


def ecrire_hebergement(site: Path, politique: str) -> None:
    """Écrit la politique et les extraits nginx, Apache et _headers dans le site construit."""
    contenus = {
        FICHIER_POLITIQUE: politique + "\n",
        FICHIER_NGINX: hebergement.nginx(politique),
        FICHIER_APACHE: hebergement.apache(politique),
        FICHIER_HEADERS: hebergement.en_tetes_statiques(politique),
    }
    for relatif, contenu in contenus.items():
        chemin = Path(site) / relatif
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(contenu, encoding="utf-8")


def finaliser_site(site: Path, avec_csp: bool = True, avec_precompression: bool = True) -> Bilan:
    """CSP puis extraits de configuration (si ``avec_csp``) puis pré-compression
    (si ``avec_precompression``)
    du site construit ``site``.

    À appeler en dernier dans on_post_build (voir la docstring du module). Sans ``avec_csp``, aucune
    politique n'est posée ni écrite (aperçu ``mkdocs serve``) : ``Bilan.politique`` est vide.
    """
    site = Path(site)
    politique = ""
    if avec_csp:
        politique = appliquer_csp(site)
        ecrire_hebergement(site, politique)
    compresses = compression.comprimer_site(site) if avec_precompression else []
    bilan = Bilan(
        pages=sum(1 for _ in site.rglob("*.html")),
        empreintes=politique.count("'sha256-"),
        politique=politique,
        compresses=compresses,
    )
    avant = sum(r.taille for r in compresses)
    apres = sum(r.brotli or r.gzip or r.taille for r in compresses)
    if avec_csp:
        journal.info("CSP : %d empreintes sur %d pages (%d octets)", bilan.empreintes, bilan.pages, len(politique))
    if avec_precompression:
        journal.info("pré-compression : %d fichiers, %d → %d octets (brotli)", len(compresses), avant, apres)
    return bilan
