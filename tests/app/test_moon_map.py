"""Moon map page under AppTest: filters -> deck JSON, site detail, URL state, bad URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from shown import open_more_filters, shown
from shown import shown as shown_text
from streamlit.testing.v1 import AppTest

from moonmap.ui import state as K
from moonmap.ui.moon import site_from_event

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def sites_on_map(at) -> list[str]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(x for x in spec["layers"] if x["id"] == "sites")
    return [d["site_id"] for d in layer["data"]]


def frame_with(at, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has *column* (dataframes carry no key here)."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no dataframe with column {column!r}")


def view_of(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)["initialViewState"]


def expected_sites(lo_ma, hi_ma, methods=None, any_event=False) -> set[str]:
    """Straight from the shipped CSVs, independently of moonmap's code: by default only
    current crystallization ages count (the rock formed in the range)."""
    ages = pd.read_csv(ROOT / "data" / "ages.csv", dtype={"sample_id": str})
    samples = pd.read_csv(ROOT / "data" / "samples.csv", dtype={"sample_id": str})
    a = ages.merge(samples[["sample_id", "site_id"]], on="sample_id")
    a = a[(a.age_ma >= lo_ma) & (a.age_ma <= hi_ma)]
    if not any_event:
        a = a[(a.event == "crystallization") & (a.status == "current")]
    if methods:
        a = a[a.method.isin(methods)]
    return set(a.site_id)


@pytest.fixture
def at():
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    return app


def test_age_slider_leaves_exactly_the_matching_sites(at):
    at.slider(key="f_age").set_value((1.9, 3.0)).run()
    assert not at.exception
    shown = set(sites_on_map(at))
    assert shown == expected_sites(1900, 3000)
    assert {"change-5", "change-6"} <= shown and "apollo-17" not in shown
    # Apollo 11 is there only through whole-rock K-Ar ages that record argon loss.
    assert "apollo-11" not in shown
    assert at.query_params["age"] == ["1900-3000"] or at.query_params["age"] == "1900-3000"
    assert any(f"{len(shown)} of 11 sites" in m.value for m in at.markdown)


def test_any_event_widens_and_says_why(at):
    at.slider(key="f_age").set_value((1.9, 3.0))
    at.radio(key="f_age_scope").set_value("any").run()
    assert not at.exception
    shown = set(sites_on_map(at))
    assert shown == expected_sites(1900, 3000, any_event=True)
    assert "apollo-11" in shown and shown > expected_sites(1900, 3000)
    assert at.query_params["ages"] in (["any"], "any")
    table = next(m.value for m in at.markdown if m.value.startswith("| Mission |"))
    a11_row = next(line for line in table.splitlines() if line.startswith("| Apollo 11 |"))
    assert "Matching ages" in table and "K-Ar, disturbed" in shown_text(a11_row)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(x for x in spec["layers"] if x["id"] == "sites")
    a11 = next(d for d in layer["data"] if d["site_id"] == "apollo-11")
    assert "K-Ar, disturbed" in a11["match_label"]


def test_pb_pb_young_rocks_leave_only_change(at):
    open_more_filters(at).slider(key="f_age").set_value((1.9, 3.0))
    at.multiselect(key="f_method").set_value(["Pb-Pb"]).run()
    assert (
        set(sites_on_map(at))
        == expected_sites(1900, 3000, ["Pb-Pb"])
        == {
            "change-5",
            "change-6",
        }
    )


def test_no_match_says_what_to_do(at):
    open_more_filters(at).radio(key="f_side").set_value("far")
    at.multiselect(key="f_method").set_value(["K-Ar"]).run()
    assert not at.exception
    assert sites_on_map(at) == []
    assert any("No site has a sample matching" in w.value for w in at.warning)
    assert any("Clear filters" in w.value for w in at.warning)


def test_selecting_a_site_shows_samples_ages_and_sources(at):
    at.selectbox(key="moon_site").set_value("apollo-15").run()
    assert not at.exception
    assert any("Apollo 15" in h.value for h in at.subheader)
    samples = frame_with(at, "n_ages")
    ages = frame_with(at, "age_ma")
    raw = pd.read_csv(ROOT / "data" / "samples.csv", dtype={"sample_id": str})
    a15 = raw[raw["site_id"] == "apollo-15"].sort_values("mass_g", ascending=False)
    assert list(samples["sample_id"]) == list(a15["sample_id"].head(10))  # the largest ten
    links = [p for p in at.get("page_link") if "Browse all" in p.proto.label]
    assert links and f"{len(a15):,} samples of Apollo 15" in links[0].proto.label
    assert len(ages) > 0 and ages["source"].notna().all() and ages["age_ma"].notna().all()
    facts = frame_with(at, "fact")
    assert facts.loc[facts["fact"] == "Position", "source"].notna().all()
    holders = frame_with(at, "received")
    assert len(holders) > 0 and holders["source"].notna().all()
    assert any("Mare Imbrium" in m.value for m in at.markdown)  # region by spatial join
    assert at.query_params.get("site") in ("apollo-15", ["apollo-15"])
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    ring = next(x for x in spec["layers"] if x["id"] == "selected-site")
    assert ring["data"][0]["site_id"] == "apollo-15"


def test_url_restores_view_site_and_filters():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["view"] = "far"
    app.query_params["site"] = "change-6"
    app.query_params["age"] = "1900-3000"
    app.query_params["method"] = "Pb-Pb"
    app.run()
    assert not app.exception
    assert app.slider(key="f_age").value == pytest.approx((1.9, 3.0))
    assert app.multiselect(key="f_method").value == ["Pb-Pb"]
    assert app.radio(key="moon_view").value == "far"
    assert view_of(app)["longitude"] == 180
    assert app.selectbox(key="moon_site").value == "change-6"
    assert any("Chang'e-6" in h.value for h in app.subheader)
    assert set(sites_on_map(app)) == {"change-5", "change-6"}


def test_flat_view_is_the_2d_map():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["view"] = "flat"
    app.run()
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert spec["views"][0]["@@type"] == "OrthographicView"
    assert len(sites_on_map(app)) == 11


def test_bad_url_gets_messages_not_a_traceback():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["view"] = "sideways"
    app.query_params["site"] = "apollo-13"
    app.query_params["age"] = "<script>alert(1)</script>"
    app.query_params["method"] = "Carbon-14"
    app.run()
    assert not app.exception
    texts = " ".join(shown(w.value) for w in app.warning)
    for fragment in ("sideways", "apollo-13", "Ignored age", "Carbon-14"):
        assert fragment in texts
    assert len(sites_on_map(app)) == 11  # everything else falls back to defaults


def test_clear_filters_restores_everything(at):
    at.slider(key="f_age").set_value((1.9, 3.0)).run()
    at.button(key="f_clear").click().run()
    assert len(sites_on_map(at)) == 11
    assert "age" not in at.query_params


@pytest.mark.parametrize(
    ("event", "site"),
    [
        (
            {
                "selection": {
                    "indices": {"sites": [3]},
                    "objects": {"sites": [{"site_id": "apollo-15"}]},
                }
            },
            "apollo-15",
        ),
        ({"selection": {"indices": {}, "objects": {}}}, None),
        (None, None),
        ({"selection": {"objects": {"sites": ["junk"]}}}, None),
    ],
)
def test_click_event_to_site(event, site):
    assert site_from_event(event) == site


def test_apollo_17_lists_its_stations_in_traverse_order_with_samples(at):
    at.selectbox(key="moon_site").set_value("apollo-17").run()
    assert not at.exception
    stations = frame_with(at, "order")
    known = stations["order"].dropna()
    assert list(known) == sorted(known) and len(stations) >= 5
    # stations without a published order come after the ordered ones
    assert list(stations["order"].notna()) == sorted(stations["order"].notna(), reverse=True)
    rows = dict(zip(stations["name"], stations["samples"], strict=True))
    counts = dict(zip(stations["name"], stations["n_samples"], strict=True))
    assert "76015" in rows["Station 6"] and "72415" not in rows["Station 6"]
    samples = pd.read_csv(ROOT / "data" / "samples.csv", dtype=str)
    per_station = samples[samples["site_id"] == "apollo-17"]["station_id"].value_counts()
    assert counts["Station 2"] == per_station["a17-st2"] and counts["Station 6"] >= 20
    assert stations["source"].notna().all()
    shipped = pd.read_csv(ROOT / "data" / "stations.csv")
    placed = shipped[(shipped["site_id"] == "apollo-17")]["lat_deg"].notna().sum()
    offered = "site" in at.radio(key="moon_view").options
    assert offered == (placed >= 2)  # the close-up only when there is a traverse to draw
    if offered:
        at.radio(key="moon_view").set_value("site").run()
        spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        assert spec["initialViewState"]["zoom"] >= 9


def test_url_values_in_messages_are_shown_literally_not_as_markdown():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["ages"] = "![x](http://evil.example/p.png)"
    app.query_params["site"] = "[click](http://phish.example)"
    app.query_params["event"] = "**bold**"
    app.run()
    assert not app.exception
    raw = " ".join(w.value for w in app.warning)
    for token in ("![x](", "[click](", "**bold**"):
        assert token not in raw  # every Markdown control character is escaped
    texts = " ".join(shown(w.value) for w in app.warning)
    for token in ("![x](http://evil.example/p.png)", "[click](http://phish.example)", "**bold**"):
        assert token in texts  # ...and the reader sees the value as typed


def test_filters_brought_by_a_link_say_so_and_clear_in_one_click():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["mission"] = "change-5"
    app.run()
    assert not app.exception
    banner = [i.value for i in app.info if "set by the link you followed" in i.value]
    assert banner and "Chang" in banner[0]
    assert sites_on_map(app) == ["change-5"]
    app.button(key="f_clear_linked").click().run()
    assert len(sites_on_map(app)) == 11
    assert not any("set by the link" in i.value for i in app.info)


def test_age_groups_count_current_values_as_the_caption_says():
    """Apollo 11 has superseded recalculations: the groups leave them out, as stated."""
    import re

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key=K.SITE).set_value("apollo-11").run()
    cap = next(c.value for c in at.caption if "Grouped by what each age dates" in c.value)
    ages = pd.read_csv(ROOT / "data" / "ages.csv", dtype={"sample_id": str})
    samples = pd.read_csv(ROOT / "data" / "samples.csv", dtype={"sample_id": str})
    mine = ages[ages["sample_id"].isin(samples.loc[samples["site_id"] == "apollo-11", "sample_id"])]
    current = int((mine["status"] != "superseded").sum())
    n_sup = len(mine) - current
    assert n_sup > 0 and f"{n_sup} superseded" in cap
    grouped = sum(int(n) for n in re.findall(r": (\d+)(?=;|$)", cap.split("; " + str(n_sup))[0]))
    assert grouped == current


def _more_box(app):
    return next(e for e in app.sidebar.expander if e.label.startswith(("More filters",)))


def test_more_filters_are_closed_by_default_and_still_apply_when_closed(at):
    """The less-used filters sit in a box built only when open: closed by default (a rerun then
    draws one element instead of seven), and a value set there keeps applying, with the count
    of filters set in the box's title, after the box is closed."""
    assert not [w for w in at.multiselect if w.key == "f_method"]
    assert _more_box(at).label.startswith("More filters: ")
    open_more_filters(at).multiselect(key="f_method").set_value(["Pb-Pb"]).run()
    at.session_state["f_more"] = False
    at.run()
    assert not [w for w in at.multiselect if w.key == "f_method"]
    assert _more_box(at).label == "More filters (1 set)"
    assert any("Pb-Pb" in shown(m.value) for m in at.markdown)  # the counts name the filter


def test_a_link_that_sets_more_filters_opens_the_box():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["method"] = "Pb-Pb"
    app.run()
    assert app.multiselect(key="f_method").value == ["Pb-Pb"]
    assert _more_box(app).label == "More filters (1 set)"
