"""Moon map: every sample-return site on the shipped lunar basemap, filtered, with detail."""

import streamlit as st

from moonmap.colors import legend_html
from moonmap.deck import VIEWS, moon_deck, site_records, station_records, user_records
from moonmap.detail import with_matches
from moonmap.queries import matching_per_site
from moonmap.ui import state as K
from moonmap.ui.data import (
    catalog,
    detail_of,
    filter_options,
    moon_deck_for,
    selection,
    sites_summary,
    sites_table,
)
from moonmap.ui.filters import sidebar_filters
from moonmap.ui.moon import (
    is_phone,
    map_alt,
    on_map_select,
    on_site_pick,
    on_view_pick,
    seed_moon_state,
    sync_moon_url,
    view_options,
)
from moonmap.ui.page import page_setup
from moonmap.ui.site_detail import render_site_detail, render_site_list
from moonmap.ui.upload import render_upload_box, user_sites
from moonmap.ui.url import show_notes

page_setup()
cat, summary, opts = catalog(), sites_summary(), filter_options()
filters = sidebar_filters()
sel = selection(filters)
show_notes(seed_moon_state(opts.site_ids))

st.title("Where Moon rock came from")
st.caption(
    "Eleven missions brought rock back: six Apollo crews, three Luna landers, Chang'e-5 and "
    "Chang'e-6 (the first from the far side). Drag to turn the Moon; click a marker for its "
    "samples."
)
site = st.session_state.get(K.SITE)
views = view_options(detail_of(site).stations if site else None)
phone = is_phone()

shown = summary[summary["site_id"].isin(sel.site_ids)]

flat = VIEWS[st.session_state[K.VIEW]].kind == "flat"
# The flat map needs the full width to show all 360 degrees; the globe sits beside the panel.
if flat:
    col_map = st.container()
    col_count, col_pick = st.columns(2)
else:
    col_map, col_side = st.columns([3, 2])
    col_count = col_pick = col_side
with col_map:
    options = {
        "view": st.session_state[K.VIEW],
        "site": site,
        "focus": st.session_state.get(K.FOCUS),
        "labels": bool(st.session_state[K.LABELS]),
        "regions": bool(st.session_state[K.REGIONS]),
        "compact": phone,
        "height": (300 if phone else 480) if flat else (380 if phone else 560),
    }
    mine = user_sites()
    if mine is None:  # the usual case: built and serialised once per filters and view
        deck = moon_deck_for(filters, **options)
    else:  # the visitor's own sites are drawn too (this session only, not cached)
        n_match = matching_per_site(cat, sel.sample_ids) if not filters.is_default else None
        deck = moon_deck(
            site_records(shown, sel.site_reasons, n_match),
            view=options["view"],
            regions=cat.regions if options["regions"] else None,
            selected=site,
            labels=options["labels"],
            user=user_records(mine),
            stations=station_records(detail_of(site).stations) if site else None,
            height=options["height"],
            focus=options["focus"],
            compact=phone,
        )
    st.pydeck_chart(
        deck,
        key=K.CHART,
        on_select=on_map_select,
        selection_mode="single-object",
        width="stretch",
        alt=map_alt(
            list(shown["mission"]),
            VIEWS[st.session_state[K.VIEW]].label,
            opts.missions.get(site) if site else None,
        ),
    )
    c_view, c_toggles = st.columns([3, 1], vertical_alignment="bottom")
    c_view.radio(
        "View",
        views,
        format_func=lambda k: VIEWS[k].label,
        key=K.VIEW,
        horizontal=True,
        on_change=on_view_pick,
    )
    c_toggles.toggle("Regions", key=K.REGIONS, help="Approximate outlines of maria and basins")
    c_toggles.toggle("Labels", key=K.LABELS)
    st.caption(
        "Moon image: USGS Astrogeology / Clementine mosaic (public domain), via Debian's "
        "stellarium-data. Marker size: returned mass (log scale). Region outlines are "
        "approximations from published centres and sizes. Sources: *Data & sources*."
    )
with col_count:
    total = len(summary)
    if filters.is_default:
        n_sup = int((cat.ages["status"] == "superseded").sum())
        st.markdown(
            f"**All {total} sites**, {sel.n_samples:,} samples, {len(cat.ages)} age "
            f"determinations ({n_sup} of them superseded by a later recalculation)."
        )
    elif sel.n_sites:
        st.markdown(
            f"**{sel.n_sites} of {total} sites** match: {sel.n_samples:,} samples, "
            f"{sel.n_ages} ages ({'; '.join(filters.describe(opts))})."
        )
    else:
        st.warning(
            f"No site has a sample matching {'; '.join(filters.describe(opts))}. "
            "Widen the age range, pick another method or rock type, or press "
            "**Clear filters** in the sidebar."
        )
    st.html(legend_html())
with col_pick:
    st.selectbox(
        "Show details for",
        opts.site_ids,
        key=K.SITE,
        index=None,
        format_func=lambda s: opts.missions.get(s, s),
        placeholder="Choose a landing site…",
        on_change=on_site_pick,
    )
    render_site_list(sites_table(), sel)

if site:
    if site not in sel.site_ids:
        st.info("This site is hidden on the map by the current filters; its detail is below.")
    render_site_detail(with_matches(detail_of(site), sel), filtered=not filters.is_default)
else:
    st.info("Click a site on the map, or choose one above, to see its samples, ages and holders.")
render_upload_box()
sync_moon_url()
