"""Données ouvertes : les fichiers de site/donnees/ correspondent au YAML de modules/, relu ici
indépendamment (yaml.safe_load), et leur format est celui documenté dans docs/donnees-ouvertes.md."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest
import yaml

from guide.publication import export
from projet import RACINE

COLONNES = {  # le schéma publié est stable : un changement ici doit changer schema_version
    "modules.csv": "id,ordre,titre,statut,declenchement,famille,indicateur,libelle_indicateur,"
                   "max_types_actions_par_secteur,nombre_fiches,page",
    "fiches.csv": "module,ordre,id,titre,secteurs,etat,nombre_ressources,page",
    "indicateurs.csv": "id,libelle,formule,formule_lisible,unite,decimales,statut_formule,source_donnees,"
                       "cible,calculateur_dedie,modules,page",
    "variables.csv": "indicateur,nom,libelle,type,min,max",
    "bibliotheque.csv": "id,code,libelle,nature,source,lieu,region,annee,secteurs,formule,formule_lisible,"
                        "formule_source,unite,decimales,cible,page",
    "seuils.csv": "indicateur,sens,valeur,min,max,strict,source,lieu,remarque",
    "jours_ouverture.csv": "categorie,jours",
    "phases.csv": "ordre,id,libelle,poids",
}


def _yaml(relatif: str):
    return yaml.safe_load((RACINE / relatif).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sources():
    """Le YAML relu sans passer par guide/ : modules triés par ordre, indicateurs, paramètres."""
    modules = sorted((_yaml(f"modules/{p.name}") for p in (RACINE / "modules").glob("*.yml")),
                     key=lambda m: m["ordre"])
    return {"modules": modules, "indicateurs": _yaml("modules/communs/indicateurs.yml")["indicateurs"],
            "parametres": _yaml("modules/communs/parametres.yml"),
            "bibliotheque": _yaml("modules/communs/bibliotheque_indicateurs.yml")["indicateurs"]}


@pytest.fixture(scope="module")
def donnees(site_construit) -> Path:
    return site_construit / "donnees"


def lire_csv(chemin: Path) -> tuple[list[str], list[dict]]:
    brut = chemin.read_bytes()
    assert not brut.startswith(b"\xef\xbb\xbf"), f"{chemin.name} : pas de BOM attendu"
    lecteur = csv.DictReader(brut.decode("utf-8").splitlines(), delimiter=",")
    return list(lecteur.fieldnames), list(lecteur)


def test_fichiers_publies(donnees):
    publies = sorted(p.name for p in donnees.iterdir() if p.suffix not in (".gz", ".br"))  # versions pré-compressées à part
    assert publies == sorted([*COLONNES, "referentiel.json"])


@pytest.mark.parametrize("fichier", sorted(COLONNES))
def test_entetes_csv_stables_et_documentes(donnees, fichier):
    entetes, _ = lire_csv(donnees / fichier)
    assert ",".join(entetes) == COLONNES[fichier]
    assert [c.nom for c in export.SCHEMA[fichier]] == entetes


def test_modules_csv(donnees, sources):
    _, lignes = lire_csv(donnees / "modules.csv")
    assert [(l["id"], l["titre"], l["statut"], l["indicateur"]) for l in lignes] == \
           [(m["id"], m["titre"], m["statut"], m["indicateur"]) for m in sources["modules"]]
    assert [int(l["nombre_fiches"]) for l in lignes] == [len(m["themes"]) for m in sources["modules"]]


def test_fiches_csv(donnees, sources):
    _, lignes = lire_csv(donnees / "fiches.csv")
    attendu = [(m["id"], t["id"], t["titre"], " ".join(t["secteurs"]), t["etat"])
               for m in sources["modules"] for t in m["themes"]]
    assert [(l["module"], l["id"], l["titre"], l["secteurs"], l["etat"]) for l in lignes] == attendu
    assert len(lignes) == sum(len(m["themes"]) for m in sources["modules"]) > 8


def test_indicateurs_et_variables_csv(donnees, sources):
    _, indicateurs = lire_csv(donnees / "indicateurs.csv")
    assert [(l["id"], l["libelle"], l["formule"]) for l in indicateurs] == \
           [(i["id"], i["libelle"], i["formule"]) for i in sources["indicateurs"]]
    _, variables = lire_csv(donnees / "variables.csv")
    assert [(l["indicateur"], l["nom"], l["type"]) for l in variables] == \
           [(i["id"], v["nom"], v["type"]) for i in sources["indicateurs"] for v in i["variables"]]


def test_parametres_csv(donnees, sources):
    _, jours = lire_csv(donnees / "jours_ouverture.csv")
    assert [(l["categorie"], int(l["jours"])) for l in jours] == \
           [(c, j["jours"]) for j in sources["parametres"]["jours_ouverture"] for c in j["categories"]]
    _, phases = lire_csv(donnees / "phases.csv")
    assert [(l["id"], l["libelle"], float(l["poids"])) for l in phases] == \
           [(p["id"], p["libelle"], float(p["poids"])) for p in sources["parametres"]["phases"]]


def _dates_en_texte(valeur):
    if isinstance(valeur, dict):
        return {k: _dates_en_texte(v) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [_dates_en_texte(v) for v in valeur]
    return valeur.isoformat() if isinstance(valeur, datetime.date) else valeur


def _restreint(publie, ecrit):
    """``publie`` réduit aux clés présentes dans ``ecrit`` (récursivement) : les valeurs par défaut
    ajoutées par le schéma ne comptent pas, tout ce qui est écrit doit être publié à l'identique."""
    if isinstance(ecrit, dict) and isinstance(publie, dict):
        return {k: _restreint(publie.get(k), v) for k, v in ecrit.items()}
    if isinstance(ecrit, list) and isinstance(publie, list) and len(ecrit) == len(publie):
        return [_restreint(p, e) for p, e in zip(publie, ecrit)]
    return publie


