"""Politique CSP : scripts en ligne, empreintes exactes, politique, injection en <meta>."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from guide.publication import csp
from guide.publication.finalisation import ErreurPublication, appliquer_csp, dossiers_gabarits

# Script de base de Material 9.8.1 pour une page de profondeur 1 (base_url "..").
MATERIAL_BASE = (
    '__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    "__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+\".\"+e)),"
    "__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+\".\"+e,JSON.stringify(_))}catch(e){}}"
)


@pytest.mark.parametrize(
    ("script", "attendu"),
    [
        # Valeurs calculées indépendamment : printf '%s' "$script" | openssl dgst -sha256 -binary | base64
        ("alert(1)", "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
        ('var é = "</div>";\n', "'sha256-Ea6UutCjFWpcoN/Yy4hLyaZG1aVb82TlG0KK9ymr+HY='"),
        ("", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"),
    ],
)
def test_empreinte_exacte(script, attendu):
    assert csp.empreinte(script) == attendu


def test_texte_exact_entre_les_balises():
    html = '<head><script>\n  var a = "<b>&amp;</b>";\n</script></head>'
    assert csp.scripts_en_ligne(html) == ['\n  var a = "<b>&amp;</b>";\n']


@pytest.mark.parametrize(
    "balise",
    [
        "<script>",
        "<SCRIPT>",
        '<script type="">',
        '<script type="text/javascript">',
        '<script type="application/javascript">',
        "<script type=module>",
        '<script type="importmap">',
        '<script nomodule defer id="x">',
        '<script language="javascript">',
    ],
)
def test_scripts_executables(balise):
    assert csp.scripts_en_ligne(f"{balise}f()</script>") == ["f()"]


@pytest.mark.parametrize(
    "balise",
    [
        '<script id="__config" type="application/json">',
        '<script type="text/template">',
        '<script type="application/ld+json">',
        '<script src="a.js">',
        '<script type="module" src="a.mjs">',
    ],
)
def test_scripts_ignores(balise):
    assert csp.scripts_en_ligne(f"{balise}f()</script>") == []


def test_page_material():
    html = (
        '<html><head><meta charset="utf-8"><script>' + MATERIAL_BASE + "</script></head><body>"
        '<script id="__config" type="application/json">{"base": ".."}</script>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script></body></html>'
    )
    assert [csp.empreinte(s) for s in csp.scripts_en_ligne(html)] == [
        "'sha256-/K9p2JtEqCycL2fSbEonMakkteWpAHv57x2wndLqMNo='"  # openssl dgst, comme ci-dessus
    ]


def test_attributs_interdits():
    html = '<body onload="x()"><a href=" JavaScript:void(0)">a</a><a href="javascript.html">b</a><p style="">'
    assert csp.attributs_interdits(html) == ["<body onload=…>", '<a href=" JavaScript:void(0)">', "<p style=…>"]


def test_politique_complete_et_stable():
    politique = csp.politique({"'sha256-b'", "'sha256-a'", "'sha256-a'"})
    assert politique == (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'; "
        "worker-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def test_empreintes_des_styles_dans_style_src():
    politique = csp.politique({"'sha256-s'"}, {"'sha256-y'"})
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-s';" in politique
    assert "style-src 'self' 'sha256-y';" in politique


def test_styles_en_ligne():
    assert csp.styles_en_ligne('<style media="print">\n a{b:c}</style><p style="x">') == ["\n a{b:c}"]


def test_jamais_unsafe_ni_autre_origine():
    politique = csp.politique({"'sha256-a'"})
    assert "'unsafe-" not in politique
    assert "http" not in politique and "*" not in politique and "blob:" not in politique


def test_meta_sans_frame_ancestors():
    meta = csp.politique_meta(csp.politique(set()))
    assert "frame-ancestors" not in meta
    assert meta.endswith("form-action 'self'")


def test_injection_apres_charset_et_idempotente():
    html = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head></html>'
    une = csp.injecter_meta(html, "default-src 'self'")
    assert une == (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'"><title>t</title></head></html>'
    )
    assert csp.injecter_meta(une, "default-src 'self'") == une
    deux = csp.injecter_meta(une, "default-src 'none'")
    assert deux.count("Content-Security-Policy") == 1 and "'none'" in deux


def test_injection_sans_head():
    with pytest.raises(ValueError, match="sans <head>"):
        csp.injecter_meta("<p>fragment</p>", "default-src 'self'")


def _page(script: str, corps: str = "") -> str:
    return f'<html><head><meta charset="utf-8"><script>{script}</script></head><body>{corps}</body></html>'


def _connus(tmp_path, *scripts: str) -> csp.EnLigneConnus:
    """Liste des scripts connus tirée d'un gabarit de test qui contient ``scripts``."""
    gabarits = tmp_path.parent / (tmp_path.name + "-gabarits")
    gabarits.mkdir(exist_ok=True)
    (gabarits / "base.html").write_text("".join(f"<script>{s}</script>\n" for s in scripts), encoding="utf-8")
    return csp.en_ligne_connus([gabarits])


