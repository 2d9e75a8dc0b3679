"""Architecture : les couches de guide/ ne s'importent que dans un sens, et rien de privé ne circule.

données (guide/donnees) → rendu (guide/rendu) → publication (guide/publication) → greffon
(guide/plugin.py) ; calculators/ n'importe jamais guide/. Les imports sont lus dans le code (ast),
y compris ceux écrits dans une fonction.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from projet import RACINE

COUCHES = ("guide.donnees", "guide.rendu", "guide.publication", "guide.plugin")
HAUT_DE_GUIDE = {"guide", "guide.__main__", "guide.plugin"}  # hors couches : le paquet, la CLI, le greffon


def _nom_module(chemin: Path) -> str:
    parties = chemin.relative_to(RACINE).with_suffix("").parts
    return ".".join(parties[:-1] if parties[-1] == "__init__" else parties)


def _modules() -> dict[str, Path]:
    fichiers = [*sorted((RACINE / "guide").rglob("*.py")), *sorted((RACINE / "calculators").rglob("*.py")),
                RACINE / "macros.py"]
    return {_nom_module(f): f for f in fichiers if "__pycache__" not in f.parts}


MODULES = _modules()


def _importe(chemin: Path, module: str) -> list[tuple[int, str, list[str]]]:
    """(ligne, module importé, noms importés) de chaque import du fichier."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"), filename=str(chemin))
    paquet = module if chemin.name == "__init__.py" else module.rpartition(".")[0]
    resultat = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            resultat += [(noeud.lineno, alias.name, []) for alias in noeud.names]
        elif isinstance(noeud, ast.ImportFrom):
            base = noeud.module or ""
            if noeud.level:  # import relatif
                racine = paquet.split(".")[: len(paquet.split(".")) - noeud.level + 1]
                base = ".".join([*racine, base] if base else racine)
            resultat.append((noeud.lineno, base, [alias.name for alias in noeud.names]))
    return resultat


def _couche(module: str) -> int | None:
    for rang, couche in enumerate(COUCHES):
        if module == couche or module.startswith(couche + "."):
            return rang
    return None


def _cible(importe: str, nom: str) -> str:
    """Module visé par ``from importe import nom`` (``from guide.rendu import pages`` vise guide.rendu.pages)."""
    return f"{importe}.{nom}" if f"{importe}.{nom}" in MODULES else importe


def test_chaque_module_de_guide_est_dans_une_couche():
    hors = [m for m in MODULES if m.startswith("guide") and _couche(m) is None and m not in HAUT_DE_GUIDE]
    assert hors == []
    for couche in COUCHES[:3]:
        assert any(m.startswith(couche + ".") for m in MODULES), f"couche {couche} vide"


@pytest.mark.parametrize("module", [m for m in MODULES if _couche(m) is not None])
def test_une_couche_n_importe_pas_les_couches_du_dessus(module):
    rang = _couche(module)
    fautes = []
    for ligne, importe, noms in _importe(MODULES[module], module):
        for cible in [_cible(importe, n) for n in noms] or [importe]:
            if cible in ("guide", "guide.__main__") or (_couche(cible) or 0) > rang:
                fautes.append(f"{MODULES[module].relative_to(RACINE)}:{ligne} importe {cible}")
    assert fautes == []


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith("calculators")])
def test_calculators_n_importe_pas_guide(module):
    fautes = [f"{MODULES[module].relative_to(RACINE)}:{ligne} importe {importe}"
              for ligne, importe, _ in _importe(MODULES[module], module)
              if importe == "guide" or importe.startswith("guide.")]
    assert fautes == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_rien_de_prive_n_est_importe_d_un_autre_module(module):
    """Ni ``from x import _nom`` ni ``x._nom`` sur un module du projet importé (les __dunder__ sont permis)."""
    chemin = MODULES[module]
    fautes = []
    alias_de_modules = set()
    for ligne, importe, noms in _importe(chemin, module):
        projet = importe.split(".")[0] in ("guide", "calculators")
        for nom in noms:
            if projet and nom.startswith("_") and not nom.startswith("__"):
                fautes.append(f"{chemin.relative_to(RACINE)}:{ligne} : from {importe} import {nom}")
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.ImportFrom) and noeud.module and noeud.module.split(".")[0] in ("guide", "calculators"):
            alias_de_modules |= {a.asname or a.name for a in noeud.names if _cible(noeud.module, a.name) in MODULES
                                 and _cible(noeud.module, a.name) != noeud.module}
        elif isinstance(noeud, ast.Import):
            alias_de_modules |= {a.asname or a.name for a in noeud.names if a.name.split(".")[0] in ("guide", "calculators")}
    for noeud in ast.walk(arbre):
        if (isinstance(noeud, ast.Attribute) and noeud.attr.startswith("_") and not noeud.attr.startswith("__")
                and isinstance(noeud.value, ast.Name) and noeud.value.id in alias_de_modules):
            fautes.append(f"{chemin.relative_to(RACINE)}:{noeud.lineno} : {noeud.value.id}.{noeud.attr}")
    assert fautes == []


def test_le_controle_voit_les_fautes(tmp_path):
    """Le lecteur d'imports trouve un import de couche supérieure caché dans une fonction et un import relatif."""
    faux = tmp_path / "faux.py"
    faux.write_text("def f():\n    from guide.publication import pdf\n    from ..rendu.rendu import _interne\n",
                    encoding="utf-8")
    imports = _importe(faux, "guide.donnees.faux")
    assert imports == [(2, "guide.publication", ["pdf"]), (3, "guide.rendu.rendu", ["_interne"])]
    assert _couche(_cible("guide.publication", "pdf")) == 2 > _couche("guide.donnees.faux")
