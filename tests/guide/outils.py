"""Outils partagés des tests de guide/ : projet de test copié, lecture du catalogue de cas cassés."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

ICI = Path(__file__).parent
DONNEES = ICI / "donnees"
CASSES = ICI / "casses"
ATTENDUS = ICI / "attendus"


def copier_donnees(destination: Path) -> Path:
    """Copie le référentiel de test (tests/guide/donnees) dans ``destination`` et la renvoie."""
    shutil.copytree(DONNEES, destination, dirs_exist_ok=True)
    return destination


@dataclass
class Cas:
    """Un fichier cassé : où le mettre, et les messages exacts attendus (lignes « #> » en fin de fichier)."""

    chemin: Path
    cible: str = ""
    strict: bool = False
    erreurs: list[str] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)


def lire_cas(chemin: Path) -> Cas:
    cas = Cas(chemin)
    # Octets décodés avec remplacement : un cas peut être volontairement non UTF-8 (les métadonnées
    # « #> » restent lisibles) ; le test copie les octets tels quels.
    for ligne in chemin.read_bytes().decode("utf-8", errors="replace").splitlines():
        if not ligne.startswith("#> "):
            continue
        cle, _, valeur = ligne[3:].partition(": ")
        if cle == "cible":
            cas.cible = valeur
        elif cle == "strict":
            cas.strict = valeur == "oui"
        elif cle == "erreur":
            cas.erreurs.append(valeur)
        elif cle == "avertissement":
            cas.avertissements.append(valeur)
        else:
            raise ValueError(f"{chemin.name} : métadonnée inconnue « {cle} »")
    return cas
