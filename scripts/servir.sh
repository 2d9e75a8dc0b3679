#!/usr/bin/env bash
# Installe, vérifie le YAML, construit le site (mkdocs build --strict) et le sert sur
# http://127.0.0.1:8000/ (Ctrl+C pour arrêter). PORT=8001 pour un autre port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
export NO_MKDOCS_2_WARNING=1
PY=.venv/bin/python
"$PY" -m guide check
"$PY" -m mkdocs build --strict
port="${PORT:-8000}"
echo "Site construit dans site/ — ouvert sur http://127.0.0.1:${port}/"
exec "$PY" -m http.server --bind 127.0.0.1 --directory site "$port"
