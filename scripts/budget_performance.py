"""Budget de performance du guide (ce n'est pas un test : il imprime des chiffres et leurs cibles).

1. Pages du guide dans Chromium headless, cache vide : octets réellement envoyés par un serveur
   local (fichiers tels quels, puis variantes .br/.gz pré-compressées selon Accept-Encoding),
   fichiers par type, temps de chargement ; aucune page sans calculateur ne doit demander Pyodide.
2. Page de calculateur à froid (nouveau contexte) et à chaud (rechargement) : octets, temps
   jusqu'à « moteur prêt » (fonctions de scripts/banc_essai.py).
3. Construction `mkdocs build --strict` (médiane de N) : le guide, un projet Material « nu » du
   même nombre de pages, et une copie du guide avec 10 fois plus de modules YAML.

Usage : python3 scripts/budget_performance.py [--constructions 3] [--facteur 10] [--sans-navigateur] [--sans-construction]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests"))
sys.path.insert(0, str(RACINE))

import banc_essai  # noqa: E402 — rend aussi tests/navigateur importable
import budget_outils as B  # noqa: E402
from projet import construire as construire_projet  # noqa: E402

CIBLE_PAGE = 300 * B.KO  # octets transférés par une page du guide
CIBLE_CHAUD = 0.10  # proposée : un rechargement transfère au plus 10 % des octets à froid
PAGE_CALCULATEUR = banc_essai.PAGE


# ---------------------------------------------------------------- navigateur

class Mesureur:
    """Chromium + serveur de mesure : chaque visite renvoie les réponses envoyées par le serveur."""

    def __init__(self, navigateur, serveur, base: str):
        self.navigateur, self.serveur, self.base = navigateur, serveur, base
        self.hors_origine: list[str] = []

    def nouveau_contexte(self):
        return self.surveiller(self.navigateur.new_context(locale="fr-FR"))

    def surveiller(self, contexte):
        """Note les requêtes du contexte vers une autre origine que le site."""
        origine = self.base.rstrip("/")

        def noter(requete):
            if not requete.url.startswith((origine + "/", "data:", "blob:")):
                self.hors_origine.append(requete.url)

        contexte.on("request", noter)
        return contexte

    def visiter(self, page, action) -> tuple[list[B.Reponse], object]:
        """Exécute action() puis attend le calme du réseau ; renvoie (réponses, résultat d'action)."""
        debut = len(self.serveur.journal)
        resultat = action()
        page.wait_for_load_state("networkidle")
        return list(self.serveur.journal[debut:]), resultat

    def page_a_froid(self, chemin: str) -> tuple[list[B.Reponse], float]:
        """Réponses et temps de chargement (fin de l'événement load, ms) d'une page, cache vide."""
        contexte = self.nouveau_contexte()
        page = contexte.new_page()
        try:
            reponses, _ = self.visiter(page, lambda: page.goto(self.base + chemin, wait_until="load"))
            charge = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        finally:
            contexte.close()
        return reponses, charge

    def calculateur(self, lanceur) -> dict:
        """À froid puis rechargement : réponses et ms jusqu'à « moteur prêt ».

        Profil neuf sur disque : le cache mémoire d'un contexte éphémère ne garde pas
        pyodide.asm.wasm non compressé (9,6 Mo), ce qui fausserait le rechargement."""
        profil = tempfile.TemporaryDirectory(prefix="budget-profil-")
        contexte = lanceur.launch_persistent_context(
            profil.name, executable_path=banc_essai.CHROMIUM, args=banc_essai.ARGUMENTS_CHROMIUM, locale="fr-FR")
        self.surveiller(contexte)
        page = contexte.new_page()

        def ouvrir():
            page.goto(self.base + PAGE_CALCULATEUR)
            return banc_essai.attendre_pret(page)

        def recharger():
            page.reload()
            return banc_essai.attendre_pret(page)

        try:
            froid, pret_froid = self.visiter(page, ouvrir)
            chaud, pret_chaud = self.visiter(page, recharger)
        finally:
            contexte.close()
            profil.cleanup()
        return {"froid": froid, "pret_froid": pret_froid, "chaud": chaud, "pret_chaud": pret_chaud}


def avec_calculateur(site: Path, chemin: str) -> bool:
    return "data-calculateur" in (site / chemin / "index.html").read_text(encoding="utf-8")


def mesurer_navigateur(site: Path, base: str, serveur, balayage: bool) -> tuple[list[B.Ligne], list[str]]:
    from playwright.sync_api import sync_playwright

    pages = B.pages_du_site(site)
    guide = [p for p in pages if not avec_calculateur(site, p)]
    modules = [p for p in guide if p.startswith("modules/") and p.count("/") == 2]
    fiches = [p for p in guide if p.startswith("modules/") and p.count("/") == 3]
    representatives = {"accueil": "", "module": modules[0], "fiche": fiches[0]}
    lignes, details = [], []
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=banc_essai.CHROMIUM, args=banc_essai.ARGUMENTS_CHROMIUM)
        mesureur = Mesureur(navigateur, serveur, base)
        for mode, precompresse in (("fichiers tels quels", False), ("pré-compressé .br/.gz", True)):
            serveur.precompresse = precompresse
            for nom, chemin in representatives.items():
                reponses, charge = mesureur.page_a_froid(chemin)
                octets = B.total(reponses)
                lignes.append(B.comparer(f"Page {nom} /{chemin} ({mode}) : octets", octets, B.ko(octets),
                                         CIBLE_PAGE, "≤ 300,0 Ko"))
                lignes.append(B.Ligne(f"Page {nom} ({mode}) : chargement (load), {len(reponses)} requêtes", B.ms(charge)))
                details.append(detail(f"Page {nom} /{chemin}, {mode}", reponses))
            calcul = mesureur.calculateur(p.chromium)
            froid, chaud = B.total(calcul["froid"]), B.total(calcul["chaud"])
            lignes += [
                B.Ligne(f"Calculateur /{PAGE_CALCULATEUR} à froid ({mode}) : octets", B.mo(froid)),
                B.Ligne(f"Calculateur à froid ({mode}) : temps jusqu'à moteur prêt", B.ms(calcul["pret_froid"])),
                B.comparer(f"Calculateur rechargé à chaud ({mode}) : octets", chaud, B.ko(chaud),
                           CIBLE_CHAUD * froid, f"≤ 10 % du froid ({B.ko(int(CIBLE_CHAUD * froid))}, proposée)"),
                B.Ligne(f"Calculateur rechargé à chaud ({mode}) : temps jusqu'à moteur prêt", B.ms(calcul["pret_chaud"])),
            ]
            details.append(detail(f"Calculateur à froid, {mode}", calcul["froid"]))
            details.append(detail(f"Calculateur rechargé, {mode}", calcul["chaud"]))
        if balayage:
            lignes += balayer(mesureur, guide)
        lignes.append(B.comparer("Requêtes vers une autre origine (toutes les visites)", len(mesureur.hors_origine),
                                 str(len(mesureur.hors_origine)), 0, "0"))
        navigateur.close()
    return lignes, details


