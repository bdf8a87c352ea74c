"""Filters: the selection rule, computed independently with pandas, and the URL round trip."""

from __future__ import annotations

import pytest

from moonmap.filters import FilterOptions, Filters, apply_filters, from_params, to_params


@pytest.fixture(scope="module")
def opts(cat):
    return FilterOptions.from_catalog(cat)


def expected_sites(cat, lo=None, hi=None, methods=None, rocks=None, any_event=False):
    """The rule written out directly: sites with a sample having an age that passes (an age
    range counts current crystallization ages unless *any_event*)."""
    a = cat.ages.merge(cat.samples[["sample_id", "site_id", "rock_type"]], on="sample_id")
    if lo is not None:
        a = a[(a.age_ma >= lo) & (a.age_ma <= hi)]
        if not any_event:
            a = a[(a.event == "crystallization") & (a.status == "current")]
    if methods:
        a = a[a.method.isin(methods)]
    if rocks:
        a = a[a.rock_type.isin(rocks)]
    return set(a.site_id)


def test_options_span_the_catalog(cat, opts):
    assert opts.age_min_ma <= cat.ages.age_ma.min() and opts.age_max_ma >= cat.ages.age_ma.max()
    assert opts.age_min_ma % 100 == 0 and opts.age_max_ma % 100 == 0
    assert "Pb-Pb" in opts.methods and "change-6" in opts.site_ids


def test_no_filter_shows_every_site(cat):
    sel = apply_filters(cat, Filters())
    assert sel.site_ids == tuple(cat.sites.site_id)
    assert sel.n_samples == len(cat.samples)


@pytest.mark.parametrize(
    ("lo", "hi", "methods"),
    [(1900, 3000, None), (1900, 3000, {"Pb-Pb"}), (3000, 3500, None), (4000, 4600, {"Ar-Ar"})],
)
def test_age_and_method_filters_match_the_rule(cat, lo, hi, methods):
    sel = apply_filters(cat, Filters(age_ma=(lo, hi), methods=frozenset(methods or ())))
    assert set(sel.site_ids) == expected_sites(cat, lo, hi, methods)
    ages = cat.ages.set_index("age_id").loc[sorted(sel.age_ids)]
    assert ages.age_ma.between(lo, hi).all()
    assert (ages.event == "crystallization").all() and (ages.status == "current").all()
    wide = apply_filters(
        cat, Filters(age_ma=(lo, hi), methods=frozenset(methods or ()), age_scope="any")
    )
    assert set(wide.site_ids) == expected_sites(cat, lo, hi, methods, any_event=True)
    assert set(wide.site_ids) >= set(sel.site_ids)


def test_k_ar_argon_loss_ages_no_longer_put_apollo_11_among_young_rocks(cat):
    formed = apply_filters(cat, Filters(age_ma=(1900, 3000)))
    wide = apply_filters(cat, Filters(age_ma=(1900, 3000), age_scope="any"))
    assert "apollo-11" not in formed.site_ids and "apollo-11" in wide.site_ids
    assert "K-Ar, disturbed" in wide.site_reasons["apollo-11"]
    assert formed.site_reasons["change-5"].count("crystallization") >= 1


def test_event_and_status_filters(cat):
    sel = apply_filters(cat, Filters(events=frozenset({"glass"})))
    assert sel.age_ids == frozenset(cat.ages.loc[cat.ages.event == "glass", "age_id"])
    sup = apply_filters(cat, Filters(statuses=frozenset({"superseded"})))
    assert sup.age_ids == frozenset(cat.ages.loc[cat.ages.status == "superseded", "age_id"])
    assert len(sup.age_ids) > 0
    unstated = apply_filters(cat, Filters(events=frozenset({"not stated"})))
    assert unstated.age_ids == frozenset(cat.ages.loc[cat.ages.event.isna(), "age_id"])


