"""Earth map: every institution holding lunar material, the journeys of the samples, tables."""

import streamlit as st

from moonmap import holdings as H
from moonmap.earth_deck import (
    EARTH_VIEWS,
    earth_deck,
    earth_legend_html,
    holder_records,
    journey_records,
)
from moonmap.ui import state as K
from moonmap.ui.data import catalog, filter_options, holder_detail_of, holdings, selection
from moonmap.ui.earth import (
    holding_filters,
    last_year,
    on_earth_select,
    reset_earth_filters,
    seed_earth_state,
    sync_earth_url,
)
from moonmap.ui.filters import sidebar_filters
from moonmap.ui.holder_detail import render_holder_detail, render_tables
from moonmap.ui.page import page_setup

page_setup()
cat, opts = catalog(), filter_options()
filters = sidebar_filters()
sel = selection(filters)
h_all = holdings()
names = H.country_names(cat)
countries = tuple(sorted(h_all["country"].dropna().unique(), key=lambda c: names.get(c, c)))
holder_names = dict(zip(h_all["custodian_id"], h_all["holder"], strict=True))
for note in seed_earth_state(countries, tuple(holder_names)):
    st.warning(note, icon="⚠️")

with st.sidebar:
    st.header("Filter holders")
    st.multiselect(
        "Country", countries, key=K.EARTH_COUNTRY, format_func=names.get, placeholder="Any country"
    )
    st.multiselect(
        "Kind of holding",
        H.KINDS,
        key=K.EARTH_KIND,
        placeholder="Any kind",
        help="curation: the mission's main store · backup: a second store · loan: research "
        "allocation · gift: state gift · exchange: swapped between agencies · display: "
        "shown to the public · sale: sold at auction",
    )
    hf = holding_filters()
    st.button(
        "Clear holder filters",
        on_click=reset_earth_filters,
        disabled=hf.is_default,
        key="earth_clear",
    )

st.title("Where the Moon is on Earth")
st.caption(
    "Moon rock travels: from the stores in Houston, Moscow and Beijing to laboratories, "
    "museums and heads of state around the world. Each marker is an institution holding lunar "
    "material; each arc is a journey. Move the timeline to watch the map fill up."
)
st.slider(
    "Holdings on Earth by the end of",
    min_value=H.YEAR_FIRST,
    max_value=last_year(),
    key=K.EARTH_YEAR,
    help="A holding counts from the year it was received. Where that date is not published, "
    "it counts from the year its mission came back (the earliest it can have been held).",
)
c_view, c_color, c_arcs = st.columns([4, 2, 1], vertical_alignment="bottom")
c_view.radio(
    "Zoom to",
    list(EARTH_VIEWS),
    format_func=lambda k: EARTH_VIEWS[k].label,
    key=K.EARTH_VIEW,
    horizontal=True,
)
c_color.radio(
    "Colour by", list(H.COLOR_BY), format_func=H.COLOR_BY.get, key=K.EARTH_COLOR, horizontal=True
)
c_arcs.toggle("Journeys", key=K.EARTH_ARCS, help="Arcs from where the material came from")

h = H.filter_holdings(h_all, cat, filters, sel, hf)
order = {m: i for i, m in enumerate(cat.sites["mission"])}
holder_df = H.holder_summary(h, order)
color_by = st.session_state[K.EARTH_COLOR]
arcs = H.journeys(h, order) if st.session_state[K.EARTH_ARCS] else H.journeys(h.iloc[0:0])
selected = st.session_state.get(K.EARTH_HOLDER)

with st.container():
    deck = earth_deck(
        holder_records(holder_df, color_by),
        journey_records(arcs, color_by),
        view=st.session_state[K.EARTH_VIEW],
        highlight_countries=H.basemap_names(cat, holder_df["country"]),
        selected=selected,
    )
    st.pydeck_chart(
        deck,
        key=K.EARTH_CHART,
        on_select=on_earth_select,
        selection_mode="single-object",
        width="stretch",
    )
    st.caption(
        "Country outlines: Natural Earth 1:110m (public domain), shipped with moonmap. Holders "
        "marked at city precision are placed at their city's centre. Sources: tables below "
        "and *Data & sources*."
    )
col_count, col_pick = st.columns([2, 1])
with col_count:
    active = filters.describe(opts) + hf.describe(names)
    n_known = int(h["mass_g"].notna().sum())
    if len(h):
        total = H.mass_text(h["mass_g"].sum(), n_known, 0) if n_known else "—"
        st.markdown(
            f"**{len(holder_df)} holders in {h['country'].nunique()} countries**, "
            f"{len(h)} holdings from {H.plural(h['site_id'].nunique(), 'mission')}"
            + (f" ({'; '.join(active)})" if active else "")
            + f". Mass published for {n_known} of {len(h)} holdings"
            + (f" ({total} in all)." if n_known else ".")
        )
        unplaced = holder_df[holder_df["lat_deg"].isna()]
        if len(unplaced):
            st.caption(
                f"{len(unplaced)} holder(s) with no published location are listed in the "
                "tables but not on the map."
            )
    else:
        st.warning(
            f"No holding matches {'; '.join(active)}. Move the timeline later, widen the "
            "filters, or press **Clear filters** / **Clear holder filters** in the sidebar."
        )
with col_pick:
    st.html(earth_legend_html(color_by))
    st.selectbox(
        "Show details for",
        list(holder_names),
        key=K.EARTH_HOLDER,
        index=None,
        format_func=holder_names.get,
        placeholder="Choose a holder…",
    )

if selected:
    if selected not in set(h["custodian_id"]):
        st.info("This holder is hidden by the current filters or timeline; its detail is below.")
    render_holder_detail(holder_detail_of(selected), opts.missions)
else:
    st.info("Click a marker or an arc on the map, or choose a holder above, for its holdings.")

render_tables(h, holder_df, H.country_summary(h, order))
sync_earth_url(hf)
