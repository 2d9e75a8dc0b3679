"""Chargement YAML : positions (1-based), clés en double, tabulations, syntaxe, fichier vide, encodage."""

from __future__ import annotations

import datetime

import pytest

from guide.donnees.erreurs import ErreurReferentiel
from pathlib import Path

from guide.donnees import yamlio
from guide.donnees.yamlio import Liste, Table, lire_fichier, lire_texte, traduire

RACINE_PROJET = Path(__file__).resolve().parents[2]


def messages(texte: str) -> list[str]:
    with pytest.raises(ErreurReferentiel) as exc:
        lire_texte(texte, "modules/x.yml")
    return [str(e) for e in exc.value.erreurs]


def test_positions_des_cles_et_des_elements():
    valeur = lire_texte("a: 1\nb:\n  - x\n  - c: 2\n    d: [3, 4]\n", "f.yml")
    assert isinstance(valeur, Table) and isinstance(valeur["b"], Liste)
    assert valeur.position_de("a") == (1, 1)
    assert valeur.position_de("b") == (2, 1)
    assert valeur["b"].position_de(0) == (3, 5)
    assert valeur["b"][1].position_de("d") == (5, 5)
    assert valeur["b"][1]["d"].position_de(1) == (5, 12)
    assert valeur.position_de("absente") == (1, 1)


def test_types_yaml_surs():
    valeur = lire_texte("date: 2025-03-11\nnul: null\nflottant: 0.5\n", "f.yml")
    assert valeur == {"date": datetime.date(2025, 3, 11), "nul": None, "flottant": 0.5}
    assert messages("a: !!python/object/apply:os.system [ls]\nb: !!binary aGVsbG8=\n") == [
        "modules/x.yml:1:4: étiquette YAML « tag:yaml.org,2002:python/object/apply:os.system » interdite",
        "modules/x.yml:2:4: étiquette YAML « tag:yaml.org,2002:binary » interdite",
    ]


def test_toutes_les_cles_en_double_sont_signalees():
    assert messages("a: 1\nb: 2\na: 3\nb: 4\n") == [
        "modules/x.yml:3:1: clé « a » en double (déjà définie ligne 1)",
        "modules/x.yml:4:1: clé « b » en double (déjà définie ligne 2)",
    ]


def test_cle_en_double_dans_une_table_imbriquee():
    assert messages("l:\n  - id: a\n    id: b\n") == ["modules/x.yml:3:5: clé « id » en double (déjà définie ligne 2)"]


def test_chaque_ligne_indentee_par_tabulation_est_signalee():
    assert messages("a:\n\tb: 1\n  c: 2\n \td: 3\n") == [
        "modules/x.yml:2:1: tabulation interdite pour l'indentation : utilisez des espaces",
        "modules/x.yml:4:2: tabulation interdite pour l'indentation : utilisez des espaces",
    ]


@pytest.mark.parametrize("texte", ["", "\n\n", "# commentaire seul\n", "---\n"])
def test_fichier_vide(texte):
    assert messages(texte) == ["modules/x.yml:1:1: fichier vide"]


@pytest.mark.parametrize("texte, attendu", [
    ("a: b: c\n", "modules/x.yml:1:5: « : » inattendu (un texte qui contient « : » doit être entre guillemets)"),
    ("a: [1, 2\n", "modules/x.yml:2:1: « ] » ou « , » attendu (liste entre crochets mal fermée)"),
    ("a:\n  - 1\n b: 2\n", "modules/x.yml:3:2: indentation incohérente (les éléments d'une même liste ou table "
                          "doivent être alignés)"),
    ("a: *inconnu\n", "modules/x.yml:1:4: alias « * » inconnu"),
    ("x: &a [*a]\n", "modules/x.yml:1:4: alias récursif interdit"),
    ("? [1, 2]\n: liste en clé\n", "modules/x.yml:1:3: clé invalide : un texte est attendu avant « : »"),
])
def test_erreurs_de_syntaxe_en_francais(texte, attendu):
    assert messages(texte) == [attendu]


