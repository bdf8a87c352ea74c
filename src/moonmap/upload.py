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

The messages are written in the language asked for (``lang``: ``en``, ``zh`` or ``fr``, from
the gettext catalogs of :mod:`moonmap.i18n`); English is the text as written here. Column
names, units, the user's own values and Python's CSV/JSON error details stay as they are.
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

from moonmap.i18n import DEFAULT, LOCALES, N_, gettext_for, integer, number, translations

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


def _found(names: list[str], lang: str = DEFAULT, most: int = 5) -> str:
    """The header's names for a message: at most *most*, each at most 20 characters."""
    t = gettext_for(lang)
    if not any(names):
        # Translators: no column names were found in the header.
        return t("none")
    shown = ", ".join(n if len(n) <= 20 else n[:20] + "…" for n in names[:most])
    if len(names) > most:
        return t("{names} and {n} more").format(names=shown, n=len(names) - most)
    return shown


def _g(value: float, lang: str) -> str:
    """*value* as ``{:g}`` writes it (short, bounded), with the language's decimal sign."""
    text = f"{value:g}"
    if lang == DEFAULT or lang not in LOCALES:
        return text
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(LOCALES[lang]))


def _count(n: int, lang: str) -> str:
    """A count in running text: as written (``1200``) in English, grouped in the other
    languages (``1 200``)."""
    return str(n) if lang == DEFAULT else integer(n, lang)


def _shown(value) -> str:
    """A bounded, printable rendering of a bad cell for a message."""
    text = str(value)
    text = text if len(text) <= 40 else text[:40] + "…"
    return repr(text.encode("utf-8", "backslashreplace").decode("utf-8"))


class _Rows:
    """Collects checked rows and problems with their locations."""

    def __init__(self, lang: str = DEFAULT) -> None:
        self.rows: list[dict] = []
        self.problems: list[str] = []
        self.converted = 0
        self.lang = lang

    def add(self, where: str, label, lat, lon, age) -> None:
        t, lang, say = gettext_for(self.lang), self.lang, self.problems.append
        before = len(self.problems)
        text = "" if label is None else _plain_spaces(str(label)).strip()
        if not text:
            say(t("{where}, column label: the label is empty.").format(where=where))
        elif len(text) > MAX_LABEL:
            say(
                t("{where}, column label: {n} characters; at most {max}.").format(
                    where=where, n=_count(len(text), lang), max=MAX_LABEL
                )
            )
        elif _CONTROL.search(text) or not text.isprintable():
            say(
                t(
                    "{where}, column label: contains line breaks, control characters or "
                    "invisible or invalid characters; a label is one line of text."
                ).format(where=where)
            )
        not_a_number = t("{where}, column {column}: {value} is not a number.")
        la, lo = _number(lat), _number(lon)
        if la is None:
            say(not_a_number.format(where=where, column="lat", value=_shown(lat)))
        elif not -90 <= la <= 90:
            say(
                t("{where}, column lat: {value} is outside -90..90 degrees.").format(
                    where=where, value=_g(la, lang)
                )
            )
        if lo is None:
            say(not_a_number.format(where=where, column="lon", value=_shown(lon)))
        elif not -180 <= lo <= 360:
            say(
                t("{where}, column lon: {value} is outside -180..360 degrees.").format(
                    where=where, value=_g(lo, lang)
                )
            )
        a = None
        if age is not None and str(age).strip() != "":
            a = _number(age)
            if a is None:
                say(not_a_number.format(where=where, column="age_ma", value=_shown(age)))
            elif not 0 <= a <= 4600:
                say(
                    t(
                        "{where}, column age_ma: {value} Ma is outside 0..4,600 Ma "
                        "(the Moon is about 4,500 million years old; ages are in Ma)."
                    ).format(where=where, value=_g(a, lang))
                )
        if len(self.problems) == before:
            if lo > 180:
                lo -= 360
                self.converted += 1
            self.rows.append({"label": text, "lat_deg": la, "lon_deg": lo, "age_ma": a})


def _plain_spaces(text: str) -> str:
    """*text* with every space character (no-break, thin, ideographic...) as a plain space."""
    return "".join(" " if ch != " " and unicodedata.category(ch) == "Zs" else ch for ch in text)


