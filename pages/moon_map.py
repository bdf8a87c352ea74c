"""Moon map: every sample-return site on the shipped lunar basemap, with the site list."""

import streamlit as st

from moonmap.deck import moon_globe_deck
from moonmap.queries import site_table
from moonmap.ui.data import sites_summary

summary = sites_summary()

st.title("Where Moon rock came from")
st.caption(
    f"{len(summary)} sample-return landing sites: six Apollo crews, three robotic Luna landers "
    "and China's Chang'e-5 and Chang'e-6. Drag to spin the Moon; hover a marker for its facts."
)
col_map, col_list = st.columns([3, 2])
with col_map:
    st.pydeck_chart(
        moon_globe_deck(summary),
        key="moon_globe",
        on_select="ignore",
        width="stretch",
    )
    st.caption(
        "Moon: USGS Astrogeology / Clementine mosaic (public domain), via Debian's "
        "stellarium-data. Positions: LROC and published sources listed on *Data & sources*."
    )
with col_list:
    table = site_table(summary)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "mission": "Mission",
            "site_name": "Where",
            "side": "Side",
            "landed": "Landed (UTC)",
            "returned": "Returned",
            "ages": "Dated ages",
            "n_samples": st.column_config.NumberColumn("Samples", help="samples in the catalog"),
            "n_holders": st.column_config.NumberColumn("Holders", help="institutions on Earth"),
        },
        key="site_list",
    )
    far = summary.loc[summary["side"] == "far", "mission"].tolist()
    if far:
        st.info(f"On the far side: {', '.join(far)}. Spin the globe to find it.")
