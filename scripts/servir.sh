#!/usr/bin/env bash
# Installe, vérifie le YAML et sert l'aperçu en direct du guide sur http://127.0.0.1:8000/
# (mkdocs serve, Ctrl+C pour arrêter ; PORT=8001 pour un autre port). Chaque enregistrement d'un
# YAML de modules/ ou d'une page de docs/ reconstruit le site et recharge la page ouverte ; un YAML
# cassé affiche ses erreurs (fichier:ligne:colonne) en tête de page sans arrêter le serveur.
# L'aperçu ne fait ni PDF, ni CSP, ni pré-compression (options du greffon « guide » dans mkdocs.yml) :
# la version publiée se construit avec « mkdocs build --strict » (dossier site/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
export NO_MKDOCS_2_WARNING=1
PY=.venv/bin/python
"$PY" -m guide check
port="${PORT:-8000}"
echo "Aperçu du guide sur http://127.0.0.1:${port}/ (rechargé à chaque enregistrement)"
exec "$PY" -m mkdocs serve --strict -a "127.0.0.1:${port}"
