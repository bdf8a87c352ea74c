"""Data & sources: the catalog's tables and every citation, as text (never HTML)."""

import streamlit as st

from moonmap.ui.data import catalog

cat = catalog()
st.title("Data & sources")
st.write(
    "Every coordinate, mass, age and holding in moonmap carries a `source_id` that resolves "
    "to a citation below. Empty cells mean the value is not published, not zero."
)
counts = {name: len(df) for name, df in cat.tables.items()}
cols = st.columns(len(counts))
for col, (name, n) in zip(cols, counts.items(), strict=True):
    col.metric(name.replace("_", " "), n)

table = st.selectbox("Table", list(cat.tables), key="data_table")
df = cat.tables[table]
if "geometry" in df:
    df = df.drop(columns="geometry")
st.dataframe(df, hide_index=True, width="stretch")
st.download_button(
    f"Download {table}.csv", df.to_csv(index=False).encode("utf-8"), f"{table}.csv", "text/csv"
)
