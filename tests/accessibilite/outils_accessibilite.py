"""Outils des tests d'accessibilité : analyse axe-core, contraste, focus, rapport dans artefacts/."""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = RACINE / "artefacts" / "accessibilite"
# Règles WCAG 2.0 et 2.1 niveaux A et AA, et bonnes pratiques d'axe-core.
ETIQUETTES_AXE = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
IMPACTS_BLOQUANTS = ("serious", "critical")
IMPACTS = ("critical", "serious", "moderate", "minor")
# Attend la fin des transitions et animations finies de la page (les animations sans fin sont ignorées).
FINIR_TRANSITIONS = """() => Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null))).then(() => true)"""


@dataclass
class Site:
    """Site servi : adresse de base (finit par /) et dossier."""

    base: str
    dossier: Path

    def url(self, chemin: str = "") -> str:
        return self.base + chemin.lstrip("/")


def pages_html(dossier: Path) -> list[str]:
    """Chemins web de toutes les pages HTML du site (« » pour l'accueil, « cpom/ », « 404.html »)."""
    chemins = []
    for fichier in sorted(dossier.rglob("*.html")):
        relatif = fichier.relative_to(dossier).as_posix()
        chemins.append(relatif[: -len("index.html")] if relatif.endswith("index.html") else relatif)
    return chemins


def analyser(page) -> dict:
    """Injecte axe-core dans la page et renvoie son résultat (règles ETIQUETTES_AXE).

    La souris est d'abord écartée et les transitions CSS finies : sinon axe mesure les couleurs d'un
    bouton en cours de survol (mélange des deux états, qui n'existe qu'un quart de seconde)."""
    page.mouse.move(0, 0)
    page.evaluate(FINIR_TRANSITIONS)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """(etiquettes) => axe.run(document, {
            runOnly: {type: "tag", values: etiquettes},
            resultTypes: ["violations", "incomplete"],
        })""",
        ETIQUETTES_AXE,
    )


def bloquantes(resultat: dict) -> list[dict]:
    return [v for v in resultat["violations"] if v.get("impact") in IMPACTS_BLOQUANTS]


def decrire(violations: list[dict]) -> str:
    """Une ligne par violation et par élément : règle, impact, cible, résumé d'axe."""
    lignes = []
    for v in violations:
        for noeud in v["nodes"]:
            resume = (noeud.get("failureSummary") or "").replace("\n", " ")
            lignes.append(f"  [{v['impact']}] {v['id']} : {' '.join(map(str, noeud['target']))} — {resume}")
    return "\n".join(lignes)


def _nom_fichier(nom: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "--", nom.strip("/")) or "accueil"


@dataclass
class Rapport:
    """Analyses axe-core d'une session : un JSON par page ou état, puis un résumé (JSON et Markdown)."""

    entrees: list[dict] = field(default_factory=list)

    def __post_init__(self):
        shutil.rmtree(ARTEFACTS, ignore_errors=True)
        ARTEFACTS.mkdir(parents=True, exist_ok=True)

    def enregistrer(self, categorie: str, nom: str, url: str, resultat: dict) -> None:
        dossier = ARTEFACTS / categorie
        dossier.mkdir(parents=True, exist_ok=True)
        complet = {
            "url": url,
            "nom": nom,
            "moteur": resultat.get("testEngine"),
            "environnement": resultat.get("testEnvironment"),
            "options": resultat.get("toolOptions"),
            "horodatage": resultat.get("timestamp"),
            "violations": resultat["violations"],
            "incomplets": resultat.get("incomplete", []),
        }
        (dossier / f"{_nom_fichier(nom)}.json").write_text(
            json.dumps(complet, ensure_ascii=False, indent=1), encoding="utf-8")
        self.entrees.append({
            "categorie": categorie,
            "nom": nom,
            "url": url,
            "violations": {i: sorted({v["id"] for v in resultat["violations"] if v.get("impact") == i})
                           for i in IMPACTS},
            "elements_en_violation": sum(len(v["nodes"]) for v in resultat["violations"]),
            "a_verifier": sorted({v["id"] for v in resultat.get("incomplete", [])}),
            "version_axe": (resultat.get("testEngine") or {}).get("version"),
        })

    def ecrire_resume(self) -> None:
        if not self.entrees:
            return
        par_categorie: dict[str, int] = {}
        for entree in self.entrees:
            par_categorie[entree["categorie"]] = par_categorie.get(entree["categorie"], 0) + 1
        totaux = {i: sum(len(e["violations"][i]) for e in self.entrees) for i in IMPACTS}
        resume = {
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "version_axe": self.entrees[0]["version_axe"],
            "etiquettes": ETIQUETTES_AXE,
            "analyses": len(self.entrees),
            "par_categorie": par_categorie,
            "violations_par_impact": totaux,
            "entrees": self.entrees,
        }
        (ARTEFACTS / "resume.json").write_text(json.dumps(resume, ensure_ascii=False, indent=1), encoding="utf-8")
        lignes = [
            "# Tests d'accessibilité automatiques (axe-core)",
            "",
            f"- Date : {resume['date']} ; axe-core {resume['version_axe']} ; règles : {', '.join(ETIQUETTES_AXE)}",
            f"- Analyses : {len(self.entrees)} ("
            + ", ".join(f"{c} : {n}" for c, n in sorted(par_categorie.items())) + ")",
            "- Règles en violation (somme sur les analyses) : "
            + ", ".join(f"{i} : {n}" for i, n in totaux.items()),
            "",
            "| Catégorie | Page ou état | critical | serious | moderate | minor | à vérifier |",
            "|---|---|---|---|---|---|---|",
        ]
        for e in self.entrees:
            v = e["violations"]
            lignes.append(f"| {e['categorie']} | {e['nom']} | {', '.join(v['critical'])} | {', '.join(v['serious'])} "
                          f"| {', '.join(v['moderate'])} | {', '.join(v['minor'])} | {', '.join(e['a_verifier'])} |")
        (ARTEFACTS / "resume.md").write_text("\n".join(lignes) + "\n", encoding="utf-8")


