"""guide.rendu.formulaires (sans navigateur) : HTML d'un seul bloc, un label par champ, listes issues du YAML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from guide.rendu import formulaires
from projet import referentiel

REF = referentiel()


class Champs(HTMLParser):
    """Relève les contrôles (hors gabarits de ligne non numérotés) et les labels."""

    def __init__(self):
        super().__init__()
        self.controles: list[dict] = []
        self.labels: set[str] = set()
        self.ids: list[str] = []

    def handle_starttag(self, balise, attributs):
        attributs = dict(attributs)
        if "id" in attributs:
            self.ids.append(attributs["id"])
        if balise == "label" and "for" in attributs:
            self.labels.add(attributs["for"])
        if balise in ("input", "select") and attributs.get("type") != "hidden":
            self.controles.append(attributs)


def analyser(html: str) -> Champs:
    champs = Champs()
    champs.feed(html)
    return champs


def tous_les_formulaires():
    yield "avancement", formulaires.calculateur_avancement(REF)
    yield "modulation", formulaires.calculateur_modulation(REF)
    yield "trajectoire", formulaires.calculateur_trajectoire(REF)
    for indicateur in REF.calculables():
        yield indicateur["id"], formulaires.calculateur_indicateur(REF, indicateur["id"])


@pytest.mark.parametrize(("nom", "html"), list(tous_les_formulaires()), ids=lambda v: v if len(v) < 60 else "html")
def test_formulaire_accessible_en_un_bloc(nom, html):
    assert html.startswith('<div class="calculateur"')
    assert "\n\n" not in html  # Markdown couperait le bloc HTML
    champs = analyser(html)
    assert champs.controles
    for controle in champs.controles:
        assert controle["id"] in champs.labels, f"{nom} : pas de label pour {controle['id']}"
        if controle.get("data-type") == "nombre":
            assert controle["inputmode"] in ("decimal", "numeric")
    assert len(champs.ids) == len(set(champs.ids)), f"{nom} : identifiants en double"
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert "<fieldset" in html and "<legend>" in html


def test_indicateur_libelles_bornes_et_formule():
    html = formulaires.calculateur_indicateur(REF, "taux-levee-mesures")
    assert "Formule : <code>Taux de levée des mesures (injonction – prescription) = mesures_levees ÷ mesures_notifiees × 100</code>" in html
    assert '<label for="indicateur-taux-levee-mesures-mesures_notifiees">Nombre de mesures (injonction – prescription) notifiées</label>' in html
    assert "Nombre entier supérieur ou égal à 1. Dans la formule : <code>mesures_notifiees</code>." in html
    assert 'inputmode="numeric"' in html


def test_listes_issues_du_yaml():
    avancement = formulaires.calculateur_avancement(REF)
    for module in REF.modules:
        assert f'<option value="{module["id"]}">' in avancement
    for phase in REF.parametres["phases"]:
        assert f'<option value="{phase["id"]}">{phase["libelle"]}</option>' in avancement


def test_types_d_actions_groupes_par_module():
    """Le choix du type d'actions propose « Aucun » puis les fiches de chaque module qui en a, groupées."""
    avancement = formulaires.calculateur_avancement(REF)
    choix = avancement[avancement.index('name="actions[__n__].type_actions"'):]
    choix = choix[:choix.index("</select>")]
    attendu = ['<option value="">Aucun</option>']
    for module in REF.modules:
        if module["themes"]:
            attendu.append(f'<optgroup label="{escape(module["titre"])}">')
            attendu += [f'<option value="{t["id"]}">{escape(t["titre"])}</option>' for t in module["themes"]]
            attendu.append("</optgroup>")
    assert choix.splitlines()[1:] == attendu
    assert len(attendu) == 1 + 41 + 2 * 5
    assert "Au plus 5 types d'actions par secteur d'activité pour chacun de ces modules" in avancement
    assert "actions par secteur" not in avancement.replace("types d'actions par secteur", "")
    modulation = formulaires.calculateur_modulation(REF)
    for base in REF.parametres["jours_ouverture"]:
        for categorie in base["categories"]:
            assert f'<option value="{categorie}">{categorie} ({base["jours"]} jours)</option>' in modulation
    assert "Simulation indicative, pas une décision." in modulation
    assert "(source : art. R. 314-43-2 du CASF)" in modulation


def test_liste_des_calculateurs():
    liste = formulaires.liste_calculateurs(REF)
    liens = re.findall(r"\]\(([^)]+)\)", liste)
    assert liens[0] == "mon-cpom.md"
    liens = liens[1:]
    assert liens[:3] == ["avancement.md", "modulation.md", "trajectoire.md"]
    assert liens[3:3 + len(REF.indicateurs)] == [f"indicateurs/{i}.md" for i in REF.indicateurs]
    assert liens[3 + len(REF.indicateurs):] == [
        lien for i in REF.calculables()[len(REF.indicateurs):]
        for lien in (["../annexes/indicateurs.md#bibliotheque"] if i["id"] in PREMIERS_DE_GROUPE else []) + [f"indicateurs/{i['id']}.md"]]


PREMIERS_DE_GROUPE = ("ecars-pil-003", "idf-occupation-ht", "pdl-i-11")  # chaque groupe s'ouvre sur un lien vers l'annexe
