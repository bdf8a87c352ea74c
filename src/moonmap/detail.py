"""Everything the site detail panel shows, as plain tables with a source on every number."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.data import age_model as AM
from moonmap.filters import Selection
from moonmap.i18n import N_, gettext_for, number
from moonmap.queries import (
    ages_of_site,
    format_mass,
    format_utc,
    holders_of_site,
    samples_of_site,
)


@dataclass(frozen=True)
class SiteDetail:
    """The detail of one landing site.

    Attributes
    ----------
    site : pandas.Series
        The site's row.
    facts : pandas.DataFrame
        ``fact``, ``value``, ``source`` (citation text), ``link`` (DOI or URL).
    regions : pandas.DataFrame
        Rows of :func:`moonmap.regions.site_regions` for this site.
    samples, ages, holders, alternatives : pandas.DataFrame
        Display-ready tables, each with ``source`` and ``link`` columns.
    rock_ages : pandas.DataFrame
        The site's representative ages (lead unit first): ``unit``, ``lead``, ``dates``
        (the event in words), ``age`` (formatted), ``estimate``, ``source``, ``link``,
        ``note``.
    stations : pandas.DataFrame
        The site's sampling stations in traverse order with the samples the literature
        places there (``order``, ``name``, ``samples``, ``n_samples``, ``source``, ``link``).
    """

    site: pd.Series
    facts: pd.DataFrame
    regions: pd.DataFrame
    samples: pd.DataFrame
    ages: pd.DataFrame
    holders: pd.DataFrame
    alternatives: pd.DataFrame
    stations: pd.DataFrame
    rock_ages: pd.DataFrame


def _link(doi, url) -> str | None:
    if isinstance(doi, str) and doi:
        return f"https://doi.org/{doi}"
    if isinstance(url, str) and url:
        return url
    return None


def _as_source_link(df: pd.DataFrame) -> pd.DataFrame:
    """Turn joined ``citation``/``doi``/``url`` columns into ``source`` and ``link``."""
    out = df.rename(columns={"citation": "source"})
    out["link"] = [_link(d, u) for d, u in zip(out["doi"], out["url"], strict=True)]
    return out.drop(columns=["doi", "url"])


def with_source(df: pd.DataFrame, cat: Catalog) -> pd.DataFrame:
    """*df* (with a ``source_id`` column) plus its ``source`` citation and ``link`` URL."""
    src = cat.sources[["source_id", "citation", "doi", "url"]]
    return _as_source_link(df.merge(src, on="source_id", how="left"))


def _err_text(err, sigma) -> str:
    if err is None or pd.isna(err):
        return ""
    s = f"± {err:g}"
    if sigma is not None and not pd.isna(sigma):
        s += f" ({int(sigma)}σ)"
    else:
        s += " (σ not stated)"
    return s


#: A site's side in words (``sites.side`` holds ``near`` or ``far``).
SIDE_WORDS = {"near": N_("near side"), "far": N_("far side")}
#: Latitude and longitude with their hemispheres, per quadrant.
_QUADRANTS = {
    (True, True): N_("{lat}° N, {lon}° E"),
    (True, False): N_("{lat}° N, {lon}° W"),
    (False, True): N_("{lat}° S, {lon}° E"),
    (False, False): N_("{lat}° S, {lon}° W"),
}


def coordinates(lat_deg: float, lon_deg: float, lang: str = "en", digits: int = 4) -> str:
    """``20.1911° N, 30.7723° E`` in *lang* (``… O`` in French, ``北纬 …°，东经 …°``)."""
    template = _QUADRANTS[(lat_deg >= 0, lon_deg >= 0)]
    return gettext_for(lang)(template).format(
        lat=number(abs(lat_deg), lang, digits), lon=number(abs(lon_deg), lang, digits)
    )


def site_detail(
    cat: Catalog,
    site_id: str,
    site_regions: pd.DataFrame,
    selection: Selection | None = None,
    lang: str = "en",
) -> SiteDetail:
    """Build the detail tables of *site_id*.

    Parameters
    ----------
    cat
        The catalog.
    site_id
        A ``site_id`` of ``cat.sites`` (``KeyError`` otherwise).
    site_regions
        Output of :func:`moonmap.regions.site_regions` for the catalog.
    selection
        Current filter result; adds a ``matches`` column to samples and ages (see
        :func:`with_matches`, which does only that part, cheaply, for a cached detail).
    lang
        Language of the fact values the app writes (dates, masses, coordinates); catalog
        text stays as published.
    """
    sites = pd.DataFrame(cat.sites.drop(columns="geometry")).set_index("site_id")
    site = sites.loc[site_id]
    t = gettext_for(lang)
    facts = pd.DataFrame(
        [
            (N_("Mission"), site["mission"], None),
            (N_("Agency"), f"{site['agency']} ({site['agency_country']})", None),
            (N_("Landed"), format_utc(site["landing_utc"], lang), site["landing_source_id"]),
            (
                N_("Position"),
                coordinates(site["lat_deg"], site["lon_deg"], lang)
                + f" — {site['position_method']}",
                site["position_source_id"],
            ),
            (
                N_("Returned to Earth"),
                format_mass(site["returned_mass_g"], lang),
                site["mass_source_id"],
            ),
            (N_("Landing area"), site["site_name"], site["site_name_source_id"]),
            (N_("Side of the Moon"), t(SIDE_WORDS.get(site["side"], site["side"])), None),
        ],
        columns=["fact", "value", "source_id"],
    )
    facts = with_source(facts, cat)

    reg = site_regions[site_regions["site_id"] == site_id]
    reg = reg.merge(
        cat.regions[["region_id", "source_id", "approximation"]], on="region_id", how="left"
    )
    reg = with_source(reg, cat)

    samples = with_source(samples_of_site(cat, site_id), cat)

    ages = _as_source_link(ages_of_site(cat, site_id))
    ages["uncertainty"] = [
        _err_text(e, s) for e, s in zip(ages["age_err_ma"], ages["err_sigma"], strict=True)
    ]
    ages = ages_by_event(ages)

    holders = holders_of_site(cat, site_id)
    holders["mass"] = holders["mass_g"].map(lambda m: format_mass(m, lang))
    holders = with_source(holders, cat)

    alts = cat.site_alt_values[cat.site_alt_values["site_id"] == site_id]
    alts = with_source(alts, cat).reset_index(drop=True)
    detail = SiteDetail(
        site=site,
        facts=facts,
        regions=reg,
        samples=samples,
        ages=ages,
        holders=holders,
        alternatives=alts,
        stations=stations_of_site(cat, site_id),
        rock_ages=rock_ages_of_site(cat, site_id),
    )
    return detail if selection is None else with_matches(detail, selection)


def ages_by_event(ages: pd.DataFrame) -> pd.DataFrame:
    """*ages* grouped by what they date (event order of :data:`AM.EVENTS`, then "not
    stated"), current before superseded, then by sample and age; adds ``dates`` (the event in
    words) and ``status_label`` ("current" or "superseded by <age_id>")."""
    event = AM.event_of(ages)
    order = {e: i for i, e in enumerate((*AM.EVENTS, AM.NOT_STATED))}
    out = ages.assign(
        dates=event.map(AM.EVENT_LABELS),
        status_label=AM.status_labels(ages),
        _e=event.map(order),
        _s=(ages["status"] != "current").astype(int),
    )
    out = out.sort_values(["_e", "_s", "sample_id", "age_ma"], kind="stable")
    return out.drop(columns=["_e", "_s"]).reset_index(drop=True)


def rock_ages_of_site(cat: Catalog, site_id: str) -> pd.DataFrame:
    """The site's representative ages with their sources, lead unit first."""
    rows = AM.representative(cat.site_ages, site_id)
    rows = rows.assign(
        dates=rows["event"].map(AM.EVENT_LABELS),
        age=[AM.format_ga(a, e) for a, e in zip(rows["age_ma"], rows["age_err_ma"], strict=True)],
        sigma=[f"{int(x)}σ" if pd.notna(x) else "σ not stated" for x in rows["err_sigma"]],
    )
    return with_source(rows, cat).reset_index(drop=True)


