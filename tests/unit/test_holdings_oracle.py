"""The holdings summaries (plain-Python group-bys) against the pandas statement they replaced,
on every year of the timeline and on generated subsets of the holdings."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moonmap import holdings as H
from moonmap.holdings import FAMILIES, SEVERAL, mass_text

# --- the previous pandas implementation (reference) -------------------------------------


def _joined(s: pd.Series) -> str:
    return ", ".join(dict.fromkeys(v for v in s if isinstance(v, str) and v))


def _aggregate(h: pd.DataFrame, keys: list[str], mission_order: Mapping[str, int]) -> pd.DataFrame:
    """Counts, published mass (NaN when none is published), plain-words mass, missions in
    catalog order, family/kind (``"several"`` when mixed), first year and sources per group."""
    g = h.groupby(keys, sort=False)
    out = pd.DataFrame(
        {
            "n_holdings": g.size(),
            "mass_known_g": g["mass_g"].sum(min_count=1),
            "n_mass_known": g["mass_g"].count(),
        }
    )
    out["n_mass_unpublished"] = out["n_holdings"] - out["n_mass_known"]
    out["mass"] = [
        mass_text(m, k, u)
        for m, k, u in zip(
            out["mass_known_g"], out["n_mass_known"], out["n_mass_unpublished"], strict=True
        )
    ]
    out["missions"] = g["mission"].agg(
        lambda s: ", ".join(sorted(set(s.dropna()), key=lambda m: (mission_order.get(m, 99), m)))
    )
    for col in ("family", "kind"):
        out[col] = g[col].first().where(g[col].nunique() == 1, SEVERAL)
    out["first_year"] = g["year"].min()
    out["sources"] = g["source_id"].agg(_joined)
    return out


def old_holder_summary(h: pd.DataFrame, mission_order: Mapping[str, int] | None = None):
    """One row per holder of the holdings in *h*.

    Columns: ``custodian_id, holder, city, country, country_name, lat_deg, lon_deg,
    n_holdings, mass_known_g, n_mass_known, n_mass_unpublished, mass, missions, site_ids,
    family, kind, first_year, sources`` where ``family``/``kind`` is ``"several"`` for a
    mixed holder and ``mass`` is the plain-words mass.
    """
    cols = [
        "custodian_id",
        "holder",
        "city",
        "country",
        "country_name",
        "lat_deg",
        "lon_deg",
        "n_holdings",
        "mass_known_g",
        "n_mass_known",
        "n_mass_unpublished",
        "mass",
        "missions",
        "site_ids",
        "family",
        "kind",
        "first_year",
        "sources",
    ]
    if h.empty:
        return pd.DataFrame(columns=cols)
    g = h.groupby("custodian_id", sort=False)
    first = g[["holder", "city", "country", "country_name", "lat_deg", "lon_deg"]].first()
    out = first.join(_aggregate(h, ["custodian_id"], mission_order or {}))
    out["site_ids"] = g["site_id"].agg(_joined)
    return out.reset_index()[cols]


def old_country_summary(h: pd.DataFrame, mission_order: Mapping[str, int] | None = None):
    """One row per country: holders, holdings, published mass, missions, sources.

    Sorted by number of holdings (most first), then name.
    """
    cols = [
        "country",
        "country_name",
        "n_holders",
        "n_holdings",
        "mass_known_g",
        "n_mass_known",
        "n_mass_unpublished",
        "mass",
        "missions",
        "families",
        "sources",
    ]
    if h.empty:
        return pd.DataFrame(columns=cols)
    g = h.groupby("country", sort=False)
    out = _aggregate(h, ["country"], mission_order or {})
    out["country_name"] = g["country_name"].first()
    out["n_holders"] = g["custodian_id"].nunique()
    out["families"] = g["family"].agg(lambda s: ", ".join(f for f in FAMILIES if f in set(s)))
    out = out.reset_index()[cols]
    return out.sort_values(
        ["n_holdings", "country_name"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def old_journeys(h: pd.DataFrame, mission_order: Mapping[str, int] | None = None) -> pd.DataFrame:
    """One row per (origin, holder) pair with both positions known and origin != holder.

    Columns: ``origin_id, origin_name, custodian_id, holder, from_lon, from_lat, to_lon,
    to_lat, n_holdings, mass, mass_known_g, n_mass_known, n_mass_unpublished, missions, family,
    kind, first_year``. Exchanges appear once in each direction (each is its own holding).
    """
    cols = [
        "origin_id",
        "origin_name",
        "custodian_id",
        "holder",
        "from_lon",
        "from_lat",
        "to_lon",
        "to_lat",
        "n_holdings",
        "mass",
        "mass_known_g",
        "n_mass_known",
        "n_mass_unpublished",
        "missions",
        "family",
        "kind",
        "first_year",
    ]
    moving = h[
        h["origin_id"].notna()
        & (h["origin_id"] != h["custodian_id"])
        & h["lat_deg"].notna()
        & h["origin_lat_deg"].notna()
    ]
    if moving.empty:
        return pd.DataFrame(columns=cols)
    keys = ["origin_id", "custodian_id"]
    first = moving.groupby(keys, sort=False)[
        ["origin_name", "holder", "origin_lon_deg", "origin_lat_deg", "lon_deg", "lat_deg"]
    ].first()
    out = first.join(_aggregate(moving, keys, mission_order or {})).reset_index()
    out = out.rename(
        columns={
            "origin_lon_deg": "from_lon",
            "origin_lat_deg": "from_lat",
            "lon_deg": "to_lon",
            "lat_deg": "to_lat",
        }
    )
    out["first_year"] = out["first_year"].astype(int)
    return out[cols]


# --- checks ------------------------------------------------------------------------------


def same(new: pd.DataFrame, old: pd.DataFrame) -> None:
    assert list(new.columns) == list(old.columns)
    assert len(new) == len(old)
    for col in old.columns:
        a = [None if pd.isna(v) else v for v in new[col].tolist()]
        b = [None if pd.isna(v) else v for v in old[col].tolist()]
        if col == "mass_known_g":  # sums of floats: equal up to rounding of the last digit
            assert [x is None for x in a] == [y is None for y in b], col
            assert [x for x in a if x is not None] == pytest.approx([y for y in b if y is not None])
        else:
            assert a == b, col


@pytest.fixture(scope="module")
def table(cat):
    return H.holdings_table(cat)


@pytest.mark.parametrize("year", [None, 1969, 1972, 1976, 1990, 2005, 2021, 2024, 2025])
def test_summaries_match_the_pandas_reference_on_the_timeline(cat, table, year):
    from moonmap.filters import Filters, apply_filters

    f = Filters()
    got = H.filter_holdings(table, cat, f, apply_filters(cat, f), H.HoldingFilters(year=year))
    order = H.mission_order(cat)
    same(H.holder_summary(got, order), old_holder_summary(got, order))
    same(H.country_summary(got, order), old_country_summary(got, order))
    same(H.journeys(got, order), old_journeys(got, order))


def test_summaries_match_the_pandas_reference_on_generated_subsets(cat, table):
    order = H.mission_order(cat)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.booleans(), min_size=len(table), max_size=len(table)))
    def check(keep):
        got = table[keep].reset_index(drop=True)
        same(H.holder_summary(got, order), old_holder_summary(got, order))
        same(H.country_summary(got, order), old_country_summary(got, order))
        same(H.journeys(got, order), old_journeys(got, order))

    check()
