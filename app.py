"""moonmap entry point: the router (``streamlit run app.py``).

Each page sets itself up (page config, data check, menu) through
``moonmap.ui.page.page_setup``; the router only registers the pages. Streamlit's own menu is
hidden (``client.showSidebarNavigation = false``) in favour of that menu.
"""

from pathlib import Path

import streamlit as st

from moonmap.ui.lang import _
from moonmap.ui.page import PAGES, moon_alias

HERE = Path(__file__).parent


def run() -> None:
    # No st.Page icons: a page's Material icon becomes the favicon, which Streamlit fetches
    # from fonts.gstatic.com (caught by the browser tests' offline guard).
    pages = [
        st.Page(HERE / script, title=_(label), default=(i == 0))
        for i, (script, label, _icon) in enumerate(PAGES)
    ]
    # The home page (the Moon map) also answers at /moon, so links to it from other pages
    # have a path of their own (a link to the root page would be "?site=..." relative to the
    # page it sits on).
    pages.append(moon_alias(HERE))
    st.navigation(pages, position="hidden").run()


run()
