"""Cache de construction sur disque (.cache/) : une entrée par empreinte de contenu, facultative.

Sert à la pré-compression (guide.publication.compression) et à l'instantané mémoire de Pyodide
(guide.publication.navigateur) : deux calculs longs dont le résultat ne dépend que de leurs entrées.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["lire_ou_calculer"]


def lire_ou_calculer(entree: Path | None, calculer: Callable[[], bytes]) -> bytes:
    """Octets de ``entree`` s'il existe ; sinon ``calculer()``, écrit dans ``entree`` de façon
    atomique (jamais d'entrée à moitié écrite). Sans ``entree``, ou si l'écriture échoue (dossier en
    lecture seule…), le résultat est rendu sans cache.

    >>> import tempfile
    >>> entree = Path(tempfile.mkdtemp()) / "sous" / "x.bin"
    >>> lire_ou_calculer(entree, lambda: b"1"), lire_ou_calculer(entree, lambda: b"2")
    (b'1', b'1')
    >>> lire_ou_calculer(None, lambda: b"3")
    b'3'
    """
    if entree is not None and entree.is_file():
        return entree.read_bytes()
    resultat = calculer()
    if entree is not None:
        try:
            entree.parent.mkdir(parents=True, exist_ok=True)
            provisoire = entree.with_name(f"{entree.name}.{os.getpid()}.tmp")
            provisoire.write_bytes(resultat)
            os.replace(provisoire, entree)
        except OSError:
            pass  # cache facultatif
    return resultat
