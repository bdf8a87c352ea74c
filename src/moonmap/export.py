"""Exports of a filtered selection: CSV, GeoJSON, GeoPackage, KML (on the Moon), the sample
table, and the sources as BibTeX and CSL-JSON.

Every function takes the catalog and a :class:`~moonmap.filters.Filters` and returns bytes, so
the same code serves the app's download buttons, Python users and the command line
(``python -m moonmap export``). The rows are the age determinations that pass the filters
(:func:`moonmap.ages.age_rows`), each with its site's position and its source.

Coordinates are planetocentric latitude and east longitude (−180..180) on the IAU Moon 2015
sphere (``IAU_2015:30100``). GeoJSON (RFC 7946) has no way to declare a non-Earth CRS, so the
file says so in a top-level ``moonmap:crs`` member; the GeoPackage carries the CRS itself.
"""

from __future__ import annotations

import io
import json
import math
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pandas as pd

from moonmap.ages import age_rows
from moonmap.catalog import Catalog
from moonmap.data import age_model as AM
from moonmap.data import links, sample_browser
from moonmap.filters import Filters, apply_filters
from moonmap.geo import MOON_CRS
from moonmap.io import citations

FORMATS = {
    "csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "gpkg": ("application/geopackage+sqlite3", "gpkg"),
    "kml": ("application/vnd.google-earth.kml+xml", "kml"),
    "bib": ("application/x-bibtex", "bib"),
    "csl": ("application/vnd.citationstyles.csl+json", "json"),
    "samples": ("text/csv", "csv"),
}
KML_NS = "http://www.opengis.net/kml/2.2"


def selected_rows(cat: Catalog, filters: Filters | None = None) -> pd.DataFrame:
    """The age rows passing *filters* (all rows for ``None``; see
    :func:`moonmap.ages.age_rows`)."""
    return age_rows(cat, apply_filters(cat, filters or Filters()))


