"""Pages générées, navigation et retouches du Markdown (fonctions pures, sans MkDocs)."""

from __future__ import annotations

import json

import pytest

from guide.rendu import pages, postrendu
from guide.donnees.referentiel import charger_referentiel, parametres_calculateurs
from outils import DONNEES


@pytest.fixture(scope="module")
def ref():
    return charger_referentiel(DONNEES)


def test_pages_generees(ref):
    assert [(p.chemin, p.titre, p.macro, p.source) for p in pages.pages_generees(ref)] == [
        ("modules/alpha/index.md", "Alpha", '{{ page_module("alpha") }}', "modules/alpha.yml"),
        ("modules/alpha/premiere-fiche.md", "Première fiche", '{{ page_theme("alpha", "premiere-fiche") }}',
         "modules/alpha.yml"),
        ("modules/alpha/fiche-en-cours.md", "Fiche en cours", '{{ page_theme("alpha", "fiche-en-cours") }}',
         "modules/alpha.yml"),
        ("modules/beta/index.md", "Bêta", '{{ page_module("beta") }}', "modules/beta.yml"),
        ("calculateurs/indicateurs/taux-avancement.md", "Taux d'avancement du plan d'actions",
         '{{ calculateur_indicateur("taux-avancement") }}', "modules/communs/indicateurs.yml"),
        ("calculateurs/indicateurs/taux-levee.md", "Taux de levée des mesures",
         '{{ calculateur_indicateur("taux-levee") }}', "modules/communs/indicateurs.yml"),
    ]


def test_contenu_d_une_page_generee_titre_echappe():
    page = pages.PageGeneree("modules/a/b.md", 'Titre « cité » : "guillemets"', '{{ x() }}', "modules/a.yml")
    assert page.contenu() == ('---\ntitle: "Titre « cité » : \\"guillemets\\""\nguide_source: "modules/a.yml"\n'
                              'guide_genere: true\n---\n\n{{ x() }}\n')


def test_navigation_completee(ref):
    nav = [{"Accueil": "index.md"}, {"Les modules": "modules/index.md"}, {"Calculateurs": "calculateurs/index.md"},
           {"Annexes": ["annexes/glossaire.md"]}]
    existants = {"calculateurs/avancement.md", "calculateurs/trajectoire.md"}
    assert pages.completer_nav(nav, ref, existants.__contains__) == [
        {"Accueil": "index.md"},
        {"Les modules": [
            "modules/index.md",
            {"Alpha": ["modules/alpha/index.md", {"Première fiche": "modules/alpha/premiere-fiche.md"},
                       {"Fiche en cours": "modules/alpha/fiche-en-cours.md"}]},
            {"Bêta": "modules/beta/index.md"},  # module sans fiche : une simple page
        ]},
        {"Calculateurs": [
            "calculateurs/index.md", "calculateurs/avancement.md", "calculateurs/trajectoire.md",
            {"Indicateurs": [{"Taux d'avancement du plan d'actions": "calculateurs/indicateurs/taux-avancement.md"},
                             {"Taux de levée des mesures": "calculateurs/indicateurs/taux-levee.md"}]},
        ]},
        {"Annexes": ["annexes/glossaire.md"]},
    ]


@pytest.mark.parametrize("markdown, page, attendu", [
    ("[a](guide:modules/alpha/index.md)", "index.md", "[a](modules/alpha/index.md)"),
    ("[a](guide:modules/alpha/index.md)", "annexes/conclusion.md", "[a](../modules/alpha/index.md)"),
    ("[a](guide:modules/alpha/b.md)", "modules/alpha/index.md", "[a](b.md)"),
    ("[a](guide:annexes/indicateurs.md#taux)", "modules/alpha/b.md", "[a](../../annexes/indicateurs.md#taux)"),
    ('<a href="guide:index.md">', "modules/alpha/b.md", '<a href="../../index.md">'),
    ("[externe](https://exemple.fr/guide:x)", "index.md", "[externe](https://exemple.fr/guide:x)"),
])
def test_liens_rendus_relatifs(markdown, page, attendu):
    assert postrendu.resoudre_liens(markdown, page) == attendu


