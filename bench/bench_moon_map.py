"""Print the Moon globe chart spec size and the page's server-side run time under AppTest."""

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from moonmap import load_catalog
from moonmap.deck import moon_globe_deck
from moonmap.queries import site_summary

APP = str(Path(__file__).resolve().parents[1] / "app.py")

if __name__ == "__main__":
    spec = moon_globe_deck(site_summary(load_catalog())).to_json()
    print(f"globe chart spec: {len(spec.encode()) / 1024:.1f} kB")
    at = AppTest.from_file(APP, default_timeout=60).run()
    times = []
    for _ in range(10):
        t0 = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"Moon map page rerun (AppTest, warm cache): median {statistics.median(times):.0f} ms")
