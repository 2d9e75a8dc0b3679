"""Publication du moteur Python du navigateur dans le site construit.

Après la construction (``on_post_build``), quatre choses sont déposées dans le site :

- ``assets/pyodide/`` : le cœur de Pyodide, copié depuis ``node_modules/pyodide`` (auto-hébergé ;
  ``pyodide-lock.json`` réduit à son en-tête : le site ne charge aucun paquet du dépôt Pyodide) ;
- ``assets/pyodide/instantane-<version>.bin`` : l'instantané mémoire de Pyodide pris dans Node après
  l'import des calculateurs (``guide/publication/instantane.mjs``), et ``python_stdlib_vide.zip`` qui remplace la
  bibliothèque standard quand le worker part de l'instantané ; ``assets/pyodide/instantane.js`` donne
  au worker l'identité de cet instantané (fichier, version, taille, empreinte SHA-256 : nom de sa
  copie locale dans le navigateur), ou ``null`` sans instantané ;
- ``assets/py/calculators.zip`` : le paquet ``calculators/`` zippé de façon déterministe (démarrage
  ordinaire, en repli) ;
- ``assets/data/parametres.json`` : les paramètres des calculateurs tirés du YAML.

L'instantané coûte une quinzaine de secondes de Node : il est gardé dans un cache indexé par
l'empreinte de ce qui le détermine (fichiers de Pyodide, archive des calculateurs, script).
Sans Node, ou si Node échoue, la construction continue sans instantané (avertissement) : le worker
démarre alors de façon ordinaire.

Les chemins viennent de ``guide.donnees.chemins`` ; rien ici ne connaît MkDocs (le greffon appelle
``publier_moteur``). La forme de parametres.json est décrite dans
calculators/CONTRAT_PARAMETRES.md.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from guide.donnees.chemins import ARCHIVE_CALCULATEURS, DOSSIER_PYODIDE, IDENTITE_INSTANTANE, PARAMETRES_JSON
from guide.publication.cache import lire_ou_calculer

__all__ = [
    "BIBLIOTHEQUE_VIDE",
    "FICHIERS_PYODIDE",
    "MoteurIntrouvable",
    "archive_paquet",
    "copier_pyodide",
    "empreinte_instantane",
    "fichiers_pyodide",
    "identite_instantane",
    "instantane",
    "json_parametres",
    "nom_instantane",
    "publier_moteur",
    "version_pyodide",
]

journal = logging.getLogger("mkdocs.plugins.guide.navigateur")

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

SCRIPT_INSTANTANE = Path(__file__).resolve().parent / "instantane.mjs"
BIBLIOTHEQUE_VIDE = "python_stdlib_vide.zip"
_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "guide-cpom" / "instantane"
DELAI_NODE = 600  # secondes


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
    """Copie le cœur de Pyodide de ``source`` vers ``destination`` ; renvoie les fichiers écrits.

    ``pyodide-lock.json`` est réduit à son en-tête ``info`` (120 Ko → moins de 200 octets) : le site
    ne charge aucun paquet du dépôt de Pyodide, seulement son propre code."""
    destination.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for chemin in fichiers_pyodide(source):
        cible = destination / chemin.name
        if chemin.name == "pyodide-lock.json":
            verrou = json.loads(chemin.read_text(encoding="utf-8"))
            cible.write_text(json.dumps({"info": verrou["info"], "packages": {}}, separators=(",", ":")) + "\n",
                             encoding="utf-8")
        else:
            shutil.copyfile(chemin, cible)
        ecrits.append(cible)
    vide = destination / BIBLIOTHEQUE_VIDE
    vide.write_bytes(archive_vide())
    ecrits.append(vide)
    return ecrits


def archive_vide() -> bytes:
    """Zip sans entrée (22 octets) : tient la place de la bibliothèque standard au départ instantané.

    >>> len(archive_vide()), zipfile.ZipFile(io.BytesIO(archive_vide())).namelist()
    (22, [])
    """
    tampon = io.BytesIO()
    zipfile.ZipFile(tampon, "w").close()
    return tampon.getvalue()


def version_pyodide(dossier: Path) -> str:
    """Version de Pyodide lue dans le package.json de ``node_modules/pyodide``."""
    return json.loads((dossier / "package.json").read_text(encoding="utf-8"))["version"]


def nom_instantane(version: str) -> str:
    """Nom publié de l'instantané (le worker le lit dans ``assets/pyodide/instantane.js``, voir
    ``identite_instantane``).

    >>> nom_instantane("314.0.7")
    'instantane-314.0.7.bin'
    """
    return f"instantane-{version}.bin"


def identite_instantane(octets: bytes | None, version: str) -> str:
    """Texte du module ES ``assets/pyodide/instantane.js`` lu par le worker : identité de l'instantané
    publié, ou ``null`` quand la construction n'en a pas.

    >>> print(identite_instantane(b"abc", "314.0.7"))  # doctest: +NORMALIZE_WHITESPACE
    // Écrit par la construction (guide/publication/navigateur.py) : instantané mémoire publié avec ce site.
    export const INSTANTANE = {"fichier": "instantane-314.0.7.bin", "version": "314.0.7", "octets": 3,
    "empreinte": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"};
    >>> identite_instantane(None, "314.0.7").splitlines()[1]
    'export const INSTANTANE = null;'
    """
    valeur = "null" if octets is None else json.dumps({
        "fichier": nom_instantane(version), "version": version, "octets": len(octets),
        "empreinte": hashlib.sha256(octets).hexdigest()})
    return ("// Écrit par la construction (guide/publication/navigateur.py) : instantané mémoire publié avec ce site.\n"
            f"export const INSTANTANE = {valeur};\n")


def empreinte_instantane(dossier_pyodide: Path, archive: bytes, script: Path = SCRIPT_INSTANTANE) -> str:
    """Empreinte de ce qui détermine l'instantané : fichiers de Pyodide, archive des calculateurs, script.

    Les paramètres du YAML n'y entrent pas : ils ne servent qu'à l'échauffement (imports faits
    d'avance), les calculs les reçoivent à chaque appel."""
    empreinte = hashlib.sha256()
    for chemin in [*fichiers_pyodide(dossier_pyodide), script]:
        empreinte.update(chemin.name.encode() + b"\0" + hashlib.sha256(chemin.read_bytes()).digest())
    empreinte.update(b"calculators.zip\0" + hashlib.sha256(archive).digest())
    return empreinte.hexdigest()


def instantane(dossier_pyodide: Path, archive: bytes, parametres: str, cache: Path | None = _CACHE) -> bytes:
    """Octets de l'instantané mémoire (lus dans le cache, sinon pris par Node puis mis en cache).

    Lève ``MoteurIntrouvable`` si Node manque ou échoue (message en français)."""
    entree = cache / (empreinte_instantane(dossier_pyodide, archive) + ".bin") if cache else None
    return lire_ou_calculer(entree, lambda: _prendre_instantane(dossier_pyodide, archive, parametres))


def _prendre_instantane(dossier_pyodide: Path, archive: bytes, parametres: str) -> bytes:
    """L'instantané pris par Node (script instantane.mjs) ; ``MoteurIntrouvable`` en cas d'échec."""
    node = shutil.which("node")
    if node is None:
        raise MoteurIntrouvable("Node est introuvable : l'instantané mémoire de Pyodide ne peut pas être pris.")
    with tempfile.TemporaryDirectory(prefix="guide-instantane-") as temporaire:
        dossier = Path(temporaire)
        (dossier / "calculators.zip").write_bytes(archive)
        (dossier / "parametres.json").write_text(parametres, encoding="utf-8")
        sortie = dossier / "instantane.bin"
        try:
            resultat = subprocess.run(
                [node, str(SCRIPT_INSTANTANE), str(dossier_pyodide), str(dossier / "calculators.zip"),
                 str(dossier / "parametres.json"), str(sortie)],
                capture_output=True, text=True, timeout=DELAI_NODE, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise MoteurIntrouvable(f"L'instantané mémoire de Pyodide n'a pas pu être pris : {exc}") from None
        if resultat.returncode != 0 or not sortie.is_file():
            dernieres = "\n".join((resultat.stderr or resultat.stdout).strip().splitlines()[-5:])
            raise MoteurIntrouvable(f"L'instantané mémoire de Pyodide n'a pas pu être pris (Node, code "
                                    f"{resultat.returncode}) :\n{dernieres}")
        return sortie.read_bytes()


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
    """Dépose dans ``site`` Pyodide (de ``racine/node_modules``) et son instantané mémoire, le paquet
    ``racine/calculators`` zippé et ``parametres`` (``guide.donnees.referentiel.parametres_calculateurs``)."""
    racine, site = Path(racine), Path(site)
    source = racine / "node_modules" / "pyodide"
    copier_pyodide(source, site / DOSSIER_PYODIDE)
    octets_archive = archive_paquet(racine / "calculators")
    archive = site / ARCHIVE_CALCULATEURS
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes(octets_archive)
    fichier = site / PARAMETRES_JSON
    fichier.parent.mkdir(parents=True, exist_ok=True)
    texte_parametres = json_parametres(parametres)
    fichier.write_text(texte_parametres, encoding="utf-8")
    version = version_pyodide(source)
    try:
        octets = instantane(source, octets_archive, texte_parametres)
    except MoteurIntrouvable as exc:
        journal.warning("%s Le worker démarrera sans instantané (plus lentement).", exc)
        octets = None
    else:
        (site / DOSSIER_PYODIDE / nom_instantane(version)).write_bytes(octets)
    (site / IDENTITE_INSTANTANE).write_text(identite_instantane(octets, version), encoding="utf-8")