def test_abreviations_seulement_pour_les_sigles_presents(ref):
    sigles = list(ref.sigles)
    assert postrendu.ajouter_abreviations("L'ARS et l'OGM.", sigles) == \
        "L'ARS et l'OGM.\n\n*[ARS]: Agence régionale de santé\n"
    assert postrendu.ajouter_abreviations("Rien ici.", sigles) == "Rien ici."


def test_parametres_calculateurs_format_du_contrat(ref):
    parametres = parametres_calculateurs(ref)
    assert json.loads(json.dumps(parametres)) == parametres
    assert parametres["phases"] == [{"id": "debut", "libelle": "Début", "poids": 40},
                                    {"id": "fin", "libelle": "Fin", "poids": 60}]
    assert parametres["jours_ouverture"] == [{"jours": 365, "categories": ["EHPAD", "MAS"]},
                                             {"jours": 210, "categories": ["IME"]}]
    assert parametres["modulation"] == {"taux_abattement_par_point": 0.5, "reference": "art. R. 314-43-2 du CASF"}
    assert "avancement" not in parametres
    assert parametres["modules"] == [
        {"id": "alpha", "titre": "Alpha", "indicateur": "taux-avancement", "max_types_actions_par_secteur": 5,
         "types_actions": [{"id": "premiere-fiche", "titre": "Première fiche", "secteurs": ["PA", "PH"]},
                           {"id": "fiche-en-cours", "titre": "Fiche en cours", "secteurs": ["PH"]}],
         "statut": "obligatoire", "declenchement": []},
        {"id": "beta", "titre": "Bêta", "indicateur": "taux-levee", "max_types_actions_par_secteur": None,
         "types_actions": [], "statut": "a_la_carte", "declenchement": ["contractualisation", "avenant"]},
    ]
    assert parametres["indicateurs"][0] == {
        "id": "taux-avancement", "libelle": "Taux d'avancement du plan d'actions",
        "formule": "somme_taux / nombre_actions",
        "variables": [
            {"nom": "somme_taux", "libelle": "Somme des taux d'avancement (en %)", "type": "nombre",
             "min": 0, "max": None},
            {"nom": "nombre_actions", "libelle": "Nombre d'actions", "type": "entier", "min": 1, "max": 10},
        ],
        "unite": "%", "decimales": 2, "calculateur_dedie": "avancement",
    }


def _abreviations_sigle_par_sigle(markdown, sigles):
    """L'ancienne méthode (une expression par sigle), référence de l'équivalence."""
    import re

    lignes = [f"*[{s['sigle']}]: {' '.join(s['definition'].split())}" for s in sigles
              if re.search(rf"(?<![\w-]){re.escape(s['sigle'])}(?![\w-])", markdown)]
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lignes) + "\n" if lignes else markdown


@pytest.mark.parametrize("texte", [
    "L'EHPAD, le SPASAD et le SSIAD ; la CPAM, la MDPH.",          # sigles contenus dans d'autres
    "PA/PH, PA-PH, (PA) et PAG ; CPOM2026 ; ESMS_x ; SAD.",        # séparateurs, chiffres, soulignés
    "Aucun sigle ici, seulement des mots comme pause et phare.",
    "ARS\nARS-BFC\nBFC\n*[ARS]: déjà là",
])
def test_abreviations_en_une_passe_comme_sigle_par_sigle(ref, texte):
    sigles = list(ref.sigles) + [{"sigle": "A.R.S", "definition": "sigle avec des points"}]
    assert postrendu.ajouter_abreviations(texte, sigles) == _abreviations_sigle_par_sigle(texte, sigles)
