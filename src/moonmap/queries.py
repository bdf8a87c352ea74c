"""Pure summaries and joins over the catalog (no Streamlit)."""

from __future__ import annotations

import math

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.data import age_model as AM
from moonmap.i18n import LOCALES, N_, gettext_for


def site_summary(cat: Catalog) -> pd.DataFrame:
    """One row per site with sample, age and holding counts and the age range.

    Parameters
    ----------
    cat
        A loaded catalog.

    Returns
    -------
    pandas.DataFrame
        Columns of ``cat.sites`` (without geometry) plus ``n_samples``, ``n_dated``,
        ``n_ages``, ``age_min_ma``, ``age_max_ma`` (extremes of every determination, for
        reference only), ``rock_age_ma`` (the first representative age of the site's lead
        unit: what the map colours), ``rock_age`` (that unit and its estimates in words),
        ``n_holders`` and ``n_splits``, in the order of ``cat.sites``.
    """
    sites = pd.DataFrame(cat.sites.drop(columns="geometry"))
    samples = cat.samples
    ages = cat.ages.merge(samples[["sample_id", "site_id"]], on="sample_id", how="left")
    n_samples = samples.groupby("site_id").size().rename("n_samples")
    n_dated = ages.groupby("site_id")["sample_id"].nunique().rename("n_dated")
    n_ages = ages.groupby("site_id").size().rename("n_ages")
    amin = ages.groupby("site_id")["age_ma"].min().rename("age_min_ma")
    amax = ages.groupby("site_id")["age_ma"].max().rename("age_max_ma")
    n_holders = cat.splits.groupby("site_id")["custodian_id"].nunique().rename("n_holders")
    n_splits = cat.splits.groupby("site_id").size().rename("n_splits")
    out = sites.set_index("site_id")
    for s in (n_samples, n_dated, n_ages, amin, amax, n_holders, n_splits):
        out = out.join(s)
    for c in ("n_samples", "n_dated", "n_ages", "n_holders", "n_splits"):
        out[c] = out[c].fillna(0).astype(int)
    lead = AM.lead_age_ma(cat.site_ages)
    out["rock_age_ma"] = [lead.get(s, float("nan")) for s in out.index]
    out["rock_age"] = out.index.map(AM.lead_labels(cat.site_ages, out.index))
    return out.reset_index()


def format_age_range(min_ma: float | None, max_ma: float | None) -> str:
    """Human-readable age range in Ga, e.g. ``"3.16–3.37 Ga"``; ``"not dated"`` if unknown."""
    if min_ma is None or max_ma is None or pd.isna(min_ma) or pd.isna(max_ma):
        return "not dated"
    lo, hi = min_ma / 1000.0, max_ma / 1000.0
    if round(lo, 2) == round(hi, 2):
        return f"{lo:.2f} Ga"
    return f"{lo:.2f}–{hi:.2f} Ga"


def plural(n: int, word: str) -> str:
    """``"1 mission"``, ``"3 missions"``."""
    return f"{n} {word}" if n == 1 else f"{n:,} {word}s"


#: A date and a UTC time of day (``20 July 1969, 20:17:40 UTC``).
_DAY_TIME = N_("{day}, {time} UTC")


def format_utc(stamp: str | None, lang: str = "en") -> str:
    """``"1969-07-20T20:17:40Z"`` -> ``"20 July 1969, 20:17:40 UTC"`` (``20 juillet 1969,
    20:17:40 UTC``, ``1969年7月20日 20:17:40 UTC``); a date alone stays a date; anything
    unreadable is returned unchanged."""
    import datetime as dt

    if stamp is None or (isinstance(stamp, float) and math.isnan(stamp)):
        return gettext_for(lang)("not published")
    text = str(stamp).strip()
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if lang == "en":
        day = f"{when.day} {when:%B %Y}"
    else:
        from babel.dates import format_date

        day = format_date(when.date(), format="long", locale=LOCALES.get(lang, "en"))
    if "T" not in text:
        return day
    clock = f"{when:%H:%M:%S}" if when.second else f"{when:%H:%M}"
    return gettext_for(lang)(_DAY_TIME).format(day=day, time=clock)


