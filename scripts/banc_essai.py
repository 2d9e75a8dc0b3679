"""Banc d'essai des calculateurs dans Chromium (ce n'est pas un test : il imprime des mesures et des rapports).

Construit le site, le sert sur 127.0.0.1 avec le serveur de mesure de scripts/budget_outils.py
(variantes .br/.gz pré-compressées, octets comptés côté serveur) et, dans la même exécution, compare
la page de calculateur à une page « Pyodide nu » servie par le même serveur (le même Pyodide démarré
dans un worker module, sans instantané ni calculateurs) :
- à froid (profil neuf sur disque) jusqu'à « moteur prêt », octets transférés ; médiane de N essais ;
- rechargement à chaud (même profil, cache HTTP rempli) ; médiane de N essais ;
- la latence saisie → résultat (mesurée dans la page, avancement avec 10 actions) : p50 et p95 ;
- la revisite d'un calculateur par la navigation instantanée (le worker survit).
Les deux pages sont mesurées en alternance pour partager les variations d'une machine chargée.

Usage : python3 scripts/banc_essai.py [--essais 5] [--saisies 40] [--actions 10] [--sans-saisies]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests" / "navigateur"))
sys.path.insert(0, str(RACINE / "tests"))
sys.path.insert(0, str(RACINE / "scripts"))
sys.path.insert(0, str(RACINE))

import budget_outils as B  # noqa: E402
from outils_navigateur import (  # noqa: E402
    ARGUMENTS_CHROMIUM,
    CHROMIUM,
    brancher_moteur,
    construire,
    port_libre,
)

PAGE = "calculateurs/avancement/"
PAGE_NUE = "banc-pyodide-nu/"

# Page « Pyodide nu » : seulement Pyodide dans un worker module, démarrage ordinaire, rien d'autre.
HTML_NU = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Pyodide nu</title></head>
<body><p id="etat">chargement</p><script type="module" src="nu.js"></script></body></html>
"""
JS_NU = """window.pyodideNu = { pret: null };
const worker = new Worker(new URL("./worker-nu.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
  window.pyodideNu.pret = performance.now();
  document.getElementById("etat").textContent = data;
};
"""
WORKER_NU = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
self.postMessage("pret");
"""


def ecrire_page_nue(site: Path) -> None:
    dossier = site / PAGE_NUE
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / "index.html").write_text(HTML_NU, encoding="utf-8")
    (dossier / "nu.js").write_text(JS_NU, encoding="utf-8")
    (dossier / "worker-nu.js").write_text(WORKER_NU, encoding="utf-8")


def centile(valeurs: list[float], p: float) -> float:
    """Centile par rang le plus proche (p entre 0 et 100).

    >>> centile([5, 1, 4, 2, 3], 50), centile(list(range(1, 101)), 95)
    (3, 95)
    """
    ordonnees = sorted(valeurs)
    rang = max(0, min(len(ordonnees) - 1, math.ceil(p / 100 * len(ordonnees)) - 1))
    return ordonnees[rang]


def attendre_pret(page) -> float:
    """Millisecondes entre le début de la navigation et « moteur prêt » (page de calculateur)."""
    brancher_moteur(page)
    page.wait_for_function("() => window.moteurTest.etat.etat === 'pret'", timeout=120_000)
    return page.evaluate("() => window.moteurTest.instants.pret")


def attendre_pret_nu(page) -> float:
    page.wait_for_function("() => window.pyodideNu && window.pyodideNu.pret !== null", timeout=120_000)
    return page.evaluate("() => window.pyodideNu.pret")


def froid_et_chaud(lanceur, serveur, adresse: str, attendre) -> dict:
    """Profil neuf sur disque : chargement à froid puis rechargement ; ms jusqu'à prêt et octets."""
    with tempfile.TemporaryDirectory(prefix="banc-profil-") as profil:
        contexte = lanceur.launch_persistent_context(
            profil, executable_path=CHROMIUM, args=ARGUMENTS_CHROMIUM, locale="fr-FR")
        try:
            page = contexte.new_page()
            debut = len(serveur.journal)
            page.goto(adresse)
            froid = attendre(page)
            page.wait_for_load_state("networkidle")
            octets_froid = B.total(serveur.journal[debut:])
            depart = page.evaluate("() => window.moteurTest ? window.moteurTest.depart : 'nu'")
            # Après un départ depuis le réseau, le worker écrit la copie locale de l'instantané (moteur
            # déjà prêt) : le rechargement mesuré est celui d'une visite qui la trouve.
            copie = page.evaluate(ATTENDRE_COPIE) if depart == "instantane" else "sans objet"
            debut = len(serveur.journal)
            page.reload()
            chaud = attendre(page)
            page.wait_for_load_state("networkidle")
            octets_chaud = B.total(serveur.journal[debut:])
            origine_chaud = page.evaluate("() => window.moteurTest ? window.moteurTest.origine : null")
        finally:
            contexte.close()
    return {"froid": froid, "chaud": chaud, "octets_froid": octets_froid, "octets_chaud": octets_chaud, "depart": depart,
            "copie": copie, "origine_chaud": origine_chaud}


