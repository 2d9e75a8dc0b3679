"""Paramètres de test des calculateurs (corpus/parametres.json), indépendants du YAML de modules/."""

import json
from pathlib import Path

DOSSIER = Path(__file__).parent
FICHIER_PARAMETRES = DOSSIER / "corpus" / "parametres.json"
PARAMETRES = json.loads(FICHIER_PARAMETRES.read_text(encoding="utf-8"))
