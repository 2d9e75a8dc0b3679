"""Le site publié sous sa politique CSP (en-têtes de _headers + balise meta), dans Chromium :
aucune violation ni erreur sur aucune page, navigation instantanée comprise, et moteur Pyodide prêt."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.navigateur
playwright_sync = pytest.importorskip("playwright.sync_api")

DELAI_MOTEUR_MS = 90_000

# Relève les violations CSP du document (l'événement n'est pas journalisé dans la console).
ESPION = """
window.__violationsCSP = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violationsCSP.push(`${e.violatedDirective} : ${e.blockedURI || "en ligne"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


@pytest.fixture
def visite(chromium, serveur_publie):
    """Une page neuve dont les problèmes (violations, console, erreurs, autres origines) sont notés."""
    contexte = chromium.new_context(locale="fr-FR")
    contexte.add_init_script(ESPION)
    page = contexte.new_page()
    page.set_default_timeout(DELAI_MOTEUR_MS)
    page.problemes = []
    page.on("console", lambda m: m.type == "error" and page.problemes.append(f"console : {m.text}"))
    page.on("pageerror", lambda e: page.problemes.append(f"erreur JavaScript : {e}"))
    # Les violations dans un worker (politique de l'en-tête) n'apparaissent que dans sa console.
    page.on("worker", lambda w: w.on("console", lambda m: m.type == "error" and page.problemes.append(f"console du worker {w.url} : {m.text}")))
    # ERR_ABORTED : requête annulée par la page suivante (pas une erreur) ; une requête bloquée par la
    # politique échoue en ERR_BLOCKED_BY_CSP.
    page.on("requestfailed", lambda r: "ERR_ABORTED" in (r.failure or "") or page.problemes.append(f"requête échouée : {r.url} ({r.failure})"))
    origine = serveur_publie.adresse.rstrip("/")
    page.on("request", lambda r: r.url.startswith((origine + "/", "data:")) or page.problemes.append(f"autre origine : {r.url}"))
    yield page
    contexte.close()


def _problemes(page) -> list[str]:
    return page.problemes + [f"violation CSP : {v}" for v in page.evaluate("window.__violationsCSP")]


def _adresses(serveur) -> list[str]:
    site: Path = serveur.site
    return sorted(
        serveur.adresse + p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
    )


def test_en_tete_et_meta_servis(serveur_publie):
    import urllib.request

    with urllib.request.urlopen(serveur_publie.adresse) as reponse:
        politique = reponse.headers["Content-Security-Policy"]
        html = reponse.read().decode("utf-8")
    assert "frame-ancestors 'none'" in politique and "'sha256-" in politique
    assert '<meta http-equiv="Content-Security-Policy"' in html


def test_toutes_les_pages_sans_violation(visite, serveur_publie):
    adresses = _adresses(serveur_publie)
    assert len(adresses) > 10
    bilan = {}
    for adresse in adresses:
        visite.goto(adresse, wait_until="load")
        visite.wait_for_timeout(50)  # scripts lancés au chargement (worker de recherche…)
        if _problemes(visite):
            bilan[adresse] = _problemes(visite)
        visite.problemes.clear()
    assert bilan == {}, "\n".join(f"{a} : {p}" for a, p in bilan.items())


def test_navigation_instantanee_entre_profondeurs(visite, serveur_publie):
    """Une page exécute les scripts en ligne des pages qu'elle charge : politique commune à tout le site."""
    visite.goto(serveur_publie.adresse, wait_until="load")
    profonde = visite.eval_on_selector_all(
        "a.md-nav__link[href]", "liens => liens.map(a => a.href).filter(h => h.split('/').length >= 7)"
    )
    if not profonde:
        pytest.skip("aucune page de profondeur 2 dans la navigation")
    visite.evaluate("window.__memeDocument = true")
    visite.evaluate(
        "(h) => [...document.querySelectorAll('a.md-nav__link[href]')].find(a => a.href === h).click()",
        profonde[0],
    )
    visite.wait_for_url(profonde[0])
    visite.wait_for_timeout(300)
    assert visite.evaluate("window.__memeDocument") is True  # navigation instantanée, pas rechargement
    assert _problemes(visite) == []


def test_recherche_sous_la_politique(visite, serveur_publie):
    """Le worker de recherche de Material et l'affichage de ses résultats respectent la politique."""
    visite.goto(serveur_publie.adresse, wait_until="load")
    visite.keyboard.press("/")  # raccourci de Material : ouvre la recherche
    visite.keyboard.type("prévention")
    visite.wait_for_selector(".md-search-result__item", state="attached")
    assert _problemes(visite) == []


def test_calculateur_pret_sous_la_politique(visite, serveur_publie):
    site: Path = serveur_publie.site
    pages = sorted(p for p in site.rglob("index.html") if "data-calculateur=" in p.read_text("utf-8"))
    assert pages, "aucune page de calculateur dans le site construit"
    adresse = serveur_publie.adresse + pages[0].relative_to(site).as_posix().removesuffix("index.html")
    visite.goto(adresse, wait_until="load")
    # État du moteur lu dans le DOM (data-moteur de la racine du calculateur) : aucun accès de test sur window.
    etat = "document.querySelector('[data-calculateur]').dataset.moteur"
    visite.wait_for_function(f"() => !['arret', 'chargement', undefined].includes({etat})")
    assert (visite.evaluate(etat), _problemes(visite)) == ("pret", [])
    # Python s'exécute : une entrée vide est refusée par calculators.contrat.executer_json. Le test importe
    # le module du transport (même URL que la page : même instance, même worker).
    reponse = visite.evaluate("""async () => {
        const script = document.querySelector('script[src$="assets/js/calculateurs.js"]');
        const { moteurDuSite } = await import(new URL("transport.js", script.src));
        return JSON.parse(await moteurDuSite.executer("avancement", {}));
    }""")
    assert reponse["ok"] is False and reponse["erreurs"]
    assert _problemes(visite) == []
    # Le moteur a été servi pré-compressé, comme le ferait gzip_static / brotli_static.
    assert serveur_publie.encodages.get("/assets/pyodide/pyodide.asm.wasm") in {"br", "gzip"}
