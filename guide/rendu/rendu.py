"""Rendu des pages du guide : fonctions pures ``f(ref, ...) -> str`` (Markdown), une par macro.

Le balisage est dans les gabarits Jinja de ``guide/rendu/templates/``. Les liens internes sont écrits
``guide:<chemin depuis docs/>.md#ancre`` et rendus relatifs à la page par ``guide.rendu.postrendu``.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from calculators.formule import notation_francaise
from calculators.nombres import nombre_fr
from calculators.vocabulaire import SECTEURS, VOCABULAIRE, libelle_secteur

from guide.donnees.referentiel import Referentiel
from guide.donnees.schema import ETATS, NATURES, PORTES_ENTREE
from guide.rendu.dates import date_fr

__all__ = [
    "annexe_indicateurs",
    "etat_des_themes",
    "glossaire",
    "index_secteurs",
    "journal",
    "liste_modules",
    "mentions_legales",
    "page_indicateur",
    "page_indicateur_bibliotheque",
    "page_module",
    "page_theme",
    "rendre",
    "tableau_conclusion",
]

LIBELLES_EDITEUR = {
    "nom": "Éditeur",
    "directeur_publication": "Directeur de la publication",
    "adresse": "Adresse",
    "contact": "Contact",
    "hebergeur": "Hébergeur",
}


def cellule(texte: str) -> str:
    """Texte sûr dans une cellule de tableau Markdown (pas de « | » ni de saut de ligne)."""
    return " ".join(str(texte).split()).replace("|", "\\|")


def grouper(elements: list[dict], cle: str) -> list[tuple[str | None, list[dict]]]:
    """Groupes consécutifs par ``cle`` en gardant l'ordre d'apparition (contrairement à ``groupby``).

    >>> grouper([{"r": "A"}, {"r": "B"}, {"r": "A"}, {}], "r")
    [('A', [{'r': 'A'}, {'r': 'A'}]), ('B', [{'r': 'B'}]), (None, [{}])]
    """
    groupes: dict = {}
    for element in elements:
        groupes.setdefault(element.get(cle), []).append(element)
    return list(groupes.items())


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # on produit du Markdown ; le contenu vient du YAML relu et validé
)
_env.filters.update(nombre_fr=nombre_fr, date_fr=date_fr, cellule=cellule, notation_francaise=notation_francaise)
_env.tests["contient"] = lambda valeur, element: element in valeur
_env.globals.update(PORTES_ENTREE=PORTES_ENTREE, SECTEURS=SECTEURS, ETATS=ETATS, libelle_secteur=libelle_secteur,
                    VOCABULAIRE=VOCABULAIRE, grouper=grouper, LIBELLES_EDITEUR=LIBELLES_EDITEUR, NATURES=NATURES)


def rendre(gabarit: str, **contexte) -> str:
    """Markdown du gabarit ``gabarit`` de guide/rendu/templates/ (sans ligne vide au début ni à la fin)."""
    texte = _env.get_template(gabarit).render(**contexte)
    return texte.strip("\n") + "\n"


def page_module(ref: Referentiel, module_id: str) -> str:
    """Page d'un module : statut, attendus, indicateur, règles, présentation, fiches, sources."""
    module = ref.module(module_id)
    return rendre("module.md.j2", ref=ref, module=module, indicateur=ref.indicateur(module["indicateur"]))


def page_theme(ref: Referentiel, module_id: str, theme_id: str) -> str:
    """Fiche d'un type d'actions : état, secteurs, texte de l'ARS, ce que disent les sources, indicateurs possibles."""
    return rendre("theme.md.j2", ref=ref, module=ref.module(module_id), theme=ref.theme(module_id, theme_id))


def page_indicateur(ref: Referentiel, indicateur_id: str, lien_calculateur: bool = True) -> str:
    """Définition d'un indicateur : formule en notation française, variables, unité, source, cible."""
    return rendre("indicateur.md.j2", ref=ref, indicateur=ref.indicateur(indicateur_id),
                   lien_calculateur=lien_calculateur)


def liste_modules(ref: Referentiel) -> str:
    """Liste des modules (obligatoires puis à la carte) avec lien et nombre de fiches."""
    return rendre("liste_modules.md.j2", ref=ref)


def tableau_conclusion(ref: Referentiel) -> str:
    """Tableau « En conclusion » : module, statut, attendus, indicateur de suivi annuel."""
    return rendre("tableau_conclusion.md.j2", ref=ref)


