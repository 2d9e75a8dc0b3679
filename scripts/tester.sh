#!/usr/bin/env bash
# Installe tout (Chromium compris), vérifie le YAML, construit le site et lance toute la suite de
# tests (unitaires, propriétés, CLI, rendu, JavaScript, navigateur). Arguments suivants passés à pytest.
#   bash scripts/tester.sh            toute la suite (celle de la CI)
#   bash scripts/tester.sh --rapide   niveau rapide : les tests qui n'ont besoin ni de Chromium ni
#                                     de npm (pas de site construit), pour chaque modification
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
PY=.venv/bin/python
if [ "${1:-}" = "--rapide" ]; then
  shift
  bash scripts/installer.sh --rapide
  "$PY" -m guide check --strict
  export GUIDE_MUTATIONS="${GUIDE_MUTATIONS:-50}"   # mutations YAML : 50 ici, 200 dans la suite complète
  exec "$PY" -m pytest -m "not complet" "$@"
fi
bash scripts/installer.sh --tests
"$PY" -m guide check --strict
node --test tests/js/   # modules JavaScript (transport, file de calcul, formulaire, fichiers…) : node:test, sans dépendance
"$PY" -m mkdocs build --strict
"$PY" -m pytest "$@"
