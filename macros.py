"""Macros du guide : uniquement des lignes d'enregistrement (la logique est dans guide/)."""

from functools import partial

from guide.publication import export
from guide.rendu import formulaires, rendu


def define_env(env):
    """Déclare les macros utilisables dans les pages Markdown (et dans les pages générées).

    Le référentiel est celui que le greffon ``guide`` vient de charger (son on_config passe avant).
    """
    greffon = env.conf.plugins["guide"]
    ref = greffon.referentiel
    macros = {
        # Guide (pages générées depuis modules/ et annexes)
        "page_module": rendu.page_module,
        "page_theme": rendu.page_theme,
        "page_indicateur": rendu.page_indicateur,
        "liste_modules": rendu.liste_modules,
        "tableau_conclusion": rendu.tableau_conclusion,
        "annexe_indicateurs": rendu.annexe_indicateurs,
        "glossaire": rendu.glossaire,
        "index_secteurs": rendu.index_secteurs,
        "etat_des_themes": rendu.etat_des_themes,
        "mentions_legales": rendu.mentions_legales,
        "journal": rendu.journal,
        # Calculateurs (formulaires servis au moteur Python du navigateur)
        "calculateur_avancement": formulaires.calculateur_avancement,
        "calculateur_modulation": formulaires.calculateur_modulation,
        "calculateur_indicateur": formulaires.calculateur_indicateur,
        "calculateur_trajectoire": formulaires.calculateur_trajectoire,
        "liste_calculateurs": formulaires.liste_calculateurs,
        "mon_cpom": formulaires.mon_cpom,
        # Données ouvertes
        "schema_donnees": export.schema_donnees,
    }
    for nom, fonction in macros.items():
        env.macro(partial(fonction, ref), nom)
    env.filter(greffon.section_guide_complet, "guide_complet_section")  # page /guide-complet/