#: A one-column header holding one of these is a file with another separator.
_SEPARATORS = (
    (
        ";",
        N_(
            "Line 1: the columns are separated by semicolons; moonmap reads comma-separated "
            "files. Save as CSV with commas."
        ),
    ),
    (
        "\t",
        N_(
            "Line 1: the columns are separated by tabs; moonmap reads comma-separated files. "
            "Save as CSV with commas."
        ),
    ),
    (
        "|",
        N_(
            "Line 1: the columns are separated by vertical bars; moonmap reads comma-separated "
            "files. Save as CSV with commas."
        ),
    ),
)


def _parse_csv(text: str, lang: str = DEFAULT) -> _Rows | list[str]:
    t, tr = gettext_for(lang), translations(lang)
    cannot_read = t("Line {n}: cannot read the CSV ({error}).")
    reader = csv.reader(io.StringIO(text), strict=True)  # strict: an unclosed quote is an error
    try:
        header = next(reader)
    except StopIteration:
        return [t("The file has no header row.")]
    except csv.Error as err:
        return [cannot_read.format(n=1, error=err)]
    if len(header) > MAX_COLUMNS:
        return [
            t("Line 1: {n} columns; the file needs lat, lon, label (and age_ma).").format(
                n=integer(len(header), lang)
            )
        ]
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    if len(names) == 1:
        for sep, message in _SEPARATORS:
            if sep in header[0]:
                return [t(message)]
    dupes = sorted(n for n, k in Counter(names).items() if k > 1 and n)
    if dupes:
        return [
            t("Line 1: column {names} appears more than once.").format(names=_found(dupes, lang))
        ]
    missing = [c for c in ("lat", "lon", "label") if c not in names]
    if missing:
        # Translators: the same text twice in English ("column(s)"); {missing} holds 1 to 3
        # column names.
        text = tr.ngettext(
            "Line 1: missing column(s) {missing}; found {found}. "
            "Needed: lat, lon, label (and optionally age_ma).",
            "Line 1: missing column(s) {missing}; found {found}. "
            "Needed: lat, lon, label (and optionally age_ma).",
            len(missing),
        )
        return [text.format(missing=", ".join(missing), found=_found(names, lang))]
    idx = {n: i for i, n in enumerate(names)}
    out = _Rows(lang)
    line = t("Line {n}")
    try:
        for n, rec in enumerate(reader, start=2):
            if not any(cell.strip() for cell in rec):
                continue
            if len(out.rows) + 1 > MAX_ROWS:
                return [t("More than {n} rows; split the file.").format(n=integer(MAX_ROWS, lang))]
            if len(rec) != len(names):
                # Translators: the same text twice in English; {values} may be 1.
                text = tr.ngettext(
                    "Line {n}: {values} values for {columns} columns (a missing or extra comma?).",
                    "Line {n}: {values} values for {columns} columns (a missing or extra comma?).",
                    len(rec),
                )
                out.problems.append(
                    text.format(
                        n=n, values=_count(len(rec), lang), columns=_count(len(names), lang)
                    )
                )
                continue

            def cell(col: str, rec=rec):
                return rec[idx[col]] if col in idx else None

            out.add(line.format(n=n), cell("label"), cell("lat"), cell("lon"), cell("age_ma"))
            if len(out.problems) >= MAX_PROBLEMS:
                break
    except csv.Error as err:
        return [cannot_read.format(n=reader.line_num, error=err)]
    return out


