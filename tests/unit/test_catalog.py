"""Loading the shipped catalog: types, CRSs, and the API the README documents."""

from __future__ import annotations

import pyproj

from moonmap import MOON_CRS
from moonmap.geo import lunar_distance_km, side_of
from moonmap.queries import format_age_range, format_mass

SLUGS = {
    "apollo-11",
    "apollo-12",
    "apollo-14",
    "apollo-15",
    "apollo-16",
    "apollo-17",
    "luna-16",
    "luna-20",
    "luna-24",
    "change-5",
    "change-6",
}


def test_tables_and_crs(cat):
    assert set(cat.sites["site_id"]) == SLUGS
    assert pyproj.CRS(cat.sites.crs) == pyproj.CRS(MOON_CRS)
    assert cat.custodians.crs.to_epsg() == 4326
    assert cat.ages["age_ma"].dtype == "float64"
    assert cat.samples["mass_g"].isna().any()  # unknown masses stay missing, not zero


def test_sides_match_longitudes(cat):
    for row in cat.sites.itertuples():
        assert side_of(row.lon_deg) == row.side, row.site_id
    assert cat.sites.set_index("site_id").loc["change-6", "side"] == "far"


def test_apollo11_to_apollo17_geodesic(cat):
    s = cat.sites.set_index("site_id")
    d = lunar_distance_km(
        *s.loc["apollo-11", ["lat_deg", "lon_deg"]], *s.loc["apollo-17", ["lat_deg", "lon_deg"]]
    )
    assert 620 < d < 640


def test_minimum_content(cat):
    dated = cat.ages.merge(cat.samples, on="sample_id")["site_id"].unique()
    assert set(dated) == SLUGS
    assert len(cat.samples) >= 40 and len(cat.ages) >= 50
    assert len(cat.custodians) >= 30 and len(cat.splits) >= 40
    ce5 = cat.ages.merge(cat.samples, on="sample_id").query("site_id == 'change-5'")
    assert ((ce5["method"] == "Pb-Pb") & ce5["age_ma"].between(1900, 2100)).any()
    ce6 = cat.ages.merge(cat.samples, on="sample_id").query("site_id == 'change-6'")
    assert ce6["age_ma"].between(2700, 2900).any() and ce6["age_ma"].between(4100, 4300).any()


def test_required_holdings(cat):
    sp = cat.splits.merge(cat.custodians[["custodian_id", "country"]], on="custodian_id")
    gifts = sp.query("site_id == 'change-5' and kind == 'gift'")
    assert gifts.groupby("country")["mass_g"].sum().to_dict() == {
        "FR": 1.5,
        "RU": 1.5,
        "IT": 1.0,
        "BR": 1.0,
    }
    assert set(gifts.loc[gifts["country"].isin(["IT", "BR"]), "received"]) == {
        "2024-11-08",
        "2024-11-20",
    }
    loans_2025 = sp.query(
        "site_id == 'change-5' and kind == 'loan' and received.str.startswith('2025')"
    )
    assert set(loans_2025["country"]) == {"US", "FR", "DE", "JP", "PK", "GB"}
    ou = loans_2025[loans_2025["custodian_id"] == "open-univ"]
    assert ou["mass_g"].tolist() == [0.06]  # 3 x 20 mg
    assert loans_2025["note"].str.contains("2.18 g").sum() == 7
    assert len(loans_2025) == 7
    ids = set(cat.custodians["custodian_id"])
    assert {"naoc-beijing", "nasa-jsc", "geokhi-moscow"} <= ids
    assert (sp.query("site_id == 'luna-16'")["country"] == "CN").any()


def test_every_source_id_resolves(cat):
    known = set(cat.sources["source_id"])
    for name, df in cat.tables.items():
        for col in [c for c in df.columns if c.endswith("source_id")]:
            used = set(df[col].dropna())
            assert used <= known, (name, col, used - known)


def test_formatting():
    assert format_mass(None) == "not published"
    assert format_mass(1731) == "1.7 kg"
    assert format_mass(1.5) == "1.5 g"
    assert format_age_range(2030, 2030) == "2.03 Ga"
    assert format_age_range(None, 3000) == "not dated"
