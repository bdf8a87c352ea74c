"""Memoise a pure function of one immutable object (a catalog, one of its tables) by the
object's identity: such objects are unhashable (DataFrames inside) but never change once
loaded. The last few objects are kept, with their results, alive together."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def by_identity(func: Callable[[T], R], keep: int = 8) -> Callable[[T], R]:
    """*func* computed once per distinct object passed (``is``, not ``==``)."""
    seen: dict[int, tuple[T, R]] = {}

    @functools.wraps(func)
    def wrapper(obj: T) -> R:
        hit = seen.get(id(obj))
        if hit is None or hit[0] is not obj:
            if len(seen) >= keep:  # a test suite loads many catalogs; keep the last few
                seen.pop(next(iter(seen)))
            hit = seen[id(obj)] = (obj, func(obj))
        return hit[1]

    return wrapper
