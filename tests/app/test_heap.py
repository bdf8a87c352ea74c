"""The server process freezes its start-up heap once (moonmap.ui.heap), so the full
collection Streamlit runs after every script run does not walk the imports and catalog."""

import gc
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from moonmap.ui.heap import freeze_startup_heap

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_first_page_run_freezes_the_heap_once():
    AppTest.from_file(APP, default_timeout=120).run()
    frozen = gc.get_freeze_count()
    assert frozen > 50_000  # streamlit, pandas, pyarrow, pydeck and the catalog at least
    assert freeze_startup_heap() is False  # once per process
    AppTest.from_file(APP, default_timeout=120).run()
    assert gc.get_freeze_count() <= frozen  # no second freeze (frozen objects can still be freed)


def test_collection_after_a_run_walks_only_what_sessions_made():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("pages/earth_map.py").run()
    unfrozen = len(gc.get_objects())
    assert unfrozen < gc.get_freeze_count() / 4, (unfrozen, gc.get_freeze_count())
    t0 = time.perf_counter()
    gc.collect(2)
    assert time.perf_counter() - t0 < 1.0  # ~3 ms here; ~60 ms unfrozen
