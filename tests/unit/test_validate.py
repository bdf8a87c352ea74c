"""Validation finds each injected fault and names its file, row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from moonmap import CatalogError, load_catalog, validate_package
from moonmap.cli import main


def _edit(path: Path, row: int, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        cols = list(rows[0].keys())
    rows[row - 1][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_shipped_package_is_valid():
    report = validate_package(Path(__file__).resolve().parents[2] / "data")
    assert report.ok, "\n".join(map(str, report.problems))
    assert report.counts["sites"] == 11


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "expect"),
    [
        ("sites.csv", 2, "lat_deg", "95", "above the maximum 90"),
        ("sites.csv", 3, "lon_deg", "east", "is not a number"),
        ("samples.csv", 4, "mass_g", "-3", "below the minimum 0"),
        ("ages.csv", 5, "age_ma", "4700", "above the maximum 4600"),
        ("ages.csv", 6, "source_id", "", "is required but empty"),
        ("ages.csv", 7, "source_id", "no-such-paper", "unknown source_id 'no-such-paper'"),
        ("ages.csv", 8, "sample_id", "99999", "unknown sample_id '99999'"),
        ("ages.csv", 9, "method", "carbon-14", "is not one of"),
        ("samples.csv", 3, "sample_id", "10001", "duplicate id 10001"),
        ("splits.csv", 2, "kind", "borrowed", "is not one of"),
        ("splits.csv", 3, "received", "last spring", "does not match"),
        ("custodians.csv", 2, "lat_deg", "-91", "below the minimum -90"),
        ("sites.csv", 1, "mass_source_id", "", "missing source"),
        ("sites.csv", 2, "landing_utc", "1969-13-45", "not a date in the calendar"),
        ("splits.csv", 4, "received", "2021-02-30", "not a date in the calendar"),
    ],
)
def test_each_injected_fault_is_reported(data_copy, file, row, column, value, expect):
    _edit(data_copy / file, row, column, value)
    report = validate_package(data_copy)
    hits = [
        p for p in report.problems if p.file == file and p.column == column and expect in p.message
    ]
    assert hits, "\n".join(map(str, report.problems))
    assert any(p.row == row for p in hits)
    assert not report.ok


def test_split_masses_exceeding_returned_mass(data_copy):
    _edit(data_copy / "sites.csv", 10, "returned_mass_g", "50")  # change-5 is row 10
    report = validate_package(data_copy)
    assert any("add up to" in p.message and "change-5" in p.message for p in report.problems), (
        "\n".join(map(str, report.problems))
    )


def test_missing_table_and_bad_encoding(data_copy):
    (data_copy / "splits.csv").unlink()
    (data_copy / "sources.csv").write_bytes(b"source_id,kind\n\xff\xfe bad\n")
    msgs = [str(p) for p in validate_package(data_copy).problems]
    assert any("splits.csv" in m and "missing" in m for m in msgs)
    assert any("sources.csv" in m and "not UTF-8" in m for m in msgs)


def test_load_catalog_raises_with_problem_list(data_copy):
    _edit(data_copy / "sites.csv", 1, "lat_deg", "200")
    with pytest.raises(CatalogError) as info:
        load_catalog(data_copy)
    assert info.value.problems[0].file == "sites.csv"
    assert "lat_deg" in str(info.value)


def test_cli_exit_codes(data_copy, capsys):
    assert main(["validate", str(data_copy)]) == 0
    assert "valid" in capsys.readouterr().out
    _edit(data_copy / "samples.csv", 1, "mass_g", "-1")
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "samples.csv, row 1 (line 2), column mass_g" in err


def _descriptor(data_copy):
    import json

    path = data_copy / "datapackage.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "bad_path", ["../../../../etc/passwd", "/etc/passwd", "sub/../../x.csv", "http://x/y.csv", 7]
)
def test_resource_path_outside_the_package_is_refused(data_copy, bad_path):
    import json

    path, desc = _descriptor(data_copy)
    desc["resources"][0]["path"] = bad_path
    path.write_text(json.dumps(desc), encoding="utf-8")
    report = validate_package(data_copy)
    assert not report.ok
    assert any("inside the package folder" in str(p) for p in report.problems)
    assert not any("root:" in str(p) for p in report.problems)  # nothing read from /etc


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"resources": null}',
        '{"resources": [1, 2]}',
        '{"resources": [{"name": 3}]}',
        "[" * 5000 + "]" * 5000,
        '{"resources": [{"name": "sites", "schema": {"fields": 5}}]}',
    ],
)
def test_malformed_descriptor_is_a_problem_not_a_traceback(data_copy, text):
    (data_copy / "datapackage.json").write_text(text, encoding="utf-8")
    report = validate_package(data_copy)
    assert not report.ok and report.problems
