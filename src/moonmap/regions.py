"""Lunar regions as approximate outlines in the lunar CRS, and the site-to-region join.

A region row holds published numbers only (a centre and a diameter, or the axes of an
ellipse). :func:`outline_ring` turns them into a ring of points at geodesic distances on the
Moon 2015 sphere; :func:`ring_to_polygon` makes a valid lon/lat polygon of that ring even when
it crosses the antimeridian or encloses a pole (the South Pole-Aitken basin does both), so a
plain planar ``geopandas.sjoin`` gives the right answer.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.ops import unary_union

from moonmap.geo import MOON_CRS, moon_geod

#: Points per outline: every 3.75 degrees of bearing, smooth at globe scale and small in the
#: chart spec.
RING_POINTS = 96
#: A site this close to a region's edge (outside it) is reported as "near" it.
NEAR_KM = 150.0


def polar_radius_km(bearing_deg, a_km: float, b_km: float, azimuth_deg: float):
    """Polar radius of an ellipse with semi-axes *a* (along *azimuth*) and *b*."""
    phi = np.radians(bearing_deg - azimuth_deg)
    return a_km * b_km / np.sqrt((b_km * np.cos(phi)) ** 2 + (a_km * np.sin(phi)) ** 2)


def outline_ring(
    lat: float,
    lon: float,
    major_km: float,
    minor_km: float | None = None,
    azimuth_deg: float | None = None,
    n: int = RING_POINTS,
) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of a closed geodesic circle or ellipse on the Moon.

    Parameters
    ----------
    lat, lon
        Centre in degrees (east-positive longitude).
    major_km
        Diameter of a circle, or the major axis of an ellipse.
    minor_km, azimuth_deg
        Minor axis and the direction of the major axis (degrees clockwise from north) of an
        ellipse; leave both empty for a circle.
    n
        Number of distinct points; the ring is returned closed (``n + 1`` points).

    Returns
    -------
    (lons, lats)
        Longitudes in ``[-180, 180)`` and latitudes, in degrees.
    """
    bearings = np.linspace(0.0, 360.0, n, endpoint=False)
    a = major_km / 2.0
    if minor_km is None or (isinstance(minor_km, float) and math.isnan(minor_km)):
        dist_km = np.full(n, a)
    else:
        dist_km = polar_radius_km(bearings, a, minor_km / 2.0, float(azimuth_deg or 0.0))
    lons, lats, _ = moon_geod().fwd(
        np.full(n, float(lon)), np.full(n, float(lat)), bearings, dist_km * 1000.0
    )
    lons = ((np.asarray(lons) + 180.0) % 360.0) - 180.0
    lats = np.asarray(lats)
    return np.append(lons, lons[0]), np.append(lats, lats[0])


def _unwrap(lons: np.ndarray) -> np.ndarray:
    return np.degrees(np.unwrap(np.radians(lons)))


def ring_to_polygon(
    lons: np.ndarray, lats: np.ndarray, center_lat: float
) -> Polygon | MultiPolygon:
    """A valid lon/lat (multi)polygon for a closed ring on the sphere.

    A ring whose unwrapped longitude winds once around the Moon encloses a pole (the one on
    the side of *center_lat*); it is closed along that pole's latitude. Parts beyond
    ±180° are cut at the antimeridian and shifted back, so the result lies in
    ``[-180, 180] x [-90, 90]``.
    """
    u = _unwrap(np.asarray(lons, dtype=float))
    lats = np.asarray(lats, dtype=float)
    winding = u[-1] - u[0]
    if abs(winding) > 180.0:  # encloses a pole
        pole = -90.0 if center_lat < 0 else 90.0
        coords = list(zip(u, lats, strict=True))
        coords += [(u[-1], pole), (u[0], pole)]
    else:
        coords = list(zip(u, lats, strict=True))
    shape = Polygon(coords).buffer(0)
    parts = []
    for shift in (-720.0, -360.0, 0.0, 360.0, 720.0):
        window = box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
        piece = shape.intersection(window)
        if not piece.is_empty:
            parts.append(affinity.translate(piece, xoff=shift))
    merged = unary_union(parts)
    if isinstance(merged, Polygon | MultiPolygon):
        return merged
    polys = [g for g in getattr(merged, "geoms", []) if isinstance(g, Polygon)]
    return MultiPolygon(polys)


def outline_paths(lons: np.ndarray, lats: np.ndarray, decimals: int = 2) -> list[list[list[float]]]:
    """Split a ring into drawable paths wherever it crosses the antimeridian.

    Returns ``[[[lon, lat], ...], ...]`` with coordinates rounded to *decimals* (0.01° is
    300 m on the Moon, finer than any outline here).
    """
    lons, lats = list(map(float, lons)), list(map(float, lats))
    jumps = [i for i in range(1, len(lons)) if abs(lons[i] - lons[i - 1]) > 180.0]
    closed = len(lons) > 1 and (lons[0], lats[0]) == (lons[-1], lats[-1])
    if closed and jumps:
        # Start the walk just after a crossing so the ring's two ends are not separate paths.
        k = jumps[0]
        lons = lons[k:-1] + lons[:k] + [lons[k]]
        lats = lats[k:-1] + lats[:k] + [lats[k]]
    paths: list[list[list[float]]] = []
    current: list[list[float]] = []
    prev = None
    for lon, lat in zip(lons, lats, strict=True):
        if prev is not None and abs(lon - prev) > 180.0:
            if len(current) > 1:
                paths.append(current)
            current = []
        current.append([round(lon, decimals), round(lat, decimals)])
        prev = lon
    if len(current) > 1:
        paths.append(current)
    return paths


