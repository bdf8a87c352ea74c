"""Map names drawn as images (moonmap.moon.labels): every name the map can show has its
letters in the shipped font, and the image holds what the mapping says."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from moonmap.data.names import mission_names
from moonmap.deck import REGION_LABEL, SITE_LABEL
from moonmap.i18n import LANGUAGES
from moonmap.moon.labels import (
    DENSITY,
    atlas,
    missing_characters,
    render,
    shapes,
    text_size_px,
)


def _image(url: str) -> Image.Image:
    assert url.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGBA")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_name_the_map_draws_has_its_letters_in_the_font(cat, lang):
    names = list(mission_names(cat, lang).values()) + list(cat.sites["mission"])
    names += list(cat.regions["name"])
    missing = missing_characters(names)
    assert not missing, f"re-derive the label font (scripts/derive_cjk_font.sh): {missing}"


def test_missing_letters_are_reported():
    assert missing_characters(["Apollo 11", "Ꙗ"]) == {"Ꙗ"}


def test_a_name_is_drawn_with_ink_and_an_outline():
    im = render("Luna 16", SITE_LABEL)
    alpha = im.getchannel("A")
    assert alpha.getextrema() == (0, 255)
    px = np.asarray(im)
    solid = {tuple(c) for c in px[px[..., 3] == 255][:, :3]}
    assert (255, 255, 255) in solid and (0, 0, 0) in solid  # white letters, black edge
    assert (im.width / DENSITY, im.height / DENSITY) == text_size_px("Luna 16", SITE_LABEL)
    # Longer names are wider; a larger style is larger.
    assert text_size_px("Luna 16", SITE_LABEL)[0] < text_size_px("Chang'e-5", SITE_LABEL)[0]
    assert render("Luna 16", REGION_LABEL).height < im.height


def test_the_atlas_holds_each_name_once_where_its_mapping_says():
    entries = (("Apollo 11", SITE_LABEL), ("嫦娥五号", SITE_LABEL), ("Apollo 11", SITE_LABEL))
    sheet = atlas(entries)
    assert len(sheet.mapping) == 2
    image = _image(sheet.url)
    for key, box in sheet.mapping.items():
        crop = image.crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))
        assert crop.getchannel("A").getextrema()[1] > 200, key
        assert (box["anchorX"], box["anchorY"]) == (box["width"] / 2, box["height"] / 2)
        assert sheet.size[key] == (box["width"] / DENSITY, box["height"] / DENSITY)
    assert atlas(entries) is sheet  # drawn once per set of names


def test_marker_shapes_are_a_disc_and_a_ring():
    sheet = shapes()
    image = _image(sheet.url).getchannel("A")
    disc, ring = (sheet.mapping[k] for k in ("disc", "ring"))
    centre = lambda b: (b["x"] + b["width"] // 2, b["y"] + b["height"] // 2)  # noqa: E731
    assert image.getpixel(centre(disc)) == 255 and image.getpixel(centre(ring)) == 0
    assert image.getpixel((ring["x"] + 2, ring["y"] + ring["height"] // 2)) > 200
    assert disc["mask"] and ring["mask"]


def test_a_typographic_apostrophe_is_not_a_full_width_gap():
    """The font's default quotes are CJK full-width; Latin names get proportional ones."""
    curly, straight = (text_size_px(t, SITE_LABEL)[0] for t in ("Chang’e 5", "Chang'e 5"))
    assert curly == pytest.approx(straight, rel=0.08)
    assert text_size_px("嫦娥五号", SITE_LABEL)[0] > 0
