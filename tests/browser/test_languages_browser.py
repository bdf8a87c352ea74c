"""Chinese and French in headless chromium: the Moon map and the tour are drawn in the
language, CJK text has real glyphs from the shipped font (no network), nothing leaves
localhost (the ``page`` fixture's guard)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moonmap import load_catalog
from moonmap.i18n import translations
from moonmap.tour import fill, load_tour

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHART = '[data-testid="stDeckGlJsonChart"]'


def grey(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)


def save(name: str, png: bytes) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"lang_{name}.png").write_bytes(png)


def assert_inked(img: np.ndarray) -> None:
    """Text was drawn: a good share of bright glyph pixels on the dark theme, in strokes
    (many pixels, not a handful of box outlines)."""
    bright = img > 150
    assert bright.sum() > 400 and img.std() > 25, (bright.sum(), img.std())


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_moon_map_in_the_language_with_glyphs_drawn_offline(server_url, page, code):
    t = translations(code).gettext
    page.goto(f"{server_url}/?lang={code}", wait_until="domcontentloaded")
    page.locator(CHART).locator("canvas").first.wait_for(state="visible", timeout=30_000)
    heading = page.locator('[data-testid="stMain"] h1').first
    heading.get_by_text(t("Where Moon rock came from")).wait_for(timeout=15_000)
    page.wait_for_timeout(2500)  # the basemap texture
    save(f"{code}_moon", page.screenshot())
    assert_inked(grey(heading.screenshot()))
    moon = grey(page.locator(CHART).first.screenshot())
    small = Image.fromarray(moon.astype("uint8")).resize((120, 80))
    assert len(set(small.tobytes())) > 40  # the Moon is drawn
    assert page.get_by_text(t("Age (billions of years, Ga)")).first.is_visible()
    if code == "zh":
        # The shipped subset (static/fonts, theme.fontFaces) loads from the app itself and
        # has the page's characters: the text needs no system CJK font and no network.
        loaded = page.evaluate(
            "async (s) => (await document.fonts.load('32px moonmap-cjk', s)).length",
            heading.inner_text(),
        )
        assert loaded >= 1
        assert page.evaluate("(s) => document.fonts.check('32px moonmap-cjk', s)", "月球岩石")


@pytest.mark.parametrize("code", ["zh", "fr"])
def test_tour_steps_in_the_language_with_catalog_numbers(server_url, page, code):
    cat = load_catalog()
    steps = load_tour(ROOT / "data" / "tour.json", cat).steps
    for n in (1, 7, 11):
        step = steps[n - 1]
        page.goto(
            f"{server_url}/tour?lang={code}&step={n}&present=1", wait_until="domcontentloaded"
        )
        main = page.locator('[data-testid="stMain"]')
        main.get_by_text(step.title_in(code), exact=False).first.wait_for(timeout=30_000)
        text = fill(cat, step.text_in(code), lang=code).text
        first_sentence = text.split("。")[0] if code == "zh" else text.split(". ")[0]
        main.get_by_text(first_sentence, exact=False).first.wait_for(timeout=15_000)
        page.wait_for_timeout(2000)
        png = page.screenshot()
        save(f"{code}_tour_{n}", png)
        assert_inked(grey(main.locator("h2").first.screenshot()))
        if n == 7:  # Chinese prose counts ages in 亿年; French writes milliards d'années
            assert ("亿年" if code == "zh" else "milliards d’années") in main.inner_text()
