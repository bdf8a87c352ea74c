"""Coverage: what the catalog holds, what is not published, and how to cite it."""

import datetime as dt

import streamlit as st

from moonmap import coverage
from moonmap.ui.data import catalog
from moonmap.ui.lang import N_, _, lang
from moonmap.ui.page import page_setup
from moonmap.ui.text import table as show_table

page_setup()
cat = catalog()

st.title(_("What the catalog covers"))
st.caption(
    _(
        "A gap is not a zero. This page counts what moonmap holds for each mission and, table "
        "by table, which values are not published (empty cells), so nobody mistakes a missing "
        "number for none."
    )
)
st.markdown("### " + _("Per mission"))
show_table(
    coverage.per_mission(cat).drop(columns="site_id"),
    hide_index=True,
    width="stretch",
    column_config={
        "mission": N_("Mission"),
        "samples": N_("Samples"),
        "dated_samples": N_("Dated samples"),
        "ages": N_("Ages"),
        "rock_types": N_("Rock types"),
        "stations": N_("Stations"),
        "samples_at_stations": N_("Samples placed at a station"),
        "station_not_published": st.column_config.TextColumn(
            "Station not published", help=N_("samples whose sampling station no source gives")
        ),
        "holdings": N_("Holdings"),
        "holders": N_("Holders"),
    },
    key="coverage_missions",
)
with st.expander(_("Samples per sampling station")):
    show_table(
        coverage.per_station(cat),
        hide_index=True,
        width="stretch",
        column_config={
            "mission": N_("Mission"),
            "station": N_("Station"),
            "samples": N_("Samples"),
        },
        key="coverage_stations",
    )
st.markdown("### " + _("Rock types"))
show_table(
    coverage.lithologies(cat),
    hide_index=True,
    width="stretch",
    column_config={"rock_type": N_("Rock type"), "samples": N_("Samples"), "ages": N_("Ages")},
    key="coverage_rocks",
)
st.markdown("### " + _("Values that are not published"))
show_table(
    coverage.unknowns(cat),
    hide_index=True,
    width="stretch",
    column_config={
        "table": N_("Table"),
        "value": N_("Value"),
        "not_published": st.column_config.NumberColumn(N_("Not published"), help=N_("empty cells")),
        "of": N_("Out of"),
        "share": N_("Share"),
    },
    key="coverage_unknowns",
)
st.markdown("### " + _("Sources by kind"))
show_table(
    coverage.sources_by_kind(cat),
    hide_index=True,
    width="stretch",
    column_config={"kind": N_("Kind"), "sources": N_("Sources"), "with_doi": N_("With a DOI")},
    key="coverage_sources",
)
st.markdown("### " + _("Cite this dataset"))
text, bib = coverage.citation(cat, dt.date.today().year, lang())
st.text(text)
st.code(bib, language="bibtex")
