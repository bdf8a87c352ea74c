"""Cached access to the catalog and its derived tables for the pages."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from moonmap.catalog import Catalog, load_catalog
from moonmap.data.names import mission_names
from moonmap.detail import SiteDetail, site_detail
from moonmap.filters import FilterOptions, Filters, Selection, apply_filters
from moonmap.holdings import (
    EarthSelection,
    HolderDetail,
    HoldingFilters,
    filter_holdings,
    holder_detail,
    holdings_for_display,
    holdings_table,
    mission_order,
    summarise_holdings,
)
from moonmap.queries import site_summary, site_table
from moonmap.regions import site_regions
from moonmap.ui.lang import lang as _lang

#: Cached functions taking a Filters hash its canonical key (see ``Filters.key``).
BY_KEY = {Filters: Filters.key, HoldingFilters: HoldingFilters.key}

#: Set MOONMAP_DATA to serve another data package.
DATA_ENV = "MOONMAP_DATA"


def data_dir() -> str:
    """The package folder to serve ("" means the shipped ``data/``)."""
    return os.environ.get(DATA_ENV, "")


@st.cache_resource(show_spinner=False)
def _load(directory: str) -> Catalog:
    # A Catalog is immutable (frozen dataclass) and shared read-only across sessions.
    return load_catalog(directory or None)


def catalog() -> Catalog:
    """The validated catalog, loaded once per server process and package folder."""
    return _load(data_dir())


# Read-only frames used on every rerun are shared (cache_resource) rather than copied:
# st.cache_data unpickles a fresh copy per call, a few ms each. Callers must not modify them.
@st.cache_resource(show_spinner=False)
def _summary(directory: str) -> pd.DataFrame:
    return site_summary(_load(directory))


def sites_summary() -> pd.DataFrame:
    """Per-site counts and age ranges (shared: do not modify)."""
    return _summary(data_dir())


@st.cache_resource(show_spinner=False)
def _options(directory: str) -> FilterOptions:
    return FilterOptions.from_catalog(_load(directory))


def filter_options() -> FilterOptions:
    """Values the sidebar filters offer (immutable, shared)."""
    return _options(data_dir())


@st.cache_resource(show_spinner=False)
def _mission_names(directory: str, code: str) -> dict[str, str]:
    return mission_names(_load(directory), code)


def mission_labels(code: str | None = None) -> dict[str, str]:
    """``site_id`` -> the mission name shown in language *code* (the session's by default):
    a sourced translation where the catalog has one, else the catalog's name. For display
    only; filters, links and exports keep ``site_id`` and ``sites.mission`` (shared: do not
    modify)."""
    return _mission_names(data_dir(), code or _lang())


@st.cache_data(show_spinner=False)
def _site_regions(directory: str) -> pd.DataFrame:
    cat = _load(directory)
    return site_regions(cat.sites, cat.regions)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=BY_KEY)
def _selection(directory: str, filters: Filters) -> Selection:
    return apply_filters(_load(directory), filters)


def selection(filters: Filters) -> Selection:
    """What passes *filters* (cached per distinct filter set; Selection is immutable)."""
    return _selection(data_dir(), filters)


@st.cache_resource(show_spinner=False)
def _site_table(directory: str) -> pd.DataFrame:
    summary = _summary(directory)
    return site_table(summary).assign(site_id=summary["site_id"])


def sites_table() -> pd.DataFrame:
    """Display table of every site (see :func:`moonmap.queries.site_table`) plus ``site_id``
    (shared: do not modify)."""
    return _site_table(data_dir())


@st.cache_data(show_spinner=False, max_entries=64)
def _detail(directory: str, site_id: str, lang: str) -> SiteDetail:
    return site_detail(_load(directory), site_id, _site_regions(directory), lang=lang)


def detail_of(site_id: str) -> SiteDetail:
    """The (unfiltered) detail tables of one site, in the session's language; mark matches
    with ``detail.with_matches``."""
    return _detail(data_dir(), site_id, _lang())


@st.cache_resource(show_spinner=False)
def _holdings(directory: str) -> pd.DataFrame:
    return holdings_table(_load(directory))


def holdings() -> pd.DataFrame:
    """Every holding joined to holder, country, site and origin (see ``moonmap.holdings``;
    shared: do not modify)."""
    return _holdings(data_dir())


@st.cache_resource(show_spinner=False)
def _holdings_display(directory: str, lang: str) -> pd.DataFrame:
    return holdings_for_display(_holdings(directory), _load(directory), lang)


def holdings_display(split_ids) -> pd.DataFrame:
    """:func:`moonmap.holdings.holdings_for_display` rows of the given holdings, in order."""
    table = _holdings_display(data_dir(), _lang())
    return table[table["split_id"].isin(set(split_ids))].reset_index(drop=True)


@st.cache_resource(
    show_spinner=False,
    max_entries=512,
    hash_funcs=BY_KEY,
)
def _earth_rows_key(directory: str, filters: Filters, hf: HoldingFilters) -> tuple[str, ...]:
    """The split ids of the holdings passing the filters, in table order."""
    got = filter_holdings(
        _holdings(directory), _load(directory), filters, _selection(directory, filters), hf
    )
    return tuple(got["split_id"])


@st.cache_resource(show_spinner=False, max_entries=512)
def _earth_of_rows(directory: str, rows: tuple[str, ...], arcs: bool) -> EarthSelection:
    # The summaries depend only on which holdings pass: neighbouring years of the timeline
    # often keep the same holdings, and then share one result.
    h = _holdings(directory)
    got = h[h["split_id"].isin(set(rows))].reset_index(drop=True)
    return summarise_holdings(got, mission_order(_load(directory)), arcs)


def _earth(directory: str, filters: Filters, hf: HoldingFilters, arcs: bool) -> EarthSelection:
    return _earth_of_rows(directory, _earth_rows_key(directory, filters, hf), arcs)


#: The page options an Earth deck depends on, in the order of the cache key.
EARTH_OPTIONS = ("view", "color_by", "selected", "focus", "compact", "height", "lang")


@st.cache_resource(show_spinner=False, max_entries=512)
def _earth_deck(directory: str, rows: tuple[str, ...], arcs: bool, options):
    from moonmap.earth_deck import selection_deck
    from moonmap.holdings import basemap_names

    es = _earth_of_rows(directory, rows, arcs)
    opts = dict(zip(EARTH_OPTIONS, options, strict=True))
    deck = selection_deck(es, basemap_names(_load(directory), es.holders["country"]), **opts)
    deck.to_json()  # serialise once; every rerun with these inputs reuses the text
    return deck


def earth_deck_for(filters: Filters, hf: HoldingFilters, arcs: bool, **options):
    """The Earth map for the filters and the page's options (view, color_by, selected, focus,
    compact, height), built and serialised once per distinct combination (shared)."""
    directory = data_dir()
    rows = _earth_rows_key(directory, filters, hf)
    return _earth_deck(directory, rows, arcs, tuple(options[k] for k in EARTH_OPTIONS))


def earth_selection(filters: Filters, hf: HoldingFilters, arcs: bool) -> EarthSelection:
    """What the Earth map shows for the shared and Earth filters, computed once per distinct
    combination and shared by every session (a class scrubbing the timeline reuses each
    year's result; shared: do not modify)."""
    return _earth(data_dir(), filters, hf, arcs)


@st.cache_data(show_spinner=False, max_entries=64)
def _holder(directory: str, custodian_id: str, lang: str) -> HolderDetail:
    return holder_detail(_load(directory), _holdings(directory), custodian_id, lang)


def holder_detail_of(custodian_id: str) -> HolderDetail:
    """The (unfiltered) detail of one holder, in the session's language."""
    return _holder(data_dir(), custodian_id, _lang())


@st.cache_data(show_spinner=False)
def _age_table(directory: str) -> pd.DataFrame:
    from moonmap.ages import age_rows

    return age_rows(_load(directory))


def age_table() -> pd.DataFrame:
    """Every age determination as one flat row (see ``moonmap.ages.age_rows``)."""
    return _age_table(data_dir())


@st.cache_resource(show_spinner=False)
def _sample_table(directory: str) -> pd.DataFrame:
    from moonmap.data.sample_browser import sample_table as build

    return build(_load(directory))


def sample_table() -> pd.DataFrame:
    """Every sample with mission, station, age count and links (shared, do not modify)."""
    return _sample_table(data_dir())


def sample_rows_csv(sample_ids: tuple[str, ...]) -> bytes:
    """CSV of the given samples (the export's sample columns), in the given order."""
    from moonmap.export import SAMPLE_COLUMNS

    table = sample_table().set_index("sample_id", drop=False)
    return table.loc[list(sample_ids), SAMPLE_COLUMNS].to_csv(index=False).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=64)