def annexe_indicateurs(ref: Referentiel) -> str:
    """Tous les indicateurs, l'échelle des phases, les jours d'ouverture, la modulation, puis la
    bibliothèque d'indicateurs des sources groupée par source."""
    return rendre("annexe_indicateurs.md.j2", ref=ref, page_indicateur=page_indicateur,
                   page_indicateur_bibliotheque=page_indicateur_bibliotheque)


def page_indicateur_bibliotheque(ref: Referentiel, indicateur_id: str) -> str:
    """Un indicateur de la bibliothèque : source et lieu, région, définition, formule ou « formule non
    donnée par la source », seuils avec leur source, exemples."""
    from guide.donnees.referentiel import a_un_calculateur

    indicateur = ref.bibliotheque[indicateur_id]
    return rendre("indicateur_bibliotheque.md.j2", ref=ref, indicateur=indicateur,
                   lien_calculateur=a_un_calculateur(indicateur), texte_seuil=texte_seuil,
                   valeur_exemple=valeur_exemple, cibles_exemple=cibles_exemple)


def texte_seuil(seuil: dict, unite: str = "") -> str:
    """Seuil du YAML écrit à la française, par ``calculators.seuils`` (même texte que le calculateur).

    >>> texte_seuil({"sens": "superieur", "strict": True, "valeur": 70}, "%")
    '> 70\xa0%'
    >>> texte_seuil({"sens": "entre", "strict": False, "min": 5, "max": 10}, "%")
    'entre 5\xa0% et 10\xa0%'
    """
    from calculators.nombres import decimal_exact
    from calculators.seuils import Seuil, texte

    valeur = seuil.get("valeur")
    nombre = lambda v: None if v is None else decimal_exact(v)  # noqa: E731
    return texte(Seuil(seuil["sens"], valeur=valeur if isinstance(valeur, str) else nombre(valeur),
                       minimum=nombre(seuil.get("min")), maximum=nombre(seuil.get("max")),
                       strict=seuil.get("strict", False)), unite)


def _nombre_ou_texte(valeur, indicateur: dict) -> str:
    """Oui/Non tel quel ; un nombre avec les décimales de l'indicateur (« 92,00 », « 287 »)."""
    if isinstance(valeur, str):
        return valeur
    from calculators.nombres import decimal_exact, francais

    return francais(decimal_exact(valeur), indicateur["decimales"] if indicateur["nature"] == "ratio" else None)


def valeur_exemple(exemple: dict, indicateur: dict) -> str:
    """« 90 640 / 107 310 = 84,47 % », « 287 », « Non »."""
    valeur = _nombre_ou_texte(exemple["valeur"], indicateur)
    if not isinstance(exemple["valeur"], str) and indicateur["unite"] in ("%", "€"):
        valeur += "\u00a0" + indicateur["unite"]
    if exemple.get("numerateur") is not None and exemple.get("denominateur") is not None:
        return f"{nombre_fr(exemple['numerateur'])} / {nombre_fr(exemple['denominateur'])} = {valeur}"
    return valeur


def cibles_exemple(exemple: dict, indicateur: dict) -> str:
    """« > 292 ; > 303 ; … » : les cibles annuelles, avec le signe de la fiche s'il y en a un."""
    signe = exemple.get("signe")
    cibles = [_nombre_ou_texte(c, indicateur) for c in exemple.get("cibles") or []]
    return " ; ".join(f"{signe} {c}" if signe else c for c in cibles)


def glossaire(ref: Referentiel) -> str:
    """Liste de définitions des sigles, par ordre alphabétique."""
    return rendre("glossaire.md.j2", ref=ref)


def index_secteurs(ref: Referentiel) -> str:
    """Fiches par secteur (PA, PH), groupées par module."""
    return rendre("index_secteurs.md.j2", ref=ref)


def etat_des_themes(ref: Referentiel) -> str:
    """Fiches par état : complètes, avec éléments sourcés (à valider par l'ARS), en cours de rédaction."""
    return rendre("etat_des_themes.md.j2", ref=ref)


def mentions_legales(ref: Referentiel) -> str:
    """Éditeur, version et documents sources (communs/publication.yml)."""
    return rendre("mentions_legales.md.j2", ref=ref)


def journal(ref: Referentiel) -> str:
    """Journal des modifications, du plus récent au plus ancien."""
    entrees = sorted(ref.publication["journal"], key=lambda e: str(e["date"]), reverse=True)
    return rendre("journal.md.j2", ref=ref, entrees=entrees)
