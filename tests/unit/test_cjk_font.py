"""The shipped CJK font covers every Chinese character the app shows (offline rendering)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "static" / "fonts" / "NotoSansSC-moonmap.woff2"


def shown_cjk() -> set[str]:
    texts = [ROOT / "src/moonmap/i18n/locale/zh/LC_MESSAGES/moonmap.po"]
    texts += sorted((ROOT / "data").glob("*.csv")) + sorted((ROOT / "data").glob("*.json"))
    chars = set()
    for path in texts:
        chars |= {c for c in path.read_text(encoding="utf-8") if 0x2E80 <= ord(c) <= 0x9FFF}
    return chars


def test_font_has_every_chinese_character_the_app_shows():
    cmap = TTFont(str(FONT)).getBestCmap()
    missing = sorted(c for c in shown_cjk() if ord(c) not in cmap)
    assert not missing, f"re-derive the font (scripts/derive_cjk_font.sh): {''.join(missing)}"
    assert len(shown_cjk()) > 100  # the catalog is really Chinese


def test_theme_serves_it_for_cjk_only_from_static():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    (face,) = theme["fontFaces"]
    assert face["url"] == "app/static/fonts/NotoSansSC-moonmap.woff2"
    assert "U+" in face["unicodeRange"] and face["family"] in theme["font"]
    assert (ROOT / "static" / "fonts" / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") == 1
