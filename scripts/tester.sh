#!/usr/bin/env bash
# Installe tout (Chromium compris), vérifie le YAML, construit le site et lance toute la suite de
# tests (unitaires, propriétés, CLI, rendu, navigateur). Arguments supplémentaires passés à pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --tests
export NO_MKDOCS_2_WARNING=1
python3 -m guide check --strict
python3 -m mkdocs build --strict
python3 -m pytest "$@"
