"""Every comparative sentence of the tour is declared as a claim and holds against the data;
an injected fact that contradicts a claim makes the tour report which step is now wrong."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest

from moonmap.tour import COMPARATIVE, check_claim, fill, parse_tour

TOUR = Path(__file__).resolve().parents[2] / "data" / "tour.json"


def steps() -> list[dict]:
    return json.loads(TOUR.read_text(encoding="utf-8"))["steps"]


@pytest.mark.parametrize("step", steps(), ids=lambda s: s["id"])
def test_every_comparative_sentence_declares_a_claim_that_holds(cat, step):
    text = fill(cat, step["title"] + " " + step["text"]).text
    if COMPARATIVE.search(text):
        assert step.get("claims"), f"{step['id']}: compares ({COMPARATIVE.findall(text)}) unchecked"
    for claim in step.get("claims", []):
        assert check_claim(cat, claim) is None, (step["id"], claim)


def test_change_5_step_says_about_2_billion_years_from_the_catalog(cat):
    step = next(s for s in steps() if s["id"] == "change-5")
    text = fill(cat, step["text"]).text
    assert "about 2.0 billion years" in text
    assert "{rock_age:change-5}" in step["text"]  # the number is filled, never typed


def test_no_tour_sentence_mixes_events_into_an_age_range(cat):
    """The 0.12 Ga glass beads and 3.2 Ga breccia zircons never appear as the site's age."""
    for s in steps():
        text = fill(cat, s["text"]).text
        assert "0.12" not in text and "3.20" not in text, s["id"]


def with_extra_age(cat, **row):
    base = {c: None for c in cat.ages.columns}
    base.update(row)
    ages = pd.concat([cat.ages, pd.DataFrame([base])], ignore_index=True)
    return dataclasses.replace(cat, ages=ages)


def test_a_young_apollo_basalt_contradicts_the_change_5_claim(cat):
    claim = {
        "kind": "formed_younger",
        "site": "change-5",
        "than": ["Apollo", "Luna"],
        "rock_type": "mare basalt",
        "margin_ma": 500,
    }
    assert check_claim(cat, claim) is None
    young = with_extra_age(
        cat,
        age_id="fake-young-a12",
        sample_id="12002",
        age_ma=1800.0,
        method="Rb-Sr",
        event="crystallization",
        status="current",
        source_id="meyer-lsc-12002",
    )
    problem = check_claim(young, claim)
    assert problem and "1800" in str(problem)
    report = parse_tour(TOUR.read_text(encoding="utf-8"), young)
    assert any(str(p).startswith("step 7 (change-5), claim 1") for p in report.problems)
    # The same age as a superseded value or an impact age does not contradict the claim.
    for extra in ({"status": "superseded"}, {"event": "impact"}):
        other = with_extra_age(
            cat,
            **{
                "age_id": "fake-young-a12",
                "sample_id": "12002",
                "age_ma": 1800.0,
                "method": "Rb-Sr",
                "event": "crystallization",
                "status": "current",
                "source_id": "meyer-lsc-12002",
                **extra,
            },
        )
        assert check_claim(other, claim) is None


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ({"kind": "most_mass", "site": "apollo-17"}, True),
        ({"kind": "most_mass", "site": "apollo-11"}, False),
        ({"kind": "side", "site": "change-6", "side": "far"}, True),
        ({"kind": "side", "site": "change-5", "side": "far"}, False),
        ({"kind": "gap", "after": "luna-24", "until": "change-5"}, True),
        ({"kind": "gap", "after": "apollo-11", "until": "change-5"}, False),
        ({"kind": "largest_region", "region": "south-pole-aitken", "region_kind": "basin"}, True),
        ({"kind": "largest_region", "region": "apollo-basin", "region_kind": "basin"}, False),
        ({"kind": "inside_region", "site": "change-6", "region": "south-pole-aitken"}, True),
        ({"kind": "inside_region", "site": "apollo-11", "region": "south-pole-aitken"}, False),
        ({"kind": "earliest", "site": "apollo-11"}, True),
        ({"kind": "earliest", "site": "luna-16"}, False),
        ({"kind": "telepathy"}, False),
        ({"kind": "side", "site": "mars-1", "side": "far"}, False),
    ],
)
def test_claim_kinds(cat, claim, holds):
    assert (check_claim(cat, claim) is None) is holds
