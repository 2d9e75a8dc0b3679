#!/usr/bin/env bash
# Installe tout ce dont le projet a besoin : paquets Python, Pyodide (npm) et, pour les tests,
# Chromium et poppler (Debian). Sans effet si tout est déjà là. Usage : installer.sh [--tests]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--tests" ]; then
  manquants=()
  command -v chromium >/dev/null 2>&1 || manquants+=(chromium)
  command -v pdfinfo >/dev/null 2>&1 || manquants+=(poppler-utils)
  if [ ${#manquants[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${manquants[@]}"
  fi
  python3 -m pip install -q --disable-pip-version-check -e '.[test]'
else
  python3 -m pip install -q --disable-pip-version-check -e .
fi
npm ci --no-audit --no-fund --loglevel=error
