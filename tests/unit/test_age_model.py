"""The age model in the shipped data and in the validator: vocabulary, supersession links,
fragments off their parent soils, representative ages for every site."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from moonmap.data import age_model as AM
from moonmap.validate import SOLAR_SYSTEM_AGE_MA, validate_package

DATA = Path(__file__).resolve().parents[2] / "data"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def test_every_age_has_a_status_and_known_event():
    ages = read("ages.csv")
    assert set(ages["status"]) <= {"current", "superseded"}
    assert set(ages["event"]) <= {*AM.EVENTS, ""}
    # Most rows say what they date; the empty ones say why in their note.
    assert (ages["event"] != "").mean() > 0.9
    for note in ages.loc[ages["event"] == "", "note"]:
        assert "Event" in note or "event" in note


def test_no_current_crystallization_age_is_older_than_the_solar_system():
    ages = read("ages.csv")
    cur = ages[(ages["event"] == "crystallization") & (ages["status"] == "current")]
    assert pd.to_numeric(cur["age_ma"]).max() <= SOLAR_SYSTEM_AGE_MA


def test_audited_rows():
    ages = read("ages.csv").set_index("age_id")
    samples = read("samples.csv").set_index("sample_id")
    # K-Ar whole-rock ages of Apollo 11 basalts record argon loss.
    for aid in ("10017-k-ar-eberhardt1974", "10071-k-ar-eberhardt1974"):
        assert ages.loc[aid, "event"] == "disturbed"
    # One determination quoted twice / a recalculation: kept, marked, not counted.
    assert ages.loc["10050-ar-ar-geiss1977", "superseded_by"] == "10050-ar-ar-guggisberg1979"
    assert ages.loc["15415-ar-ar-turner1972", "superseded_by"] == "15415-ar-ar-albarede1978"
    # The 15301 argon age belongs to impact melt 15304,7 from that soil.
    for aid in ("15301-ar-ar-dalrymple1991-a", "15301-ar-ar-dalrymple1991-b"):
        assert ages.loc[aid, "sample_id"] == "15304,7"
    assert samples.loc["15304,7", "parent_sample_id"] == "15301"
    for soil in ("15301", "15601", "72501", "78501"):
        assert soil not in set(ages["sample_id"]), soil
        assert (samples["parent_sample_id"] == soil).any()
    # "whole rock" only where a source says so.
    assert not (
        (ages["material"] == "whole rock") & ages["note"].str.contains("aterial not stated")
    ).any()


def test_every_site_has_a_cited_representative_age():
    reps = read("site_ages.csv")
    sources = set(read("sources.csv")["source_id"])
    sites = set(read("sites.csv")["site_id"])
    lead = reps[reps["lead"] == "yes"]
    assert set(lead["site_id"]) == sites
    assert set(reps["source_id"]) <= sources
    assert set(reps["unit_source_id"]) - {""} <= sources
    ce5 = pd.to_numeric(lead.loc[lead["site_id"] == "change-5", "age_ma"])
    assert ce5.between(1900, 2100).all() and len(ce5) == 2  # Li 2021 and Che 2021 side by side
    s_r = reps[reps["source_id"] == "stoffler-ryder-2001"].set_index("rep_id")
    assert s_r.loc["a12-mare", "age_ma"] == "3150" and s_r.loc["l24-mare", "age_ma"] == "3220"


def copy_data(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def edit_ages(folder: Path, age_id: str, **changes) -> None:
    path = folder / "ages.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["age_id"] == age_id:
            r.update(changes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


A = "10003-ar-ar-stettler1974"
B = "10003-ar-ar-turner1970"


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        ({A: {"event": "melting"}}, "event", "is not one of"),
        ({A: {"status": "old"}}, "status", "is not one of"),
        ({A: {"status": ""}}, "status", "is required"),
        ({A: {"status": "superseded", "superseded_by": "no-such-age"}}, "superseded_by", "unknown"),
        ({A: {"status": "superseded", "superseded_by": A}}, "superseded_by", "replace itself"),
        (
            {
                A: {"status": "superseded", "superseded_by": B},
                B: {"status": "superseded", "superseded_by": A},
            },
            "superseded_by",
            "loops back",
        ),
        ({A: {"superseded_by": B}}, "status", "set status to superseded"),
        ({A: {"age_ma": "4590", "event": "crystallization"}}, "status", "Solar System"),
    ],
)
def test_validator_rejects_broken_age_model(tmp_path, changes, column, words):
    folder = copy_data(tmp_path)
    for age_id, change in changes.items():
        edit_ages(folder, age_id, **change)
    report = validate_package(folder)
    assert not report.ok
    assert any(p.column == column and words in p.message for p in report.problems), [
        str(p) for p in report.problems
    ]


def test_validator_rejects_a_sample_that_is_its_own_parent(tmp_path, rehash):
    folder = copy_data(tmp_path)
    path = folder / "samples.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["sample_id"] == "15301":
            r["parent_sample_id"] = "15301"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    rehash(folder)  # only the content rule is under test, not the recorded hash
    problems = validate_package(folder).problems
    assert [(p.file, p.column, p.message) for p in problems] == [
        ("samples.csv", "parent_sample_id", "is the sample itself")
    ]


def test_format_and_about():
    assert AM.format_ga(3150, 40) == "3.15 ± 0.04 Ga"
    assert AM.format_ga(2030, 4) == "2.030 ± 0.004 Ga"
    assert AM.about_ga([2030, 1963]) == "about 2.0 billion years"
    assert AM.about_ga([3580, 3800]) == "3.58 to 3.80 billion years"
    assert AM.reason("K-Ar", "disturbed", "current") == "K-Ar, disturbed"
    assert AM.reason("Rb-Sr", None, "superseded") == "Rb-Sr, not stated, superseded"


def test_lead_labels_in_one_pass_equal_each_sites_own(cat):
    from moonmap.data.age_model import lead_label, lead_labels

    ids = [*cat.sites["site_id"], "nowhere"]
    labels = lead_labels(cat.site_ages, ids)
    assert labels == {s: lead_label(cat.site_ages, s) for s in ids}
    assert labels["nowhere"] == "no representative age"
    assert labels["change-5"].startswith("mare basalts: 2.030 ± 0.004 Ga; ")