# Contraste WCAG 2.1 (1.4.3) : couleurs calculées, fond effectif obtenu en composant les fonds
# des ancêtres (transparence comprise) jusqu'au fond blanc de la page.
JS_CONTRASTE = r"""
(el) => {
  const rgba = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const composer = (dessus, dessous) => {
    const a = dessus[3];
    return [0, 1, 2].map((i) => dessus[i] * a + dessous[i] * (1 - a)).concat([1]);
  };
  const couches = [];
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.backgroundImage && s.backgroundImage !== "none") couches.push("image");
    const f = rgba(s.backgroundColor);
    if (f && f[3] > 0) couches.push(f);
  }
  let fond = [255, 255, 255, 1];
  for (const couche of couches.reverse()) if (couche !== "image") fond = composer(couche, fond);
  const style = getComputedStyle(el);
  let texte = rgba(style.color);
  texte = composer([texte[0], texte[1], texte[2], texte[3] * Number(style.opacity)], fond);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [l1, l2] = [lum(texte), lum(fond)].sort((a, b) => b - a);
  return {
    rapport: (l1 + 0.05) / (l2 + 0.05),
    couleur: style.color,
    fond: `rgb(${fond.slice(0, 3).map(Math.round).join(", ")})`,
    image: couches.includes("image"),
    taille: parseFloat(style.fontSize),
    graisse: Number(style.fontWeight),
    texte: el.innerText.trim().slice(0, 60),
  };
}
"""

# Indicateur de focus calculé de l'élément actif (contour ou ombre), opacité effective, et une clé
# stable de l'élément (pour reconnaître un cycle de tabulation). Mesuré après la fin des transitions
# (le lien d'évitement apparaît en fondu).
JS_FOCUS = r"""
async () => {
  const el = document.activeElement;
  // Transitions de l'élément ou de ses ancêtres qui changent sa visibilité ou son contour seulement.
  const utiles = /^(opacity|visibility|outline.*|box-shadow)$/;
  await Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.target && a.effect.target.contains(el)
      && (!a.transitionProperty || utiles.test(a.transitionProperty))
      && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null)));
  if (!el || el === document.body || el === document.documentElement) return null;
  window.__clesFocus = window.__clesFocus || new WeakMap();
  if (!window.__clesFocus.has(el)) {
    window.__nFocus = (window.__nFocus || 0) + 1;
    window.__clesFocus.set(el, window.__nFocus);
  }
  const s = getComputedStyle(el);
  const contour = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const ombre = Boolean(s.boxShadow) && s.boxShadow !== "none";
  let opacite = 1;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacite *= Number(getComputedStyle(n).opacity);
  const decrit = (el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${[...el.classList].map((c) => "." + c).join("")}`)
    + (el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : "");
  return {
    cle: window.__clesFocus.get(el),
    element: decrit,
    texte: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40),
    contour: contour ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : null,
    ombre: ombre ? s.boxShadow : null,
    visible: contour || ombre,
    opacite,
    visibilite: s.visibility,
    calculateur: el.closest("[data-calculateur]") !== null,
  };
}
"""
