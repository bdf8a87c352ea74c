#!/usr/bin/env bash
# Re-derive static/fonts/NotoSansSC-moonmap.woff2, a subset of Noto Sans CJK SC (SIL Open Font
# License 1.1) holding the Chinese characters moonmap shows, and static/fonts/
# NotoSansSC-Bold-labels.otf (the bold letters of the Moon map's names), from Debian's
# fonts-noto-cjk package. Needs apt access to Debian's archive; the derived font is committed, so the app
# never needs this script or the network. Run it again after changing the Chinese catalog
# (tests/unit/test_cjk_font.py fails until you do).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
( cd "$work" && apt-get download fonts-noto-cjk >/dev/null )
deb="$(ls "$work"/fonts-noto-cjk_*.deb)"
echo "using $(basename "$deb")"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" \
    ./usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
    ./usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc ./usr/share/doc/fonts-noto-cjk/copyright
.venv/bin/python scripts/derive_cjk_font.py "$work/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" \
    --package "$(basename "$deb")"
# The map names' font (bold, Latin and the data's CJK names; read by the server only).
.venv/bin/python scripts/derive_label_font.py "$work/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc" \
    --package "$(basename "$deb")"
