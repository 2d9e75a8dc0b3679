"""Copie locale de l'instantané (docs/assets/js/copie-locale.js, worker.js) dans Chromium.

Une visite qui démarre depuis le réseau garde une copie des octets décodés dans le système de fichiers
privé de l'origine ; la visite suivante repart de cette copie sans télécharger l'instantané. Une mise à
jour du site (autre empreinte dans assets/pyodide/instantane.js) n'est jamais servie par l'ancienne
copie ; des octets qui n'ont pas l'empreinte annoncée ne sont jamais gardés ; les copies d'autres
constructions sont effacées ; une copie illisible par Pyodide est remplacée depuis le réseau.
La parité du départ depuis la copie est vérifiée par tests/navigateur/test_parite.py (départ « copie »)."""

from __future__ import annotations

import json
import re

import pytest
from outils_navigateur import attendre_moteur

from guide.donnees.chemins import IDENTITE_INSTANTANE

pytestmark = pytest.mark.navigateur

PAGE = "calculateurs/trajectoire/"
IDENTITE = "**/" + IDENTITE_INSTANTANE
TRAJECTOIRE = json.dumps({"valeur_initiale": 84.47, "cible_finale": 92, "annees": 5})
ATTENDU = {"ok": True, "resultat": {"cibles": [85.98, 87.48, 88.99, 90.49, 92.0]}}

# Noms des fichiers du dossier privé de l'origine, triés (lus depuis la page).
COPIES = """async () => {
  const noms = [];
  for await (const nom of (await navigator.storage.getDirectory()).keys()) noms.push(nom);
  return noms.sort();
}"""


def identite(site) -> dict:
    texte = (site.dossier / IDENTITE_INSTANTANE).read_text(encoding="utf-8")
    return json.loads(re.search(r"INSTANTANE = (\{.*\});", texte).group(1))


def nom_copie(ident: dict) -> str:
    return f"instantane-{ident['version']}-{ident['empreinte']}.bin"


def demarrer(page, site):
    page.goto(site.url(PAGE))
    attendre_moteur(page)
    page.wait_for_function("() => window.moteurTest.origine !== 'reseau' || window.moteurTest.copieGardee !== null")
    return page.evaluate("() => [window.moteurTest.depart, window.moteurTest.origine, window.moteurTest.copieGardee]")


def calcule(page) -> dict:
    return json.loads(page.evaluate("(e) => window.moteurTest.executer('trajectoire', e)", TRAJECTOIRE))


def test_la_visite_suivante_part_de_la_copie(contexte, page, journal, site_servi):
    assert demarrer(page, site_servi) == ["instantane", "reseau", True]
    assert page.evaluate(COPIES) == [nom_copie(identite(site_servi))]
    # Le téléchargement de l'instantané ne part que si le stockage tarde plus de 50 ms à trouver la
    # copie, et il est alors abandonné : la copie sert sans attendre le réseau, ici muet.
    contexte.route("**/assets/pyodide/instantane-*.bin", lambda route: None)  # jamais de réponse
    assert demarrer(page, site_servi) == ["instantane", "copie", None]
    assert calcule(page) == ATTENDU
    assert journal.erreurs == []


ECRIRE = """async ([nom, taille, valeur]) => {
  const fichier = await (await navigator.storage.getDirectory()).getFileHandle(nom, { create: true });
  const flux = await fichier.createWritable();
  await flux.write(new Uint8Array(taille).fill(valeur));
  await flux.close();
}"""


def test_une_mise_a_jour_du_site_n_est_jamais_servie_par_l_ancienne_copie(contexte, page, journal, site_servi):
    ident = identite(site_servi)
    page.goto(site_servi.url(""))
    ancienne = f"instantane-{ident['version']}-{'c' * 64}.bin"  # copie d'une construction précédente
    page.evaluate(ECRIRE, [ancienne, 64, 1])
    assert demarrer(page, site_servi) == ["instantane", "reseau", True]
    assert page.evaluate(COPIES) == [nom_copie(ident)]  # l'ancienne copie est effacée
    # Mise à jour annoncée (autre empreinte) alors qu'un cache en retard sert encore l'ancien
    # instantané : la copie n'est pas relue, et ces octets ne sont pas gardés sous le nouveau nom.
    nouvelle = {**ident, "empreinte": "0" * 64}
    contexte.route(IDENTITE, lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=f"export const INSTANTANE = {json.dumps(nouvelle)};\n"))
    debut = len(journal.requetes)
    assert demarrer(page, site_servi) == ["instantane", "reseau", False]
    assert [u for u in journal.requetes[debut:] if u.endswith("/" + ident["fichier"])]
    assert page.evaluate(COPIES) == [nom_copie(ident)]
    assert calcule(page) == ATTENDU
    assert journal.erreurs == []


def test_une_copie_illisible_est_remplacee_depuis_le_reseau(page, journal, site_servi):
    ident = identite(site_servi)
    page.goto(site_servi.url(""))
    # Copie de la bonne taille, au bon nom, mais qui n'est pas un instantané de Pyodide.
    page.evaluate(ECRIRE, [nom_copie(ident), ident["octets"], 7])
    debut = len(journal.requetes)
    assert demarrer(page, site_servi) == ["instantane", "reseau", True]
    assert [u for u in journal.requetes[debut:] if u.endswith("/" + ident["fichier"])]
    assert calcule(page) == ATTENDU
    assert page.evaluate(COPIES) == [nom_copie(ident)]
    assert journal.erreurs == []
    # Visite suivante : la copie, réécrite, sert.
    assert demarrer(page, site_servi) == ["instantane", "copie", None]
    assert calcule(page) == ATTENDU
