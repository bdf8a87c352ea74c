"""What every page does first: page config, a valid catalog, and the site menu.

Each page script calls :func:`page_setup` itself rather than relying on ``app.py``: with a
``pages/`` folder, a fresh Streamlit server runs a directly opened page URL (a shared
``/earth_map?...`` link) as a stand-alone script until ``st.navigation`` has run once, so
anything only ``app.py`` did would be missing from that first visit.
"""

from __future__ import annotations

import streamlit as st

from moonmap.validate import CatalogError

#: (script, menu label, icon) in menu order; the first is the home page.
PAGES = (
    ("pages/moon_map.py", "Moon map", ":material/bedtime:"),
    ("pages/earth_map.py", "Earth map", ":material/public:"),
    ("pages/samples_ages.py", "Samples & ages", ":material/science:"),
    ("pages/tour.py", "Guided tour", ":material/school:"),
    ("pages/coverage.py", "Coverage", ":material/fact_check:"),
    ("pages/data_sources.py", "Data & sources", ":material/table_chart:"),
)


def page_setup() -> None:
    """Wide layout, stop with a clear message if the data does not validate, draw the menu."""
    st.set_page_config(page_title="moonmap", page_icon="🌕", layout="wide")
    from moonmap.ui.data import catalog

    try:
        catalog()
    except CatalogError as err:
        st.error("The data package does not validate, so moonmap cannot start.")
        st.code(str(err), language=None)
        st.stop()
    with st.sidebar:
        for script, label, icon in PAGES:
            st.page_link(script, label=label, icon=icon)
        st.divider()
