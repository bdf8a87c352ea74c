"""Earth map figures: chart spec size, basemap file size, and server-side rerun time.

Run with ``make bench`` (prints, never asserts). No target was set by issue 4; the Moon map's
(spec < 50 kB, rerun median < 100 ms) are used as the yardstick.
"""

import time
from pathlib import Path

from _common import ms
from streamlit.testing.v1 import AppTest

from moonmap import holdings as H
from moonmap import load_catalog
from moonmap.deck import spec_size_bytes
from moonmap.earth_deck import earth_deck, holder_records, journey_records
from moonmap.filters import Filters, apply_filters

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
RUNS = 20


def main() -> None:
    geojson = ROOT / "static" / "earth_countries.geojson"
    kb = geojson.stat().st_size / 1024
    print(f"country outlines (served once, cached by the browser): {kb:.0f} kB")
    cat = load_catalog()
    h = H.holdings_table(cat)
    sel = apply_filters(cat, Filters())
    shown = H.filter_holdings(h, cat, Filters(), sel)
    holders = H.holder_summary(shown)
    deck = earth_deck(
        holder_records(holders),
        journey_records(H.journeys(shown)),
        highlight_countries=H.basemap_names(cat, holders["country"]),
        selected="nasa-jsc",
    )
    print(
        f"chart spec, all {len(holders)} holders + {len(H.journeys(shown))} journeys: "
        f"{spec_size_bytes(deck) / 1024:.1f} kB (guard in tests: < 100)"
    )

    pure = []
    for i in range(RUNS):
        t0 = time.perf_counter()
        f = H.filter_holdings(h, cat, Filters(), sel, H.HoldingFilters(year=1980 + i))
        hs = H.holder_summary(f)
        earth_deck(holder_records(hs), journey_records(H.journeys(f))).to_json()
        pure.append((time.perf_counter() - t0) * 1000)
    print(f"filter + summaries + build deck (pure): {ms(pure)}")

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/earth_map.py").run()
    at.selectbox(key="earth_holder").set_value("nasa-jsc").run()  # detail panel on
    reruns = []
    for i in range(RUNS):
        at.slider(key="earth_year").set_value(1990 + i)
        t0 = time.perf_counter()
        at.run()
        reruns.append((time.perf_counter() - t0) * 1000)
    assert not at.exception
    print(f"Earth map page rerun after a timeline change (AppTest, server side): {ms(reruns)}")


if __name__ == "__main__":
    main()
