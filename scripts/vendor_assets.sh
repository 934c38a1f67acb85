#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Vendor third-party front-end assets into src/motcua/static/vendor/ so nothing loads from a CDN.
# Reproducible: fetches the pinned npm tarball with `npm pack` (registry only, no build step),
# copies the files we serve plus the licence, and records a sha256 per file in SHA256SUMS.
# htmx is not vendored here: it ships inside the django-htmx wheel ({% htmx_script %}).
set -euo pipefail

PICO_VERSION="2.1.1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/src/motcua/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v npm >/dev/null || { echo "npm is needed only to refresh vendored assets" >&2; exit 1; }

(cd "$WORK" && npm pack --silent "@picocss/pico@${PICO_VERSION}" >/dev/null)
tar -xzf "$WORK/picocss-pico-${PICO_VERSION}.tgz" -C "$WORK"

dest="$VENDOR/pico-${PICO_VERSION}"
rm -rf "$dest"
mkdir -p "$dest/css"
cp "$WORK/package/css/pico.min.css" "$dest/css/pico.min.css"
cp "$WORK/package/LICENSE.md" "$dest/LICENSE.md"

(cd "$VENDOR" && find . -type f ! -name SHA256SUMS -print0 | LC_ALL=C sort -z \
    | xargs -0 sha256sum > SHA256SUMS)
echo "vendored @picocss/pico@${PICO_VERSION} into ${dest#"$ROOT"/}"
cat "$VENDOR/SHA256SUMS"