def balayer(mesureur: Mesureur, guide: list[str]) -> list[B.Ligne]:
    """Toutes les pages sans calculateur, cache vide, pré-compressé : la plus lourde, et Pyodide."""
    plus_lourde, octets_max, avec_pyodide = "", 0, []
    for chemin in guide:
        reponses, _ = mesureur.page_a_froid(chemin)
        if B.total(reponses) > octets_max:
            plus_lourde, octets_max = chemin, B.total(reponses)
        if any(B.est_pyodide(r.chemin) for r in reponses):
            avec_pyodide.append(chemin)
    lignes = [
        B.comparer(f"Page la plus lourde sur {len(guide)} pages sans calculateur (/{plus_lourde}, pré-compressé)",
                   octets_max, B.ko(octets_max), CIBLE_PAGE, "≤ 300,0 Ko"),
        B.comparer(f"Pages sans calculateur qui demandent un fichier Pyodide (sur {len(guide)})",
                   len(avec_pyodide), str(len(avec_pyodide)), 0, "0"),
    ]
    if avec_pyodide:
        lignes.append(B.Ligne("  dont", ", ".join("/" + p for p in avec_pyodide[:5])))
    return lignes


def detail(titre: str, reponses: list[B.Reponse]) -> str:
    """Fichiers demandés, regroupés par type, avec leurs octets et leur codage."""
    texte = [f"{titre} : {B.ko(B.total(reponses))} en {len(reponses)} réponses"]
    for genre, nombre, octets in B.par_type(reponses):
        texte.append(f"  {genre} : {nombre} fichier(s), {B.ko(octets)}")
        for r in sorted((r for r in reponses if B.type_de(r.chemin) == genre), key=lambda r: -r.total):
            texte.append(f"    {B.ko(r.total):>12}  {r.statut} {r.codage or 'identity':8} {r.chemin}")
    return "\n".join(texte)


