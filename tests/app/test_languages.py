"""Pages in Chinese and French (AppTest): no exception, the Moon map with no English left in
its text, and switching language keeps the page's filters and selection."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from shown import shown
from streamlit.testing.v1 import AppTest

from moonmap.data.names import mission_name, mission_names
from moonmap.i18n import translations
from moonmap.ui import state as K

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = [
    "pages/earth_map.py",
    "pages/samples_ages.py",
    "pages/tour.py",
    "pages/coverage.py",
    "pages/data_sources.py",
]
#: Words that only an English sentence would contain (checked as whole words).
ENGLISH = re.compile(r"\b(the|and|of|with|from|which|click|choose|shows?|your|only)\b", re.I)


def run_in(code: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = code
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def visible_texts(at) -> list[str]:
    texts = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning"):
        texts += [e.value for e in getattr(at, kind)]
    for kind in ("slider", "radio", "multiselect", "selectbox", "toggle", "button"):
        for w in getattr(at, kind):
            texts.append(w.label)
            texts.append(getattr(w, "help", "") or "")
            texts.append(getattr(w.proto, "placeholder", "") or "")
    texts += [e.label for e in at.expander]
    return [t for t in texts if t]


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_moon_map_speaks_the_language_with_no_english_left(code, cat):
    at = run_in(code)
    t = translations(code).gettext
    assert at.title[0].value == t("Where Moon rock came from")
    assert at.slider(key=K.AGE).label == t("Age (billions of years, Ga)")
    left = [text for text in visible_texts(at) if ENGLISH.search(text)]
    assert not left, left
    chart = at.get("deck_gl_json_chart")[0].proto
    assert t("Age of its rocks:") in json.loads(chart.tooltip)["html"]
    spec = json.loads(chart.json)
    records = next(x for x in spec["layers"] if x["id"] == "sites")["data"]
    assert all(not ENGLISH.search(r["match_label"]) for r in records)
    # Mission names as the catalog's sources give them in the language (tooltips, labels,
    # the site picker and the site list); the picker's values stay site ids.
    names = mission_names(cat, code)
    assert {r["site_id"]: r["mission"] for r in records} == names
    labels = next(x for x in spec["layers"] if x["id"] == "labels")["data"]
    assert {d["text"] for d in labels if d["kind"] == "site"} <= set(names.values())
    picker = at.selectbox(key=K.SITE)
    assert picker.options == [names[s] for s in cat.sites["site_id"]]
    site_list = next(m.value for m in at.markdown if names["luna-24"] in m.value)
    english = zip(cat.sites["site_id"], cat.sites["mission"], strict=True)
    translated = [m for s, m in english if names[s] != m]
    assert not [m for m in translated if m in site_list]
    if code == "zh":  # every mission has a sourced Chinese name: no English one is left
        assert len(translated) == len(cat.sites)


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_site_detail_speaks_the_language(code, cat):
    at = run_in(code)
    at.selectbox(key=K.SITE).set_value("apollo-15").run()
    assert not at.exception
    name = mission_name(cat, "apollo-15", code)
    assert at.subheader[0].value.startswith(f"{name} · ")
    assert name != "Apollo 15" or code == "fr"
    t = translations(code).gettext
    headings = [m.value for m in at.markdown]
    assert any(t("How old are the rocks here?") in h for h in headings)
    left = [text for text in visible_texts(at) if ENGLISH.search(text)]
    # Data values keep their source language (unit names, event words): none is a sentence.
    assert not [text for text in left if len(ENGLISH.findall(text)) > 1], left


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_earth_map_speaks_the_language_with_no_english_left(code):
    at = run_in(code, "pages/earth_map.py")
    assert at.title[0].value == translations(code).gettext("Where the Moon is on Earth")
    left = [text for text in visible_texts(at) if ENGLISH.search(text)]
    assert not left, left
    countries = [df.value for df in at.dataframe if "country_name" in df.value.columns]
    assert countries and "France" not in set(countries[0]["country_name"]) or code == "fr"


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_samples_page_speaks_the_language_with_no_english_left(code):
    at = run_in(code, "pages/samples_ages.py")
    assert at.title[0].value == translations(code).gettext("Samples and their ages")
    left = [text for text in visible_texts(at) if ENGLISH.search(text)]
    assert not left, left


@pytest.mark.parametrize("code", ["zh", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_the_language(code, page):
    run_in(code, page)


def test_switching_language_keeps_filters_and_selection():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.slider(key=K.AGE).set_value((2.0, 3.0)).run()
    at.selectbox(key=K.SITE).set_value("apollo-15").run()
    at.session_state["lang"] = "fr"
    at.run()
    assert not at.exception
    assert at.title[0].value == translations("fr").gettext("Where Moon rock came from")
    assert at.slider(key=K.AGE).value == (2.0, 3.0)
    assert at.selectbox(key=K.SITE).value == "apollo-15"


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_tour_has_the_same_steps_and_numbers_in_the_language(code, cat):
    from moonmap.tour import fill, load_tour

    steps = load_tour(ROOT / "data" / "tour.json", cat).steps
    citations = set(cat.sources["citation"])
    at = run_in(code, "pages/tour.py")
    for j, step in enumerate(steps):
        at.selectbox(key="tour_step").set_value(j).run()
        assert not at.exception, step.id
        shown = "\n".join(m.value.replace("\\", "") for m in at.markdown)
        assert f"{j + 1}/{len(steps)} · {step.title_in(code)}" in shown, step.id
        filled = fill(cat, step.text_in(code), lang=code)
        assert filled.text in shown, step.id
        # The same catalog values as the English step, written for the language.
        assert filled.sources == fill(cat, step.text).sources
        # Citations keep their source language; everything else is in the language.
        left = [
            t
            for t in visible_texts(at)
            if ENGLISH.search(t) and t.replace("\\", "") not in citations
        ]
        assert not left, (step.id, left)
    options = at.selectbox(key="tour_step").options
    assert options[0] == f"1. {steps[0].title_in(code)}"


def chart_titles(at) -> list[str]:
    """Every axis, legend and tooltip title of the page's Vega-Lite charts."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "title" and isinstance(v, str):
                    out.append(v)
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for kind in ("vega_lite_chart", "arrow_vega_lite_chart"):
        for el in at.get(kind):
            walk(json.loads(el.proto.spec))
    return out


