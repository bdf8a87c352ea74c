"""Moon-map page state: view preset and selected site, synced with the URL and the map."""

from __future__ import annotations

import streamlit as st

from moonmap.deck import DEFAULT_VIEW, SITES_LAYER_ID, VIEWS
from moonmap.params import echo
from moonmap.ui import state as K
from moonmap.ui import url as URL
from moonmap.ui.lang import _, lang, ngettext, translator

NOTES = "moon_url_notes"
PHONE = "_is_phone"
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
            notes.append(
                _("Unknown view={value}; use one of {options}.").format(
                    value=echo(view), options=", ".join(VIEWS)
                )
            )
            view = DEFAULT_VIEW
        site = url.get("site") or st.session_state.get(K.SITE)
        if site is not None and site not in site_ids:
            notes.append(
                _("No {thing} with id {id}; pick one from the list.").format(
                    thing=_("landing site"), id=echo(site)
                )
            )
            site = None
        st.session_state[K.VIEW] = view
        st.session_state[K.SITE] = site
        # A link naming a site (and no view) turns the camera to it.
        st.session_state[K.FOCUS] = site if site and not url.get("view") else None
        # Region outlines are opt-in (the Regions switch under the map): they are approximate,
        # and with their names they cost ~0.8 s of the first paint in headless Chromium.
        st.session_state.setdefault(K.REGIONS, False)
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
    """Whether the browser says it is a phone (its User-Agent names a mobile device); read
    once per session (``st.context.headers`` costs a few ms per call)."""
    if PHONE in st.session_state:
        return st.session_state[PHONE]
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:  # no request context (e.g. AppTest)
        return False
    st.session_state[PHONE] = any(token in agent for token in ("Mobi", "Android", "iPhone"))
    return st.session_state[PHONE]


def map_alt(missions: list[str], view_label: str, site_name: str | None) -> str:
    """Accessible name and description of the Moon map (in the session's language)."""
    text = ngettext(
        "Map of the Moon ({view}) with {n} landing site: {missions}.",
        "Map of the Moon ({view}) with {n} landing sites: {missions}.",
        len(missions),
    ).format(view=view_label, n=len(missions), missions=", ".join(missions))
    if site_name:
        text += " " + _("Selected: {site}, ringed in red and centred.").format(site=site_name)
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


def map_options(site: str | None, phone: bool, flat: bool) -> dict:
    """The page state a Moon deck depends on (see ``ui.data.MOON_OPTIONS``)."""
    return {
        "view": st.session_state[K.VIEW],
        "site": site,
        "focus": st.session_state.get(K.FOCUS),
        "labels": bool(st.session_state[K.LABELS]),
        "regions": bool(st.session_state[K.REGIONS]),
        "compact": phone,
        "height": (300 if phone else 480) if flat else (380 if phone else 560),
        "lang": lang(),
    }


@st.fragment
def moon_body() -> None:
    """The sidebar filters, the map with its controls, the counts, the site picker and list,
    and the chosen site's detail: one fragment, so a filter, a click on the map or a view
    change reruns these alone (the menu, the language picker, the title and the upload box
    are left as they are; a change to those reruns the whole page, this included).

    A fragment may write to the sidebar once the full run has written there first
    (``page_setup`` draws the menu before this runs)."""
    from moonmap.detail import with_matches
    from moonmap.ui.data import detail_of, filter_options, mission_labels, selection, sites_table
    from moonmap.ui.filters import sidebar_filters
    from moonmap.ui.site_detail import render_site_detail, render_site_list

    opts = filter_options()
    filters = sidebar_filters()
    sel = selection(filters)
    site = st.session_state.get(K.SITE)
    views = view_options(detail_of(site).stations if site else None)
    flat = VIEWS[st.session_state[K.VIEW]].kind == "flat"
    # The flat map needs the full width to show all 360 degrees; the globe sits beside the panel.
    if flat:
        col_map = st.container()
        col_count, col_pick = st.columns(2)
    else:
        col_map, col_side = st.columns([3, 2])
        col_count = col_pick = col_side
    with col_map:
        render_moon_map(filters, sel, site, views, map_options(site, is_phone(), flat))
    with col_count:
        render_counts(filters, sel)
    with col_pick:
        names = mission_labels()  # display only: the picker's values stay site ids
        st.selectbox(
            _("Show details for"),
            opts.site_ids,
            key=K.SITE,
            persist_state="session",
            index=None,
            format_func=lambda s: names.get(s, s),
            placeholder=_("Choose a landing site…"),
            on_change=on_site_pick,
        )
        render_site_list(sites_table(), sel)

    # With no site chosen there is nothing more here: the page's caption says to click one.
    if site:
        if site not in sel.site_ids:
            st.info(
                _("This site is hidden on the map by the current filters; its detail is below.")
            )
        render_site_detail(with_matches(detail_of(site), sel), filtered=not filters.is_default)
    sync_moon_url()


