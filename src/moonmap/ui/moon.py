"""Moon-map page state: view preset and selected site, synced with the URL and the map."""

from __future__ import annotations

import streamlit as st

from moonmap.deck import DEFAULT_VIEW, SITES_LAYER_ID, VIEWS
from moonmap.ui import state as K
from moonmap.ui import url as URL

NOTES = "moon_url_notes"
WRITTEN = "_moon_url_written"
KEYS = ("view", "site")


def seed_moon_state(site_ids: tuple[str, ...] | list[str]) -> list[str]:
    """On the page's first run in a session, read ``view`` and ``site`` from the URL.

    Returns the messages about parameters that could not be used (shown by the page).
    """
    url = URL.read(KEYS)
    if st.session_state.get(K.MOON_SEEDED) and URL.needs_seed(url, K.MOON_SEEDED, WRITTEN):
        # A link from another page (e.g. a holder's "on the Moon map") names a site or view.
        st.session_state[K.MOON_SEEDED] = False
    if not st.session_state.get(K.MOON_SEEDED):
        notes = []
        view = url.get("view") or st.session_state.get(K.VIEW) or DEFAULT_VIEW
        if view not in VIEWS:
            notes.append(f"Unknown view={view!r}; use one of {', '.join(VIEWS)}.")
            view = DEFAULT_VIEW
        site = url.get("site") or st.session_state.get(K.SITE)
        if site is not None and site not in site_ids:
            notes.append(f"No landing site with id {site!r}; pick one from the list.")
            site = None
        st.session_state[K.VIEW] = view
        st.session_state[K.SITE] = site
        # A link naming a site (and no view) turns the camera to it.
        st.session_state[K.FOCUS] = site if site and not url.get("view") else None
        st.session_state.setdefault(K.REGIONS, True)
        st.session_state.setdefault(K.LABELS, True)
        st.session_state[NOTES] = notes
        st.session_state[K.MOON_SEEDED] = True
    return st.session_state.get(NOTES, [])


def site_from_event(event) -> str | None:
    """The ``site_id`` of the site clicked in a pydeck selection event, if any.

    The event is ``{"selection": {"indices": {...}, "objects": {layer_id: [record, ...]}}}``.
    """
    try:
        objects = event["selection"]["objects"].get(SITES_LAYER_ID) or []
    except (KeyError, TypeError, AttributeError):
        return None
    if objects and isinstance(objects[0], dict):
        site = objects[0].get("site_id")
        return site if isinstance(site, str) and site else None
    return None


def on_map_select() -> None:
    """Callback of the map: a clicked site becomes the selected site (a click on empty
    Moon keeps the current one)."""
    site = site_from_event(st.session_state.get(K.CHART))
    if site:
        st.session_state[K.SITE] = site
        st.session_state[K.FOCUS] = site


def on_site_pick() -> None:
    """Callback of the site picker: the camera turns to the chosen site."""
    st.session_state[K.FOCUS] = st.session_state.get(K.SITE)


def on_view_pick() -> None:
    """Callback of the view presets: the preset's camera wins over the chosen site."""
    st.session_state[K.FOCUS] = None


def is_phone() -> bool:
    """Whether the browser says it is a phone (its User-Agent names a mobile device)."""
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:  # no request context (e.g. AppTest)
        return False
    return any(token in agent for token in ("Mobi", "Android", "iPhone"))


def map_alt(missions: list[str], view_label: str, site_name: str | None) -> str:
    """Accessible name and description of the Moon map."""
    n = len(missions)
    text = (
        f"Map of the Moon ({view_label}) with {n} landing {'site' if n == 1 else 'sites'}: "
        f"{', '.join(missions)}."
    )
    if site_name:
        text += f" Selected: {site_name}, ringed in red and centred."
    return text


def sync_moon_url() -> None:
    """Write view and site to the URL (the default near-side view is left out)."""
    view = st.session_state.get(K.VIEW, DEFAULT_VIEW)
    values = {"view": view if view != DEFAULT_VIEW else None, "site": st.session_state.get(K.SITE)}
    URL.write(KEYS, values, WRITTEN)


def view_options(stations) -> list[str]:
    """The view presets to offer: the close-up only when the chosen site has a traverse to
    draw (two or more stations with cited positions). Moves the current view to the flat map
    if it is no longer offered."""
    placed = 0 if stations is None else int(stations["lat_deg"].notna().sum())
    views = [v for v in VIEWS if v != "site" or placed >= 2]
    if st.session_state.get(K.VIEW) not in views:
        st.session_state[K.VIEW] = "flat"
    return views