def test_traduction_inconnue_garde_le_message_d_origine():
    assert traduire("something new") == "erreur de syntaxe YAML (something new)"


def test_fichier_non_utf8_et_chemin_relatif(tmp_path):
    (tmp_path / "modules").mkdir()
    chemin = tmp_path / "modules" / "m.yml"
    chemin.write_bytes("a: 1\nb: é\n".encode("latin-1"))
    with pytest.raises(ErreurReferentiel) as exc:
        lire_fichier(chemin, tmp_path)
    assert [str(e) for e in exc.value.erreurs] == ["modules/m.yml:2:4: encodage invalide : UTF-8 attendu (réenregistrer le fichier en UTF-8)"]


def test_bom_utf8_accepte(tmp_path):
    chemin = tmp_path / "m.yml"
    chemin.write_bytes("\ufeffa: 1\n".encode("utf-8"))
    assert lire_fichier(chemin, tmp_path) == {"a": 1}


# --- Limites de ressources : refus situé, jamais de blocage ni de trace Python -------------------


def messages_octets(octets: bytes, limites=None) -> list[str]:
    from guide.donnees.yamlio import LIMITES, lire_octets
    with pytest.raises(ErreurReferentiel) as exc:
        lire_octets(octets, "modules/x.yml", limites or LIMITES)
    return [str(e) for e in exc.value.erreurs]


BOMBE = "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9 if p else ['"lol"'] * 9) + "]\n"
                for p, c in zip([None, *"abcdefgh"], "abcdefghi")).encode()


def test_bombe_d_alias_refusee_au_21e_alias():
    import time
    debut = time.process_time()
    assert messages_octets(BOMBE) == ["modules/x.yml:4:14: trop d'alias YAML (« *c ») : 20 au plus par fichier"]
    duree = time.process_time() - debut
    print(f"\nbombe d'alias (9 niveaux, 9⁹ valeurs développées) refusée en {duree * 1000:.1f} ms de processeur")
    assert duree < 5, "blocage"  # garde-fou contre un blocage, pas une mesure de performance


def test_alias_developpes_limites_meme_sous_20_alias():
    from guide.donnees.yamlio import Limites
    texte = b"a: &a [" + b",".join([b"1"] * 100) + b"]\nb: [" + b",".join([b"*a"] * 10) + b"]\n"
    assert messages_octets(texte, Limites(valeurs=500)) == [
        "modules/x.yml:1:190: trop de valeurs une fois les alias développés : 500 au plus"]


@pytest.mark.parametrize("texte, attendu", [
    (b"a: " + b"[" * 100_000, "modules/x.yml:1:44: imbrication trop profonde : 40 niveaux de listes ou de tables au plus"),
    (b"a: " + b"{b: " * 100, "modules/x.yml:1:160: imbrication trop profonde : 40 niveaux de listes ou de tables au plus"),
    (b"".join(b" " * i + b"- \n" for i in range(60)),
     "modules/x.yml:41:41: imbrication trop profonde : 40 niveaux de listes ou de tables au plus"),
    (b"a: &a [1]\nb: [" + b"*a, " * 10 + b"]\nc: &c {x: *a}\n" + b"".join(b"d%d: &d%d [*c]\n" % (i, i) for i in range(12)),
     "modules/x.yml:13:10: trop d'alias YAML (« *c ») : 20 au plus par fichier"),
    (b"a: [" + b"1," * 10_001 + b"]", "modules/x.yml:1:19999: trop de valeurs : 10000 au plus par fichier"),
    (b"# " + b"x" * 300_000, "modules/x.yml:1:1: fichier trop volumineux : plus de 256 Kio (limite du guide)"),
])
def test_limites_de_ressources(texte, attendu):
    assert messages_octets(texte) == [attendu]