def render_moon_map(filters, sel, site: str | None, views: list[str], options: dict) -> None:
    """The clickable map (cached deck, or with the visitor's own sites), its view presets and
    toggles, and the attribution."""
    from moonmap.deck import selection_deck, station_records, user_records
    from moonmap.ui.data import catalog, detail_of, mission_labels, moon_deck_for, sites_summary
    from moonmap.ui.upload import user_sites

    mine = user_sites()
    if mine is None:  # the usual case: built and serialised once per filters and view
        deck = moon_deck_for(filters, **options)
    else:  # the visitor's own sites are drawn too (this session only, not cached)
        deck = selection_deck(
            catalog(),
            sites_summary(),
            sel,
            filtered=not filters.is_default,
            stations=station_records(detail_of(site).stations) if site else None,
            user=user_records(mine),
            **options,
        )
    missions = mission_labels()
    view_label = VIEWS[options["view"]].label
    st.pydeck_chart(
        deck,
        key=K.CHART,
        on_select=on_map_select,
        selection_mode="single-object",
        width="stretch",
        alt=map_alt(
            [missions[s] for s in sel.site_ids],
            _(view_label),
            missions.get(site) if site else None,
        ),
    )
    # One row that wraps on a narrow screen (a single layout block, where columns are three).
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
    t = translator()  # bound now: format_func may be called outside this run
    row.radio(
        _("View"),
        views,
        format_func=lambda k: t(VIEWS[k].label),
        key=K.VIEW,
        persist_state="session",
        horizontal=True,
        on_change=on_view_pick,
    )
    row.toggle(
        _("Regions"),
        key=K.REGIONS,
        persist_state="session",
        help=_("Approximate outlines of maria and basins (dotted)"),
    )
    row.toggle(_("Labels"), key=K.LABELS, persist_state="session")
    st.caption(
        _(
            "Moon image: USGS Astrogeology / Clementine mosaic (public domain), via Debian's "
            "stellarium-data. Marker size: returned mass (log scale). The dotted region outlines "
            "are approximations from published centres and sizes. Sources: *Data & sources*."
        )
    )


def render_counts(filters, sel) -> None:
    """What the filters keep (or what to do when nothing matches), then the colour legend."""
    from moonmap.colors import legend_html
    from moonmap.i18n import integer
    from moonmap.ui.data import catalog, filter_options
    from moonmap.ui.text import md_escape

    cat, opts = catalog(), filter_options()
    code = lang()
    total = len(cat.sites)
    active = md_escape("; ".join(filters.describe(opts, code)))
    samples = ngettext("{n} sample", "{n} samples", sel.n_samples).format(
        n=integer(sel.n_samples, code)
    )
    if filters.is_default:
        n_sup = int((cat.ages["status"] == "superseded").sum())
        ages = ngettext("{n} age determination", "{n} age determinations", len(cat.ages))
        st.markdown(
            _(
                "**All {total} sites**, {samples}, {ages} ({superseded} of them superseded by "
                "a later recalculation)."
            ).format(
                total=total,
                samples=samples,
                ages=ages.format(n=integer(len(cat.ages), code)),
                superseded=integer(n_sup, code),
            )
        )
    elif sel.n_sites:
        ages = ngettext("{n} age", "{n} ages", sel.n_ages).format(n=integer(sel.n_ages, code))
        st.markdown(
            _("**{n} of {total} sites** match: {samples}, {ages} ({filters}).").format(
                n=sel.n_sites, total=total, samples=samples, ages=ages, filters=active
            )
        )
    else:
        st.warning(
            _(
                "No site has a sample matching {filters}. Widen the age range, pick another "
                "method or rock type, or press **Clear filters** in the sidebar."
            ).format(filters=active)
        )
    st.html(legend_html(code))
