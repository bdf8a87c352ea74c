"""Data & sources: the catalog's tables and every citation, as text (never HTML)."""

import streamlit as st

from moonmap.io.citations import NO_AUTHORS, with_author_notes
from moonmap.queries import format_utc, table_for_display
from moonmap.ui.data import catalog, filter_options, selection
from moonmap.ui.filters import sidebar_filters
from moonmap.ui.lang import _, lang
from moonmap.ui.page import page_setup
from moonmap.ui.text import md_escape
from moonmap.ui.text import table as show_table

page_setup()
cat = catalog()
filters = sidebar_filters()
st.title(_("Data & sources"))
st.write(
    _(
        "Every coordinate, mass, age and holding in moonmap carries a `source_id` that resolves "
        "to a citation below. Empty cells mean the value is not published, not zero."
    )
)
counts = {name: len(df) for name, df in cat.tables.items()}
cols = st.columns(5)
for i, (name, n) in enumerate(counts.items()):
    cols[i % 5].metric(name.replace("_", " "), f"{n:,}")

table = st.selectbox(_("Table"), list(cat.tables), key="data_table")
only = st.toggle(
    _("Only rows matching the sidebar filters"),
    value=True,
    key="data_only_matching",
    disabled=filters.is_default,
    help=_("Applies to sites, samples, ages and splits; other tables are shown whole."),
)
sel = selection(filters) if only and not filters.is_default else None
df = table_for_display(cat, table, sel)
if sel is not None and table in ("sites", "samples", "ages", "splits"):
    st.caption(
        _("{n} of {total} rows match: {filters}").format(
            n=len(df),
            total=len(cat.tables[table]),
            filters=md_escape("; ".join(filters.describe(filter_options(), lang()))),
        )
    )
if "landing_utc" in df:
    df = df.assign(landing_utc=df["landing_utc"].map(format_utc))
if table == "sources":
    df = with_author_notes(df)
    n_missing = int((df["authors"] == NO_AUTHORS).sum())
    st.caption(
        _(
            "{n} papers have no author named in their citation; their rows say “{no_authors}”. "
            "Export every citation for a reference manager from *Samples & ages* → *Take the "
            "data with you* (BibTeX, CSL-JSON)."
        ).format(n=n_missing, no_authors=NO_AUTHORS)
    )
show_table(df, hide_index=True, width="stretch")
st.download_button(
    _("Download {file}").format(file=f"{table}.csv"),
    df.to_csv(index=False).encode("utf-8"),
    f"{table}.csv",
    "text/csv",
)
