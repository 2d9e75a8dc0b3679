"""Bibliothèque d'indicateurs tirés des sources (modules/communs/bibliotheque_indicateurs.yml) :
ids convenus, sources et régions, seuils tels que les sources les écrivent, exemples recalculés
par le calculateur, rendu de l'annexe et des pages de calculateur."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from calculators.contrat import executer_json
from guide.rendu import formulaires, pages, rendu
from guide.donnees.referentiel import RACINE_PROJET, a_un_calculateur, charger_referentiel, parametres_calculateurs

REF = charger_referentiel(RACINE_PROJET)
BIB = REF.bibliotheque
PARAMETRES = json.dumps(parametres_calculateurs(REF), ensure_ascii=False)

ECARS = ["ecars-pil-003", "ecars-pil-005", "ecars-pil-006", "ecars-pil-018", "ecars-acc-043", "ecars-acc-045",
         "ecars-soin-005", "ecars-soin-007", "ecars-soin-027", "ecars-soin-031", "ecars-coop-006", "ecars-coop-017",
         "ecars-coop-019", "ecars-coop-022", "ecars-coop-024a"]
IDF = ["idf-occupation-ht", "idf-occupation-aj", "idf-charge-soins", "idf-charge-dependance", "idf-rotation",
       "idf-absenteisme", "idf-encadrement"]
PDL = [f"pdl-i-{n}" for n in [*range(10, 16), *range(25, 48)]]


def executer(nom: str, entree: dict) -> dict:
    return json.loads(executer_json(nom, json.dumps(entree, ensure_ascii=False), PARAMETRES))


def test_ids_convenus_et_nombre_par_source():
    assert set(ECARS + IDF + PDL) <= set(BIB)
    assert Counter(i["source"] for i in BIB.values()) == {"cpom-besancon": 15, "guide-idf": 13, "methodo-pdl": 29}
    assert [i["code"] for i in BIB.values() if i["source"] == "cpom-besancon"] == [
        "Pil_003", "Pil_005", "Pil_006", "Pil_018", "Acc_043", "Acc_045", "Soin_005", "Soin_007", "Soin_027",
        "Soin_031", "Coop_006", "Coop_017", "Coop_019", "Coop_022", "Coop_024a"]


def test_region_et_annee_quand_ce_n_est_pas_la_bfc():
    for indicateur in BIB.values():
        if indicateur["source"] == "cpom-besancon":
            assert "region" not in indicateur and "annee" not in indicateur
        elif indicateur["source"] == "guide-idf":
            assert (indicateur["region"], indicateur.get("annee")) == ("Île-de-France", None)
        else:
            assert (indicateur["region"], indicateur["annee"]) == ("Pays de la Loire", 2011)


def test_natures_des_indicateurs_e_cars():
    natures = {i["code"]: i["nature"] for i in BIB.values() if i["source"] == "cpom-besancon"}
    assert [code for code, nature in natures.items() if nature == "nombre"] == ["Pil_006", "Acc_043", "Soin_031"]
    assert [code for code, nature in natures.items() if nature == "oui_non"] == ["Coop_017"]
    assert all(nature == "ratio" for code, nature in natures.items() if code not in ("Pil_006", "Acc_043", "Soin_031", "Coop_017"))


def _seuils(identifiant):
    return [{k: v for k, v in s.items() if k in ("sens", "strict", "valeur", "min", "max", "source")}
            for s in BIB[identifiant]["seuils"]]


@pytest.mark.parametrize(
    ("identifiant", "seuils"),
    [
        ("idf-occupation-ht", [{"sens": "superieur", "strict": True, "valeur": 70, "source": "guide-idf"}]),
        ("idf-occupation-aj", [{"sens": "superieur", "strict": True, "valeur": 70, "source": "guide-idf"}]),
        ("idf-charge-soins", [{"sens": "inferieur", "strict": True, "valeur": 4300, "source": "guide-idf"}]),
        ("idf-charge-dependance", [{"sens": "inferieur", "strict": True, "valeur": 3200, "source": "guide-idf"}]),
        ("idf-rotation", [{"sens": "inferieur", "strict": True, "valeur": 11, "source": "guide-idf"}]),
        ("idf-absenteisme", [{"sens": "inferieur", "strict": True, "valeur": 10, "source": "guide-idf"}]),
        ("idf-encadrement", [{"sens": "entre", "strict": False, "min": 5, "max": 10, "source": "guide-idf"}]),
        ("idf-chambres-equipees", [{"sens": "superieur", "strict": True, "valeur": 10, "source": "guide-idf"}]),
        ("pdl-i-29", [{"sens": "inferieur", "strict": True, "valeur": 5, "source": "methodo-pdl"}]),
        ("pdl-i-41", [{"sens": "superieur", "strict": False, "valeur": 0, "source": "methodo-pdl"}]),
        ("pdl-i-44", [{"sens": "inferieur", "strict": True, "valeur": 0.5, "source": "methodo-pdl"}]),
    ],
)
def test_seuils_tels_que_les_sources_les_ecrivent(identifiant, seuils):
    assert _seuils(identifiant) == seuils


def test_seuls_les_indicateurs_listes_ont_des_seuils():
    avec = sorted(i for i, ind in BIB.items() if ind["seuils"])
    assert avec == sorted(["idf-occupation-ht", "idf-occupation-aj", "idf-charge-soins", "idf-charge-dependance",
                           "idf-rotation", "idf-absenteisme", "idf-encadrement", "idf-chambres-equipees",
                           "pdl-i-29", "pdl-i-41", "pdl-i-44"])


def test_accueil_de_jour_253_jours_en_ile_de_france_260_en_bfc():
    aj = BIB["idf-occupation-aj"]
    assert "253 * capacite" in aj["formule"]
    assert "**253 jours**" in aj["definition"] and "**260 jours**" in aj["definition"]
    # 1 767 journées pour 13 places : 53,72 % sur 253 jours (IDF), 52,28 % sur 260 jours (fiche e-CARS BFC).
    idf = executer("indicateur", {"id": "idf-occupation-aj", "valeurs": {"journees_realisees": 1767, "capacite": 13}})
    assert idf["resultat"]["valeur"] == 53.72
    assert idf["resultat"]["seuils"][0]["respecte"] is False
    bfc = executer("indicateur", {"id": "ecars-pil-005", "valeurs": {"numerateur": 1767, "denominateur": 13 * 260}})
    assert bfc["resultat"]["valeur"] == 52.28


def test_exemples_e_cars_recalcules_par_le_calculateur():
    """Chaque exemple « numérateur / dénominateur = valeur » du CPOM de Besançon est retrouvé au centième."""
    verifies = 0
    for indicateur in BIB.values():
        for exemple in indicateur["exemples"]:
            if exemple.get("denominateur"):
                reponse = executer("indicateur", {"id": indicateur["id"], "valeurs": {
                    "numerateur": exemple["numerateur"], "denominateur": exemple["denominateur"]}})
                assert reponse["resultat"]["valeur"] == exemple["valeur"], (indicateur["id"], exemple["etablissement"])
                verifies += 1
    assert verifies == 16


def test_exemples_charge_en_dependance_du_guide_idf():
    for etp, valeur, respecte in ((22.5, 2960, True), (18, 3700, False)):
        reponse = executer("indicateur", {"id": "idf-charge-dependance", "valeurs": {"gmp": 740, "capacite": 90, "etp_as_amp": etp}})
        assert reponse["resultat"]["valeur"] == valeur
        assert reponse["resultat"]["seuils"][0]["seuil"] == "< 3\u202f200\u00a0points GMP par AS/AMP"
        assert reponse["resultat"]["seuils"][0]["respecte"] is respecte


def test_nombre_et_oui_non_dans_le_calculateur_d_indicateur():
    file_active = executer("indicateur", {"id": "ecars-acc-043", "valeur": "7", "cible": {"comparateur": ">", "valeur": 6}})
    assert file_active == {"ok": True, "resultat": {"id": "ecars-acc-043", "valeur": 7, "unite": "actions",
                                                      "cible": {"texte": "> 6\u00a0actions", "atteinte": True}}}
    outils = executer("indicateur", {"id": "ecars-coop-017", "valeur": "non", "cible": {"comparateur": "=", "valeur": "Oui"}})
    assert outils["resultat"]["valeur"] == "Non" and outils["resultat"]["cible"]["atteinte"] is False
    refus = executer("indicateur", {"id": "ecars-pil-006", "valeur": 287.5})
    assert refus["erreurs"] == [{"champ": "valeur", "message": "nombre entier entre 0 et 1\u202f000\u202f000\u202f000\u202f000 attendu, reçu 287.5"}]


def test_trajectoire_des_exemples_nombre_et_oui_non():
    assert executer("trajectoire", {"nature": "nombre", "valeur_initiale": 52, "cible_finale": 62, "annees": 5, "signe": ">"}) == {
        "ok": True, "resultat": {"cibles": [54, 56, 58, 60, 62], "signe": ">"}}  # Pil_006 de l'accueil de jour
    exemple = BIB["ecars-coop-017"]["exemples"][0]
    reponse = executer("trajectoire", {"nature": "oui_non", "valeur_initiale": exemple["valeur"], "cible_finale": "Oui",
                                       "annees": 5, "annee_bascule": 2})
    assert reponse["resultat"]["cibles"] == exemple["cibles"]


def test_autodiagnostic_seuils_franchis_avec_leur_source():
    reponse = executer("seuils", {"chiffres": {"pdl-i-44": "0,62", "idf-rotation": 12, "idf-encadrement": 7, "ecars-pil-006": 287}})
    assert [(e["id"], e["seuil"], e["source"]) for e in reponse["resultat"]["ecarts"]] == [
        ("idf-rotation", "< 11\u00a0%", "guide-idf"), ("pdl-i-44", "< 0,5", "methodo-pdl")]
    assert reponse["resultat"]["verifies"] == 3
    assert reponse["resultat"]["sans_seuil"] == ["ecars-pil-006"]


def test_pas_de_formule_inventee():
    sans = [i for i in BIB.values() if not i.get("formule")]
    assert {i["id"] for i in sans if i["nature"] == "ratio"} == {
        "idf-absenteisme", "pdl-i-10", "pdl-i-12"}
    annexe = rendu.annexe_indicateurs(REF)
    for indicateur in sans:
        assert not indicateur.get("variables")
        if indicateur["nature"] == "ratio":
            assert not a_un_calculateur(indicateur)
            assert f"calculateurs/indicateurs/{indicateur['id']}.md" not in annexe
    assert annexe.count("formule non donnée par la source ; le guide ne propose pas de calcul.") == 2
    assert "formule de la source inutilisable telle quelle pour un pourcentage" in annexe


def test_annexe_groupee_par_source_avec_seuils_et_source():
    annexe = rendu.annexe_indicateurs(REF)
    debut = annexe.index("## Bibliothèque d'indicateurs des sources { #bibliotheque }")
    groupes = [annexe.index(f"{{ #bibliotheque-{s} }}") for s in ("cpom-besancon", "guide-idf", "methodo-pdl")]
    assert debut < groupes[0] < groupes[1] < groupes[2]
    assert "#### Pil_006 – File active des personnes accompagnées sur l'année { #ecars-pil-006 }" in annexe
    assert "| 250004389 – Résidence autonomie Les Hortensias | 2024 | 287 | > 292 ; > 303 ; > 315 ; > 326 ; > 339 |" in annexe
    assert "| 250004389 – Résidence autonomie Les Hortensias | 2024 | 90\u202f640 / 107\u202f310 = 84,47\u00a0% | 85,98 ; 87,48 ; 88,99 ; 90,49 ; 92,00 |" in annexe
    assert ("- **Seuil :** entre 5\u00a0% et 10\u00a0% — Guide de la contractualisation médico-sociale – Secteur personnes âgées "
            "(ARS Île-de-France), objectif 3-3, colonne « Cible(s) » : « Entre 5 % et 10 % » (Bornes comprises par convention "
            "du guide CPOM ; la source ne le précise pas.)") in annexe
    assert "**Pays de la Loire, 2011** : autre région, donné pour comparaison" in annexe
    assert annexe.count("{ #idf-") == 13 and annexe.count("{ #pdl-i-") == 29 and annexe.count("{ #ecars-") == 15


def test_pages_et_navigation_des_calculateurs():
    chemins = [p.chemin for p in pages.pages_generees(REF)]
    for indicateur in BIB.values():
        attendu = f"calculators/indicateurs/{indicateur['id']}.md".replace("calculators", "calculateurs")
        assert (attendu in chemins) is a_un_calculateur(indicateur)
    source = {p.chemin: p.source for p in pages.pages_generees(REF)}
    assert source["calculateurs/indicateurs/ecars-pil-003.md"] == "modules/communs/bibliotheque_indicateurs.yml"
    nav = pages.nav_calculateurs(REF, lambda chemin: True)
    groupes = nav[-1]["Indicateurs des sources"]
    assert [next(iter(g)) for g in groupes] == ["e-CARS – CPOM du CCAS de Besançon", "Île-de-France (guide PA)", "Pays de la Loire (PH, 2011)"]
    assert groupes[0]["e-CARS – CPOM du CCAS de Besançon"][0] == {
        "Pil_003 – Taux d'occupation des lits / places autorisées HP": "calculateurs/indicateurs/ecars-pil-003.md"}


def test_formulaire_oui_non_et_nombre():
    oui_non = formulaires.calculateur_indicateur(REF, "ecars-coop-017")
    assert '<select id="indicateur-ecars-coop-017-valeur" name="valeur"><option value="">—</option><option value="Oui">Oui</option><option value="Non">Non</option></select>' in oui_non
    assert '<option value="=">égal à (=)</option></select>' in oui_non and '<option value="&gt;">' not in oui_non
    nombre = formulaires.calculateur_indicateur(REF, "ecars-pil-006")
    assert 'name="valeur" inputmode="numeric"' in nombre
    assert '<option value="&gt;">supérieur à (&gt;)</option>' in nombre
    assert "Valeur saisie telle quelle (nombre) : la source ne donne pas de calcul." in nombre
    formule = formulaires.calculateur_indicateur(REF, "idf-charge-soins")
    assert "Formule : <code>Charge en soins par IDE = pmp × capacite ÷ etp_ide</code>" in formule
    assert "(Île-de-France : autre région, donné pour comparaison)" in formule
    assert 'data-liste="seuils"' in formule


def test_une_fiche_peut_citer_un_indicateur_de_la_bibliotheque():
    """« Indicateurs possibles » : lien vers l'annexe, région, et « le calculer » seulement s'il y a un calculateur."""
    module, fiche = REF.themes()[0]
    fiche = {**fiche, "indicateurs_possibles": ["ecars-pil-006", "idf-absenteisme"]}
    texte = rendu.rendre("theme.md.j2", ref=REF, module=module, theme=fiche)
    assert ("- [Pil_006 – File active des personnes accompagnées sur l'année](guide:annexes/indicateurs.md#ecars-pil-006)"
            " — [le calculer](guide:calculateurs/indicateurs/ecars-pil-006.md)\n") in texte
    assert "- [Taux d'absentéisme](guide:annexes/indicateurs.md#idf-absenteisme) (Île-de-France)\n" in texte
