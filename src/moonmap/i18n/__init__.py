"""Languages: gettext catalogs managed with Babel, numbers formatted per locale (no Streamlit).

The catalogs are ``locale/<lang>/LC_MESSAGES/moonmap.po`` next to this file (template
``locale/moonmap.pot``, made with ``pybabel extract``; see the README, "Languages"). They are
compiled in memory when first used (Babel's ``write_mo``), so no binary ``.mo`` file is kept
in the repository and a corrected ``.po`` takes effect on restart. Fuzzy entries are not
used: an entry marked fuzzy shows in English (and fails the tests).

One translator per language is shared by every session; which language a session sees is the
session's own choice (``moonmap.ui.lang``), never a process-wide ``gettext.install``.
"""

from __future__ import annotations

import functools
import gettext
from io import BytesIO
from pathlib import Path

#: Language code -> the language's own name (as offered in the picker).
LANGUAGES = {"en": "English", "zh": "中文", "fr": "Français"}
DEFAULT = "en"
#: Babel locale of each language (numbers, dates, country names).
LOCALES = {"en": "en", "zh": "zh_Hans_CN", "fr": "fr_FR"}
DOMAIN = "moonmap"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark *message* for extraction without translating it (it is translated where shown)."""
    return message


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The translator of *lang* (English and unknown codes: the text as written)."""
    if lang == DEFAULT or lang not in LANGUAGES:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=LOCALES[lang], domain=DOMAIN)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def negotiate(wanted: str | None, browser: str | None) -> tuple[str, str | None]:
    """The language to show: *wanted* (``?lang=``) if offered, else the browser's locale
    (e.g. ``"fr-FR"``, ``"zh-CN"``) if offered, else English. Also returns a note when
    *wanted* was given but is not offered."""
    note = None
    if wanted:
        code = wanted.strip().lower()[:8]
        if code in LANGUAGES:
            return code, None
        note = wanted
    if isinstance(browser, str) and browser:
        base = browser.replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES:
            return base, note
    return DEFAULT, note


def number(value: float, lang: str, digits: int = 2) -> str:
    """*value* with *digits* decimals in the language's convention (``3.85`` / ``3,85``)."""
    if lang == DEFAULT:  # English needs no Babel (its import costs a cold start ~0.3 s)
        return f"{value:,.{max(digits, 0)}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "en"))


def integer(value: int, lang: str) -> str:
    """*value* with the language's grouping (``2,294`` / ``2 294`` / ``2,294``)."""
    if lang == DEFAULT:
        return f"{int(value):,}"
    from babel.numbers import format_decimal

    return format_decimal(int(value), format="#,##0", locale=LOCALES.get(lang, "en"))


def gettext_for(lang: str):
    """The ``gettext`` function of *lang* (for pure code that is given a language code)."""
    return translations(lang).gettext


@functools.cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(LOCALES.get(lang, "en")).territories)


def country_name(code: str, lang: str, fallback: str | None = None) -> str:
    """The country with ISO 3166 code *code* in *lang* (CLDR names via Babel), else
    *fallback* (the catalog's own name), else the code."""
    if lang != DEFAULT and isinstance(code, str):
        name = _territories(lang).get(code.upper())
        if name:
            return name
    return fallback or code