# ---------------------------------------------------------------- construction

def une_construction(projet: Path, destination: Path, configuration: Path | None = None) -> float:
    """Durée (s) d'une construction `mkdocs build --strict` de projet (avec un autre fichier de
    configuration si donné)."""
    return construction_mesuree(projet, destination, configuration)[0]


def construction_mesuree(projet: Path, destination: Path, configuration: Path | None = None) -> tuple[float, float]:
    """(durée écoulée, temps processeur utilisateur + système) en secondes d'une construction ; le
    temps processeur (mkdocs et ses sous-processus) dépend peu des autres travaux d'une machine partagée."""
    avant = resource.getrusage(resource.RUSAGE_CHILDREN)
    debut = time.perf_counter()
    if configuration is None:
        resultat = construire_projet(projet, destination)
    else:
        resultat = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(configuration), "-d", str(destination)],
            cwd=projet, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    duree = time.perf_counter() - debut
    apres = resource.getrusage(resource.RUSAGE_CHILDREN)
    if resultat.returncode != 0:
        raise RuntimeError(f"Construction de {projet} en échec :\n{resultat.stdout}\n{resultat.stderr}")
    return duree, (apres.ru_utime - avant.ru_utime) + (apres.ru_stime - avant.ru_stime)


def duree_construction(projet: Path, fois: int, dossier: Path) -> float:
    """Médiane de `fois` constructions `mkdocs build --strict` de projet (secondes)."""
    return statistics.median(une_construction(projet, dossier / f"site-{numero}") for numero in range(fois))


def configuration_sans_pdf(projet: Path) -> Path:
    """Copie de mkdocs.yml à côté de l'original (mêmes chemins relatifs) avec l'option ``pdf: false``
    du greffon : la cible de construction s'entend PDF exclu. (INHERIT ne convient pas : MkDocs
    remplace la liste des greffons au lieu de la fusionner.)"""
    texte = (projet / "mkdocs.yml").read_text(encoding="utf-8")
    if texte.count("\n  - guide\n") != 1:
        raise RuntimeError("mkdocs.yml : greffon « - guide » sans options introuvable")
    chemin = projet / ".mkdocs-budget-sans-pdf.yml"
    chemin.write_text(texte.replace("\n  - guide\n", "\n  - guide:\n      pdf: false\n"), encoding="utf-8")
    return chemin


