"""Command line: ``python -m moonmap validate [DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moonmap.catalog import DEFAULT_DATA_DIR
from moonmap.validate import validate_package


def _validate(args: argparse.Namespace) -> int:
    report = validate_package(Path(args.directory))
    if report.ok:
        print(report.summary())
        return 0
    print(report.summary(), file=sys.stderr)
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m moonmap", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a data package; exit 1 listing every problem")
    v.add_argument("directory", nargs="?", default=str(DEFAULT_DATA_DIR), help="package folder")
    v.set_defaults(func=_validate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
