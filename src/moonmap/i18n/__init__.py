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


class Count(int):
    """A whole number in a message, written with the language's digit grouping when the
    message is filled (``3,222`` / ``3 222``); other values are filled in as they are."""

    __slots__ = ()


def fill(template: str, params: dict, lang: str) -> str:
    """*template* (already translated) with its named placeholders filled from *params*:
    a :class:`Count` as :func:`integer` writes it in *lang*, anything else as ``str()``."""
    return template.format(
        **{k: integer(v, lang) if isinstance(v, Count) else v for k, v in params.items()}
    )


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


#: Ages in running text: Chinese counts in 亿年 (10^8 years), so a value in billions of years
#: is written ten times larger with one decimal fewer (3.87 Ga -> 38.7 亿年).
_PROSE_SCALE = {"zh": 10}


def _prose_number(ga: float, lang: str, digits: int) -> tuple[str, int]:
    """The number as written in *lang*'s prose, and the plural count it governs."""
    scale = _PROSE_SCALE.get(lang, 1)
    shown = ga * scale
    places = max(digits - (1 if scale == 10 else 0), 0)
    return number(shown, lang, places), int(round(shown, places))


def billion_years(ga: float, lang: str, digits: int = 2) -> str:
    """An age in running text: ``3.87 billion years`` / ``3,87 milliards d’années`` /
    ``38.7 亿年``."""
    text, n = _prose_number(ga, lang, digits)
    # Translators: the same text twice in English; French uses the singular below 2
    # (1,5 milliard d'années).
    words = translations(lang).ngettext("{ga} billion years", "{ga} billion years", n)
    return words.format(ga=text)


def billion_years_range(lo_ga: float, hi_ga: float, lang: str, digits: int = 2) -> str:
    """``3.58 to 3.80 billion years`` / ``3,58 à 3,80 milliards d’années`` /
    ``35.8 至 38.0 亿年``."""
    lo, _ = _prose_number(lo_ga, lang, digits)
    hi, n = _prose_number(hi_ga, lang, digits)
    return (
        translations(lang)
        .ngettext("{lo} to {hi} billion years", "{lo} to {hi} billion years", n)
        .format(lo=lo, hi=hi)
    )


def about_billion_years(ga: float, lang: str) -> str:
    """``about 2.0 billion years`` / ``environ 2,0 milliards d’années`` / ``约 20 亿年``."""
    text, n = _prose_number(ga, lang, 1)
    return (
        translations(lang)
        .ngettext("about {ga} billion years", "about {ga} billion years", n)
        .format(ga=text)
    )


def ga_range(lo_ga: float, hi_ga: float, lang: str, prose: bool = False) -> str:
    """A range in Ga for tables and captions (``3.16–3.37 Ga``, ``3,16–3,37 Ga``; one value
    when both round alike). With *prose*, Chinese writes it in 亿年 (``31.6–33.7 亿年``)."""
    if prose and lang in _PROSE_SCALE:
        lo, _ = _prose_number(lo_ga, lang, 2)
        hi, n = _prose_number(hi_ga, lang, 2)
        both = lo if lo == hi else f"{lo}–{hi}"
        return (
            translations(lang)
            .ngettext("{ga} billion years", "{ga} billion years", n)
            .format(ga=both)
        )
    lo, hi = number(lo_ga, lang, 2), number(hi_ga, lang, 2)
    return (lo if lo == hi else f"{lo}–{hi}") + " Ga"
