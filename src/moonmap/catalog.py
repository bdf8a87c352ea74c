"""Load the validated data package into typed (Geo)DataFrames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from moonmap.geo import EARTH_CRS, MOON_CRS
from moonmap.regions import region_geometries
from moonmap.validate import CatalogError, validate_package

#: The data package that ships with moonmap (the repository's ``data/`` folder).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Catalog:
    """The lunar sample catalog: one attribute per table of the data package.

    Attributes
    ----------
    sites : geopandas.GeoDataFrame
        One row per sample-return mission, points in the lunar CRS ``IAU_2015:30100``.
    samples, ages, splits, sources, site_alt_values : pandas.DataFrame
        The tables of the same names; empty cells are missing values (``<NA>``/``NaN``).
    custodians : geopandas.GeoDataFrame
        Holders of lunar material, points in WGS84 (``EPSG:4326``); a custodian whose
        position is not published has an empty geometry.
    stations : geopandas.GeoDataFrame
        Sampling stations (points in ``IAU_2015:30100``) with their ``traverse_order``;
        ``samples.station_id`` links a sample to its station where the literature says so.
    site_ages : pandas.DataFrame
        Representative ages per site and geological unit (``lead == "yes"`` marks the unit
        that answers "how old is the rock at this site"); see :mod:`moonmap.data.age_model`.
    sample_alt_values : pandas.DataFrame
        Masses and stations that another source gives differently from ``samples``.
    compendium_entries : pandas.DataFrame
        Samples with an entry in the Lunar Sample Compendium (``sample_id``, ``source_id``).
    mission_names : pandas.DataFrame
        A mission's name in another language (``site_id``, ``lang``, ``name``, ``source_id``,
        ``note``) where a cited source gives one; see :mod:`moonmap.data.names`.
    calibration_points : pandas.DataFrame
        Sites whose sample age (``age_id``) and crater density ``n1_per_km2`` calibrate the
        lunar chronology (see :mod:`moonmap.chronology`).
    countries : pandas.DataFrame
        Countries named by ``custodians.country``: ISO code, display name and the name of
        the country's outline in the shipped Earth basemap.
    regions : geopandas.GeoDataFrame
        Maria and basins as approximate outlines (polygons in ``IAU_2015:30100``) built
        from their published centres and dimensions; ``paths`` holds the outline for drawing.
    directory : pathlib.Path
        Where the package was loaded from.
    """

    sites: gpd.GeoDataFrame
    samples: pd.DataFrame
    ages: pd.DataFrame
    custodians: gpd.GeoDataFrame
    splits: pd.DataFrame
    sources: pd.DataFrame
    site_alt_values: pd.DataFrame
    regions: gpd.GeoDataFrame
    countries: pd.DataFrame
    calibration_points: pd.DataFrame
    stations: gpd.GeoDataFrame
    site_ages: pd.DataFrame
    sample_alt_values: pd.DataFrame
    compendium_entries: pd.DataFrame
    mission_names: pd.DataFrame
    directory: Path
    descriptor: dict

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by their data-package resource name."""
        return {
            "sites": self.sites,
            "samples": self.samples,
            "ages": self.ages,
            "custodians": self.custodians,
            "splits": self.splits,
            "sources": self.sources,
            "site_alt_values": self.site_alt_values,
            "regions": self.regions,
            "countries": self.countries,
            "calibration_points": self.calibration_points,
            "stations": self.stations,
            "site_ages": self.site_ages,
            "sample_alt_values": self.sample_alt_values,
            "compendium_entries": self.compendium_entries,
            "mission_names": self.mission_names,
        }

    def source(self, source_id: str) -> pd.Series:
        """Return the citation row for *source_id* (raises ``KeyError`` if unknown)."""
        return self.sources.set_index("source_id").loc[source_id]


def _typed(header: list[str], rows: list[dict], fields: list[dict]) -> pd.DataFrame:
    """A DataFrame of validated *rows*: blanks become missing values, numbers floats,
    integers nullable ``Int64``, everything else stripped ``string``."""
    types = {f["name"]: f.get("type") for f in fields}
    data = {}
    for col in header:
        values = [r[col].strip() or None for r in rows]
        kind = types.get(col)
        if kind == "number":
            data[col] = pd.array([None if v is None else float(v) for v in values], "Float64")
            data[col] = data[col].astype("float64")
        elif kind == "integer":
            data[col] = pd.array([None if v is None else int(v) for v in values], "Int64")
        else:
            data[col] = pd.array(values, dtype="string")
    return pd.DataFrame(data, columns=header)


ALT_COLUMNS = ["sample_id", "field", "value", "source_id", "note"]
NAME_COLUMNS = ["site_id", "lang", "name", "source_id", "note"]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})


def _empty_countries() -> pd.DataFrame:
    cols = ["iso_a2", "name", "natural_earth_name", "source_id"]
    return pd.DataFrame(columns=cols, dtype="string")


def _empty_points() -> pd.DataFrame:
    cols = ["point_id", "site_id", "age_id", "n1_per_km2", "n1_err_per_km2", "n1_source_id"]
    return pd.DataFrame(columns=[*cols, "note"])


SITE_AGE_COLUMNS = [
    "rep_id",
    "site_id",
    "unit",
    "lead",
    "event",
    "estimate",
    "age_ma",
    "age_err_ma",
    "err_sigma",
    "source_id",
    "unit_source_id",
    "note",
]


def _empty_site_ages() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="string") for c in SITE_AGE_COLUMNS})
    return frame.astype({"age_ma": "float64", "age_err_ma": "float64", "err_sigma": "Int64"})


def _stations(frame: pd.DataFrame | None) -> gpd.GeoDataFrame:
    cols = ["station_id", "site_id", "name", "traverse_order", "lat_deg", "lon_deg", "source_id"]
    if frame is None:
        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in [*cols, "note"]})
    frame = frame.sort_values(["site_id", "traverse_order"], kind="stable").reset_index(drop=True)
    lon, lat = pd.to_numeric(frame["lon_deg"]), pd.to_numeric(frame["lat_deg"])
    geom = gpd.points_from_xy(lon, lat)
    geom[~(lon.notna() & lat.notna()).to_numpy()] = None  # position not published
    return gpd.GeoDataFrame(frame, geometry=geom, crs=MOON_CRS)


def load_catalog(directory: Path | str | None = None) -> Catalog:
    """Validate and load a moonmap data package.

    Parameters
    ----------
    directory
        Folder with ``datapackage.json`` and the CSV tables. Defaults to the package
        shipped with moonmap (``data/``).

    Returns
    -------
    Catalog
        Tables as DataFrames; ``sites`` and ``custodians`` as GeoDataFrames.

    Raises
    ------
    CatalogError
        If the package does not validate; ``err.problems`` lists each problem by file,
        row and column.

    Examples
    --------
    >>> from moonmap import load_catalog
    >>> cat = load_catalog()
    >>> cat.sites.crs.to_string()
    'IAU_2015:30100'
    """
    directory = Path(directory) if directory is not None else DEFAULT_DATA_DIR
    report = validate_package(directory)
    if not report.ok:
        raise CatalogError(report.problems, directory)
    descriptor = report.descriptor
    frames: dict[str, pd.DataFrame] = {}
    for res in descriptor["resources"]:
        header, rows = report.tables[res["name"]]
        frames[res["name"]] = _typed(header, rows, res["schema"]["fields"])
    sites = frames["sites"]
    sites = gpd.GeoDataFrame(
        sites, geometry=gpd.points_from_xy(sites["lon_deg"], sites["lat_deg"]), crs=MOON_CRS
    )
    cust = frames["custodians"]
    has_pos = cust["lat_deg"].notna() & cust["lon_deg"].notna()
    geom = gpd.points_from_xy(cust["lon_deg"], cust["lat_deg"])
    geom[~has_pos.to_numpy()] = None
    custodians = gpd.GeoDataFrame(cust, geometry=geom, crs=EARTH_CRS)
    empty_alt = pd.DataFrame(columns=["site_id", "field", "value", "source_id", "note"])
    return Catalog(
        sites=sites,
        samples=frames["samples"],
        ages=frames["ages"],
        custodians=custodians,
        splits=frames["splits"],
        sources=frames["sources"],
        site_alt_values=frames.get("site_alt_values", empty_alt),
        regions=region_geometries(frames["regions"]),
        countries=frames.get("countries", _empty_countries()),
        calibration_points=frames.get("calibration_points", _empty_points()),
        stations=_stations(frames.get("stations")),
        site_ages=frames.get("site_ages", _empty_site_ages()),
        sample_alt_values=frames.get("sample_alt_values", _empty(ALT_COLUMNS)),
        compendium_entries=frames.get("compendium_entries", _empty(["sample_id", "source_id"])),
        mission_names=frames.get("mission_names", _empty(NAME_COLUMNS)),
        directory=directory,
        descriptor=descriptor,
    )
