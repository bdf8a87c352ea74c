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


def rehash_copy(directory: Path) -> None:
    """Record the current sizes and hashes of *directory*'s files, as an editor does after an
    intended change (``python -m moonmap rehash``); tests that edit a copy to build a valid
    variant call it, tests that inject a fault into the content need not."""
    from contextlib import redirect_stdout
    from io import StringIO

    from moonmap.cli import main

    with redirect_stdout(StringIO()):
        main(["rehash", str(directory)])


@pytest.fixture
def rehash():
    """:func:`rehash_copy`, for a test that edits its data copy on purpose."""
    return rehash_copy


@pytest.fixture(scope="session")
def cat() -> Catalog:
    """The shipped catalog, loaded once (a Catalog is immutable)."""
    return load_catalog()
