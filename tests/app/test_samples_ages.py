"""Samples & ages page under AppTest: search, filters, sample detail, charts, chronology,
exports, and the user's uploaded sites on the Moon map."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from shown import open_more_filters, shown
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = "pages/samples_ages.py"


def frame_with(at, *columns: str) -> pd.DataFrame:
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no dataframe with columns {columns!r}")


@pytest.fixture
def at():
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_search_15415_finds_the_genesis_rock_with_ages_and_sources(at):
    at.text_input(key="ages_search").set_value("15415").run()
    assert not at.exception
    table = frame_with(at, "sample_id", "age_ma", "source")
    ages = pd.read_csv(ROOT / "data" / "ages.csv", dtype={"sample_id": str})
    expected = ages[ages["sample_id"] == "15415"]
    assert len(table) == len(expected) >= 3
    assert set(table["sample_id"]) == {"15415"} and set(table["nickname"]) == {"Genesis Rock"}
    assert sorted(table["age_ma"]) == sorted(expected["age_ma"])
    assert table["source"].notna().all() and table["link"].str.startswith("http").all()
    at.selectbox(key="ages_sample").set_value("15415").run()
    assert not at.exception
    assert any("Genesis Rock" in h.value for h in at.subheader)
    side = frame_with(at, "age_ma", "material", "source")
    assert len(side) == len(expected)
    assert at.query_params["sample"] in (["15415"], "15415")


def test_pb_pb_filter_leaves_the_expected_rows(at):
    open_more_filters(at).multiselect(key="f_method").set_value(["Pb-Pb"]).run()
    assert not at.exception
    table = frame_with(at, "sample_id", "age_ma", "method")
    ages = pd.read_csv(ROOT / "data" / "ages.csv")
    assert set(table["method"]) == {"Pb-Pb"}
    assert len(table) == (ages["method"] == "Pb-Pb").sum()


def test_chronology_chart_has_a_change5_point(at):
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    chrono = next(
        s
        for s in specs
        if "layer" in s and any("N(1)" in json.dumps(layer) for layer in s["layer"])
    )
    assert chrono
    pts = frame_with(at, "n1", "age_source", "n1_source")
    ce5 = pts[pts["mission"] == "Chang'e-5"]
    assert len(ce5) == 1 and float(ce5["n1"].iloc[0]) == pytest.approx(1.696e-3)
    assert ce5["age_ga"].iloc[0] == pytest.approx(2.030)
    assert ce5["age_source"].iloc[0].startswith("Li Q.-L.")
    assert any("Chang'e-5" in m.value and "billion" in m.value for m in at.markdown)


def test_export_buttons_for_every_format(at):
    from moonmap.export import FORMATS

    labels = [b.label for b in at.get("download_button")]
    exports = [b for b in at.get("download_button") if "export_sample_browser" not in b.proto.id]
    assert len(exports) == len(FORMATS) == 7, labels
    assert any(label.startswith("Download these ") for label in labels)


def test_bad_url_sample_is_explained():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["sample"] = "<b>99999</b>"
    app.query_params["q"] = "x" * 500
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception
    assert any("<b>99999</b>" in shown(w.value) for w in app.warning)
    assert len(app.text_input(key="ages_search").value) == 100


def test_uploaded_sites_are_drawn_on_the_moon_map():
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state["user_sites"] = pd.DataFrame(
        {
            "label": ["<img src=x onerror=alert(1)>"],
            "lat_deg": [10.0],
            "lon_deg": [-20.0],
            "age_ma": [3100.0],
        }
    )
    app.run()
    assert not app.exception
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    layer = next(x for x in spec["layers"] if x["id"] == "user-sites")
    assert layer["data"][0]["mission"] == "<img src=x onerror=alert(1)>"
    assert layer["data"][0]["position"] == [-20.0, 10.0]


def test_samples_page_filters_and_colours_by_event_and_status():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/samples_ages.py").run()
    open_more_filters(at).multiselect(key="f_event").set_value(["glass"]).run()
    assert not at.exception
    ages = pd.read_csv(ROOT / "data" / "ages.csv", dtype={"sample_id": str})
    table = next(d.value for d in at.dataframe if "dates" in d.value.columns)
    assert len(table) == (ages["event"] == "glass").sum()
    assert set(table["dates"]) == {"glass beads formed"}
    at.multiselect(key="f_event").set_value([])
    at.multiselect(key="f_status").set_value(["superseded"]).run()
    table = next(d.value for d in at.dataframe if "dates" in d.value.columns)
    assert len(table) == (ages["status"] == "superseded").sum()
    assert table["status_label"].str.startswith("superseded").all()
    at.radio(key="ages_colour").set_value("status").run()
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    colours = [
        layer["encoding"]["color"]["field"]
        for spec in specs
        for layer in spec.get("layer", [spec])
        if "color" in layer.get("encoding", {})
    ]
    assert colours.count("status") == 3 and "method" not in colours  # 2 charts, 3 layers


def test_sample_browser_apollo16_station11_breccias_over_100g(at):
    raw = pd.read_csv(ROOT / "data" / "samples.csv", dtype=str)
    mass = pd.to_numeric(raw["mass_g"])
    want = raw[
        (raw["site_id"] == "apollo-16")
        & (raw["station_id"] == "a16-st11")
        & (raw["sample_type"] == "Breccia")
        & (mass >= 100)
    ]
    open_more_filters(at).multiselect(key="f_mission").set_value(["apollo-16"]).run()
    at.multiselect(key="station").set_value(["a16-st11"]).run()
    at.multiselect(key="type").set_value(["Breccia"]).run()
    at.number_input(key="mass_min").set_value(100.0).run()
    assert not at.exception, [e.value for e in at.exception]
    table = frame_with(at, "sample_id", "station", "pristine_pct")
    assert set(table["sample_id"]) == set(want["sample_id"]) and len(want) >= 5
    total = len(raw)
    dated = table["n_ages"].gt(0).sum()
    lines = [m.value for m in at.markdown if "samples match" in m.value]
    assert lines and (
        f"{len(want):,} of {total:,} samples match; {dated:,} of them dated." in shown(lines[0])
    )


def test_sample_browser_reads_its_controls_from_the_url():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["type"] = "Basalt"
    app.query_params["dated"] = "Dated"  # bound widgets write their shown label
    app.query_params["station"] = "Apollo 15 · Station 9A"
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    table = frame_with(app, "sample_id", "station", "pristine_pct")
    assert len(table) and (table["sample_type"] == "Basalt").all() and table["n_ages"].gt(0).all()
    assert set(table["station"]) == {"Station 9A"} and set(table["mission"]) == {"Apollo 15"}


def test_sample_detail_links_onward_and_keeps_both_masses(at):
    at.selectbox(key="ages_sample").set_value("61016").run()
    assert not at.exception
    urls = {b.proto.url for b in at.get("link_button")}
    assert "https://curator.jsc.nasa.gov/lunar/samplecatalog/sampleinfo.cfm?sample=61016" in urls
    assert "https://www.lpi.usra.edu/lunar/samples/atlas/compendium/61016.pdf" in urls
    facts = frame_with(at, "fact", "value", "source")
    values = dict(zip(facts["fact"], facts["value"], strict=False))
    assert values["Mass"] == "11.7 kg" and values["Station"] == "Station 1"
    other = facts[facts["fact"] == "Mass (other source)"]
    assert len(other) == 1 and other["source"].iloc[0].startswith("Meyer")


def open_browser(params: dict) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        app.query_params[k] = v
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang", ["en", "fr", "zh"])
def test_sort_and_dated_use_the_same_codes_in_every_language(lang):
    app = open_browser({"sort": "number", "dated": "undated", "lang": lang})
    table = frame_with(app, "sample_id", "station", "pristine_pct")
    assert len(table) and table["n_ages"].eq(0).all()
    assert app.selectbox(key="sort").value == "number"
    assert app.query_params["sort"] == "number" and app.query_params["dated"] == "undated"
    app.selectbox(key="sort").set_value("ages").run()
    assert app.query_params["sort"] == "ages"
    assert app.segmented_control(key="dated").value == "undated"


def test_links_with_the_old_english_labels_still_open():
    app = open_browser({"sort": "Share still pristine, highest first", "dated": "Dated"})
    assert app.selectbox(key="sort").value == "pristine"
    assert app.segmented_control(key="dated").value == "dated"
    assert app.query_params["sort"] == "pristine"  # rewritten as the code


def test_unknown_sort_or_dated_value_is_a_literal_note_not_an_error():
    app = open_browser({"sort": "[x](http://evil.example)", "dated": "maybe"})
    notes = [w.value for w in app.warning]
    assert any("sort" in n and "\\[x\\]" in n for n in notes), notes
    assert any("dated" in n for n in notes), notes
    assert app.selectbox(key="sort").value == "mass"
