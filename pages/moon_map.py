"""Moon map: every sample-return site on the shipped lunar basemap, filtered, with detail."""

import streamlit as st

from moonmap.ui.data import filter_options
from moonmap.ui.lang import _
from moonmap.ui.moon import moon_body, seed_moon_state
from moonmap.ui.page import page_setup
from moonmap.ui.upload import render_upload_box
from moonmap.ui.url import show_notes

page_setup()
show_notes(seed_moon_state(filter_options().site_ids))

st.title(_("Where Moon rock came from"))
st.caption(
    _(
        "Eleven missions brought rock back: six Apollo crews, three Luna landers, Chang'e-5 and "
        "Chang'e-6 (the first from the far side). Drag to turn the Moon; click a marker for its "
        "samples."
    )
)
moon_body()  # a fragment: the filters, the map and the detail rerun without the rest
render_upload_box()
