"""The Earth map in headless chromium: countries and journeys are drawn, offline."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from moonmap.earth_deck import HOLDER_LAND_RGB, LAND_RGB, OCEAN_RGB

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHART = '[data-testid="stDeckGlJsonChart"]'


def open_earth(page, server_url, query: str = "") -> np.ndarray:
    """Open the Earth page, wait for the country outlines, return the chart as RGB."""
    with page.expect_response(lambda r: r.url.endswith("earth_countries.geojson")) as resp:
        page.goto(f"{server_url}/earth_map{query}", wait_until="domcontentloaded")
        page.get_by_text("Where the Moon is on Earth").wait_for(timeout=30_000)
    assert resp.value.status == 200
    page.locator(CHART).locator("canvas").first.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(2500)  # let the outlines parse and draw
    png = page.locator(CHART).first.screenshot()
    ARTIFACTS.mkdir(exist_ok=True)
    name = "arcs_off" if "arcs=off" in query else "default"
    (ARTIFACTS / f"earth_map_{name}.png").write_bytes(png)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def share_of(img: np.ndarray, rgb, tol: int = 6) -> float:
    return float((np.abs(img - np.array(rgb)).max(axis=2) <= tol).mean())


def test_countries_and_journeys_render_offline(server_url, page):
    with_arcs = open_earth(page, server_url)
    ocean, land = share_of(with_arcs, OCEAN_RGB), share_of(with_arcs, LAND_RGB)
    tinted = share_of(with_arcs, HOLDER_LAND_RGB)
    # Countries from the shipped Natural Earth file are drawn over the ocean, and the
    # countries that hold lunar material are tinted.
    assert ocean > 0.25 and land > 0.03 and tinted > 0.03, (ocean, land, tinted)
    assert land + tinted > 0.15, (land, tinted)

    without = open_earth(page, server_url, "?arcs=off")
    assert without.shape == with_arcs.shape
    changed = np.abs(with_arcs - without).max(axis=2) > 40
    # Only the journeys differ between the two pictures: thin arcs over a few % of pixels.
    assert 0.002 < changed.mean() < 0.2, changed.mean()
    rows, cols = np.nonzero(changed)
    assert np.ptp(cols) > with_arcs.shape[1] * 0.4  # arcs span continents, not one spot


def test_links_both_ways_keep_state_in_the_url(server_url, page):
    page.goto(f"{server_url}/?site=luna-16&view=flat", wait_until="domcontentloaded")
    # Turn the region outlines on (off by default): the switch must still be on on return.
    regions = page.locator('[data-testid="stMain"]').get_by_role("switch", name="Regions")
    assert not regions.is_checked()
    regions.focus()
    page.keyboard.press("Space")
    expect(regions).to_be_checked(timeout=15_000)
    page.wait_for_function(  # the run the switch started has finished
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )
    page.get_by_text("Map these holders on the Earth map").click()
    page.get_by_text("Where the Moon is on Earth").wait_for(timeout=30_000)
    page.wait_for_url("**/earth_map?*mission=luna-16*", timeout=15_000)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("(mission Luna 16)", exact=False).wait_for(timeout=15_000)

    # Pick a holder from the list, then follow its link back to the Moon map.
    main.locator('[data-testid="stSelectbox"]').last.click()
    page.keyboard.type("Vernadsky")
    page.keyboard.press("Enter")
    page.wait_for_url("**holder=geokhi-moscow**", timeout=15_000)
    main.get_by_role("link", name="Luna 16 on the Moon map").click()
    page.get_by_text("Where Moon rock came from").wait_for(timeout=30_000)
    page.wait_for_url("**site=luna-16**", timeout=15_000)
    main.get_by_text("Luna 16 · ", exact=False).first.wait_for(timeout=15_000)
    # The Moon map's own state survived the visit to the Earth map.
    assert "view=flat" in page.url
    regions = main.get_by_role("switch", name="Regions")
    assert regions.is_checked()
