"""Fiches à trois états : « Ce que disent les sources », indicateurs possibles, état des fiches.

Le référentiel de test (tests/guide/donnees) reçoit le module ``gamma`` de
tests/guide/elements_sources : une fiche « elements_sources » et une fiche complète qui porte aussi
des éléments sourcés. Sorties de référence dans tests/guide/attendus (``MAJ_ATTENDUS=1`` pour les
régénérer, puis relire le diff).
"""

from __future__ import annotations

import os
import shutil

import pytest

from guide.donnees.referentiel import charger_referentiel
from guide.rendu import rendu
from outils import ATTENDUS, ICI, copier_donnees

CAS = {
    "page_theme-elements-sources": lambda ref: rendu.page_theme(ref, "gamma", "fiche-sourcee"),
    "page_theme-complete-et-sourcee": lambda ref: rendu.page_theme(ref, "gamma", "fiche-complete-et-sourcee"),
    "page_module-gamma": lambda ref: rendu.page_module(ref, "gamma"),
    "etat_des_themes-trois-etats": rendu.etat_des_themes,
    "index_secteurs-trois-etats": rendu.index_secteurs,
}


@pytest.fixture(scope="module")
def ref(tmp_path_factory):
    projet = copier_donnees(tmp_path_factory.mktemp("projet"))
    shutil.copytree(ICI / "elements_sources", projet, dirs_exist_ok=True)
    return charger_referentiel(projet, strict=True)


@pytest.mark.parametrize("nom", list(CAS))
def test_sortie_de_reference(ref, nom):
    obtenu = CAS[nom](ref)
    fichier = ATTENDUS / f"{nom}.md"
    if os.environ.get("MAJ_ATTENDUS"):
        fichier.write_text(obtenu, encoding="utf-8")
    assert obtenu == fichier.read_text(encoding="utf-8")


def test_chaque_fait_est_suivi_de_sa_source_et_de_son_lieu(ref):
    texte = rendu.page_theme(ref, "gamma", "fiche-sourcee")
    premier = texte.index("Le compte rendu fixe un **premier** fait.")
    second = texte.index("Le diaporama donne un second fait,")
    source_1 = texte.index("Source : Compte rendu de réunion, partie « Efficience », deuxième paragraphe")
    source_2 = texte.index("Source : Diaporama, diapositive 12")
    assert premier < source_1 < second < source_2


def test_parties_dans_l_ordre_et_avertissement(ref):
    texte = rendu.page_theme(ref, "gamma", "fiche-complete-et-sourcee")
    positions = [texte.index(t) for t in ("## Définition", "## Les questions à se poser", "## Les points clés",
                                          "## Ce que disent les sources")]
    assert positions == sorted(positions)
    assert "à valider par l'ARS" in texte
    assert "guide-a-valider" not in texte  # fiche complète : pas d'encadré d'état en tête
    assert "## Indicateurs possibles" not in texte  # aucun indicateur possible : pas de titre vide


def test_fiche_elements_sources_encadre_et_indicateurs(ref):
    texte = rendu.page_theme(ref, "gamma", "fiche-sourcee")
    assert texte.startswith('!!! info guide-a-valider "Éléments sourcés, à valider par l\'ARS"')
    assert "Fiche en cours de rédaction" not in texte
    assert ("- [Taux de levée des mesures](guide:annexes/indicateurs.md#taux-levee) — "
            "[le calculer](guide:calculateurs/indicateurs/taux-levee.md)") in texte
    assert texte.index("taux-levee") < texte.index("#taux-avancement")  # ordre du YAML


def test_fiche_sans_elements_ne_change_pas_de_forme(ref):
    texte = rendu.page_theme(ref, "alpha", "premiere-fiche")
    assert "Ce que disent les sources" not in texte and "Indicateurs possibles" not in texte


def test_etat_des_themes_compte_les_trois_etats(ref):
    texte = rendu.etat_des_themes(ref)
    assert texte.startswith("Sur **4** fiches : **2** fiches complètes (texte de l'ARS), "
                            "**1** fiche avec éléments sourcés (faits tirés des sources, à valider par l'ARS) et "
                            "**1** fiche en cours de rédaction (texte et éléments sourcés à venir).")


def test_sommaire_du_guide_complet_donne_l_etat_de_chaque_fiche(ref):
    from guide.rendu import guide_complet

    def lire(chemin):
        return "# Page\n\nTexte.\n"

    parties = guide_complet.plan(ref, ["cpom/methode.md"], lire)
    texte = guide_complet.source_page(ref, parties, lire, "Description")
    assert "        - [Fiche sourcée](#modules-gamma-fiche-sourcee) — éléments sourcés\n" in texte
    assert "        - [Fiche complète et sourcée](#modules-gamma-fiche-complete-et-sourcee) — complète\n" in texte
    assert "        - [Fiche en cours](#modules-alpha-fiche-en-cours) — en cours de rédaction\n" in texte
