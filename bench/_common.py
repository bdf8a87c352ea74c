"""Helpers shared by the bench scripts (run as ``python bench/<name>.py``)."""

import statistics
import time
from contextlib import contextmanager


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


def fragment_ids(at) -> list[str]:
    """Ids of the fragments the last full AppTest run registered (AppTest internals)."""
    return list(at._fragment_storage._fragments)


@contextmanager
def fragment_scope(fragment_id: str):
    """Make AppTest's next runs fragment reruns of *fragment_id*, as a browser asks for when
    a widget inside that fragment changes. AppTest itself always reruns the whole page, so
    this swaps the request it builds (``RerunData``) for one naming the fragment (internals
    of streamlit.testing; benches only)."""
    import streamlit.testing.v1.local_script_runner as runner

    real = runner.RerunData

    def with_fragment(**kwargs):
        return real(fragment_id_queue=[fragment_id], **kwargs)

    runner.RerunData = with_fragment
    try:
        yield
    finally:
        runner.RerunData = real


@contextmanager
def server_script_cache():
    """Let every AppTest run share one compiled-script cache, as a Streamlit server does (its
    ``Runtime`` keeps one ``ScriptCache`` for the life of the process, so a page script is read,
    given its "magic" and compiled once). AppTest builds a fresh cache on every run, so without
    this a rerun's time includes compiling ``app.py`` and the page (1-12 ms per page on this
    machine), which the server never repeats (internals of streamlit.testing; benches only)."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    real = app_test.ScriptCache, runner.ScriptCache
    app_test.ScriptCache = runner.ScriptCache = lambda: shared
    try:
        yield
    finally:
        app_test.ScriptCache, runner.ScriptCache = real
