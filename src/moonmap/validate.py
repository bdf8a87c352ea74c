"""Validate a moonmap data package (CSV tables + datapackage.json) and report every problem.

Each problem's message is a message id marked with ``N_`` whose named placeholders hold the
values from the data (quoted with ``repr`` where the text quotes them), never translated.
``str(problem)`` is the English text (the command line's); :func:`render_problems` writes the
problems in one of the app's languages (the page shown when the package does not validate).
"""

from __future__ import annotations

import csv
import json
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from moonmap.data.integrity import file_problems
from moonmap.geo import MOON_RADIUS_M, angular_distance_deg
from moonmap.i18n import N_, Count, fill, integer, translations

DESCRIPTOR = "datapackage.json"

#: Columns the code relies on, per table. A descriptor may add columns, never drop these.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id", "citation", "doi", "url"),
    "sites": (
        "site_id",
        "mission",
        "agency",
        "landing_utc",
        "lat_deg",
        "lon_deg",
        "returned_mass_g",
        "side",
        "site_name",
    ),
    "samples": ("sample_id", "site_id", "rock_type", "mass_g", "nickname", "source_id"),
    "ages": (
        "sample_id",
        "age_ma",
        "age_err_ma",
        "err_sigma",
        "method",
        "material",
        "event",
        "status",
        "superseded_by",
        "source_id",
    ),
    "custodians": (
        "custodian_id",
        "name",
        "city",
        "country",
        "lat_deg",
        "lon_deg",
        "type",
        "source_id",
    ),
    "splits": (
        "split_id",
        "custodian_id",
        "site_id",
        "sample_id",
        "mass_g",
        "kind",
        "received",
        "source_id",
    ),
    "regions": (
        "region_id",
        "name",
        "kind",
        "shape",
        "center_lat_deg",
        "center_lon_deg",
        "major_axis_km",
        "minor_axis_km",
        "azimuth_deg",
        "source_id",
        "approximation",
    ),
}

