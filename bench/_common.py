"""Helpers shared by the bench scripts (run as ``python bench/<name>.py``)."""

import statistics
import time


def ms(samples: list[float]) -> str:
    """``"median 12.3 ms, max 15.0 ms"``."""
    return f"median {statistics.median(samples):.1f} ms, max {max(samples):.1f} ms"


def timed_reruns(at, step, runs: int) -> list[float]:
    """Milliseconds of each ``at.run()`` after ``step(at, i)`` changes a widget (AppTest)."""
    out = []
    for i in range(runs):
        step(at, i)
        t0 = time.perf_counter()
        at.run()
        out.append((time.perf_counter() - t0) * 1000)
    assert not at.exception, at.exception
    return out