# Millisecondes entre « moteur prêt » et la copie locale écrite, ou pourquoi il n'y en a pas.
ATTENDRE_COPIE = """async () => {
  const m = window.moteurTest;
  if (m.origine !== "reseau") return "sans objet";
  const fin = performance.now() + 20000;
  while (m.copieGardee === null && performance.now() < fin) await new Promise((r) => setTimeout(r, 10));
  if (m.copieGardee === null) return "délai dépassé";
  return m.copieGardee ? m.instants.copie_gardee - m.instants.pret : "refusée";
}"""


MESURER_SAISIES = """async ([n, actions]) => {
  const racine = document.querySelector('#calculateur-avancement');
  const champ = document.getElementById('avancement-0-avancement_phase');
  const durees = [];
  for (let i = 0; i < n; i += 1) {
    const valeur = 1 + (i % 99);
    const fini = new Promise((resoudre) => {
      const observateur = new MutationObserver(() => {
        if (racine.dataset.enCours || racine.dataset.etatCalcul !== 'ok') return;
        const reponse = JSON.parse(racine.dataset.dernierJson);
        if (reponse.resultat.actions.length === actions && reponse.resultat.actions[0].avancement_phase === valeur) {
          observateur.disconnect();
          resoudre(performance.now());
        }
      });
      observateur.observe(racine, { attributes: true });
    });
    const debut = performance.now();
    champ.value = String(valeur);
    champ.dispatchEvent(new Event('input', { bubbles: true }));
    durees.push((await fini) - debut);
  }
  return durees;
}"""


# Revisite mesurée dans la page : navigation instantanée (ce que fait un clic sur un lien de la
# navigation) → calculateur lié → saisie → premier résultat affiché.
REVISITE = """async (adresse) => {
  const attendre = (condition) => new Promise((resoudre) => {
    if (condition()) { resoudre(); return; }
    const observateur = new MutationObserver(() => {
      if (condition()) { observateur.disconnect(); resoudre(); }
    });
    observateur.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  });
  const debut = performance.now();
  window.location$.next(new URL(adresse));
  await attendre(() => document.querySelector('#calculateur-avancement[data-pret]'));
  const racine = document.querySelector('#calculateur-avancement');
  document.getElementById('avancement-0-type_actions').value = 'autodetermination';  // obligatoire
  const champ = document.getElementById('avancement-0-libelle');
  champ.value = 'Revisite';
  champ.dispatchEvent(new Event('input', { bubbles: true }));
  await attendre(() => racine.dataset.etatCalcul === 'ok' && !racine.dataset.enCours);
  return performance.now() - debut;
}"""


