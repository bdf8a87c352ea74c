"""Region outlines: geometry on the sphere, antimeridian and pole handling, the spatial join."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from moonmap import MOON_CRS
from moonmap.geo import lunar_distance_km
from moonmap.regions import outline_paths, outline_ring, ring_to_polygon, site_regions

REQUIRED = {
    "Oceanus Procellarum",
    "Mare Imbrium",
    "Mare Serenitatis",
    "Mare Tranquillitatis",
    "Mare Fecunditatis",
    "Mare Crisium",
    "South Pole–Aitken basin",
}


@pytest.fixture(scope="module")
def joined(cat):
    return site_regions(cat.sites, cat.regions)


def test_required_regions_with_sources_and_labelled_approximations(cat):
    reg = cat.regions
    assert set(reg["name"]) >= REQUIRED
    assert reg.crs.equals(MOON_CRS) or reg.crs.to_string() == MOON_CRS
    assert reg.geometry.is_valid.all()
    assert reg["approximation"].str.startswith("Approximate").all()
    assert set(reg["source_id"]) <= set(cat.sources["source_id"])


def test_circle_is_at_the_published_distance_everywhere():
    lons, lats = outline_ring(8.3487, 30.8346, 875.75)
    d = [lunar_distance_km(8.3487, 30.8346, la, lo) for lo, la in zip(lons, lats, strict=True)]
    assert np.allclose(d, 875.75 / 2, atol=0.01)
    assert (lons[0], lats[0]) == (lons[-1], lats[-1])


def test_ellipse_axes():
    lons, lats = outline_ring(0.0, 0.0, 1000.0, 500.0, 90.0, n=4)  # major axis east-west
    d = [lunar_distance_km(0, 0, la, lo) for lo, la in zip(lons[:-1], lats[:-1], strict=True)]
    assert d[0] == pytest.approx(250, abs=0.01)  # north: semi-minor
    assert d[1] == pytest.approx(500, abs=0.01)  # east: semi-major


def test_ring_across_antimeridian_becomes_two_parts():
    lons, lats = outline_ring(0.0, 179.0, 600.0)
    poly = ring_to_polygon(lons, lats, 0.0)
    assert poly.geom_type == "MultiPolygon"
    assert poly.contains(Point(179.5, 0)) and poly.contains(Point(-179.5, 0))
    assert not poly.contains(Point(0, 0))
    paths = outline_paths(lons, lats)
    assert len(paths) == 2
    for path in paths:
        steps = np.abs(np.diff([p[0] for p in path]))
        assert steps.max() < 180


def test_ring_around_the_south_pole_contains_the_pole(cat):
    spa = cat.regions.set_index("region_id").loc["south-pole-aitken", "geometry"]
    assert spa.contains(Point(0, -89.9)) and spa.contains(Point(-169, -53))
    assert not spa.contains(Point(0, 0)) and not spa.contains(Point(-169, 10))


def test_spatial_join_agrees_with_geodesic_distance(cat, joined):
    """For every circular region, 'inside' from the planar sjoin == distance < radius."""
    inside = set(
        zip(
            *[joined.loc[joined.relation == "inside", c] for c in ("site_id", "region_id")],
            strict=True,
        )
    )
    circles = cat.regions[cat.regions["shape"] == "circle"]
    for site in cat.sites.itertuples():
        for reg in circles.itertuples():
            d = lunar_distance_km(
                site.lat_deg, site.lon_deg, reg.center_lat_deg, reg.center_lon_deg
            )
            if abs(d - reg.major_axis_km / 2) < 5:  # too close to the edge to call
                continue
            assert ((site.site_id, reg.region_id) in inside) == (d < reg.major_axis_km / 2), (
                site.site_id,
                reg.region_id,
            )


@pytest.mark.parametrize(
    ("site", "region"),
    [
        ("apollo-11", "mare-tranquillitatis"),
        ("apollo-12", "oceanus-procellarum"),
        ("apollo-15", "mare-imbrium"),
        ("luna-16", "mare-fecunditatis"),
        ("luna-24", "mare-crisium"),
        ("change-5", "oceanus-procellarum"),
        ("change-6", "south-pole-aitken"),
        ("change-6", "apollo-basin"),
    ],
)
def test_sites_fall_in_their_regions(joined, site, region):
    rows = joined[(joined.site_id == site) & (joined.region_id == region)]
    assert list(rows["relation"]) == ["inside"]


def test_near_relation_reports_edge_distance(joined):
    a17 = joined[(joined.site_id == "apollo-17") & (joined.region_id == "mare-serenitatis")]
    assert list(a17["relation"]) == ["near"]
    assert 0 < float(a17["edge_km"].iloc[0]) <= 150


def test_mismatched_crs_is_refused(cat):
    with pytest.raises(ValueError, match="CRS"):
        site_regions(cat.sites.set_crs("EPSG:4326", allow_override=True), cat.regions)


def test_validator_checks_region_shapes(data_copy):
    from moonmap.validate import validate_package

    reg = pd.read_csv(data_copy / "regions.csv", dtype=str, keep_default_na=False)
    reg.loc[reg.region_id == "south-pole-aitken", "minor_axis_km"] = "3000"
    reg.loc[reg.region_id == "mare-crisium", "azimuth_deg"] = "10"
    reg.to_csv(data_copy / "regions.csv", index=False)
    msgs = [str(p) for p in validate_package(data_copy).problems]
    assert any("longer than the major axis" in m for m in msgs), msgs
    assert any("a circle has only a diameter" in m for m in msgs), msgs
