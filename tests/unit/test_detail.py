"""Site detail tables: every number carries a resolvable source."""

from __future__ import annotations

import pytest

from moonmap.detail import site_detail
from moonmap.filters import Filters, apply_filters
from moonmap.regions import site_regions


@pytest.fixture(scope="module")
def joined(cat):
    return site_regions(cat.sites, cat.regions)


@pytest.mark.parametrize("site_id", ["apollo-15", "change-5", "change-6", "luna-16"])
def test_detail_has_sourced_facts_samples_ages_holders(cat, joined, site_id):
    d = site_detail(cat, site_id, joined)
    sourced = d.facts[d.facts["fact"].isin(["Landed (UTC)", "Position", "Returned to Earth"])]
    assert sourced["source"].notna().all() and sourced["link"].notna().all()
    assert len(d.samples) == (cat.samples.site_id == site_id).sum()
    assert d.ages["source"].notna().all() and d.samples["source"].notna().all()
    assert len(d.holders) == (cat.splits.site_id == site_id).sum()
    assert d.holders["source"].notna().all()


def test_detail_marks_matching_rows_and_unpublished_masses(cat, joined):
    sel = apply_filters(cat, Filters(age_ma=(1900, 3000), methods=frozenset({"Pb-Pb"})))
    d = site_detail(cat, "change-5", joined, sel)
    expected = d.ages["age_ma"].between(1900, 3000) & (d.ages["method"] == "Pb-Pb")
    assert d.ages["matches"].tolist() == expected.tolist() and expected.any()
    assert set(d.ages.loc[d.ages["matches"], "age_id"]) <= sel.age_ids
    ru = d.holders[d.holders["country"] == "RU"]
    assert "1.5 g" in set(ru["mass"])
    a11 = site_detail(cat, "apollo-11", joined)
    assert "not published" in set(a11.holders["mass"])  # JSC curation: mass not stated


def test_unknown_site_raises_keyerror(cat, joined):
    with pytest.raises(KeyError):
        site_detail(cat, "apollo-13", joined)