def _clean(value):
    """JSON-safe scalar: NaN/NA -> None, numpy numbers -> Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def to_csv(cat: Catalog, filters: Filters | None = None) -> bytes:
    """UTF-8 CSV, one row per age determination (empty cell = not published)."""
    return selected_rows(cat, filters).to_csv(index=False).encode("utf-8")


def to_geojson(cat: Catalog, filters: Filters | None = None) -> bytes:
    """A FeatureCollection: one Point (the site's lander position) per age determination;
    ``moonmap:site_ages`` lists the representative ages of the sites present."""
    rows = selected_rows(cat, filters)
    features = []
    for rec in rows.to_dict(orient="records"):
        props = {k: _clean(v) for k, v in rec.items()}
        lon, lat = props["lon_deg"], props["lat_deg"]
        features.append(
            {
                "type": "Feature",
                "id": props["age_id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    doc = {
        "type": "FeatureCollection",
        "moonmap:crs": "IAU_2015:30100 (Moon 2015 sphere; planetocentric lat, east lon)",
        "moonmap:site_ages": [
            {k: _clean(v) for k, v in rec.items()}
            for rec in representative_rows(cat, rows["site_id"].unique()).to_dict(orient="records")
        ],
        "features": features,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def site_rows(cat: Catalog, rows: pd.DataFrame) -> gpd.GeoDataFrame:
    """One point per site present in *rows*: its number of ages, their range (every
    exported determination, for reference) and the site's representative rock age."""
    g = rows.groupby("site_id", sort=False)
    summary = pd.DataFrame(
        {
            "n_ages": g.size(),
            "n_samples": g["sample_id"].nunique(),
            "age_min_ma": g["age_ma"].min(),
            "age_max_ma": g["age_ma"].max(),
            "sources": g["source_id"].agg(lambda s: ", ".join(dict.fromkeys(s))),
        }
    ).reset_index()
    sites = cat.sites[["site_id", "mission", "site_name", "lat_deg", "lon_deg", "geometry"]]
    out = sites.merge(summary, on="site_id", how="inner")
    lead = AM.lead_age_ma(cat.site_ages)
    out["rock_age_ma"] = out["site_id"].map(lead)
    out["rock_age"] = out["site_id"].map(AM.lead_labels(cat.site_ages, out["site_id"]))
    rep = cat.site_ages.groupby("site_id")["source_id"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    out["rock_age_sources"] = out["site_id"].map(rep).fillna("")
    return gpd.GeoDataFrame(out, geometry="geometry", crs=MOON_CRS)


def representative_rows(cat: Catalog, site_ids) -> pd.DataFrame:
    """The representative ages (``site_ages``) of *site_ids*, with positions and citations."""
    rep = AM.representative(cat.site_ages[cat.site_ages["site_id"].isin(list(site_ids))])
    sites = pd.DataFrame(cat.sites.drop(columns="geometry"))[["site_id", "lat_deg", "lon_deg"]]
    src = cat.sources[["source_id", "citation"]]
    return rep.merge(sites, on="site_id", how="left").merge(src, on="source_id", how="left")


def to_gpkg(cat: Catalog, filters: Filters | None = None) -> bytes:
    """A GeoPackage in ``IAU_2015:30100`` with layers ``sites``, ``ages`` and
    ``site_ages`` (the representative ages of the exported sites; opens in QGIS)."""
    rows = selected_rows(cat, filters)
    ages = gpd.GeoDataFrame(
        rows, geometry=gpd.points_from_xy(rows["lon_deg"], rows["lat_deg"]), crs=MOON_CRS
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "moonmap.gpkg"
        site_rows(cat, rows).to_file(path, layer="sites", driver="GPKG")
        ages.to_file(path, layer="ages", driver="GPKG")
        rep = representative_rows(cat, rows["site_id"].unique())
        if len(rep):
            gpd.GeoDataFrame(
                rep, geometry=gpd.points_from_xy(rep["lon_deg"], rep["lat_deg"]), crs=MOON_CRS
            ).to_file(path, layer="site_ages", driver="GPKG")
        return path.read_bytes()


def to_kml(cat: Catalog, filters: Filters | None = None) -> bytes:
    """KML for Google Earth's Moon mode (``hint="target=moon"``): one placemark per site.

    Text is XML-escaped by the writer, never interpreted as markup.
    """
    rows = selected_rows(cat, filters)
    ET.register_namespace("", KML_NS)
    root = ET.Element(f"{{{KML_NS}}}kml", {"hint": "target=moon"})
    doc = ET.SubElement(root, f"{{{KML_NS}}}Document")
    ET.SubElement(doc, f"{{{KML_NS}}}name").text = "moonmap: lunar sample-return sites"
    for site in site_rows(cat, rows).itertuples(index=False):
        pm = ET.SubElement(doc, f"{{{KML_NS}}}Placemark", {"id": site.site_id})
        ET.SubElement(pm, f"{{{KML_NS}}}name").text = site.mission
        ET.SubElement(pm, f"{{{KML_NS}}}description").text = (
            f"{site.site_name}. Age of its rocks: {site.rock_age} "
            f"(sources: {site.rock_age_sources or 'none'}). {site.n_ages} age determinations "
            f"on {site.n_samples} samples exported. Sources: {site.sources}."
        )
        point = ET.SubElement(pm, f"{{{KML_NS}}}Point")
        ET.SubElement(
            point, f"{{{KML_NS}}}coordinates"
        ).text = f"{site.lon_deg:.5f},{site.lat_deg:.5f},0"
    buf = io.BytesIO()
    ET.ElementTree(root).write(buf, encoding="utf-8", xml_declaration=True)
    return buf.getvalue()


def sources_used(cat: Catalog, rows: pd.DataFrame) -> pd.DataFrame:
    """Sources of the rows' ages and of their samples' and sites' values."""
    ids = set(rows["source_id"].dropna())
    samples = cat.samples[cat.samples["sample_id"].isin(rows["sample_id"])]
    for col in ("source_id", "mass_source_id", "catalog_source_id", "station_source_id"):
        if col in samples:
            ids |= set(samples[col].dropna())
    rep = cat.site_ages[cat.site_ages["site_id"].isin(rows["site_id"])]
    ids |= set(rep["source_id"].dropna()) | set(rep["unit_source_id"].dropna())
    sites = cat.sites[cat.sites["site_id"].isin(rows["site_id"])]
    cols = ("landing_source_id", "position_source_id", "mass_source_id", "site_name_source_id")
    for col in cols:
        if col in sites:
            ids |= set(sites[col].dropna())
    return cat.sources[cat.sources["source_id"].isin(ids)].sort_values("source_id")


def to_bibtex(cat: Catalog, filters: Filters | None = None) -> bytes:
    """BibTeX of every source the selection uses (ages, samples, site values and
    representative ages)."""
    rows = selected_rows(cat, filters)
    header = "% moonmap: sources of the exported selection\n\n"
    return citations.to_bibtex(sources_used(cat, rows), header)


def to_csl(cat: Catalog, filters: Filters | None = None) -> bytes:
    """CSL-JSON (Zotero, Pandoc) of every source the selection uses."""
    return citations.to_csl_json(sources_used(cat, selected_rows(cat, filters)))


#: Columns of the sample-table export, in order.
SAMPLE_COLUMNS = [
    "sample_id",
    "mission",
    "site_id",
    "station",
    "station_id",
    "sample_type",
    "sample_subtype",
    "rock_type",
    "description",
    "nickname",
    "mass_g",
    "mass_source_id",
    "pristine_pct",
    "catalog_source_id",
    "n_ages",
    "parent_sample_id",
    "source_id",
    "station_source_id",
    *links.LINK_COLUMNS,
]


def sample_rows(cat: Catalog, filters: Filters | None = None) -> pd.DataFrame:
    """The samples passing *filters*, one row each, with their links onward."""
    table = sample_browser.sample_table(cat)
    filters = filters or Filters()
    if filters.age_ma is None and not filters.methods and not filters.events:
        # a status filter alone says which ages count, not which samples: keep undated ones
        filters = replace(filters, statuses=frozenset())
    keep = apply_filters(cat, filters).sample_ids
    return table[table["sample_id"].isin(keep)][SAMPLE_COLUMNS]


def to_samples_csv(cat: Catalog, filters: Filters | None = None) -> bytes:
    """UTF-8 CSV, one row per sample passing *filters* (empty cell = not published)."""
    return sample_rows(cat, filters).to_csv(index=False).encode("utf-8")


WRITERS = {
    "csv": to_csv,
    "geojson": to_geojson,
    "gpkg": to_gpkg,
    "kml": to_kml,
    "bib": to_bibtex,
    "csl": to_csl,
    "samples": to_samples_csv,
}


def export(cat: Catalog, fmt: str, filters: Filters | None = None) -> bytes:
    """Bytes of *fmt* (one of :data:`FORMATS`) for the selection *filters* describes."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(WRITERS)}")
    return WRITERS[fmt](cat, filters)
