"""The sample browser's query over the whole collection (pure)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from moonmap.data import sample_browser as SB
from tests.conftest import DATA


@pytest.fixture(scope="module")
def table(cat):
    return SB.sample_table(cat)


def test_table_has_one_row_per_sample_with_counts(cat, table):
    assert len(table) == len(cat.samples) >= 2100
    assert table["sample_id"].is_unique
    current = cat.ages[(cat.ages["status"] == "current") & cat.ages["age_ma"].notna()]
    assert int(table["dated"].sum()) == current["sample_id"].nunique()


def test_station_type_and_mass_query_matches_the_csv(table):
    raw = pd.read_csv(DATA / "samples.csv", dtype=str)
    mass = pd.to_numeric(raw["mass_g"])
    want = raw[
        (raw["site_id"] == "apollo-16")
        & (raw["station_id"] == "a16-st11")
        & (raw["sample_type"] == "Breccia")
        & (mass >= 100)
    ]
    q = SB.SampleQuery(
        station_ids=frozenset({"a16-st11"}), types=frozenset({"Breccia"}), mass_min_g=100
    )
    got = SB.apply(table, q, None)
    assert set(got["sample_id"]) == set(want["sample_id"]) and len(got) >= 5
    assert list(got["mass_g"]) == sorted(got["mass_g"], reverse=True)


def test_in_play_dated_pristine_and_sort(table):
    some = frozenset(table["sample_id"].head(300))
    got = SB.apply(table, SB.SampleQuery(dated="dated", sort="number"), some)
    assert set(got["sample_id"]) <= some and got["dated"].all()
    assert list(got["sample_id"]) == sorted(got["sample_id"])
    undated = SB.apply(table, SB.SampleQuery(dated="undated"), None)
    assert not undated["dated"].any() and len(undated) + int(table["dated"].sum()) == len(table)
    pristine = SB.apply(table, SB.SampleQuery(pristine_min_pct=90, mass_max_g=1), None)
    assert (pristine["pristine_pct"] >= 90).all() and (pristine["mass_g"] <= 1).all()


def test_count_line_says_how_many_match_and_are_dated(table):
    got = SB.apply(table, SB.SampleQuery(types=frozenset({"Basalt"})), None)
    line = SB.count_line(got, len(table))
    n, dated = len(got), int(got["dated"].sum())
    assert line == f"{n:,} of {len(table):,} samples match; {dated:,} of them dated."
    assert SB.count_line(got.head(1), 5).startswith("1 of 5 samples matches")


@pytest.mark.parametrize(
    "kwargs",
    [{"mass_min_g": math.inf}, {"mass_max_g": math.nan}, {"dated": "maybe"}, {"sort": "x"}],
)
def test_bad_queries_are_refused(kwargs):
    with pytest.raises(ValueError):
        SB.SampleQuery(**kwargs)
