#!/usr/bin/env bash
# Installe tout ce dont le projet a besoin, sans jamais toucher au Python du système :
# - un environnement virtuel du projet, .venv/ (paquet Debian python3-venv installé s'il manque :
#   Debian 12 interdit « pip install » hors environnement virtuel, PEP 668) et les paquets Python ;
# - Pyodide et axe-core (npm, versions exactes de package-lock.json) ; Node.js et npm de Debian s'ils manquent ;
# - Chromium (Debian : il imprime le PDF du guide) et, pour les tests, poppler (pdfinfo, pdftotext).
# Sans effet si tout est déjà là (empreintes de pyproject.toml et package-lock.json).
# Usage : installer.sh [--tests | --rapide]
#   --tests  : tout, dépendances de test comprises ;
#   --rapide : seulement Python et ses dépendances de test (niveau rapide : ni Chromium ni npm).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
VENV=.venv

apt_installer() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installation des paquets Debian : $*" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

empreinte() { cat "$@" | sha256sum | cut -c1-16; }

# 1. Python : environnement virtuel du projet.
command -v python3 >/dev/null 2>&1 || apt_installer python3
if [ ! -x "$VENV/bin/python" ]; then
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    # Debian sans python3-venv : « ensurepip is not available ». On l'installe et on recommence.
    rm -rf "$VENV"
    apt_installer python3-venv
    python3 -m venv "$VENV"
  fi
fi
extras=""
[ -n "$mode" ] && extras="[test]"
marque="$VENV/.installe-$(empreinte pyproject.toml)"
if [ ! -e "$marque-test" ] && { [ -n "$extras" ] || [ ! -e "$marque" ]; }; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".${extras}"
  touch "$marque${extras:+-test}"
fi
[ "$mode" = "--rapide" ] && exit 0

# 2. Paquets Debian : Chromium (PDF du guide), poppler pour les tests, Node.js/npm s'ils manquent.
manquants=()
command -v chromium >/dev/null 2>&1 || manquants+=(chromium)
[ "$mode" = "--tests" ] && { command -v pdfinfo >/dev/null 2>&1 || manquants+=(poppler-utils); }
command -v npm >/dev/null 2>&1 || manquants+=(nodejs npm)
[ ${#manquants[@]} -eq 0 ] || apt_installer "${manquants[@]}"
command -v chromium >/dev/null 2>&1 || {
  echo "Chromium n'a pas pu être installé : il est nécessaire pour construire le PDF du guide (paquet Debian « chromium »)." >&2
  exit 1
}
command -v npm >/dev/null 2>&1 || {
  echo "npm est introuvable : installez Node.js 20 et npm (Pyodide et axe-core viennent du registre npm)." >&2
  exit 1
}

# 3. npm : Pyodide, axe-core (réinstallés seulement si package-lock.json a changé).
marque_npm="node_modules/.installe-$(empreinte package-lock.json)"
if [ ! -e "$marque_npm" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "$marque_npm"
fi
