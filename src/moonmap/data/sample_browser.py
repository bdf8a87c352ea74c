"""The sample browser: every sample of the catalog as one table, filtered and sorted (pure).

The sidebar filters (mission, rock type, ages ...) decide which samples are in play
(:class:`moonmap.filters.Selection`); a :class:`SampleQuery` then narrows them by station,
catalog type and subtype, mass, pristine share and whether the sample is dated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.data import links
from moonmap.i18n import N_, integer, translations
from moonmap.params import decimal, echo, echo_list

#: Sort orders offered: key -> (column, label, descending by default).
SORTS: dict[str, tuple[str, str, bool]] = {
    "mass": ("mass_g", N_("Mass, largest first"), True),
    "number": ("sample_id", N_("Sample number"), False),
    "pristine": ("pristine_pct", N_("Share still pristine, highest first"), True),
    "ages": ("n_ages", N_("Number of ages, most first"), True),
}

DATED = ("dated", "undated")


@dataclass(frozen=True)
class SampleQuery:
    """Narrowing of the samples in play; empty sets and ``None`` bounds mean "any"."""

    station_ids: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)
    subtypes: frozenset[str] = field(default_factory=frozenset)
    mass_min_g: float | None = None
    mass_max_g: float | None = None
    pristine_min_pct: float | None = None
    dated: str | None = None
    sort: str = "mass"

    def __post_init__(self) -> None:
        for name in ("mass_min_g", "mass_max_g", "pristine_min_pct"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number")
        if self.dated not in (None, *DATED):
            raise ValueError(f"dated must be one of {DATED} or None")
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {tuple(SORTS)}")

    def describe(self, lang: str = "en") -> list[str]:
        """The active narrowing in plain words (for captions and empty results), in *lang*."""
        tr = translations(lang)
        either = tr.gettext(" or ")
        out = []
        if self.station_ids:
            n = len(self.station_ids)
            out.append(tr.ngettext("{n} station", "{n} stations", n).format(n=n))
        if self.types:
            out.append(tr.gettext("type {types}").format(types=either.join(sorted(self.types))))
        if self.subtypes:
            subtypes = either.join(sorted(self.subtypes))
            out.append(tr.gettext("subtype {subtypes}").format(subtypes=subtypes))
        if self.mass_min_g is not None:
            out.append(tr.gettext("at least {mass} g").format(mass=f"{self.mass_min_g:g}"))
        if self.mass_max_g is not None:
            out.append(tr.gettext("at most {mass} g").format(mass=f"{self.mass_max_g:g}"))
        if self.pristine_min_pct is not None:
            pct = f"{self.pristine_min_pct:g}"
            out.append(tr.gettext("at least {pct} % still pristine").format(pct=pct))
        if self.dated:
            out.append(tr.gettext(DATED_WORDS.get(self.dated, self.dated)))
        return out


#: The ``dated`` narrowing in words.
DATED_WORDS = {"dated": N_("dated"), "undated": N_("undated")}


def sample_table(cat: Catalog) -> pd.DataFrame:
    """Every sample with its mission, station name, number of current ages and links.

    Columns: those of ``samples.csv`` plus ``mission``, ``station``, ``n_ages`` (current
    determinations), ``dated`` (bool), ``compendium_url``, ``jsc_url``, ``atlas_url`` and
    ``paper_url`` (see :mod:`moonmap.data.links`).
    """
    s = cat.samples.copy()
    s["mission"] = s["site_id"].map(cat.sites.set_index("site_id")["mission"])
    s["station"] = s["station_id"].map(cat.stations.set_index("station_id")["name"])
    current = cat.ages[cat.ages["status"].eq("current") & cat.ages["age_ma"].notna()]
    s["n_ages"] = s["sample_id"].map(current.groupby("sample_id").size()).fillna(0).astype(int)
    s["dated"] = s["n_ages"] > 0
    return pd.concat([s, links.sample_links(cat, s)], axis=1)


def apply(table: pd.DataFrame, query: SampleQuery, in_play: frozenset[str] | None) -> pd.DataFrame:
    """Rows of *table* (from :func:`sample_table`) in play that pass *query*, sorted.

    Parameters
    ----------
    table
        Output of :func:`sample_table`.
    query
        The narrowing.
    in_play
        Sample ids the sidebar filters let through (``None``: all).
    """
    keep = pd.Series(True, index=table.index)
    if in_play is not None and len(in_play) < len(table):
        keep &= table["sample_id"].isin(in_play)
    if query.station_ids:
        keep &= table["station_id"].isin(query.station_ids)
    if query.types:
        keep &= table["sample_type"].isin(query.types)
    if query.subtypes:
        keep &= table["sample_subtype"].isin(query.subtypes)
    if query.mass_min_g is not None:
        keep &= table["mass_g"].ge(query.mass_min_g).fillna(False)
    if query.mass_max_g is not None:
        keep &= table["mass_g"].le(query.mass_max_g).fillna(False)
    if query.pristine_min_pct is not None:
        keep &= table["pristine_pct"].ge(query.pristine_min_pct).fillna(False)
    if query.dated:
        keep &= table["dated"] == (query.dated == "dated")
    column, _, descending = SORTS[query.sort]
    out = table[keep.astype(bool)]
    return out.sort_values(
        [column, "sample_id"], ascending=[not descending, True], na_position="last", kind="stable"
    )


def count_line(matched: pd.DataFrame, total: int, lang: str = "en") -> str:
    """``"212 of 2,274 samples match; 38 of them dated."`` (in *lang*)."""
    n, dated = len(matched), int(matched["dated"].sum())
    return (
        translations(lang)
        .ngettext(
            "{n} of {total} samples matches; {dated} of them dated.",
            "{n} of {total} samples match; {dated} of them dated.",
            n,
        )
        .format(n=integer(n, lang), total=integer(total, lang), dated=integer(dated, lang))
    )


def check_url_values(
    key: str,
    values: list[str],
    allowed: tuple[str, ...] | None = None,
    bounds: tuple[float, float | None] | None = None,
    lang: str = "en",
) -> str | None:
    """A message about the values a link gives one of the browser's URL-bound controls that
    are not the documented form, or None. Streamlit drops what it cannot use without a word,
    and reads any number ``float()`` takes (``1_0``, ``١٢٣``, ``1e3``); the message says
    which values were ignored, or which number an odd spelling was read as.

    *allowed*: the control's option labels (a repeated key gives several); *bounds*: a
    number's (minimum, maximum or None); the documented number form is a plain decimal.
    """
    t = translations(lang).gettext
    values = [v for v in values if v.strip()]
    if not values:
        return None
    if bounds is not None:
        raw = values[-1]  # Streamlit reads the last of a repeated key
        lo, hi = bounds
        limits = (
            t("from {lo} to {hi}").format(lo=f"{lo:g}", hi=f"{hi:g}")
            if hi is not None
            else t("from {lo}").format(lo=f"{lo:g}")
        )
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < lo or (hi is not None and value > hi):
            return t("Ignored {key}={value}: write a plain number {limits}.").format(
                key=key, value=echo(raw), limits=limits
            )
        if decimal(raw) is None:
            read = t("Read {key}={value} as {number}; write plain digits, e.g. {key}={number}.")
            return read.format(key=key, value=echo(raw), number=f"{value:g}")
        return None
    bad = [v for v in values if v not in (allowed or ())]
    if not bad:
        return None
    return t("Ignored unknown {key} {values}; choose from the list.").format(
        key=key, values=echo_list(bad)
    )
