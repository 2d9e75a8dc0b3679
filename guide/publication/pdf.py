"""PDF du guide complet, imprimé par Chromium sans interface depuis /guide-complet/ du site construit.

Appelé en ``on_post_build``, avant ``guide.publication.finalisation.finaliser_site`` (qui doit rester la
dernière étape). Chromium est nécessaire à la construction : s'il manque, la construction échoue
avec un message qui dit comment l'installer.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from guide.donnees.chemins import NOM_PDF, PAGE_GUIDE_COMPLET

__all__ = ["NOM_PDF", "ErreurPdf", "chromium", "commande", "imprimer", "liens_absolus", "publier_pdf"]

PAGE_SOURCE = PAGE_GUIDE_COMPLET
DELAI = 180  # secondes
OPTIONS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-pdf-header-footer", "--generate-pdf-document-outline")

journal = logging.getLogger("mkdocs.plugins.guide.pdf")


class ErreurPdf(PluginError):
    """Le PDF du guide n'a pas pu être produit (arrête MkDocs)."""


def chromium() -> str:
    """Chemin de Chromium : variable GUIDE_CHROMIUM, sinon ``chromium`` dans le PATH, sinon /usr/bin/chromium."""
    candidat = os.environ.get("GUIDE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not (Path(candidat).is_file() and os.access(candidat, os.X_OK)):
        raise ErreurPdf(
            f"Chromium est introuvable ({candidat}) : il est nécessaire pour produire le PDF du guide "
            "pendant la construction. Installez-le avec « bash scripts/installer.sh » (paquet Debian "
            "« chromium ») ou indiquez son chemin dans la variable GUIDE_CHROMIUM."
        )
    return candidat


def commande(executable: str, html: Path, pdf: Path, profil: Path) -> list[str]:
    """Ligne de commande de Chromium (profil jetable : plusieurs constructions en parallèle).

    >>> commande("chromium", Path("/s/p.html"), Path("/s/g.pdf"), Path("/tmp/p"))[-3:]
    ['--user-data-dir=/tmp/p', '--print-to-pdf=/s/g.pdf', 'file:///s/p.html']
    """
    return [executable, *OPTIONS, f"--user-data-dir={profil}", f"--print-to-pdf={pdf}", html.as_uri()]


_LIEN = re.compile(r'(<a\s[^>]*?href=")([^"#][^"]*)"')


def liens_absolus(html: str, adresse_page: str) -> str:
    """Liens relatifs des ``<a>`` rendus absolus : dans le PDF, ils mènent au site publié.

    >>> liens_absolus('<a href="../cpom/">x</a> <a href="#m">y</a> <link href="../a.css">',
    ...               "https://exemple.fr/guide-complet/")
    '<a href="https://exemple.fr/cpom/">x</a> <a href="#m">y</a> <link href="../a.css">'
    """
    def absolu(m: re.Match) -> str:
        return f'{m.group(1)}{urljoin(adresse_page, m.group(2))}"'

    return _LIEN.sub(absolu, html)


def imprimer(html: Path, pdf: Path, executable: str | None = None, adresse: str | None = None) -> float:
    """Imprime ``html`` en ``pdf`` (liens vers ``adresse``, l'URL publiée de la page, si donnée) ;
    renvoie la durée en secondes. Lève ``ErreurPdf`` en cas d'échec."""
    if not html.is_file():
        raise ErreurPdf(f"Page du guide complet introuvable : {html} (le PDF est imprimé depuis cette page).")
    executable = executable or chromium()
    pdf.unlink(missing_ok=True)
    debut = time.monotonic()
    source = html.with_name(".impression-" + html.name)  # même dossier : feuilles de style relatives
    source.write_text(liens_absolus(html.read_text(encoding="utf-8"), adresse) if adresse
                      else html.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="guide-pdf-") as profil:
            resultat = subprocess.run(commande(executable, source.resolve(), pdf.resolve(), Path(profil)),
                                      capture_output=True, text=True, timeout=DELAI, check=False)
    except subprocess.TimeoutExpired:
        raise ErreurPdf(f"Chromium n'a pas produit le PDF du guide en {DELAI} secondes.") from None
    finally:
        source.unlink(missing_ok=True)
    if resultat.returncode != 0 or not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        fin = "\n".join(resultat.stderr.strip().splitlines()[-5:])
        raise ErreurPdf(f"Chromium n'a pas produit le PDF du guide (code {resultat.returncode}) :\n{fin}")
    return time.monotonic() - debut


def publier_pdf(site: Path, site_url: str | None) -> Path:
    """``site/NOM_PDF`` imprimé depuis ``site/guide-complet/`` (liens vers ``site_url`` s'il est donné)."""
    site = Path(site)
    pdf = site / NOM_PDF
    adresse = urljoin(site_url, PAGE_SOURCE.removesuffix("index.html")) if site_url else None
    duree = imprimer(site / PAGE_SOURCE, pdf, adresse=adresse)
    journal.info("PDF du guide : %s (%d ko) en %.1f s", NOM_PDF, pdf.stat().st_size // 1024, duree)
    return pdf
