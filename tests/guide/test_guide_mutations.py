"""Propriété : AUCUNE modification des vrais fichiers de modules/ ne fait planter le validateur.

Hypothesis part des fichiers réels (modules/*.yml et modules/communs/*.yml) et les abîme comme un
rédacteur pourrait le faire : ligne supprimée, dupliquée ou déplacée, clé renommée, valeur remplacée
par une valeur d'un autre type, octets quelconques insérés, fichier tronqué. Pour chaque exemple :

- le validateur accepte ou refuse, sans jamais lever d'exception ;
- chaque message est situé : ``modules/…yml:ligne:colonne: `` ;
- un fichier accepté se rend (toutes les pages générées), sans exception non plus ;
- le temps par exemple est mesuré ; le maximum est affiché (``pytest -s``) et une borne très large
  (5 s de temps processeur, insensible à la charge de la machine) ne sert qu'à détecter un blocage,
  pas à mesurer une performance.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.donnees.erreurs import ErreurReferentiel
from guide.donnees.referentiel import charger_referentiel
from guide.donnees.validation import valider
from guide.rendu import rendu
from projet import RACINE

FICHIERS = sorted((RACINE / "modules").glob("*.yml")) + sorted((RACINE / "modules" / "communs").glob("*.yml"))
ORIGINAUX = {f.relative_to(RACINE).as_posix(): f.read_bytes() for f in FICHIERS}
SITUE = re.compile(r"^modules/[\w/.-]+\.yml:\d+:\d+: \S")
CLE = re.compile(rb"^(\s*(?:- )?)([A-Za-z_][\w-]*)(:)", re.MULTILINE)
VALEURS = [b"3", b"-1", b"0.5", b"[]", b"{}", b"null", b"~", b"true", b"''", b'"texte"', b"[PA, PH]",
           b"{a: 1}", b"2025-02-30", b"*alias", b"&ancre x", b"!!python/none ''", b"|\n  bloc", b"- a",
           b"1e999", b"0x1F", b"[[[[[", b"'", b'"', b"#", b": :", b"<script>alert(1)</script>"]
BORNE_BLOCAGE = 5.0  # secondes de processeur : détecte un blocage (bombe d'alias…), ne mesure rien

MESURES = {"exemples": 0, "refuses": 0, "max": 0.0, "max_processeur": 0.0}


def _lignes(octets: bytes) -> list[bytes]:
    return octets.splitlines(keepends=True) or [b""]


@st.composite
def mutation(draw) -> tuple[str, bytes, str]:
    """(fichier relatif, nouveaux octets, description) pour une mutation tirée au hasard."""
    fichier = draw(st.sampled_from(sorted(ORIGINAUX)))
    octets = ORIGINAUX[fichier]
    lignes = _lignes(octets)
    genre = draw(st.sampled_from(["supprimer", "dupliquer", "deplacer", "renommer", "retyper",
                                  "inserer", "tronquer", "plusieurs"]))
    fois = draw(st.integers(2, 4)) if genre == "plusieurs" else 1
    for _ in range(fois):
        sorte = genre if genre != "plusieurs" else draw(st.sampled_from(
            ["supprimer", "dupliquer", "deplacer", "renommer", "retyper", "inserer", "tronquer"]))
        lignes = _lignes(octets)
        i = draw(st.integers(0, len(lignes) - 1))
        if sorte == "supprimer":
            fin = draw(st.integers(i + 1, min(len(lignes), i + 6)))
            lignes[i:fin] = []
        elif sorte == "dupliquer":
            fin = draw(st.integers(i + 1, min(len(lignes), i + 6)))
            lignes[fin:fin] = lignes[i:fin]
        elif sorte == "deplacer":
            ligne = lignes.pop(i)
            lignes.insert(draw(st.integers(0, len(lignes))), ligne)
        elif sorte == "renommer":
            cles = list(CLE.finditer(octets))
            if cles:
                cle = draw(st.sampled_from(cles))
                nouveau = draw(st.one_of(
                    st.sampled_from([c.group(2) for c in cles]),               # autre clé du fichier
                    st.just(cle.group(2)[:-1] or b"x"),                        # « sigle » pour « sigles »
                    st.binary(min_size=1, max_size=6).filter(lambda b: b"\n" not in b)))
                octets = octets[: cle.start(2)] + nouveau + octets[cle.end(2):]
                continue
        elif sorte == "retyper":
            cles = list(CLE.finditer(octets))
            if cles:
                cle = draw(st.sampled_from(cles))
                fin_ligne = octets.find(b"\n", cle.end())
                fin_ligne = len(octets) if fin_ligne < 0 else fin_ligne
                octets = octets[: cle.end()] + b" " + draw(st.sampled_from(VALEURS)) + octets[fin_ligne:]
                continue
        elif sorte == "inserer":
            position = draw(st.integers(0, len(octets)))
            ajout = draw(st.one_of(st.binary(min_size=1, max_size=8),
                                   st.sampled_from([b"\x00", b"\xef\xbb\xbf", b"\xe9", b"\t", b"\r", b"\x85",
                                                    b"\xe2\x80\xa8", b"\xff\xfe", b"{", b"[", b"&a ", b"*a"])))
            octets = octets[:position] + ajout + octets[position:]
            continue
        elif sorte == "tronquer":
            octets = octets[: draw(st.integers(0, len(octets)))]
            continue
        octets = b"".join(lignes)
    return fichier, octets, genre


def _rendre_tout(ref) -> None:
    """Toutes les pages que la construction du site produirait depuis le référentiel."""
    for fonction in (rendu.liste_modules, rendu.tableau_conclusion, rendu.annexe_indicateurs, rendu.glossaire,
                     rendu.index_secteurs, rendu.etat_des_themes, rendu.mentions_legales, rendu.journal):
        fonction(ref)
    for module, theme in ref.themes():
        rendu.page_theme(ref, module["id"], theme["id"])
    for module in ref.modules:
        rendu.page_module(ref, module["id"])
    for identifiant in ref.indicateurs:
        rendu.page_indicateur(ref, identifiant)


def test_les_vrais_fichiers_sont_valides():
    donnees = valider(RACINE)
    assert [str(e) for e in donnees.erreurs + donnees.avertissements] == []


# Exemples tirés toujours de la même façon (derandomize) : 200 dans la suite complète, 50 au niveau
# rapide (scripts/tester.sh --rapide exporte GUIDE_MUTATIONS=50) ; GUIDE_MUTATIONS_HASARD=1 pour une
# recherche tirée au hasard (ex. GUIDE_MUTATIONS=5000 GUIDE_MUTATIONS_HASARD=1).
NOMBRE = int(os.environ.get("GUIDE_MUTATIONS", "200"))


@settings(max_examples=NOMBRE, derandomize="GUIDE_MUTATIONS_HASARD" not in os.environ, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation())
def test_aucune_mutation_ne_fait_planter_le_validateur(cas):
    fichier, octets, _genre = cas
    with tempfile.TemporaryDirectory() as dossier:
        projet = Path(dossier)
        shutil.copytree(RACINE / "modules", projet / "modules")
        (projet / fichier).write_bytes(octets)

        debut, debut_processeur = time.perf_counter(), time.process_time()
        donnees = valider(projet)
        messages = [str(p) for p in donnees.erreurs + donnees.avertissements]
        if not donnees.erreurs:
            try:
                ref = charger_referentiel(projet, strict=True)
            except ErreurReferentiel as exc:  # avertissements bloquants en mode strict (celui du site)
                messages += [str(p) for p in exc.erreurs]
            else:
                _rendre_tout(ref)
        duree, processeur = time.perf_counter() - debut, time.process_time() - debut_processeur

    MESURES["exemples"] += 1
    MESURES["refuses"] += bool(donnees.erreurs)
    MESURES["max"] = max(MESURES["max"], duree)
    MESURES["max_processeur"] = max(MESURES["max_processeur"], processeur)
    non_situes = [m for m in messages if not SITUE.match(m)]
    assert non_situes == []
    assert processeur < BORNE_BLOCAGE, f"{processeur:.1f} s de processeur pour une mutation de {fichier}"


def test_bilan_des_mutations():
    """Affiche (pytest -s) le nombre de mutations essayées et le temps maximal par exemple."""
    if MESURES["exemples"]:
        print(f"\nmutations : {MESURES['exemples']} exemples, {MESURES['refuses']} refusés, "
              f"temps maximal par exemple {MESURES['max']:.3f} s ({MESURES['max_processeur']:.3f} s de processeur)")
