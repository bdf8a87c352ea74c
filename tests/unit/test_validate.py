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


def _cut_lines(path: Path, keep: int) -> None:
    """Keep the header and the first *keep* data rows (a copy cut at a line boundary)."""
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[: keep + 1]))


def test_truncated_tables_are_refused_naming_the_file(data_copy, capsys):
    """A cut copy is no longer loaded silently with rows missing (regions 10 -> 5 rows at a
    line boundary; splits cut in the middle of a row)."""
    _cut_lines(data_copy / "regions.csv", 5)
    raw = (data_copy / "splits.csv").read_bytes()
    (data_copy / "splits.csv").write_bytes(raw[: len(raw) * 4 // 7])
    with pytest.raises(CatalogError) as info:
        load_catalog(data_copy)
    text = str(info.value)
    assert "regions.csv: the file has" in text and "incomplete or changed" in text
    assert "splits.csv: the file has" in text and "python -m moonmap rehash" in text
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "regions.csv: the file has" in err and "splits.csv: the file has" in err


def test_same_size_edit_is_caught_by_the_hash(data_copy):
    path = data_copy / "sites.csv"
    path.write_bytes(path.read_bytes().replace(b"apollo-11,Apollo 11", b"apollo-11,Apollo 1l", 1))
    msgs = [str(p) for p in validate_package(data_copy).problems]
    assert msgs == [
        "sites.csv: the file's SHA256 differs from the one datapackage.json records: its content"
        " changed (if the file was edited on purpose, run `python -m moonmap rehash data`)"
    ]


def test_rehash_records_an_intended_edit(data_copy, capsys):
    _cut_lines(data_copy / "regions.csv", 9)
    assert not validate_package(data_copy).ok
    assert main(["rehash", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "regions.csv: 3,156 -> " in out and "1 resource(s) updated" in out
    assert validate_package(data_copy).ok
    assert len(load_catalog(data_copy).regions) == 9
    assert main(["rehash", str(data_copy)]) == 0
    assert "0 resource(s) updated" in capsys.readouterr().out


def test_shipped_descriptor_is_written_as_rehash_writes_it():
    """``make rehash`` on the shipped package changes nothing (sizes, hashes, formatting)."""
    from moonmap.data.integrity import descriptor_text, rehash_package
    from moonmap.validate import load_descriptor

    data = Path(__file__).resolve().parents[2] / "data"
    desc, problems = load_descriptor(data)
    assert not problems
    new, changes = rehash_package(data, desc)
    assert changes == []
    assert descriptor_text(new) == (data / "datapackage.json").read_text(encoding="utf-8")
    assert all(r["hash"].startswith("sha256:") and len(r["hash"]) == 71 for r in desc["resources"])


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        ({"bytes": None}, "records no 'bytes'"),
        ({"hash": None}, "records no 'hash'"),
        ({"bytes": "3241"}, "not a whole number"),
        ({"hash": "sha1:abc"}, "must be 'sha256:<hex digits>'"),
        ({"hash": 5}, "must be 'sha256:<hex digits>'"),
        ({"hash": "0" * 32}, "MD5 differs"),
    ],
)
def test_size_and_hash_must_be_recorded_and_well_formed(data_copy, change, expect):
    import json

    path, desc = _descriptor(data_copy)
    res = next(r for r in desc["resources"] if r["name"] == "sites")
    for key, value in change.items():
        if value is None:
            res.pop(key)
        else:
            res[key] = value
    path.write_text(json.dumps(desc), encoding="utf-8")
    problems = validate_package(data_copy).problems
    assert [p.file for p in problems] == ["sites.csv"]
    assert expect in problems[0].message


def test_frictionless_agrees_on_the_recorded_size_and_hash(data_copy):
    """The fields are the Data Package ones: frictionless reads them and reports the same cut."""
    from frictionless import Package

    _cut_lines(data_copy / "regions.csv", 5)
    report = Package(str(data_copy / "datapackage.json")).get_resource("regions").validate()
    assert {e.type for e in report.tasks[0].errors} >= {"hash-count", "byte-count"}
