"""The shared sidebar filters: one builder that every page calls first, synced with the URL.

(Pages call it rather than ``app.py``: under ``AppTest`` a multipage app re-runs only the page
script after the first run, so widgets drawn by the router would vanish from tests.)
"""

from __future__ import annotations

import streamlit as st

from moonmap.data import age_model as AM
from moonmap.filters import PARAM_KEYS, FilterOptions, Filters, from_params, to_params
from moonmap.ui import state as K
from moonmap.ui import url as URL
from moonmap.ui.data import filter_options, mission_labels
from moonmap.ui.lang import N_, _, lang, ngettext, translator
from moonmap.ui.text import md_escape

SIDE_LABELS = {"both": N_("Both sides"), "near": N_("Near side"), "far": N_("Far side")}
#: The filters in the "More filters" box (the age range and what it counts stay in view).
CHOICE_KEYS = (K.EVENT, K.STATUS, K.METHOD, K.ROCK, K.MISSION, K.AGENCY, K.SIDE)


def choices_set(state) -> int:
    """How many of the "More filters" are set in *state* (a session state mapping)."""
    return sum(
        (state.get(k, "both") != "both") if k == K.SIDE else bool(state.get(k)) for k in CHOICE_KEYS
    )


def _widget_values(f: Filters, opts: FilterOptions) -> dict:
    age = f.age_ma or (opts.age_min_ma, opts.age_max_ma)
    return {
        K.AGE: (age[0] / 1000.0, age[1] / 1000.0),
        K.METHOD: sorted(f.methods),
        K.ROCK: sorted(f.rock_types),
        K.MISSION: [s for s in opts.site_ids if s in f.site_ids],
        K.AGENCY: sorted(f.agencies),
        K.SIDE: f.side or "both",
        K.AGE_SCOPE: f.age_scope,
        K.EVENT: [e for e in opts.events if e in f.events],
        K.STATUS: [s for s in opts.statuses if s in f.statuses],
    }


def _seed_from_url(opts: FilterOptions) -> None:
    """Put the URL's filters into the widgets on a session's first run, and again whenever
    the URL carries filters this session did not write (a link from another page, e.g.
    ``?mission=apollo-11``). A URL without filter parameters (plain page navigation) keeps
    the session's filters."""
    url = URL.read(PARAM_KEYS)
    if not URL.needs_seed(url, K.SEEDED, K.URL_WRITTEN):
        return
    f, notes = from_params(url, opts, lang())
    st.session_state.update(_widget_values(f, opts))
    if choices_set(st.session_state):  # a link that sets them shows them
        st.session_state[K.MORE] = True
    st.session_state[K.LINKED] = None if f.is_default else f
    st.session_state[K.URL_NOTES] = notes
    st.session_state[K.URL_WRITTEN] = url
    st.session_state[K.SEEDED] = True


def _reset() -> None:
    st.session_state.update(_widget_values(Filters(), filter_options()))
    st.session_state[K.URL_NOTES] = []
    st.session_state[K.LINKED] = None


def filters_from_widgets(opts: FilterOptions) -> Filters:
    """The :class:`Filters` that the current widget values describe."""
    ss = st.session_state
    lo_ga, hi_ga = ss.get(K.AGE, (opts.age_min_ma / 1000.0, opts.age_max_ma / 1000.0))
    lo, hi = round(lo_ga * 1000.0), round(hi_ga * 1000.0)
    age = None if (lo, hi) == (round(opts.age_min_ma), round(opts.age_max_ma)) else (lo, hi)
    side = ss.get(K.SIDE, "both")
    return Filters(
        age_ma=age,
        methods=frozenset(ss.get(K.METHOD, [])),
        rock_types=frozenset(ss.get(K.ROCK, [])),
        site_ids=frozenset(ss.get(K.MISSION, [])),
        agencies=frozenset(ss.get(K.AGENCY, [])),
        side=None if side == "both" else side,
        age_scope=ss.get(K.AGE_SCOPE, AM.FORMED),
        events=frozenset(ss.get(K.EVENT, [])),
        statuses=frozenset(ss.get(K.STATUS, [])),
    )


def _sync_url(f: Filters) -> None:
    """Write the active filters to the URL (only the filter keys; other params are kept)."""
    URL.write(PARAM_KEYS, to_params(f), K.URL_WRITTEN)


def sidebar_filters() -> Filters:
    """Draw the shared filters in the sidebar and return the selection they describe.

    Every page calls this once at its top.
    """
    opts = filter_options()
    _seed_from_url(opts)
    t = translator()  # bound now: format_func may be called outside this run
    with st.sidebar:
        st.header(_("Filter samples"))
        URL.show_notes(st.session_state.get(K.URL_NOTES, []))
        _age_controls(opts, t)
        _more_filters(opts, t)
        f = filters_from_widgets(opts)
        if not f.is_default:  # shown when there is something to clear
            st.button(_("Clear filters"), on_click=_reset, key="f_clear")
    _sync_url(f)
    if st.session_state.get(K.LINKED) == f and not f.is_default:
        linked_banner(f, opts)
    return f