def test_fichier_geant_jamais_lu_en_entier(tmp_path):
    chemin = tmp_path / "modules" / "g.yml"
    chemin.parent.mkdir()
    with chemin.open("wb") as flux:
        flux.truncate(2 * 1024 ** 3)  # 2 Gio creux : lu en entier, le test prendrait des secondes et 2 Gio
    with pytest.raises(ErreurReferentiel) as exc:
        lire_fichier(chemin, tmp_path)
    assert [str(e) for e in exc.value.erreurs] == [
        "modules/g.yml:1:1: fichier trop volumineux : plus de 256 Kio (limite du guide)"]


@pytest.mark.parametrize("octets, attendus", [
    (b"a: 1\0\nb: \x01x\x7f\n", ["modules/x.yml:1:5: caractère nul U+0000 interdit : à supprimer (souvent collé depuis un autre logiciel)",
                                "modules/x.yml:2:4: caractère invisible U+0001 interdit : à supprimer (souvent collé depuis un autre logiciel)"]),
    (b"a: \xe9t\xe9\nb: ok\nc: \xff\n", ["modules/x.yml:1:4: encodage invalide : UTF-8 attendu (réenregistrer le fichier en UTF-8)",
                                        "modules/x.yml:3:4: encodage invalide : UTF-8 attendu (réenregistrer le fichier en UTF-8)"]),
    (b"\xef\xbb\xbfid: \x00", ["modules/x.yml:1:5: caractère nul U+0000 interdit : à supprimer (souvent collé depuis un autre logiciel)"]),
    (b"d: 2025-02-30\nn: " + b"9" * 5000 + b"\n",
     ["modules/x.yml:1:4: date impossible « 2025-02-30 » (AAAA-MM-JJ attendu)",
      "modules/x.yml:2:4: nombre illisible ou démesuré « 9999999999999999999999999999999999999… »"]),
])
def test_octets_et_valeurs_impossibles_situes(octets, attendus):
    assert messages_octets(octets) == attendus


def test_trop_de_caracteres_fautifs_resumes():
    octets = b"".join(b"k%d: \x00\n" % i for i in range(30))
    resultat = messages_octets(octets)
    assert len(resultat) == 21
    assert resultat[-1] == "modules/x.yml:21:6: et 10 autre(s) plus loin (même problème, non détaillés)"


@pytest.mark.parametrize("texte, attendu", [
    ("a: @x\n", "modules/x.yml:1:4: caractère interdit en début de valeur : mettre le texte entre guillemets"),
    ("a: - b\n", "modules/x.yml:1:4: « - » inattendu ici (élément de liste mal placé ou mal indenté)"),
    ("a: 1\n---\nb: 2\n", "modules/x.yml:2:1: un seul document par fichier (« --- » en trop ?)"),
    ("a: &x 1\nb: &x 2\n", "modules/x.yml:2:4: ancre « & » déjà définie plus haut dans le fichier"),
    ("a: &a 1\nb:\n  <<: *a\n", "modules/x.yml:3:3: « << » (fusion de tables) attend une table ou une liste de tables"),
])
def test_autres_erreurs_de_syntaxe_traduites(texte, attendu):
    assert messages(texte) == [attendu]


# --- Textes : ce que chaque format refuse (guide.validation.faute_de_texte) ----------------------


