"""Subset Noto Sans CJK SC Bold to the letters moonmap draws map names with (static/fonts/).

Usage: python scripts/derive_label_font.py NotoSansCJK-Bold.ttc [--package NAME]

The server draws the Moon map's mission and region names into one image (moonmap.moon.labels),
so the font is read by Pillow, never sent to a browser. Keeps printable ASCII, Latin-1, Latin
Extended-A and general punctuation (every Latin name, accented or not) and each CJK character
of the data package's text files; writes OpenType (CFF) and prints its size and SHA-256.
"""

from __future__ import annotations

from pathlib import Path

from _derived import subset_noto_sc

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


def _options(options) -> None:
    # pwid: proportional punctuation, so the apostrophe of "Chang’e" is not a CJK full-width one
    options.layout_features = ["kern", "liga", "pwid"]
    options.hinting = False  # drawn at 24-42 px: hints add bytes, not sharpness


def main() -> None:
    subset_noto_sc(OUT, wanted_characters(), _options, ROOT)


if __name__ == "__main__":
    main()
