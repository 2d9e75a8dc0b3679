"""guide/donnees/schema.py est la seule source : schémas JSON, référence de FORMAT.md et en-têtes YAML en
découlent (``python3 -m guide schema``), et chaque fichier de modules/ respecte le schéma JSON."""

from __future__ import annotations

import datetime
import json
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from guide.donnees import schema_genere
from guide.__main__ import main
from outils import CASSES, lire_cas
from projet import RACINE

FICHIERS_YAML = schema_genere.fichiers_yaml(RACINE)


def _json(valeur):
    """Valeur YAML en types JSON (les dates YAML deviennent AAAA-MM-JJ, comme dans l'éditeur)."""
    if isinstance(valeur, dict):
        return {str(k): _json(v) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [_json(v) for v in valeur]
    if isinstance(valeur, datetime.date):
        return valeur.isoformat()
    return valeur


def _erreurs(nom_type: str, valeur) -> list[str]:
    validateur = jsonschema.Draft202012Validator(schema_genere.schema_json(nom_type))
    return sorted(f"{'/'.join(map(str, e.absolute_path))} : {e.message}" for e in validateur.iter_errors(_json(valeur)))


def test_les_fichiers_generes_sont_a_jour():
    perimes = [p.relative_to(RACINE).as_posix() for p in schema_genere.perimes(RACINE)]
    assert perimes == [], "fichiers périmés : lancer « python3 -m guide schema »"


def test_les_schemas_json_sont_des_schemas_valides():
    for nom_type in schema_genere.TYPES:
        jsonschema.Draft202012Validator.check_schema(schema_genere.schema_json(nom_type))


@pytest.mark.parametrize("fichier, nom_type", FICHIERS_YAML, ids=[f.name for f, _ in FICHIERS_YAML])
def test_chaque_fichier_respecte_son_schema_json_et_le_nomme(fichier, nom_type):
    texte = fichier.read_text(encoding="utf-8")
    assert texte.split("\n", 1)[0] == schema_genere.en_tete_yaml(RACINE, fichier, nom_type)
    cible = (fichier.parent / texte.split("$schema=", 1)[1].split("\n", 1)[0]).resolve()
    assert cible == (RACINE / schema_genere.DOSSIER_SCHEMAS / f"{nom_type}.json").resolve() and cible.is_file()
    assert _erreurs(nom_type, yaml.safe_load(texte)) == []


def test_en_tetes_relatifs():
    assert schema_genere.en_tete_yaml(RACINE, RACINE / "modules" / "x.yml", "module") == \
        "# yaml-language-server: $schema=../docs/assets/schema/module.json"
    assert schema_genere.en_tete_yaml(RACINE, RACINE / "modules" / "communs" / "glossaire.yml", "glossaire") == \
        "# yaml-language-server: $schema=../../docs/assets/schema/glossaire.json"


# Cas du catalogue que le schéma JSON doit aussi refuser dans l'éditeur (les règles qui croisent les
# fichiers, elles, ne sont vérifiées que par python -m guide check).
CAS_REFUSES = {
    "05-mauvais-type.yml": ["themes/0/secteurs : 'PA' is not of type 'array'"],
    "17-cle-inconnue.yml": ["Additional properties are not allowed ('couleur' was unexpected)"],
    "41-cle-mal-orthographiee.yml": ["'sigles' is a required property",
                                     "Additional properties are not allowed ('sigle' was unexpected)"],
    "43-liste-recoit-un-nombre.yml": ["phases : 3 is not of type 'array'"],
    "39-html-dans-le-glossaire.yml": ["should not be valid under {'pattern': '<[/!?]?"],
}


@pytest.mark.parametrize("nom", sorted(CAS_REFUSES))
def test_le_schema_json_refuse_aussi_les_cas_casses(nom):
    cas = lire_cas(CASSES / nom)
    nom_type = "module" if cas.cible.count("/") == 1 else Path(cas.cible).stem
    erreurs = _erreurs(nom_type, yaml.safe_load((CASSES / nom).read_text(encoding="utf-8")))
    for attendu in CAS_REFUSES[nom]:
        assert any(attendu in e for e in erreurs), (attendu, erreurs)


def test_la_commande_regenere_puis_verifie(tmp_path, capsys):
    shutil.copytree(RACINE / "modules", tmp_path / "modules")
    shutil.copytree(RACINE / schema_genere.DOSSIER_SCHEMAS, tmp_path / schema_genere.DOSSIER_SCHEMAS)
    assert main(["schema", "--verifier", "--racine", str(tmp_path)]) == 0

    module = tmp_path / schema_genere.DOSSIER_SCHEMAS / "module.json"
    module.write_text(json.dumps({"ancien": True}), encoding="utf-8")
    nouveau = tmp_path / "modules" / "nouveau.yml"
    nouveau.write_text("id: nouveau\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["schema", "--verifier", "--racine", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "périmé : docs/assets/schema/module.json",
        "périmé : modules/nouveau.yml",
        "Lancer « python3 -m guide schema » pour les régénérer.",
    ]

    assert main(["schema", "--racine", str(tmp_path)]) == 0
    assert nouveau.read_text(encoding="utf-8") == \
        "# yaml-language-server: $schema=../docs/assets/schema/module.json\nid: nouveau\n"
    assert json.loads(module.read_text(encoding="utf-8")) == schema_genere.schema_json("module")
    assert main(["schema", "--verifier", "--racine", str(tmp_path)]) == 0


def test_le_schema_json_est_publie_avec_le_site(site_construit):
    for nom_type in schema_genere.TYPES:
        publie = site_construit / "assets" / "schema" / f"{nom_type}.json"
        assert json.loads(publie.read_text(encoding="utf-8")) == schema_genere.schema_json(nom_type)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