def rapport_publication(fois: int, dossier: Path) -> list[B.Ligne]:
    """Guide (publication, PDF exclu) et Material nu du même nombre de pages, construits en
    alternance dans la même exécution ; une construction du guide d'abord, non comptée, remplit le
    cache de pré-compression (le projet nu n'en a pas)."""
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load((RACINE / "mkdocs.yml").read_text(encoding="utf-8"))
    sans_pdf = configuration_sans_pdf(RACINE)
    try:
        # Construction de chauffe, non comptée : elle donne aussi le Markdown de chaque page.
        pages = B.markdown_des_pages(sans_pdf, dossier / "chauffe")
        nombre_pages = len(B.pages_du_site(dossier / "chauffe"))
        nu = B.projet_nu(dossier / "nu", nombre_pages, config)
        contenu = B.projet_meme_contenu(dossier / "contenu", pages, config)
        charge_debut = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        guide, simple, meme = [], [], []
        for numero in range(fois):
            guide.append(construction_mesuree(RACINE, dossier / f"guide-{numero}", sans_pdf))
            simple.append(construction_mesuree(nu, dossier / f"nu-{numero}"))
            meme.append(construction_mesuree(contenu, dossier / f"contenu-{numero}"))
    finally:
        sans_pdf.unlink()
    charge = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lignes = []
    for indice, genre in ((0, "temps écoulé"), (1, "temps processeur")):
        g = statistics.median(m[indice] for m in guide)
        n = statistics.median(m[indice] for m in simple)
        c = statistics.median(m[indice] for m in meme)
        lignes += [
            B.Ligne(f"Guide, PDF exclu ({nombre_pages} pages), {genre}, médiane de {fois} ("
                    + " ; ".join(f"{m[indice]:.1f}" for m in guide) + ")", B.secondes(g)),
            B.Ligne(f"Material nue ({nombre_pages} pages), {genre}, médiane de {fois} ("
                    + " ; ".join(f"{m[indice]:.1f}" for m in simple) + ")", B.secondes(n)),
            B.Ligne(f"Material nue, même Markdown que le guide ({len(pages)} pages), {genre}, médiane de {fois} ("
                    + " ; ".join(f"{m[indice]:.1f}" for m in meme) + ")", B.secondes(c)),
            B.comparer(f"Rapport publication (PDF exclu) / Material nue, {genre}", g / n,
                       f"× {B.nombre(g / n, 2)}", 2, "≤ × 2"),
            B.Ligne(f"  dont contenu (Material nue même Markdown / Material nue), {genre}", f"× {B.nombre(c / n, 2)}"),
            B.Ligne(f"  dont greffon, macros et finition du guide (publication / même Markdown), {genre}",
                    f"× {B.nombre(g / c, 2)}"),
        ]
    return lignes + [B.Ligne("Charge de la machine (load average 1, 5, 15 min), début / fin", f"{charge_debut} / {charge}")]


def profiler_construction(dossier: Path) -> str:
    """Une construction du guide sous cProfile : où passe le temps (durées gonflées par le profilage)."""
    profil = dossier / "construction.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profil), "-m", "mkdocs", "build", "--strict", "-q",
         "-d", str(dossier / "site-profile")],
        cwd=RACINE, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, check=True, timeout=900,
    )
    texte = ["Construction du guide sous cProfile (secondes cumulées, fonctions imbriquées comprises) :"]
    for fonction, cumul, appels in B.repartition(profil, RACINE):
        texte.append(f"  {B.nombre(cumul, 2):>7} s  {appels:>6} appel(s)  {fonction}")
    return "\n".join(texte)


def construction_cache_vide(dossier: Path) -> float:
    """Une construction avec un cache de pré-compression vide (comme une intégration continue neuve)."""
    ancien = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(dossier / "cache-vide")
    try:
        return duree_construction(RACINE, 1, dossier / "cache-vide-site")
    finally:
        if ancien is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = ancien


