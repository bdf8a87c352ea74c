"""Subset Noto Sans CJK SC to the characters moonmap shows in Chinese (static/fonts/).

Usage: python scripts/derive_cjk_font.py NotoSansCJK-Regular.ttc [--package NAME]

Keeps every character of the Chinese message catalog and of the data package's text files
that is outside Latin-1, plus CJK punctuation and full-width forms; writes WOFF2 and prints
its size and SHA-256. The font is served only for those code points (``unicodeRange`` in
.streamlit/config.toml), so an English page never downloads it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from _derived import fingerprint, kib
from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "fonts" / "NotoSansSC-moonmap.woff2"
#: CJK symbols and punctuation, and full-width forms: always kept.
ALWAYS = [*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]


def wanted_characters() -> set[int]:
    """Code points above Latin-1 in the Chinese catalog and in data/*.csv and data/*.json."""
    texts = [ROOT / "src/moonmap/i18n/locale/zh/LC_MESSAGES/moonmap.po"]
    texts += sorted((ROOT / "data").glob("*.csv")) + sorted((ROOT / "data").glob("*.json"))
    chars = set(ALWAYS)
    for path in texts:
        chars |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) > 0x2FFF}
    return chars


def main() -> None:
    # fontTools stamps the font's modification time from SOURCE_DATE_EPOCH when set: pinned to
    # the source package's date, a re-derivation gives the same bytes (comparable SHA-256).
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1643241600")  # 2022-01-27
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ttc", type=Path)
    parser.add_argument("--package", default="fonts-noto-cjk")
    args = parser.parse_args()
    collection = TTCollection(str(args.ttc))
    face = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    chars = wanted_characters()
    sub.populate(unicodes=sorted(chars))
    sub.subset(face)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(face, str(OUT), options)
    print(
        f"{OUT.relative_to(ROOT)}: {len(chars)} code points, {kib(OUT)}, {fingerprint(OUT)} "
        f"from {args.package}"
    )


if __name__ == "__main__":
    main()
