"""Lunar and terrestrial reference systems and lunar geodesics."""

from __future__ import annotations

import math
from functools import lru_cache

import pyproj

#: Moon 2015 geographic CRS (IAU WG-CCRE), a sphere of radius 1 737 400 m.
MOON_CRS = "IAU_2015:30100"
#: WGS84 for places on Earth.
EARTH_CRS = "EPSG:4326"
MOON_RADIUS_M = 1_737_400.0


def angular_distance_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Central angle between two points on a sphere, in degrees (no pyproj needed)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.acos(min(1.0, max(-1.0, c))))


@lru_cache(maxsize=1)
def moon_geod() -> pyproj.Geod:
    """Return the geodesic calculator of the Moon 2015 sphere."""
    return pyproj.CRS(MOON_CRS).get_geod()


def lunar_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two selenographic points, in kilometres.

    Parameters
    ----------
    lat1, lon1, lat2, lon2
        Latitudes and east-positive longitudes in degrees.

    Returns
    -------
    float
        Distance along the Moon 2015 sphere in km.
    """
    _, _, dist_m = moon_geod().inv(lon1, lat1, lon2, lat2)
    return dist_m / 1000.0


def side_of(lon_deg: float) -> str:
    """Classify a longitude as the Moon's ``"near"`` or ``"far"`` side (|lon| <= 90 is near).

    The geometric split ignores libration; it matches the conventional labels of every
    sample-return site.
    """
    return "near" if abs(((lon_deg + 180.0) % 360.0) - 180.0) <= 90.0 else "far"
