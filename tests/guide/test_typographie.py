"""Typographie française du HTML rendu (guide.rendu.typographie) : sorties de référence règle par règle,
éléments protégés, attributs intacts, idempotence, et propriétés (Hypothesis)."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from guide.rendu import typographie
from guide.rendu.typographie import typographier_html, typographier_texte

F = "\u202f"   # espace fine insécable
I = "\u00a0"   # espace insécable

# (entrée, sortie attendue) : une règle, ou un cas à ne pas toucher, par ligne.
REFERENCE = [
    # ; ! ? : espace fine insécable à la place de l'espace ordinaire
    ("<p>Oui ; non ! Quoi ? Rien</p>", f"<p>Oui{F}; non{F}! Quoi{F}? Rien</p>"),
    ("<p>Vraiment ?!</p>", f"<p>Vraiment{F}?!</p>"),
    ("<p>Et\n?</p>", f"<p>Et{F}?</p>"),
    (f"<p>Déjà{I}? là{F}?</p>", f"<p>Déjà{F}? là{F}?</p>"),
    # deux-points : espace insécable
    ("<p>Objet : le contrat</p>", f"<p>Objet{I}: le contrat</p>"),
    ("<p><strong>Source</strong> : 001</p>", f"<p><strong>Source</strong>{I}: 001</p>"),
    # rien n'est ajouté quand le texte n'a pas d'espace ; heures et adresses intactes
    ("<p>a;b a!b a?b à 10:30</p>", "<p>a;b a!b a?b à 10:30</p>"),
    ("<p>Voir https://exemple.fr/a?b=1;c=2 ou www.ars.sante.fr ?</p>",
     f"<p>Voir https://exemple.fr/a?b=1;c=2 ou www.ars.sante.fr{F}?</p>"),
    ("<p>Écrire à ars-bfc@ars.sante.fr ; merci</p>", f"<p>Écrire à ars-bfc@ars.sante.fr{F}; merci</p>"),
    # guillemets : espace insécable à l'intérieur, ajoutée si elle manque
    ("<p>« Oui » et «non»</p>", f"<p>«{I}Oui{I}» et «{I}non{I}»</p>"),
    ("<p>« <a href=\"x.md\">lien</a> »</p>", f"<p>«{I}<a href=\"x.md\">lien</a>{I}»</p>"),
    ("<p>«&nbsp;déjà&nbsp;»</p>", f"<p>«{I}déjà{I}»</p>"),
    # milliers : seulement des groupes de trois chiffres déjà séparés par une espace
    ("<p>1 767 / (13 × 252) ; 107 310 ; 12 345 678,5</p>",
     f"<p>1{F}767 / (13 × 252){F}; 107{F}310{F}; 12{F}345{F}678,5</p>"),
    ("<p>En 2026, FINESS 250000000, 2026-2030, R. 314-43-2, en 2026 500 places</p>",
     f"<p>En 2026, FINESS 250000000, 2026-2030, R. 314-43-2, en 2026 500{I}places</p>"),
    ("<p>Tél. 03 80 41 98 00, version 2026.1, 0,5 100</p>", "<p>Tél. 03 80 41 98 00, version 2026.1, 0,5 100</p>"),
    # nombre et unité : espace insécable ; ajoutée devant % et € collés
    ("<p>52,28 % ; 100% ; 3 380 € ; 5 k€ ; 2 ETP ; 260 jours ; 13 places ; 72 heures</p>",
     f"<p>52,28{I}%{F}; 100{I}%{F}; 3{F}380{I}€{F}; 5{I}k€{F}; 2{I}ETP{F}; 260{I}jours{F}; 13{I}places{F}; "
     f"72{I}heures</p>"),
    ("<p>5 actions, 20 points, 3 placés, 2 hommes</p>", f"<p>5 actions, 20{I}points, 3 placés, 2 hommes</p>"),
    # signe ou unité dans le nœud suivant (sigle du glossaire, emphase)
    ("<p>22,5 <abbr title=\"Équivalent temps plein\">ETP</abbr> ; <em>vrai </em>? <b>Objet </b>: x</p>",
     f"<p>22,5{I}<abbr title=\"Équivalent temps plein\">ETP</abbr>{F}; <em>vrai{F}</em>? <b>Objet{I}</b>: x</p>"),
    ("<p>« <em> cité </em> » et <em>a </em> ?</p>", f"<p>«{I}<em>cité</em>{I}» et <em>a</em>{F}?</p>"),
    ("<p>a <code>;</code> 5 <code>%</code></p>", "<p>a <code>;</code> 5 <code>%</code></p>"),
    ("<p>voir <a href=\"x\">https</a>://x</p>", "<p>voir <a href=\"x\">https</a>://x</p>"),
    # ordinaux en exposant
    ("<p>le 1er janvier, la 1re, 2e ou 3e année</p>",
     "<p>le 1<sup>er</sup> janvier, la 1<sup>re</sup>, 2<sup>e</sup> ou 3<sup>e</sup> année</p>"),
    ("<p>1e5, v1er, B2e, 2,5e</p>", "<p>1e5, v1er, B2e, 2,5e</p>"),
    ("<title>Au 1er janvier ? - Guide</title>", f"<title>Au 1er janvier{F}? - Guide</title>"),
    # apostrophe : droite partout
    ("<p>l’ARS et l'OG</p>", "<p>l'ARS et l'OG</p>"),
    # éléments protégés : rien ne change
    ("<pre><code>x ; y « z » 1 767 1er</code></pre>", "<pre><code>x ; y « z » 1 767 1er</code></pre>"),
    ("<p>Tapez <kbd>Ctrl ?</kbd> ou <code>a : b</code> ; <samp>c !</samp></p>",
     f"<p>Tapez <kbd>Ctrl ?</kbd> ou <code>a : b</code>{F}; <samp>c !</samp></p>"),
    ("<script>if (a <b && c ? d : e) {}</script><style>a:hover ; {}</style><p>fin ?</p>",
     f"<script>if (a <b && c ? d : e) {{}}</script><style>a:hover ; {{}}</style><p>fin{F}?</p>"),
    ("<select><option>Autre : 365 jours</option></select><textarea>a ?</textarea>",
     "<select><option>Autre : 365 jours</option></select><textarea>a ?</textarea>"),
    ("<svg><title>a ?</title><text>b ?</text></svg><p>c ?</p>", f"<svg><title>a ?</title><text>b ?</text></svg><p>c{F}?</p>"),
    ("<!-- note ? --><p>d ?</p>", f"<!-- note ? --><p>d{F}?</p>"),
    # attributs et identifiants intacts
    ("<abbr title=\"Objet : contrat ?\">CPOM</abbr> ?", f"<abbr title=\"Objet : contrat ?\">CPOM</abbr>{F}?"),
    ("<a href=\"../a/?q=1 !\" id=\"x-1er\" data-x='« a »'>Lien ?</a>",
     f"<a href=\"../a/?q=1 !\" id=\"x-1er\" data-x='« a »'>Lien{F}?</a>"),
    ("<input value=\"100 %\" placeholder=\"ex. : 12\">", "<input value=\"100 %\" placeholder=\"ex. : 12\">"),
]


@pytest.mark.parametrize(("entree", "attendu"), REFERENCE, ids=[str(i) for i in range(len(REFERENCE))])
def test_sortie_de_reference(entree, attendu):
    assert typographier_html(entree) == attendu
    assert typographier_html(attendu) == attendu  # idempotent


def test_texte_brut_sans_exposant():
    assert typographier_texte("Le 1er ? « a »") == f"Le 1er{F}? «{I}a{I}»"
    assert typographier_texte("Le 1er", exposants=True) == "Le 1<sup>er</sup>"


def test_page_entiere():
    page = ("<!doctype html><html lang=\"fr\"><head><title>De quoi s'agit-il ? - Guide</title>"
            "<script id=\"__config\" type=\"application/json\">{\"a\": \"b ?\"}</script></head>"
            "<body><nav><a href=\"../\" title=\"Pourquoi ?\">Pourquoi ?</a></nav>"
            "<article><h1 id=\"pourquoi\">Pourquoi ?<a class=\"headerlink\" href=\"#pourquoi\">¶</a></h1></article>"
            "</body></html>")
    assert typographier_html(page) == (
        f"<!doctype html><html lang=\"fr\"><head><title>De quoi s'agit-il{F}? - Guide</title>"
        "<script id=\"__config\" type=\"application/json\">{\"a\": \"b ?\"}</script></head>"
        f"<body><nav><a href=\"../\" title=\"Pourquoi ?\">Pourquoi{F}?</a></nav>"
        f"<article><h1 id=\"pourquoi\">Pourquoi{F}?<a class=\"headerlink\" href=\"#pourquoi\">¶</a></h1></article>"
        "</body></html>")


def test_html_mal_forme_sans_erreur():
    for entree in ("<p>a ?", "<script>x ? y", "a < b ?", "<a title=\"x>y\">z ?</a>", "</code> a ?", "<", "«"):
        sortie = typographier_html(entree)
        assert typographier_html(sortie) == sortie


def test_temps_lineaire_sur_longues_suites_d_espaces():
    # des suites d'espaces (indentation entre balises) ne doivent pas rendre le traitement quadratique
    texte = "<p>" + " " * 200_000 + "a ?</p>" + ("<div>" + " " * 50 + "</div>") * 20_000
    sortie = typographier_html(texte)
    assert sortie.endswith("</div>") and f"a{F}?" in sortie



def test_temps_lineaire_sur_une_longue_suite_de_balises_apres_une_espace():
    # texte fini par une espace, puis une longue suite de balises avant un signe : l'étendue inerte
    # échoue au bout de la suite ; la réessayer à chaque balise coûtait un temps quadratique
    # (8 000 balises : 8,9 s ; ici 50 000, soit plusieurs minutes si cela revenait)
    sortie = typographier_html("<p>a " + "<b>" * 50_000 + "; x</p>")
    assert sortie == f"<p>a{F}" + "<b>" * 50_000 + "; x</p>"

# ---------------------------------------------------------------- propriétés

PROTEGES = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "select", "datalist", "svg", "math"}


class _Lecteur(HTMLParser):
    """Texte hors éléments protégés, texte des éléments protégés, et balises avec leurs attributs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pile, self.texte, self.protege, self.balises = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.balises.append((tag, tuple(attrs)))
        if tag in PROTEGES:
            self.pile.append(tag)
            self.texte.append("\x00")  # le texte protégé sépare ce qui l'entoure

    def handle_startendtag(self, tag, attrs):
        self.balises.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.balises.append(("/" + tag, ()))
        if self.pile and self.pile[-1] == tag:
            self.pile.pop()

    def handle_data(self, data):
        (self.protege if self.pile else self.texte).append(data)

    def handle_comment(self, data):
        self.balises.append(("!--", (data,)))


