#!/bin/sh
# Rebuild templates/static/fonts/ (WOFF2 for the web, TTF for the charts, fonts.css, OFL.txt) from
# Debian's fonts-noto-core. Run from anywhere: tools/fonts/build-fonts.sh
#
# Needs: Debian/Ubuntu with fonts-noto-core (installed here with apt-get when run as root), python3
# with fontTools and brotli (installed with pip when missing). The output is byte-for-byte
# reproducible for the same fonts-noto-core and fontTools versions; the versions used for the
# committed files are in templates/static/fonts/README.md.
set -eu

FONTTOOLS_VERSION=4.68.0
BROTLI_VERSION=1.2.1
here=$(cd "$(dirname "$0")" && pwd)

if ! dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'install ok installed'; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-core
    else
        echo "build-fonts: fonts-noto-core is not installed; run: sudo apt-get install fonts-noto-core" >&2
        exit 1
    fi
fi

if ! python3 -c 'import fontTools.subset, brotli' 2>/dev/null || ! command -v pyftsubset >/dev/null; then
    python3 -m pip install "fonttools==$FONTTOOLS_VERSION" "brotli==$BROTLI_VERSION"
fi
installed=$(python3 -c 'import fontTools; print(fontTools.version)')
if [ "$installed" != "$FONTTOOLS_VERSION" ]; then
    echo "build-fonts: warning: fontTools $installed, not $FONTTOOLS_VERSION; files may differ byte-wise" >&2
fi

exec python3 "$here/build_fonts.py"
