"""Banc d'essai des calculateurs dans Chromium (ce n'est pas un test : il imprime des mesures).

Construit le site, le sert sur 127.0.0.1 et mesure :
- le temps à froid jusqu'à « moteur prêt » (cache vide) et les octets transférés ;
- le rechargement à chaud (même onglet, cache HTTP rempli) ;
- la revisite d'un calculateur par la navigation instantanée (le worker survit) ;
- la latence saisie → résultat affiché (anti-rebond compris) et l'aller-retour seul du moteur.

Usage : python3 scripts/banc_essai.py [--saisies 40]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests" / "navigateur"))
sys.path.insert(0, str(RACINE / "tests"))

from outils_navigateur import (  # noqa: E402
    ARGUMENTS_CHROMIUM,
    CHROMIUM,
    Gestionnaire,
    construire,
    port_libre,
)

PAGE = "calculateurs/avancement/"


def centile(valeurs: list[float], p: float) -> float:
    """Centile par rang le plus proche (p entre 0 et 100)."""
    ordonnees = sorted(valeurs)
    rang = max(0, min(len(ordonnees) - 1, round(p / 100 * len(ordonnees) + 0.5) - 1))
    return ordonnees[rang]


def octets(mesures: list[int]) -> str:
    return f"{sum(mesures) / 1e6:.2f} Mo ({len(mesures)} requêtes)"


def attendre_pret(page) -> float:
    """Millisecondes entre le début de la navigation et « moteur prêt »."""
    page.wait_for_function("() => window.calculateursCPOM && window.calculateursCPOM.etat() === 'pret'", timeout=120_000)
    return page.evaluate("() => window.calculateursCPOM.instants().pret")


def mesurer(base: str, saisies: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS_CHROMIUM)
        contexte = navigateur.new_context(locale="fr-FR")
        transferts: list[int] = []

        def compter(requete):
            try:
                tailles = requete.sizes()
                transferts.append(tailles["responseBodySize"] + tailles["responseHeadersSize"])
            except Exception:  # noqa: BLE001 — requête annulée : rien à compter
                pass

        contexte.on("requestfinished", compter)
        page = contexte.new_page()

        page.goto(base + PAGE)
        froid = attendre_pret(page)
        print(f"À froid (cache vide) jusqu'à moteur prêt : {froid:.0f} ms ; transfert : {octets(transferts)}")

        transferts.clear()
        page.reload()
        chaud = attendre_pret(page)
        print(f"Rechargement à chaud (cache HTTP) jusqu'à moteur prêt : {chaud:.0f} ms ; réponses reçues, cache compris : {octets(transferts)}")

        revisites = []
        for _ in range(5):
            page.locator(".md-sidebar--primary").get_by_role("link", name="Modulation de la dotation selon l'activité").click()
            page.wait_for_url("**/calculateurs/modulation/")
            page.locator("#calculateur-modulation[data-pret]").wait_for()
            debut = time.perf_counter()
            page.locator(".md-sidebar--primary").get_by_role("link", name="Taux d'avancement du plan d'actions").first.click()
            page.locator("#calculateur-avancement[data-pret]").wait_for()
            page.get_by_label("Libellé de l'action 1").fill("Revisite")
            page.wait_for_function("() => document.querySelector('#calculateur-avancement').dataset.etatCalcul === 'ok'")
            revisites.append((time.perf_counter() - debut) * 1000)
            page.get_by_role("button", name="Effacer la saisie enregistrée").click()
        print(f"Revisite par navigation instantanée, clic → premier résultat : médiane {statistics.median(revisites):.0f} ms "
              f"(anti-rebond de 250 ms compris ; {len(revisites)} essais)")

        champ = page.get_by_label("% réalisé de la phase de l'action 1")
        page.get_by_label("Libellé de l'action 1").fill("Mesure")
        latences = []
        for i in range(saisies):
            valeur = str(1 + i % 99)
            debut = time.perf_counter()
            champ.fill(valeur)
            page.wait_for_function(
                "(v) => { const r = document.querySelector('#calculateur-avancement');"
                " return r.dataset.etatCalcul === 'ok' && !r.dataset.enCours"
                " && JSON.parse(r.dataset.dernierJson).resultat.actions[0].avancement_phase === Number(v); }",
                arg=valeur,
            )
            latences.append((time.perf_counter() - debut) * 1000)
        print(f"Saisie → résultat affiché : p50 {centile(latences, 50):.0f} ms, p95 {centile(latences, 95):.0f} ms "
              f"({saisies} saisies, anti-rebond de 250 ms compris)")

        allers = page.evaluate(
            """async (n) => {
                const durees = [];
                const entree = {actions: [{libelle: "A", module: "prevention", secteur: "PA", phase: "pilotage", avancement_phase: 40}]};
                for (let i = 0; i < n; i += 1) {
                    const debut = performance.now();
                    await window.calculateursCPOM.executerTexte("avancement", entree);
                    durees.push(performance.now() - debut);
                }
                return durees;
            }""",
            saisies,
        )
        print(f"Aller-retour du moteur seul (postMessage → Python → réponse) : p50 {centile(allers, 50):.1f} ms, "
              f"p95 {centile(allers, 95):.1f} ms")
        navigateur.close()


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--saisies", type=int, default=40, help="nombre de saisies mesurées (40)")
    options = arguments.parse_args()
    port = port_libre()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="banc-essai-") as dossier:
        debut = time.perf_counter()
        construire(Path(dossier), base)
        print(f"Construction du site (mkdocs build --strict) : {time.perf_counter() - debut:.1f} s")
        serveur = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Gestionnaire, directory=dossier))
        threading.Thread(target=serveur.serve_forever, daemon=True).start()
        try:
            mesurer(base, options.saisies)
        finally:
            serveur.shutdown()
            serveur.server_close()


if __name__ == "__main__":
    main()
