"""Samples & ages: searchable age table, charts, chronology, sample detail and exports."""

import streamlit as st

from moonmap import charts
from moonmap.ages import search_rows
from moonmap.i18n import integer
from moonmap.ui import state as K
from moonmap.ui.ages import (
    COLOUR_CHOICES,
    age_frame,
    render_chronology,
    render_exports,
    render_sample_detail,
    seed_ages_state,
    sync_ages_url,
)
from moonmap.ui.data import age_table, catalog, filter_options, selection
from moonmap.ui.filters import sidebar_filters
from moonmap.ui.lang import _, lang, ngettext, translator
from moonmap.ui.page import page_setup
from moonmap.ui.samples import render_sample_browser
from moonmap.ui.text import chart
from moonmap.ui.url import show_notes

page_setup()
cat, opts = catalog(), filter_options()
filters = sidebar_filters()
sel = selection(filters)
all_rows = age_table()
show_notes(seed_ages_state(tuple(cat.samples["sample_id"])))

st.title(_("Samples and their ages"))
render_sample_browser(sel, tuple(sorted(filters.site_ids)))

st.markdown("### " + _("Every radiometric age"))
st.caption(
    _(
        "Every radiometric age in the catalog: which sample, which method, how precise, what "
        "it dates (the rock forming, an impact, glass beads ...), whether a later "
        "recalculation replaced it, and who published it. Search by sample number, nickname, "
        "mission, rock type or event; the sidebar filters (including what the ages date and "
        "their status) apply too."
    )
)
st.text_input(
    _("Search"),
    key=K.AGES_SEARCH,
    persist_state="session",
    placeholder=_("e.g. 15415, Genesis, Apollo 17, basalt, Pb-Pb"),
    max_chars=100,
)
rows = search_rows(all_rows[all_rows["age_id"].isin(sel.age_ids)], st.session_state[K.AGES_SEARCH])
n_samples = rows["sample_id"].nunique()
if len(rows):
    n_missions = rows["site_id"].nunique()
    st.markdown(
        ngettext(
            "**{ages}** of {samples} from {n} mission.",
            "**{ages}** of {samples} from {n} missions.",
            n_missions,
        ).format(
            ages=ngettext("{n} age", "{n} ages", len(rows)).format(n=integer(len(rows), lang())),
            samples=ngettext("{n} sample", "{n} samples", n_samples).format(
                n=integer(n_samples, lang())
            ),
            n=n_missions,
        )
    )
else:
    st.warning(
        _(
            "No age matches the search and filters. Clear the search box or press **Clear "
            "filters** in the sidebar."
        )
    )
age_frame(
    rows,
    ["sample_id", "nickname", "mission", "rock_type", "age_ma", "age_err_ma", "sigma"]
    + ["method", "material", "dates", "status_label", "source", "link"],
    key="ages_table",
)
sample_ids = list(dict.fromkeys(rows["sample_id"])) or list(cat.samples["sample_id"])
nick = dict(zip(cat.samples["sample_id"], cat.samples["nickname"].fillna(""), strict=True))
chosen = st.session_state.get(K.AGES_SAMPLE)
st.selectbox(
    _("Show details for sample"),
    sorted(set(sample_ids) | ({chosen} if chosen else set())),
    key=K.AGES_SAMPLE,
    persist_state="session",
    index=None,
    format_func=lambda s: f"{s} “{nick[s]}”" if nick.get(s) else s,
    placeholder=_("Choose a sample…"),
)
if st.session_state.get(K.AGES_SAMPLE):
    render_sample_detail(st.session_state[K.AGES_SAMPLE])

if len(rows):
    st.markdown("### " + _("Ages by mission"))
    t = translator()  # bound now: format_func may be called outside this run
    colour_by = st.radio(
        _("Colour by"),
        list(COLOUR_CHOICES),
        format_func=lambda k: t(COLOUR_CHOICES[k]),
        horizontal=True,
        key=K.AGES_COLOUR,
    )
    domain = {"method": list(opts.methods), "event": list(opts.events)}.get(
        colour_by, list(opts.statuses)
    )
    order = list(cat.sites["mission"])
    data, spec = charts.ages_by_mission(rows, order, domain, colour_by)
    chart(data, spec, width="stretch")
    st.caption(_("Bars: the stated ± (1σ or 2σ as published; some sources do not say)."))
    st.markdown("### " + _("How many ages fall in each 100 million years"))
    data, spec = charts.age_histogram(rows, domain, colour_by)
    chart(data, spec, width="stretch")

render_chronology()
render_exports(filters, opts)
sync_ages_url()
