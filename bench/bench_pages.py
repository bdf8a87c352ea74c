"""Per page, server side (AppTest): the cold first run and the rerun after the page's main
interaction, at the catalog size of the day. Prints, never asserts.

Cold = a new session with every Streamlit cache cleared (the first visitor after a restart);
warm first run = a new session with the caches filled (every later visitor). Rerun = what the
server does after the interaction: where the widget sits in an ``st.fragment`` (Earth
timeline, sample browser, tour steps) the browser asks for a rerun of that fragment only,
which AppTest cannot do by itself; ``_common.fragment_scope`` makes it send that request.
The full-page rerun is printed too. Page scripts are compiled once per process, as on a
server (see ``_common.server_script_cache``). Target for the reruns (issue 15): under 50 ms median.
"""

import gc
import statistics
import time
from pathlib import Path

import streamlit as st
from _common import fragment_ids, fragment_scope, server_script_cache, timed_reruns
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
RUNS = 12


def first_run(page: str | None, clear: bool) -> float:
    if clear:
        st.cache_data.clear()
        st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    t0 = time.perf_counter()
    at.run()
    if page:
        at.switch_page(page).run()
    return (time.perf_counter() - t0) * 1000


def reruns(page: str | None, step, fragment: bool = False) -> list[float]:
    at = AppTest.from_file(APP, default_timeout=180).run()
    if page:
        at.switch_page(page).run()
    for i in range(3):  # warm-up (caches of this session's first values)
        step(at, -1 - i)
        at.run()
    if not fragment:
        return timed_reruns(at, step, RUNS)
    (fid,) = fragment_ids(at)
    with fragment_scope(fid):
        return timed_reruns(at, step, RUNS)


def earth_new_holdings(page: str) -> list[float]:
    """Timeline steps to years that each change which holdings are held, with the per-set
    caches emptied first: the cost of a set of holdings nobody has looked at yet."""
    from moonmap import holdings as H
    from moonmap.filters import Filters, apply_filters
    from moonmap.ui import data as D

    cat = D.load_catalog()
    h = H.holdings_table(cat)
    sel = apply_filters(cat, Filters())
    sets, years = [], []
    for year in range(H.YEAR_FIRST, 2026):
        got = tuple(
            H.filter_holdings(h, cat, Filters(), sel, H.HoldingFilters(year=year))["split_id"]
        )
        if not sets or got != sets[-1]:
            sets.append(got)
            years.append(year)
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page(page).run()
    (fid,) = fragment_ids(at)
    out = []
    with fragment_scope(fid):
        for year in years[1:]:
            D._earth_of_rows.clear()
            D._earth_deck.clear()
            at.slider(key="earth_year").set_value(year)
            t0 = time.perf_counter()
            at.run()
            out.append((time.perf_counter() - t0) * 1000)
    return out


def age_slider(at, i):
    at.slider(key="f_age").set_value((1.9 + 0.01 * (i % 7), 3.0 + 0.01 * i))


def earth_timeline(at, i):
    at.slider(key="earth_year").set_value(1990 + i)


def sample_mass(at, i):
    at.number_input(key="mass_min").set_value(float(10 + i))


def tour_next(at, i):
    """Next step; Previous when at the last step (so any number of steps works)."""
    forward = not at.button(key="tour_next").disabled
    at.button(key="tour_next" if forward else "tour_prev").click()


PAGES = {
    # name: (page, interaction, whether its widget sits in a fragment)
    "Moon map (age slider)": (None, age_slider, False),
    "Earth map (timeline)": ("pages/earth_map.py", earth_timeline, True),
    "Samples & ages (mass filter)": ("pages/samples_ages.py", sample_mass, True),
    "Guided tour (next step)": ("pages/tour.py", tour_next, True),
}


def main() -> None:
    with server_script_cache():
        pages()


def pages() -> None:
    for name, (page, step, fragment) in PAGES.items():
        cold = first_run(page, clear=True)
        warm = statistics.median(first_run(page, clear=False) for _ in range(3))
        times = reruns(page, step, fragment)
        line = (
            f"{name:30s} cold first run {cold:7.0f} ms | warm first run {warm:6.0f} ms | "
            f"{'fragment' if fragment else 'page'} rerun median {statistics.median(times):5.0f} "
            f"ms, max {max(times):5.0f} ms (target < 50)"
        )
        if fragment:
            full = reruns(page, step)
            line += f" | whole page {statistics.median(full):5.0f} ms"
        print(line)
    collect = []
    for _ in range(5):
        t0 = time.perf_counter()
        gc.collect(2)
        collect.append((time.perf_counter() - t0) * 1000)
    print(
        f"{'Full collection after a run':30s} (Streamlit's runner.postScriptGC, every rerun): "
        f"median {statistics.median(collect):5.1f} ms; {gc.get_freeze_count()} objects frozen "
        f"at start-up (moonmap.ui.heap), {len(gc.get_objects())} walked"
    )
    misses = earth_new_holdings("pages/earth_map.py")
    print(
        f"{'Earth timeline, new holdings':30s} {len(misses)} years that change the holdings, "
        f"caches emptied: median {statistics.median(misses):5.0f} ms, max {max(misses):5.0f} ms"
    )


if __name__ == "__main__":
    main()
