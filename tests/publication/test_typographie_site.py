"""Typographie française sur le site construit : pages, index de recherche et PDF ont le même texte
(espaces fines et insécables, guillemets, unités, ordinaux)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from guide.donnees.chemins import NOM_PDF

# Éléments dont le texte n'est pas de la prose (code, valeurs de formulaire, dessins).
PROTEGES = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "select", "datalist", "svg", "math",
            "template"}
# Défauts : espace ordinaire devant ; ! ? : », après «, nombre collé à % ou €, « 1er » non surélevé.
DEFAUTS = {
    "espace ordinaire devant ; ! ?": re.compile(r"[ \t\r\n][;!?]"),
    "espace ordinaire devant :": re.compile(r"[ \t\r\n]:"),
    "espace ordinaire après «": re.compile(r"«[ \t\r\n]"),
    "espace ordinaire devant »": re.compile(r"[ \t\r\n]»"),
    "nombre collé à % ou €": re.compile(r"\d[%€]"),
    "nombre et unité séparés par une espace ordinaire": re.compile(r"\d[ \t\r\n](?:%|€|jours|places|ETP)\b"),
    "ordinal non surélevé": re.compile(r"(?<![\w.,])1er\b"),
}


class _Texte(HTMLParser):
    """Texte d'une page hors éléments protégés ; le texte de <title> (sans exposant possible) à part."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pile, self.dans_titre, self.morceaux, self.titre, self.options = [], False, [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "option":
            self.options.append("")
        if tag in PROTEGES:
            self.pile.append(tag)
        self.dans_titre = self.dans_titre or (tag == "title" and not self.pile)

    def handle_endtag(self, tag):
        if self.pile and self.pile[-1] == tag:
            self.pile.pop()
        if tag == "title":
            self.dans_titre = False

    def handle_data(self, data):
        if self.options and self.pile and self.pile[-1] == "select" and self.lasttag == "option":
            self.options[-1] += data
        if not self.pile:
            (self.titre if self.dans_titre else self.morceaux).append(data)


def lire(html: str) -> _Texte:
    lecteur = _Texte()
    lecteur.feed(html)
    lecteur.close()
    return lecteur


def texte(html: str) -> tuple[str, str]:
    lecteur = lire(html)
    # nœuds accolés : une espace d'un nœud et le signe du suivant (« 5 <abbr>ETP</abbr> ») se voient ;
    # un ordinal surélevé (1<sup>er</sup>) est marqué par \x01 entre le nombre et son exposant
    return "\x01".join(lecteur.morceaux), "".join(lecteur.titre)


def defauts(texte_page: str, titre: bool = False) -> list[str]:
    noeuds = re.sub(r"\b(?:https?|mailto)://\S*", "", texte_page)
    accoles = noeuds.replace("\x01", "")
    return [f"{nom} : …{texte[max(0, m.start() - 30):m.end() + 10]!r}…"
            for nom, motif in DEFAUTS.items() if not (titre and nom == "ordinal non surélevé")
            for texte in [noeuds if nom == "ordinal non surélevé" else accoles]
            for m in motif.finditer(texte)]


@pytest.fixture(scope="module")
def pages_html(site_construit):
    pages = sorted(site_construit.rglob("*.html"))
    assert len(pages) > 50
    return {str(p.relative_to(site_construit)): p.read_text(encoding="utf-8") for p in pages}


def test_aucune_page_sans_typographie_francaise(pages_html):
    erreurs = []
    for chemin, html in pages_html.items():
        corps, titre = texte(html)
        erreurs += [f"{chemin} : {d}" for d in defauts(corps) + defauts(titre, titre=True)]
    assert not erreurs, f"{len(erreurs)} défaut(s) :\n" + "\n".join(erreurs[:40])


def test_les_pages_portent_les_espaces_et_exposants(pages_html):
    tout = "".join(texte(html)[0].replace("\x01", "") for html in pages_html.values())
    assert tout.count("\u202f?") > 10 and tout.count("\u202f;") > 100 and tout.count("\u00a0:") > 500
    assert tout.count("«\u00a0") == tout.count("\u00a0»") > 100
    assert "1\u202f767" in tout and "\u00a0%" in tout
    assert sum(html.count("1<sup>er</sup>") for html in pages_html.values()) >= 3


def test_index_de_recherche_meme_texte(site_construit, pages_html):
    """L'index est fait du contenu des pages : mêmes règles. Les libellés des <option> (valeurs de
    formulaire relues par les calculateurs, laissées telles quelles) y figurent à plat : ôtés ici."""
    options = sorted({o.strip() for html in pages_html.values() for o in lire(html).options if o.strip()},
                     key=len, reverse=True)
    index = json.loads((site_construit / "search" / "search_index.json").read_text(encoding="utf-8"))
    erreurs, tout = [], []
    for entree in index["docs"]:
        for champ in ("title", "text"):
            contenu = texte(entree[champ])[0]
            for option in options:
                contenu = contenu.replace(option, "")
            tout.append(contenu)
            erreurs += [f"{entree['location']} ({champ}) : {d}" for d in defauts(contenu)]
    assert not erreurs, f"{len(erreurs)} défaut(s) :\n" + "\n".join(erreurs[:40])
    tout = "".join(tout).replace("\x01", "")
    assert tout.count("\u202f?") > 10 and tout.count("\u00a0:") > 100 and tout.count("«\u00a0") > 50


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) absent")
def test_pdf_sans_coupure_devant_la_ponctuation(site_construit):
    """pdftotext rend les espaces insécables comme des espaces : on vérifie leur effet, aucune ligne du
    PDF ne commence par ; : ! ? », % ou € et aucune ne finit par «."""
    sortie = subprocess.run(["pdftotext", "-enc", "UTF-8", str(site_construit / NOM_PDF), "-"],
                            capture_output=True, text=True, check=True).stdout
    lignes = sortie.splitlines()
    assert len(lignes) > 500
    coupees = [(i, l) for i, l in enumerate(lignes, 1) if re.match(r"\s*[;:!?»%€]", l) or re.search(r"«\s*$", l)]
    assert not coupees, "\n".join(f"ligne {i} : {l!r}" for i, l in coupees[:20])


def test_les_gabarits_des_formulaires_ne_sont_pas_dans_l_index_de_recherche(site_construit):
    """Les <template> des calculateurs et de Mon CPOM (lignes à ajouter, blocs de résultat) portent
    data-search-exclude : leurs libellés numérotés « __N__ » ne sont pas des résultats de recherche."""
    index = json.loads((site_construit / "search" / "search_index.json").read_text(encoding="utf-8"))
    textes = {entree["location"]: entree["title"] + " " + entree["text"] for entree in index["docs"]}
    assert [lieu for lieu, t in textes.items() if "__N__" in t or "__n__" in t] == []
    mon_cpom = " ".join(t for lieu, t in textes.items() if lieu.startswith("calculateurs/mon-cpom/"))
    assert "Raison sociale" in mon_cpom  # le formulaire visible reste indexé
    assert "À corriger" not in mon_cpom and "Points de fragilité relevés par l'autodiagnostic" not in mon_cpom  # gabarits seuls
