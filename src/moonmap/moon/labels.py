"""Map names drawn once as images, for deck.gl's IconLayer.

A deck.gl TextLayer compiles a shader program of its own, which costs the first paint of the
Moon map about 0.7 s in software WebGL (headless Chromium; see README "Speed"). The names are
instead drawn here, once per set of names, into one small image (an "atlas") with white or
pale-blue letters and a black outline; the map shows them with an IconLayer whose program it
shares with no cost beyond the first (the icon program is cheaper to build than the text
one). The letters come from a subset of Noto Sans CJK SC Bold the app
ships (``static/fonts/NotoSansSC-Bold-labels.otf``, derived by
``scripts/derive_label_font.py``), so Latin, accented and Chinese names are drawn offline and
look the same on every machine.
"""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[3] / "static" / "fonts" / "NotoSansSC-Bold-labels.otf"
#: Image pixels per screen pixel: sharp on a phone's or laptop's high-density screen.
DENSITY = 2
#: Space (image px) around each name in the atlas, so neighbours never bleed into each other.
PAD = 2


@dataclass(frozen=True)
class LabelStyle:
    """How a name is drawn: letter height (screen px), fill and outline RGBA, outline width."""

    size_px: float
    fill: tuple[int, int, int, int]
    outline: tuple[int, int, int, int] = (0, 0, 0, 255)
    outline_px: float = 1.5

    def scaled(self, scale: float) -> LabelStyle:
        """The same style with letters *scale* times as large (presentation mode)."""
        return LabelStyle(self.size_px * scale, self.fill, self.outline, self.outline_px)


@dataclass(frozen=True)
class Atlas:
    """One PNG (``url``, a data URL) holding every name, and where each is: ``mapping`` in
    deck.gl's iconMapping form (image px, anchored at the centre), ``size`` the screen size
    ``(width, height)`` in px each name is shown at."""

    url: str
    mapping: dict[str, dict]
    size: dict[str, tuple[float, float]]


def key(text: str, style: LabelStyle) -> str:
    """The atlas key of *text* drawn in *style*."""
    return f"{style.size_px:g}|{style.fill}|{text}"


@functools.lru_cache(maxsize=8)
def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), px)


def _features(text: str) -> list[str] | None:
    """Proportional punctuation for a name without CJK characters: the font's default
    apostrophe and quotes are full-width (right in Chinese, a gap in "Chang’e 5")."""
    return None if any(0x2E80 <= ord(c) <= 0x9FFF for c in text) else ["pwid"]


def render(text: str, style: LabelStyle) -> Image.Image:
    """*text* in *style* at :data:`DENSITY` image px per screen px, cropped to its ink plus
    :data:`PAD` (RGBA, transparent around the letters)."""
    font = _font(round(style.size_px * DENSITY))
    stroke = round(style.outline_px * DENSITY)
    left, top, right, bottom = font.getbbox(text, stroke_width=stroke, features=_features(text))
    # Cropped to the ink (letters and outline): the image's box is what the eye sees, so the
    # map can keep names apart by their images' boxes.
    width, height = right - left + 2 * PAD, bottom - top + 2 * PAD
    image = Image.new("RGBA", (max(width, 1), max(height, 1)), (0, 0, 0, 0))
    ImageDraw.Draw(image).text(
        (PAD - left, PAD - top),
        text,
        font=font,
        fill=style.fill,
        stroke_width=stroke,
        stroke_fill=style.outline,
        features=_features(text),
    )
    return image


@functools.lru_cache(maxsize=512)
def text_size_px(text: str, style: LabelStyle) -> tuple[float, float]:
    """Screen size ``(width, height)`` in px of *text* drawn in *style* (as :func:`render`
    crops it)."""
    font = _font(round(style.size_px * DENSITY))
    stroke = round(style.outline_px * DENSITY)
    left, top, right, bottom = font.getbbox(text, stroke_width=stroke, features=_features(text))
    return (right - left + 2 * PAD) / DENSITY, (bottom - top + 2 * PAD) / DENSITY


@functools.lru_cache(maxsize=32)
def atlas(entries: tuple[tuple[str, LabelStyle], ...]) -> Atlas:
    """One image holding each ``(text, style)`` of *entries* (duplicates drawn once), stacked
    in a column, as a PNG data URL with its icon mapping."""
    unique = list(dict.fromkeys(entries))
    images = [render(text, style) for text, style in unique]
    width = max((im.width for im in images), default=1)
    height = sum(im.height for im in images) or 1
    sheet = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    mapping, size, y = {}, {}, 0
    for (text, style), im in zip(unique, images, strict=True):
        sheet.paste(im, (0, y))
        k = key(text, style)
        mapping[k] = {
            "x": 0,
            "y": y,
            "width": im.width,
            "height": im.height,
            "anchorX": im.width / 2,
            "anchorY": im.height / 2,
            "mask": False,
        }
        size[k] = (im.width / DENSITY, im.height / DENSITY)
        y += im.height
    buf = io.BytesIO()
    # A 64-colour palette: a fifth of the bytes of full RGBA, and no visible difference for
    # two-colour letters with soft edges.
    sheet.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(buf, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    return Atlas(url, mapping, size)


def missing_characters(texts) -> set[str]:
    """Characters of *texts* the shipped font has no letter for (they would be drawn blank)."""
    cmap = _cmap()
    return {c for t in texts for c in t if not c.isspace() and ord(c) not in cmap}


@functools.lru_cache(maxsize=1)
def _cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(FONT)).getBestCmap())


#: Marker shapes (white, tinted per marker by the IconLayer: ``mask``), drawn at this size.
SHAPE_PX = 48
#: The ring's stroke as a fraction of its diameter.
RING = 0.1


@functools.lru_cache(maxsize=1)
def shapes() -> Atlas:
    """A filled disc and a ring (stroke :data:`RING` of the diameter), white on transparent,
    side by side: the Moon map's markers, their edge and the selected site's ring, drawn
    with the IconLayer program the names use."""
    n = SHAPE_PX * 4  # drawn large, then reduced: smooth edges
    sheet = Image.new("LA", (2 * n, n), (0, 0))
    draw = ImageDraw.Draw(sheet)
    draw.ellipse((0, 0, n - 1, n - 1), fill=(255, 255))
    draw.ellipse((n, 0, 2 * n - 1, n - 1), outline=(255, 255), width=round(n * RING))
    sheet = sheet.resize((2 * SHAPE_PX, SHAPE_PX), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", optimize=True)  # grey + alpha: the tint comes from the layer
    url = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    box = {"y": 0, "width": SHAPE_PX, "height": SHAPE_PX, "mask": True}
    mapping = {"disc": {"x": 0, **box}, "ring": {"x": SHAPE_PX, **box}}
    return Atlas(url, mapping, {k: (SHAPE_PX, SHAPE_PX) for k in mapping})