def test_chart_titles_are_in_chinese():
    at = run_in("zh", "pages/samples_ages.py")
    titles = chart_titles(at)
    assert len(titles) > 15
    # Units and symbols (Ga, Ma, km, N(1)) may stay; no English word of three letters or more.
    left = [t for t in titles if re.search(r"[A-Za-z]{3,}", t.replace("km", ""))]
    assert not left, left
    assert translations("zh").gettext("Age (billions of years, Ga)") in titles


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_cite_this_dataset_is_in_the_language(code, cat):
    at = run_in(code, "pages/coverage.py")
    (text,) = [t.value for t in at.text]
    assert "Cite the original sources" not in text and "sources.csv" in text
    assert str(len(cat.samples)) in text.replace(",", "").replace("\u202f", "").replace(" ", "")
    bib = at.code[0].value
    assert bib.startswith("@misc{moonmap_")  # BibTeX stays as reference managers read it


def fact_names(at) -> list[str]:
    return [f for df in at.dataframe if "fact" in df.value.columns for f in df.value["fact"]]


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_detail_fact_tables_are_in_the_language(code):
    t = translations(code).gettext
    at = run_in(code)
    at.selectbox(key=K.SITE).set_value("apollo-15").run()
    assert t("Returned to Earth") in fact_names(at) and "Returned to Earth" not in fact_names(at)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": code, "holder": "mnhn-paris"})
    at.run()
    at.switch_page("pages/earth_map.py").run()
    assert t("Kind of institution") in fact_names(at)
    came_from = t("Where on the Moon this material came from:")
    assert any(came_from in m.value for m in at.markdown), came_from
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": code, "sample": "10003"})
    at.run()
    at.switch_page("pages/samples_ages.py").run()
    names = fact_names(at)
    assert t("Rock type") in names and "Rock type" not in names
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    ages = t("All {n} ages of this sample").split("{n}")[0]
    assert any(h.startswith("#### " + ages) for h in headings), headings
    assert not any("of this sample" in h for h in headings), headings