def format_mass(mass_g: float | None, lang: str = "en") -> str:
    """Human-readable mass: grams below 1 kg, kilograms above; ``"not published"`` if unknown
    (numbers and words in *lang*)."""
    if mass_g is None or pd.isna(mass_g):
        return gettext_for(lang)("not published")
    if lang == "en":  # the common case, kept free of Babel
        if mass_g >= 1000:  # 385 kg, 110.5 kg, 1.7 kg (no "385.0 kg")
            return f"{mass_g / 1000:,.1f}".removesuffix(".0") + " kg"
        if mass_g >= 10:
            return f"{mass_g:,.0f} g"
        return f"{mass_g:g} g"
    from babel.numbers import format_decimal

    loc = LOCALES.get(lang, "en")
    if mass_g >= 1000:
        return format_decimal(round(mass_g / 1000, 1), format="#,##0.#", locale=loc) + " kg"
    if mass_g >= 10:
        return format_decimal(round(mass_g), format="#,##0", locale=loc) + " g"
    return format_decimal(mass_g, format="#,##0.######", locale=loc) + " g"


def samples_of_site(cat: Catalog, site_id: str) -> pd.DataFrame:
    """Samples from one site with their number of age determinations, largest first."""
    s = cat.samples[cat.samples["site_id"] == site_id]
    counts = cat.ages.groupby("sample_id").size().rename("n_ages")
    s = s.join(counts, on="sample_id")
    s["n_ages"] = s["n_ages"].fillna(0).astype(int)
    return s.sort_values(["mass_g", "sample_id"], ascending=[False, True], na_position="last")


def ages_of_site(cat: Catalog, site_id: str) -> pd.DataFrame:
    """Every age determination of the samples from one site, with the citation text."""
    ids = cat.samples.loc[cat.samples["site_id"] == site_id, "sample_id"]
    a = cat.ages[cat.ages["sample_id"].isin(ids)]
    return a.merge(cat.sources[["source_id", "citation", "doi", "url"]], on="source_id", how="left")


def holders_of_site(cat: Catalog, site_id: str) -> pd.DataFrame:
    """Holdings of material from one site joined to their custodians."""
    sp = cat.splits[cat.splits["site_id"] == site_id]
    cust = pd.DataFrame(cat.custodians.drop(columns="geometry"))
    return sp.merge(
        cust[["custodian_id", "name", "city", "country", "type"]],
        on="custodian_id",
        how="left",
    )


def site_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Display table of sites: mission, where, side, landing date and readable mass/age labels.

    Parameters
    ----------
    summary
        Output of :func:`site_summary`.
    """
    out = summary.assign(
        landed=summary["landing_utc"].str.slice(0, 4),
        returned=summary["returned_mass_g"].map(format_mass),
        rock_age_ga=summary["rock_age_ma"] / 1000.0,
    )
    return out[
        [
            "mission",
            "site_name",
            "side",
            "landed",
            "returned",
            "rock_age_ga",
            "rock_age",
            "n_samples",
            "n_holders",
        ]
    ]


def table_for_display(cat: Catalog, name: str, selection=None) -> pd.DataFrame:
    """A catalog table as plain columns (no geometry), optionally cut to a filter selection.

    Parameters
    ----------
    cat
        The catalog.
    name
        A resource name of the data package (``sites``, ``samples``, ``ages`` ...).
    selection
        A :class:`moonmap.filters.Selection`; ``sites``, ``samples``, ``ages`` and ``splits``
        keep only their matching rows, other tables are returned whole.
    """
    df = cat.tables[name]
    df = pd.DataFrame(df.drop(columns=[c for c in ("geometry", "paths") if c in df]))
    if selection is None:
        return df
    if name == "sites":
        return df[df["site_id"].isin(selection.site_ids)]
    if name == "samples":
        return df[df["sample_id"].isin(selection.sample_ids)]
    if name == "ages":
        return df[df["age_id"].isin(selection.age_ids)]
    if name == "splits":
        return df[df["site_id"].isin(selection.site_ids)]
    return df
