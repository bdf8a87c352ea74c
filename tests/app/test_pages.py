"""Every page runs under AppTest without exception and shows the catalog."""

from __future__ import annotations

import json
from pathlib import Path

from shown import open_more_filters
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_moon_map_default_page():
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    sites = next(layer for layer in spec["layers"] if layer["id"] == "sites")
    assert len(sites["data"]) == 11
    assert {d["site_id"] for d in sites["data"]} >= {"change-6", "apollo-11"}
    assert spec["views"][0]["@@type"] == "_GlobeView"


def test_data_sources_page():
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/data_sources.py").run()
    assert not at.exception
    at.selectbox(key="data_table").set_value("ages").run()
    assert not at.exception
    assert len(at.dataframe[0].value) >= 50
    at.selectbox(key="data_table").set_value("sources").run()
    assert not at.exception
    src = at.dataframe[0].value
    papers = src[src["kind"] == "paper"]
    unnamed = papers[papers["authors"] == "authors not named in the citation"]
    assert len(unnamed) >= 1 and any("no author named" in c.value for c in at.caption)
    assert (src.loc[src["kind"] != "paper", "authors"] != "authors not named in the citation").all()


def test_broken_package_shows_message_not_traceback(data_copy, monkeypatch):
    (data_copy / "sites.csv").write_text("site_id\n", encoding="utf-8")
    monkeypatch.setenv("MOONMAP_DATA", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "does not validate" in at.error[0].value


def test_data_page_shows_regions_and_applies_filters():
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/data_sources.py").run()
    at.selectbox(key="data_table").set_value("regions").run()
    assert not at.exception
    df = at.dataframe[0].value
    assert "geometry" not in df and "paths" not in df and len(df) >= 7
    open_more_filters(at).multiselect(key="f_method").set_value(["Pb-Pb"])
    at.selectbox(key="data_table").set_value("ages").run()
    assert not at.exception
    assert set(at.dataframe[0].value["method"]) == {"Pb-Pb"}


def test_every_page_checks_the_data_itself(data_copy, monkeypatch):
    """A page opened directly (a shared link on a fresh server runs it without app.py) still
    stops with the validation message, and every page draws the site menu."""
    (data_copy / "sites.csv").write_text("site_id\n", encoding="utf-8")
    monkeypatch.setenv("MOONMAP_DATA", str(data_copy))
    for page in (
        "pages/earth_map.py",
        "pages/samples_ages.py",
        "pages/tour.py",
        "pages/coverage.py",
        "pages/data_sources.py",
        "pages/moon_map.py",
    ):
        at = AppTest.from_file(str(Path(APP).parent / page), default_timeout=30).run()
        assert not at.exception, page
        assert "does not validate" in at.error[0].value, page


def _menu(monkeypatch, query: dict | None = None) -> tuple[list[str], str]:
    """The page titles and position of Streamlit's menu after the first run (spied on
    st.navigation)."""
    import streamlit as st

    seen = {}
    real = st.navigation

    def spy(pages, **kw):
        seen["menu"] = [p.title for p in pages if p.visibility == "visible"]
        seen["position"] = kw.get("position")
        return real(pages, **kw)

    monkeypatch.setattr(st, "navigation", spy)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception
    assert not at.sidebar.get("page_link")  # no menu of the page's own
    return seen["menu"], seen["position"]


def test_menu_is_in_the_links_language_from_the_first_run(monkeypatch):
    from moonmap.i18n import translations

    menu, _ = _menu(monkeypatch, {"lang": "fr"})
    fr = translations("fr").gettext
    assert menu[:3] == [fr("Moon map"), fr("Earth map"), fr("Samples & ages")]
    assert menu[0] != "Moon map"


def test_menu_lists_every_page(monkeypatch):
    """Streamlit's own page menu, in the sidebar, lists the six pages (the /moon alias of the
    Moon map is hidden), and the page draws no menu of its own."""
    menu, position = _menu(monkeypatch)
    assert position == "sidebar"
    assert menu == [
        "Moon map",
        "Earth map",
        "Samples & ages",
        "Guided tour",
        "Coverage",
        "Data & sources",
    ]
