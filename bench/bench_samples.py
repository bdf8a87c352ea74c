"""Samples page at the size of the whole collection: sample table, browser query, page reruns.

Targets (issue 13): ``load_catalog()`` under 300 ms (bench_catalog.py) and a samples-page
rerun under 150 ms server-side with the full collection. Prints, never asserts.
"""

import time
from pathlib import Path

from _common import ms, timed_reruns
from streamlit.testing.v1 import AppTest

from moonmap import load_catalog
from moonmap.data import sample_browser as SB

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGE = "pages/samples_ages.py"
RUNS = 15


def timed(fn, runs: int = RUNS) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    cat = load_catalog()
    print(f"catalog: {len(cat.samples):,} samples, {len(cat.ages):,} ages")
    print(f"sample_table() (once per data version): {ms(timed(lambda: SB.sample_table(cat), 5))}")
    table = SB.sample_table(cat)
    query = SB.SampleQuery(
        station_ids=frozenset({"a16-st11"}), types=frozenset({"Breccia"}), mass_min_g=100
    )
    print(f"browser query (pure): {ms(timed(lambda: SB.apply(table, query, None)))}")

    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page(PAGE).run()
    reruns = timed_reruns(
        at, lambda at, i: at.number_input(key="mass_min").set_value(float(10 + i)), RUNS
    )
    print(
        f"Samples page rerun after a mass change (AppTest, server side): {ms(reruns)}"
        " (target < 150)"
    )
    at.session_state["f_more"] = True  # the "More filters" box, open as after a click
    at.run()
    reruns = timed_reruns(
        at,
        lambda at, i: at.multiselect(key="f_mission").set_value(
            ["apollo-16"] if i % 2 else ["apollo-17"]
        ),
        RUNS,
    )
    print(f"Samples page rerun after a sidebar mission change: {ms(reruns)} (target < 150)")


if __name__ == "__main__":
    main()
