"""The map shows what you ask about: at phone, laptop and projector sizes the selected site or
holder (its red ring) lies in the central half of the map canvas and is at least 12 px across,
for /?site=change-5, /?site=change-6 and every tour step with a site or holder."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHART = '[data-testid="stDeckGlJsonChart"]'
STEPS = json.loads((ROOT / "data" / "tour.json").read_text(encoding="utf-8"))["steps"]
PHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "user_agent": PHONE_UA},
    "laptop": {"viewport": {"width": 1366, "height": 768}},
    "projector": {"viewport": {"width": 1280, "height": 720}},
}


def ring(png: bytes) -> tuple[float, float, float, tuple[int, int]]:
    """Centre (x, y) and width in px of the red selection ring, and the canvas size."""
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    mask = (r > 225) & (g > 40) & (g < 130) & (b > 40) & (b < 130)
    ys, xs = np.nonzero(mask)
    assert len(xs) > 20, "no selection ring drawn"
    return xs.mean(), ys.mean(), float(xs.max() - xs.min() + 1), (img.shape[1], img.shape[0])


def check_subject(page, name: str) -> None:
    chart = page.locator(CHART).first
    chart.locator("canvas").first.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(3000)  # camera transition and texture
    png = chart.screenshot()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"camera_{name}.png").write_bytes(png)
    x, y, width, (w, h) = ring(png)
    assert w / 4 <= x <= 3 * w / 4 and h / 4 <= y <= 3 * h / 4, (name, x, y, w, h)
    assert width >= 12, (name, width)


@pytest.mark.parametrize("size", list(SIZES))
def test_selected_site_and_tour_subjects_are_centred_and_visible(server_url, browser, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    for site in ("change-5", "change-6"):
        page.goto(f"{server_url}/?site={site}", wait_until="domcontentloaded")
        page.get_by_text("Where Moon rock came from").wait_for(timeout=30_000)
        check_subject(page, f"{size}_{site}")
        if size == "phone":  # the map comes first: its canvas starts on the first screen
            top = page.locator(CHART).first.bounding_box()["y"]
            assert top < 844 - 200, top
    present = "&present=1" if size == "projector" else ""
    n = len(STEPS)
    for i, step in enumerate(STEPS, start=1):
        if not (step.get("site") or step.get("holder")):
            continue
        page.goto(f"{server_url}/tour?step={i}{present}", wait_until="domcontentloaded")
        page.get_by_text(f"{i}/{n} · {step['title']}", exact=True).wait_for(timeout=30_000)
        check_subject(page, f"{size}_tour_{i:02d}")
    context.close()
