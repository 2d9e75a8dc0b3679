#!/usr/bin/env bash
# Installe tout ce dont le projet a besoin : paquets Python, Pyodide (npm), Chromium (Debian : il
# imprime le PDF du guide à chaque construction) et, pour les tests, poppler (pdfinfo, pdftotext).
# Sans effet si tout est déjà là. Usage : installer.sh [--tests]
set -euo pipefail
cd "$(dirname "$0")/.."

manquants=()
command -v chromium >/dev/null 2>&1 || manquants+=(chromium)
if [ "${1:-}" = "--tests" ]; then
  command -v pdfinfo >/dev/null 2>&1 || manquants+=(poppler-utils)
fi
if [ ${#manquants[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${manquants[@]}"
fi
command -v chromium >/dev/null 2>&1 || {
  echo "Chromium n'a pas pu être installé : il est nécessaire pour construire le PDF du guide (paquet Debian « chromium »)." >&2
  exit 1
}
if [ "${1:-}" = "--tests" ]; then
  python3 -m pip install -q --disable-pip-version-check -e '.[test]'
else
  python3 -m pip install -q --disable-pip-version-check -e .
fi
command -v npm >/dev/null 2>&1 || {
  echo "npm est introuvable : installez Node.js 20 et npm (Pyodide et axe-core viennent du registre npm)." >&2
  exit 1
}
npm ci --no-audit --no-fund --loglevel=error