def _sample(directory: str, sample_id: str, lang: str):
    from moonmap.ages import sample_detail

    return sample_detail(_load(directory), sample_id, lang)


def sample_detail_of(sample_id: str):
    """The detail of one sample (all its ages, its holders), in the session's language."""
    return _sample(data_dir(), sample_id, _lang())


@st.cache_data(show_spinner=False, max_entries=128, hash_funcs=BY_KEY)
def _export(directory: str, fmt: str, filters: Filters) -> bytes:
    from moonmap.export import export

    return export(_load(directory), fmt, filters)


def export_bytes(fmt: str, filters: Filters) -> bytes:
    """An export of the selection *filters* describes (cached per format and filters)."""
    return _export(data_dir(), fmt, filters)


#: Set MOONMAP_TOUR to use another tour file.
TOUR_ENV = "MOONMAP_TOUR"


def tour_path() -> str:
    """The tour file: $MOONMAP_TOUR, else tour.json in the served data package."""
    if os.environ.get(TOUR_ENV):
        return os.environ[TOUR_ENV]
    from moonmap.catalog import DEFAULT_DATA_DIR

    return os.path.join(data_dir() or str(DEFAULT_DATA_DIR), "tour.json")


@st.cache_data(show_spinner=False, ttl=60)
def _tour(directory: str, path: str):
    from moonmap.tour import load_tour

    return load_tour(path, _load(directory))


