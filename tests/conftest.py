"""Shared fixtures: the shipped data package and throw-away copies to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from moonmap import Catalog, load_catalog

# Hypothesis profiles. The hostile-input suites run a multiple of ``max_examples`` (query
# parameters 2x per page, uploads 5x): "ci" (the default, `make test`) gives 200 and 500;
# "fuzz" (`make fuzz`) many more, MOONMAP_FUZZ_EXAMPLES x that multiple; "dev" a quick look.
# make test: the same examples on every run (derandomize), so CI is reproducible; new inputs are
# explored by `make fuzz` (random, many more examples), whose finds become fixed tests.
settings.register_profile("ci", max_examples=100, derandomize=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("MOONMAP_FUZZ_EXAMPLES", "1000")))
settings.register_profile("dev", max_examples=10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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
