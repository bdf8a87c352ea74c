"""The session's language: the picker, ``?lang=`` in the URL, and ``_()`` for every text.

``_("text")`` returns *text* in the language this session chose (``moonmap.i18n`` holds the
catalogs). Constants defined at import time are marked with ``N_()`` (for extraction) and
translated where they are shown. Placeholders are named and filled after translation:
``_("{n} of {total} sites").format(n=..., total=...)``.
"""

from __future__ import annotations

import streamlit as st

from moonmap.i18n import DEFAULT, LANGUAGES, negotiate, translations
from moonmap.ui import url as URL
from moonmap.ui.text import md_escape

#: Session-state key of the language (plain state, not a widget's), and its URL parameter.
LANG = "lang"
#: The picker's widget key: it mirrors LANG (set before the picker is drawn, copied back by
#: its callback), so the language never depends on a widget surviving a page switch.
PICKER = "lang_picker"
_SEEDED = "_lang_seeded"
_WRITTEN = "_lang_written"
_NOTE = "_lang_note"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark *message* for translation without translating it (translate where shown)."""
    return message


def lang() -> str:
    """The language of this session (``en``, ``zh`` or ``fr``)."""
    value = st.session_state.get(LANG)
    return value if value in LANGUAGES else DEFAULT


def _(message: str) -> str:
    """*message* in this session's language (as written when no translation exists)."""
    return translations(lang()).gettext(message)


def translator():
    """The ``gettext`` of this session's language, bound now: use it in ``format_func``
    callbacks, which Streamlit (and AppTest) may call outside the session's run."""
    return translations(lang()).gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(lang()).ngettext(singular, plural, n)


def seed_language() -> None:
    """Take the language from ``?lang=`` when the URL brings one this session did not write
    (a shared link), else on a session's first run from the browser's language."""
    url = URL.read((LANG,))
    if not URL.needs_seed(url, _SEEDED, _WRITTEN):
        return
    browser = None
    if not url:
        try:
            browser = st.context.locale
        except Exception:  # no browser request (AppTest)
            browser = None
    code, unknown = negotiate(url.get(LANG), browser)
    if url or not st.session_state.get(_SEEDED):
        st.session_state[LANG] = code
    st.session_state[_NOTE] = unknown
    st.session_state[_SEEDED] = True


def _picked() -> None:
    choice = st.session_state.get(PICKER)
    if choice in LANGUAGES:
        st.session_state[LANG] = choice


def language_picker() -> None:
    """The language choice at the top of the sidebar, kept in ``?lang=`` (a shared link keeps
    its language; English, the default, leaves the URL clean). The URL carries the code
    (``zh``), not the label, so it is synchronised here rather than with ``bind``."""
    seed_language()
    st.session_state[PICKER] = lang()
    with st.sidebar:
        # A radio rather than a segmented control: Streamlit scans every segmented-control
        # label for a leading emoji, and the first scan in a process compiles its emoji
        # table (about 0.3 s of the first page, before the map could be sent).
        st.radio(
            "Language · 语言 · Langue",
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key=PICKER,
            horizontal=True,
            on_change=_picked,
        )
        unknown = st.session_state.get(_NOTE)
        if unknown:
            st.warning(
                md_escape(
                    _("Unknown language “{code}” in the link; choose one here.").format(
                        code=unknown[:20]
                    )
                ),
                icon="⚠️",
            )
    code = lang()
    URL.write((LANG,), {LANG: code if code != DEFAULT else None}, _WRITTEN)
