"""Holdings on Earth: joins, origins, timeline, filters, summaries, journeys, URL, deck JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from moonmap import holdings as H
from moonmap.earth_deck import (
    ARCS_LAYER_ID,
    COUNTRIES_LAYER_ID,
    EARTH_GEOJSON_URL,
    EARTH_VIEWS,
    HOLDERS_LAYER_ID,
    earth_deck,
    earth_legend_html,
    holder_radius_px,
    holder_records,
    journey_records,
)
from moonmap.filters import Filters, apply_filters
from moonmap.validate import validate_package

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def h(cat):
    return H.holdings_table(cat)


@pytest.fixture(scope="module")
def raw():
    """splits.csv read straight with pandas, independently of moonmap."""
    return pd.read_csv(DATA / "splits.csv", dtype=str)


def run(cat, h, filters=None, hf=None):
    filters = filters or Filters()
    hf = hf or H.HoldingFilters()
    return H.filter_holdings(h, cat, filters, apply_filters(cat, filters), hf)


def test_every_split_is_one_holding_with_its_holder_and_family(h, raw):
    assert list(h["split_id"]) == list(raw["split_id"])
    assert h["holder"].notna().all() and h["country_name"].notna().all()
    fam = dict(zip(h["split_id"], h["family"], strict=True))
    assert fam["a11-curation-jsc"] == "Apollo"
    assert fam["l16-gift-cn-2023"] == "Luna"
    assert fam["ce6-curation-naoc"] == "Chang'e"
    assert set(h["family"]) == set(H.FAMILIES)


def test_primary_curators_come_from_the_curation_rows(cat, raw):
    cur = H.primary_curators(cat)
    assert {cur[s] for s in ("apollo-11", "apollo-17")} == {"nasa-jsc"}
    assert {cur[s] for s in ("luna-16", "luna-20", "luna-24")} == {"geokhi-moscow"}
    assert {cur[s] for s in ("change-5", "change-6")} == {"naoc-beijing"}


def test_origin_is_from_custodian_else_the_sites_curator(h, raw):
    r = h.set_index("split_id")
    assert r.loc["l16-exchange-nasa-1971", "origin_id"] == "ras-moscow"  # stated
    assert r.loc["a11-backup-wstf", "origin_id"] == "nasa-jsc"  # stated
    assert r.loc["ce5-gift-fr-2023-1g", "origin_id"] == "naoc-beijing"  # curator
    assert r.loc["l16-gift-cn-2023", "origin_id"] == "geokhi-moscow"  # curator
    stated = raw.dropna(subset=["from_custodian_id"])
    for sid, frm in zip(stated["split_id"], stated["from_custodian_id"], strict=True):
        assert r.loc[sid, "origin_id"] == frm


def test_year_is_received_or_the_missions_return_as_a_lower_bound(h, raw, cat):
    r = h.set_index("split_id")
    assert r.loc["ce5-gift-ru-2022", "year"] == 2022 and r.loc["ce5-gift-ru-2022", "year_known"]
    # No published date: counted from the landing year, flagged as not known.
    assert r.loc["a11-curation-jsc", "year"] == 1969
    assert not r.loc["a11-curation-jsc", "year_known"]
    landing = dict(
        zip(cat.sites["site_id"], cat.sites["landing_utc"].str[:4].astype(int), strict=True)
    )
    assert (h["year"] >= h["site_id"].map(landing)).all()
    assert h["year_known"].sum() == raw["received"].notna().sum()


def test_a_piece_sold_on_counts_until_the_resale(cat, h):
    r = h.set_index("split_id")
    assert r.loc["l16-sale-1993", "until"] == 2018
    assert pd.isna(r.loc["l16-sale-2018", "until"])
    in_2000 = set(run(cat, h, hf=H.HoldingFilters(year=2000))["split_id"])
    assert "l16-sale-1993" in in_2000 and "l16-sale-2018" not in in_2000
    today = set(run(cat, h)["split_id"])
    assert "l16-sale-2018" in today and "l16-sale-1993" not in today


def test_change5_filter_keeps_the_gifts_paris_and_the_2025_loans(cat, h, raw):
    got = run(cat, h, Filters(site_ids=frozenset({"change-5"})))
    assert set(got["site_id"]) == {"change-5"}
    holders = H.holder_summary(got).set_index("custodian_id")
    assert holders.loc["ras-moscow", "mass"] == "1.5 g"
    assert holders.loc["mnhn-paris", "mass"] == "1.5 g"
    assert {"mnhn-paris", "ipgp-paris"} <= set(holders.index)
    loans_2025 = raw[(raw["kind"] == "loan") & raw["received"].str.startswith("2025", na=False)]
    assert len(loans_2025) >= 7
    assert set(loans_2025["custodian_id"]) <= set(holders.index)


def test_year_1975_hides_every_change_holding(cat, h):
    got = run(cat, h, hf=H.HoldingFilters(year=1975))
    assert len(got) and "Chang'e" not in set(got["family"])
    assert (got["year"] <= 1975).all()
    assert not (H.journeys(got)["family"] == "Chang'e").any()


def test_country_and_kind_filters(cat, h):
    fr = run(cat, h, hf=H.HoldingFilters(countries=frozenset({"FR"})))
    fr_ids = set(cat.custodians.loc[cat.custodians["country"] == "FR", "custodian_id"])
    assert set(fr["country"]) == {"FR"} and len(fr) == cat.splits["custodian_id"].isin(fr_ids).sum()
    gifts = run(cat, h, hf=H.HoldingFilters(kinds=frozenset({"gift", "exchange"})))
    assert set(gifts["kind"]) == {"gift", "exchange"}


def test_sample_level_filters_act_through_a_named_sample_or_the_site(cat, h):
    f = Filters(age_ma=(3000.0, 4600.0))
    sel = apply_filters(cat, f)
    got = set(H.filter_holdings(h, cat, f, sel)["split_id"])
    dated = set(cat.samples["sample_id"])
    for row in h.itertuples():
        site_ok = row.site_id in sel.site_ids and pd.isna(row.until)  # today: not sold on
        if isinstance(row.sample_id, str) and row.sample_id in dated:
            expected = site_ok and row.sample_id in sel.sample_ids
        else:
            expected = site_ok
        assert (row.split_id in got) == expected, row.split_id
    # The 2.0 Ga Chang'e-5 basalts are outside 3.0-4.6 Ga unless another sample is.
    young = Filters(age_ma=(1900.0, 2100.0))
    kept = H.filter_holdings(h, cat, young, apply_filters(cat, young))
    assert "change-5" in set(kept["site_id"]) and "apollo-17" not in set(kept["site_id"])


def test_unpublished_masses_stay_unknown_not_zero(cat, h):
    holders = H.holder_summary(h).set_index("custodian_id")
    osaka = holders.loc["osaka-univ"]
    assert osaka["mass"] == "mass not published" and math.isnan(osaka["mass_known_g"])
    fr = H.country_summary(h).set_index("country").loc["FR"]
    fr_splits = cat.splits[
        cat.splits["custodian_id"].isin(
            cat.custodians.loc[cat.custodians["country"] == "FR", "custodian_id"]
        )
    ]
    assert fr["mass_known_g"] == pytest.approx(fr_splits["mass_g"].sum())
    assert fr["n_mass_unpublished"] == fr_splits["mass_g"].isna().sum() >= 1
    assert fr["mass"].startswith("1.5 g + ") and "with mass not published" in fr["mass"]
    table = H.holdings_for_display(h, cat)
    unknown = table[h["mass_g"].isna().to_numpy()]
    assert (unknown["mass"] == "not published").all() and len(unknown) > 20
    assert not table["mass"].str.fullmatch(r"0(\.0+)? ?g").any()


def test_journeys_show_exchanges_both_ways(h):
    arcs = H.journeys(h)
    pairs = {
        (a, b): f
        for a, b, f in zip(arcs["origin_id"], arcs["custodian_id"], arcs["family"], strict=True)
    }
    assert pairs[("ras-moscow", "nasa-jsc")] == "Luna"  # Luna 16 to NASA, 1971
    assert pairs[("nasa-jsc", "ras-moscow")] == "Apollo"  # Apollo 11/12 to the USSR, 1971
    assert pairs[("naoc-beijing", "ras-moscow")] == "Chang'e"  # Chang'e-5 to Russia, 2022
    assert pairs[("geokhi-moscow", "cnsa-beijing")] == "Luna"  # Luna 16 to China, 2023
    assert not (arcs["origin_id"] == arcs["custodian_id"]).any()
    assert arcs[["from_lat", "to_lat"]].notna().all().all()


def test_holder_detail_lists_holdings_with_sources_and_sites(cat, h):
    d = H.holder_detail(cat, h, "mnhn-paris")
    assert d.place == "Paris, France"
    assert len(d.holdings) == 2 and d.holdings["source"].notna().all()
    assert d.holdings["link"].str.startswith("http").all()
    assert d.site_ids == ("change-5",)
    nowhere = H.holder_detail(cat, h, "private-us-1993")
    assert "not published" in nowhere.position and "city not published" in nowhere.place
    with pytest.raises(KeyError):
        H.holder_detail(cat, h, "nobody")


def test_params_round_trip_and_bad_values_are_explained():
    hf = H.HoldingFilters(countries=frozenset({"FR", "RU"}), kinds=frozenset({"gift"}), year=1999)
    back, notes = H.from_params(H.to_params(hf), ("FR", "RU", "US"), 2026)
    assert back == hf and notes == []
    bad, notes = H.from_params(
        {"country": "zz,fr", "kind": "<script>alert(1)</script>", "year": "19x9"}, ("FR",), 2026
    )
    assert bad == H.HoldingFilters(countries=frozenset({"FR"}))
    assert len(notes) == 3 and any("'ZZ'" in n for n in notes)
    early, notes = H.from_params({"year": "1900"}, ("FR",), 2026)
    assert early.year == 1969 and "limited" in notes[0]
    latest, _ = H.from_params({"year": "2026"}, ("FR",), 2026)
    assert latest.year is None


def test_radius_grows_with_mass_and_unknown_is_not_small():
    assert holder_radius_px(0.1) == 4.0 and holder_radius_px(10_000) == 16.0
    assert holder_radius_px(0.5) < holder_radius_px(1.5) < holder_radius_px(100)
    assert holder_radius_px(None) == 10.0


def test_earth_deck_json(cat, h):
    holders = H.holder_summary(h)
    recs = holder_records(holders, "family")
    arcs = journey_records(H.journeys(h), "kind")
    deck = earth_deck(recs, arcs, highlight_countries=H.basemap_names(cat, holders["country"]))
    spec = json.loads(deck.to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    # The basemap is fetched from the static server, never inlined into the spec.
    assert layers[COUNTRIES_LAYER_ID]["data"] == EARTH_GEOJSON_URL
    assert "France" in layers[COUNTRIES_LAYER_ID]["getFillColor"]
    assert len(layers[HOLDERS_LAYER_ID]["data"]) == holders["lat_deg"].notna().sum()
    assert len(layers[ARCS_LAYER_ID]["data"]) == len(arcs) > 20
    hollow = [r for r in layers[HOLDERS_LAYER_ID]["data"] if r["fill"][3] == 0]
    unknown = holders[(holders["n_mass_known"] == 0) & holders["lat_deg"].notna()]
    assert {r["custodian_id"] for r in hollow} == set(unknown["custodian_id"])
    assert spec.get("mapProvider") in (None, "")  # no tiles
    # Small enough to resend on each rerun; the 156 kB outlines are never inlined.
    assert len(deck.to_json()) < 100_000


def test_highlight_expression_rejects_quotes():
    deck = earth_deck([], [], highlight_countries=["Côte d'Ivoire"])
    fill = json.loads(deck.to_json())["layers"][1]["getFillColor"]
    assert isinstance(fill, list)  # the only name had a quote: no expression at all


def test_views_and_legend():
    assert "world" in EARTH_VIEWS
    html = earth_legend_html("kind")
    assert "mass not published" in html and "exchange" in html


def test_custodian_country_must_be_listed(data_copy):
    p = data_copy / "custodians.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(",Osaka,JP,", ",Osaka,XX,"), "utf-8")
    report = validate_package(data_copy)
    assert any(pr.column == "country" and "XX" in pr.message for pr in report.problems)


def test_every_custodian_country_has_a_name_and_most_holders_a_position(cat):
    names = H.country_names(cat)
    assert set(names) == set(cat.custodians["country"])
    assert all(names[c] != c for c in names)
    placed = cat.custodians["lat_deg"].notna()
    assert placed.mean() > 0.9
    assert cat.custodians.loc[placed, "position_source_id"].notna().all()


def test_holders_at_one_point_are_grouped_with_a_count():
    from moonmap.earth_deck import _note_shared_points, shared_point_badges

    recs = [
        {"position": [2.35, 48.86], "title": "MNHN", "line3": "Chang'e · 2 holdings"},
        {"position": [2.352, 48.861], "title": "IPGP", "line3": "Chang'e · 1 holding"},
        {"position": [-95.1, 29.6], "title": "JSC", "line3": "Apollo · 6 holdings"},
    ]
    out = _note_shared_points(recs)
    assert [r["shared"] for r in out] == [2, 2, 1]
    assert out[0]["line3"].endswith("same point as IPGP") and "same point" not in out[2]["line3"]
    assert shared_point_badges(out) == [{"position": [2.35, 48.86], "count": "2"}]