def lire(html: str) -> _Lecteur:
    lecteur = _Lecteur()
    lecteur.feed(html)
    lecteur.close()
    return lecteur


def sans_sup(balises):
    return [b for b in balises if b[0] not in ("sup", "/sup")]


def normaliser(textes) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", "", "".join(textes)).replace("\u2019", "'")


_CARACTERES = st.sampled_from(list("ab éz'’;!?:«»%€0123456789,.-/\n") + ["\u00a0", "\u202f", " jours", "er", " 1 767",
                                                                      "https://x.fr/a?b=1;c", "10:30", "&amp;"])
_TEXTE = st.lists(_CARACTERES, max_size=12).map("".join)
_ATTRIBUT = st.sampled_from(['', ' title="a : b ?"', ' href="https://x.fr/?a=1 !"', ' id="n-1er"', " data-x='« 1 767 »'"])


@st.composite
def fragments(draw, profondeur=0):
    morceaux = []
    for _ in range(draw(st.integers(0, 4))):
        genre = draw(st.sampled_from(["texte", "texte", "element", "protege", "script"] if profondeur < 3 else ["texte"]))
        if genre == "texte":
            morceaux.append(draw(_TEXTE).replace("<", ""))
        elif genre == "element":
            nom = draw(st.sampled_from(["p", "em", "a", "span", "sup", "strong", "li"]))
            morceaux.append(f"<{nom}{draw(_ATTRIBUT)}>{draw(fragments(profondeur + 1))}</{nom}>")
        elif genre == "protege":
            nom = draw(st.sampled_from(["code", "pre", "kbd", "textarea"]))
            morceaux.append(f"<{nom}{draw(_ATTRIBUT)}>{draw(_TEXTE)}</{nom}>")
        else:
            morceaux.append(f"<script>{draw(_TEXTE).replace('<', '')}</script>")
    return "".join(morceaux)