def test_detail_fact_values_are_written_for_the_language():
    facts = {}
    for code in ("fr", "zh"):
        at = run_in(code)
        at.selectbox(key=K.SITE).set_value("apollo-11").run()
        df = next(d.value for d in at.dataframe if "fact" in d.value.columns)
        facts[code] = dict(zip(df["fact"], df["value"], strict=True))
    fr, zh = translations("fr").gettext, translations("zh").gettext
    assert facts["fr"][fr("Landed")].startswith("20 juillet 1969")
    assert facts["zh"][zh("Landed")].startswith("1969年7月20日")
    assert facts["fr"][fr("Returned to Earth")] == "21,5 kg"
    assert facts["zh"][zh("Position")].startswith("北纬 0.6742°，东经 23.4731°")
    assert facts["fr"][fr("Side of the Moon")] == fr("near side") != "near side"


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_notes_about_a_link_are_in_the_language(code):
    t = translations(code).gettext
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": code, "view": "top", "method": "X-Y", "site": "nowhere"})
    at.run()
    assert not at.exception
    notes = [w.value.replace("\\", "") for w in at.warning]
    assert any(
        "view=" in n and n.startswith(t("Unknown view={value}; use one of {options}.")[:3])
        for n in notes
    ), notes
    assert any(t("dating method") in n for n in notes), notes
    assert any(t("landing site") in n for n in notes), notes
    assert not [n for n in notes if ENGLISH.search(n.split("(")[0])], notes


def test_upload_problems_are_in_the_language_and_follow_a_switch():
    """The checker's messages are written when the file is uploaded; changing language
    afterwards shows them in the new language (the kept file is checked again)."""
    from moonmap.ui.text import md_escape

    def problem(code: str) -> str:
        t = translations(code).gettext
        return t("{where}, column {column}: {value} is not a number.").format(
            where=t("Line {n}").format(n=2), column="lat", value="'north'"
        )

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "fr"
    at.session_state["upload_box"] = True  # the lazy box open
    at.run()
    bad = ("a.csv", b"label,lat,lon\nx,north,2\n", "text/csv")
    at.file_uploader(key="user_upload").set_value(bad).run()
    assert not at.exception
    assert [e.value for e in at.error] == [md_escape(problem("fr"))]  # escaped, as before
    assert shown(at.error[0].value) == "Ligne 2, colonne lat\u00a0: 'north' n’est pas un nombre."
    for code in ("zh", "en"):
        at.radio(key="lang_picker").set_value(code).run()
        assert not at.exception
        assert [shown(e.value) for e in at.error] == [problem(code)]
    assert shown(at.error[0].value) == "Line 2, column lat: 'north' is not a number."


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_uploaded_sites_notes_follow_a_language_switch_and_the_sites_stay(code):
    good = ("a.csv", b"label,lat,lon\nFar one,-30,200\n", "text/csv")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["upload_box"] = True
    at.run()
    at.file_uploader(key="user_upload").set_value(good).run()
    english = "1 longitude(s) above 180° converted to −180..180."
    assert english in [shown(i.value) for i in at.info]
    rows = at.session_state["user_sites"]
    at.radio(key="lang_picker").set_value(code).run()
    assert not at.exception
    lon = "{n} longitude(s) above 180° converted to −180..180."
    note = translations(code).ngettext(lon, lon, 1).format(n=1)
    assert note in [shown(i.value) for i in at.info] and note != english
    assert english not in [shown(i.value) for i in at.info]
    assert at.session_state["user_sites"] is rows and len(at.success) == 1
