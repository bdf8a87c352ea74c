"""The shipped Apollo collection matches the figures data/README.md states for its source."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import DATA

JSC = "nasa-jsc-lunar-sample-catalog"


def expected_figures() -> dict[str, tuple[int, float]]:
    text = (DATA / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- expected-collection -->")[1].split("<!-- /expected-collection -->")[0]
    out = {}
    for line in block.splitlines():
        m = re.match(r"\s*\| (Apollo \d\d) \| ([\d,]+) \| ([\d,.]+) \|", line)
        if m:
            out[m.group(1)] = (int(m.group(2).replace(",", "")), float(m.group(3).replace(",", "")))
    return out


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def test_per_mission_counts_and_masses_match_the_cited_catalog():
    want = expected_figures()
    assert set(want) == {f"Apollo {n}" for n in (11, 12, 14, 15, 16, 17)}
    samples = csv("samples.csv")
    alt = csv("sample_alt_values.csv")
    jsc_alt = alt[(alt["field"] == "mass_g") & (alt["source_id"] == JSC)]
    jsc_mass = dict(zip(jsc_alt["sample_id"], jsc_alt["value"].astype(float), strict=True))
    from_jsc = samples[samples["catalog_source_id"] == JSC]
    for mission, (count, grams) in want.items():
        site = "apollo-" + mission.split()[1]
        rows = from_jsc[from_jsc["site_id"] == site]
        assert len(rows) == count, mission
        total = sum(
            jsc_mass.get(r.sample_id, float(r.mass_g) if r.mass_g else 0.0)
            for r in rows.itertuples()
        )
        assert total == pytest.approx(grams, rel=2e-3), mission
    assert len(samples[samples["site_id"].str.startswith("apollo")]) >= 2100


@pytest.mark.parametrize(
    ("sample", "column", "value"),
    [
        ("61016", "mass_g", "11729"),
        ("14321", "mass_g", "8998"),
        ("72415", "station_id", "a17-st2"),
        ("60025", "sample_type", "Breccia"),
        ("67016", "station_id", "a16-st11"),
        ("21000", "mass_g", "0.593"),
        ("21000", "parent_sample_id", "L16-core"),
        ("24088", "mass_g", "0.503"),
    ],
)
def test_spot_checks(sample, column, value):
    samples = csv("samples.csv").set_index("sample_id")
    got = samples.loc[sample, column]
    assert (float(got) == float(value)) if column == "mass_g" else got == value


def test_every_sample_has_a_source_and_every_station_resolves():
    samples, stations = csv("samples.csv"), csv("stations.csv")
    sources = set(csv("sources.csv")["source_id"])
    assert samples["source_id"].isin(sources).all()
    placed = samples[samples["station_id"] != ""]
    assert placed["station_id"].isin(set(stations["station_id"])).all()
    assert placed["station_source_id"].isin(sources).all()
    with_mass = samples[samples["mass_g"] != ""]
    assert with_mass["mass_source_id"].isin(sources).all()


def test_frictionless_validates_the_package():
    exe = shutil.which("frictionless", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "frictionless is a test dependency (requirements-dev.txt)"
    run = subprocess.run(
        [exe, "validate", "--json", str(DATA / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    import json

    report = json.loads(run.stdout)
    errors = [(task["name"], err["message"]) for task in report["tasks"] for err in task["errors"]]
    assert report["valid"], errors[:10]
    assert len(report["tasks"]) == len(
        __import__("json").loads((DATA / "datapackage.json").read_text())["resources"]
    )
