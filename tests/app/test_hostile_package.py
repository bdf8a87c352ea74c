"""Injected data-package faults (issue 17): each gives a message naming the file on every
page and from ``python -m moonmap validate``, and nothing outside the package is printed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from moonmap.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGES = (
    "pages/moon_map.py",
    "pages/earth_map.py",
    "pages/samples_ages.py",
    "pages/tour.py",
    "pages/coverage.py",
    "pages/data_sources.py",
)
#: What /etc/passwd (and similar) start with: never shown.
OUTSIDE = ("root:", "daemon:", "nobody:")


def _resource_path(path: str):
    def inject(data: Path) -> None:
        desc_path = data / "datapackage.json"
        desc = json.loads(desc_path.read_text(encoding="utf-8"))
        desc["resources"][1]["path"] = path
        desc_path.write_text(json.dumps(desc, indent=2), encoding="utf-8")

    return inject


def _descriptor(text: str):
    def inject(data: Path) -> None:
        (data / "datapackage.json").write_text(text, encoding="utf-8")

    return inject


def _cut_regions(data: Path) -> None:
    """Cut at a line boundary: 10 regions -> 5, every remaining row well formed."""
    lines = (data / "regions.csv").read_bytes().splitlines(keepends=True)
    (data / "regions.csv").write_bytes(b"".join(lines[:6]))


def _cut_splits(data: Path) -> None:
    """Cut in the middle of a row, as an interrupted copy leaves it."""
    raw = (data / "splits.csv").read_bytes()
    (data / "splits.csv").write_bytes(raw[: len(raw) * 4 // 7])


def _set_site_value(data: Path, row: int, column: str, value: str) -> None:
    """Write *value* into sites.csv's data row *row* (0-based), column *column*."""
    path = data / "sites.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _bad_landing_date(data: Path) -> None:
    """Apollo 11 landed on 1969-13-45 (recorded anew, see REHASHED)."""
    _set_site_value(data, 0, "landing_utc", "1969-13-45")


def _deep_tour(data: Path) -> None:
    (data / "tour.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")


#: fault -> (how to inject it, the file every message must name, what the message says).
FAULTS = {
    "path ../../../../etc/passwd": (
        _resource_path("../../../../etc/passwd"),
        "datapackage.json",
        "inside the package folder",
    ),
    "absolute path /etc/passwd": (
        _resource_path("/etc/passwd"),
        "datapackage.json",
        "inside the package folder",
    ),
    "descriptor []": (_descriptor("[]"), "datapackage.json", "must be a JSON object"),
    "resources null": (
        _descriptor('{"resources": null}'),
        "datapackage.json",
        "'resources' must be a list",
    ),
    "regions cut to 5 rows": (_cut_regions, "regions.csv", "incomplete or changed"),
    "splits cut mid-row": (_cut_splits, "splits.csv", "incomplete or changed"),
    "landing date 1969-13-45": (_bad_landing_date, "sites.csv", "not a date in the calendar"),
    "tour nested 5,000 deep": (_deep_tour, "tour.json", "not valid JSON"),
}


#: Faults whose files' sizes and hashes are recorded anew after the edit, so the content
#: check itself (here: the calendar) must catch them.
REHASHED = {"landing date 1969-13-45"}


@pytest.fixture
def faulty(request, data_copy, monkeypatch, rehash):
    inject, fname, words = FAULTS[request.param]
    inject(data_copy)
    if request.param in REHASHED:
        rehash(data_copy)
    monkeypatch.setenv("MOONMAP_DATA", str(data_copy))
    monkeypatch.delenv("MOONMAP_TOUR", raising=False)
    return request.param, data_copy, fname, words


def _texts(at: AppTest) -> list[str]:
    """Every message, code block and text a reader sees (Markdown escapes removed)."""
    out = []
    for kind in ("error", "warning", "info", "code", "markdown", "caption", "title", "text"):
        for el in getattr(at, kind):
            out.append(str(el.value).replace("\\", ""))
    return out


@pytest.mark.parametrize("faulty", sorted(FAULTS), indirect=True)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_names_the_faulty_file(faulty, page):
    fault, _data, fname, words = faulty
    if fname == "tour.json":  # the package loads: pages run through the router
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        at.switch_page(page).run()
    else:  # as a shared link on a fresh server runs it: the page script alone
        at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = _texts(at)
    assert not any(tok in t for t in texts for tok in OUTSIDE), "printed a file outside"
    errors = [e.value.replace("\\", "") for e in at.error] + [c.value for c in at.code]
    if fname == "tour.json" and page != "pages/tour.py":
        assert not at.error, errors  # the tour file concerns the tour page only
        return
    assert any(fname in e and words in e for e in errors), errors


@pytest.mark.parametrize("faulty", sorted(FAULTS), indirect=True)
def test_cli_validate_names_the_faulty_file(faulty, capsys):
    _fault, data, fname, words = faulty
    assert main(["validate", str(data)]) == 1
    captured = capsys.readouterr()
    assert not any(tok in captured.out + captured.err for tok in OUTSIDE)
    lines = captured.err.splitlines()
    assert any(fname in line and words in line for line in lines), captured.err


def _not_a_number(data: Path) -> None:
    """Apollo 14's longitude is '*east*' (Markdown-looking, shown as written)."""
    _set_site_value(data, 2, "lon_deg", "*east*")


#: language -> the problem line as the page shows it (the value quoted as in English).
NOT_A_NUMBER = {
    "fr": "  - sites.csv, ligne de données 3 (ligne 4 du fichier), colonne lon_deg\xa0: "
    "'*east*' n’est pas un nombre",
    "zh": "  - sites.csv，第 3 条数据（文件第 4 行），lon_deg 列：'*east*' 不是数字",
    "en": "  - sites.csv, row 3 (line 4), column lon_deg: '*east*' is not a number",
}


@pytest.mark.parametrize("page", ["pages/moon_map.py", "pages/data_sources.py"])
@pytest.mark.parametrize("code", ["fr", "zh", "en"])
def test_the_problems_are_shown_in_the_page_language(code, page, data_copy, monkeypatch, rehash):
    from moonmap.i18n import translations

    _not_a_number(data_copy)
    rehash(data_copy)  # only the bad value is wrong
    monkeypatch.setenv("MOONMAP_DATA", str(data_copy))
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.query_params["lang"] = code
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    t = translations(code).gettext
    assert [e.value for e in at.error] == [
        t("The data package does not validate, so moonmap cannot start.")
    ]
    (block,) = [c.value for c in at.code]  # a code block: shown literally, nothing escaped
    lines = block.splitlines()
    assert NOT_A_NUMBER[code] in lines, block
    if code != "en":  # no English left (the folder's own path aside)
        words = block.replace(str(data_copy), "DIR")
        assert not any(w in words for w in ("is not a number", "row", "column", "problem")), block