@pytest.mark.parametrize("texte, format_, attendu", [
    ("Voir **la note** et [HAS](https://www.has-sante.fr), [écrire](mailto:a@b.fr)", "en_ligne", None),
    ("Moins de 5 % : a < b, 3<4", "simple", None),
    ("Article [2]: conforme", "bloc", None),
    ("<img src=x onerror=alert(1)>", "simple", "HTML interdit (« <img> ») : le texte est publié tel quel ; "
                                                "mettre en forme en Markdown"),
    ("</p>", "bloc", "HTML interdit (« </p> ») : le texte est publié tel quel ; mettre en forme en Markdown"),
    ("Voir <https://has-sante.fr>", "en_ligne",
     "lien automatique « <https://…> » interdit : écrire [texte](https://…)"),
    ("[x](JaVaScRiPt:alert(1))", "bloc", "lien interdit « javascript: » : adresses http://, https:// ou mailto: seulement"),
    ("[x](javascript\\:alert(1))", "bloc", "lien interdit « javascript: » : adresses http://, https:// ou mailto: seulement"),
    ("[x]( vbscript:msgbox)", "bloc", "lien interdit « vbscript: » : adresses http://, https:// ou mailto: seulement"),
    ("- item\n\n    [r]: javascript:alert(1)", "bloc",
     "lien interdit « javascript: » : adresses http://, https:// ou mailto: seulement"),
    ("[x](https://a.fr)", "simple", "lien interdit dans ce champ (texte simple, sans Markdown)"),
    ("![x](https://a.fr/i.png)", "bloc", "image interdite (« ![…](…) ») : aucune image n'est chargée depuis le YAML"),
    ("Titre {#ancre}", "simple", "attributs Markdown interdits (« {#a… ») : le texte est du texte"),
    ("Texte { onclick=alert(1) }", "bloc", "attributs Markdown interdits (« { onclick=alert(1) }… ») : le texte est du texte"),
])
def test_formats_de_texte(texte, format_, attendu):
    from guide.donnees.validation import faute_de_texte
    assert faute_de_texte(texte, format_) == attendu


# --- Lecture rapide (libyaml) : mêmes valeurs et mêmes positions que la lecture de référence -------

def _avec_positions(valeur):
    """Valeur et positions de chaque table, clé, liste et élément (comparables avec ==)."""
    if isinstance(valeur, Table):
        return ("table", valeur.position, [(cle, valeur.position_de(cle), _avec_positions(v)) for cle, v in valeur.items()])
    if isinstance(valeur, Liste):
        return ("liste", valeur.position, list(valeur.positions), [_avec_positions(v) for v in valeur])
    return (type(valeur).__name__, valeur)


@pytest.mark.skipif(yamlio._ChargeurRapide is None, reason="PyYAML sans libyaml")
@pytest.mark.parametrize("chemin", sorted((RACINE_PROJET / "modules").rglob("*.yml")), ids=lambda c: c.name)
def test_lecture_rapide_identique_a_la_reference(chemin):
    texte = chemin.read_text(encoding="utf-8")
    rapide = yamlio._lire_rapide(texte, chemin.name, yamlio.LIMITES)
    assert rapide is not yamlio._ECHEC
    assert _avec_positions(rapide) == _avec_positions(yamlio._lire_reference(texte, chemin.name, yamlio.LIMITES))


@pytest.mark.parametrize(
    "texte",
    ["a: 1\na: 2\n", "a: [1, 2\n", "", "~\n", "a: &x [1]\nb: *y\n", "a: !!python/object:os.system x\n",
     "d: 2025-02-30\n", "a:\n  - b\n - c\n", "a:\tb\n", "a: [1,\t2]\n", "a: b\t# c\n"],
)
def test_lecture_rapide_renvoie_a_la_reference_au_moindre_ecart(texte):
    # doublon, syntaxe, vide, alias inconnu, étiquette, date impossible, indentation, tabulation
    # (libyaml l'admet comme séparateur) : la lecture rapide s'abstient, la lecture de référence
    # donne le message situé
    assert yamlio._lire_rapide(texte, "x.yml", yamlio.LIMITES) is yamlio._ECHEC
    with pytest.raises(ErreurReferentiel):
        lire_texte(texte, "x.yml")


@pytest.mark.parametrize(("texte", "position"), [("a:\tb\n", "1:3"), ("a: [1,\t2]\n", "1:7"), ("a: b\t# c\n", "1:5")])
def test_tabulation_hors_indentation_refusee_comme_avant(texte, position):
    with pytest.raises(ErreurReferentiel) as erreur:
        lire_texte(texte, "x.yml")
    assert str(erreur.value).splitlines()[1].startswith(f"x.yml:{position}: tabulation interdite")
