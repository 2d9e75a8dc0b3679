"""Pré-compression du site construit : fichier.gz et fichier.br à côté des gros fichiers texte et
WebAssembly, servis tels quels par nginx (gzip_static, brotli_static), Apache (règles fournies)
ou GitLab Pages, sans compresser à chaque requête.

Sorties déterministes : gzip sans date ni nom de fichier (mtime=0), brotli qualité maximale. Le
brotli de qualité 11 prend ~20 s pour pyodide.asm.wasm : les résultats sont gardés dans un cache
indexé par l'empreinte du contenu (le runtime Pyodide ne change pas d'une construction à l'autre).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import brotli

from guide.publication.cache import lire_ou_calculer

__all__ = ["EXTENSIONS", "GAIN_MINIMAL", "TAILLE_MINIMALE", "Resultat", "comprimer", "comprimer_site"]

# Fichiers que les navigateurs reçoivent et qui gagnent à être compressés (.bin : instantané mémoire de Pyodide).
EXTENSIONS = frozenset(
    {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".zip", ".svg", ".xml", ".txt", ".map", ".bin"}
)
TAILLE_MINIMALE = 1024  # octets : en dessous, l'en-tête Content-Encoding coûte plus qu'il ne gagne
GAIN_MINIMAL = 0.05  # une variante qui n'économise pas 5 % n'est pas écrite (ex. zip déjà compressé)
_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "guide-cpom" / "compression"


@dataclass(frozen=True)
class Resultat:
    """Un fichier du site et la taille de chacune de ses variantes écrites (0 si non écrite)."""

    chemin: Path
    taille: int
    gzip: int
    brotli: int


def _gzip(donnees: bytes) -> bytes:
    return gzip.compress(donnees, compresslevel=9, mtime=0)


def _brotli(donnees: bytes) -> bytes:
    return brotli.compress(donnees, quality=11)


_ALGORITHMES = {".gz": _gzip, ".br": _brotli}


def comprimer(donnees: bytes, suffixe: str, cache: Path | None = _CACHE, empreinte: str | None = None) -> bytes:
    """Variante compressée (suffixe ".gz" ou ".br") de donnees, lue dans le cache si possible ;
    ``empreinte`` : sha256 hexadécimal de donnees, s'il est déjà calculé."""
    algorithme = _ALGORITHMES[suffixe]
    if cache is not None and empreinte is None:
        empreinte = hashlib.sha256(donnees).hexdigest()
    entree = cache / (empreinte + suffixe) if cache is not None else None
    return lire_ou_calculer(entree, lambda: algorithme(donnees))


def _candidat(chemin: Path) -> bool:
    return (
        chemin.is_file()
        and chemin.suffix.lower() in EXTENSIONS
        and chemin.stat().st_size >= TAILLE_MINIMALE
    )


def comprimer_site(dossier: Path, cache: Path | None = _CACHE) -> list[Resultat]:
    """Écrit les variantes .gz et .br utiles de chaque fichier candidat de dossier (récursif).

    Réécrit les variantes existantes (un second appel donne les mêmes fichiers). Renvoie un Resultat par fichier candidat, trié par chemin.
    """
    resultats = []
    for chemin in sorted(p for p in Path(dossier).rglob("*") if _candidat(p)):
        donnees = chemin.read_bytes()
        empreinte = hashlib.sha256(donnees).hexdigest() if cache is not None else None  # une fois pour les deux
        tailles = {}
        for suffixe in _ALGORITHMES:
            variante = chemin.with_name(chemin.name + suffixe)
            compresse = comprimer(donnees, suffixe, cache, empreinte)
            if len(compresse) <= len(donnees) * (1 - GAIN_MINIMAL):
                variante.write_bytes(compresse)
                tailles[suffixe] = len(compresse)
            else:
                tailles[suffixe] = 0
        resultats.append(Resultat(chemin, len(donnees), tailles[".gz"], tailles[".br"]))
    return resultats
