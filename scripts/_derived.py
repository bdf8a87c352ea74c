"""Shared by the derive_* scripts: how a derived file is reported, so a re-derivation can be
compared with the committed file."""

from __future__ import annotations

import hashlib
from pathlib import Path


def fingerprint(path: Path) -> str:
    """``"sha256 1a2b…"``: the first 16 hex digits of the file's SHA-256."""
    return f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()[:16]}…"


def kib(path: Path) -> str:
    """The file's size, e.g. ``"158 KiB"``."""
    return f"{path.stat().st_size / 1024:.0f} KiB"


def subset_noto_sc(out: Path, chars: set[int], configure, root: Path) -> None:
    """The command line of the derive_*_font scripts: read a Noto Sans CJK collection (the
    ``ttc`` argument), keep its Simplified Chinese face's *chars* with the subsetter options
    *configure* sets, write *out* and print its size and SHA-256 (relative to *root*)."""
    import argparse
    import os

    from fontTools import subset
    from fontTools.ttLib import TTCollection

    # fontTools stamps the font's modification time from SOURCE_DATE_EPOCH when set: pinned to
    # the source package's date, a re-derivation gives the same bytes (comparable SHA-256).
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1643241600")  # 2022-01-27
    parser = argparse.ArgumentParser()
    parser.add_argument("ttc", type=Path)
    parser.add_argument("--package", default="fonts-noto-cjk")
    args = parser.parse_args()
    collection = TTCollection(str(args.ttc))
    face = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    configure(options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(chars))
    sub.subset(face)
    out.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(face, str(out), options)
    print(
        f"{out.relative_to(root)}: {len(chars)} code points, {kib(out)}, {fingerprint(out)} "
        f"from {args.package}"
    )