def test_une_politique_pour_tout_le_site(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(_page("premier_script_du_gabarit()"), encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(_page("second_script_du_gabarit()"), encoding="utf-8")
    connus = _connus(tmp_path, "premier_script_du_gabarit()", "second_script_du_gabarit()")
    politique = appliquer_csp(tmp_path, connus)
    un, deux = "premier_script_du_gabarit()", "second_script_du_gabarit()"
    assert csp.empreinte(un) in politique and csp.empreinte(deux) in politique
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp.politique_meta(politique)}">'
    for page in ("index.html", "a/index.html"):
        assert meta in (tmp_path / page).read_text(encoding="utf-8")
    assert appliquer_csp(tmp_path, connus) == politique  # second passage : même résultat


def test_attributs_bloques_arretent_la_construction(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "index.html").write_text(_page("", '<button onclick="f()">b</button>'), encoding="utf-8")
    (tmp_path / "y.html").write_text(_page("", '<p style="color:red">p</p>'), encoding="utf-8")
    with pytest.raises(ErreurPublication) as erreur:
        appliquer_csp(tmp_path)
    assert str(erreur.value) == (
        "Attributs bloqués par la politique CSP (mettre le JavaScript dans un fichier .js et les "
        "styles dans une classe CSS de docs/assets/css/) :\n"
        "  x/index.html : <button onclick=…>\n"
        "  y.html : <p style=…>"
    )


def test_script_en_ligne_inconnu_arrete_la_construction_page_nommee(tmp_path):
    (tmp_path / "modules" / "prevention").mkdir(parents=True)
    (tmp_path / "index.html").write_text(_page("script_du_gabarit_connu()"), encoding="utf-8")
    (tmp_path / "modules" / "prevention" / "index.html").write_text(
        _page("script_du_gabarit_connu()", "<script>fetch('/x?c='+document.cookie)</script><style>p{}</style>"),
        encoding="utf-8")
    with pytest.raises(ErreurPublication) as erreur:
        appliquer_csp(tmp_path, _connus(tmp_path, "script_du_gabarit_connu()"))
    assert str(erreur.value) == (
        "Scripts ou styles en ligne qui ne viennent ni des gabarits du thème ni de ceux du projet "
        "(la politique CSP ne les autorise pas ; mettre le JavaScript dans un fichier .js de "
        "docs/assets/js/) :\n"
        "  modules/prevention/index.html : script en ligne inconnu « fetch('/x?c='+document.cookie) »\n"
        "  modules/prevention/index.html : style en ligne inconnu « p{} »"
    )
    assert "Content-Security-Policy" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_les_scripts_du_theme_sont_connus_et_leurs_expressions_bornees():
    connus = csp.en_ligne_connus(dossiers_gabarits())
    modele = ('__md_scope=new URL("{}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
              '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
              '__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}'
              'catch(e){{}}}}')
    for base in ("/", ".", "..", "../../.."):
        assert connus.script(modele.format(base))
    assert not connus.script(modele.format('",alert(1),"'))  # une valeur ne sort pas de sa chaîne
    assert not connus.script("alert(1)")


# --- Lecture rapide : les balises banales sautées donnent exactement ce que lit HTMLParser ------------

class _LectureComplete(csp._Analyseur):
    """Même analyseur sans le saut des balises banales : chaque balise décomposée par HTMLParser."""

    parse_starttag = HTMLParser.parse_starttag
    parse_endtag = HTMLParser.parse_endtag


def _lecture_complete(html: str) -> tuple[list[str], list[str], list[str]]:
    analyseur = _LectureComplete(html)
    analyseur.feed(html)
    analyseur.close()
    return analyseur.scripts, analyseur.styles, analyseur.interdits


def _lecture_rapide(html: str) -> tuple[list[str], list[str], list[str]]:
    analyse = csp.analyser_page(html)
    return analyse.scripts, analyse.styles, analyse.interdits


_MORCEAUX = [
    "<a>", "<A HREF='x'>", '<a href=" javascript:x">', "<a href=JavaScript:y>", "<div onclick=f()>",
    "<p Style='x'>", "<script>", "</script>", "<style>", "</STYLE>", "<!--", "-->", "--", "<!-- x -->",
    "<?pi>", "<!DOCTYPE html>", "<![CDATA[", "]]>", "&#", "&amp;", "&#x6a;", "<a href='&#x6a;avascript:x'>",
    "texte", "\n", " ", "<", ">", "/", "=", '"', "'", "<br/>", "</div >", "</ div>", "<x-y a:b=1 c.d='2'>",
    "<title>", "</title>", "<textarea>", "</textarea>", "<noscript>", "<script type=text/template>",
    '<img src=a.png alt="">', "<a\x0bonclick=x>", "<a\u00a0style=x>", "<svg viewBox='0 0 1 1'>", "</svg>",
    "<a  b  =  c>", "<a b=c/>", "<a/b>", "<p\tonload=x>", "<SCRIPT>", "<Script type=module>", "</script >",
    "</SCRIPT>", "<sTyLe media=x>", '<a title="x>y">', "<b c=d>e</b>", "<form action=javascript:1>",
    '<a href="x"onmouseover=y>', "`", "<a b=`c`>", "</>", "<3",
]


def test_lecture_rapide_identique_a_htmlparser_sur_des_pages_melangees():
    # 20 000 pages tirées de morceaux choisis pour les cas limites (casse, entités, guillemets,
    # commentaires, éléments à contenu brut, blancs inhabituels) ; graine fixe, donc rejouable.
    tirage = random.Random(20261129)
    for _ in range(20_000):
        html = "".join(tirage.choice(_MORCEAUX) for _ in range(tirage.randint(1, 25)))
        assert _lecture_rapide(html) == _lecture_complete(html), html


def test_lecture_rapide_identique_a_htmlparser_sur_une_page_material():
    page = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Accueil - Guide</title>'
        f"<script>{MATERIAL_BASE}</script><style>:root{{--md-x:1}}</style></head><body dir=\"ltr\">\n"
        '<a href="#x" class="md-skip">Aller</a><nav class="md-nav" aria-label="L&#39;ARS">\n'
        '<ul><li class="md-nav__item"><a href="../a/" class="md-nav__link">A</a></li></ul></nav>'
        '<script id="__config" type="application/json">{"a": "<b>"}</script>'
        '<script src="assets/bundle.js"></script><p onclick="x()">y</p></body></html>'
    )
    assert _lecture_rapide(page) == _lecture_complete(page)
    assert _lecture_rapide(page)[2] == ["<p onclick=…>"]
