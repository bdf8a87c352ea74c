"""Subset Noto Sans CJK SC Bold to the letters moonmap draws map names with (static/fonts/).

Usage: python scripts/derive_label_font.py NotoSansCJK-Bold.ttc [--package NAME]

The server draws the Moon map's mission and region names into one image (moonmap.moon.labels),
so the font is read by Pillow, never sent to a browser. Keeps printable ASCII, Latin-1, Latin
Extended-A and general punctuation (every Latin name, accented or not) and each CJK character
of the data package's text files; writes OpenType (CFF) and prints its size and SHA-256.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from _derived import fingerprint, kib
from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "fonts" / "NotoSansSC-Bold-labels.otf"
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2028)]


def wanted_characters() -> set[int]:
    """Latin letters and punctuation, and the code points above Latin-1 in data/*.csv and
    data/*.json (mission and region names come from there)."""
    chars = set(LATIN)
    for path in sorted((ROOT / "data").glob("*.csv")) + sorted((ROOT / "data").glob("*.json")):
        chars |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) > 0x2FFF}
    return chars


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1643241600")  # the package's date: same bytes
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ttc", type=Path)
    parser.add_argument("--package", default="fonts-noto-cjk")
    args = parser.parse_args()
    collection = TTCollection(str(args.ttc))
    face = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    options = subset.Options()
    # pwid: proportional punctuation, so the apostrophe of "Chang’e" is not a CJK full-width one
    options.layout_features = ["kern", "liga", "pwid"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False  # drawn at 24-42 px: hints add bytes, not sharpness
    sub = subset.Subsetter(options)
    chars = wanted_characters()
    sub.populate(unicodes=sorted(chars))
    sub.subset(face)
    subset.save_font(face, str(OUT), options)
    print(
        f"{OUT.relative_to(ROOT)}: {len(chars)} code points, {kib(OUT)}, {fingerprint(OUT)} "
        f"from {args.package}"
    )


if __name__ == "__main__":
    main()
