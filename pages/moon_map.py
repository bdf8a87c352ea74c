"""Moon map: every sample-return site on the shipped lunar basemap, filtered, with detail."""

import streamlit as st

from moonmap.deck import VIEWS
from moonmap.detail import with_matches
from moonmap.ui import state as K
from moonmap.ui.data import detail_of, filter_options, selection, sites_table
from moonmap.ui.filters import sidebar_filters
from moonmap.ui.lang import _
from moonmap.ui.moon import (
    is_phone,
    map_options,
    on_site_pick,
    render_counts,
    render_moon_map,
    seed_moon_state,
    sync_moon_url,
    view_options,
)
from moonmap.ui.page import page_setup
from moonmap.ui.site_detail import render_site_detail, render_site_list
from moonmap.ui.upload import render_upload_box
from moonmap.ui.url import show_notes

page_setup()
opts = filter_options()
filters = sidebar_filters()
sel = selection(filters)
show_notes(seed_moon_state(opts.site_ids))

st.title(_("Where Moon rock came from"))
st.caption(
    _(
        "Eleven missions brought rock back: six Apollo crews, three Luna landers, Chang'e-5 and "
        "Chang'e-6 (the first from the far side). Drag to turn the Moon; click a marker for its "
        "samples."
    )
)
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
    st.selectbox(
        _("Show details for"),
        opts.site_ids,
        key=K.SITE,
        persist_state="session",
        index=None,
        format_func=lambda s: opts.missions.get(s, s),
        placeholder=_("Choose a landing site…"),
        on_change=on_site_pick,
    )
    render_site_list(sites_table(), sel)

if site:
    if site not in sel.site_ids:
        st.info(_("This site is hidden on the map by the current filters; its detail is below."))
    render_site_detail(with_matches(detail_of(site), sel), filtered=not filters.is_default)
else:
    st.info(
        _("Click a site on the map, or choose one above, to see its samples, ages and holders.")
    )
render_upload_box()
sync_moon_url()