def _age_controls(opts: FilterOptions, t) -> None:
    """The age range and what it counts (in the sidebar)."""
    st.slider(
        _("Age (billions of years, Ga)"),
        min_value=opts.age_min_ma / 1000.0,
        max_value=opts.age_max_ma / 1000.0,
        step=0.01,
        format="%.2f",
        key=K.AGE,
        persist_state="session",
        help=_(
            "Keeps samples with at least one radiometric age in this range "
            "(the stated value; its ± is not considered). 1 Ga = 1,000 million years."
        ),
    )
    st.radio(
        _("The age range counts"),
        AM.SCOPES,
        key=K.AGE_SCOPE,
        persist_state="session",
        format_func=lambda s: t(AM.SCOPE_LABELS[s]),
        horizontal=True,
        help=" ".join(
            _("{scope}: {meaning}").format(
                scope=_(AM.SCOPE_LABELS[s]).capitalize(), meaning=_(AM.SCOPE_HELP[s])
            )
            for s in AM.SCOPES
        ),
    )
    scope = st.session_state.get(K.AGE_SCOPE, AM.FORMED)
    st.caption(_(AM.SCOPE_HELP[scope]) if scope in AM.SCOPE_HELP else "")


def _more_filters(opts: FilterOptions, t) -> None:
    """Event, status, method, rock type, mission, agency and side in a box that is built only
    when open (closed, it costs a rerun one element instead of seven; the values are kept and
    still apply). Its title counts the filters set, so a closed box hides nothing silently."""
    n = choices_set(st.session_state)
    title = (
        ngettext("More filters ({n} set)", "More filters ({n} set)", n).format(n=n)
        if n
        else _("More filters: event, status, method, rock, mission, agency, side")
    )
    box = st.expander(title, key=K.MORE, on_change="rerun", expanded=n > 0)
    with box:
        if box.open:
            _choice_filters(opts, t)


def _choice_filters(opts: FilterOptions, t) -> None:
    """Event, status, method, rock type, mission, agency and side (in the sidebar)."""
    st.multiselect(
        _("What the age dates"),
        opts.events,
        key=K.EVENT,
        persist_state="session",
        format_func=lambda e: t(AM.EVENT_LABELS[e]) if e in AM.EVENT_LABELS else e,
        placeholder=_("Any event"),
        help=_("Keep only ages of these kinds (e.g. impact ages), as their sources state."),
    )
    st.multiselect(
        _("Status"),
        opts.statuses,
        key=K.STATUS,
        persist_state="session",
        format_func=lambda v: t(AM.STATUS_LABELS[v]) if v in AM.STATUS_LABELS else v,
        placeholder=_("Current and superseded"),
        help=_("superseded: a later recalculation of the same data replaces the value."),
    )
    st.multiselect(
        _("Dating method"),
        opts.methods,
        key=K.METHOD,
        persist_state="session",
        placeholder=_("Any method"),
        help=_("Radiometric system, e.g. Pb-Pb (lead-lead) or Ar-Ar (argon-argon)."),
    )
    st.multiselect(
        _("Rock type"),
        opts.rock_types,
        key=K.ROCK,
        persist_state="session",
        placeholder=_("Any rock type"),
    )
    names = mission_labels()  # display only: the widget's values stay site ids
    st.multiselect(
        _("Mission"),
        opts.site_ids,
        key=K.MISSION,
        persist_state="session",
        format_func=lambda s: names.get(s, s),
        placeholder=_("Any mission"),
    )
    st.multiselect(
        _("Agency"),
        opts.agencies,
        key=K.AGENCY,
        persist_state="session",
        placeholder=_("Any agency"),
    )
    st.radio(
        _("Side of the Moon"),
        list(SIDE_LABELS),
        key=K.SIDE,
        persist_state="session",
        format_func=lambda k: t(SIDE_LABELS[k]),
        horizontal=True,
    )


def linked_banner(f: Filters, opts: FilterOptions) -> None:
    """Say that the filters came with the link (or address) that opened the page, so a
    filter set elsewhere never hides sites without a word; one click shows everything."""
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.info(
        _(
            "Showing only {filters}: set by the link you followed. The sidebar shows every filter."
        ).format(filters=md_escape("; ".join(f.describe(opts, lang())))),
        icon=":material/link:",
    )
    button.button(_("Show everything"), on_click=_reset, key="f_clear_linked")