MAX_AGE_MA = 4600.0
#: Age of the Solar System (oldest CAIs, about 4,567 Ma): no rock of the Moon can have
#: crystallized earlier, so a larger current crystallization age is an old decay constant or a
#: model artefact and must be marked superseded (or not called a crystallization age).
SOLAR_SYSTEM_AGE_MA = 4567.0


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the package, located as precisely as possible.

    ``row`` is the 1-based data row (the header is not counted), so the file line is
    ``row + 1``. ``row`` and ``column`` are ``None`` for file-level problems.

    ``message`` is the English text, ``template`` filled with ``params``: ``template`` is
    its message id (``""`` for a problem made from a plain message, which is shown as
    written) and ``params`` the values filled in, as text (a
    :class:`~moonmap.i18n.Count` is a number written with the language's digit grouping).
    Neither takes part in comparisons.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    template: str = field(default="", compare=False)
    params: dict[str, str | int] = field(default_factory=dict, compare=False)

    @classmethod
    def of(
        cls, file: str, row: int | None, column: str | None, template: str, /, **params: object
    ) -> Problem:
        """The problem whose message is *template* (marked with ``N_``) filled with *params*
        (any names: the first four arguments are positional only)."""
        values = {k: v if isinstance(v, Count) else str(v) for k, v in params.items()}
        return cls(file, row, column, fill(template, values, "en"), template, values)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row} (line {self.row + 1})"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Report:
    """Result of validating a package: the problems found and per-table row counts."""

    directory: Path
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: The descriptor and each table as read (header, string rows), for the loader to reuse.
    descriptor: dict | None = None
    tables: dict[str, tuple[list[str], list[dict]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line describing the package, e.g. for ``python -m moonmap validate``."""
        parts = ", ".join(f"{n} {t}" for t, n in self.counts.items())
        state = "valid" if self.ok else f"INVALID ({len(self.problems)} problems)"
        return f"{self.directory}: {state}: {parts}"


#: At most this many problems are listed (then "... and N more").
SHOWN = 50


class CatalogError(ValueError):
    """Raised when a data package does not validate; carries the full list of problems."""

    def __init__(self, problems: Iterable[Problem], directory: Path | str = ""):
        self.problems = list(problems)
        self.directory = str(directory)
        head = f"data package {self.directory} has {len(self.problems)} problem(s):"
        lines = [head] + [f"  - {p}" for p in self.problems[:SHOWN]]
        if len(self.problems) > SHOWN:
            lines.append(f"  ... and {len(self.problems) - SHOWN} more")
        super().__init__("\n".join(lines))

    def render(self, code: str) -> str:
        """The problems in language *code* (see :func:`render_problems`)."""
        return render_problems(self.problems, code, self.directory)


def problem_text(problem: Problem, code: str) -> str:
    """*problem* in language *code*: its place and message translated, the values from the
    data as they are. In English (or an unknown code) this is ``str(problem)``."""
    gettext = translations(code).gettext
    if problem.template:
        message = fill(gettext(problem.template), problem.params, code)
    else:
        message = problem.message
    where = problem.file
    if problem.row is not None:
        where += gettext(N_(", row {row} (line {line})")).format(
            row=problem.row, line=problem.row + 1
        )
    if problem.column is not None:
        where += gettext(N_(", column {column}")).format(column=problem.column)
    return gettext(N_("{where}: {message}")).format(where=where, message=message)


def render_problems(problems: Iterable[Problem], code: str, directory: Path | str = "") -> str:
    """The list a :class:`CatalogError` prints, in language *code* (``en``, ``zh``, ``fr``):
    a head line with the count, at most :data:`SHOWN` problems, and how many more there are."""
    problems = list(problems)
    t = translations(code)
    n = len(problems)
    head = t.ngettext(
        "data package {directory} has {n} problem:", "data package {directory} has {n} problems:", n
    ).format(directory=str(directory), n=integer(n, code))
    lines = [head] + [f"  - {problem_text(p, code)}" for p in problems[:SHOWN]]
    if n > SHOWN:
        more = n - SHOWN
        # Translators: the same text twice in English (the number of problems not listed).
        lines.append(
            "  "
            + t.ngettext("... and {n} more", "... and {n} more", more).format(n=integer(more, code))
        )
    return "\n".join(lines)


#: The message for a value beyond a field's (bound, with a unit?).
_BOUND_TEMPLATES = {
    ("minimum", True): N_("{value} is below the minimum {minimum} ({unit})"),
    ("minimum", False): N_("{value} is below the minimum {minimum}"),
    ("maximum", True): N_("{value} is above the maximum {maximum} ({unit})"),
    ("maximum", False): N_("{value} is above the maximum {maximum}"),
}


def _is_blank(v: str) -> bool:
    return v.strip() == ""


def _parse_number(v: str) -> float | None:
    try:
        x = float(v)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _parse_integer(v: str) -> int | None:
    return int(v) if re.fullmatch(r"[+-]?\d+", v.strip()) else None


def read_table(
    path: Path, name: str, problems: list[Problem], resource: dict | None = None
) -> tuple[list[str], list[dict]]:
    """Read one CSV as strings; record unreadable, non-UTF-8 or ragged files as problems,
    and a file whose size or hash differs from what its *resource* records."""
    fname = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem.of(fname, None, None, N_("table '{name}' is missing"), name=name))
        return [], []
    except OSError as exc:
        problems.append(
            Problem.of(fname, None, None, N_("cannot read file: {reason}"), reason=exc.strerror)
        )
        return [], []
    if resource is not None:
        problems.extend(
            Problem.of(fname, None, None, template, **params)
            for template, params in file_problems(raw, resource)
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem.of(
                fname,
                None,
                None,
                N_("not UTF-8 text (bad byte at line {line}); save as UTF-8"),
                line=line,
            )
        )
        return [], []
    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem.of(fname, None, None, N_("file is empty (no header row)")))
        return [], []
    header = [h.strip() for h in header]
    rows = []
    for i, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem.of(
                    fname,
                    i,
                    None,
                    N_("has {cells} cells but the header has {columns} (check commas and quoting)"),
                    cells=len(cells),
                    columns=len(header),
                )
            )
            cells = (cells + [""] * len(header))[: len(header)]
        rows.append({h: c for h, c in zip(header, cells, strict=True)} | {"__row__": i})
    return header, rows


def load_descriptor(directory: Path) -> tuple[dict | None, list[Problem]]:
    """Read ``datapackage.json`` from *directory*; return it and any problems found."""
    path = directory / DESCRIPTOR
    if not directory.is_dir():
        return None, [Problem.of(str(directory), None, None, N_("is not a directory"))]
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [
            Problem.of(DESCRIPTOR, None, None, N_("missing: a data package needs a descriptor"))
        ]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, [
            Problem.of(DESCRIPTOR, None, None, N_("is not valid JSON: {error}"), error=exc)
        ]
    except (RecursionError, ValueError):
        return None, [
            Problem.of(DESCRIPTOR, None, None, N_("is not valid JSON (too deep or too long)"))
        ]
    shape = _descriptor_shape(desc, directory)
    if shape:
        return None, shape
    problems = []
    names = {r.get("name") for r in desc.get("resources", [])}
    for table in REQUIRED_COLUMNS:
        if table not in names:
            problems.append(
                Problem.of(
                    DESCRIPTOR, None, None, N_("declares no resource '{table}'"), table=table
                )
            )
    return desc, problems


def _descriptor_shape(desc, directory: Path) -> list[Problem]:
    """Problems with the descriptor's structure: an object with a list of resources, each
    with a text name, a schema whose fields have text names, and a relative ``path`` that
    stays inside the package folder (the Data Package spec forbids absolute paths and
    ``..``; a path is never followed outside the folder)."""
    if not isinstance(desc, dict):
        return [
            Problem.of(DESCRIPTOR, None, None, N_("must be a JSON object with a 'resources' list"))
        ]
    resources = desc.get("resources")
    if not isinstance(resources, list):
        return [Problem.of(DESCRIPTOR, None, None, N_("'resources' must be a list"))]
    problems = []
    root = directory.resolve()
    for i, res in enumerate(resources, start=1):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            problems.append(
                Problem.of(
                    DESCRIPTOR, None, None, N_("resource {index} needs a text 'name'"), index=i
                )
            )
            continue
        name = res["name"][:40]
        path = res.get("path", f"{res['name']}.csv")
        bad = (
            not isinstance(path, str)
            or not path
            or "\\" in path
            or "://" in path
            or Path(path).is_absolute()
            or ".." in Path(path).parts
            or not (root / path).resolve().is_relative_to(root)
        )
        if bad:
            problems.append(
                Problem.of(
                    DESCRIPTOR,
                    None,
                    None,
                    N_("resource '{name}': 'path' must be a file name inside the package folder"),
                    name=name,
                )
            )
        schema = res.get("schema", {})
        fields = schema.get("fields", []) if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
        ):
            problems.append(
                Problem.of(
                    DESCRIPTOR,
                    None,
                    None,
                    N_("resource '{name}': schema fields need text names"),
                    name=name,
                )
            )
    return problems


def _check_column(fname: str, rows: list[dict], fdef: dict, problems: list[Problem]) -> None:
    """Check one column of every row; plain text columns take a fast path (they can only be
    missing when required, or padded with spaces)."""
    name = fdef["name"]
    if fdef.get("type", "string") != "string" or fdef.get("constraints"):
        for row in rows:
            _check_field(fname, row, fdef, problems)
        return
    for row in rows:
        value = row.get(name, "")
        if value and value != value.strip() and value.strip():
            problems.append(
                Problem.of(
                    fname,
                    row["__row__"],
                    name,
                    N_("has leading/trailing spaces: {value}"),
                    value=repr(value),
                )
            )


def _check_field(fname: str, row: dict, fdef: dict, problems: list[Problem]) -> None:
    name = fdef["name"]
    value = row.get(name, "")
    cons = fdef.get("constraints", {})
    i = row["__row__"]
    if _is_blank(value):
        if cons.get("required"):
            problems.append(Problem.of(fname, i, name, N_("is required but empty")))
        return
    if value != value.strip():
        problems.append(
            Problem.of(
                fname, i, name, N_("has leading/trailing spaces: {value}"), value=repr(value)
            )
        )
        value = value.strip()
    ftype = fdef.get("type", "string")
    parsed: object = value
    if ftype == "number":
        parsed = _parse_number(value)
        if parsed is None:
            problems.append(
                Problem.of(fname, i, name, N_("{value} is not a number"), value=repr(value))
            )
            return
    elif ftype == "integer":
        parsed = _parse_integer(value)
        if parsed is None:
            problems.append(
                Problem.of(fname, i, name, N_("{value} is not an integer"), value=repr(value))
            )
            return
    if "enum" in cons and parsed not in cons["enum"]:
        allowed = ", ".join(str(e) for e in cons["enum"])
        problems.append(
            Problem.of(
                fname,
                i,
                name,
                N_("{value} is not one of: {allowed}"),
                value=repr(value),
                allowed=allowed,
            )
        )
    unit = {"unit": fdef["unit"]} if fdef.get("unit") else {}
    for bound, beyond in (("minimum", operator.lt), ("maximum", operator.gt)):
        if bound in cons and isinstance(parsed, (int, float)) and beyond(parsed, cons[bound]):
            template = _BOUND_TEMPLATES[bound, bool(unit)]
            problems.append(
                Problem.of(fname, i, name, template, value=value, **{bound: cons[bound]}, **unit)
            )
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        problems.append(
            Problem.of(
                fname,
                i,
                name,
                N_("{value} does not match the expected form {pattern}"),
                value=repr(value),
                pattern=cons["pattern"],
            )
        )
    elif ftype == "string" and _ISO_DATE.fullmatch(value) and not _real_date(value):
        problems.append(
            Problem.of(
                fname, i, name, N_("{value} is not a date in the calendar"), value=repr(value)
            )
        )


#: An ISO 8601 date as the package writes it: YYYY-MM, YYYY-MM-DD, optionally a UTC time.
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z)?")


def _real_date(value: str) -> bool:
    """Whether an :data:`_ISO_DATE` value names a real day and time (no month 13, no
    31 April, no hour 24)."""
    import datetime as dt

    y, mo, d, h, mi, sec = _ISO_DATE.fullmatch(value).groups()
    try:
        dt.datetime(int(y), int(mo), int(d or 1), int(h or 0), int(mi or 0), int(sec or 0))
    except ValueError:
        return False
    return True


def validate_package(directory: Path | str) -> Report:
    """Check a data package and return a :class:`Report` listing every problem.

    Parameters
    ----------
    directory
        Folder holding ``datapackage.json`` and one CSV per table.

    Returns
    -------
    Report
        ``report.ok`` is True when nothing is wrong; ``report.problems`` lists each
        problem by file, row and column.
    """
    directory = Path(directory)
    report = Report(directory)
    desc, problems = load_descriptor(directory)
    report.problems.extend(problems)
    if desc is None:
        return report
    report.descriptor = desc
    tables: dict[str, list[dict]] = {}
    resources = {r["name"]: r for r in desc.get("resources", []) if "name" in r}
    for name, res in resources.items():
        path = directory / res.get("path", f"{name}.csv")
        header, rows = read_table(path, name, report.problems, res)
        fname = path.name
        fields = res.get("schema", {}).get("fields", [])
        declared = [f["name"] for f in fields]
        if header:
            for col in declared:
                if col not in header:
                    report.problems.append(Problem.of(fname, None, col, N_("column is missing")))
            for col in header:
                if col not in declared:
                    report.problems.append(
                        Problem.of(
                            fname,
                            None,
                            col,
                            N_("column is not declared in {descriptor}"),
                            descriptor=DESCRIPTOR,
                        )
                    )
            dupes = {c for c, k in Counter(header).items() if k > 1}
            for col in sorted(dupes):
                report.problems.append(Problem.of(fname, None, col, N_("column appears twice")))
        for col in REQUIRED_COLUMNS.get(name, ()):
            if col not in declared:
                report.problems.append(
                    Problem.of(
                        DESCRIPTOR,
                        None,
                        col,
                        N_("resource '{name}' must declare this column"),
                        name=name,
                    )
                )
        for fdef in fields:
            if fdef["name"] in header:
                _check_column(fname, rows, fdef, report.problems)
        _check_keys(fname, res, rows, report.problems)
        _check_provenance(fname, res, rows, report.problems)
        tables[name] = rows
        report.tables[name] = (header, rows)
        report.counts[name] = len(rows)
    _check_foreign_keys(directory, resources, tables, report.problems)
    _check_cross_table(tables, report.problems)
    report.problems.sort(key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
    return report


def _check_keys(fname: str, res: dict, rows: list[dict], problems: list[Problem]) -> None:
    schema = res.get("schema", {})
    pk = schema.get("primaryKey") or []
    unique_cols = [
        f["name"] for f in schema.get("fields", []) if f.get("constraints", {}).get("unique")
    ]
    key_sets = [tuple(pk)] if pk else []
    key_sets += [(c,) for c in unique_cols if (c,) not in key_sets]
    for cols in key_sets:
        seen: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row.get(c, "").strip() for c in cols)
            if all(k == "" for k in key):
                continue
            if key in seen:
                problems.append(
                    Problem.of(
                        fname,
                        row["__row__"],
                        ",".join(cols),
                        N_("duplicate id {key} (first used in row {first})"),
                        key=", ".join(key),
                        first=seen[key],
                    )
                )
            else:
                seen[key] = row["__row__"]


def _check_provenance(fname: str, res: dict, rows: list[dict], problems: list[Problem]) -> None:
    prov = res.get("x-provenance", {})
    for row in rows:
        for value_col, source_col in prov.items():
            if not _is_blank(row.get(value_col, "")) and _is_blank(row.get(source_col, "")):
                problems.append(
                    Problem.of(
                        fname,
                        row["__row__"],
                        source_col,
                        N_("missing source: {column} has a value but {source} is empty"),
                        column=value_col,
                        source=source_col,
                    )
                )


def _check_foreign_keys(
    directory: Path, resources: dict, tables: dict[str, list[dict]], problems: list[Problem]
) -> None:
    for name, res in resources.items():
        fname = Path(res.get("path", f"{name}.csv")).name
        for fkey in res.get("schema", {}).get("foreignKeys", []):
            col = fkey["fields"]
            ref = fkey["reference"]
            target = ref.get("resource") or name
            ref_col = ref["fields"]
            if target not in tables:
                continue
            valid = {r.get(ref_col, "").strip() for r in tables[target]}
            for row in tables.get(name, []):
                value = row.get(col, "").strip()
                if value and value not in valid:
                    problems.append(
                        Problem.of(
                            fname,
                            row["__row__"],
                            col,
                            N_("unknown {column} {value} (not in {table})"),
                            column=ref_col,
                            value=repr(value),
                            table=target,
                        )
                    )


def _check_cross_table(tables: dict[str, list[dict]], problems: list[Problem]) -> None:
    sites = {r.get("site_id", "").strip(): r for r in tables.get("sites", [])}
    samples = {r.get("sample_id", "").strip(): r for r in tables.get("samples", [])}
    sources = tables.get("sources", [])
    for row in sources:
        if _is_blank(row.get("doi", "")) and _is_blank(row.get("url", "")):
            problems.append(
                Problem.of(
                    "sources.csv", row["__row__"], "url", N_("a source needs a doi or a url")
                )
            )
    for fname, table in (("samples.csv", "samples"), ("splits.csv", "splits")):
        for row in tables.get(table, []):
            if _is_blank(row.get("mass_g", "")):
                continue
            mass = _parse_number(row["mass_g"])
            ret = _parse_number(
                sites.get(row.get("site_id", "").strip(), {}).get("returned_mass_g", "")
            )
            if mass is not None and ret is not None and mass > ret:
                problems.append(
                    Problem.of(
                        fname,
                        row["__row__"],
                        "mass_g",
                        N_("{mass} g exceeds the {returned} g returned by {site}"),
                        mass=f"{mass:g}",
                        returned=f"{ret:g}",
                        site=row["site_id"],
                    )
                )
    # The published split masses of one site cannot add up to more than was brought back.
    totals: dict[str, float] = {}
    last_row: dict[str, int] = {}
    for row in tables.get("splits", []):
        mass = _parse_number(row.get("mass_g", ""))
        if mass is None:
            continue
        site = row.get("site_id", "").strip()
        totals[site] = totals.get(site, 0.0) + mass
        last_row[site] = row["__row__"]
    for site, total in sorted(totals.items()):
        ret = _parse_number(sites.get(site, {}).get("returned_mass_g", ""))
        if ret is not None and total > ret:
            problems.append(
                Problem.of(
                    "splits.csv",
                    last_row[site],
                    "mass_g",
                    N_(
                        "split masses of {site} add up to {total} g, more than the {returned} g"
                        " it returned"
                    ),
                    site=site,
                    total=f"{total:g}",
                    returned=f"{ret:g}",
                )
            )
    for row in tables.get("splits", []):
        sid = row.get("sample_id", "").strip()
        if sid and sid in samples:
            sample_site = samples[sid].get("site_id", "").strip()
            if sample_site != row.get("site_id", "").strip():
                problems.append(
                    Problem.of(
                        "splits.csv",
                        row["__row__"],
                        "site_id",
                        N_("sample {sample} comes from {sample_site}, not {site}"),
                        sample=sid,
                        sample_site=sample_site,
                        site=row.get("site_id"),
                    )
                )
    for row in tables.get("regions", []):
        _check_region_shape(row, problems)
    _check_stations(tables, sites, problems)
    _check_age_model(tables.get("ages", []), problems)
    _check_parents(samples, problems)
    for row in tables.get("ages", []):
        err = _parse_number(row.get("age_err_ma", ""))
        if (
            err is not None
            and _is_blank(row.get("err_sigma", ""))
            and _is_blank(row.get("note", ""))
        ):
            problems.append(
                Problem.of(
                    "ages.csv",
                    row["__row__"],
                    "err_sigma",
                    N_(
                        "an uncertainty needs its sigma (1 or 2), or a note saying the source"
                        " does not state it"
                    ),
                )
            )


def _check_age_model(ages: list[dict], problems: list[Problem]) -> None:
    """``status``/``superseded_by`` agree, no row replaces itself, replacement chains end,
    and no current crystallization age is older than the Solar System."""
    by_id = {r.get("age_id", "").strip(): r for r in ages}
    for row in ages:
        i, aid = row["__row__"], row.get("age_id", "").strip()
        status = row.get("status", "").strip()
        target = row.get("superseded_by", "").strip()
        if target and target == aid:
            problems.append(
                Problem.of("ages.csv", i, "superseded_by", N_("a row cannot replace itself"))
            )
            continue
        if target and status != "superseded":
            if status:
                template = N_(
                    "is {status} but superseded_by names {target};"
                    " set status to superseded or clear superseded_by"
                )
                params = {"status": repr(status), "target": repr(target)}
            else:
                template = N_(
                    "is 'empty' but superseded_by names {target};"
                    " set status to superseded or clear superseded_by"
                )
                params = {"target": repr(target)}
            problems.append(Problem.of("ages.csv", i, "status", template, **params))
        seen, cur = {aid}, target
        while cur and cur in by_id:
            if cur in seen:
                problems.append(
                    Problem.of(
                        "ages.csv",
                        i,
                        "superseded_by",
                        N_("replacement chain from {start} loops back ({again} again)"),
                        start=repr(aid),
                        again=repr(cur),
                    )
                )
                break
            seen.add(cur)
            cur = by_id[cur].get("superseded_by", "").strip()
        age = _parse_number(row.get("age_ma", ""))
        if (
            age is not None
            and age > SOLAR_SYSTEM_AGE_MA
            and status == "current"
            and row.get("event", "").strip() == "crystallization"
        ):
            problems.append(
                Problem.of(
                    "ages.csv",
                    i,
                    "status",
                    N_(
                        "a current crystallization age of {age} Ma is older than the Solar"
                        " System ({limit} Ma): mark it superseded (old decay constants) or give"
                        " the event the source states"
                    ),
                    age=f"{age:g}",
                    limit=f"{SOLAR_SYSTEM_AGE_MA:g}",
                )
            )


def _check_parents(samples: dict[str, dict], problems: list[Problem]) -> None:
    """A sample's parent is another sample from the same site."""
    for sid, row in samples.items():
        parent = row.get("parent_sample_id", "").strip()
        if not parent:
            continue
        if parent == sid:
            problems.append(
                Problem.of(
                    "samples.csv", row["__row__"], "parent_sample_id", N_("is the sample itself")
                )
            )
        elif parent in samples and samples[parent].get("site_id") != row.get("site_id"):
            problems.append(
                Problem.of(
                    "samples.csv",
                    row["__row__"],
                    "parent_sample_id",
                    N_("parent {parent} comes from {parent_site}, not {site}"),
                    parent=parent,
                    parent_site=samples[parent].get("site_id"),
                    site=row.get("site_id"),
                )
            )


#: A sampling station must lie within this distance of its site's lander position (the
#: longest Apollo traverse, Apollo 17's, reached about 7.6 km from the LM).
STATION_MAX_KM = 12.0
MOON_RADIUS_KM = MOON_RADIUS_M / 1000.0


def _check_stations(tables: dict, sites: dict, problems: list[Problem]) -> None:
    """Every station lies near its site; every sample's station belongs to its site."""
    stations = {r.get("station_id", "").strip(): r for r in tables.get("stations", [])}
    for row in stations.values():
        site = sites.get(row.get("site_id", "").strip())
        if not site:
            continue
        vals = [
            _parse_number(v)
            for v in (
                row.get("lat_deg", ""),
                row.get("lon_deg", ""),
                site.get("lat_deg", ""),
                site.get("lon_deg", ""),
            )
        ]
        if None in vals:
            continue
        km = math.radians(angular_distance_deg(*vals)) * MOON_RADIUS_KM
        if km > STATION_MAX_KM:
            problems.append(
                Problem.of(
                    "stations.csv",
                    row["__row__"],
                    "lat_deg",
                    N_(
                        "station {station} is {km} km from the {site} lander;"
                        " stations must lie within {limit} km"
                    ),
                    station=row["station_id"],
                    km=f"{km:.1f}",
                    site=row["site_id"],
                    limit=f"{STATION_MAX_KM:g}",
                )
            )
    for row in tables.get("samples", []):
        sid = row.get("station_id", "").strip()
        if sid and sid in stations:
            st_site = stations[sid].get("site_id", "").strip()
            if st_site != row.get("site_id", "").strip():
                problems.append(
                    Problem.of(
                        "samples.csv",
                        row["__row__"],
                        "station_id",
                        N_("station {station} belongs to {station_site}, not {site}"),
                        station=sid,
                        station_site=st_site,
                        site=row.get("site_id"),
                    )
                )


def _check_region_shape(row: dict, problems: list[Problem]) -> None:
    """An ellipse needs its minor axis (not longer than the major) and azimuth; a circle none."""
    shape = row.get("shape", "").strip()
    major = _parse_number(row.get("major_axis_km", ""))
    minor = _parse_number(row.get("minor_axis_km", ""))
    azim = _parse_number(row.get("azimuth_deg", ""))
    i = row["__row__"]
    if shape == "ellipse":
        if minor is None:
            problems.append(
                Problem.of("regions.csv", i, "minor_axis_km", N_("an ellipse needs a minor axis"))
            )
        elif major is not None and minor > major:
            problems.append(
                Problem.of(
                    "regions.csv",
                    i,
                    "minor_axis_km",
                    N_("minor axis {minor} km is longer than the major axis {major} km"),
                    minor=f"{minor:g}",
                    major=f"{major:g}",
                )
            )
        if azim is None:
            problems.append(
                Problem.of(
                    "regions.csv",
                    i,
                    "azimuth_deg",
                    N_("an ellipse needs the azimuth of its major axis"),
                )
            )
    elif shape == "circle":
        for col, val in (("minor_axis_km", minor), ("azimuth_deg", azim)):
            if val is not None:
                problems.append(
                    Problem.of(
                        "regions.csv", i, col, N_("a circle has only a diameter (major_axis_km)")
                    )
                )
