"""Validate a user's own sample sites (CSV or GeoJSON) before they are drawn on the Moon map.

Pure Python, no Streamlit. :func:`parse_sites` never raises on bad input: it returns either
the clean rows or a list of specific problems, each naming the row (or feature) and column.
Nothing is written anywhere; the app keeps the rows in the user's session only.

Accepted:

* **CSV** (UTF-8, comma-separated, header row): ``lat``, ``lon``, ``label`` and optionally
  ``age_ma``; column names are case-insensitive and other columns are ignored.
* **GeoJSON**: a FeatureCollection of Point features ``[lon, lat]`` with a ``label`` property
  and optionally ``age_ma``.

Latitude must lie in −90..90, longitude in −180..360 (values above 180 are converted to the
−180..180 convention the map uses), age in 0..4,600 Ma; labels are plain text (1-80 characters,
no control characters) and are always shown as text, never as HTML.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

MAX_BYTES = 512 * 1024
MAX_ROWS = 2000
MAX_LABEL = 80
MAX_PROBLEMS = 20
COLUMNS = ["label", "lat_deg", "lon_deg", "age_ma"]
#: Control characters (line breaks included: a label is one line) and lone surrogates
#: (JSON can spell them, as "\ud800"; no text encoding can carry them). Checked together with
#: ``str.isprintable``, which also refuses C1 controls (U+0080-U+009F), line and paragraph
#: separators, invisible format characters (bidirectional overrides, zero-width joiners) and
#: unassigned code points; other spaces (no-break, thin) become plain spaces first.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
#: A plain decimal number, optionally with an exponent: "1_0" (Python's digit grouping),
#: "nan", "inf" and "0x1p3" are not numbers here.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")
#: Longest number text read (a coordinate or age never needs more digits).
_MAX_NUMBER_TEXT = 40
#: Most columns a CSV header may have (the format needs 3 or 4).
MAX_COLUMNS = 100


@dataclass
class UploadResult:
    """Rows that passed (empty if any problem) and the messages for the user."""

    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS))
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and len(self.rows) > 0


def _number(text) -> float | None:
    """*text* as a finite float, or None: never raises (huge integers from JSON, digit
    grouping, hex and words are refused)."""
    if isinstance(text, bool):
        return None
    try:
        if isinstance(text, (int, float)):
            value = float(text)
        else:
            raw = str(text).strip()
            if len(raw) > _MAX_NUMBER_TEXT or not _NUMBER.fullmatch(raw):
                return None
            value = float(raw)
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def _found(names: list[str], most: int = 5) -> str:
    """The header's names for a message: at most *most*, each at most 20 characters."""
    if not any(names):
        return "none"
    shown = ", ".join(n if len(n) <= 20 else n[:20] + "…" for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _shown(value) -> str:
    """A bounded, printable rendering of a bad cell for a message."""
    text = str(value)
    text = text if len(text) <= 40 else text[:40] + "…"
    return repr(text.encode("utf-8", "backslashreplace").decode("utf-8"))


class _Rows:
    """Collects checked rows and problems with their locations."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.problems: list[str] = []
        self.converted = 0

    def add(self, where: str, label, lat, lon, age) -> None:
        before = len(self.problems)
        text = "" if label is None else _plain_spaces(str(label)).strip()
        if not text:
            self.problems.append(f"{where}, column label: the label is empty.")
        elif len(text) > MAX_LABEL:
            self.problems.append(
                f"{where}, column label: {len(text)} characters; at most {MAX_LABEL}."
            )
        elif _CONTROL.search(text) or not text.isprintable():
            self.problems.append(
                f"{where}, column label: contains line breaks, control characters or invisible "
                "or invalid characters; a label is one line of text."
            )
        la, lo = _number(lat), _number(lon)
        if la is None:
            self.problems.append(f"{where}, column lat: {_shown(lat)} is not a number.")
        elif not -90 <= la <= 90:
            self.problems.append(f"{where}, column lat: {la:g} is outside -90..90 degrees.")
        if lo is None:
            self.problems.append(f"{where}, column lon: {_shown(lon)} is not a number.")
        elif not -180 <= lo <= 360:
            self.problems.append(f"{where}, column lon: {lo:g} is outside -180..360 degrees.")
        a = None
        if age is not None and str(age).strip() != "":
            a = _number(age)
            if a is None:
                self.problems.append(f"{where}, column age_ma: {_shown(age)} is not a number.")
            elif not 0 <= a <= 4600:
                self.problems.append(
                    f"{where}, column age_ma: {a:g} Ma is outside 0..4,600 Ma "
                    "(the Moon is about 4,500 million years old; ages are in Ma)."
                )
        if len(self.problems) == before:
            if lo > 180:
                lo -= 360
                self.converted += 1
            self.rows.append({"label": text, "lat_deg": la, "lon_deg": lo, "age_ma": a})


def _plain_spaces(text: str) -> str:
    """*text* with every space character (no-break, thin, ideographic...) as a plain space."""
    return "".join(" " if ch != " " and unicodedata.category(ch) == "Zs" else ch for ch in text)


def _parse_csv(text: str) -> _Rows | list[str]:
    reader = csv.reader(io.StringIO(text), strict=True)  # strict: an unclosed quote is an error
    try:
        header = next(reader)
    except StopIteration:
        return ["The file has no header row."]
    except csv.Error as err:
        return [f"Line 1: cannot read the CSV ({err})."]
    if len(header) > MAX_COLUMNS:
        return [f"Line 1: {len(header):,} columns; the file needs lat, lon, label (and age_ma)."]
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    if len(names) == 1:
        for sep, word in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header[0]:
                return [
                    f"Line 1: the columns are separated by {word}; moonmap reads "
                    "comma-separated files. Save as CSV with commas."
                ]
    dupes = sorted(n for n, k in Counter(names).items() if k > 1 and n)
    if dupes:
        return [f"Line 1: column {_found(dupes)} appears more than once."]
    missing = [c for c in ("lat", "lon", "label") if c not in names]
    if missing:
        return [
            f"Line 1: missing column(s) {', '.join(missing)}; found {_found(names)}. "
            "Needed: lat, lon, label (and optionally age_ma)."
        ]
    idx = {n: i for i, n in enumerate(names)}
    out = _Rows()
    try:
        for n, rec in enumerate(reader, start=2):
            if not any(cell.strip() for cell in rec):
                continue
            if len(out.rows) + 1 > MAX_ROWS:
                return [f"More than {MAX_ROWS:,} rows; split the file."]
            if len(rec) != len(names):
                out.problems.append(
                    f"Line {n}: {len(rec)} values for {len(names)} columns "
                    "(a missing or extra comma?)."
                )
                continue

            def cell(col: str, rec=rec):
                return rec[idx[col]] if col in idx else None

            out.add(f"Line {n}", cell("label"), cell("lat"), cell("lon"), cell("age_ma"))
            if len(out.problems) >= MAX_PROBLEMS:
                break
    except csv.Error as err:
        return [f"Line {reader.line_num}: cannot read the CSV ({err})."]
    return out


def _parse_geojson(text: str) -> _Rows | list[str]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        return [f"Line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})."]
    except RecursionError:
        return ["The JSON is nested too deeply to be a GeoJSON FeatureCollection."]
    except ValueError:  # e.g. an integer longer than Python's int-string limit
        return ["The JSON holds a number too long to read (thousands of digits)."]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ['The GeoJSON must be a FeatureCollection ({"type": "FeatureCollection", ...}).']
    features = doc.get("features")
    if not isinstance(features, list):
        return ["The FeatureCollection has no 'features' list."]
    if len(features) > MAX_ROWS:
        return [f"More than {MAX_ROWS:,} features; split the file."]
    out = _Rows()
    for i, feat in enumerate(features, start=1):
        where = f"Feature {i}"
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(geom, dict) or geom.get("type") != "Point":
            kind = geom.get("type") if isinstance(geom, dict) else type(geom).__name__
            out.problems.append(f"{where}, geometry: must be a Point, found {kind}.")
            continue
        coords = geom.get("coordinates")
        if not isinstance(coords, list) or len(coords) < 2:
            out.problems.append(f"{where}, geometry: coordinates must be [lon, lat].")
            continue
        props = props if isinstance(props, dict) else {}
        out.add(where, props.get("label"), coords[1], coords[0], props.get("age_ma"))
        if len(out.problems) >= MAX_PROBLEMS:
            break
    return out


def parse_sites(name: str, data: bytes, max_bytes: int = MAX_BYTES) -> UploadResult:
    """Check an uploaded file; see the module docstring for the accepted format."""
    size = len(data)
    if size == 0:
        return UploadResult(problems=["The file is empty (0 bytes)."])
    if size > max_bytes:
        return UploadResult(
            problems=[
                f"The file is {size / 1024:,.0f} kB; the limit is {max_bytes / 1024:,.0f} kB."
            ]
        )
    if b"\x00" in data[:4096]:
        return UploadResult(
            problems=["This is a binary file, not CSV or GeoJSON text (it contains NUL bytes)."]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return UploadResult(
            problems=[
                f"Line {line}: byte 0x{data[err.start]:02x} is not UTF-8 text. "
                "Save the file as UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet)."
            ]
        )
    lower = (name or "").lower()
    is_json = lower.endswith((".geojson", ".json")) or text.lstrip().startswith("{")
    parsed = _parse_geojson(text) if is_json else _parse_csv(text)
    if isinstance(parsed, list):
        return UploadResult(problems=parsed)
    if parsed.problems:
        more = " (first problems only)" if len(parsed.problems) >= MAX_PROBLEMS else ""
        return UploadResult(problems=parsed.problems + ([more.strip()] if more else []))
    if not parsed.rows:
        return UploadResult(problems=["The file has a header but no data rows."])
    notes = []
    html_like = [r["label"] for r in parsed.rows if re.search(r"<[^>]*>", r["label"])]
    if html_like:
        notes.append(
            f"{len(html_like)} label(s) look like HTML (e.g. {html_like[0][:40]!r}); they are "
            "kept and shown as plain text, never run as code."
        )
    if parsed.converted:
        notes.append(f"{parsed.converted} longitude(s) above 180° converted to −180..180.")
    return UploadResult(rows=pd.DataFrame(parsed.rows, columns=COLUMNS), notes=notes)
