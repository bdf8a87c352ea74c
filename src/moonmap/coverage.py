"""What the catalog covers and what it does not: counts, unpublished values, sources by kind.

Pure pandas. Every "not published" count is computed from empty cells, so a gap is never
mistaken for a zero, and the page can say exactly where the holes are.
"""

from __future__ import annotations

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.i18n import gettext_for, integer
from moonmap.queries import site_summary


def per_mission(cat: Catalog) -> pd.DataFrame:
    """One row per mission: samples, dated samples, ages, stations, holdings and holders."""
    summary = site_summary(cat)
    samples = cat.samples
    stations = pd.DataFrame(cat.stations.drop(columns="geometry"))
    sid = summary["site_id"]
    out = pd.DataFrame(
        {
            "site_id": sid,
            "mission": summary["mission"],
            "samples": summary["n_samples"],
            "dated_samples": summary["n_dated"],
            "ages": summary["n_ages"],
            "rock_types": sid.map(samples.groupby("site_id")["rock_type"].nunique()),
            "stations": sid.map(stations.groupby("site_id").size()),
            "samples_at_stations": sid.map(
                samples[samples["station_id"].notna()].groupby("site_id").size()
            ),
            "holdings": summary["n_splits"],
            "holders": summary["n_holders"],
        }
    )
    counts = [c for c in out.columns if c not in ("site_id", "mission")]
    out[counts] = out[counts].fillna(0).astype(int)
    unplaced = out["samples"] - out["samples_at_stations"]
    out.insert(
        out.columns.get_loc("samples_at_stations") + 1,
        "station_not_published",
        [
            f"{u:,} ({u / n:.0%})" if n else "—"
            for u, n in zip(unplaced, out["samples"], strict=True)
        ],
    )
    return out


def per_station(cat: Catalog) -> pd.DataFrame:
    """Samples per sampling station (stations with none included), by mission; a last row per
    mission counts the samples whose station is not published."""
    stations = pd.DataFrame(cat.stations.drop(columns="geometry"))
    missions = cat.sites.set_index("site_id")["mission"]
    counts = cat.samples["station_id"].value_counts()
    rows = [
        (missions[r.site_id], r.name, int(counts.get(r.station_id, 0)))
        for r in stations.itertuples()
    ]
    unplaced = cat.samples[cat.samples["station_id"].isna()].groupby("site_id").size()
    rows += [(missions[s], "station not published", int(n)) for s, n in unplaced.items()]
    order = {m: i for i, m in enumerate(missions)}
    out = pd.DataFrame(rows, columns=["mission", "station", "samples"])
    out["_m"] = out["mission"].map(order)
    out["_last"] = out["station"] == "station not published"
    return (
        out.sort_values(["_m", "_last"], kind="stable")
        .drop(columns=["_m", "_last"])
        .reset_index(drop=True)
    )


def lithologies(cat: Catalog) -> pd.DataFrame:
    """Samples and ages per rock type (every type of the schema, zero where none)."""
    rock_types = _enum(cat, "samples", "rock_type") or sorted(cat.samples["rock_type"].unique())
    ages = cat.ages.merge(cat.samples[["sample_id", "rock_type"]], on="sample_id", how="left")
    n_s = cat.samples.groupby("rock_type").size()
    n_a = ages.groupby("rock_type").size()
    return pd.DataFrame(
        {
            "rock_type": rock_types,
            "samples": [int(n_s.get(r, 0)) for r in rock_types],
            "ages": [int(n_a.get(r, 0)) for r in rock_types],
        }
    )


def _enum(cat: Catalog, resource: str, field: str) -> list[str]:
    for res in cat.descriptor.get("resources", []):
        if res.get("name") == resource:
            for f in res["schema"]["fields"]:
                if f["name"] == field:
                    return list(f.get("constraints", {}).get("enum", []))
    return []


