"""The vectorised filter (``FilterIndex``) against a plain pandas statement of the rule, on
generated filter sets: both must select exactly the same sites, samples, ages, medians and
reasons."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moonmap.data import age_model as AM
from moonmap.filters import FilterOptions, Filters, apply_filters


def oracle(cat, f: Filters):
    """The filter rule of ``moonmap.filters`` written the slow, obvious way."""
    sites = cat.sites
    ok_sites = {
        s
        for s, a, side in zip(sites["site_id"], sites["agency"], sites["side"], strict=True)
        if (not f.site_ids or s in f.site_ids)
        and (not f.agencies or a in f.agencies)
        and (not f.side or side == f.side)
    }
    samples = cat.samples
    cand = samples[
        samples["site_id"].isin(ok_sites)
        & (samples["rock_type"].isin(f.rock_types) if f.rock_types else True)
    ][["sample_id", "site_id"]]
    ages = cat.ages.merge(cand, on="sample_id", how="inner")
    ok = pd.Series(True, index=ages.index)
    if f.age_ma is not None:
        ok &= ages["age_ma"].between(*f.age_ma)
        if f.age_scope == AM.FORMED:
            ok &= AM.dates_formation(ages)
    if f.methods:
        ok &= ages["method"].isin(f.methods)
    if f.events:
        ok &= AM.event_of(ages).isin(f.events)
    if f.statuses:
        ok &= ages["status"].isin(f.statuses).fillna(False)
    passing = ages[ok]
    samples_ok = set(passing["sample_id"]) if f.dates_filtered else set(cand["sample_id"])
    if f.dates_filtered or f.rock_types:
        shown = set(cand.loc[cand["sample_id"].isin(samples_ok), "site_id"])
    else:
        shown = ok_sites
    medians = {
        k: float(v) for k, v in passing.groupby("site_id")["age_ma"].median().items() if k in shown
    }
    reasons = {}
    if f.dates_filtered:
        for site, g in passing.groupby("site_id", sort=False):
            if site in shown:
                keys = [
                    AM.reason(m, e, s)
                    for m, e, s in zip(g["method"], g["event"], g["status"], strict=True)
                ]
                counts = pd.Series(keys).value_counts()
                reasons[site] = "; ".join(f"{n} × {r}" for r, n in counts.items())
    order = tuple(s for s in sites["site_id"] if s in shown)
    per_site = samples[samples["sample_id"].isin(samples_ok)].groupby("site_id").size()
    n_samples = {s: int(per_site.get(s, 0)) for s in order}
    return order, samples_ok, set(passing["age_id"]), medians, reasons, n_samples


def filters_from(cat):
    opts = FilterOptions.from_catalog(cat)
    some = lambda values: st.frozensets(st.sampled_from(values), max_size=3)  # noqa: E731
    age = st.one_of(
        st.none(),
        st.tuples(
            st.floats(opts.age_min_ma, opts.age_max_ma), st.floats(opts.age_min_ma, opts.age_max_ma)
        )
        .map(sorted)
        .map(tuple),
    )
    return st.builds(
        Filters,
        age_ma=age,
        methods=some(opts.methods),
        rock_types=some(opts.rock_types),
        site_ids=some(opts.site_ids),
        agencies=some(opts.agencies),
        side=st.sampled_from([None, "near", "far"]),
        age_scope=st.sampled_from(AM.SCOPES),
        events=some(opts.events),
        statuses=some(opts.statuses),
    )


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def test_vectorised_filter_matches_the_rule(cat):
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(filters_from(cat))
    def check(f):
        sel = apply_filters(cat, f)
        order, samples, ages, medians, reasons, n_samples = oracle(cat, f)
        assert sel.site_ids == order
        assert sel.sample_ids == samples
        assert sel.age_ids == ages
        assert sel.site_age_ma.keys() == medians.keys()
        assert all(same(sel.site_age_ma[k], medians[k]) for k in medians)
        assert sel.site_reasons == reasons
        assert sel.site_n_samples == n_samples

    check()
