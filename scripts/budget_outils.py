"""Outils du budget de performance (scripts/budget_performance.py), sans navigateur ni chronomètre.

- réponses HTTP notées par le serveur de mesure, classées par type de fichier ;
- serveur local qui compte les octets envoyés et sert les variantes .br/.gz pré-compressées ;
- projets temporaires : copie du guide, modules multipliés, projet Material « nu » ;
- nombres à la française et tableau « mesure / valeur / cible / verdict ».
"""

from __future__ import annotations

import gzip
import http.server
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide.donnees.chemins import ARCHIVE_CALCULATEURS, DOSSIER_PYODIDE

KO = 1000  # 1 Ko = 1 000 octets (comme les outils de développement des navigateurs)
PLACE_ORDRE = 99  # ordre maximal d'un module (guide/donnees/schema.py)

TYPES = {
    "html": "HTML", "css": "CSS", "js": "JavaScript", "mjs": "JavaScript", "json": "JSON",
    "wasm": "WebAssembly", "zip": "Archive zip", "svg": "Images", "png": "Images", "ico": "Images",
    "jpg": "Images", "jpeg": "Images", "webp": "Images", "gif": "Images", "woff": "Polices",
    "woff2": "Polices", "ttf": "Polices", "otf": "Polices", "xml": "XML", "txt": "Texte",
}

# Ce qui est copié du projet pour le construire ailleurs (node_modules : lien symbolique).
A_COPIER = ("mkdocs.yml", "macros.py", "docs", "guide", "calculators", "modules")


# ---------------------------------------------------------------- réponses et types de fichiers

@dataclass(frozen=True)
class Reponse:
    """Une réponse envoyée par le serveur de mesure (octets réellement écrits sur la connexion)."""

    chemin: str
    statut: int
    corps: int
    entetes: int
    codage: str = ""  # "br", "gzip" ou "" (fichier servi tel quel)

    @property
    def total(self) -> int:
        return self.corps + self.entetes


def type_de(chemin: str) -> str:
    """Type de fichier d'une adresse relative.

    >>> type_de("/modules/prevention/"), type_de("/assets/pyodide/pyodide.asm.wasm?v=1")
    ('HTML', 'WebAssembly')
    """
    chemin = chemin.split("?", 1)[0].split("#", 1)[0]
    if chemin.endswith("/"):
        return "HTML"
    nom = chemin.rsplit("/", 1)[-1]
    return TYPES.get(nom.rsplit(".", 1)[-1].lower(), "Autres") if "." in nom else "Autres"


def est_pyodide(chemin: str) -> bool:
    """Vrai pour un fichier du moteur Python (Pyodide ou archive des calculateurs)."""
    return f"/{DOSSIER_PYODIDE}/" in chemin or chemin.split("?", 1)[0].endswith(f"/{ARCHIVE_CALCULATEURS}")


def par_type(reponses: Iterable[Reponse]) -> list[tuple[str, int, int]]:
    """(type, nombre de réponses, octets) du plus lourd au plus léger."""
    totaux: dict[str, list[int]] = {}
    for reponse in reponses:
        compte = totaux.setdefault(type_de(reponse.chemin), [0, 0])
        compte[0] += 1
        compte[1] += reponse.total
    return sorted(((t, n, o) for t, (n, o) in totaux.items()), key=lambda x: (-x[2], x[0]))


def total(reponses: Iterable[Reponse]) -> int:
    return sum(r.total for r in reponses)


# ---------------------------------------------------------------- serveur de mesure

class GestionnaireMesure(http.server.SimpleHTTPRequestHandler):
    """Sert le site ; note chaque réponse dans server.journal ; si server.precompresse, sert
    fichier.br ou fichier.gz selon Accept-Encoding (comme gzip_static / brotli_static de nginx)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}

    def translate_path(self, path):
        chemin = super().translate_path(path)
        self.codage = ""
        if os.path.isdir(chemin) and path.split("?", 1)[0].endswith("/"):
            chemin = os.path.join(chemin, "index.html")
        if getattr(self.server, "precompresse", False):
            acceptes = self.headers.get("Accept-Encoding", "")
            for suffixe, codage in ((".br", "br"), (".gz", "gzip")):
                if codage in acceptes and os.path.isfile(chemin + suffixe):
                    self.codage = codage
                    return chemin + suffixe
        return chemin

    def guess_type(self, path):
        return super().guess_type(path[: path.rfind(".")] if getattr(self, "codage", "") else path)

    def send_response(self, code, message=None):
        self.statut, self.longueur = code, 0
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            self.longueur = int(value)
        super().send_header(keyword, value)

    def end_headers(self):
        if getattr(self, "codage", ""):
            self.send_header("Content-Encoding", self.codage)
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def flush_headers(self):
        if getattr(self, "_headers_buffer", None) and hasattr(self, "statut"):
            corps = 0 if self.command == "HEAD" or self.statut in (204, 304) else self.longueur
            entetes = sum(len(ligne) for ligne in self._headers_buffer)
            self.server.journal.append(
                Reponse(self.path, self.statut, corps, entetes, getattr(self, "codage", "")))
        super().flush_headers()

    def log_message(self, format, *args):  # noqa: A002 — signature imposée
        pass


def serveur_mesure(dossier: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serveur de mesure sur 127.0.0.1:port (à lancer avec serve_forever dans un fil)."""
    serveur = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), lambda *a, **k: GestionnaireMesure(*a, directory=str(dossier), **k))
    serveur.daemon_threads = True
    serveur.journal = []
    serveur.precompresse = False
    return serveur