def unknowns(cat: Catalog) -> pd.DataFrame:
    """Counts of values that are not published (empty cells), with the table and what it
    means. ``of`` is the number of rows the count is out of."""
    sp, cu, sa, ag = cat.splits, cat.custodians, cat.samples, cat.ages
    rows = [
        ("splits", "mass of a holding", sp["mass_g"].isna().sum(), len(sp)),
        (
            "splits",
            "mass of a loan",
            sp.loc[sp["kind"] == "loan", "mass_g"].isna().sum(),
            int((sp["kind"] == "loan").sum()),
        ),
        ("splits", "date a holding was received", sp["received"].isna().sum(), len(sp)),
        ("custodians", "holder's city", cu["city"].isna().sum(), len(cu)),
        ("custodians", "holder's map position", cu["lat_deg"].isna().sum(), len(cu)),
        (
            "custodians",
            "holder placed at its city centre only",
            (cu["position_precision"] == "city").sum(),
            len(cu),
        ),
        ("samples", "sample mass", sa["mass_g"].isna().sum(), len(sa)),
        ("samples", "sample's sampling station", sa["station_id"].isna().sum(), len(sa)),
        (
            "samples",
            "samples with no radiometric age",
            (~sa["sample_id"].isin(ag["sample_id"])).sum(),
            len(sa),
        ),
        ("ages", "uncertainty (±) of an age", ag["age_err_ma"].isna().sum(), len(ag)),
        (
            "ages",
            "what an age dates (event): not stated by the source",
            ag["event"].isna().sum(),
            len(ag),
        ),
        ("ages", "what was dated (material)", ag["material"].isna().sum(), len(ag)),
        (
            "ages",
            "sigma level (1σ/2σ) of a stated ±",
            (ag["age_err_ma"].notna() & ag["err_sigma"].isna()).sum(),
            int(ag["age_err_ma"].notna().sum()),
        ),
        (
            "calibration_points",
            "crater density N(1) of a dated site",
            cat.calibration_points["n1_per_km2"].isna().sum(),
            len(cat.calibration_points),
        ),
    ]
    out = pd.DataFrame(rows, columns=["table", "value", "not_published", "of"])
    out[["not_published", "of"]] = out[["not_published", "of"]].astype(int)
    out["share"] = [
        f"{n / d:.0%}" if d else "—" for n, d in zip(out["not_published"], out["of"], strict=True)
    ]
    return out


def sources_by_kind(cat: Catalog) -> pd.DataFrame:
    """Number of sources per kind, and how many of them have a DOI."""
    src = cat.sources
    g = src.groupby("kind")
    return (
        pd.DataFrame({"sources": g.size(), "with_doi": g["doi"].count()})
        .reset_index()
        .sort_values("sources", ascending=False, kind="stable")
        .reset_index(drop=True)
    )


def citation(cat: Catalog, year: int, lang: str = "en") -> tuple[str, str]:
    """A plain-text citation of the data package in *lang* and a BibTeX one (English, as
    reference managers expect); version and title from the descriptor, in its language."""
    d = cat.descriptor
    version = d.get("version", "unversioned")
    title = d.get("title", "moonmap")
    counts = (
        f"{len(cat.sites)} sites, {len(cat.samples)} samples, {len(cat.ages)} ages, "
        f"{len(cat.custodians)} holders, {len(cat.sources)} sources"
    )
    t = gettext_for(lang)
    shown = t("{sites} sites, {samples} samples, {ages} ages, {holders} holders, {sources} sources")
    text = t(
        "moonmap contributors ({year}). {title}. Data package version {version} ({counts}). "
        "CC BY 4.0. Cite the original sources listed in sources.csv for individual values."
    ).format(
        year=year,
        title=title,
        version=version,
        counts=shown.format(
            sites=integer(len(cat.sites), lang),
            samples=integer(len(cat.samples), lang),
            ages=integer(len(cat.ages), lang),
            holders=integer(len(cat.custodians), lang),
            sources=integer(len(cat.sources), lang),
        ),
    )
    bib = (
        f"@misc{{moonmap_{version.replace('.', '_')},\n"
        f"  author = {{{{moonmap contributors}}}},\n"
        f"  title = {{{{{title}}}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  note = {{Data package: {counts}; licence CC BY 4.0}}\n"
        "}\n"
    )
    return text, bib
