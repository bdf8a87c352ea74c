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
