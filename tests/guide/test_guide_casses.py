"""Catalogue de fichiers YAML cassés : chacun donne le texte EXACT des erreurs (fichier:ligne:colonne + fil)."""

from __future__ import annotations

import pytest

from guide.donnees.erreurs import ErreurReferentiel
from guide.donnees.referentiel import charger_referentiel
from guide.donnees.validation import valider
from outils import CASSES, copier_donnees, lire_cas

FICHIERS = sorted(CASSES.glob("*.yml"))


def test_le_catalogue_couvre_au_moins_18_cas():
    assert len(FICHIERS) >= 18


@pytest.mark.parametrize("chemin", FICHIERS, ids=[f.stem for f in FICHIERS])
def test_cas_casse(chemin, tmp_path):
    cas = lire_cas(chemin)
    assert cas.cible and (cas.erreurs or cas.avertissements), "cas sans cible ni message attendu"
    projet = copier_donnees(tmp_path)
    (projet / cas.cible).write_bytes(chemin.read_bytes())

    donnees = valider(projet)
    erreurs = sorted(donnees.erreurs + (donnees.avertissements if cas.strict else []))
    avertissements = [] if cas.strict else sorted(donnees.avertissements)

    assert [str(e) for e in erreurs] == cas.erreurs
    assert [str(a) for a in avertissements] == cas.avertissements


@pytest.mark.parametrize("chemin", FICHIERS, ids=[f.stem for f in FICHIERS])
def test_l_exception_racine_porte_toutes_les_erreurs(chemin, tmp_path):
    cas = lire_cas(chemin)
    projet = copier_donnees(tmp_path)
    (projet / cas.cible).write_bytes(chemin.read_bytes())
    if not cas.erreurs:
        ref = charger_referentiel(projet, strict=cas.strict)
        assert [str(a) for a in ref.avertissements] == cas.avertissements
        return
    with pytest.raises(ErreurReferentiel) as exc:
        charger_referentiel(projet, strict=cas.strict)
    assert [str(e) for e in exc.value.erreurs] == cas.erreurs
    assert str(exc.value).splitlines()[1:] == cas.erreurs


def test_le_referentiel_de_test_est_valide(tmp_path):
    donnees = valider(copier_donnees(tmp_path))
    assert donnees.erreurs == [] and donnees.avertissements == []
