"""Tour file: the shipped tour is valid, placeholders resolve to catalog values, and every
malformed file gets a message naming the step and field."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from moonmap.tour import fill, load_tour, parse_tour, value

TOUR = Path(__file__).resolve().parents[2] / "data" / "tour.json"
DATA = TOUR.parent


def shipped() -> dict:
    return json.loads(TOUR.read_text(encoding="utf-8"))


def test_shipped_tour_is_valid_with_at_least_ten_steps(cat):
    report = load_tour(TOUR, cat)
    assert report.ok, report.problems
    assert len(report.steps) >= 10
    assert {s.map for s in report.steps} == {"moon", "earth"}
    for s in report.steps:
        filled = fill(cat, s.text)
        assert filled.missing == [] and "{" not in filled.text


def test_placeholders_equal_the_catalog_values_read_independently(cat):
    sites = pd.read_csv(DATA / "sites.csv").set_index("site_id")
    assert value(cat, "landed", "apollo-11")[0] == sites.loc["apollo-11", "landing_utc"][:4]
    assert (
        value(cat, "mass", "apollo-17")[0]
        == f"{sites.loc['apollo-17', 'returned_mass_g'] / 1000:.1f} kg"
    )
    assert value(cat, "count", "sites")[0] == str(len(sites))
    ages = pd.read_csv(DATA / "ages.csv", dtype={"sample_id": str})
    cur = ages[ages["status"] == "current"]
    g = cur[(cur["sample_id"] == "10003") & (cur["event"] == "crystallization")]["age_ma"]
    assert value(cat, "sample_age", "10003")[0] == f"{g.min() / 1000:.2f}–{g.max() / 1000:.2f} Ga"
    g = cur[(cur["sample_id"] == "15415") & (cur["event"] == "impact")]["age_ma"]
    assert value(cat, "sample_age", "15415:impact")[0].startswith(f"{g.min() / 1000:.2f}")
    # The Genesis Rock has no current crystallization age in the catalog: nothing is made up.
    assert value(cat, "sample_age", "15415") is None
    reps = pd.read_csv(DATA / "site_ages.csv")
    ce5 = reps[(reps["site_id"] == "change-5") & (reps["lead"] == "yes")]["age_ma"]
    assert round(ce5.min() / 1000, 1) == round(ce5.max() / 1000, 1) == 2.0
    assert value(cat, "rock_age", "change-5")[0] == "about 2.0 billion years"
    splits = pd.read_csv(DATA / "splits.csv").set_index("split_id")
    fr = splits[(splits["custodian_id"] == "mnhn-paris") & splits["mass_g"].notna()]["mass_g"].sum()
    assert value(cat, "country_mass", "FR:change-5")[0] == f"{fr:g} g"
    loans = splits[
        (splits["kind"] == "loan") & splits["received"].astype(str).str.startswith("2025")
    ]
    assert value(cat, "loans", "change-5:2025")[0] == str(len(loans))
    text = fill(cat, "Landed {landed:change-6}, brought {mass:change-6}.")
    assert (
        text.text
        == f"Landed 2024, brought {sites.loc['change-6', 'returned_mass_g'] / 1000:.1f} kg."
    )
    assert text.sources  # each value names its source


def broken(mutate) -> str:
    doc = shipped()
    mutate(doc)
    return json.dumps(doc)


CASES = {
    "missing title": (lambda d: d["steps"][2].pop("title"), "step 3 (genesis-rock), field title"),
    "unknown view": (lambda d: d["steps"][0].update(view="top"), "step 1 (welcome), field view"),
    "earth view on moon": (lambda d: d["steps"][1].update(view="europe"), "field view"),
    "unknown site": (
        lambda d: d["steps"][1].update(site="apollo-13"),
        "step 2 (apollo-11), field site",
    ),
    "bad placeholder": (
        lambda d: d["steps"][1].update(text="Landed {landed:apollo-13}."),
        "step 2 (apollo-11), field text: {landed:apollo-13}",
    ),
    "unknown field": (lambda d: d["steps"][4].update(colour="red"), "field colour: unknown field"),
    "duplicate id": (
        lambda d: d["steps"][3].update(id="welcome"),
        "field id: used by an earlier step",
    ),
    "bad map": (lambda d: d["steps"][5].update(map="mars"), "field map"),
    "unknown holder": (lambda d: d["steps"][10].update(holder="nobody"), "field holder"),
    "missions not a list": (lambda d: d["steps"][10].update(missions="change-5"), "field missions"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_tour_names_step_and_field(cat, case):
    mutate, expected = CASES[case]
    report = parse_tour(broken(mutate), cat)
    assert not report.ok and report.steps == []
    assert any(expected in str(p) for p in report.problems), report.problems


def test_not_json_or_empty_or_missing_file(cat, tmp_path):
    assert "line 1" in str(parse_tour("{steps: [", cat).problems[0])
    assert "at least one step" in str(parse_tour('{"steps": []}', cat).problems[0])
    assert "not found" in str(load_tour(tmp_path / "none.json", cat).problems[0])


@pytest.mark.parametrize("raw", ["[" * 5000 + "]" * 5000, '{"steps": [' + "1" * 5000 + "]}"])
def test_hostile_tour_file_is_a_problem_not_a_traceback(cat, raw):
    from moonmap.tour import parse_tour

    report = parse_tour(raw, cat)
    assert not report.ok and any("not valid JSON" in str(p) for p in report.problems)


@pytest.mark.parametrize("lang", ["zh", "fr"])
def test_every_step_is_translated_with_the_english_placeholders(cat, lang):
    from moonmap.tour import placeholders

    report = load_tour(TOUR, cat)
    for s in report.steps:
        assert lang in s.translations, s.id
        title, text = s.translations[lang]
        assert placeholders(text) == placeholders(s.text), s.id
        assert placeholders(title) == placeholders(s.title), s.id
        filled = fill(cat, text, lang=lang)
        assert filled.missing == [] and "{" not in filled.text, s.id
        # Same catalog values, so the same sources, in the same order of first use.
        assert filled.sources == fill(cat, s.text).sources, s.id
        assert "billion" not in filled.text and " to " not in filled.text, (s.id, filled.text)


def test_numbers_are_written_for_the_language(cat):
    sites = pd.read_csv(DATA / "sites.csv").set_index("site_id")
    kg = sites.loc["apollo-17", "returned_mass_g"] / 1000
    assert value(cat, "mass", "apollo-17", lang="fr")[0] == f"{kg:.1f}".replace(".", ",") + " kg"
    reps = pd.read_csv(DATA / "site_ages.csv")
    ce5 = reps[(reps["site_id"] == "change-5") & (reps["lead"] == "yes")]["age_ma"]
    ga = ce5.min() / 1000
    assert value(cat, "rock_age", "change-5", lang="fr")[0] == (
        f"environ {ga:.1f}".replace(".", ",") + " milliards d’années"
    )
    # Chinese prose counts in 亿年 (10^8 years): 2.0 Ga is 20 亿年.
    assert value(cat, "rock_age", "change-5", lang="zh")[0] == f"约 {ga * 10:.0f} 亿年"
    ages = pd.read_csv(DATA / "ages.csv", dtype={"sample_id": str})
    cur = ages[(ages["status"] == "current") & (ages["sample_id"] == "10003")]
    g = cur[cur["event"] == "crystallization"]["age_ma"]
    assert value(cat, "sample_age", "10003", lang="zh")[0] == (
        f"{g.min() / 100:.1f}–{g.max() / 100:.1f} 亿年"
    )
    assert value(cat, "count", "ages", lang="fr")[0] == value(cat, "count", "ages")[0]  # < 1,000
    assert "(absent du catalogue)" in fill(cat, "{mass:nowhere}", lang="fr").text


TRANSLATION_CASES = {
    "placeholder dropped": (
        lambda d: d["steps"][1]["translations"]["fr"].update(text="En 1969, Apollo 11 ..."),
        "field translations.fr.text: placeholders",
    ),
    "placeholder renamed": (
        lambda d: d["steps"][1]["translations"]["zh"].update(
            text=d["steps"][1]["translations"]["zh"]["text"].replace("apollo-11", "apollo-12")
        ),
        "field translations.zh.text: placeholders",
    ),
    "unknown language": (
        lambda d: d["steps"][0]["translations"].update(de={"title": "x", "text": "y"}),
        "field translations.de: not a language",
    ),
    "empty title": (
        lambda d: d["steps"][2]["translations"]["zh"].update(title=" "),
        "field translations.zh.title: missing or empty",
    ),
    "not an object": (
        lambda d: d["steps"][2].update(translations=["fr"]),
        "field translations: an object",
    ),
}


@pytest.mark.parametrize("case", sorted(TRANSLATION_CASES))
def test_broken_translation_names_step_and_field(cat, case):
    mutate, expected = TRANSLATION_CASES[case]
    report = parse_tour(broken(mutate), cat)
    assert not report.ok
    assert any(expected in str(p) for p in report.problems), report.problems
