"""The Moon map's "your own sites" box: upload, validate, keep for the session only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from moonmap.queries import plural
from moonmap.ui.text import md_escape as _md
from moonmap.upload import MAX_BYTES, parse_sites

USER_SITES = "user_sites"
USER_FILE = "user_sites_file"
UPLOADER = "user_upload"


def _on_upload() -> None:
    f = st.session_state.get(UPLOADER)
    if f is None:
        return
    result = parse_sites(f.name, f.getvalue())
    st.session_state["user_upload_problems"] = result.problems
    st.session_state["user_upload_notes"] = result.notes
    if result.ok:
        st.session_state[USER_SITES] = result.rows
        st.session_state[USER_FILE] = f.name


def _clear() -> None:
    for key in (USER_SITES, USER_FILE, "user_upload_problems", "user_upload_notes"):
        st.session_state.pop(key, None)


def user_sites() -> pd.DataFrame | None:
    """The sites this session uploaded (validated), or None."""
    return st.session_state.get(USER_SITES)


def render_upload_box() -> None:
    """Uploader, messages and a plain-text preview. Nothing is written to disk."""
    rows = user_sites()
    with st.expander("Add your own sites (CSV or GeoJSON)", expanded=rows is not None):
        st.caption(
            "CSV with columns lat, lon, label (optional age_ma), comma-separated, UTF-8; or "
            "a GeoJSON FeatureCollection of Points with a label property. Latitude −90..90, "
            f"longitude −180..360, age 0–4,600 Ma, at most {MAX_BYTES // 1024} kB. Your sites "
            "are shown in magenta for this session only; nothing is saved."
        )
        st.file_uploader(
            "Your file", type=["csv", "geojson", "json"], key=UPLOADER, on_change=_on_upload
        )
        for p in st.session_state.get("user_upload_problems", []):
            st.error(_md(p))
        for n in st.session_state.get("user_upload_notes", []):
            st.info(_md(n))
        if rows is not None:
            name = st.session_state.get(USER_FILE, "your file")
            st.success(_md(f"{plural(len(rows), 'site')} from {name} on the map."))
            st.table(rows.head(20).fillna({"age_ma": ""}))
            st.button("Remove my sites", on_click=_clear, key="user_clear")
