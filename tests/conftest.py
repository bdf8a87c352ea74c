"""Shared fixtures: the shipped data package and throw-away copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from moonmap import Catalog, load_catalog

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may corrupt."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


@pytest.fixture(scope="session")
def cat() -> Catalog:
    """The shipped catalog, loaded once (a Catalog is immutable)."""
    return load_catalog()
