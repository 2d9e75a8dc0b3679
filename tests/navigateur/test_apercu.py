"""Aperçu en direct (``mkdocs serve``) tel qu'un éditeur de l'ARS s'en sert : la page se recharge
après chaque enregistrement du YAML ; un YAML cassé montre ses erreurs situées dans le navigateur
sans arrêter le serveur ; la correction rétablit la page.

Le temps entre l'enregistrement du YAML et la page rechargée est imprimé (banc d'essai, pas une
assertion de durée) et écrit dans artefacts/apercu.json.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from guide.donnees.erreurs import ErreurReferentiel
from guide.donnees.referentiel import charger_referentiel
from projet import RACINE, copier_projet, port_libre

MODULE = "modules/efficience.yml"
TITRE = "\ntitre: Efficience des organisations / des ESMS\n"
TITRE_MODIFIE = "\ntitre: Efficience des organisations (titre modifié pendant l'aperçu)\n"
DELAI_MS = 180_000


def _attendre_serveur(adresse: str, serveur: subprocess.Popen, journal: Path) -> None:
    limite = time.monotonic() + 300
    while time.monotonic() < limite and serveur.poll() is None:
        try:
            with urllib.request.urlopen(adresse, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"mkdocs serve n'a pas servi {adresse} :\n{journal.read_text()[-4000:]}", pytrace=False)


def _titre(page) -> str:
    return page.locator("article h1").first.inner_text()


def test_apercu_recharge_montre_les_erreurs_puis_se_retablit(chromium, tmp_path):
    projet = copier_projet(tmp_path / "projet")
    (projet / "node_modules").symlink_to(RACINE / "node_modules")
    port = port_libre()
    journal = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with journal.open("w") as sortie:
        serveur = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                   cwd=projet, env=env, stdout=sortie, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    adresse = f"http://127.0.0.1:{port}/modules/efficience/"
    page = chromium.new_page()
    page.set_default_timeout(DELAI_MS)
    try:
        _attendre_serveur(adresse, serveur, journal)
        page.goto(adresse)
        assert _titre(page) == "Efficience des organisations / des ESMS"
        # L'aperçu n'a ni CSP (qui bloquerait le script de rechargement de MkDocs) ni bandeau d'erreur.
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 0
        assert page.locator(".guide-apercu-erreurs").count() == 0

        # 1. Modifier le YAML : la page se recharge d'elle-même avec le nouveau titre.
        yaml = projet / MODULE
        original = yaml.read_text(encoding="utf-8")
        assert TITRE in original
        modifie = original.replace(TITRE, TITRE_MODIFIE)
        debut = time.perf_counter()
        yaml.write_text(modifie, encoding="utf-8")
        page.wait_for_function("() => document.querySelector('article h1')?.textContent.includes('titre modifié')")
        rechargement = time.perf_counter() - debut

        # 2. Casser le YAML : les erreurs situées apparaissent dans le navigateur, le serveur tourne.
        casse = modifie.replace("\nordre: 4\n", "\nordre: quatre\n")
        with pytest.raises(ErreurReferentiel) as attendu:  # les messages que donne « guide check »
            yaml.write_text(casse, encoding="utf-8")
            charger_referentiel(projet, strict=True)
        messages = [str(e) for e in attendu.value.erreurs]
        assert messages and all(m.startswith(f"{MODULE}:") for m in messages)
        debut = time.perf_counter()
        bandeau = page.locator(".guide-apercu-erreurs")
        bandeau.wait_for(state="visible")
        erreur = time.perf_counter() - debut
        assert bandeau.get_attribute("role") == "alert"
        textes = bandeau.locator("li code").all_inner_texts()
        assert textes == messages
        assert serveur.poll() is None, "le serveur s'est arrêté sur un YAML cassé"
        assert "titre modifié" in _titre(page)  # la dernière version valide reste affichée

        # 3. Corriger : le bandeau disparaît, la page est rétablie.
        debut = time.perf_counter()
        yaml.write_text(modifie, encoding="utf-8")
        page.wait_for_function("() => !document.querySelector('.guide-apercu-erreurs') "
                               "&& document.querySelector('article h1')?.textContent.includes('titre modifié')")
        retour = time.perf_counter() - debut
        assert serveur.poll() is None
    finally:
        page.close()
        os.killpg(serveur.pid, signal.SIGINT)
        try:
            serveur.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serveur.pid, signal.SIGKILL)

    mesures = {"rechargement_apres_modification_s": round(rechargement, 2),
               "erreurs_affichees_apres_casse_s": round(erreur, 2),
               "retour_apres_correction_s": round(retour, 2)}
    artefacts = RACINE / "artefacts"
    artefacts.mkdir(exist_ok=True)
    (artefacts / "apercu.json").write_text(json.dumps(mesures, indent=2) + "\n", encoding="utf-8")
    print("\nAperçu : " + ", ".join(f"{cle} = {valeur} s" for cle, valeur in mesures.items()))
