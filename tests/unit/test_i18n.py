"""The message catalogs: complete, current, consistent; language choice; number formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from moonmap.i18n import LANGUAGES, LOCALE_DIR, integer, negotiate, number, po_path, translations

ROOT = Path(__file__).resolve().parents[2]
# As `make messages`: Babel's default keywords (gettext, ngettext, ...) plus ours.
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "N_": None, "t": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
OTHERS = [code for code in LANGUAGES if code != "en"]


def extracted() -> set:
    """Message ids in the code now (what ``make messages`` would extract)."""
    ids = set()
    for _line, message, _comments, _context in extract_from_file(
        "python", str(ROOT / "app.py"), keywords=KEYWORDS
    ):
        ids.add(message if isinstance(message, str) else tuple(message))
    for sub in ("pages", "src/moonmap"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / sub), method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            ids.add(message if isinstance(message, str) else tuple(message))
    return ids


def catalog(code: str):
    with po_path(code).open("rb") as f:
        return read_po(f)


def template_ids() -> set:
    with (LOCALE_DIR / "moonmap.pot").open("rb") as f:
        pot = read_po(f)
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in pot if m.id}


def test_template_is_current_with_the_code():
    assert extracted() == template_ids(), "run `make messages` and translate the new entries"


@pytest.mark.parametrize("code", OTHERS)
def test_every_message_is_translated_with_the_same_placeholders(code):
    cat = catalog(code)
    ids = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in cat if m.id}
    assert set(ids) == template_ids(), "catalog out of step with the template: make messages"
    for key, m in ids.items():
        assert "fuzzy" not in m.flags, (code, key)
        english = [key] if isinstance(key, str) else list(key)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        assert strings and all(s.strip() for s in strings), (code, key, "untranslated")
        want = set(PLACEHOLDER.findall(english[-1]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == want, (code, key, s)
            assert s.count("**") == english[0].count("**"), (code, key, "Markdown bold")
            assert s.count("*") == english[0].count("*"), (code, key, "Markdown emphasis")


@pytest.mark.parametrize("code", OTHERS)
def test_compiled_translations_are_used(code):
    t = translations(code)
    assert t.gettext("Moon map") != "Moon map"
    assert t.ngettext("{n} sample", "{n} samples", 2).format(n=2) != "2 samples"


def test_language_choice_url_then_browser_then_english():
    assert negotiate("fr", "zh-CN") == ("fr", None)
    assert negotiate(None, "zh-CN") == ("zh", None)
    assert negotiate(None, "fr_CA") == ("fr", None)
    assert negotiate(None, "de-DE") == ("en", None)
    assert negotiate("xx", None) == ("en", "xx")
    assert negotiate("  ZH ", None) == ("zh", None)


def test_numbers_follow_the_language():
    assert number(3.85, "en") == "3.85"
    assert number(3.85, "fr") == "3,85"
    assert number(3.85, "zh") == "3.85"
    assert integer(2294, "en") == "2,294"
    assert integer(2294, "fr").replace("\u202f", " ").replace("\xa0", " ") == "2 294"


@pytest.mark.parametrize("code", OTHERS)
def test_markdown_renders_the_same_in_every_language(code):
    """Bold that CommonMark cannot close (``**区域：**不`` — the closing run follows
    punctuation and touches a letter) shows its asterisks; count what actually renders."""
    from markdown_it import MarkdownIt

    md = MarkdownIt()
    tags = re.compile(r"<(strong|em|a|code)\b")

    def shape(text: str) -> list[str]:
        return sorted(tags.findall(md.render(PLACEHOLDER.sub("x", text))))

    for m in catalog(code):
        if not m.id:
            continue
        english = m.id if isinstance(m.id, str) else m.id[0]
        for s in [m.string] if isinstance(m.string, str) else list(m.string):
            assert shape(s) == shape(english), (code, english, s)