def saisies_et_revisite(navigateur, base: str, saisies: int, actions: int) -> dict:
    contexte = navigateur.new_context(locale="fr-FR")
    page = contexte.new_page()
    page.goto(base + PAGE)
    attendre_pret(page)
    for numero in range(1, actions + 1):
        if numero > 1:
            page.get_by_role("button", name="Ajouter une action").click()
        page.get_by_label(f"Libellé de l'action {numero}", exact=True).fill(f"Action {numero}")
        page.get_by_label(f"Type d'actions de l'action {numero}", exact=True).select_option(label="Autodétermination")
        page.get_by_label(f"% réalisé de la phase de l'action {numero}", exact=True).fill("50")
    page.wait_for_function(
        "(n) => { const r = document.querySelector('#calculateur-avancement');"
        " return r.dataset.etatCalcul === 'ok' && !r.dataset.enCours"
        " && JSON.parse(r.dataset.dernierJson).resultat.actions.length === n; }", arg=actions, timeout=120_000)
    latences = page.evaluate(MESURER_SAISIES, [saisies, actions])

    page.get_by_role("button", name="Effacer la saisie enregistrée").click()
    revisites = []
    for _ in range(5):
        page.evaluate("(u) => window.location$.next(new URL(u))", base + "calculateurs/modulation/")
        page.locator("#calculateur-modulation[data-pret]").wait_for()
        revisites.append(page.evaluate(REVISITE, base + PAGE))
        page.get_by_role("button", name="Effacer la saisie enregistrée").click()

    brancher_moteur(page)
    allers = page.evaluate(
        """async (n) => {
            const durees = [];
            const entree = {actions: [{libelle: "A", module: "prevention", secteur: "PA", phase: "pilotage", avancement_phase: 40}]};
            for (let i = 0; i < n; i += 1) {
                const debut = performance.now();
                await window.moteurTest.executer("avancement", entree);
                durees.push(performance.now() - debut);
            }
            return durees;
        }""",
        saisies,
    )
    contexte.close()
    return {"latences": latences, "revisites": revisites, "allers": allers}


def rapport(a: float, b: float) -> str:
    return f"× {B.nombre(a / b, 2)}"


def charge() -> str:
    """Charge moyenne de la machine (1, 5, 15 min) : la machine est partagée."""
    return " ; ".join(B.nombre(x, 2) for x in os.getloadavg())


def mesurer(base: str, serveur, essais: int, saisies: int, actions: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        guide, nu = [], []
        charge_debut = charge()
        for _ in range(essais):  # en alternance : les deux pages subissent la même charge de la machine
            nu.append(froid_et_chaud(p.chromium, serveur, base + PAGE_NUE, attendre_pret_nu))
            guide.append(froid_et_chaud(p.chromium, serveur, base + PAGE, attendre_pret))
        charge_fin = charge()
        demarrage = lignes_demarrage(guide, nu, essais)
        print("Essais (ms) à froid / à chaud :")
        for nom, mesures in (("Pyodide nu", nu), ("calculateur", guide)):
            print(f"  {nom} : " + " ; ".join(f"{m['froid']:.0f} / {m['chaud']:.0f}" for m in mesures))
        print(f"Charge moyenne (1, 5, 15 min) au début : {charge_debut} ; à la fin des essais : {charge_fin}")
        print()
        print(B.tableau(demarrage), flush=True)  # imprimé avant les saisies : gardé si elles échouent
        if saisies <= 0:
            return
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS_CHROMIUM)
        try:
            saisie = saisies_et_revisite(navigateur, base, saisies, actions)
        finally:
            navigateur.close()
    lat = saisie["latences"]
    lignes = [
        B.comparer(f"Saisie → résultat, avancement à {actions} actions : p50 ({len(lat)} saisies)",
                   centile(lat, 50), f"{B.nombre(centile(lat, 50), 1)} ms", None),
        B.comparer(f"Saisie → résultat, avancement à {actions} actions : p95", centile(lat, 95),
                   f"{B.nombre(centile(lat, 95), 1)} ms", 30, "≤ 30 ms"),
        B.comparer("Revisite par navigation instantanée → premier résultat (médiane de 5)",
                   statistics.median(saisie["revisites"]), B.ms(statistics.median(saisie["revisites"])), 100, "≤ 100 ms"),
        B.Ligne("Aller-retour du moteur seul (postMessage → Python → réponse) : p50 / p95",
                f"{B.nombre(centile(saisie['allers'], 50), 1)} / {B.nombre(centile(saisie['allers'], 95), 1)} ms"),
        B.Ligne("Charge moyenne (1, 5, 15 min) après les saisies", charge()),
    ]
    print()
    print(B.tableau(lignes))


