"""Coverage page under AppTest: per-mission counts and unpublished values match the CSVs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def frame_with(at, *columns):
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(columns)


def test_coverage_reports_counts_and_unknowns_honestly():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/coverage.py").run()
    assert not at.exception
    samples = pd.read_csv(ROOT / "data" / "samples.csv", dtype=str)
    splits = pd.read_csv(ROOT / "data" / "splits.csv", dtype=str)
    cust = pd.read_csv(ROOT / "data" / "custodians.csv", dtype=str)
    missions = frame_with(at, "mission", "samples", "holdings").set_index("mission")
    assert missions["samples"].sum() == len(samples)
    assert missions.loc["Chang'e-5", "holdings"] == (splits["site_id"] == "change-5").sum()
    unknown = frame_with(at, "value", "not_published", "of").set_index("value")
    assert unknown.loc["mass of a holding", "not_published"] == splits["mass_g"].isna().sum()
    assert unknown.loc["mass of a holding", "of"] == len(splits)
    loans = splits[splits["kind"] == "loan"]
    assert unknown.loc["mass of a loan", "not_published"] == loans["mass_g"].isna().sum()
    assert unknown.loc["holder's city", "not_published"] == cust["city"].isna().sum()
    assert (
        unknown.loc["sample's sampling station", "not_published"]
        == samples["station_id"].isna().sum()
    )
    ages = pd.read_csv(ROOT / "data" / "ages.csv", dtype=str)
    event_row = "what an age dates (event): not stated by the source"
    assert unknown.loc[event_row, "not_published"] == ages["event"].isna().sum() > 0
    assert unknown.loc[event_row, "of"] == len(ages)
    kinds = frame_with(at, "kind", "sources", "with_doi")
    assert kinds["sources"].sum() == len(pd.read_csv(ROOT / "data" / "sources.csv"))
    assert any("moonmap contributors" in t.value for t in at.text)
    assert any("@misc{moonmap_" in c.value for c in at.code)
