"""moonmap entry point: page config, then the router (``streamlit run app.py``)."""

from pathlib import Path

import streamlit as st

from moonmap.validate import CatalogError

HERE = Path(__file__).parent
PAGES = HERE / "pages"


def run() -> None:
    st.set_page_config(page_title="moonmap", page_icon="🌕", layout="wide")
    from moonmap.ui.data import catalog

    try:
        catalog()
    except CatalogError as err:
        st.error("The data package does not validate, so moonmap cannot start.")
        st.code(str(err), language=None)
        st.stop()
    nav = st.navigation(
        [
            st.Page(PAGES / "moon_map.py", title="Moon map", default=True),
            st.Page(PAGES / "earth_map.py", title="Earth map"),
            st.Page(PAGES / "data_sources.py", title="Data & sources"),
        ]
    )
    nav.run()


run()
