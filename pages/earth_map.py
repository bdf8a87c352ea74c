"""Earth map: every institution holding lunar material, the journeys of the samples, tables."""

import streamlit as st

from moonmap import holdings as H
from moonmap.ui.data import catalog, filter_options, holdings
from moonmap.ui.earth import earth_body, holder_sidebar, seed_earth_state
from moonmap.ui.filters import sidebar_filters
from moonmap.ui.lang import _
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
holder_sidebar(countries, names)

st.title(_("Where the Moon is on Earth"))
st.caption(
    _(
        "Moon rock travels from the stores in Houston, Moscow and Beijing to laboratories, "
        "museums and heads of state. Each marker is a holder; each arc a journey."
    )
)
earth_body(filters, opts, names, holder_names)
