"""Problèmes trouvés dans le YAML (erreurs et avertissements) et exception racine du paquet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Probleme:
    """Un problème situé : ``fichier:ligne:colonne: fil > d'Ariane : message``.

    >>> str(Probleme("modules/prevention.yml", 12, 5, ("Prévention", "Vaccination", "secteurs"),
    ...              "liste attendue, reçu texte « PA »"))
    'modules/prevention.yml:12:5: Prévention > Vaccination > secteurs : liste attendue, reçu texte « PA »'
    """

    fichier: str
    ligne: int
    colonne: int
    chemin: tuple[str, ...]
    message: str
    avertissement: bool = False

    def __str__(self) -> str:
        lieu = f"{self.fichier}:{self.ligne}:{self.colonne}: "
        if self.chemin:
            return f"{lieu}{' > '.join(self.chemin)} : {self.message}"
        return f"{lieu}{self.message}"


class ErreurReferentiel(Exception):
    """Le référentiel YAML est invalide ; ``erreurs`` porte tous les problèmes, triés."""

    def __init__(self, erreurs: list[Probleme], avertissements: list[Probleme] = ()):
        self.erreurs = sorted(erreurs)
        self.avertissements = sorted(avertissements)  # non bloquants, montrés avec les erreurs
        super().__init__(self.rapport())

    def rapport(self) -> str:
        """Toutes les erreurs, une par ligne, précédées de leur nombre."""
        nombre = len(self.erreurs)
        titre = f"{nombre} erreur{'s' if nombre > 1 else ''} dans le YAML du guide :"
        return "\n".join([titre, *(str(e) for e in self.erreurs)])
