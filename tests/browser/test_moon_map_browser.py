"""The Moon map in headless chromium: canvas renders the Moon, nothing leaves localhost."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import Image

pytestmark = pytest.mark.browser
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def test_globe_renders_offline_without_console_errors(server_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    foreign, errors = [], []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server_url, wait_until="domcontentloaded")
    chart = page.locator('[data-testid="stDeckGlJsonChart"]')
    chart.locator("canvas").first.wait_for(state="visible", timeout=30_000)
    page.get_by_text("Where Moon rock came from").wait_for(timeout=15_000)
    page.wait_for_timeout(2500)  # let the basemap texture arrive and draw
    png = chart.screenshot()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "moon_map_globe.png").write_bytes(png)
    img = Image.open(io.BytesIO(png)).convert("L")
    lo, hi = img.getextrema()
    colours = len(set(img.resize((120, 80)).tobytes()))
    # A drawn Moon has many grey levels; a blank or single-colour canvas has a handful.
    assert hi - lo > 80 and colours > 40, (lo, hi, colours)
    assert page.get_by_text("Chang'e-6").count() >= 1
    assert foreign == [], f"requests left localhost: {foreign}"
    assert errors == [], f"console errors: {errors}"
    page.close()
