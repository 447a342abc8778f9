#!/usr/bin/env bash
# Debian packages the tests need. Idempotent: does nothing when they are already installed.
#   libreoffice-writer-nogui  soffice --headless --convert-to docx/pdf/doc (test fixtures; .doc/.wps import)
#   libreoffice-calc-nogui    soffice --convert-to xls (test fixtures: .xls/.et made from an .xlsx)
#   fonts-wqy-microhei        a small CJK font (1.6 MB; fonts-noto-cjk is 56 MB) so PDFs made in tests have Chinese glyphs
#   chromium                  the browser tests/test_browser.py drives through the pip playwright package
#                             (playwright never downloads its own browser here)
#   postgresql                the shared store's tests start a server of their own from its binaries
#                             (/usr/lib/postgresql/<version>/bin: initdb, pg_ctl) in a temporary folder
set -euo pipefail

PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-wqy-microhei chromium postgresql)

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "system_deps: all installed (${PACKAGES[*]})"
    exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

echo "system_deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
