"""Subset Noto Sans CJK SC to the characters moonmap shows in Chinese (static/fonts/).

Usage: python scripts/derive_cjk_font.py NotoSansCJK-Regular.ttc [--package NAME]

Keeps every character of the Chinese message catalog and of the data package's text files
that is outside Latin-1, plus CJK punctuation and full-width forms; writes WOFF2 and prints
its size and SHA-256. The font is served only for those code points (``unicodeRange`` in
.streamlit/config.toml), so an English page never downloads it.
"""

from __future__ import annotations

from pathlib import Path

from _derived import subset_noto_sc

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


def _options(options) -> None:
    options.flavor = "woff2"
    options.layout_features = ["*"]


def main() -> None:
    subset_noto_sc(OUT, wanted_characters(), _options, ROOT)


if __name__ == "__main__":
    main()
