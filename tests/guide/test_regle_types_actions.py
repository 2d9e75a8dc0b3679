"""La règle de choix telle que les sources la donnent, dans le YAML du projet, ses pages et ses calculateurs.

Diaporama de l'ARS BFC : « type d'actions à mettre en place (5 au maximum par secteur d'activité) » ;
compte rendu du 3 octobre : « L'OG devra en choisir au maximum 5 par secteur d'activité ». La limite
porte sur les types d'actions (fiches), pas sur les actions ; « au moins un thème » n'est qu'une idée.
"""

from __future__ import annotations

import re

import pytest

from guide.donnees.referentiel import charger_referentiel, parametres_calculateurs
from projet import RACINE

REF = charger_referentiel(RACINE)

# Textes lus par quelqu'un : pages, YAML (commentaires compris), gabarits, messages des calculateurs.
FICHIERS = sorted(
    [*RACINE.glob("docs/**/*.md"), *RACINE.glob("modules/**/*.yml"), *RACINE.glob("guide/**/*.j2"),
     *RACINE.glob("guide/**/*.html"), *RACINE.glob("calculators/*.py")]
)
# « actions par secteur » sans « d'» devant : un plafond d'actions (« types d'actions par secteur » est juste).
ACTIONS_PAR_SECTEUR = re.compile(r"(?<!['’\w])actions\**\s+(?:au maximum\s+|au plus\s+)?par\s+secteur", re.IGNORECASE)
REGLE_INVENTEE = re.compile(r"au moins \**1 type|au moins un type d'actions à retenir", re.IGNORECASE)


def test_il_y_a_des_fichiers_a_relire():
    assert len(FICHIERS) > 40


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda f: str(f.relative_to(RACINE)))
def test_aucun_texte_ne_plafonne_les_actions(fichier):
    texte = fichier.read_text(encoding="utf-8")
    trouve = ACTIONS_PAR_SECTEUR.search(texte)
    assert trouve is None, f"{fichier.relative_to(RACINE)} : « {trouve.group(0)} » — la limite porte sur les types d'actions"
    assert not REGLE_INVENTEE.search(texte), f"{fichier.relative_to(RACINE)} : « au moins un » présenté comme une règle"


def test_cinq_types_par_secteur_dans_les_modules_obligatoires():
    for module in REF.modules:
        attendu = 5 if module["statut"] == "obligatoire" else None
        assert module["regles"] == {"max_types_actions_par_secteur": attendu}, module["id"]


def test_les_calculateurs_recoivent_les_types_d_actions_de_chaque_module():
    parametres = parametres_calculateurs(REF)
    assert "avancement" not in parametres
    for module, envoye in zip(REF.modules, parametres["modules"], strict=True):
        assert envoye["types_actions"] == [{"id": t["id"], "titre": t["titre"], "secteurs": t["secteurs"]} for t in module["themes"]]
        assert (envoye["statut"], envoye["declenchement"]) == (module["statut"], module["declenchement"])  # dossier « Mon CPOM »
        assert envoye["max_types_actions_par_secteur"] == module["regles"]["max_types_actions_par_secteur"]
