"""Guided tour under AppTest: every step renders, ?step=N opens step N, numbers come from
the catalog, presentation mode is in the URL, a broken tour file is explained."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from shown import shown
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = "pages/tour.py"
STEPS = json.loads((ROOT / "data" / "tour.json").read_text(encoding="utf-8"))["steps"]


def open_tour(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text_of(at) -> str:
    """All markdown on the page, with Markdown escapes removed."""
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)


def test_every_step_renders_with_a_map_and_filled_text():
    at = open_tour()
    assert len(STEPS) >= 10
    for j, step in enumerate(STEPS):
        at.selectbox(key="tour_step").set_value(j).run()
        assert not at.exception, step["id"]
        page = text_of(at)
        assert f"{j + 1}/{len(STEPS)} · {step['title']}" in page
        assert "{" not in page and "(not in the catalog)" not in page
        assert len(at.get("deck_gl_json_chart")) == 1
        assert at.query_params["step"] in ([str(j + 1)], str(j + 1))


def test_step_url_opens_that_step_on_its_map():
    at = open_tour({"step": "5"})
    assert STEPS[4]["title"] in text_of(at)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    ring = next(x for x in spec["layers"] if x["id"] == "selected-site")
    assert ring["data"][0]["site_id"] == STEPS[4]["site"]
    at.button(key="tour_next").click().run()
    assert STEPS[5]["title"] in text_of(at)
    assert at.query_params["step"] in (["6"], "6")
    earth = open_tour(
        {"step": str(next(i for i, s in enumerate(STEPS) if s["map"] == "earth") + 1)}
    )
    layers = json.loads(earth.get("deck_gl_json_chart")[0].proto.json)["layers"]
    assert any(x["id"] == "countries" for x in layers)


def test_numbers_shown_equal_the_catalog():
    sites = pd.read_csv(ROOT / "data" / "sites.csv").set_index("site_id")
    at = open_tour({"step": "2"})  # Apollo 11
    page = text_of(at)
    assert f"In {sites.loc['apollo-11', 'landing_utc'][:4]}," in page
    assert f"{sites.loc['apollo-11', 'returned_mass_g'] / 1000:.1f} kg" in page
    at = open_tour({"step": "1"})
    assert f"from the Moon {len(sites)} times" in text_of(at)
    ages = pd.read_csv(ROOT / "data" / "ages.csv")
    n_ages = int((ages["status"] == "current").sum())  # recalculations are not new measurements
    assert f"{n_ages} times" in text_of(at)


def test_presentation_mode_and_bad_step_in_url():
    at = open_tour({"step": "99", "present": "1"})
    assert any("no step “99”" in shown(w.value) for w in at.warning)
    assert at.toggle(key="tour_present").value is True
    assert STEPS[0]["title"] in text_of(at)
    at.toggle(key="tour_present").set_value(False).run()
    assert "present" not in at.query_params


def test_broken_tour_file_is_explained_and_the_app_still_works(tmp_path, monkeypatch):
    doc = {"steps": [dict(STEPS[0]), dict(STEPS[1], view="sideways")]}
    doc["steps"][0].pop("text")
    bad = tmp_path / "tour.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("MOONMAP_TOUR", str(bad))
    at = open_tour()
    errors = " ".join(e.value.replace("\\", "") for e in at.error)
    assert "step 1 (welcome), field text: missing or empty" in errors
    assert "step 2 (apollo-11), field view" in errors


@pytest.mark.parametrize("raw", ["²", "٣", "1" * 5000, "-1", "0", "1e3", " 2"])
def test_hostile_step_values_get_a_message_not_a_traceback(raw):
    at = open_tour({"step": raw})
    assert not at.exception
    assert any("no step" in shown(w.value) for w in at.warning)
    assert STEPS[0]["title"] in text_of(at)


def test_broken_tour_is_explained_in_the_language_with_names_as_written(tmp_path, monkeypatch, cat):
    """The problems are written in the visitor's language (again after a switch); a field name
    from the file is shown as written, its Markdown escaped."""
    from moonmap.tour import parse_tour
    from moonmap.ui.text import md_escape

    hostile = "**bold** <b>x</b>"
    raw = json.dumps({"steps": [dict(STEPS[0], view="sideways"), dict(STEPS[1], **{hostile: 1})]})
    bad = tmp_path / "tour.json"
    bad.write_text(raw, encoding="utf-8")
    monkeypatch.setenv("MOONMAP_TOUR", str(bad))
    problems = parse_tour(raw, cat).problems
    at = open_tour({"lang": "fr"})
    assert [e.value for e in at.error[1:]] == [md_escape(p.text("fr")) for p in problems]
    assert "\\*\\*bold\\*\\* \\<b\\>x\\</b\\>" in at.error[2].value
    assert shown(at.error[2].value) == f"étape 2 (apollo-11), champ {hostile}\u00a0: champ inconnu."
    at.radio(key="lang_picker").set_value("zh").run()
    assert not at.exception
    assert [shown(e.value) for e in at.error[1:]] == [p.text("zh") for p in problems]
    assert shown(at.error[2].value) == f"第 2 步（apollo-11），字段 {hostile}：未知字段。"
