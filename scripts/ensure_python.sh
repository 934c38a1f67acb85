#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Create the virtual environment with Python >= 3.11, or say exactly what to install.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "motcua needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1 || echo missing)." >&2
  echo "On Debian/Ubuntu: sudo apt-get install python3 python3-venv" >&2
  exit 1
fi
if ! "$python" -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    ver=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    apt-get update -qq && apt-get install -y -qq "python${ver}-venv" || apt-get install -y -qq python3-venv
    "$python" -m venv "$venv"
  else
    echo "Cannot create a virtual environment. On Debian/Ubuntu run: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi
