"""moonmap: lunar sample-return sites, their samples and ages, and who holds them on Earth."""

from moonmap.catalog import DEFAULT_DATA_DIR, Catalog, load_catalog
from moonmap.geo import EARTH_CRS, MOON_CRS
from moonmap.validate import CatalogError, Problem, validate_package

__all__ = [
    "DEFAULT_DATA_DIR",
    "EARTH_CRS",
    "MOON_CRS",
    "Catalog",
    "CatalogError",
    "Problem",
    "load_catalog",
    "validate_package",
]
__version__ = "0.1.0"
