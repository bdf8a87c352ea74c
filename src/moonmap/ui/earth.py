"""Earth-map page state: camera, colouring, journeys, holder and the Earth-side filters
(country, kind, year), synced with the URL and the map."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from moonmap import holdings as H
from moonmap.earth_deck import (
    DEFAULT_EARTH_VIEW,
    EARTH_VIEWS,
    HOLDERS_LAYER_ID,
    earth_legend_html,
)
from moonmap.i18n import country_name
from moonmap.params import echo
from moonmap.ui import state as K
from moonmap.ui import url as URL
from moonmap.ui.lang import _, lang, ngettext, translator
from moonmap.ui.moon import is_phone
from moonmap.ui.text import md_escape

NOTES = "earth_url_notes"
WRITTEN = "_earth_url_written"
#: Query parameters owned by the Earth page (besides the shared filters).
OWN_KEYS = ("zoom", "color", "arcs", "holder", *H.PARAM_KEYS)


def last_year() -> int:
    """The right end of the timeline: this year."""
    return dt.date.today().year


def _seed(countries: tuple[str, ...], holder_ids: tuple[str, ...]) -> list[str]:
    url = URL.read(OWN_KEYS)
    hf, notes = H.from_params(url, countries, last_year(), lang())
    view = url.get("zoom") or DEFAULT_EARTH_VIEW
    if view not in EARTH_VIEWS:
        notes.append(
            _("Unknown zoom={value}; use one of {options}.").format(
                value=echo(view), options=", ".join(EARTH_VIEWS)
            )
        )
        view = DEFAULT_EARTH_VIEW
    color = url.get("color") or "family"
    if color not in H.COLOR_BY:
        notes.append(
            _("Unknown color={value}; use color=family or color=kind.").format(value=echo(color))
        )
        color = "family"
    arcs = url.get("arcs")
    if arcs not in (None, "on", "off"):
        notes.append(
            _("Unknown arcs={value}; use arcs=off to hide the journeys.").format(value=echo(arcs))
        )
        arcs = None
    holder = url.get("holder") or None
    if holder is not None and holder not in holder_ids:
        notes.append(
            _("No {thing} with id {id}; pick one from the list.").format(
                thing=_("holder"), id=echo(holder)
            )
        )
        holder = None
    st.session_state.update(
        {
            K.EARTH_VIEW: view,
            K.EARTH_COLOR: color,
            K.EARTH_ARCS: arcs != "off",
            K.EARTH_HOLDER: holder,
            K.EARTH_FOCUS: holder if holder and not url.get("zoom") else None,
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
        st.session_state[K.EARTH_FOCUS] = cid


def _focus_holder() -> None:
    st.session_state[K.EARTH_FOCUS] = st.session_state.get(K.EARTH_HOLDER)


def _focus_preset() -> None:
    st.session_state[K.EARTH_FOCUS] = None


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


def holder_sidebar(countries: tuple[str, ...], names: dict[str, str]) -> None:
    """Country and kind filters under the shared ones (read back by :func:`holding_filters`)."""
    with st.sidebar:
        code = lang()
        st.header(_("Filter holders"))
        st.multiselect(
            _("Country"),
            countries,
            key=K.EARTH_COUNTRY,
            persist_state="session",
            format_func=lambda c: country_name(c, code, names.get(c)),
            placeholder=_("Any country"),
        )
        t = translator()  # bound now: format_func may be called outside this run
        st.multiselect(
            _("Kind of holding"),
            H.KINDS,
            key=K.EARTH_KIND,
            persist_state="session",
            format_func=lambda k: t(H.KIND_LABELS[k]),
            placeholder=_("Any kind"),
            help=_(
                "curation: the mission's main store · backup: a second store · loan: research "
                "allocation · gift: state gift · exchange: swapped between agencies · display: "
                "shown to the public · sale: sold at auction"
            ),
        )
        # Always enabled: the timeline (which this also resets) changes in fragment reruns
        # that do not redraw the sidebar, so a computed "disabled" could go stale.
        st.button(_("Clear holder filters"), on_click=reset_earth_filters, key="earth_clear")


def earth_controls() -> None:
    """Timeline, zoom preset, colouring and the journeys toggle."""
    t = translator()  # bound now: format_func may be called outside this run
    st.slider(
        _("Holdings on Earth by the end of"),
        min_value=H.YEAR_FIRST,
        max_value=last_year(),
        key=K.EARTH_YEAR,
        persist_state="session",
        help=_(
            "A holding counts from the year it was received. Where that date is not "
            "published, it counts from the year its mission came back (the earliest it can "
            "have been held)."
        ),
    )
    c_view, c_color, c_arcs = st.columns([4, 2, 1], vertical_alignment="bottom")
    c_view.radio(
        _("Zoom to"),
        list(EARTH_VIEWS),
        format_func=lambda k: t(EARTH_VIEWS[k].label),
        key=K.EARTH_VIEW,
        persist_state="session",
        horizontal=True,
        on_change=_focus_preset,
    )
    c_color.radio(
        _("Colour by"),
        list(H.COLOR_BY),
        format_func=lambda k: t(H.COLOR_BY[k]),
        key=K.EARTH_COLOR,
        persist_state="session",
        horizontal=True,
    )
    c_arcs.toggle(
        _("Journeys"),
        key=K.EARTH_ARCS,
        persist_state="session",
        help=_("Arcs from where the material came from"),
    )


def render_earth_map(es: H.EarthSelection, filters, hf: H.HoldingFilters) -> None:
    """The map (clickable, built once per filters and options: see ``ui.data``) and its
    attribution."""
    from moonmap.ui.data import earth_deck_for

    deck = earth_deck_for(
        filters,
        hf,
        st.session_state[K.EARTH_ARCS],
        view=st.session_state[K.EARTH_VIEW],
        color_by=st.session_state[K.EARTH_COLOR],
        selected=st.session_state.get(K.EARTH_HOLDER),
        focus=st.session_state.get(K.EARTH_FOCUS),
        compact=(phone := is_phone()),
        height=360 if phone else 540,
        lang=lang(),
    )
    n = len(es.holders)
    view_label = EARTH_VIEWS[st.session_state[K.EARTH_VIEW]].label
    alt = ngettext(
        "Map of the Earth with {n} holder of lunar material ({view}); arcs show journeys.",
        "Map of the Earth with {n} holders of lunar material ({view}); arcs show journeys.",
        n,
    ).format(n=n, view=_(view_label))
    st.pydeck_chart(
        deck,
        key=K.EARTH_CHART,
        on_select=on_earth_select,
        selection_mode="single-object",
        width="stretch",
        alt=alt,
    )
    st.caption(
        _(
            "Country outlines: Natural Earth 1:110m (public domain), shipped with moonmap. "
            "Holders marked at city precision are placed at their city's centre. Sources: "
            "tables below and *Data & sources*."
        )
    )


def render_counts_and_picker(
    es: H.EarthSelection, active: list[str], holder_names: dict[str, str]
) -> None:
    """What matches (or what to do when nothing does), the legend and the holder list."""
    col_count, col_pick = st.columns([2, 1])
    with col_count:
        summary = H.summary_text(es, active, lang())
        if summary is None:
            st.warning(
                _(
                    "No holding matches {filters}. Move the timeline later, widen the filters, "
                    "or press **Clear filters** / **Clear holder filters** in the sidebar."
                ).format(filters=md_escape("; ".join(active)))
            )
        else:
            st.markdown(summary[0])
            if summary[1]:
                st.caption(summary[1])
    with col_pick:
        st.html(earth_legend_html(st.session_state[K.EARTH_COLOR], lang()))
        st.selectbox(
            _("Show details for"),
            list(holder_names),
            key=K.EARTH_HOLDER,
            persist_state="session",
            index=None,
            format_func=holder_names.get,
            placeholder=_("Choose a holder…"),
            on_change=_focus_holder,
        )


@st.fragment
def earth_body(filters, opts, names: dict, holder_names: dict) -> None:
    """Everything the timeline, map, view controls and holder picker change: a fragment, so
    these interactions rerun only this part (the sidebar filters rerun the page).

    The Earth filters are read from the widgets here, not passed in: a fragment rerun keeps
    the arguments of the last full run, and the timeline is drawn inside."""
    from moonmap.ui.data import earth_selection, holder_detail_of
    from moonmap.ui.holder_detail import render_holder_detail, render_tables

    hf = holding_filters()
    es = earth_selection(filters, hf, arcs=st.session_state[K.EARTH_ARCS])
    render_earth_map(es, filters, hf)
    earth_controls()
    code = lang()
    active = filters.describe(opts, code) + hf.describe(names, code)
    render_counts_and_picker(es, active, holder_names)
    selected = st.session_state.get(K.EARTH_HOLDER)
    if selected:
        if selected not in set(es.holdings["custodian_id"]):
            st.info(
                _("This holder is hidden by the current filters or timeline; its detail is below.")
            )
        render_holder_detail(holder_detail_of(selected), opts.missions)
    else:
        st.info(
            _("Click a marker or an arc on the map, or choose a holder above, for its holdings.")
        )
    render_tables(es.holdings, es.holders, es.countries)
    sync_earth_url(hf)