def _parse_geojson(text: str, lang: str = DEFAULT) -> _Rows | list[str]:
    t = gettext_for(lang)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        return [
            t("Line {line}, column {column}: not valid JSON ({error}).").format(
                line=err.lineno, column=err.colno, error=err.msg
            )
        ]
    except RecursionError:
        return [t("The JSON is nested too deeply to be a GeoJSON FeatureCollection.")]
    except ValueError:  # e.g. an integer longer than Python's int-string limit
        return [t("The JSON holds a number too long to read (thousands of digits).")]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        # Not formatted: the braces are the JSON's own.
        return [t('The GeoJSON must be a FeatureCollection ({"type": "FeatureCollection", ...}).')]
    features = doc.get("features")
    if not isinstance(features, list):
        return [t("The FeatureCollection has no 'features' list.")]
    if len(features) > MAX_ROWS:
        return [t("More than {n} features; split the file.").format(n=integer(MAX_ROWS, lang))]
    out = _Rows(lang)
    feature = t("Feature {n}")
    not_a_point = t("{where}, geometry: must be a Point, found {kind}.")
    not_lon_lat = t("{where}, geometry: coordinates must be [lon, lat].")
    for i, feat in enumerate(features, start=1):
        where = feature.format(n=i)
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(geom, dict) or geom.get("type") != "Point":
            kind = geom.get("type") if isinstance(geom, dict) else type(geom).__name__
            out.problems.append(not_a_point.format(where=where, kind=kind))
            continue
        coords = geom.get("coordinates")
        if not isinstance(coords, list) or len(coords) < 2:
            out.problems.append(not_lon_lat.format(where=where))
            continue
        props = props if isinstance(props, dict) else {}
        out.add(where, props.get("label"), coords[1], coords[0], props.get("age_ma"))
        if len(out.problems) >= MAX_PROBLEMS:
            break
    return out


def parse_sites(
    name: str, data: bytes, max_bytes: int = MAX_BYTES, lang: str = DEFAULT
) -> UploadResult:
    """Check an uploaded file; see the module docstring for the accepted format. The
    problems and notes are in *lang* (``en``, ``zh`` or ``fr``); the rows do not depend on it."""
    t, tr = gettext_for(lang), translations(lang)
    size = len(data)
    if size == 0:
        return UploadResult(problems=[t("The file is empty (0 bytes).")])
    if size > max_bytes:
        return UploadResult(
            problems=[
                t("The file is {size} kB; the limit is {limit} kB.").format(
                    size=number(size / 1024, lang, 0), limit=number(max_bytes / 1024, lang, 0)
                )
            ]
        )
    if b"\x00" in data[:4096]:
        return UploadResult(
            problems=[t("This is a binary file, not CSV or GeoJSON text (it contains NUL bytes).")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return UploadResult(
            problems=[
                t(
                    "Line {n}: byte 0x{byte} is not UTF-8 text. "
                    "Save the file as UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet)."
                ).format(n=line, byte=f"{data[err.start]:02x}")
            ]
        )
    lower = (name or "").lower()
    is_json = lower.endswith((".geojson", ".json")) or text.lstrip().startswith("{")
    parsed = _parse_geojson(text, lang) if is_json else _parse_csv(text, lang)
    if isinstance(parsed, list):
        return UploadResult(problems=parsed)
    if parsed.problems:
        more = [t("(first problems only)")] if len(parsed.problems) >= MAX_PROBLEMS else []
        return UploadResult(problems=parsed.problems + more)
    if not parsed.rows:
        return UploadResult(problems=[t("The file has a header but no data rows.")])
    notes = []
    html_like = [r["label"] for r in parsed.rows if re.search(r"<[^>]*>", r["label"])]
    if html_like:
        # Translators: the same text twice in English ("label(s)"); {example} is the first
        # such label, quoted as Python writes it ('<b>x</b>').
        text = tr.ngettext(
            "{n} label(s) look like HTML (e.g. {example}); they are kept and shown as plain "
            "text, never run as code.",
            "{n} label(s) look like HTML (e.g. {example}); they are kept and shown as plain "
            "text, never run as code.",
            len(html_like),
        )
        notes.append(text.format(n=_count(len(html_like), lang), example=repr(html_like[0][:40])))
    if parsed.converted:
        # Translators: the same text twice in English ("longitude(s)").
        text = tr.ngettext(
            "{n} longitude(s) above 180° converted to −180..180.",
            "{n} longitude(s) above 180° converted to −180..180.",
            parsed.converted,
        )
        notes.append(text.format(n=_count(parsed.converted, lang)))
    return UploadResult(rows=pd.DataFrame(parsed.rows, columns=COLUMNS), notes=notes)
