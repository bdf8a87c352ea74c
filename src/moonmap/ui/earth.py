"""Earth-map page state: camera, colouring, journeys, holder and the Earth-side filters
(country, kind, year), synced with the URL and the map."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from moonmap import holdings as H
from moonmap.earth_deck import DEFAULT_EARTH_VIEW, EARTH_VIEWS, HOLDERS_LAYER_ID
from moonmap.ui import state as K
from moonmap.ui import url as URL

NOTES = "earth_url_notes"
WRITTEN = "_earth_url_written"
#: Query parameters owned by the Earth page (besides the shared filters).
OWN_KEYS = ("zoom", "color", "arcs", "holder", *H.PARAM_KEYS)


def last_year() -> int:
    """The right end of the timeline: this year."""
    return dt.date.today().year


def _seed(countries: tuple[str, ...], holder_ids: tuple[str, ...]) -> list[str]:
    url = URL.read(OWN_KEYS)
    hf, notes = H.from_params(url, countries, last_year())
    view = url.get("zoom") or DEFAULT_EARTH_VIEW
    if view not in EARTH_VIEWS:
        notes.append(f"Unknown zoom={view!r}; use one of {', '.join(EARTH_VIEWS)}.")
        view = DEFAULT_EARTH_VIEW
    color = url.get("color") or "family"
    if color not in H.COLOR_BY:
        notes.append(f"Unknown color={color!r}; use color=family or color=kind.")
        color = "family"
    arcs = url.get("arcs")
    if arcs not in (None, "on", "off"):
        notes.append(f"Unknown arcs={arcs!r}; use arcs=off to hide the journeys.")
        arcs = None
    holder = url.get("holder") or None
    if holder is not None and holder not in holder_ids:
        notes.append(f"No holder with id {holder!r}; pick one from the list.")
        holder = None
    st.session_state.update(
        {
            K.EARTH_VIEW: view,
            K.EARTH_COLOR: color,
            K.EARTH_ARCS: arcs != "off",
            K.EARTH_HOLDER: holder,
            K.EARTH_COUNTRY: sorted(hf.countries),
            K.EARTH_KIND: [k for k in H.KINDS if k in hf.kinds],
            K.EARTH_YEAR: hf.year if hf.year is not None else last_year(),
            NOTES: notes,
            WRITTEN: url,
            K.EARTH_SEEDED: True,
        }
    )
    return notes


def seed_earth_state(countries: tuple[str, ...], holder_ids: tuple[str, ...]) -> list[str]:
    """Read the page's URL parameters on its first run in a session, and again when a link
    brings parameters this session did not write. Returns messages about unusable values."""
    if URL.needs_seed(URL.read(OWN_KEYS), K.EARTH_SEEDED, WRITTEN):
        _seed(countries, holder_ids)
    return st.session_state.get(NOTES, [])


def holding_filters() -> H.HoldingFilters:
    """The Earth-side filters described by the current widget values."""
    ss = st.session_state
    year = ss.get(K.EARTH_YEAR, last_year())
    return H.HoldingFilters(
        countries=frozenset(ss.get(K.EARTH_COUNTRY, [])),
        kinds=frozenset(ss.get(K.EARTH_KIND, [])),
        year=None if year >= last_year() else int(year),
    )


def holder_from_event(event) -> str | None:
    """The ``custodian_id`` of a clicked holder marker or journey arc, if any."""
    try:
        objects = event["selection"]["objects"]
    except (KeyError, TypeError, AttributeError):
        return None
    for layer in (HOLDERS_LAYER_ID, "journeys"):
        picked = objects.get(layer) or []
        if picked and isinstance(picked[0], dict):
            cid = picked[0].get("custodian_id")
            if isinstance(cid, str) and cid:
                return cid
    return None


def on_earth_select() -> None:
    """Map callback: a clicked holder (or the holder end of a journey) becomes selected."""
    cid = holder_from_event(st.session_state.get(K.EARTH_CHART))
    if cid:
        st.session_state[K.EARTH_HOLDER] = cid


def reset_earth_filters() -> None:
    st.session_state[K.EARTH_COUNTRY] = []
    st.session_state[K.EARTH_KIND] = []
    st.session_state[K.EARTH_YEAR] = last_year()


def sync_earth_url(hf: H.HoldingFilters) -> None:
    """Write the page's state to the URL (defaults are left out)."""
    ss = st.session_state
    values = {
        **H.to_params(hf),
        "zoom": ss.get(K.EARTH_VIEW) if ss.get(K.EARTH_VIEW) != DEFAULT_EARTH_VIEW else None,
        "color": ss.get(K.EARTH_COLOR) if ss.get(K.EARTH_COLOR) != "family" else None,
        "arcs": None if ss.get(K.EARTH_ARCS, True) else "off",
        "holder": ss.get(K.EARTH_HOLDER),
    }
    URL.write(OWN_KEYS, values, WRITTEN)
