"""The Moon map in headless chromium: the Moon renders, presets and the 2D map work, offline."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from wsmsgs import element_types, elements, forward_msgs

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHART = '[data-testid="stDeckGlJsonChart"]'


def shot(page, name: str) -> np.ndarray:
    """Screenshot the map (saved under artifacts/) as a grey-level array."""
    page.wait_for_timeout(2500)  # let the basemap texture arrive and draw
    png = page.locator(CHART).first.screenshot()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"moon_map_{name}.png").write_bytes(png)
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)


def assert_moon_drawn(img: np.ndarray) -> None:
    # A drawn Moon has many grey levels; a blank or single-colour canvas has a handful.
    small = Image.fromarray(img.astype("uint8")).resize((120, 80))
    colours = len(set(small.tobytes()))
    assert img.max() - img.min() > 80 and colours > 40, (img.min(), img.max(), colours)


def open_map(page, server_url, query: str = "") -> None:
    page.goto(f"{server_url}/{query}", wait_until="domcontentloaded")
    page.locator(CHART).locator("canvas").first.wait_for(state="visible", timeout=30_000)
    page.get_by_text("Where Moon rock came from").wait_for(timeout=15_000)


def choose_view(page, label: str, key: str) -> None:
    page.locator('[data-testid="stMain"]').get_by_text(label, exact=True).click()
    page.wait_for_url(f"**view={key}**", timeout=15_000)


def test_globe_far_side_and_flat_map_render_offline(server_url, page):
    open_map(page, server_url)
    near = shot(page, "near")
    assert_moon_drawn(near)
    h, w = near.shape
    # The globe is a disc: the chart's left margin is plain background.
    assert near[:, : w // 12].std() < 12 and near[:, : w // 12].mean() < 40

    choose_view(page, "Far side", "far")
    far = shot(page, "far")
    assert_moon_drawn(far)
    assert far.shape == near.shape and np.abs(far - near).mean() > 8  # the camera moved

    choose_view(page, "Flat map (2D)", "flat")
    flat = shot(page, "flat")
    assert_moon_drawn(flat)
    fh, fw = flat.shape
    # The simple-cylindrical map spans the whole width: lunar surface at both ends.
    band = flat[fh // 3 : 2 * fh // 3]
    assert band[:, : fw // 12].mean() > 60 and band[:, -fw // 6 : -fw // 10].mean() > 60


def test_shared_link_restores_state(server_url, page):
    open_map(page, server_url, "?view=far&site=change-6&age=1900-3000")
    page.get_by_text("Chang'e-6 · Apollo basin", exact=False).first.wait_for(timeout=15_000)
    assert page.get_by_text("of 11 sites", exact=False).count() >= 1
    assert_moon_drawn(shot(page, "shared_link"))


def test_typed_url_text_is_shown_as_text_not_html(server_url, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_map(page, server_url, "?site=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    page.get_by_text("No landing site with id", exact=False).wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0


def test_clicking_a_marker_opens_its_detail(server_url, page):
    """On the flat map one degree is 2**zoom pixels from the canvas centre, so the Chang'e-5
    marker's pixel position is known; clicking it must select the site (on_select)."""
    open_map(page, server_url, "?view=flat")
    page.wait_for_timeout(2500)
    canvas = page.locator(CHART).locator("canvas").first
    box = canvas.bounding_box()
    scale = 2**1.25  # VIEWS["flat"].zoom
    x = box["width"] / 2 + (-51.9161) * scale
    y = box["height"] / 2 - 43.0576 * scale
    canvas.hover(position={"x": x, "y": y})
    page.get_by_text("Landed 2020-12-01").wait_for(timeout=15_000)  # the tooltip: picked
    canvas.click(position={"x": x, "y": y})
    page.get_by_text("Chang'e-5 · Oceanus Procellarum", exact=False).first.wait_for(timeout=30_000)
    assert "site=change-5" in page.url


def test_uploaded_html_label_is_shown_as_literal_text(server_url, page, tmp_path):
    label = "<img src=x onerror=\"document.title='pwned'\">"
    csv = tmp_path / "mine.csv"
    csv.write_text(f'label,lat,lon\n"{label.replace(chr(34), chr(34) * 2)}",10,-20\n', "utf-8")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_map(page, server_url)
    page.get_by_text("Add your own sites (CSV or GeoJSON)").click()
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    upload.wait_for(state="attached", timeout=20_000)
    upload.set_input_files(str(csv))
    page.get_by_text("1 site from mine.csv on the map").wait_for(timeout=20_000)
    cell = page.locator('[data-testid="stTable"]').get_by_text(label, exact=True)
    cell.wait_for(timeout=20_000)
    assert cell.count() == 1  # the label is the cell's text, not markup
    assert page.locator('img[src="x"]').count() == 0
    assert page.title() != "pwned" and dialogs == []


def test_an_age_step_reruns_the_map_and_filters_only(server_url, page):
    """A key press on the age slider sends the filters, the map and the lists again, and not
    the page menu, the language picker, the title or the upload box (the page's fragment)."""
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    open_map(page, server_url)
    page.wait_for_timeout(1500)
    first = forward_msgs(frames)  # the full first run: menu, picker and title are in it
    assert any(m.WhichOneof("type") == "navigation" for m in first)
    assert "Where Moon rock came from" in [h.body for h in elements(first, "heading")]
    assert any(r.label.startswith("Language") for r in elements(first, "radio"))
    frames.clear()
    page.locator('[data-testid="stSlider"] input[type="range"]').last.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**age=**", timeout=15_000)
    page.wait_for_timeout(1500)
    msgs = forward_msgs(frames)
    types = element_types(msgs)
    assert "deck_gl_json_chart" in types and "slider" in types, types
    assert not any(m.WhichOneof("type") == "navigation" for m in msgs)
    headings = [h.body for h in elements(msgs, "heading")]
    assert "Where Moon rock came from" not in headings and headings, headings
    assert not any(r.label.startswith("Language") for r in elements(msgs, "radio"))
    boxes = [
        m.delta.add_block
        for m in msgs
        if m.WhichOneof("type") == "delta"
        and m.delta.WhichOneof("type") == "add_block"
        and m.delta.add_block.WhichOneof("type") == "expandable"
    ]
    assert len(boxes) == 1, boxes  # the sidebar's More filters box; not the upload box
    page.get_by_text("of 11 sites", exact=False).first.wait_for(timeout=15_000)
