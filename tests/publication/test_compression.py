"""Pré-compression : variantes fidèles, déterministes, seulement quand elles servent."""

from __future__ import annotations

import gzip
import os

import brotli

from guide.publication import compression

TEXTE = ("<p>Taux d'avancement du plan d'actions : 62,50 %</p>\n" * 200).encode("utf-8")


def test_decompression_egale_original(tmp_path):
    (tmp_path / "assets").mkdir()
    page = tmp_path / "assets" / "page.html"
    page.write_bytes(TEXTE)
    resultats = compression.comprimer_site(tmp_path, cache=None)
    assert [r.chemin for r in resultats] == [page]
    assert gzip.decompress((tmp_path / "assets" / "page.html.gz").read_bytes()) == TEXTE
    assert brotli.decompress((tmp_path / "assets" / "page.html.br").read_bytes()) == TEXTE
    r = resultats[0]
    assert (r.taille, r.gzip, r.brotli) == (
        len(TEXTE),
        (tmp_path / "assets" / "page.html.gz").stat().st_size,
        (tmp_path / "assets" / "page.html.br").stat().st_size,
    )
    assert r.brotli < r.gzip < r.taille


def test_deterministe_sans_date(tmp_path):
    un = compression.comprimer(TEXTE, ".gz", cache=None)
    assert un[4:8] == b"\0\0\0\0"  # champ MTIME de l'en-tête gzip (RFC 1952)
    assert un == compression.comprimer(TEXTE, ".gz", cache=None)
    assert compression.comprimer(TEXTE, ".br", cache=None) == compression.comprimer(TEXTE, ".br", cache=None)


def test_petits_incompressibles_et_autres_fichiers_ignores(tmp_path):
    (tmp_path / "petit.js").write_bytes(b"x" * (compression.TAILLE_MINIMALE - 1))
    (tmp_path / "alea.wasm").write_bytes(os.urandom(50_000))  # ne gagne rien : pas de variante
    (tmp_path / "image.png").write_bytes(TEXTE)
    (tmp_path / "deja.json.gz").write_bytes(TEXTE)
    resultats = compression.comprimer_site(tmp_path, cache=None)
    assert [(r.chemin.name, r.gzip, r.brotli) for r in resultats] == [("alea.wasm", 0, 0)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "alea.wasm", "deja.json.gz", "image.png", "petit.js",
    ]


def test_second_passage_identique(tmp_path):
    (tmp_path / "a.css").write_bytes(TEXTE)
    compression.comprimer_site(tmp_path, cache=None)
    avant = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    compression.comprimer_site(tmp_path, cache=None)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == avant


def test_cache_par_contenu(tmp_path):
    cache = tmp_path / "cache"
    compresse = compression.comprimer(TEXTE, ".br", cache=cache)
    entrees = list(cache.iterdir())
    assert len(entrees) == 1 and entrees[0].name.endswith(".br")
    assert entrees[0].read_bytes() == compresse
    assert compression.comprimer(TEXTE, ".br", cache=cache) == compresse
