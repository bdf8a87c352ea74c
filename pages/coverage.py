"""Coverage: what the catalog holds, what is not published, and how to cite it."""

import datetime as dt

import streamlit as st

from moonmap import coverage
from moonmap.ui.data import catalog
from moonmap.ui.page import page_setup
from moonmap.ui.text import table as show_table

page_setup()
cat = catalog()

st.title("What the catalog covers")
st.caption(
    "A gap is not a zero. This page counts what moonmap holds for each mission and, table by "
    "table, which values are not published (empty cells), so nobody mistakes a missing "
    "number for none."
)
st.markdown("### Per mission")
show_table(
    coverage.per_mission(cat).drop(columns="site_id"),
    hide_index=True,
    width="stretch",
    column_config={
        "mission": "Mission",
        "samples": "Samples",
        "dated_samples": "Dated samples",
        "ages": "Ages",
        "rock_types": "Rock types",
        "stations": "Stations",
        "samples_at_stations": "Samples placed at a station",
        "station_not_published": st.column_config.TextColumn(
            "Station not published", help="samples whose sampling station no source gives"
        ),
        "holdings": "Holdings",
        "holders": "Holders",
    },
    key="coverage_missions",
)
with st.expander("Samples per sampling station"):
    show_table(
        coverage.per_station(cat),
        hide_index=True,
        width="stretch",
        column_config={"mission": "Mission", "station": "Station", "samples": "Samples"},
        key="coverage_stations",
    )
st.markdown("### Rock types")
show_table(
    coverage.lithologies(cat),
    hide_index=True,
    width="stretch",
    column_config={"rock_type": "Rock type", "samples": "Samples", "ages": "Ages"},
    key="coverage_rocks",
)
st.markdown("### Values that are not published")
show_table(
    coverage.unknowns(cat),
    hide_index=True,
    width="stretch",
    column_config={
        "table": "Table",
        "value": "Value",
        "not_published": st.column_config.NumberColumn("Not published", help="empty cells"),
        "of": "Out of",
        "share": "Share",
    },
    key="coverage_unknowns",
)
st.markdown("### Sources by kind")
show_table(
    coverage.sources_by_kind(cat),
    hide_index=True,
    width="stretch",
    column_config={"kind": "Kind", "sources": "Sources", "with_doi": "With a DOI"},
    key="coverage_sources",
)
st.markdown("### Cite this dataset")
text, bib = coverage.citation(cat, dt.date.today().year)
st.text(text)
st.code(bib, language="bibtex")