def test_scope_event_status_round_trip_through_the_url(cat, opts):
    f = Filters(
        age_ma=(1900, 3000),
        age_scope="any",
        events=frozenset({"impact", "not stated"}),
        statuses=frozenset({"current"}),
    )
    params = to_params(f)
    assert params["ages"] == "any" and params["event"] == "impact,not stated"
    back, notes = from_params(params, opts)
    assert back == f and notes == []
    bad, notes = from_params({"ages": "everything", "event": "melting"}, opts)
    assert bad.age_scope == "formed" and not bad.events and len(notes) == 2


def test_young_pb_pb_rocks_are_only_the_change_missions(cat):
    sel = apply_filters(cat, Filters(age_ma=(1900, 3000), methods=frozenset({"Pb-Pb"})))
    assert set(sel.site_ids) == {"change-5", "change-6"}
    assert 1900 <= sel.site_age_ma["change-5"] <= 2100


def test_site_level_filters(cat):
    far = apply_filters(cat, Filters(side="far"))
    assert far.site_ids == ("change-6",)
    cnsa = apply_filters(cat, Filters(agencies=frozenset({"CNSA"})))
    assert set(cnsa.site_ids) == {"change-5", "change-6"}
    one = apply_filters(
        cat, Filters(site_ids=frozenset({"apollo-15"}), rock_types=frozenset({"volcanic glass"}))
    )
    assert one.site_ids == ("apollo-15",)
    assert set(cat.samples.set_index("sample_id").loc[sorted(one.sample_ids), "rock_type"]) == {
        "volcanic glass"
    }


def test_nothing_matches(cat):
    sel = apply_filters(cat, Filters(side="far", methods=frozenset({"K-Ar"})))
    assert sel.n_sites == 0 and sel.n_samples == 0


def test_url_round_trip(opts):
    f = Filters(
        age_ma=(1900, 3000),
        methods=frozenset({"Pb-Pb", "U-Pb"}),
        site_ids=frozenset({"change-5"}),
        side="near",
    )
    params = to_params(f)
    assert params == {
        "age": "1900-3000",
        "method": "Pb-Pb,U-Pb",
        "mission": "change-5",
        "side": "near",
    }
    back, notes = from_params(params, opts)
    assert back == f and notes == []
    assert to_params(Filters()) == {}


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"age": "old"}, "Ignored age"),
        ({"age": "1-2-3"}, "Ignored age"),
        ({"age": "nan-inf"}, "Ignored age"),
        ({"method": "Pb-Pb,Carbon-14"}, "Carbon-14"),
        ({"mission": "apollo-13"}, "apollo-13"),
        ({"side": "dark"}, "side=near"),
        ({"age": "0-9000"}, "limited to the catalog"),
    ],
)
def test_bad_url_values_are_explained_not_raised(opts, params, fragment):
    f, notes = from_params(params, opts)
    assert any(fragment in n for n in notes), notes
    assert isinstance(f, Filters)


def test_reversed_age_range_is_swapped(opts):
    f, _ = from_params({"age": "3000-1900"}, opts)
    assert f.age_ma == (1900, 3000)


def test_map_key_tells_apart_exactly_the_selections_that_draw_different_maps(cat):
    """The Moon deck is cached by Selection.map_key: an age-slider step that keeps the same
    sites and samples shares the map; one that drops a sample (a tooltip count) does not."""
    import json

    from moonmap.deck import selection_deck
    from moonmap.queries import site_summary

    summary = site_summary(cat)
    opts = dict(view="near", site=None, focus=None, labels=True, regions=False)
    opts.update(compact=False, height=560)

    def deck_json(sel):
        return json.loads(selection_deck(cat, summary, sel, filtered=True, **opts).to_json())

    a = apply_filters(cat, Filters(age_ma=(0, 4600)))
    b = apply_filters(cat, Filters(age_ma=(100, 4600)))  # no age below 1.9 Ga in the catalog
    assert a.map_key() == b.map_key() and deck_json(a) == deck_json(b)
    c = apply_filters(cat, Filters(age_ma=(0, 3500)))
    assert c.map_key() != a.map_key() and deck_json(c) != deck_json(a)
