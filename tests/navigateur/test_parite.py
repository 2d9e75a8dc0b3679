"""Parité : chaque cas du corpus (tests/calculators/corpus/) donne, dans le worker Pyodide du site
construit, exactement le même texte JSON que CPython (`executer_json`), avec les mêmes paramètres.

Trois départs du worker sont essayés : depuis l'instantané mémoire publié et téléchargé
(« instantane »), depuis sa copie locale gardée par la visite précédente (« copie ») et, l'instantané
étant refusé par le serveur, le démarrage ordinaire de repli (« ordinaire »)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from outils_navigateur import DELAI_MOTEUR_MS, attendre_moteur

from calculators.contrat import executer_json
from guide.donnees.chemins import IDENTITE_INSTANTANE
from guide.publication.navigateur import nom_instantane, version_pyodide

pytestmark = pytest.mark.navigateur

RACINE = Path(__file__).resolve().parents[2]
CORPUS = RACINE / "tests" / "calculators" / "corpus"
CAS = sorted((CORPUS / "cas").glob("*.json"))
PARAMETRES = (CORPUS / "parametres.json").read_text(encoding="utf-8")


def test_le_corpus_est_assez_grand():
    assert len(CAS) >= 50


INSTANTANE = "**/assets/pyodide/instantane-*.bin"
DEPARTS = ["instantane", "copie", "ordinaire"]


@pytest.fixture(scope="module", params=DEPARTS)
def page_moteur(request, chromium, site_servi):
    """Une page de calculateur dont le moteur est prêt, partagée par tous les cas d'un départ."""
    contexte = chromium.new_context(locale="fr-FR")
    if request.param == "ordinaire":
        contexte.route(INSTANTANE, lambda route: route.fulfill(status=404, body="absent"))
    page = contexte.new_page()
    page.set_default_timeout(DELAI_MOTEUR_MS)
    erreurs = []
    page.on("pageerror", lambda e: erreurs.append(str(e)))
    page.goto(site_servi.url("calculateurs/trajectoire/"))
    attendre_moteur(page)
    if request.param == "copie":  # visite suivante : la copie locale gardée par la première
        page.wait_for_function("() => window.moteurTest.copieGardee === true")
        page.reload()
        attendre_moteur(page)
    depart, origine = page.evaluate("() => [window.moteurTest.depart, window.moteurTest.origine]")
    assert (depart, origine) == {"instantane": ("instantane", "reseau"), "copie": ("instantane", "copie"),
                                 "ordinaire": ("ordinaire", None)}[request.param]
    page.erreurs_moteur = erreurs
    yield page
    contexte.close()


@pytest.mark.parametrize("fichier", CAS, ids=[f.stem for f in CAS])
def test_meme_reponse_que_cpython(page_moteur, fichier):
    cas = json.loads(fichier.read_text(encoding="utf-8"))
    # Le texte d'entrée est celui que lirait la CLI : identique des deux côtés, au caractère près.
    entree = json.dumps(cas["entree"], ensure_ascii=False)
    attendu = executer_json(cas["nom"], entree, PARAMETRES)
    obtenu = page_moteur.evaluate(
        "([nom, entree, parametres]) => window.moteurTest.executer(nom, entree, parametres)",
        [cas["nom"], entree, PARAMETRES],
    )
    assert obtenu == attendu
    assert json.loads(obtenu) == cas["attendu"]
    assert page_moteur.erreurs_moteur == []


def instantane_d_une_autre_construction(site: Path) -> bytes:
    """L'instantané publié dont l'identifiant de construction de Pyodide (mots 4 à 11 de l'en-tête) est changé."""
    (chemin,) = (site / "assets" / "pyodide").glob("instantane-*.bin")
    octets = bytearray(chemin.read_bytes())
    octets[16:48] = bytes(b ^ 0xFF for b in octets[16:48])
    return bytes(octets)


@pytest.mark.parametrize("instantane", ["absent", "autre_construction", "non_publie", "identite_absente"])
def test_repli_quand_l_instantane_ne_convient_pas(contexte, page, journal, site_servi, instantane):
    """Instantané absent (404), pris par une autre construction de Pyodide, non publié (identité
    ``null`` : Node a manqué à la construction) ou identité introuvable (404) : le worker démarre de
    façon ordinaire, le dit dans la console (information, pas erreur) et calcule comme d'habitude."""
    if instantane == "absent":
        contexte.route(INSTANTANE, lambda route: route.fulfill(status=404, body="absent"))
    elif instantane == "identite_absente":  # déploiement partiel, fichier filtré par l'hébergeur
        contexte.route("**/" + IDENTITE_INSTANTANE, lambda route: route.fulfill(status=404, body="absent"))
    elif instantane == "non_publie":
        contexte.route("**/" + IDENTITE_INSTANTANE, lambda route: route.fulfill(
            status=200, content_type="text/javascript", body="export const INSTANTANE = null;\n"))
    else:
        corps = instantane_d_une_autre_construction(site_servi.dossier)
        contexte.route(INSTANTANE, lambda route: route.fulfill(status=200, body=corps,
                                                               content_type="application/octet-stream"))
    informations = []
    page.on("console", lambda m: m.type == "info" and informations.append(m.text))
    page.goto(site_servi.url("calculateurs/trajectoire/"))
    attendre_moteur(page)
    assert page.evaluate("() => window.moteurTest.depart") == "ordinaire"
    assert page.evaluate("() => window.moteurTest.etat.etat") == "pret"
    entree = json.dumps({"valeur_initiale": 84.47, "cible_finale": 92, "annees": 5})
    obtenu = page.evaluate("(e) => window.moteurTest.executer('trajectoire', e)", entree)
    assert json.loads(obtenu) == {"ok": True, "resultat": {"cibles": [85.98, 87.48, 88.99, 90.49, 92.0]}}
    # Instantané absent : le navigateur peut écrire sa ligne « 404 » dans la console (message du
    # navigateur, rien n'est montré à l'utilisateur) ; aucune autre erreur.
    attendues = ["console : Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert [e for e in journal.erreurs if instantane not in {"absent", "identite_absente"} or e not in attendues] == []
    assert any(u.endswith("/assets/py/calculators.zip") for u in journal.requetes)
    if informations:  # les messages du worker ne remontent pas toujours à la page
        assert any("démarrage sans instantané" in m for m in informations), informations


def test_depart_instantane_sans_bibliotheque_ni_archive(page, journal, site_servi):
    """Départ instantané : ni python_stdlib.zip ni calculators.zip ne sont téléchargés."""
    page.goto(site_servi.url("calculateurs/trajectoire/"))
    attendre_moteur(page)
    assert page.evaluate("() => window.moteurTest.depart") == "instantane"
    moteur = sorted({u.rsplit("/", 1)[1] for u in journal.requetes if "/assets/pyodide/" in u or "/assets/py/" in u})
    assert moteur == sorted([nom_instantane(version_pyodide(RACINE / "node_modules" / "pyodide")),
                             IDENTITE_INSTANTANE.rsplit("/", 1)[1],
                             "pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs",
                             "python_stdlib_vide.zip"])
    assert journal.erreurs == []
