"""Words and numbers a reader trusts: no "None", no "1 countries", no raw ISO timestamps on any
page (text elements and every table cell), across the pages and details a visitor opens."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
N_STEPS = len(json.loads((ROOT / "data" / "tour.json").read_text(encoding="utf-8"))["steps"])

NONE = re.compile(r"\bNone\b|\bnan\b|\bNaN\b")
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
#: "1 countries": a lone 1 before a plural noun (units and decimals excepted).
PLURAL = re.compile(r"(?<![\d.,])\b1 (?!(?:kg|km|g|Ga|Ma|mg|cm|m)\b)([a-z]{2,}s)\b")
TEXT_KINDS = ("markdown", "caption", "text", "info", "warning", "error", "success", "subheader")


def findings(at: AppTest) -> list[str]:
    out = []
    texts = [str(el.value) for kind in TEXT_KINDS for el in at.get(kind)]
    texts += [f"{m.label} {m.value}" for m in at.get("metric")]
    for t in texts:
        for name, pattern in (("None", NONE), ("ISO timestamp", ISO), ("plural", PLURAL)):
            if pattern.search(t):
                out.append(f"{name}: {t[:100]!r}")
    for df in at.dataframe:
        frame = df.value
        for col in frame.columns:
            if frame[col].isna().any():
                out.append(f"empty cell shown as None in column {col!r}")
            cells = frame[col].dropna().astype(str)
            if cells.str.contains(ISO).any():
                out.append(f"ISO timestamp in column {col!r}")
            if cells.str.fullmatch(r"None|nan|NaN").any():
                out.append(f"'None' text in column {col!r}")
    return out


def opened(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


VISITS = [
    (None, {}),
    (None, {"site": "apollo-16"}),
    (None, {"site": "change-5"}),
    (None, {"site": "luna-16"}),
    ("pages/earth_map.py", {}),
    ("pages/earth_map.py", {"holder": "naoc-beijing"}),
    ("pages/earth_map.py", {"holder": "open-univ"}),
    ("pages/samples_ages.py", {"sample": "61016"}),
    ("pages/samples_ages.py", {"sample": "CE5-basalt-clasts-Li2021"}),
    ("pages/samples_ages.py", {"mission": "change-5"}),
    ("pages/coverage.py", {}),
    ("pages/data_sources.py", {}),
    *[("pages/tour.py", {"step": str(i)}) for i in range(1, N_STEPS + 1)],
]


@pytest.mark.parametrize(("page", "params"), VISITS)
def test_page_text_and_tables_read_cleanly(page, params):
    assert findings(opened(page, **params)) == []


def test_the_scan_catches_what_it_looks_for():
    at = opened("pages/data_sources.py")
    at.selectbox(key="data_table").set_value("sites").run()
    assert findings(at) == []  # landing times are shown formatted
    assert PLURAL.search("held by 1 countries") and not PLURAL.search("1 kg and 1.5 samples")
    assert ISO.search("2020-12-01T15:11Z") and NONE.search("Link None")
