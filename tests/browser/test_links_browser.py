"""Every link on every page resolves, as an absolute path, to the page it names."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

#: Page path -> the heading that page shows.
HEADINGS = {
    "/": "Where Moon rock came from",
    "/moon": "Where Moon rock came from",
    "/earth_map": "Where the Moon is on Earth",
    "/samples_ages": "Samples and their ages",
    "/tour": "Pieces of the Moon on Earth",
    "/coverage": "What the catalog covers",
    "/data_sources": "Data & sources",
}
#: Words in a link's label -> the page path(s) it must lead to.
NAMES = {
    "Moon map": {"/", "/moon"},
    "Earth map": {"/earth_map"},
    "Samples": {"/samples_ages"},
    "samples of": {"/samples_ages"},
    "Guided tour": {"/tour"},
    "Coverage": {"/coverage"},
    "Data & sources": {"/data_sources"},
}
PAGES = [
    "/?site=apollo-16",
    "/earth_map?holder=naoc-beijing",
    "/samples_ages",
    "/tour",
    "/coverage",
    "/data_sources",
]


def test_every_link_names_and_reaches_its_page(server_url, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    targets = set()
    for start in PAGES:
        page.goto(f"{server_url}{start}", wait_until="domcontentloaded")
        page.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2').first.wait_for(
            timeout=30_000
        )
        page.wait_for_timeout(2500)
        links = page.evaluate(
            """() => [...document.querySelectorAll('a[href]')].map(a =>
                 [a.innerText.trim(), a.getAttribute('href'), new URL(a.href).href])"""
        )
        internal = [(t, raw, url) for t, raw, url in links if url.startswith(server_url)]
        assert len(internal) >= 6, (start, links)  # at least the menu
        for text, raw, url in internal:
            path = urlsplit(url).path.rstrip("/") or "/"
            assert path in HEADINGS, (start, text, raw, url)
            for words, paths in NAMES.items():
                if words in text:
                    assert path in paths, (start, text, raw, url)
            targets.add(url)
    # each distinct target, opened on its own (a new tab, a copied link): the page it names
    for url in sorted(targets):
        path = urlsplit(url).path.rstrip("/") or "/"
        page.goto(url, wait_until="domcontentloaded")
        page.locator('[data-testid="stMain"]').get_by_text(HEADINGS[path]).first.wait_for(
            timeout=30_000
        )
    page.close()


def test_a_page_url_opened_first_on_a_fresh_server_has_the_apps_menu(fresh_server_url, page):
    """A shared link to a page other than the Moon map, opened before anyone opened the root
    page (a server just started), shows that page in the link's language with the app's menu,
    not Streamlit's menu of the pages/ folder's file names."""
    from moonmap.i18n import translations
    from moonmap.ui.page import PAGES as MENU

    fr = translations("fr").gettext
    page.goto(f"{fresh_server_url}/earth_map?lang=fr", wait_until="domcontentloaded")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(fr("Where the Moon is on Earth")).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    nav = page.locator('[data-testid="stSidebarNav"] a')
    labels = [t.strip() for t in nav.all_inner_texts()]
    expected = [fr(label) for _script, label in MENU]  # the six pages, in menu order
    assert labels == expected, labels
    assert urlsplit(page.url).path.rstrip("/").endswith("/earth_map"), page.url
    assert "lang=fr" in page.url, page.url
