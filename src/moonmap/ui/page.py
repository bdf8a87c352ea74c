"""What every page does first: page config, a valid catalog, the language picker.

Each page script calls :func:`page_setup` itself, and the first thing it does is make sure the
page runs through ``app.py``'s router (see :func:`_through_router`).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from moonmap.ui.heap import freeze_startup_heap
from moonmap.ui.lang import N_, _, lang, language_picker
from moonmap.validate import CatalogError

ROOT = Path(__file__).resolve().parents[3]

#: A keyboard user sees where focus is: a thick amber outline, unlike the grey highlight of
#: the current page in the menu (a constant, safe as HTML).
FOCUS_CSS = """<style>
a:focus-visible, button:focus-visible, [role="radio"]:focus-visible, input:focus-visible,
[tabindex]:focus-visible { outline: 3px solid #ffb000 !important; outline-offset: 2px !important; }
</style>"""
FAVICON = Path("app/static/favicon.png")
MOON_SCRIPT = "pages/moon_map.py"
MOON_ALIAS = "moon"

#: (script, menu label) in menu order; the first is the home page. Labels are shown through
#: ``_()``. No icons: a page's Material icon becomes the favicon, which Streamlit fetches from
#: fonts.gstatic.com (caught by the browser tests' offline guard).
PAGES = (
    ("pages/moon_map.py", N_("Moon map")),
    ("pages/earth_map.py", N_("Earth map")),
    ("pages/samples_ages.py", N_("Samples & ages")),
    ("pages/tour.py", N_("Guided tour")),
    ("pages/coverage.py", N_("Coverage")),
    ("pages/data_sources.py", N_("Data & sources")),
)


def _through_router() -> None:
    """Send a page opened without the router back through it.

    With a ``pages/`` folder, a freshly started Streamlit server runs a page URL opened before
    the root page ever ran (a shared ``/earth_map?...`` link) as a stand-alone script, with a
    menu of the folder's file names. Marking the folder as unused (what ``st.navigation``
    itself does on its first call) and rerunning sends this run, and every later one, through
    ``app.py``: the same page (a page's id is its URL path) with the same query string.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_setup() -> None:
    """Through the router, wide layout, the language picker, and stop with a clear message
    if the data does not validate."""
    _through_router()
    # A file icon (static/favicon.png), not an emoji: Streamlit checks an emoji string
    # against its emoji table, whose first import costs ~0.3 s of a cold start. A relative
    # static URL as a Path skips that check and is passed through as the icon's address.
    st.set_page_config(page_title="moonmap", page_icon=FAVICON, layout="wide")
    from moonmap.ui.data import catalog

    language_picker()  # first: everything below is written in the chosen language
    try:
        catalog()
    except CatalogError as err:
        st.error(_("The data package does not validate, so moonmap cannot start."))
        # In the visitor's language; shown literally (a code block), so nothing is escaped.
        st.code(err.render(lang()), language=None)
        st.stop()
    # The process's long-lived objects (imports, the catalog) exist now: freeze them once so
    # the collection Streamlit runs after every rerun does not walk them (see moonmap.ui.heap).
    freeze_startup_heap()
    with st.sidebar:  # the page menu above is Streamlit's own (see app.py)
        st.html(FOCUS_CSS)


def moon_alias(root: Path = ROOT):
    """The Moon map registered a second time, at ``/moon`` (hidden from menus)."""
    return st.Page(
        root / MOON_SCRIPT, title=_("Moon map"), url_path=MOON_ALIAS, visibility="hidden"
    )


def on_home_page() -> bool:
    """Whether the page being shown is the Moon map at the app's root URL (not ``/moon`` or
    another page; a ``server.baseUrlPath`` prefix is allowed)."""
    try:
        url = st.context.url
    except Exception:  # no browser request (AppTest)
        url = None
    if not isinstance(url, str) or not url:
        return True
    path = urlsplit(url).path
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last not in {Path(script).stem for script, _ in PAGES[1:]} | {MOON_ALIAS}


def link_target(script: str):
    """What a link to *script* should point at: the Moon map is linked at ``/moon`` from
    other pages, so its ``href`` is a path of its own (see :func:`moon_alias`)."""
    if script == MOON_SCRIPT and not on_home_page():
        return moon_alias()
    return script
