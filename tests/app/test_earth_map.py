"""Earth map page under AppTest: shared + holder filters, timeline, holder detail, links, URL."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from shown import open_more_filters, shown
from streamlit.testing.v1 import AppTest

from moonmap.ui.earth import holder_from_event

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EARTH = "pages/earth_map.py"


TABS = ("By country", "By institution", "Every holding")


def frame_with(at, *columns: str) -> pd.DataFrame:
    """The first dataframe that has all *columns* (dataframes carry no key), opening the
    tables' tabs in turn (they are lazy: only the open tab's table is built)."""
    for tab in (None, *TABS):
        if tab is not None:
            at.session_state["earth_tab"] = tab
            at.run()
        for df in at.dataframe:
            if set(columns) <= set(df.value.columns):
                return df.value
    raise AssertionError(f"no dataframe with columns {columns!r}")


def test_tables_are_lazy_tabs_only_the_open_one_is_built():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(EARTH).run()
    first = [set(df.value.columns) for df in at.dataframe]
    assert any({"country_name", "n_holders"} <= c for c in first)
    assert not any({"holder", "came_from"} <= c for c in first)
    at.session_state["earth_tab"] = "Every holding"
    at.run()
    now = [set(df.value.columns) for df in at.dataframe]
    assert any({"holder", "came_from"} <= c for c in now)
    assert not any({"country_name", "n_holders"} <= c for c in now)


def holdings_shown(at) -> pd.DataFrame:
    """The 'All holdings' table (it alone has both 'came_from' and 'holder')."""
    return frame_with(at, "holder", "came_from")


def layer(at, layer_id: str) -> list[dict]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    found = [x for x in spec["layers"] if x["id"] == layer_id]
    return found[0]["data"] if found else []


def raw(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / name, dtype=str)


def open_earth(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(EARTH).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def at():
    return open_earth()


def test_change5_filter_shows_gifts_paris_holders_and_2025_loans(at):
    open_more_filters(at).multiselect(key="f_mission").set_value(["change-5"]).run()
    assert not at.exception
    table = holdings_shown(at)
    assert set(table["mission"]) == {"Chang'e-5"}
    gifts = table[table["kind"] == "gift"]
    by_country = gifts.groupby("country_name")["mass"].apply(list).to_dict()
    assert by_country["Russia"] == ["1.5 g"]
    assert sorted(by_country["France"]) == ["0.5 g", "1 g"]  # the 1.5 g French gift, two parts
    holders = frame_with(at, "holder", "first_year")
    mass = dict(zip(holders["holder"], holders["mass"], strict=True))
    assert mass["Muséum national d'Histoire naturelle"] == "1.5 g"
    assert any(
        h.startswith("Russian Academy of Sciences") and m == "1.5 g" for h, m in mass.items()
    )
    paris = set(holders.loc[holders["city"] == "Paris", "holder"])
    assert paris == {
        "Muséum national d'Histoire naturelle",
        "Institut de physique du globe de Paris (IPGP)",
    }
    splits, cust = raw("splits.csv"), raw("custodians.csv")
    loans = splits[(splits["kind"] == "loan") & splits["received"].str.startswith("2025", na=False)]
    expected = set(cust.loc[cust["custodian_id"].isin(loans["custodian_id"]), "name"])
    assert len(expected) == 7 and expected <= set(table["holder"])
    on_map = {r["custodian_id"] for r in layer(at, "holders")}
    assert set(loans["custodian_id"]) <= on_map
    assert at.query_params["mission"] in (["change-5"], "change-5")


def test_selecting_france_lists_its_holdings_with_sources(at):
    at.multiselect(key="earth_country").set_value(["FR"]).run()
    assert not at.exception
    table = holdings_shown(at)
    cust = raw("custodians.csv")
    fr_ids = set(cust.loc[cust["country"] == "FR", "custodian_id"])
    splits = raw("splits.csv")
    assert len(table) == splits["custodian_id"].isin(fr_ids).sum() >= 4
    assert set(table["country_name"]) == {"France"}
    assert table["source"].notna().all() and table["link"].str.startswith("http").all()
    country = frame_with(at, "country_name", "n_holders")
    assert list(country["country_name"]) == ["France"]
    assert at.query_params["country"] in (["FR"], "FR")


def test_year_1975_hides_every_change_holding(at):
    at.slider(key="earth_year").set_value(1975).run()
    assert not at.exception
    table = holdings_shown(at)
    assert len(table) and not table["mission"].str.startswith("Chang'e").any()
    shown_ids = {r["custodian_id"] for r in layer(at, "holders")}
    assert "naoc-beijing" not in shown_ids and "nasa-jsc" in shown_ids
    assert all("Chang'e" not in r["line1"] for r in layer(at, "journeys"))
    at.slider(key="earth_year").set_value(2023).run()
    assert "Chang'e-5" in set(holdings_shown(at)["mission"])


def test_unpublished_masses_are_shown_as_such(at):
    table = holdings_shown(at)
    splits = raw("splits.csv").set_index("split_id")
    assert (table["mass"] == "not published").sum() == splits["mass_g"].isna().sum()
    assert not table["mass"].isin(["0 g", "0.0 g", "0"]).any()
    hollow = [r for r in layer(at, "holders") if r["fill"][3] == 0]
    assert hollow and all("not published" in r["line2"] for r in hollow)


def test_holder_detail_links_back_to_its_moon_sites(at):
    at.selectbox(key="earth_holder").set_value("nasa-jsc").run()
    assert not at.exception
    detail = frame_with(at, "mission", "came_from", "note")
    assert {"Apollo 11", "Luna 16", "Luna 24"} <= set(detail["mission"])
    links = [link.proto for link in at.main.get("page_link")]
    # Through the router the Moon map is the root page ("") or its /moon alias.
    sites = {p.query_string for p in links if p.page in ("", "moon")}
    assert {"site=apollo-11", "site=luna-16", "site=luna-24"} <= sites
    assert at.query_params["holder"] in (["nasa-jsc"], "nasa-jsc")
    ring = layer(at, "selected-holder")
    assert [r["custodian_id"] for r in ring] == ["nasa-jsc"]


def test_moon_site_detail_links_to_its_holders_here():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["site"] = "luna-16"
    at.run()
    link = next(p.proto for p in at.main.get("page_link") if p.proto.page == "earth_map")
    assert link.query_string == "mission=luna-16"
    # Following the link: the URL's filter is adopted even though the session has filters.
    at.query_params["mission"] = "luna-16"
    at.switch_page(EARTH).run()
    assert not at.exception
    assert at.multiselect(key="f_mission").value == ["luna-16"]
    assert set(holdings_shown(at)["mission"]) == {"Luna 16"}


def test_url_restores_the_page_and_bad_values_are_explained():
    at = open_earth(
        {"country": "FR,RU", "kind": "gift", "year": "2024", "zoom": "europe", "color": "kind"}
    )
    assert at.multiselect(key="earth_country").value == ["FR", "RU"]
    assert at.multiselect(key="earth_kind").value == ["gift"]
    assert at.slider(key="earth_year").value == 2024
    assert at.radio(key="earth_view").value == "europe"
    table = holdings_shown(at)
    assert set(table["kind"]) == {"gift"} and set(table["country_name"]) == {"France", "Russia"}
    bad = open_earth({"country": "ZZ", "year": "<b>x</b>", "zoom": "mars", "holder": "nobody"})
    notes = [shown(w.value) for w in at.warning] + [shown(w.value) for w in bad.warning]
    assert any("'ZZ'" in n for n in notes) and any("zoom" in n for n in notes)
    assert any("nobody" in n for n in notes) and any("<b>x</b>" in n for n in notes)
    assert not bad.exception and len(holdings_shown(bad)) > 40


def test_no_match_says_what_to_do(at):
    at.multiselect(key="earth_country").set_value(["PK"]).run()
    at.slider(key="earth_year").set_value(1980).run()
    assert not at.exception
    assert any("No holding matches" in w.value for w in at.warning)


def test_click_event_selects_a_holder():
    event = {
        "selection": {
            "indices": {"holders": [0]},
            "objects": {"holders": [{"custodian_id": "hku"}]},
        }
    }
    assert holder_from_event(event) == "hku"
    arc = {"selection": {"objects": {"journeys": [{"custodian_id": "mnhn-paris"}]}}}
    assert holder_from_event(arc) == "mnhn-paris"
    assert holder_from_event({"selection": {"objects": {}}}) is None
    assert holder_from_event(None) is None
