"""Dernière étape de la construction : politique CSP sur chaque page, extraits de configuration des
serveurs, puis pré-compression.

`finaliser_site(site)` doit être appelée en DERNIER dans on_post_build, après la copie de
Pyodide, l'archive des calculateurs, parametres.json et toute autre écriture dans site/ :
un script en ligne ajouté après elle serait bloqué par la politique, et un fichier modifié
après elle garderait des variantes .gz/.br périmées.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.publication import compression, csp, hebergement

__all__ = ["Bilan", "ErreurPublication", "appliquer_csp", "dossiers_gabarits", "ecrire_hebergement",
           "finaliser_site"]

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


def dossiers_gabarits(dossiers_du_theme: Iterable[str | Path] | None = None) -> list[Path]:
    """Dossiers des gabarits du thème et du projet : ceux que MkDocs utilise (``config.theme.dirs``)
    s'ils sont donnés, sinon guide/rendu/overrides puis les gabarits de Material."""
    if dossiers_du_theme:
        return [Path(d) for d in dossiers_du_theme]
    import material

    return [Path(__file__).resolve().parents[1] / "rendu" / "overrides",
            Path(material.__file__).resolve().parent / "templates"]


def _extrait(texte: str) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= 60 else texte[:57] + "…"


def appliquer_csp(site: Path, connus: csp.EnLigneConnus | None = None) -> str:
    """Injecte la politique (sans frame-ancestors) en <meta> dans chaque page HTML de site et
    renvoie la politique complète pour les en-têtes HTTP. Lève ErreurPublication si une page
    contient un attribut on… ou style=, une URL javascript:, ou un script ou un style en ligne qui
    ne vient pas des gabarits (``connus``, par défaut ceux de ``dossiers_gabarits()``) ; toutes
    les fautes sont nommées avec leur page."""
    if connus is None:
        connus = csp.en_ligne_connus(dossiers_gabarits())
    pages = sorted(Path(site).rglob("*.html"))
    textes = {page: page.read_text(encoding="utf-8") for page in pages}
    empreintes: set[str] = set()
    empreintes_styles: set[str] = set()
    fautes: list[str] = []
    inconnus: list[str] = []
    for page, texte in textes.items():
        analyse = csp.analyser_page(texte)  # une seule lecture par page (coût dominant sur un gros site)
        relatif = page.relative_to(site)
        for script in analyse.scripts:
            if not script.strip():  # script vide : rien à exécuter, rien à autoriser
                continue
            if connus.script(script):
                empreintes.add(csp.empreinte(script))
            else:
                inconnus.append(f"{relatif} : script en ligne inconnu « {_extrait(script)} »")
        for style in analyse.styles:
            if not style.strip():
                continue
            if connus.style(style):
                empreintes_styles.add(csp.empreinte(style))
            else:
                inconnus.append(f"{relatif} : style en ligne inconnu « {_extrait(style)} »")
        fautes += [f"{relatif} : {a}" for a in analyse.interdits]
    messages = []
    if fautes:
        messages.append(
            "Attributs bloqués par la politique CSP (mettre le JavaScript dans un fichier .js et les "
            "styles dans une classe CSS de docs/assets/css/) :\n  "
            + "\n  ".join(fautes)
        )
    if inconnus:
        messages.append(
            "Scripts ou styles en ligne qui ne viennent ni des gabarits du thème ni de ceux du projet "
            "(la politique CSP ne les autorise pas ; mettre le JavaScript dans un fichier .js de "
            "docs/assets/js/) :\n  " + "\n  ".join(inconnus)
        )
    if messages:
        raise ErreurPublication("\n".join(messages))
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


def finaliser_site(site: Path, avec_csp: bool = True, avec_precompression: bool = True,
                   gabarits: Iterable[str | Path] | None = None) -> Bilan:
    """CSP puis extraits de configuration (si ``avec_csp``) puis pré-compression
    (si ``avec_precompression``)
    du site construit ``site``.

    ``gabarits`` : dossiers des gabarits du thème (``config.theme.dirs``) d'où viennent les seuls
    scripts et styles en ligne permis (voir ``dossiers_gabarits``).

    À appeler en dernier dans on_post_build (voir la docstring du module). Sans ``avec_csp``, aucune
    politique n'est posée ni écrite (aperçu ``mkdocs serve``) : ``Bilan.politique`` est vide.
    """
    site = Path(site)
    politique = ""
    if avec_csp:
        politique = appliquer_csp(site, csp.en_ligne_connus(dossiers_gabarits(gabarits)))
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
