"""Moon map figures: chart spec size per view, and server-side time of a filter-change rerun.

Targets (issue 3): spec under 50 kB for the shipped catalog; a filter change re-runs the page
in under 100 ms server-side. Run with ``make bench`` (prints, never asserts).
"""

import time
from pathlib import Path

from _common import ms
from streamlit.testing.v1 import AppTest

from moonmap import load_catalog
from moonmap.deck import VIEWS, moon_deck, site_records, spec_size_bytes
from moonmap.filters import Filters, apply_filters
from moonmap.queries import site_summary

APP = str(Path(__file__).resolve().parents[1] / "app.py")
RUNS = 20


def main() -> None:
    cat = load_catalog()
    summary = site_summary(cat)
    sel = apply_filters(cat, Filters())
    records = site_records(summary, sel.site_reasons)
    for key in VIEWS:
        deck = moon_deck(records, view=key, regions=cat.regions, selected="change-6")
        print(f"chart spec, view={key:<5}: {spec_size_bytes(deck) / 1024:5.1f} kB (target < 50)")

    pure = []
    for i in range(RUNS):
        t0 = time.perf_counter()
        s = apply_filters(cat, Filters(age_ma=(1900 + 10 * (i % 2), 3000)))
        moon_deck(site_records(summary, s.site_reasons), regions=cat.regions).to_json()
        pure.append((time.perf_counter() - t0) * 1000)
    print(f"filter + build deck (pure, no cache): {ms(pure)}")

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key="moon_site").set_value("apollo-15").run()  # detail panel on, worst case
    reruns = []
    for i in range(RUNS):
        lo = 1.9 + 0.01 * (i % 7)  # a new range each time: the selection cache cannot help
        at.slider(key="f_age").set_value((lo, 3.0 + 0.01 * i))
        t0 = time.perf_counter()
        at.run()
        reruns.append((time.perf_counter() - t0) * 1000)
    assert not at.exception
    print(
        f"Moon map page rerun after an age-slider change (AppTest, server side): {ms(reruns)}"
        " (target < 100)"
    )


if __name__ == "__main__":
    main()
