"""Vocabulaire partagé par les calculateurs et le site : secteurs et mots de l'interface.

Seul endroit où sont écrits les codes des secteurs et leurs libellés (validation du YAML, pages,
formulaires, calculateur d'avancement, données ouvertes). Dans le code, ce que le YAML appelle
``themes`` et l'interface « fiche » ou « type d'actions » s'appelle toujours ``theme`` ; les mots
affichés viennent d'ici.

>>> list(SECTEURS)
['PA', 'PH']
>>> libelle_secteur("PH"), libelle_secteur("PA", majuscule=True)
('personnes en situation de handicap', 'Personnes âgées')
"""

from __future__ import annotations

__all__ = ["CODES_SECTEURS", "SECTEURS", "THEME", "THEME_PAGE", "THEME_PAGES", "THEMES", "VOCABULAIRE", "libelle_secteur"]

# code -> libellé. Le diaporama et le compte rendu de l'ARS BFC écrivent « personnes en situation de
# handicap » (fiche Autodétermination, démarche EPoP) ; les documents des autres régions écrivent
# « personnes handicapées ». Le guide suit l'ARS BFC, partout.
SECTEURS: dict[str, str] = {
    "PA": "personnes âgées",
    "PH": "personnes en situation de handicap",
}
CODES_SECTEURS: tuple[str, ...] = tuple(SECTEURS)

# Ce que le code appelle ``theme`` : une action du plan appartient à un type d'actions, décrit
# par une fiche (une page du site).
THEME = "type d'actions"
THEMES = "types d'actions"
THEME_PAGE = "fiche"
THEME_PAGES = "fiches"
# les mêmes mots, pour les gabarits Jinja du site ({{ VOCABULAIRE.THEMES }})
VOCABULAIRE = {"THEME": THEME, "THEMES": THEMES, "THEME_PAGE": THEME_PAGE, "THEME_PAGES": THEME_PAGES}


def libelle_secteur(code: str, majuscule: bool = False) -> str:
    """Libellé du secteur ``code`` (« personnes âgées ») ; ``majuscule`` pour un titre."""
    libelle = SECTEURS[code]
    return libelle[:1].upper() + libelle[1:] if majuscule else libelle
