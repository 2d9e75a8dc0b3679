"""Propriétés (Hypothesis) des calculateurs et de l'évaluateur de formules."""

import ast
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import strategies as s
from calculators import avancement, modulation, trajectoire
from calculators.contrat import CALCULS, executer_json
from calculators.erreurs import DivisionParZero, FormuleInvalide
from calculators.formule import evaluer, notation_francaise, verifier
from calculators.nombres import arrondir
from calculators.parametres import phases as lire_phases
from parametres_essai import PARAMETRES

PHASES = lire_phases(PARAMETRES)


def en_decimal(nombre):
    return Decimal(str(nombre))


# --- Avancement -------------------------------------------------------------------------------


@given(s.entrees_avancement)
def test_taux_dans_0_100(entree):
    resultat = avancement.calculer(entree, PARAMETRES)
    taux = [a["taux"] for a in resultat["actions"]] + [m["taux"] for m in resultat["modules"].values()]
    assert all(0 <= t <= 100 for t in taux + [resultat["taux_global"]])
    assert sum(m["nombre_actions"] for m in resultat["modules"].values()) == len(entree["actions"])


@given(st.integers(0, len(PHASES) - 1), st.integers(0, len(PHASES) - 1), s.decimaux(0, 100, 3), s.decimaux(0, 100, 3))
def test_phase_plus_avancee_ou_part_plus_grande_ne_baisse_jamais_le_taux(rang1, rang2, part1, part2):
    (rang1, part1), (rang2, part2) = sorted([(rang1, part1), (rang2, part2)])
    taux1, _ = avancement.taux_action(PHASES, PHASES[rang1].id, part1)
    taux2, _ = avancement.taux_action(PHASES, PHASES[rang2].id, part2)
    assert taux1 <= taux2


@given(s.entrees_avancement, s.actions)
def test_ajouter_une_action_terminee_ne_baisse_pas_le_taux_de_son_module(entree, action):
    avant = avancement.calculer(entree, PARAMETRES)
    terminee = {**action, "phase": PHASES[-1].id, "avancement_phase": 100}
    apres = avancement.calculer({"actions": entree["actions"] + [terminee]}, PARAMETRES)
    taux_avant = avant["modules"].get(action["module"], {"taux": 0})["taux"]
    assert apres["modules"][action["module"]]["taux"] >= taux_avant


# --- Modulation -------------------------------------------------------------------------------


@given(s.entrees_modulation)
def test_abattement_borne_et_total_egal_a_la_somme_des_lignes(entree):
    resultat = modulation.calculer(entree, PARAMETRES)
    for ligne, esms in zip(resultat["etablissements"], entree["etablissements"]):
        dotation = arrondir(en_decimal(str(esms["dotation"]).replace(",", ".")))
        montant = en_decimal(ligne["montant_abattement"])
        assert 0 <= montant <= dotation
        assert en_decimal(ligne["dotation_apres_abattement"]) == dotation - montant
        assert 0 <= ligne["taux_abattement"] <= 100
        assert ligne["ecart_points"] >= 0
    total = {cle: en_decimal(valeur) for cle, valeur in resultat["total"].items()}
    for cle in ("montant_abattement", "dotation_apres_abattement"):
        assert total[cle] == sum((en_decimal(ligne[cle]) for ligne in resultat["etablissements"]), Decimal(0))
    assert total["dotation"] == total["montant_abattement"] + total["dotation_apres_abattement"]


@given(s.esms, s.decimaux(0, 1000, 2))
def test_pas_d_abattement_a_ou_au_dessus_de_la_cible(esms, surplus):
    esms = {**esms, "activite_theorique": 1000, "taux_cible": "95,5"}
    for cle in ("categorie", "jours_ouverture", "capacite"):
        esms.pop(cle, None)
    esms["activite_realisee"] = str(Decimal("955") + surplus)
    ligne = modulation.calculer({"etablissements": [esms]}, PARAMETRES)["etablissements"][0]
    assert (ligne["ecart_points"], ligne["taux_abattement"], ligne["montant_abattement"]) == (0, 0, 0)


@given(s.decimaux(0, 200, 6), s.decimaux(0, 100, 4), s.decimaux(0, 10**7, 2))
def test_pas_d_abattement_quand_le_taux_exact_atteint_la_cible(taux_exact, cible, dotation):
    assume(taux_exact >= cible)
    ligne = modulation.ligne(Decimal(10**6), taux_exact * 10**4, cible, dotation, Decimal("0.5"))
    assert ligne["montant_abattement"] == 0


# --- Trajectoire ------------------------------------------------------------------------------


