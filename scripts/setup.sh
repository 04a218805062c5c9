#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine (run as root): Debian packages, a virtualenv in
# .venv and the pinned Python packages. Each step is skipped when what it installs is present.
set -euo pipefail
cd "$(dirname "$0")/.."

EXTRAS="${1:-}"   # "test" adds the test tools

# What the product needs from Debian: WeasyPrint's libraries (harfbuzz-subset avoids a 6x slower
# render), fonts the templates name, LibreOffice Writer to turn DOCX into PDF/A, and Tesseract
# with Indonesian data (plus what OCRmyPDF uses) to read scanned letters; poppler-utils turns
# PDFs into images (pdftoppm) to look at them.
DEBS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo
      fonts-liberation2 fonts-dejavu-core fontconfig
      libreoffice-writer-nogui
      tesseract-ocr tesseract-ocr-ind ghostscript unpaper pngquant poppler-utils)

missing=()
for pkg in "${DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then missing+=(python3-venv); fi
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv" >&2
    python3 -m venv .venv
fi

# Reinstall only when pyproject.toml changed or extras are wanted that are not installed yet
# (an install with the test tools also serves a plain run).
stamp=".venv/.archiva-installed"
hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
want="${hash} ${EXTRAS}"
if [ ! -f "$stamp" ] || { ! grep -qxF "$want" "$stamp" && ! { [ -z "$EXTRAS" ] && grep -q "^${hash} " "$stamp"; }; }; then
    echo "setup: installing Python packages" >&2
    spec="."
    [ -n "$EXTRAS" ] && spec=".[${EXTRAS}]"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
    echo "$want" > "$stamp"
fi
