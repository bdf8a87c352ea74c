#!/usr/bin/env bash
# Re-derive static/moon_*.jpg from Debian's stellarium-data package (public-domain USGS/Clementine
# mosaic). Needs apt access to Debian's archive; the derived images are committed, so the app
# itself never needs this script or the network.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
( cd "$work" && apt-get download stellarium-data >/dev/null )
deb="$(ls "$work"/stellarium-data_*.deb)"
echo "using $(basename "$deb")"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" \
    ./usr/share/stellarium/textures/moon_4k.jpg ./usr/share/doc/stellarium-data/copyright
.venv/bin/python scripts/derive_moon_basemap.py "$work/usr/share/stellarium/textures/moon_4k.jpg" \
    --package "$(basename "$deb")"