@given(s.entrees_trajectoire)
def test_trajectoire_finit_sur_la_cible_et_va_dans_son_sens(entree):
    cibles = trajectoire.calculer(entree, {})["cibles"]
    initiale = en_decimal(str(entree["valeur_initiale"]).replace(",", "."))
    finale = en_decimal(str(entree["cible_finale"]).replace(",", "."))
    assert len(cibles) == entree["annees"]
    assert en_decimal(cibles[-1]) == arrondir(finale)
    ecarts = [b - a for a, b in zip(cibles, cibles[1:])]
    assert all(e >= 0 for e in ecarts) if finale >= initiale else all(e <= 0 for e in ecarts)


# --- Contrat : aucune entrée ne fait planter --------------------------------------------------


@settings(max_examples=300)
@given(st.sampled_from(sorted(CALCULS)), s.json_quelconque)
def test_executer_json_ne_plante_jamais(nom, entree):
    reponse = json.loads(executer_json(nom, json.dumps(entree), json.dumps(PARAMETRES)))
    assert set(reponse) in ({"ok", "resultat"}, {"ok", "erreurs"})
    if not reponse["ok"]:
        assert reponse["erreurs"]
        assert all(e["champ"] and e["message"] for e in reponse["erreurs"]), reponse


@given(st.sampled_from(sorted(CALCULS)), st.text(max_size=60))
def test_executer_json_texte_quelconque(nom, texte):
    reponse = json.loads(executer_json(nom, texte, json.dumps(PARAMETRES)))
    assert isinstance(reponse["ok"], bool)
    assert "erreur interne" not in json.dumps(reponse, ensure_ascii=False)


# --- Formules ---------------------------------------------------------------------------------


def _seule_formule_invalide_est_levee(texte):
    try:
        verifier(texte, ["a", "b", "c"])
    except FormuleInvalide as exc:
        assert str(exc)


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_verifier_ne_leve_que_formule_invalide(texte):
    _seule_formule_invalide_est_levee(texte)


@settings(max_examples=300)
@given(st.text(alphabet="abc0123456789.+-*/%() ,_[]'\"<=>:lambdifor", max_size=60))
def test_verifier_sur_texte_proche_d_une_formule(texte):
    _seule_formule_invalide_est_levee(texte)


def _depuis_la_notation(texte):
    return texte.replace(",", ".").replace(" ; ", ", ").replace("×", "*").replace("÷", "/").replace("−", "-")


@given(s.formules)
def test_notation_francaise_garde_la_structure(formule):
    relue = _depuis_la_notation(notation_francaise(formule))
    assert ast.dump(ast.parse(relue, mode="eval")) == ast.dump(ast.parse(formule, mode="eval"))


def _exact(noeud, valeurs):
    """Évaluation de référence en fractions exactes (indépendante de calculators.formule)."""
    if isinstance(noeud, ast.Expression):
        return _exact(noeud.body, valeurs)
    if isinstance(noeud, ast.Constant):
        return Fraction(str(noeud.value))
    if isinstance(noeud, ast.Name):
        return valeurs[noeud.id]
    if isinstance(noeud, ast.UnaryOp):
        return -_exact(noeud.operand, valeurs) if isinstance(noeud.op, ast.USub) else _exact(noeud.operand, valeurs)
    if isinstance(noeud, ast.Call):
        arguments = [_exact(a, valeurs) for a in noeud.args]
        return {"abs": lambda: abs(arguments[0]), "min": lambda: min(arguments), "max": lambda: max(arguments)}[noeud.func.id]()
    gauche, droite = _exact(noeud.left, valeurs), _exact(noeud.right, valeurs)
    operations = {ast.Add: lambda: gauche + droite, ast.Sub: lambda: gauche - droite, ast.Mult: lambda: gauche * droite}
    return operations[type(noeud.op)]() if type(noeud.op) in operations else gauche / droite


@given(s.formules, st.lists(s.decimaux(-1000, 1000, 2), min_size=3, max_size=3))
def test_evaluer_concorde_avec_un_calcul_exact(formule, nombres):
    valeurs = dict(zip("abc", nombres))
    try:
        attendu = _exact(ast.parse(formule, mode="eval"), {k: Fraction(v) for k, v in valeurs.items()})
    except ZeroDivisionError:
        with pytest.raises(DivisionParZero):
            evaluer(formule, valeurs)
        return
    obtenu = Fraction(evaluer(formule, valeurs))
    assert abs(obtenu - attendu) <= abs(attendu) * Fraction(1, 10**15) + Fraction(1, 10**15)
