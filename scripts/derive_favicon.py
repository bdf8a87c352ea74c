"""Draw the browser-tab icon, static/favicon.png: the Moon's near side as a 64x64 disc
(orthographic projection of the shipped equirectangular basemap, public domain).

Usage: python scripts/derive_favicon.py [SOURCE_JPG]   (default static/moon_2k.jpg)

A file icon rather than an emoji: Streamlit checks an emoji icon against its emoji table,
whose first import costs about 0.3 s of every cold start (bench/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from _derived import fingerprint
from PIL import Image

STATIC = Path(__file__).resolve().parents[1] / "static"
SIZE = 64


def near_side_disc(texture: np.ndarray, size: int) -> np.ndarray:
    """RGBA image of the sphere seen from above (0, 0): orthographic, transparent outside."""
    h, w = texture.shape[:2]
    c = (np.arange(size) + 0.5) / size * 2.0 - 1.0
    x, y = np.meshgrid(c, -c)
    r2 = x**2 + y**2
    inside = r2 <= 1.0
    z = np.sqrt(np.clip(1.0 - r2, 0.0, 1.0))
    lat = np.degrees(np.arcsin(np.clip(y, -1.0, 1.0)))
    lon = np.degrees(np.arctan2(x, z))
    col = np.clip(((lon + 180.0) / 360.0 * w).astype(int), 0, w - 1)
    row = np.clip(((90.0 - lat) / 180.0 * h).astype(int), 0, h - 1)
    out = np.zeros((size, size, 4), dtype=np.uint8)
    out[..., :3] = texture[row, col, :3]
    out[..., 3] = np.where(inside, 255, 0)
    return out


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else STATIC / "moon_2k.jpg"
    with Image.open(source) as img:
        texture = np.asarray(img.convert("RGB"))
    # Draw at 4x and shrink, for a smooth edge.
    big = Image.fromarray(near_side_disc(texture, SIZE * 4), "RGBA")
    out = STATIC / "favicon.png"
    big.resize((SIZE, SIZE), Image.Resampling.LANCZOS).save(out, optimize=True)
    size = out.stat().st_size
    print(f"{out.relative_to(STATIC.parent)}: {SIZE}x{SIZE}, {size} B, {fingerprint(out)}")


if __name__ == "__main__":
    main()
