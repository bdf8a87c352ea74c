"""moonmap entry point: the router (``streamlit run app.py``).

Each page sets itself up (page config, data check) through ``moonmap.ui.page.page_setup``;
the router registers the pages, and Streamlit's own page menu lists them in the sidebar (drawn
by the browser from the navigation message: no element to send on each rerun, where six
``st.page_link``s and a divider cost the first paint about 0.5 s in headless Chromium). A page
URL opened on a server before its root page ever ran is sent back through here (see
``moonmap.ui.page``).
"""

from pathlib import Path

import streamlit as st

from moonmap.ui.lang import _, seed_language
from moonmap.ui.page import PAGES, moon_alias

HERE = Path(__file__).parent


def run() -> None:
    seed_language()  # first: the menu's page titles are written in the link's language
    # No st.Page icons (see moonmap.ui.page.PAGES).
    pages = [
        st.Page(HERE / script, title=_(label), default=(i == 0))
        for i, (script, label) in enumerate(PAGES)
    ]
    # The home page (the Moon map) also answers at /moon, so links to it from other pages
    # have a path of their own (a link to the root page would be "?site=..." relative to the
    # page it sits on).
    pages.append(moon_alias(HERE))
    st.navigation(pages, position="sidebar").run()


run()