@settings(max_examples=300, deadline=None)
@given(fragments())
@example(html=" <p><code>a</code>;</p>")
@example(html=" <p>»</p>")
def test_proprietes(html):
    sortie = typographier_html(html)
    # idempotence
    assert typographier_html(sortie) == sortie
    avant, apres = lire(html), lire(sortie)
    # balises et attributs inchangés (hors <sup> des ordinaux)
    assert sans_sup(apres.balises) == sans_sup(avant.balises)
    # texte protégé identique au caractère près
    assert apres.protege == avant.protege
    # texte identique aux espaces et à l'apostrophe près
    assert normaliser(apres.texte) == normaliser(avant.texte)
    # plus d'espace ordinaire devant ; ! ? : ni à l'intérieur des guillemets (hors adresses)
    texte = re.sub(r"https://\S*", "", "".join(apres.texte))
    assert not re.search(r"[ \t\n][;!?:»]|«[ \t\n]", texte), texte


def test_gabarit_de_ligne_traite_mais_options_protegees():
    """Le contenu d'un <template> devient du texte affiché (lignes ajoutées, index de recherche) :
    il suit les règles ; les libellés de ses <option> restent des valeurs, intacts."""
    entree = ('<template><p>Seuil : 70 % (source : guide) ?</p>'
              '<select><option>Autre : jours</option></select></template>')
    attendu = (f'<template><p>Seuil{I}: 70{I}% (source{I}: guide){F}?</p>'
               '<select><option>Autre : jours</option></select></template>')
    assert typographier_html(entree) == attendu


