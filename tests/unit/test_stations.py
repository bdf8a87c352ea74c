"""Sampling stations: loaded in the lunar CRS in traverse order, and validated (near their
site; a sample's station belongs to the sample's site)."""

from __future__ import annotations

import csv

from moonmap import load_catalog, validate_package

A17 = ("apollo-17", 20.1908, 30.7717)  # approximately the LM; offsets below in degrees


def add_station(data, station_id, site, name, order, lat, lon, source="lroc-featured-apollo17"):
    with open(data / "stations.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            [station_id, site, name, order, lat, lon, source, "test row"]
        )


def set_sample_station(data, sample_id, station_id, source="lroc-featured-apollo17"):
    path = data / "samples.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["sample_id"] == sample_id:
            r["station_id"], r["station_source_id"] = station_id, source
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_stations_load_in_traverse_order_in_the_lunar_crs(data_copy, rehash):
    site, lat, lon = A17
    add_station(data_copy, "t-st2", site, "Station 2", 2, lat - 0.08, lon - 0.02)
    add_station(data_copy, "t-lm", site, "LM", 0, lat, lon)
    add_station(data_copy, "t-st1", site, "Station 1", 1, lat - 0.02, lon + 0.03)
    set_sample_station(data_copy, "72415", "t-st2")
    rehash(data_copy)  # an intended edit: the loader refuses files that differ from the record
    cat = load_catalog(data_copy)
    assert cat.stations.crs.to_string() == "IAU_2015:30100"
    mine = cat.stations[cat.stations["station_id"].str.startswith("t-")]
    assert list(mine["station_id"]) == ["t-lm", "t-st1", "t-st2"]
    assert cat.samples.set_index("sample_id").loc["72415", "station_id"] == "t-st2"


def test_a_station_far_from_its_site_is_reported(data_copy):
    site, lat, lon = A17
    add_station(data_copy, "t-far", site, "Far away", 1, lat + 1.0, lon)  # ~30 km north
    report = validate_package(data_copy)
    assert any(
        p.file == "stations.csv" and "km from the apollo-17 lander" in p.message
        for p in report.problems
    ), report.problems


def test_a_sample_at_another_sites_station_is_reported(data_copy):
    site, lat, lon = A17
    add_station(data_copy, "t-st6", site, "Station 6", 6, lat + 0.05, lon + 0.1)
    set_sample_station(data_copy, "15415", "t-st6")  # an Apollo 15 sample
    report = validate_package(data_copy)
    assert any(
        p.column == "station_id" and "belongs to apollo-17, not apollo-15" in p.message
        for p in report.problems
    )


def test_unknown_station_is_a_foreign_key_problem(data_copy):
    set_sample_station(data_copy, "72415", "nowhere")
    report = validate_package(data_copy)
    assert any(p.column == "station_id" and "nowhere" in p.message for p in report.problems)
