"""Sorties de référence (golden) du rendu, depuis le référentiel de test tests/guide/donnees.

Pour régénérer après un changement voulu : ``MAJ_ATTENDUS=1 pytest tests/guide/test_guide_rendu.py``
puis relire le diff de tests/guide/attendus/.
"""

from __future__ import annotations

import os

import pytest

from guide.rendu import rendu
from guide.donnees.referentiel import charger_referentiel
from outils import ATTENDUS, DONNEES

CAS = {
    "page_module-alpha": lambda ref: rendu.page_module(ref, "alpha"),
    "page_module-beta": lambda ref: rendu.page_module(ref, "beta"),
    "page_theme-complete": lambda ref: rendu.page_theme(ref, "alpha", "premiere-fiche"),
    "page_theme-en-cours": lambda ref: rendu.page_theme(ref, "alpha", "fiche-en-cours"),
    "page_indicateur-convention": lambda ref: rendu.page_indicateur(ref, "taux-levee"),
    "liste_modules": rendu.liste_modules,
    "tableau_conclusion": rendu.tableau_conclusion,
    "annexe_indicateurs": rendu.annexe_indicateurs,
    "glossaire": rendu.glossaire,
    "index_secteurs": rendu.index_secteurs,
    "etat_des_themes": rendu.etat_des_themes,
    "mentions_legales": rendu.mentions_legales,
    "journal": rendu.journal,
}


@pytest.fixture(scope="module")
def ref():
    return charger_referentiel(DONNEES)


@pytest.mark.parametrize("nom", list(CAS))
def test_sortie_de_reference(ref, nom):
    obtenu = CAS[nom](ref)
    fichier = ATTENDUS / f"{nom}.md"
    if os.environ.get("MAJ_ATTENDUS"):
        fichier.parent.mkdir(exist_ok=True)
        fichier.write_text(obtenu, encoding="utf-8")
    assert obtenu == fichier.read_text(encoding="utf-8")


def test_fiche_en_cours_a_un_encadre_visible(ref):
    assert '!!! warning guide-en-cours "Fiche en cours de rédaction"' in rendu.page_theme(ref, "alpha", "fiche-en-cours")
    assert "en cours de rédaction" not in rendu.page_theme(ref, "alpha", "premiere-fiche").lower()


def test_questions_dans_l_ordre_des_portes_d_entree(ref):
    texte = rendu.page_theme(ref, "alpha", "premiere-fiche")
    positions = [texte.index(f"### {porte}") for porte in ("Organisation", "Équipes", "Territoire")]
    assert positions == sorted(positions)
    assert "### Entourage" not in texte  # porte sans question : pas de titre vide


def test_lien_seulement_si_url(ref):
    texte = rendu.page_theme(ref, "alpha", "premiere-fiche")
    assert "[Ressource avec adresse](https://www.has-sante.fr/exemple)" in texte
    assert "- Ressource sans adresse — mars 2023" in texte


def test_chaque_macro_de_macros_py_existe():
    import ast

    from projet import RACINE

    arbre = ast.parse((RACINE / "macros.py").read_text(encoding="utf-8"))
    appels = {n.attr for n in ast.walk(arbre) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
              and n.value.id == "rendu"}
    assert appels == set(CAS_MACROS)
    assert all(callable(getattr(rendu, nom)) for nom in appels)


CAS_MACROS = {"page_module", "page_theme", "page_indicateur", "liste_modules", "tableau_conclusion",
              "annexe_indicateurs", "glossaire", "index_secteurs", "etat_des_themes", "mentions_legales", "journal"}
