#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Debian packages the test suite needs. Installed when missing and running as root; otherwise
# the exact apt command is printed and the suite goes on (tests needing them fail clearly).
set -uo pipefail
# chromium: browser tests (tests/e2e) drive Debian's /usr/bin/chromium, never a downloaded one;
# apt pulls its libraries. Fonts with Vietnamese glyphs make screenshots readable.
packages=(chromium fonts-dejavu-core fonts-liberation)
# Official PDFs (motcua.core.pdf, WeasyPrint 70): Pango with its FreeType backend, and
# HarfBuzz's subsetter (without it WeasyPrint falls back to fontTools: ~6x slower per receipt).
# The TTFs themselves ship in src/motcua/static/fonts, so no font package is a runtime need.
packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1)
# Test-only: pdftotext/pdffonts/pdfinfo/pdftoppm read the PDFs back; zbarimg decodes the QR.
packages+=(poppler-utils zbar-tools)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages; run: sudo apt-get install -y ${missing[*]}" >&2
fi
exit 0
