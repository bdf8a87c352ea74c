"""Catalog filters (age, method, rock type, mission, agency, side) and their URL encoding.

Pure pandas, no Streamlit: the sidebar in :mod:`moonmap.ui.filters` only turns widget values
into a :class:`Filters` and back.

Rule: an age determination *passes* when its value lies in the age range (its uncertainty is
not considered) and, with the default scope ``formed``, it is a current crystallization age
(:mod:`moonmap.data.age_model`: the range then means "the rock formed in this range"; scope
``any`` counts every determination), its method is selected, and its event and status are
among those chosen (if any); a sample passes when its rock type and site pass
and, if an age or method filter is set, at least one of its ages passes; a site is shown when
at least one of its samples passes (with no sample-level filter set, every site that passes the
site filters is shown, dated or not).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from moonmap.catalog import Catalog
from moonmap.data import age_model as AM
from moonmap.i18n import N_, gettext_for, number
from moonmap.memo import by_identity
from moonmap.params import decimal, echo, echo_list

SIDES = ("near", "far")
SIDE_NAMES = {"near": N_("near side"), "far": N_("far side")}


@dataclass(frozen=True)
class FilterOptions:
    """What the filters can choose from, derived from the catalog."""

    age_min_ma: float
    age_max_ma: float
    methods: tuple[str, ...]
    rock_types: tuple[str, ...]
    site_ids: tuple[str, ...]
    missions: dict[str, str]  # site_id -> mission name
    agencies: tuple[str, ...]
    events: tuple[str, ...] = (*AM.EVENTS, AM.NOT_STATED)
    statuses: tuple[str, ...] = AM.STATUSES

    @classmethod
    def from_catalog(cls, cat: Catalog) -> FilterOptions:
        """Options in catalog order (sites) or alphabetical order (the rest).

        The age bounds are the catalog's youngest and oldest ages rounded outwards to 0.1 Ga.
        """
        ages = cat.ages["age_ma"].dropna()
        lo = math.floor(ages.min() / 100.0) * 100.0 if len(ages) else 0.0
        hi = math.ceil(ages.max() / 100.0) * 100.0 if len(ages) else 4600.0
        return cls(
            age_min_ma=lo,
            age_max_ma=max(hi, lo + 100.0),
            methods=tuple(sorted(cat.ages["method"].dropna().unique())),
            rock_types=tuple(sorted(cat.samples["rock_type"].dropna().unique())),
            site_ids=tuple(cat.sites["site_id"]),
            missions=dict(zip(cat.sites["site_id"], cat.sites["mission"], strict=True)),
            agencies=tuple(sorted(cat.sites["agency"].dropna().unique())),
        )


@dataclass(frozen=True)
class Filters:
    """A filter selection; an empty set or ``None`` means "no constraint"."""

    age_ma: tuple[float, float] | None = None
    methods: frozenset[str] = field(default_factory=frozenset)
    rock_types: frozenset[str] = field(default_factory=frozenset)
    site_ids: frozenset[str] = field(default_factory=frozenset)
    agencies: frozenset[str] = field(default_factory=frozenset)
    side: str | None = None
    #: What an age range means: ``formed`` (current crystallization ages) or ``any`` event.
    age_scope: str = AM.FORMED
    events: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)

    @property
    def dates_filtered(self) -> bool:
        """Whether an age range, dating method, event or status is set (undated samples then
        drop out)."""
        return self.age_ma is not None or bool(self.methods) or bool(self.events or self.statuses)

    @property
    def is_default(self) -> bool:
        return self == Filters()

    def key(self) -> str:
        """A canonical text of this filter set (equal filters, equal keys): a cheap cache key
        (Streamlit's own hashing of the dataclass costs more than applying it)."""
        return repr(
            (
                self.age_ma,
                self.age_scope,
                self.side,
                *(
                    tuple(sorted(v))
                    for v in (
                        self.methods,
                        self.rock_types,
                        self.site_ids,
                        self.agencies,
                        self.events,
                        self.statuses,
                    )
                ),
            )
        )

    def describe(self, options: FilterOptions | None = None, lang: str = "en") -> list[str]:
        """Plain-language list of the active filters, for captions and empty-result hints,
        in *lang* (numbers in its convention)."""
        t = gettext_for(lang)
        either = t(" or ")
        out = []
        if self.age_ma is not None:
            out.append(
                t("ages {lo}–{hi} Ga, counting {scope}").format(
                    lo=number(self.age_ma[0] / 1000, lang),
                    hi=number(self.age_ma[1] / 1000, lang),
                    scope=t(AM.SCOPE_LABELS[self.age_scope]),
                )
            )
        if self.events:
            events = either.join(t(AM.EVENT_LABELS.get(e, e)) for e in sorted(self.events))
            out.append(t("dating {events}").format(events=events))
        if self.statuses:
            statuses = either.join(t(AM.STATUS_LABELS.get(s, s)) for s in sorted(self.statuses))
            out.append(t("{statuses} values").format(statuses=statuses))
        if self.methods:
            out.append(t("method {methods}").format(methods=either.join(sorted(self.methods))))
        if self.rock_types:
            rocks = either.join(sorted(self.rock_types))
            out.append(t("rock type {rock_types}").format(rock_types=rocks))
        if self.site_ids:
            names = options.missions if options else {}
            missions = either.join(names.get(s, s) for s in sorted(self.site_ids))
            out.append(t("mission {missions}").format(missions=missions))
        if self.agencies:
            out.append(t("agency {agencies}").format(agencies=either.join(sorted(self.agencies))))
        if self.side:
            out.append(t(SIDE_NAMES.get(self.side, self.side)))
        return out


@dataclass(frozen=True)
class Selection:
    """What passes a :class:`Filters`: ids of sites, samples and age determinations."""

    site_ids: tuple[str, ...]
    sample_ids: frozenset[str]
    age_ids: frozenset[str]
    site_age_ma: dict[str, float]  # median passing age per site
    #: Per shown site, the kinds of age that passed, e.g. "2 × K-Ar, disturbed" (empty when
    #: no age filter is set).
    site_reasons: dict[str, str] = field(default_factory=dict)
    #: Per shown site, how many of its samples pass.
    site_n_samples: dict[str, int] = field(default_factory=dict)

    @property
    def n_sites(self) -> int:
        return len(self.site_ids)

    def map_key(self) -> tuple:
        """What the Moon map shows of this selection (sites, and per site the kinds and
        count of passing samples in its tooltip): two filter sets with the same key draw the
        same map, so it is built once for both (an age-slider step that keeps the same
        sites and samples does not rebuild it)."""
        return (
            self.site_ids,
            tuple(sorted(self.site_reasons.items())),
            tuple(sorted(self.site_n_samples.items())),
        )

    @property
    def n_samples(self) -> int:
        return len(self.sample_ids)

    @property
    def n_ages(self) -> int:
        return len(self.age_ids)


class FilterIndex:
    """The catalog's columns the filters test, as NumPy arrays and codes (built once per
    catalog): applying a filter set is then a handful of vectorised lookups, ~1 ms, instead of
    a pandas merge and groupby per slider step (issue 15)."""

    def __init__(self, cat: Catalog) -> None:
        sites, samples = cat.sites, cat.samples
        self.site_ids = list(sites["site_id"])
        self.site_agency = list(sites["agency"])
        self.site_side = list(sites["side"])
        site_code = {s: i for i, s in enumerate(self.site_ids)}
        self.sample_ids = samples["sample_id"].to_numpy(dtype=object)
        self.sample_site = np.array([site_code.get(s, -1) for s in samples["site_id"]])
        self.sample_rock, self.rocks = pd.factorize(samples["rock_type"])
        # Ages whose sample is in the catalog (others can never pass), in table order.
        row_of = {s: i for i, s in enumerate(self.sample_ids)}
        ages = cat.ages
        rows = np.array([row_of.get(s, -1) for s in ages["sample_id"]], dtype=int)
        known = rows >= 0
        ages = ages.loc[known]
        self.age_row = rows[known]
        self.age_site = self.sample_site[self.age_row]
        self.age_rock = self.sample_rock[self.age_row]
        self.age_ids = ages["age_id"].to_numpy(dtype=object)
        self.age_ma = ages["age_ma"].to_numpy(dtype=float, na_value=np.nan)
        self.age_formed = AM.dates_formation(ages).to_numpy(dtype=bool)
        self.age_method, self.methods = pd.factorize(ages["method"])
        self.age_event, self.events = pd.factorize(AM.event_of(ages))
        self.age_status, self.statuses = pd.factorize(ages["status"])
        self.age_reason = np.array(
            [
                AM.reason(m, e, st)
                for m, e, st in zip(ages["method"], ages["event"], ages["status"], strict=True)
            ],
            dtype=object,
        )

    @staticmethod
    def _among(codes: np.ndarray, uniques, chosen: frozenset[str]) -> np.ndarray:
        """Rows whose value (factorized: *codes* into *uniques*) is in *chosen*; missing
        values (code -1) never are."""
        hit = np.array([u in chosen for u in uniques] + [False], dtype=bool)
        return hit[codes]  # code -1 picks the trailing False

    def apply(self, f: Filters) -> Selection:
        site_ok = np.array(
            [
                (not f.site_ids or s in f.site_ids)
                and (not f.agencies or a in f.agencies)
                and (not f.side or side == f.side)
                for s, a, side in zip(self.site_ids, self.site_agency, self.site_side, strict=True)
            ],
            dtype=bool,
        )
        site_ok_ext = np.append(site_ok, False)  # index -1: a sample of an unknown site

        cand = site_ok_ext[self.sample_site]
        age_ok = site_ok_ext[self.age_site]
        if f.rock_types:
            cand &= self._among(self.sample_rock, self.rocks, f.rock_types)
            age_ok &= self._among(self.age_rock, self.rocks, f.rock_types)
        if f.age_ma is not None:
            lo, hi = f.age_ma
            with np.errstate(invalid="ignore"):
                age_ok &= (self.age_ma >= lo) & (self.age_ma <= hi)
            if f.age_scope == AM.FORMED:
                age_ok &= self.age_formed
        if f.methods:
            age_ok &= self._among(self.age_method, self.methods, f.methods)
        if f.events:
            age_ok &= self._among(self.age_event, self.events, f.events)
        if f.statuses:
            age_ok &= self._among(self.age_status, self.statuses, f.statuses)
        passing = np.flatnonzero(age_ok)

        # The passing samples: those with a passing age when dates are filtered.
        sample_rows = np.unique(self.age_row[passing]) if f.dates_filtered else np.flatnonzero(cand)
        if f.dates_filtered or f.rock_types:
            shown_codes = set(self.sample_site[sample_rows].tolist())
        else:
            shown_codes = set(np.flatnonzero(site_ok).tolist())
        site_ids = tuple(s for i, s in enumerate(self.site_ids) if i in shown_codes)

        medians: dict[str, float] = {}
        reasons: dict[str, str] = {}
        by_site: dict[int, list[int]] = {}
        for i in passing.tolist():  # table order, so sites and reasons keep first appearance
            by_site.setdefault(int(self.age_site[i]), []).append(i)
        for code, idx in by_site.items():
            if code not in shown_codes:
                continue
            site = self.site_ids[code]
            vals = self.age_ma[idx]
            vals = vals[~np.isnan(vals)]
            medians[site] = float(np.median(vals)) if len(vals) else float("nan")
            if f.dates_filtered:
                counts = Counter(self.age_reason[idx].tolist())
                reasons[site] = "; ".join(f"{n} × {r}" for r, n in counts.most_common())
        n_per_site = np.bincount(
            self.sample_site[sample_rows] + 1, minlength=len(self.site_ids) + 1
        )
        return Selection(
            site_ids=site_ids,
            site_n_samples={
                s: int(n_per_site[i + 1]) for i, s in enumerate(self.site_ids) if i in shown_codes
            },
            sample_ids=frozenset(self.sample_ids[sample_rows].tolist()),
            age_ids=frozenset(self.age_ids[passing].tolist()),
            site_age_ma=medians,
            site_reasons=reasons,
        )


#: The :class:`FilterIndex` of a catalog, built on first use (a Catalog is immutable).
filter_index = by_identity(FilterIndex)


def apply_filters(cat: Catalog, f: Filters) -> Selection:
    """Apply *f* to the catalog (see the module docstring for the rule).

    Returns
    -------
    Selection
        Passing site ids in catalog order, sample and age ids, and each passing site's median
        passing age in Ma (sites without a passing age are absent from ``site_age_ma``).
    """
    return filter_index(cat).apply(f)


# --- URL (query parameter) encoding -------------------------------------------------------

PARAM_KEYS = ("age", "ages", "event", "status", "method", "rock", "mission", "agency", "side")


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def to_params(f: Filters) -> dict[str, str]:
    """Readable query parameters for *f*, e.g. ``{"age": "1900-3000", "method": "Pb-Pb"}``.

    Only active filters appear; list values are comma-separated in a stable order.
    """
    out: dict[str, str] = {}
    if f.age_ma is not None:
        out["age"] = f"{round(f.age_ma[0])}-{round(f.age_ma[1])}"
    for key, values in (
        ("method", f.methods),
        ("rock", f.rock_types),
        ("mission", f.site_ids),
        ("agency", f.agencies),
    ):
        if values:
            out[key] = ",".join(sorted(values))
    if f.side:
        out["side"] = f.side
    if f.age_scope != AM.FORMED:
        out["ages"] = f.age_scope
    for key, values in (("event", f.events), ("status", f.statuses)):
        if values:
            out[key] = ",".join(sorted(values))
    return out


#: What each list parameter holds, as the messages about a link name it.
PARAM_LABELS = {
    "method": N_("dating method"),
    "rock": N_("rock type"),
    "mission": N_("mission"),
    "agency": N_("agency"),
    "event": N_("event"),
    "status": N_("status"),
}


def from_params(
    params: Mapping[str, str], options: FilterOptions, lang: str = "en"
) -> tuple[Filters, list[str]]:
    """Parse query parameters into :class:`Filters`, never raising.

    Unknown values are dropped and each one is explained in the returned messages (in
    *lang*), so a mistyped link still opens (with the rest of its filters) and says what it
    ignored.
    """
    t = gettext_for(lang)
    notes: list[str] = []
    age = None
    raw = params.get("age")
    if raw:
        parts = raw.replace("–", "-").split("-")
        # Plain ASCII decimals only: float() would take "1_0", "nan", "١٢٣" or 400 digits.
        lo, hi = (decimal(parts[0]), decimal(parts[1])) if len(parts) == 2 else (None, None)
        if lo is None or hi is None:
            notes.append(
                t(
                    "Ignored age={value}: write the range in millions of years, e.g. age=1900-3000."
                ).format(value=echo(raw))
            )
        else:
            if lo > hi:
                lo, hi = hi, lo
            clo = min(max(lo, options.age_min_ma), options.age_max_ma)
            chi = min(max(hi, options.age_min_ma), options.age_max_ma)
            if (clo, chi) != (lo, hi):
                notes.append(
                    t("Age range {lo}–{hi} Ma was limited to the catalog's {min}–{max} Ma.").format(
                        lo=f"{lo:g}",
                        hi=f"{hi:g}",
                        min=f"{options.age_min_ma:g}",
                        max=f"{options.age_max_ma:g}",
                    )
                )
            if (clo, chi) != (options.age_min_ma, options.age_max_ma):
                age = (clo, chi)

    def pick(key: str, allowed: tuple[str, ...]) -> frozenset[str]:
        values = _split(params.get(key, "") or "")
        good = [v for v in values if v in allowed]
        bad = [v for v in values if v not in allowed]
        if bad:
            notes.append(
                t("Ignored unknown {what} {values} (known: {known}).").format(
                    what=t(PARAM_LABELS[key]), values=echo_list(bad), known=", ".join(allowed)
                )
            )
        return frozenset(good)

    methods = pick("method", options.methods)
    rocks = pick("rock", options.rock_types)
    sites = pick("mission", options.site_ids)
    agencies = pick("agency", options.agencies)
    events = pick("event", options.events)
    statuses = pick("status", options.statuses)
    scope = params.get("ages") or AM.FORMED
    if scope not in AM.SCOPES:
        bad = t("Ignored ages={value}: use ages=formed or ages=any.")
        notes.append(bad.format(value=echo(scope)))
        scope = AM.FORMED
    side = params.get("side") or None
    if side is not None and side not in SIDES:
        notes.append(t("Ignored side={value}: use side=near or side=far.").format(value=echo(side)))
        side = None
    return (
        Filters(
            age_ma=age,
            methods=methods,
            rock_types=rocks,
            site_ids=sites,
            agencies=agencies,
            side=side,
            age_scope=scope,
            events=events,
            statuses=statuses,
        ),
        notes,
    )
