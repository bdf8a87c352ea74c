"""The Moon map's "your own sites" box: upload, validate, keep for the session only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from moonmap.ui.lang import _, lang, ngettext
from moonmap.ui.text import md_escape as _md
from moonmap.upload import MAX_BYTES, parse_sites

USER_SITES = "user_sites"
USER_FILE = "user_sites_file"
UPLOADER = "user_upload"
PROBLEMS = "user_upload_problems"
NOTES = "user_upload_notes"
#: The checked file, kept (name, bytes) while it has messages to show, and the language they
#: are written in: if the visitor then changes language, the check is run again in the new
#: language (the same rows; only the words change). Streamlit refuses uploads above 1 MB.
CHECKED = "user_upload_checked"
MESSAGES_LANG = "user_upload_lang"


def _check(name: str, data: bytes) -> None:
    """Check the file in this session's language and keep its messages (and its rows if good)."""
    result = parse_sites(name, data, lang=lang())
    st.session_state[PROBLEMS] = result.problems
    st.session_state[NOTES] = result.notes
    st.session_state[MESSAGES_LANG] = lang()
    if result.problems or result.notes:
        st.session_state[CHECKED] = (name, data)
    else:
        st.session_state.pop(CHECKED, None)
    if result.ok:
        st.session_state[USER_SITES] = result.rows
        st.session_state[USER_FILE] = name


def _on_upload() -> None:
    f = st.session_state.get(UPLOADER)
    if f is None:
        return
    _check(f.name, f.getvalue())


def _messages_in_language() -> None:
    """Re-check the kept file when the messages are not in this session's language."""
    kept = st.session_state.get(CHECKED)
    if kept is not None and st.session_state.get(MESSAGES_LANG) != lang():
        rows = st.session_state.get(USER_SITES)
        _check(*kept)
        if rows is not None:  # the same file gives the same rows: keep those drawn
            st.session_state[USER_SITES] = rows


def _clear() -> None:
    for key in (USER_SITES, USER_FILE, PROBLEMS, NOTES, CHECKED, MESSAGES_LANG):
        st.session_state.pop(key, None)


def user_sites() -> pd.DataFrame | None:
    """The sites this session uploaded (validated), or None."""
    return st.session_state.get(USER_SITES)


def render_upload_box() -> None:
    """Uploader, messages and a plain-text preview. Nothing is written to disk."""
    rows = user_sites()
    # A lazy expander: closed, its uploader and help are not built or sent on reruns.
    box = st.expander(
        _("Add your own sites (CSV or GeoJSON)"),
        expanded=rows is not None,
        key="upload_box",
        on_change="rerun",
    )
    with box:
        if box.open is False:
            return
        st.caption(
            _(
                "CSV with columns lat, lon, label (optional age_ma), comma-separated, UTF-8; or "
                "a GeoJSON FeatureCollection of Points with a label property. Latitude −90..90, "
                "longitude −180..360, age 0–4,600 Ma, at most {kb} kB. Your sites are shown in "
                "magenta for this session only; nothing is saved."
            ).format(kb=MAX_BYTES // 1024)
        )
        st.file_uploader(
            _("Your file"), type=["csv", "geojson", "json"], key=UPLOADER, on_change=_on_upload
        )
        _messages_in_language()
        for p in st.session_state.get(PROBLEMS, []):
            st.error(_md(p))
        for n in st.session_state.get(NOTES, []):
            st.info(_md(n))
        if rows is not None:
            name = st.session_state.get(USER_FILE) or _("your file")
            n = len(rows)
            text = ngettext(
                "{n} site from {file} on the map.", "{n} sites from {file} on the map.", n
            )
            st.success(text.format(n=n, file=_md(name)))
            # st.table renders its cells as Markdown: the labels (the visitor's own text) are
            # escaped so they show literally (an image link stays text, loads nothing).
            preview = rows.head(20).fillna({"age_ma": ""})
            st.table(preview.assign(label=[_md(v) for v in preview["label"]]))
            st.button(_("Remove my sites"), on_click=_clear, key="user_clear")