# ---------------------------------------------------------------- projets temporaires

def copier_projet(source: Path, destination: Path) -> Path:
    """Copie ce que lit `mkdocs build` (node_modules : lien symbolique) ; renvoie destination."""
    destination.mkdir(parents=True, exist_ok=True)
    for nom in A_COPIER:
        chemin = source / nom
        if chemin.is_dir():
            shutil.copytree(chemin, destination / nom, ignore=shutil.ignore_patterns("__pycache__"))
        elif chemin.is_file():
            shutil.copy2(chemin, destination / nom)
    if (source / "node_modules").is_dir():
        (destination / "node_modules").symlink_to((source / "node_modules").resolve(), target_is_directory=True)
    return destination


def multiplier_modules(dossier: Path, facteur: int) -> int:
    """Ajoute facteur - 1 copies de chaque modules/<id>.yml de dossier (ids de module et de fiche
    suffixés « -copie-N », titres « (copie N) », ordres libres) ; renvoie le nombre de modules."""
    fichiers = sorted(dossier.glob("*.yml"))
    modules = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in fichiers]
    pris = {m["ordre"] for m in modules}
    libres = iter(o for o in range(1, PLACE_ORDRE + 1) if o not in pris)
    if len(modules) * facteur > PLACE_ORDRE:
        raise ValueError(f"{len(modules)} modules × {facteur} dépasse les {PLACE_ORDRE} ordres permis")
    for numero in range(2, facteur + 1):
        for module in modules:
            copie = dict(module, id=f"{module['id']}-copie-{numero}", titre=f"{module['titre']} (copie {numero})",
                         ordre=next(libres))
            copie["themes"] = [dict(t, id=f"{t['id']}-copie-{numero}") for t in module.get("themes") or []]
            (dossier / f"{copie['id']}.yml").write_text(
                yaml.safe_dump(copie, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return len(modules) * facteur


def _projet_material(destination: Path, pages: dict[str, str], config: dict, nom: str) -> Path:
    """Projet Material de ``pages`` ({chemin dans docs/ : texte}) : le thème et les extensions
    Markdown de config (sans custom_dir), recherche seule : ni macros, ni hooks, ni CSS/JS en plus."""
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    recherche = [p for p in config.get("plugins", []) if p == "search" or (isinstance(p, dict) and "search" in p)]
    reglages = {
        "site_name": nom,
        "site_url": "http://127.0.0.1:8000/",
        "theme": theme,
        "plugins": recherche or ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
    }
    docs = destination / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (destination / "mkdocs.yml").write_text(
        yaml.safe_dump(reglages, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for chemin, texte in pages.items():
        (docs / chemin).parent.mkdir(parents=True, exist_ok=True)
        (docs / chemin).write_text(texte, encoding="utf-8")
    return destination


def projet_nu(destination: Path, nombre_pages: int, config: dict) -> Path:
    """Projet Material « nu » : nombre_pages pages Markdown simples (voir ``_projet_material``)."""
    pages = {
        ("index.md" if numero == 1 else f"section-{numero % 8}/page-{numero}.md"):
            f"# Page {numero}\n\n## Présentation\n\nPremier paragraphe de la page {numero}, en texte simple.\n\n"
            "## Points clés\n\n- premier point ;\n- deuxième point ;\n- troisième point.\n\n"
            "Dernier paragraphe, avec un [lien vers l'accueil](/).\n"
        for numero in range(1, nombre_pages + 1)
    }
    return _projet_material(destination, pages, config, "Projet nu")


def markdown_des_pages(fichier_config: Path, destination: Path) -> dict[str, str]:
    """Construit le projet de ``fichier_config`` dans ``destination`` et rend le Markdown de chaque page
    tel que Material le reçoit (après mkdocs-macros et la dernière passe du greffon du guide, priorité
    -100), précédé de son en-tête YAML (``page.meta``) : {chemin dans docs/ : texte}."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority

    pages: dict[str, str] = {}

    class Capture(BasePlugin):
        @event_priority(-1000)  # après tous les greffons du projet
        def on_page_markdown(self, markdown, page, **_):
            entete = f"---\n{yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False)}---\n\n" if page.meta else ""
            pages[page.file.src_uri] = entete + markdown
            return markdown

    config = load_config(str(fichier_config), site_dir=str(destination))
    config.plugins["budget-capture"] = Capture()
    build(config)
    return pages


def projet_meme_contenu(destination: Path, pages: dict[str, str], config: dict) -> Path:
    """Projet Material nu qui porte le même Markdown que le guide (``markdown_des_pages``, en-têtes YAML
    compris) : mêmes pages, même thème et mêmes extensions Markdown, recherche seule ; ni greffon du
    guide, ni macros, ni typographie, CSP, données ouvertes, moteur ou pré-compression, ni les CSS et
    scripts du guide. Ce qu'il coûte de plus que le projet nu vient du contenu lui-même (Markdown,
    index de recherche, gabarits de pages plus longues)."""
    return _projet_material(destination, pages, config, "Projet nu, même contenu")


def pages_du_site(site: Path) -> list[str]:
    """Adresses relatives (« », « modules/prevention/ ») des pages HTML d'un site construit, 404 exclue."""
    relatifs = (chemin.parent.relative_to(site).as_posix() for chemin in site.rglob("index.html"))
    return sorted("" if relatif == "." else relatif + "/" for relatif in relatifs)


def tailles(fichier: Path) -> tuple[int, int]:
    """(octets bruts, octets gzip niveau 9) d'un fichier du site construit."""
    donnees = fichier.read_bytes()
    return len(donnees), len(gzip.compress(donnees, compresslevel=9, mtime=0))


def repartition(fichier_profil: Path, racine: Path, nombre_max: int = 12) -> list[tuple[str, float, int]]:
    """Fonctions du projet (et des greffons macros et search) les plus coûteuses d'un profil
    cProfile : (« fichier:ligne fonction », secondes cumulées, appels), de la plus coûteuse."""
    import pstats

    greffons = ("mkdocs_macros/plugin.py", "material/plugins/search/plugin.py")
    lignes = []
    for (fichier, ligne, nom), (_, appels, _, cumul, _) in pstats.Stats(str(fichier_profil)).stats.items():
        if fichier.startswith(str(racine)) or fichier.endswith(greffons):
            court = fichier[len(str(racine)) + 1:] if fichier.startswith(str(racine)) else "/".join(fichier.split("/")[-2:])
            lignes.append((f"{court}:{ligne} {nom}", cumul, appels))
    return sorted(lignes, key=lambda x: -x[1])[:nombre_max]


# ---------------------------------------------------------------- nombres et tableau

def nombre(valeur: float, decimales: int = 0) -> str:
    """Nombre à la française (espace des milliers, virgule décimale).

    >>> nombre(1234567.891, 1), nombre(-0.5, 2)
    ('1 234 567,9', '-0,50')
    """
    return f"{valeur:,.{decimales}f}".replace(",", " ").replace(".", ",")


def ko(octets: int) -> str:
    """>>> ko(298_765)
    '298,8 Ko'
    """
    return f"{nombre(octets / KO, 1)} Ko"


def mo(octets: int) -> str:
    return f"{nombre(octets / KO / KO, 2)} Mo"


def ms(millisecondes: float) -> str:
    return f"{nombre(millisecondes)} ms"


def secondes(valeur: float) -> str:
    return f"{nombre(valeur, 2)} s"


@dataclass(frozen=True)
class Ligne:
    """Une ligne du tableau. verdict : « OK », « HORS CIBLE » ou « — » (sans cible)."""

    mesure: str
    valeur: str
    cible: str = "—"
    verdict: str = "—"


def comparer(mesure: str, valeur: float, texte: str, maximum: float | None, cible: str = "") -> Ligne:
    """Ligne qui compare valeur à un maximum (None : sans cible)."""
    if maximum is None:
        return Ligne(mesure, texte, cible or "—", "—")
    return Ligne(mesure, texte, cible, "OK" if valeur <= maximum else "HORS CIBLE")


def tableau(lignes: list[Ligne]) -> str:
    """Tableau texte aligné, avec en-tête."""
    titres = ("Mesure", "Valeur", "Cible", "Verdict")
    rangees = [titres] + [(l.mesure, l.valeur, l.cible, l.verdict) for l in lignes]
    largeurs = [max(len(r[i]) for r in rangees) for i in range(4)]
    texte = [" | ".join(c.ljust(largeurs[i]) for i, c in enumerate(r)).rstrip() for r in rangees]
    texte.insert(1, "-+-".join("-" * n for n in largeurs))
    return "\n".join(texte)