def mesurer_constructions(fois: int, facteur: int, nombre_pages: int) -> tuple[list[B.Ligne], str]:
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load((RACINE / "mkdocs.yml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="budget-construction-") as temporaire:
        dossier = Path(temporaire)
        reel = duree_construction(RACINE, fois, dossier / "reel")
        cache_vide = construction_cache_vide(dossier)
        profil = profiler_construction(dossier)
        nu = duree_construction(B.projet_nu(dossier / "nu", nombre_pages, config), fois, dossier / "nu-sites")
        grand = B.copier_projet(RACINE, dossier / "grand")
        modules = B.multiplier_modules(grand / "modules", facteur)
        grossi = duree_construction(grand, fois, dossier / "grand-sites")
        pages_grand = len(B.pages_du_site(dossier / "grand-sites" / "site-0"))
        poids = []
        for relatif in ("index.html", "search/search_index.json"):
            for nom, site in (("×1", dossier / "reel" / "site-0"), (f"×{facteur}", dossier / "grand-sites" / "site-0")):
                brut, compresse = B.tailles(site / relatif)
                poids.append(B.Ligne(f"{relatif} {nom} : brut / gzip", f"{B.ko(brut)} / {B.ko(compresse)}"))
    suffixe = f"médiane de {fois}"
    return poids + [
        B.Ligne(f"Construction du guide ({nombre_pages} pages, {suffixe})", B.secondes(reel)),
        B.Ligne("Construction du guide, cache de pré-compression vide (1 fois)", B.secondes(cache_vide)),
        B.Ligne(f"Construction Material nue ({nombre_pages} pages simples, {suffixe})", B.secondes(nu)),
        B.Ligne("Rapport guide / nue", f"× {B.nombre(reel / nu, 1)}"),
        B.Ligne(f"Construction ×1 (YAML réel, {suffixe})", B.secondes(reel)),
        B.Ligne(f"Construction ×{facteur} ({modules} modules, {pages_grand} pages, {suffixe})", B.secondes(grossi)),
        B.comparer(f"Rapport ×{facteur} / ×1", grossi / reel, f"× {B.nombre(grossi / reel, 1)}",
                   facteur, f"≤ × {facteur} (au plus linéaire, proposée)"),
    ], profil


# ---------------------------------------------------------------- ensemble

def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--constructions", type=int, default=3, help="constructions par médiane (3)")
    arguments.add_argument("--facteur", type=int, default=10, help="multiplication des modules YAML (10)")
    arguments.add_argument("--sans-balayage", action="store_true", help="ne pas visiter toutes les pages")
    arguments.add_argument("--sans-navigateur", action="store_true", help="constructions seulement")
    arguments.add_argument("--sans-construction", action="store_true", help="navigateur seulement")
    arguments.add_argument("--publication", action="store_true",
                           help="seulement le rapport construction du guide (PDF exclu) / Material nue")
    options = arguments.parse_args()

    lignes, details, notes = [], [], []
    if options.publication:
        with tempfile.TemporaryDirectory(prefix="budget-publication-") as temporaire:
            print(B.tableau(rapport_publication(options.constructions, Path(temporaire))))
        return
    port = banc_essai.port_libre()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="budget-site-") as temporaire:
        site = Path(temporaire) / "site"
        banc_essai.construire(site, base)
        nombre_pages = len(B.pages_du_site(site))
        if not options.sans_navigateur:
            if not any(site.rglob("*.js.gz")):
                from guide.publication.compression import comprimer_site

                comprimer_site(site)
                notes.append("La construction n'écrit pas de variantes .br/.gz : écrites ici par "
                             "guide.publication.compression.comprimer_site pour la mesure « pré-compressé ».")
            serveur = B.serveur_mesure(site, port)
            threading.Thread(target=serveur.serve_forever, daemon=True).start()
            try:
                mesures, pages_detaillees = mesurer_navigateur(site, base, serveur, not options.sans_balayage)
                lignes += mesures
                details += pages_detaillees
            finally:
                serveur.shutdown()
                serveur.server_close()
    if not options.sans_construction:
        mesures, profil = mesurer_constructions(options.constructions, options.facteur, nombre_pages)
        lignes += mesures
        details.append(profil)

    print("\n\n".join(details))
    print()
    print(B.tableau(lignes))
    for note in notes:
        print(f"Note : {note}")
    hors = [l for l in lignes if l.verdict == "HORS CIBLE"]
    print(f"\n{len(hors)} chiffre(s) hors cible." if hors else "\nTous les chiffres ayant une cible la respectent.")


if __name__ == "__main__":
    main()
