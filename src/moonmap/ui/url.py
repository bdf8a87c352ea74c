"""Query-parameter plumbing shared by the pages: read a page's keys, decide whether the URL
brings something new, and write the page's state back (only its own keys)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from moonmap.params import clean
from moonmap.ui.text import md_escape


def show_notes(notes: Iterable[str]) -> None:
    """One warning per message about a URL parameter that could not be used. The messages
    quote the parameter's value, so they are shown literally (never as Markdown)."""
    for note in notes:
        st.warning(md_escape(note), icon="⚠️")


def read(keys: Iterable[str]) -> dict[str, str]:
    """The non-empty values of *keys* in the current URL (the last of a repeated key; lone
    surrogates replaced, see :func:`moonmap.params.clean`)."""
    return {k: clean(v) for k in keys if (v := st.query_params.get(k))}


def needs_seed(url: Mapping[str, str], seeded_key: str, written_key: str) -> bool:
    """True on a page's first run in a session, or when the URL carries values this session
    did not write (a link from another page or a pasted link). A URL without the page's keys
    (plain navigation) keeps the session's state."""
    if not st.session_state.get(seeded_key):
        return True
    return bool(url) and dict(url) != st.session_state.get(written_key)


def write(keys: Iterable[str], values: Mapping[str, str | None], written_key: str) -> None:
    """Put the truthy *values* of *keys* in the URL, remove the others, and remember what was
    written (for :func:`needs_seed`). Other pages' parameters are left alone."""
    written = {k: v for k, v in values.items() if v}
    st.session_state[written_key] = written
    for key in keys:
        value = written.get(key)
        if value:
            if st.query_params.get(key) != value:
                st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]
