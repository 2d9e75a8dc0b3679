"""Aperçu (``mkdocs serve``) : erreurs du YAML montrées dans le navigateur, en tête de chaque page.

Pendant l'aperçu, un YAML cassé n'arrête pas le serveur : le greffon garde le dernier référentiel
valide pour construire les pages, et ce bandeau (gabarit ``apercu_erreurs.html``, texte échappé)
donne les erreurs situées ``fichier:ligne:colonne``. Il disparaît à la reconstruction qui suit la
correction.

>>> print(bandeau(["modules/x.yml:3:1: X > titre : <b> refusé"]).splitlines()[1])
<p class="admonition-title">Aperçu : le YAML du guide contient 1 erreur</p>
>>> "&lt;b&gt; refusé" in bandeau(["modules/x.yml:3:1: X > titre : <b> refusé"])
True
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

__all__ = ["bandeau"]

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), undefined=StrictUndefined, autoescape=True,
                   trim_blocks=True, lstrip_blocks=True)


def bandeau(erreurs: list[str]) -> str:
    """HTML du bandeau d'erreurs de l'aperçu (chaque erreur échappée)."""
    return _env.get_template("apercu_erreurs.html").render(erreurs=erreurs)
