"""Load bench/load.py and scripts/two_replicas.py (scripts, not package modules) as modules."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load():
    return _load("moonmap_bench_load", ROOT / "bench" / "load.py")


@pytest.fixture(scope="session")
def two():
    return _load("moonmap_two_replicas", ROOT / "scripts" / "two_replicas.py")
