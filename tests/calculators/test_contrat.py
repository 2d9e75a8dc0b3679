"""Contrat : ``executer`` lève ``EntreeInvalide`` ; ``executer_json`` ne lève jamais."""

import json

import pytest

import calculators
from calculators.contrat import CALCULS, executer, executer_json
from calculators.erreurs import EntreeInvalide

TRAJECTOIRE = {"valeur_initiale": 84.47, "cible_finale": 92, "annees": 5}


def test_calculs_disponibles():
    assert sorted(CALCULS) == ["avancement", "csv_ecrire", "csv_lire", "dossier", "indicateur", "modulation", "seuils", "trajectoire"]


def test_all_trie():
    assert calculators.__all__ == sorted(calculators.__all__)
    for nom in calculators.__all__:
        assert hasattr(calculators, nom)


def test_executer(parametres):
    assert executer("trajectoire", TRAJECTOIRE, parametres) == {"cibles": [85.98, 87.48, 88.99, 90.49, 92.0]}


@pytest.mark.parametrize(
    ("nom", "entree", "message"),
    [
        ("inconnu", {}, "calculateur: calculateur inconnu « inconnu » (calculateurs : avancement, csv_ecrire, csv_lire, dossier, indicateur, modulation, seuils, trajectoire)"),
        (None, {}, "calculateur: calculateur inconnu null (calculateurs : avancement, csv_ecrire, csv_lire, dossier, indicateur, modulation, seuils, trajectoire)"),
        ("trajectoire", [], "entrée: objet JSON attendu, reçu []"),
        ("trajectoire", "texte", 'entrée: objet JSON attendu, reçu "texte"'),
        ("modulation", None, "entrée: objet JSON attendu, reçu null"),
    ],
)
def test_executer_refuse(parametres, nom, entree, message):
    with pytest.raises(EntreeInvalide) as exc:
        executer(nom, entree, parametres)
    assert str(exc.value) == message


def test_executer_json_ok(parametres):
    reponse = json.loads(executer_json("trajectoire", json.dumps(TRAJECTOIRE), json.dumps(parametres)))
    assert reponse == {"ok": True, "resultat": {"cibles": [85.98, 87.48, 88.99, 90.49, 92.0]}}


def test_executer_json_garde_les_accents(parametres):
    texte = executer_json("trajectoire", "[]", json.dumps(parametres))
    assert texte == '{"ok": false, "erreurs": [{"champ": "entrée", "message": "objet JSON attendu, reçu []"}]}'


@pytest.mark.parametrize(
    ("nom", "entree_json", "parametres_json", "erreurs"),
    [
        ("trajectoire", '{"annees": 0', "{}", [{"champ": "entrée", "message": "JSON invalide à la ligne 1, colonne 13"}]),
        ("trajectoire", "", "{}", [{"champ": "entrée", "message": "JSON invalide à la ligne 1, colonne 1"}]),
        ("trajectoire", "{}", "{x", [{"champ": "parametres", "message": "JSON invalide à la ligne 1, colonne 2"}]),
        ("trajectoire", None, "{}", [{"champ": "entrée", "message": "texte JSON attendu, reçu NoneType"}]),
        ("trajectoire", "[" * 100000, "{}", [{"champ": "entrée", "message": "JSON trop imbriqué"}]),
        ("trajectoire", '{"annees": ' + "9" * 5000 + "}", "{}", [{"champ": "entrée", "message": "JSON invalide : nombre trop long"}]),
        (
            "trajectoire",
            '{"valeur_initiale": NaN, "cible_finale": 1, "annees": 1}',
            "{}",
            [{"champ": "valeur_initiale", "message": "nombre entre −1\u202f000\u202f000\u202f000\u202f000 et 1\u202f000\u202f000\u202f000\u202f000 attendu, reçu NaN"}],
        ),
        ("avancement", '{"actions": []}', "[]", [{"champ": "parametres", "message": "objet JSON attendu, reçu []"}]),
        ("modulation", '{"etablissements": [1]}', "{}", [{"champ": "parametres.jours_ouverture", "message": "section manquante"}]),
        (12, "{}", "{}", [{"champ": "calculateur", "message": "calculateur inconnu 12 (calculateurs : avancement, csv_ecrire, csv_lire, dossier, indicateur, modulation, seuils, trajectoire)"}]),
    ],
)
def test_executer_json_erreurs(nom, entree_json, parametres_json, erreurs):
    assert json.loads(executer_json(nom, entree_json, parametres_json)) == {"ok": False, "erreurs": erreurs}


def test_executer_json_division_par_zero_n_est_pas_une_erreur(parametres):
    entree = {"id": "taux-mesures-levees", "valeurs": {"mesures_levees": 1, "mesures_notifiees": 0}}
    reponse = json.loads(executer_json("indicateur", json.dumps(entree), json.dumps(parametres)))
    assert reponse["ok"] is True
    assert reponse["resultat"]["non_calculable"] == "division par zéro : mesures_notifiees vaut 0"


def test_executer_json_erreur_interne(monkeypatch):
    def en_panne(entree, parametres):
        raise RuntimeError("panne")

    monkeypatch.setitem(CALCULS, "trajectoire", en_panne)
    reponse = json.loads(executer_json("trajectoire", "{}", "{}"))
    assert reponse == {"ok": False, "erreurs": [{"champ": "", "message": "erreur interne du calculateur : RuntimeError"}]}
