"""Exports: CSV/GeoJSON round-trip the filtered rows, GPKG in the lunar CRS, KML on the Moon,
BibTeX of the sources used, and the command line."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj
import pytest

from moonmap.ages import age_rows, search_rows
from moonmap.cli import main
from moonmap.export import export, selected_rows, sources_used
from moonmap.filters import Filters
from moonmap.io.citations import bib_escape

PBPB = Filters(methods=frozenset({"Pb-Pb"}))
YOUNG = Filters(age_ma=(1900.0, 3000.0))


def test_age_rows_one_per_determination_with_source(cat):
    rows = age_rows(cat)
    assert len(rows) == len(cat.ages) and rows["age_id"].is_unique
    assert rows["source"].notna().all() and rows["mission"].notna().all()
    assert rows[["lat_deg", "lon_deg"]].notna().all().all()


def test_search_is_literal_and_all_words_must_match(cat):
    rows = age_rows(cat)
    genesis = search_rows(rows, "15415")
    assert len(genesis) >= 1 and set(genesis["sample_id"]) == {"15415"}
    assert set(search_rows(rows, "genesis")["sample_id"]) == {"15415"}
    assert search_rows(rows, "Apollo 15 genesis").equals(search_rows(rows, "genesis rock"))
    assert search_rows(rows, "(*[").empty  # no regular-expression error
    assert len(search_rows(rows, "  ")) == len(rows)


@pytest.mark.parametrize("filters", [Filters(), PBPB, YOUNG])
def test_csv_round_trips_the_filtered_rows(cat, filters):
    expected = selected_rows(cat, filters)
    back = pd.read_csv(io.BytesIO(export(cat, "csv", filters)), dtype={"sample_id": str})
    assert list(back["age_id"]) == list(expected["age_id"])
    assert back["age_ma"].tolist() == expected["age_ma"].tolist()
    assert back["age_err_ma"].isna().sum() == expected["age_err_ma"].isna().sum()


@pytest.mark.parametrize("filters", [PBPB, YOUNG])
def test_geojson_round_trips_the_filtered_rows(cat, filters):
    expected = selected_rows(cat, filters)
    doc = json.loads(export(cat, "geojson", filters))
    assert doc["type"] == "FeatureCollection" and "IAU_2015:30100" in doc["moonmap:crs"]
    props = [f["properties"] for f in doc["features"]]
    assert [p["age_id"] for p in props] == list(expected["age_id"])
    assert [p["age_ma"] for p in props] == expected["age_ma"].tolist()
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (f["properties"]["lon_deg"], f["properties"]["lat_deg"])
    gdf = gpd.read_file(io.BytesIO(export(cat, "geojson", filters)))
    assert len(gdf) == len(expected)


def test_gpkg_reads_back_in_the_lunar_crs(cat, tmp_path):
    path = tmp_path / "x.gpkg"
    path.write_bytes(export(cat, "gpkg", YOUNG))
    moon = pyproj.CRS("IAU_2015:30100")
    ages = gpd.read_file(path, layer="ages")
    sites = gpd.read_file(path, layer="sites")
    # GeoPackage stores the CRS with GIS (lon, lat) axis order; otherwise identical.
    assert ages.crs.equals(moon, ignore_axis_order=True)
    assert sites.crs.equals(moon, ignore_axis_order=True)
    assert not ages.crs.equals(pyproj.CRS("EPSG:4326"), ignore_axis_order=True)
    expected = selected_rows(cat, YOUNG)
    assert sorted(ages["age_id"]) == sorted(expected["age_id"])
    assert set(sites["site_id"]) == set(expected["site_id"])
    ce5 = sites.set_index("site_id").loc["change-5"]
    assert ce5.geometry.x == pytest.approx(-51.9161, abs=1e-3)


def test_kml_parses_and_is_on_the_moon(cat):
    root = ET.fromstring(export(cat, "kml", PBPB))
    assert root.get("hint") == "target=moon"
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = root.findall(".//k:Placemark", ns)
    assert {m.get("id") for m in marks} == set(selected_rows(cat, PBPB)["site_id"])
    coords = {m.get("id"): m.find(".//k:coordinates", ns).text.split(",")[:2] for m in marks}
    sites = cat.sites.set_index("site_id")
    for sid, (lon, lat) in coords.items():
        assert float(lon) == pytest.approx(sites.loc[sid, "lon_deg"], abs=1e-4)
        assert float(lat) == pytest.approx(sites.loc[sid, "lat_deg"], abs=1e-4)


def test_bibtex_lists_every_source_used(cat):
    text = export(cat, "bib", YOUNG).decode("utf-8")
    used = sources_used(cat, selected_rows(cat, YOUNG))
    assert len(used) >= 3
    for sid in used["source_id"]:
        assert f"{{{sid}," in text
    assert text.count("\n@") + text.startswith("@") == len(used)
    assert bib_escape("A & B 50% x_y {z}") == r"A \& B 50\% x\_y \{z\}"


def test_cli_export_writes_filtered_file(tmp_path, capsys):
    out = tmp_path / "pb.csv"
    code = main(["export", "--format", "csv", "--out", str(out), "--method", "Pb-Pb"])
    assert code == 0 and "wrote" in capsys.readouterr().out
    back = pd.read_csv(out)
    assert set(back["method"]) == {"Pb-Pb"}
    kml = tmp_path / "a.kml"
    assert (
        main(
            [
                "export",
                "--format",
                "kml",
                "--out",
                str(kml),
                "--site",
                "apollo-11",
                "--site",
                "change-5",
                "--min-age-ma",
                "1000",
                "--max-age-ma",
                "4000",
            ]
        )
        == 0
    )
    assert ET.parse(kml).getroot().get("hint") == "target=moon"


def test_cli_export_rejects_bad_input_with_a_message(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--site", "mars-1"]) == 2
    assert "unknown --site mars-1" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "--format",
                "csv",
                "--out",
                str(out),
                "--min-age-ma",
                "3000",
                "--max-age-ma",
                "1000",
            ]
        )
        == 2
    )
    assert "greater than" in capsys.readouterr().err
    assert not out.exists()
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "no" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--format", "shp", "--out", str(out)])


def test_cli_event_and_superseded_flags(tmp_path, capsys):
    ages = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "ages.csv", dtype=str)
    out = tmp_path / "impact.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--event", "impact"]) == 0
    got = pd.read_csv(out, dtype=str)
    want = ages[(ages["event"] == "impact") & (ages["status"] == "current")]
    assert set(got["age_id"]) == set(want["age_id"])
    assert {"event", "status", "superseded_by"} <= set(got.columns)
    out = tmp_path / "all.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--include-superseded"]) == 0
    assert len(pd.read_csv(out)) == len(ages)
    out = tmp_path / "current.csv"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    assert len(pd.read_csv(out)) == (ages["status"] == "current").sum() < len(ages)
    assert main(["export", "--format", "csv", "--out", str(out), "--event", "melting"]) == 2
    assert "unknown --event melting" in capsys.readouterr().err


def test_exports_carry_representative_ages(cat):
    doc = json.loads(export(cat, "geojson", Filters(site_ids=frozenset({"change-5"}))))
    reps = doc["moonmap:site_ages"]
    assert {r["rep_id"] for r in reps} == {"ce5-mare-li", "ce5-mare-che"}
    bib = export(cat, "bib", Filters(site_ids=frozenset({"apollo-12"}))).decode()
    assert "@article{stoffler-ryder-2001" in bib
    kml = export(cat, "kml", Filters(site_ids=frozenset({"apollo-12"}))).decode()
    assert "3.15 ± 0.04 Ga" in kml


def test_cli_offers_every_export_format_and_writes_the_sample_table(tmp_path):
    from moonmap.cli import EXPORT_FORMATS
    from moonmap.export import FORMATS

    assert list(FORMATS) == EXPORT_FORMATS
    out = tmp_path / "s.csv"
    assert main(["export", "--format", "samples", "--out", str(out), "--site", "apollo-16"]) == 0
    got = pd.read_csv(out, dtype=str)
    raw = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "samples.csv", dtype=str)
    assert set(got["sample_id"]) == set(raw.loc[raw["site_id"] == "apollo-16", "sample_id"])
    numbered = got[got["sample_id"].str.fullmatch(r"\d{5}")]
    assert len(numbered) >= 760
    assert numbered["jsc_url"].str.startswith("https://curator.jsc.nasa.gov/").all()
    csl = tmp_path / "s.json"
    assert main(["export", "--format", "csl", "--out", str(csl), "--site", "change-5"]) == 0
    assert any(i["id"] == "li-2021-ce5-nature" or "DOI" in i for i in json.loads(csl.read_text()))
