"""Bring-your-own sites: good files load, every malformed file gets a specific message."""

from __future__ import annotations

import json

import pytest

from moonmap.upload import MAX_BYTES, parse_sites

GOOD_CSV = b"label,lat,lon,age_ma\nMy site,10.5,-20.25,3100\nFar one,-30,200,\n"


def test_good_csv_loads_and_converts_east_longitudes():
    r = parse_sites("sites.csv", GOOD_CSV)
    assert r.ok and r.problems == []
    assert r.rows["label"].tolist() == ["My site", "Far one"]
    assert r.rows["lon_deg"].tolist() == [-20.25, -160.0]
    assert r.rows["age_ma"].iloc[0] == 3100 and r.rows["age_ma"].isna().iloc[1]
    assert "converted" in r.notes[0]


def test_good_geojson_loads():
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [23.4, 0.7]},
                "properties": {"label": "Near Apollo 11", "age_ma": 3700},
            },
        ],
    }
    r = parse_sites("x.geojson", json.dumps(doc).encode())
    assert r.ok and r.rows.iloc[0].to_dict() == {
        "label": "Near Apollo 11",
        "lat_deg": 0.7,
        "lon_deg": 23.4,
        "age_ma": 3700,
    }


def test_html_label_is_kept_as_plain_text():
    r = parse_sites("x.csv", b'label,lat,lon\n"<script>alert(1)</script>",1,2\n')
    assert r.ok and r.rows["label"].iloc[0] == "<script>alert(1)</script>"
    assert "look like HTML" in r.notes[0] and "plain text" in r.notes[0]


FEATURE = '{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}'
MALFORMED = {
    "empty": ("a.csv", b"", "empty (0 bytes)"),
    "oversized": ("a.csv", b"label,lat,lon\n" + b"x,1,2\n" * (MAX_BYTES // 6 + 10), "limit is"),
    "binary": ("a.csv", bytes(range(256)) * 4, "binary file"),
    "latin-1": ("a.csv", "label,lat,lon\nMüller,1,2\n".encode("latin-1"), "Line 2: byte 0xfc"),
    "semicolons": ("a.csv", b"label;lat;lon\nx;1;2\n", "separated by semicolons"),
    "tabs": ("a.csv", b"label\tlat\tlon\nx\t1\t2\n", "separated by tabs"),
    "missing column": ("a.csv", b"name,lat,lon\nx,1,2\n", "missing column(s) label"),
    "latitude 95": ("a.csv", b"label,lat,lon\nx,95,2\n", "Line 2, column lat: 95 is outside"),
    "longitude -200": ("a.csv", b"label,lat,lon\nx,1,-200\n", "Line 2, column lon: -200"),
    "not a number": ("a.csv", b"label,lat,lon\nx,north,2\n", "Line 2, column lat: 'north'"),
    "nan": ("a.csv", b"label,lat,lon\nx,nan,2\n", "column lat: 'nan' is not a number"),
    "age in years": ("a.csv", b"label,lat,lon,age_ma\nx,1,2,3900000000\n", "column age_ma"),
    "empty label": ("a.csv", b"label,lat,lon\n ,1,2\n", "Line 2, column label: the label is empty"),
    "long label": ("a.csv", b"label,lat,lon\n" + b"x" * 81 + b",1,2\n", "at most 80"),
    "control chars": ("a.csv", b"label,lat,lon\nbad\x07bell,1,2\n", "control characters"),
    "ragged row": ("a.csv", b"label,lat,lon\nx,1\n", "Line 2: 2 values for 3 columns"),
    "header only": ("a.csv", b"label,lat,lon\n", "no data rows"),
    "duplicate column": ("a.csv", b"label,lat,lat,lon\nx,1,1,2\n", "appears more than once"),
    "bad json": ("a.geojson", b'{"type": "FeatureCollection", "features": [', "not valid JSON"),
    "not a collection": ("a.geojson", b'{"type": "Feature"}', "must be a FeatureCollection"),
    "polygon": (
        "a.geojson",
        b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":'
        b'{"type":"Polygon","coordinates":[]},"properties":{"label":"x"}}]}',
        "Feature 1, geometry: must be a Point, found Polygon",
    ),
    "geojson no label": (
        "a.geojson",
        ('{"type":"FeatureCollection","features":[' + FEATURE + "]}").encode(),
        "Feature 1, column label",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_gets_a_specific_message(case):
    name, data, expected = MALFORMED[case]
    r = parse_sites(name, data)
    assert not r.ok and r.rows.empty
    assert any(expected in p for p in r.problems), r.problems


def test_many_bad_rows_are_capped_not_flooded():
    data = b"label,lat,lon\n" + b"x,99,2\n" * 500
    r = parse_sites("a.csv", data)
    assert 1 < len(r.problems) <= 21 and "first problems only" in r.problems[-1]