def tour_report():
    """The checked tour (re-read at most once a minute, so edits show up without a restart)."""
    return _tour(data_dir(), tour_path())


@st.cache_resource(show_spinner=False)
def _chronology(directory: str):
    from moonmap import chronology

    pts = chronology.calibration_points(_load(directory))
    return pts, chronology.chart(pts)


def chronology_view():
    """The calibration points and the chronology chart ``(data, spec)``, once per data
    version (shared: do not modify)."""
    return _chronology(data_dir())


#: The page options a Moon deck depends on, in the order of the cache key.
MOON_OPTIONS = ("view", "site", "focus", "labels", "regions", "compact", "height", "lang")


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs={Selection: Selection.map_key})
def _moon_deck(directory: str, sel: Selection, filtered: bool, options: tuple):
    from moonmap.deck import selection_deck, station_records

    opts = dict(zip(MOON_OPTIONS, options, strict=True))
    site = opts["site"]
    deck = selection_deck(
        _load(directory),
        _summary(directory),
        sel,
        filtered=filtered,
        stations=station_records(_detail(directory, site, opts["lang"]).stations) if site else None,
        **opts,
    )
    deck.to_json()  # serialise once; the cached deck hands the same text to every rerun
    return deck


def moon_deck_for(filters: Filters, **options):
    """The Moon map for *filters* and the page's options (view, site, focus, labels, regions,
    compact, height), built and serialised once per distinct map: filter sets that keep the
    same sites and samples (``Selection.map_key``) share one deck (shared, immutable).
    """
    directory = data_dir()
    sel = _selection(directory, filters)
    return _moon_deck(
        directory, sel, not filters.is_default, tuple(options[k] for k in MOON_OPTIONS)
    )


@st.cache_resource(show_spinner=False, max_entries=128)
def _tour_deck(directory: str, where: tuple, scale: float, height: int, compact: bool, code: str):
    from moonmap.deck import moon_deck, site_records
    from moonmap.earth_deck import selection_deck
    from moonmap.holdings import basemap_names

    kind, view, focus, missions = where
    cat = _load(directory)
    if kind == "moon":
        records = site_records(_summary(directory), lang=code, names=mission_labels(code))
        deck = moon_deck(
            records,
            lang=code,
            view=view,
            regions=cat.regions,
            compact=compact,
            selected=focus,
            labels=True,
            scale=scale,
            height=height,
            focus=focus,
        )
    else:
        es = earth_selection(Filters(site_ids=frozenset(missions)), HoldingFilters(), True)
        deck = selection_deck(
            es,
            basemap_names(cat, es.holders["country"]),
            view=view,
            selected=focus,
            scale=scale,
            height=height,
            focus=focus,
            lang=code,
        )
    deck.to_json()  # serialised once: the cached deck hands the same text to every rerun
    return deck


def tour_deck(step, scale: float, height: int, compact: bool, code: str | None = None):
    """A tour step's map (its Moon site or Earth holder highlighted), built and serialised
    once per (step, size, language) and shared by every session (do not modify)."""
    focus = step.site if step.map == "moon" else step.holder
    where = (step.map, step.view, focus, tuple(sorted(step.missions or ())))
    return _tour_deck(data_dir(), where, scale, height, compact, code or _lang())
