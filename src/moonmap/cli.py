"""Command line: ``python -m moonmap validate [DIR]``, ``python -m moonmap rehash [DIR]`` and
``python -m moonmap export ...``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moonmap.catalog import DEFAULT_DATA_DIR
from moonmap.validate import load_descriptor, validate_package

#: Same keys as ``moonmap.export.FORMATS`` (not imported here: that module pulls in geopandas).
EXPORT_FORMATS = ["csv", "geojson", "gpkg", "kml", "bib", "csl", "samples"]


def _validate(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    report = validate_package(directory)
    if not report.ok:
        print(report.summary(), file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(report.summary())
    tour_problems = _tour_problems(directory)
    for problem in tour_problems:
        print(f"  {problem}", file=sys.stderr)
    return 1 if tour_problems else 0


def _tour_problems(directory: Path) -> list[str]:
    """Problems of the package's tour file (``tour.json``, optional), each naming it."""
    path = directory / "tour.json"
    if not path.exists():
        return []
    from moonmap.catalog import load_catalog
    from moonmap.tour import load_tour

    texts = [str(p) for p in load_tour(path, load_catalog(directory)).problems]
    return [t if t.startswith(path.name) else f"{path.name}: {t}" for t in texts]


def _rehash(args: argparse.Namespace) -> int:
    """Record each resource file's current size and hash in datapackage.json, then validate."""
    from moonmap.data.integrity import descriptor_text, rehash_package
    from moonmap.validate import DESCRIPTOR

    directory = Path(args.directory)
    desc, problems = load_descriptor(directory)
    if desc is None:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    new, changes = rehash_package(directory, desc)
    if changes:
        (directory / DESCRIPTOR).write_text(descriptor_text(new), encoding="utf-8", newline="\n")
    for line in changes:
        print(line)
    print(f"{DESCRIPTOR}: {len(changes)} resource(s) updated")
    return _validate(argparse.Namespace(directory=str(directory)))


def _export(args: argparse.Namespace) -> int:
    from moonmap.catalog import load_catalog
    from moonmap.data import age_model as AM
    from moonmap.export import export
    from moonmap.filters import FilterOptions, Filters
    from moonmap.validate import CatalogError

    try:
        cat = load_catalog(args.data)
    except CatalogError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    opts = FilterOptions.from_catalog(cat)
    problems = []
    unknown = [s for s in args.site if s not in opts.site_ids]
    if unknown:
        problems.append(f"unknown --site {', '.join(unknown)} (known: {', '.join(opts.site_ids)})")
    bad_methods = [m for m in args.method if m not in opts.methods]
    if bad_methods:
        problems.append(
            f"unknown --method {', '.join(bad_methods)} (known: {', '.join(opts.methods)})"
        )
    bad_events = [e for e in args.event if e not in opts.events]
    if bad_events:
        problems.append(
            f"unknown --event {', '.join(bad_events)} (known: {', '.join(opts.events)})"
        )
    lo = args.min_age_ma if args.min_age_ma is not None else 0.0
    hi = args.max_age_ma if args.max_age_ma is not None else 4600.0
    if lo > hi:
        problems.append(f"--min-age-ma {lo:g} is greater than --max-age-ma {hi:g}")
    if problems:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        return 2
    age = None if args.min_age_ma is None and args.max_age_ma is None else (lo, hi)
    filters = Filters(
        age_ma=age,
        site_ids=frozenset(args.site),
        methods=frozenset(args.method),
        # An age range means "formed in this range" unless events are named (as in the app).
        age_scope=AM.ANY if args.event else AM.FORMED,
        events=frozenset(args.event),
        statuses=frozenset() if args.include_superseded else frozenset({"current"}),
    )
    data = export(cat, args.format, filters)
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as err:
        print(f"error: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(data):,} bytes, {args.format})")
    return 0


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m moonmap", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a data package; exit 1 listing every problem")
    v.add_argument("directory", nargs="?", default=str(DEFAULT_DATA_DIR), help="package folder")
    v.set_defaults(func=_validate)
    r = sub.add_parser(
        "rehash",
        help="after an intended data edit: record each file's size and hash, then validate",
        description="Write the current size ('bytes') and SHA-256 ('hash') of every table into "
        "datapackage.json, print what changed, then validate the package. Loading refuses a "
        "file whose size or hash differs from the record (a truncated copy).",
    )
    r.add_argument("directory", nargs="?", default=str(DEFAULT_DATA_DIR), help="package folder")
    r.set_defaults(func=_rehash)
    e = sub.add_parser(
        "export",
        help="write the (filtered) ages with their sites and sources",
        description="Export the age determinations that pass the filters, with their sites "
        "(IAU_2015:30100) and sources. Without filters: the whole catalog.",
    )
    e.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    e.add_argument("--out", required=True, help="file to write")
    e.add_argument("--min-age-ma", type=_finite, help="keep ages >= N million years")
    e.add_argument("--max-age-ma", type=_finite, help="keep ages <= N million years")
    e.add_argument("--site", action="append", default=[], help="site_id (repeatable)")
    e.add_argument("--method", action="append", default=[], help="dating method (repeatable)")
    e.add_argument(
        "--event",
        action="append",
        default=[],
        help="keep ages dating this event (repeatable): crystallization, impact, glass, "
        "exposure, disturbed, model, 'not stated'. Without it, --min/--max-age-ma count "
        "current crystallization ages only",
    )
    e.add_argument(
        "--include-superseded",
        action="store_true",
        help="also export superseded values (recalculated later; excluded by default)",
    )
    e.add_argument("--data", default=None, help="data package folder (default: shipped)")
    e.set_defaults(func=_export)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