def region_geometries(regions: pd.DataFrame) -> gpd.GeoDataFrame:
    """Build the approximate outline of every region row.

    Parameters
    ----------
    regions
        The ``regions`` table (``center_lat_deg``, ``center_lon_deg``, ``major_axis_km``,
        ``minor_axis_km``, ``azimuth_deg``, ...).

    Returns
    -------
    geopandas.GeoDataFrame
        The table with a polygon ``geometry`` in ``IAU_2015:30100``, the outline as
        ``paths`` (for drawing) and ``area_km2`` (geodesic area of the outline).
    """
    geoms, paths, areas = [], [], []
    geod = moon_geod()
    for row in regions.itertuples(index=False):
        minor = None if pd.isna(row.minor_axis_km) else float(row.minor_axis_km)
        azim = None if pd.isna(row.azimuth_deg) else float(row.azimuth_deg)
        lons, lats = outline_ring(
            float(row.center_lat_deg),
            float(row.center_lon_deg),
            float(row.major_axis_km),
            minor,
            azim,
        )
        geoms.append(ring_to_polygon(lons, lats, float(row.center_lat_deg)))
        paths.append(outline_paths(lons, lats))
        area, _ = geod.polygon_area_perimeter(lons[:-1], lats[:-1])
        areas.append(abs(area) / 1e6)
    out = gpd.GeoDataFrame(regions.copy(), geometry=geoms, crs=MOON_CRS)
    out["paths"] = paths
    out["area_km2"] = areas
    return out


def _dense_ring(region: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The region's outline every half degree of bearing (for edge distances)."""
    minor = None if pd.isna(region["minor_axis_km"]) else float(region["minor_axis_km"])
    azim = None if pd.isna(region["azimuth_deg"]) else float(region["azimuth_deg"])
    return outline_ring(
        float(region["center_lat_deg"]),
        float(region["center_lon_deg"]),
        float(region["major_axis_km"]),
        minor,
        azim,
        n=720,
    )


def _edge_distance_km(lat: float, lon: float, ring: tuple[np.ndarray, np.ndarray]) -> float:
    """Geodesic distance from a point to the nearest point of an outline, in km."""
    lons, lats = ring
    n = len(lons)
    _, _, d = moon_geod().inv(np.full(n, lon), np.full(n, lat), lons, lats)
    return float(np.min(d)) / 1000.0


def site_regions(
    sites: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, near_km: float = NEAR_KM
) -> pd.DataFrame:
    """Which approximate region outlines each site lies in, or lies near.

    Containment is a spatial join (``within``) of the site points on the region polygons,
    both in ``IAU_2015:30100``. A site outside a region but within *near_km* of its outline is
    reported with ``relation="near"``.

    Returns
    -------
    pandas.DataFrame
        ``site_id``, ``region_id``, ``name``, ``relation`` (``"inside"``/``"near"``),
        ``edge_km`` (distance to the outline) and ``area_km2``; inside rows first, the
        smallest (most specific) region first.
    """
    if sites.crs != regions.crs:
        raise ValueError(f"CRS differ: sites {sites.crs}, regions {regions.crs}")
    joined = gpd.sjoin(
        sites[["site_id", "geometry"]],
        regions[["region_id", "name", "area_km2", "geometry"]],
        predicate="within",
        how="inner",
    )
    inside = set(zip(joined["site_id"], joined["region_id"], strict=True))
    rows = []
    reg = regions.set_index("region_id")
    rings = {region_id: _dense_ring(region) for region_id, region in reg.iterrows()}
    for site in sites.itertuples(index=False):
        lat, lon = site.geometry.y, site.geometry.x
        for region_id, region in reg.iterrows():
            edge = _edge_distance_km(lat, lon, rings[region_id])
            if (site.site_id, region_id) in inside:
                relation = "inside"
            elif edge <= near_km:
                relation = "near"
            else:
                continue
            rows.append(
                {
                    "site_id": site.site_id,
                    "region_id": region_id,
                    "name": region["name"],
                    "relation": relation,
                    "edge_km": round(edge, 0),
                    "area_km2": region["area_km2"],
                }
            )
    out = pd.DataFrame(
        rows, columns=["site_id", "region_id", "name", "relation", "edge_km", "area_km2"]
    )
    order = out["relation"].map({"inside": 0, "near": 1})
    return (
        out.assign(_o=order)
        .sort_values(["site_id", "_o", "area_km2"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )
