"""Chargement YAML : positions (1-based), clés en double, tabulations, syntaxe, fichier vide, encodage."""

from __future__ import annotations

import datetime

import pytest

from guide.donnees.erreurs import ErreurReferentiel
from guide.donnees.yamlio import Liste, Table, lire_fichier, lire_texte, traduire


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
    assert [str(e) for e in exc.value.erreurs] == ["modules/m.yml:2:1: encodage invalide : UTF-8 attendu"]


def test_bom_utf8_accepte(tmp_path):
    chemin = tmp_path / "m.yml"
    chemin.write_bytes("\ufeffa: 1\n".encode("utf-8"))
    assert lire_fichier(chemin, tmp_path) == {"a": 1}
