"""Earth map: every institution holding lunar material, the journeys of the samples, tables."""

import streamlit as st

from moonmap import holdings as H
from moonmap.ui import state as K
from moonmap.ui.data import catalog, earth_selection, filter_options, holder_detail_of, holdings
from moonmap.ui.earth import (
    earth_controls,
    holder_sidebar,
    render_counts_and_picker,
    render_earth_map,
    seed_earth_state,
    sync_earth_url,
)
from moonmap.ui.filters import sidebar_filters
from moonmap.ui.holder_detail import render_holder_detail, render_tables
from moonmap.ui.page import page_setup
from moonmap.ui.url import show_notes

page_setup()
cat, opts = catalog(), filter_options()
filters = sidebar_filters()
h_all = holdings()
names = H.country_names(cat)
countries = tuple(sorted(h_all["country"].dropna().unique(), key=lambda c: names.get(c, c)))
holder_names = dict(zip(h_all["custodian_id"], h_all["holder"], strict=True))
show_notes(seed_earth_state(countries, tuple(holder_names)))
hf = holder_sidebar(countries, names)

st.title("Where the Moon is on Earth")
st.caption(
    "Moon rock travels from the stores in Houston, Moscow and Beijing to laboratories, museums "
    "and heads of state. Each marker is a holder; each arc a journey."
)
es = earth_selection(filters, hf, arcs=st.session_state[K.EARTH_ARCS])
render_earth_map(es, filters, hf)
earth_controls()
render_counts_and_picker(es, filters.describe(opts) + hf.describe(names), holder_names)

selected = st.session_state.get(K.EARTH_HOLDER)
if selected:
    if selected not in set(es.holdings["custodian_id"]):
        st.info("This holder is hidden by the current filters or timeline; its detail is below.")
    render_holder_detail(holder_detail_of(selected), opts.missions)
else:
    st.info("Click a marker or an arc on the map, or choose a holder above, for its holdings.")

render_tables(es.holdings, es.holders, es.countries)
sync_earth_url(hf)