def test_referentiel_json(donnees, sources):
    ref = json.loads((donnees / "referentiel.json").read_text(encoding="utf-8"))
    assert ref["schema_version"] == export.SCHEMA_VERSION == "2.1"
    assert [m["id"] for m in ref["modules"]] == [m["id"] for m in sources["modules"]]
    for publie, source in zip(ref["modules"], sources["modules"]):
        assert publie["titre"] == source["titre"]
        assert [(f["id"], f["titre"], f["secteurs"], f["etat"]) for f in publie["fiches"]] == \
               [(t["id"], t["titre"], t["secteurs"], t["etat"]) for t in source["themes"]]
        assert [f.get("definition") for f in publie["fiches"]] == [t.get("definition") for t in source["themes"]]
    assert [(i["id"], i["formule"], [v["nom"] for v in i["variables"]]) for i in ref["indicateurs"]] == \
           [(i["id"], i["formule"], [v["nom"] for v in i["variables"]]) for i in sources["indicateurs"]]
    assert ref["parametres"] == _dates_en_texte(sources["parametres"])
    # Chaque clé écrite dans le YAML est publiée telle quelle (les autres sont les valeurs par défaut du schéma).
    ecrits = _dates_en_texte(sources["bibliotheque"])
    assert _restreint(ref["bibliotheque"], ecrits) == ecrits
    assert ref["bibliotheque"][0]["page"] == "calculateurs/indicateurs/ecars-pil-003/"


def test_bibliotheque_et_seuils_csv(donnees, sources, site_construit):
    _, lignes = lire_csv(donnees / "bibliotheque.csv")
    assert [(l["id"], l["libelle"], l["nature"], l["source"], l["lieu"], l["secteurs"], l["formule"]) for l in lignes] == \
           [(i["id"], i["libelle"], i["nature"], i["source"], i["lieu"], " ".join(i["secteurs"]), i.get("formule") or "")
            for i in sources["bibliotheque"]]
    assert len(lignes) == 57
    premier = lignes[0]
    assert (premier["code"], premier["formule_lisible"], premier["decimales"]) == ("Pil_003", "numerateur ÷ denominateur × 100", "2")
    # La page publiée existe quand elle est annoncée, et seulement alors.
    for ligne in lignes:
        assert (site_construit / ligne["page"] / "index.html").exists() if ligne["page"] else True, ligne["id"]
    assert sum(1 for l in lignes if l["page"]) < len(lignes)  # un ratio sans calcul donné n'a pas de calculateur
    _, seuils = lire_csv(donnees / "seuils.csv")
    attendus = [(i["id"], s["sens"], "" if s.get("valeur") is None else str(s["valeur"]), s["source"], s["lieu"],
                 "oui" if s.get("strict") else "non")
                for i in sources["bibliotheque"] for s in i.get("seuils") or []]
    assert [(l["indicateur"], l["sens"], l["valeur"], l["source"], l["lieu"], l["strict"]) for l in seuils] == attendus
    entre = next(l for l in seuils if l["sens"] == "entre")
    assert (entre["min"], entre["max"], entre["valeur"]) == ("5", "10", "")
    assert entre["remarque"] == "Bornes comprises par convention du guide CPOM ; la source ne le précise pas."


def test_page_donnees_ouvertes_documente_chaque_colonne(site_construit):
    page = (site_construit / "donnees-ouvertes" / "index.html").read_text(encoding="utf-8")
    for fichier, colonnes in COLONNES.items():
        assert f'href="../donnees/{fichier}"' in page
        for colonne in colonnes.split(","):
            assert f"<code>{colonne}</code>" in page, (fichier, colonne)
    assert "schema_version" in page


@pytest.mark.parametrize("lignes, attendu", [
    ([], "a,b\r\n"),
    ([{"a": None, "b": ""}], "a,b\r\n,\r\n"),
    ([{"a": 'dit "oui"', "b": "x,y"}], 'a,b\r\n"dit ""oui""","x,y"\r\n'),
    ([{"a": 0.5, "b": 0}], "a,b\r\n0.5,0\r\n"),
])
def test_texte_csv(lignes, attendu):
    assert export.texte_csv(("a", "b"), lignes) == attendu
