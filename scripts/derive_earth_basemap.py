"""Derive the offline Earth basemap (country outlines) shipped in static/.

Source: the Natural Earth 1:110m "admin 0 countries" layer (public domain) as shipped in the
``pyogrio`` wheel's test fixtures (``pyogrio/tests/fixtures/naturalearth_lowres``, copied there
from GeoPandas), so the derivation needs nothing but a PyPI package that moonmap already
installs. Output: ``static/earth_countries.geojson`` (WGS84, properties ``name`` and
``iso_a3``; outlines simplified and coordinates rounded to keep the file small).

Usage: python scripts/derive_earth_basemap.py [--tolerance DEG] [--decimals N]
Prints the feature count, file size and SHA-256 so a re-derivation can be compared.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geopandas as gpd
import pyogrio
from _derived import fingerprint, kib
from shapely import set_precision

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "earth_countries.geojson"


def fixture_path() -> Path:
    """The Natural Earth shapefile inside the installed pyogrio package."""
    path = (
        Path(pyogrio.__file__).parent
        / "tests"
        / "fixtures"
        / "naturalearth_lowres"
        / "naturalearth_lowres.shp"
    )
    if not path.exists():
        raise SystemExit(f"{path} not found: is pyogrio {pyogrio.__version__} installed?")
    return path


def derive(tolerance: float, decimals: int) -> dict:
    gdf = gpd.read_file(fixture_path())[["name", "iso_a3", "geometry"]]
    gdf = gdf.sort_values("name", kind="stable").reset_index(drop=True)
    geom = gdf.geometry.simplify(tolerance, preserve_topology=True)
    gdf = gdf.set_geometry(set_precision(geom.values, 10.0**-decimals))
    gdf = gdf[~gdf.geometry.is_empty]
    return json.loads(gdf.to_json(drop_id=True, to_wgs84=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tolerance", type=float, default=0.05, help="degrees (default 0.05)")
    parser.add_argument("--decimals", type=int, default=2, help="coordinate decimals (2)")
    args = parser.parse_args()
    collection = derive(args.tolerance, args.decimals)
    text = json.dumps(collection, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(
        f"{OUT.relative_to(ROOT)}: {len(collection['features'])} countries, {kib(OUT)}, "
        f"{fingerprint(OUT)} from pyogrio {pyogrio.__version__} naturalearth_lowres"
    )


if __name__ == "__main__":
    main()
