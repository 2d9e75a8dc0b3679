"""Publication du moteur Python du navigateur dans le site construit.

Après la construction (``on_post_build``), trois choses sont déposées dans le site :

- ``assets/pyodide/`` : le cœur de Pyodide, copié depuis ``node_modules/pyodide`` (auto-hébergé) ;
- ``assets/py/calculators.zip`` : le paquet ``calculators/`` zippé de façon déterministe ;
- ``assets/data/parametres.json`` : les paramètres des calculateurs tirés du YAML.

Les chemins viennent de ``guide.donnees.chemins`` ; rien ici ne connaît MkDocs (le greffon appelle
``publier_moteur``). La forme de parametres.json est décrite dans calculators/CONTRAT_PARAMETRES.md.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

from guide.donnees.chemins import ARCHIVE_CALCULATEURS, DOSSIER_PYODIDE, PARAMETRES_JSON

__all__ = [
    "FICHIERS_PYODIDE",
    "MoteurIntrouvable",
    "archive_paquet",
    "copier_pyodide",
    "fichiers_pyodide",
    "json_parametres",
    "publier_moteur",
]

# Le cœur de Pyodide : sans pyodide-lock.json, le chargement échoue (« Unexpected token '<' »).
FICHIERS_PYODIDE = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)

# Date fixe des entrées du zip (la plus ancienne admise par le format) : archive reproductible.
DATE_ZIP = (1980, 1, 1, 0, 0, 0)

class MoteurIntrouvable(RuntimeError):
    """Pyodide ou le paquet des calculateurs manque : le site ne peut pas exécuter les calculs."""


def fichiers_pyodide(dossier: Path) -> list[Path]:
    """Chemins des fichiers du cœur de Pyodide dans ``dossier`` ; erreur claire s'il en manque.

    >>> try:
    ...     fichiers_pyodide(Path("/nulle/part"))
    ... except MoteurIntrouvable as exc:
    ...     print(exc)
    Pyodide est introuvable : /nulle/part/pyodide.mjs manque (ainsi que 4 autres fichiers). Lancez « npm ci » à la racine du projet.
    """
    chemins = [dossier / nom for nom in FICHIERS_PYODIDE]
    manquants = [chemin for chemin in chemins if not chemin.is_file()]
    if manquants:
        autres = f" (ainsi que {len(manquants) - 1} autres fichiers)" if len(manquants) > 1 else ""
        raise MoteurIntrouvable(
            f"Pyodide est introuvable : {manquants[0]} manque{autres}. "
            "Lancez « npm ci » à la racine du projet."
        )
    return chemins


def copier_pyodide(source: Path, destination: Path) -> list[Path]:
    """Copie le cœur de Pyodide de ``source`` vers ``destination`` ; renvoie les fichiers écrits."""
    destination.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for chemin in fichiers_pyodide(source):
        cible = destination / chemin.name
        shutil.copyfile(chemin, cible)
        ecrits.append(cible)
    return ecrits


def archive_paquet(dossier: Path) -> bytes:
    """Zip déterministe des fichiers ``.py`` de ``dossier`` (nom du paquet en préfixe).

    Même contenu => mêmes octets : entrées triées, date fixe, droits fixes, pas de ``__pycache__``.
    """
    fichiers = sorted(
        chemin
        for chemin in dossier.rglob("*.py")
        if "__pycache__" not in chemin.parts and chemin.is_file()
    )
    if not any(chemin.name == "__init__.py" and chemin.parent == dossier for chemin in fichiers):
        raise MoteurIntrouvable(f"Paquet Python introuvable : {dossier / '__init__.py'} manque.")
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for chemin in fichiers:
            nom = Path(dossier.name, chemin.relative_to(dossier)).as_posix()
            entree = zipfile.ZipInfo(nom, date_time=DATE_ZIP)
            entree.compress_type = zipfile.ZIP_DEFLATED
            entree.external_attr = 0o644 << 16
            entree.create_system = 3  # Unix : même archive quel que soit le système de construction
            archive.writestr(entree, chemin.read_bytes())
    return tampon.getvalue()


def json_parametres(parametres: Mapping) -> str:
    """Texte de ``parametres.json`` : UTF-8 compact, clés dans l'ordre du référentiel."""
    return json.dumps(parametres, ensure_ascii=False, separators=(",", ":")) + "\n"


def publier_moteur(racine: Path, site: Path, parametres: Mapping) -> None:
    """Dépose dans ``site`` Pyodide (de ``racine/node_modules``), le paquet ``racine/calculators`` zippé
    et ``parametres`` (``guide.donnees.referentiel.parametres_calculateurs``)."""
    racine, site = Path(racine), Path(site)
    copier_pyodide(racine / "node_modules" / "pyodide", site / DOSSIER_PYODIDE)
    archive = site / ARCHIVE_CALCULATEURS
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes(archive_paquet(racine / "calculators"))
    fichier = site / PARAMETRES_JSON
    fichier.parent.mkdir(parents=True, exist_ok=True)
    fichier.write_text(json_parametres(parametres), encoding="utf-8")
