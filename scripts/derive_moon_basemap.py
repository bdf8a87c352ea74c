"""Resize the equirectangular Moon mosaic into the basemaps shipped in static/.

Usage: python scripts/derive_moon_basemap.py SOURCE_JPG [--package NAME]
Writes static/moon_2k.jpg (2048x1024) and static/moon_4k.jpg (4096x2048) and prints their
SHA-256 so a re-derivation can be compared with the committed files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _derived import fingerprint, kib
from PIL import Image

STATIC = Path(__file__).resolve().parents[1] / "static"
SIZES = {"moon_2k.jpg": (2048, 1024), "moon_4k.jpg": (4096, 2048)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("--package", default="stellarium-data")
    args = parser.parse_args()
    with Image.open(args.source) as src:
        src = src.convert("RGB")
        w, h = src.size
        if w != 2 * h:
            raise SystemExit(f"{args.source} is {w}x{h}, not a 2:1 equirectangular image")
        for name, size in SIZES.items():
            img = src if src.size == size else src.resize(size, Image.Resampling.LANCZOS)
            out = STATIC / name
            img.save(out, "JPEG", quality=85, optimize=True, progressive=True)
            print(
                f"{out.relative_to(STATIC.parent)}: {size[0]}x{size[1]}, {kib(out)}, "
                f"{fingerprint(out)} from {args.package}"
            )


if __name__ == "__main__":
    main()