# --- Étendues inertes : lues d'un bloc, elles donnent exactement ce que donne la lecture jeton par jeton

_MORCEAUX = [
    "<p>", "</p>", "<a href='x:y'>", "<code>", "</code>", "<pre>", "</pre>", "<title>", "</title>", "<script>",
    "</script>", "<style>", "</style>", "<textarea>", "</textarea>", "<svg/>", "<code/>", "<!-- a ; b -->", "<!--",
    "-->", "<!x>", "<?y>", "<![CDATA[ ; ]]>", "mot", "mot ", " ", "\n  ", ";", ":", "!", "?", "«", "»", "’", "%", "1",
    "12", "1 767", "er", "e", "ETP", "h", "ans", "&nbsp;", "&#160;", "&amp;", "<", ">", "a < b", "\xa0", "\u202f",
    "https://x.fr/a?b", "<em>", "</em>", "<abbr title='a : b'>", "</abbr>", '<b c="d>e">', "<CODE>", "</Code>",
    "<template>", "</template>", "<option>", "<select>", "</select>", "://", "mailto:x@y.fr", "<br>", "\t", "<sup>",
    "</sup>", "\n    ", '<div class="a">', "</div>", "&nbsp;;", " ;", "2 ", "«&nbsp;", "   ", "<span>", "</span>",
    "texte long sans signe ", "x",
]


def test_etendues_inertes_sans_effet_sur_le_resultat(monkeypatch):
    # Des cas trouvés en développant, puis 30 000 fragments tirés de morceaux choisis pour les cas limites (raccords par-delà les balises,
    # guillemets, éléments protégés, commentaires, « < » isolé) ; graine fixe, donc rejouable.
    tirage = random.Random(20261129)
    fragments = [
        # un texte après « perd ses espaces de tête : il ne peut pas finir une étendue inerte
        "<sup>«</p>\n  mot <abbr title='a : b'></title><p>ETP<!--a < b<![CDATA[ ; ]]></p>",
        " «&nbsp;<a href='x:y'>   </template>\n  mot \n  </div></p>\u202f",
        # une section CDATA ou un commentaire se ferment au premier « ]]> » ou « --> »
        "\xa0<![CDATA[ ; ]]></title>!</p><<![CDATA[ ; ]]>%ans<style>mot </template>",
        # une espace de fin suivie, par-delà des balises, d'un signe ou d'une unité
        "mot <em></em>; <span>2 </span><b>ans</b> x <i>\n : </i>",
    ] + ["".join(tirage.choice(_MORCEAUX) for _ in range(tirage.randint(1, 20))) for _ in range(30_000)]
    rapides = [typographier_html(f) for f in fragments]
    jamais = re.compile(r"(?!)")
    monkeypatch.setattr(typographie, "_ETENDUE_INERTE", jamais)
    monkeypatch.setattr(typographie, "_ETENDUE_APRES_ESPACE", jamais)
    for fragment, rapide in zip(fragments, rapides):
        assert rapide == typographier_html(fragment), fragment