def lignes_demarrage(guide: list[dict], nu: list[dict], essais: int) -> list:
    med = lambda mesures, cle: statistics.median(m[cle] for m in mesures)  # noqa: E731
    departs = sorted({m["depart"] for m in guide})
    f_g, f_n, c_g, c_n = med(guide, "froid"), med(nu, "froid"), med(guide, "chaud"), med(nu, "chaud")
    return [
        B.Ligne(f"Page Pyodide nu /{PAGE_NUE} à froid : moteur prêt (médiane de {essais})", B.ms(f_n)),
        B.Ligne(f"Calculateur /{PAGE} à froid : moteur prêt (médiane de {essais}, départ {', '.join(departs)})",
                B.ms(f_g)),
        B.comparer("Rapport à froid calculateur / Pyodide nu", f_g / f_n, rapport(f_g, f_n), 0.4, "≤ × 0,4"),
        B.Ligne(f"Page Pyodide nu rechargée à chaud : moteur prêt (médiane de {essais})", B.ms(c_n)),
        B.Ligne(f"Calculateur rechargé à chaud : moteur prêt (médiane de {essais})", B.ms(c_g)),
        B.comparer("Rapport à chaud calculateur / Pyodide nu", c_g / c_n, rapport(c_g, c_n), 0.3, "≤ × 0,3"),
        B.Ligne("Page Pyodide nu à froid : octets (pré-compressé)", B.mo(int(med(nu, "octets_froid")))),
        B.comparer("Calculateur à froid : octets (pré-compressé)", med(guide, "octets_froid"),
                   B.mo(int(med(guide, "octets_froid"))), 7.7e6, "≤ 7,70 Mo"),
        B.Ligne("Calculateur rechargé : octets", B.ko(int(med(guide, "octets_chaud")))),
        B.Ligne("Calculateur rechargé : origine de l'instantané (par essai)",
                ", ".join(str(m["origine_chaud"]) for m in guide)),
        B.Ligne("Copie locale de l'instantané écrite après « moteur prêt » (ms, par essai)",
                ", ".join(m["copie"] if isinstance(m["copie"], str) else f"{m['copie']:.0f}" for m in guide)),
    ]


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--essais", type=int, default=5, help="essais à froid et à chaud par page (5)")
    arguments.add_argument("--saisies", type=int, default=40, help="nombre de saisies mesurées (40)")
    arguments.add_argument("--actions", type=int, default=10, help="actions du plan pendant les saisies (10)")
    arguments.add_argument("--sans-saisies", action="store_true", help="démarrage seulement (ni saisies ni revisite)")
    arguments.add_argument("--site", type=Path, help="site déjà construit pour l'adresse http://127.0.0.1:PORT/ (--port)")
    arguments.add_argument("--port", type=int, help="port du site déjà construit")
    options = arguments.parse_args()
    port = options.port or port_libre()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="banc-essai-") as dossier:
        site = options.site or Path(dossier) / "site"
        if not options.site:
            debut = time.perf_counter()
            construire(site, base)
            print(f"Construction du site (mkdocs build --strict) : {time.perf_counter() - debut:.1f} s")
        ecrire_page_nue(site)
        serveur = B.serveur_mesure(site, port)
        serveur.precompresse = True
        threading.Thread(target=serveur.serve_forever, daemon=True).start()
        try:
            mesurer(base, serveur, options.essais, 0 if options.sans_saisies else options.saisies, options.actions)
        finally:
            serveur.shutdown()
            serveur.server_close()


if __name__ == "__main__":
    main()