def _natural(name: str) -> tuple:
    """Sort key for station names: "Station 2" < "Station 2A" < "Station 10"."""
    return tuple(int(t) if t.isdigit() else t for t in re.findall(r"\d+|\D+", name))


#: How many sample numbers a station row names before "and N more".
STATION_SAMPLES_SHOWN = 5


def _largest_first(samples: pd.DataFrame) -> str:
    ranked = samples.sort_values(["mass_g", "sample_id"], ascending=[False, True])
    ids = list(ranked["sample_id"].head(STATION_SAMPLES_SHOWN))
    more = len(ranked) - len(ids)
    return ", ".join(ids) + (f" and {more:,} more" if more else "")


def stations_of_site(cat: Catalog, site_id: str) -> pd.DataFrame:
    """The site's stations, in traverse order where a source gives it (then by name).

    ``samples`` names the largest samples placed at the station (by mass, at most
    :data:`STATION_SAMPLES_SHOWN`, then "and N more"); ``n_samples`` counts them all.
    """
    st = pd.DataFrame(cat.stations.drop(columns="geometry"))
    st = st[st["site_id"] == site_id]
    keys = [
        (pd.isna(o), 0 if pd.isna(o) else int(o), _natural(str(n)))
        for o, n in zip(st["traverse_order"], st["name"], strict=True)
    ]
    order = sorted(range(len(st)), key=keys.__getitem__)
    st = st.iloc[order]
    samples = cat.samples[cat.samples["site_id"].eq(site_id) & cat.samples["station_id"].notna()]
    largest = {sid: _largest_first(g) for sid, g in samples.groupby("station_id")}
    counts = samples["station_id"].value_counts()
    out = st.assign(
        samples=[largest.get(sid, "") for sid in st["station_id"]],
        n_samples=[int(counts.get(sid, 0)) for sid in st["station_id"]],
    ).rename(columns={"traverse_order": "order"})
    out = with_source(out, cat)
    return out[
        [
            "station_id",
            "order",
            "name",
            "samples",
            "n_samples",
            "lat_deg",
            "lon_deg",
            "source",
            "link",
        ]
    ].reset_index(drop=True)


def with_matches(detail: SiteDetail, selection: Selection) -> SiteDetail:
    """A copy of *detail* whose samples and ages say whether they pass the filters."""
    samples = detail.samples.assign(matches=detail.samples["sample_id"].isin(selection.sample_ids))
    ages = detail.ages.assign(matches=detail.ages["age_id"].isin(selection.age_ids))
    return replace(detail, samples=samples, ages=ages)
