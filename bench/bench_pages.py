"""Per page, server side (AppTest): the cold first run and the rerun after the page's main
interaction, at the catalog size of the day. Prints, never asserts.

Cold = a new session with every Streamlit cache cleared (the first visitor after a restart);
warm first run = a new session with the caches filled (every later visitor). Target for the
reruns (issue 15): under 50 ms median.
"""

import statistics
import time
from pathlib import Path

import streamlit as st
from _common import timed_reruns
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


def reruns(page: str | None, step) -> list[float]:
    at = AppTest.from_file(APP, default_timeout=180).run()
    if page:
        at.switch_page(page).run()
    return timed_reruns(at, step, RUNS)


def age_slider(at, i):
    at.slider(key="f_age").set_value((1.9 + 0.01 * (i % 7), 3.0 + 0.01 * i))


def earth_timeline(at, i):
    at.slider(key="earth_year").set_value(1990 + i)


def sample_mass(at, i):
    at.number_input(key="mass_min").set_value(float(10 + i))


def tour_next(at, i):
    at.button(key="tour_next" if i < 12 else "tour_prev").click()


PAGES = {
    "Moon map (age slider)": (None, age_slider),
    "Earth map (timeline)": ("pages/earth_map.py", earth_timeline),
    "Samples & ages (mass filter)": ("pages/samples_ages.py", sample_mass),
    "Guided tour (next step)": ("pages/tour.py", tour_next),
}


def main() -> None:
    for name, (page, step) in PAGES.items():
        cold = first_run(page, clear=True)
        warm = statistics.median(first_run(page, clear=False) for _ in range(3))
        times = reruns(page, step)
        print(
            f"{name:30s} cold first run {cold:7.0f} ms | warm first run {warm:6.0f} ms | "
            f"rerun median {statistics.median(times):5.0f} ms, max {max(times):5.0f} ms "
            "(target < 50)"
        )


if __name__ == "__main__":
    main()
