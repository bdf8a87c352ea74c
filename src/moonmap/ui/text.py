"""Showing text from the catalog, a URL, an upload or a search box literally in Markdown."""

from __future__ import annotations


def md_escape(text: object) -> str:
    """Escape Markdown control characters so *text* shows literally (Streamlit escapes HTML
    but renders Markdown in messages, captions and ``st.markdown``)."""
    out = str(text)
    for ch in "\\`*_{}[]()#+-.!|<>~$":
        out = out.replace(ch, "\\" + ch)
    return out
