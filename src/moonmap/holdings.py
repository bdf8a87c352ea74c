"""Where lunar material is held on Earth: holdings, holders, countries and journeys.

Pure pandas, no Streamlit. One *holding* is one row of ``splits.csv`` (a curation store, a
backup, a loan, a gift, an exchange, a display or a sale) joined to its custodian, its site
and its mission family. From the holdings this module derives:

- the *origin* of each holding: the custodian it came from where ``from_custodian_id`` says
  so, otherwise the primary curation facility of its site (the custodian of the site's
  ``curation`` row: NASA JSC for Apollo, the Vernadsky Institute for Luna, NAOC for Chang'e);
- its *year*: the year of ``received`` where published; otherwise the site's landing year, a
  lower bound (``year_known`` is then False), so the timeline never shows material on Earth
  before it was brought back;
- its *until* year: set when the holder sold the same material on (a later ``sale`` of the
  same site whose ``from_custodian_id`` is this holder), so a resold piece is counted once;
- per-holder, per-country and per-journey summaries in which a mass that is not published
  stays unknown (never zero): ``mass_known_g`` sums only published masses and
  ``n_mass_unpublished`` counts the holdings without one.

Filter rule (:func:`filter_holdings`): a holding passes the shared sample filters when the
material it comes from matches: its named sample if it names a sample that the catalog dates
or types (that sample must pass), otherwise its site (the site must be shown, i.e. have a
passing sample). Country, kind and year then narrow the result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.detail import with_source
from moonmap.filters import Filters, Selection
from moonmap.i18n import N_, country_name, gettext_for, number, translations
from moonmap.params import echo, echo_list
from moonmap.queries import format_mass

#: Kinds of holding in the order used by legends and filters (``splits.kind``).
KINDS = ("curation", "backup", "loan", "gift", "exchange", "display", "sale")
#: Mission families in legend order.
FAMILIES = ("Apollo", "Luna", "Chang'e")
#: A holder or journey that mixes families or kinds.
SEVERAL = "several"

COLOR_BY = {"family": N_("Mission family"), "kind": N_("Kind of holding")}
#: Display names of the kinds (``splits.kind`` values stay as they are in the data).
KIND_LABELS = {
    "curation": N_("curation"),
    "backup": N_("backup"),
    "loan": N_("loan"),
    "gift": N_("gift"),
    "exchange": N_("exchange"),
    "display": N_("display"),
    "sale": N_("sale"),
}

# Okabe & Ito (2008) colour-blind-safe palette, chosen to read on the dark basemap.
FAMILY_RGB = {
    "Apollo": (86, 180, 233),  # sky blue
    "Luna": (213, 94, 0),  # vermilion
    "Chang'e": (240, 228, 66),  # yellow
}
KIND_RGB = {
    "curation": (86, 180, 233),  # sky blue
    "backup": (0, 114, 178),  # blue
    "loan": (0, 158, 115),  # bluish green
    "gift": (204, 121, 167),  # reddish purple
    "exchange": (213, 94, 0),  # vermilion
    "display": (240, 228, 66),  # yellow
    "sale": (230, 159, 0),  # orange
}
SEVERAL_RGB = (235, 235, 235)

YEAR_FIRST = 1969


def family_of(mission: str) -> str:
    """Mission family from a mission name: ``"Apollo 11"`` -> ``"Apollo"``,
    ``"Chang'e-5"`` -> ``"Chang'e"``."""
    m = re.match(r"[A-Za-z']+", mission or "")
    return m.group(0) if m else ""


def category_rgb(value: str, color_by: str) -> tuple[int, int, int]:
    """Colour of a family or kind value (``SEVERAL`` and unknown values are light grey)."""
    palette = FAMILY_RGB if color_by == "family" else KIND_RGB
    return palette.get(value, SEVERAL_RGB)


def legend_items(color_by: str) -> list[tuple[str, tuple[int, int, int]]]:
    """(label, rgb) pairs for the legend of *color_by* (``family`` or ``kind``)."""
    values = FAMILIES if color_by == "family" else KINDS
    items = [(v, category_rgb(v, color_by)) for v in values]
    return items + [("several", SEVERAL_RGB)]


def _year(received) -> int | None:
    if received is None or received is pd.NA or (isinstance(received, float)):
        return None
    text = str(received).strip()
    return int(text[:4]) if re.match(r"^\d{4}", text) else None


def country_names(cat: Catalog) -> dict[str, str]:
    """ISO code -> display name for every custodian country (the code if not in the table)."""
    names = dict(zip(cat.countries["iso_a2"], cat.countries["name"], strict=True))
    return {c: names.get(c, c) for c in cat.custodians["country"].dropna().unique()}


def basemap_names(cat: Catalog, iso_codes) -> list[str]:
    """Natural Earth outline names of the given countries (those without an outline, such
    as Hong Kong, are skipped)."""
    table = cat.countries.dropna(subset=["natural_earth_name"])
    ne = dict(zip(table["iso_a2"], table["natural_earth_name"], strict=True))
    return sorted({ne[c] for c in iso_codes if c in ne})


def primary_curators(cat: Catalog) -> dict[str, str]:
    """site_id -> custodian_id of the site's primary curation facility (its ``curation`` row
    without a ``from_custodian_id``); sites without one are absent."""
    sp = cat.splits
    cur = sp[(sp["kind"] == "curation") & sp["from_custodian_id"].isna()]
    return dict(cur.drop_duplicates("site_id")[["site_id", "custodian_id"]].to_numpy())


def holdings_table(cat: Catalog) -> pd.DataFrame:
    """Every holding joined to custodian, country, site and family, with origin and year.

    Columns: ``split_id, custodian_id, holder, city, country, country_name, lat_deg, lon_deg,
    position_precision, holder_type, site_id, mission, family, sample_id, mass_g, kind,
    received, status, status_date, year, year_known, until, origin_id, origin_name,
    origin_lat_deg, origin_lon_deg,
    source_id, note``. ``mass_g`` is NaN where no mass is published.
    """
    cust = pd.DataFrame(cat.custodians.drop(columns="geometry"))
    cust = cust.rename(columns={"name": "holder", "type": "holder_type"})
    names = country_names(cat)
    sites = pd.DataFrame(cat.sites.drop(columns="geometry"))[["site_id", "mission", "landing_utc"]]
    h = cat.splits.merge(
        cust[
            [
                "custodian_id",
                "holder",
                "city",
                "country",
                "lat_deg",
                "lon_deg",
                "position_precision",
                "holder_type",
            ]
        ],
        on="custodian_id",
        how="left",
    ).merge(sites, on="site_id", how="left")
    h["country_name"] = h["country"].map(names)
    h["family"] = h["mission"].map(family_of)
    years = h["received"].map(_year)
    landing = h["landing_utc"].map(_year)
    h["year_known"] = years.notna()
    h["year"] = years.fillna(landing).astype("Int64")
    curators = primary_curators(cat)
    h["origin_id"] = h["from_custodian_id"].fillna(h["site_id"].map(curators))
    origin = cust.set_index("custodian_id")
    h["origin_name"] = h["origin_id"].map(origin["holder"])
    h["origin_lat_deg"] = h["origin_id"].map(origin["lat_deg"]).astype("float64")
    h["origin_lon_deg"] = h["origin_id"].map(origin["lon_deg"]).astype("float64")
    h["until"] = _passed_on_year(h)
    cols = [
        "split_id",
        "custodian_id",
        "holder",
        "city",
        "country",
        "country_name",
        "lat_deg",
        "lon_deg",
        "position_precision",
        "holder_type",
        "site_id",
        "mission",
        "family",
        "sample_id",
        "mass_g",
        "kind",
        "received",
        "status",
        "status_date",
        "year",
        "year_known",
        "until",
        "origin_id",
        "origin_name",
        "origin_lat_deg",
        "origin_lon_deg",
        "source_id",
        "note",
    ]
    return h[cols].reset_index(drop=True)


def _passed_on_year(h: pd.DataFrame) -> pd.Series:
    """Year in which each holding was sold on (NA if it was not)."""
    sales = h[(h["kind"] == "sale") & h["from_custodian_id"].notna()]
    until = pd.Series(pd.NA, index=h.index, dtype="Int64")
    for s in sales.itertuples():
        prior = (
            (h["custodian_id"] == s.from_custodian_id)
            & (h["site_id"] == s.site_id)
            & h["year"].lt(s.year).fillna(False).astype(bool)
        )
        until[prior] = s.year
    return until


@dataclass(frozen=True)
class HoldingFilters:
    """Earth-side filters; empty sets / ``None`` mean no constraint.

    ``year`` keeps holdings held at the end of that year: received by then (see the module
    docstring) and not yet sold on. With no year, holdings sold on are left out (today's map).
    """

    countries: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    year: int | None = None

    @property
    def is_default(self) -> bool:
        return self == HoldingFilters()

    def key(self) -> str:
        """A canonical text of these filters (a cheap cache key, like ``Filters.key``)."""
        return repr((sorted(self.countries), sorted(self.kinds), self.year))

    def describe(self, names: Mapping[str, str] | None = None, lang: str = "en") -> list[str]:
        """Plain words for the active Earth filters, in *lang*."""
        t = gettext_for(lang)
        either = t(" or ")
        out = []
        if self.countries:
            names = names or {}
            where = either.join(country_name(c, lang, names.get(c)) for c in sorted(self.countries))
            out.append(t("in {countries}").format(countries=where))
        if self.kinds:
            kinds = either.join(t(KIND_LABELS[k]) for k in KINDS if k in self.kinds)
            out.append(t("kind {kinds}").format(kinds=kinds))
        if self.year is not None:
            out.append(t("on Earth by {year}").format(year=self.year))
        return out


def _sample_level(f: Filters) -> bool:
    return f.dates_filtered or bool(f.rock_types)


def filter_holdings(
    h: pd.DataFrame,
    cat: Catalog,
    filters: Filters,
    sel: Selection,
    hf: HoldingFilters = HoldingFilters(),
) -> pd.DataFrame:
    """Holdings passing the shared filters (via their sample or site) and *hf*.

    Parameters
    ----------
    h
        Output of :func:`holdings_table`.
    cat
        The catalog (to know which samples are dated or typed).
    filters, sel
        The shared filters and what passes them (:func:`moonmap.filters.apply_filters`).
    hf
        Country, kind and year.
    """
    ok = h["site_id"].isin(sel.site_ids)
    if _sample_level(filters):
        described = set(cat.samples["sample_id"])
        names_sample = h["sample_id"].notna() & h["sample_id"].isin(described)
        ok &= ~names_sample | h["sample_id"].isin(sel.sample_ids)
    if hf.countries:
        ok &= h["country"].isin(hf.countries)
    if hf.kinds:
        ok &= h["kind"].isin(hf.kinds)
    if hf.year is not None:
        ok &= h["year"].le(hf.year).fillna(False).astype(bool)
        ok &= ~h["until"].le(hf.year).fillna(False).astype(bool)
    else:
        ok &= h["until"].isna()
    return h[ok.to_numpy()].reset_index(drop=True)


@dataclass(frozen=True)
class EarthSelection:
    """What the Earth map shows for one set of filters."""

    holdings: pd.DataFrame  # filter_holdings rows
    holders: pd.DataFrame  # holder_summary
    journeys: pd.DataFrame  # journeys (empty when arcs are off)
    countries: pd.DataFrame  # country_summary


def mission_order(cat: Catalog) -> dict[str, int]:
    """Mission name -> its position in the catalog (for listing missions in order)."""
    return {m: i for i, m in enumerate(cat.sites["mission"])}


def select(
    cat: Catalog,
    h: pd.DataFrame,
    filters: Filters,
    sel: Selection,
    hf: HoldingFilters | None = None,
    arcs: bool = True,
) -> EarthSelection:
    """Filter the holdings *h* and build every summary the Earth map and tables use."""
    got = filter_holdings(h, cat, filters, sel, hf or HoldingFilters())
    return summarise_holdings(got, mission_order(cat), arcs)


def summarise_holdings(got: pd.DataFrame, order: Mapping[str, int], arcs: bool = True):
    """The :class:`EarthSelection` of the holdings *got* (already filtered)."""
    return EarthSelection(
        holdings=got,
        holders=holder_summary(got, order),
        journeys=journeys(got if arcs else got.iloc[0:0], order),
        countries=country_summary(got, order),
    )


def summary_text(
    es: EarthSelection, active: list[str], lang: str = "en"
) -> tuple[str, str | None] | None:
    """The count sentence under the map and a note on unplaced holders, in *lang* (Markdown,
    *active* is escaped by the caller); ``None`` when no holding matches."""
    h = es.holdings
    if h.empty:
        return None
    t = translations(lang)
    n_known = int(h["mass_g"].notna().sum())
    n_holders, n_countries, n = len(es.holders), int(h["country"].nunique()), len(h)
    n_missions = int(h["site_id"].nunique())
    text = t.ngettext(
        "**{holders} holders in {countries} country**",
        "**{holders} holders in {countries} countries**",
        n_countries,
    ).format(holders=n_holders, countries=n_countries)
    text += t.ngettext(
        ", {n} holdings from {missions} mission",
        ", {n} holdings from {missions} missions",
        n_missions,
    ).format(n=n, missions=n_missions)
    if active:
        text += t.gettext(" ({filters})").format(filters="; ".join(active))
    text += t.gettext(". Mass published for {known} of {n} holdings").format(known=n_known, n=n)
    if n_known:
        total = mass_text(h["mass_g"].sum(), n_known, 0, lang)
        text += t.gettext(" ({mass} in all).").format(mass=total)
    else:
        text += "."
    unplaced = int(es.holders["lat_deg"].isna().sum())
    note = (
        t.ngettext(
            "{n} holder with no published location is listed in the tables but not on the map.",
            "{n} holders with no published location are listed in the tables but not on the map.",
            unplaced,
        ).format(n=unplaced)
        if unplaced
        else None
    )
    return text, note


def holdings_for_display(h: pd.DataFrame, cat: Catalog, lang: str = "en") -> pd.DataFrame:
    """Holdings with readable mass/date, where the material came from, and each row's source
    (``source`` citation and ``link``); unpublished values say so in words (in *lang*)."""
    t = gettext_for(lang)
    status = [
        f"{s} ({d})" if isinstance(s, str) and isinstance(d, str) else s
        for s, d in zip(h["status"], h["status_date"], strict=True)
    ]
    out = h.assign(
        status=status,
        mass=h["mass_g"].map(lambda m: format_mass(m, lang)),
        received=h["received"].astype("object").where(h["received"].notna(), t("not published")),
        came_from=h["origin_name"].where(h["origin_id"] != h["custodian_id"], t("(primary store)")),
    )
    return with_source(out, cat)


# --- summaries -------------------------------------------------------------------------------


def mass_text(mass_known_g: float, n_known: int, n_unpublished: int, lang: str = "en") -> str:
    """Plain words for a published mass total and the holdings without one (in *lang*)."""
    t = translations(lang)
    if n_known == 0:
        return t.gettext("mass not published")
    text = format_mass(mass_known_g, lang)
    if n_unpublished:
        text += t.ngettext(
            " + {n} holding with mass not published",
            " + {n} holdings with mass not published",
            n_unpublished,
        ).format(n=n_unpublished)
    return text


def _joined(values) -> str:
    return ", ".join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


# The summaries below group at most a few hundred holdings: plain Python over column lists
# takes well under a millisecond, where pandas group-bys over string columns took ~20 ms per
# table (issue 15). tests/unit/test_holdings_oracle.py checks them against the pandas form.


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _groups(cols: dict[str, list], keys: list[str]) -> dict[tuple, list[int]]:
    """Row numbers per key, in order of first appearance; rows with a missing key are left
    out (as ``groupby(dropna=True)`` does)."""
    out: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(cols[k] for k in keys), strict=True)):
        if not any(_missing(v) for v in key):
            out.setdefault(key, []).append(i)
    return out


def _first(values: list, idx: list[int]):
    """The first non-missing value (pandas ``first``), or None."""
    for i in idx:
        if not _missing(values[i]):
            return values[i]
    return None


def _one_or_several(values: list, idx: list[int]):
    distinct = {values[i] for i in idx if not _missing(values[i])}
    return next(iter(distinct)) if len(distinct) == 1 else SEVERAL


def _aggregate_row(cols: dict[str, list], idx: list[int], mission_order) -> dict:
    """Counts, published mass (NaN when none is published), plain-words mass, missions in
    catalog order, family/kind (``"several"`` when mixed), first year and sources."""
    masses = [cols["mass_g"][i] for i in idx if not _missing(cols["mass_g"][i])]
    known = len(masses)
    total = math.fsum(masses) if known else float("nan")  # correctly rounded
    years = [cols["year"][i] for i in idx if not _missing(cols["year"][i])]
    return {
        "n_holdings": len(idx),
        "mass_known_g": total,
        "n_mass_known": known,
        "n_mass_unpublished": len(idx) - known,
        "mass": mass_text(total, known, len(idx) - known),
        "missions": _missions_text((cols["mission"][i] for i in idx), mission_order),
        "family": _one_or_several(cols["family"], idx),
        "kind": _one_or_several(cols["kind"], idx),
        "first_year": min(years) if years else None,
        "sources": _joined(cols["source_id"][i] for i in idx),
    }


def _columns(h: pd.DataFrame, names) -> dict[str, list]:
    return {c: h[c].tolist() for c in names}


def _frame(rows: list[dict], cols: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=cols)
    if "first_year" in out:
        out["first_year"] = out["first_year"].astype("Int64")
    return out


def _missions_text(values, mission_order: Mapping[str, int]) -> str:
    names = {v for v in values if isinstance(v, str)}
    return ", ".join(sorted(names, key=lambda m: (mission_order.get(m, 99), m)))


_AGG_INPUT = ("mass_g", "year", "mission", "family", "kind", "source_id")


def holder_summary(h: pd.DataFrame, mission_order: Mapping[str, int] | None = None):
    """One row per holder of the holdings in *h*.

    Columns: ``custodian_id, holder, city, country, country_name, lat_deg, lon_deg,
    n_holdings, mass_known_g, n_mass_known, n_mass_unpublished, mass, missions, site_ids,
    family, kind, first_year, sources`` where ``family``/``kind`` is ``"several"`` for a
    mixed holder and ``mass`` is the plain-words mass.
    """
    first_cols = ["holder", "city", "country", "country_name", "lat_deg", "lon_deg"]
    cols = [
        "custodian_id",
        *first_cols,
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
    c = _columns(h, ["custodian_id", "site_id", *first_cols, *_AGG_INPUT])
    rows = []
    for (holder,), idx in _groups(c, ["custodian_id"]).items():
        row = {"custodian_id": holder}
        row.update({k: _first(c[k], idx) for k in first_cols})
        row.update(_aggregate_row(c, idx, mission_order or {}))
        row["site_ids"] = _joined(c["site_id"][i] for i in idx)
        rows.append(row)
    out = _frame(rows, cols)
    for k in ("lat_deg", "lon_deg", "mass_known_g"):
        out[k] = out[k].astype(float)
    return out


def country_summary(h: pd.DataFrame, mission_order: Mapping[str, int] | None = None):
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
    c = _columns(h, ["country", "country_name", "custodian_id", *_AGG_INPUT])
    rows = []
    for (country,), idx in _groups(c, ["country"]).items():
        row = {"country": country, "country_name": _first(c["country_name"], idx)}
        row.update(_aggregate_row(c, idx, mission_order or {}))
        row["n_holders"] = len({c["custodian_id"][i] for i in idx} - {None, pd.NA})
        fams = {c["family"][i] for i in idx}
        row["families"] = ", ".join(f for f in FAMILIES if f in fams)
        rows.append(row)
    out = _frame(rows, cols)
    out["mass_known_g"] = out["mass_known_g"].astype(float)
    return out.sort_values(
        ["n_holdings", "country_name"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def holdings_per_country_family(h: pd.DataFrame) -> pd.DataFrame:
    """Counts of holdings per country and family (long format, for a stacked bar chart)."""
    if h.empty:
        return pd.DataFrame(columns=["country_name", "family", "holdings"])
    return h.groupby(["country_name", "family"]).size().rename("holdings").reset_index()


def journeys(h: pd.DataFrame, mission_order: Mapping[str, int] | None = None) -> pd.DataFrame:
    """One row per (origin, holder) pair with both positions known and origin != holder.

    Columns: ``origin_id, origin_name, custodian_id, holder, from_lon, from_lat, to_lon,
    to_lat, n_holdings, mass, mass_known_g, n_mass_known, n_mass_unpublished, missions,
    family, kind, first_year``. Exchanges appear once in each direction because each direction
    is its own holding.
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
    firsts = {
        "origin_name": "origin_name",
        "holder": "holder",
        "from_lon": "origin_lon_deg",
        "from_lat": "origin_lat_deg",
        "to_lon": "lon_deg",
        "to_lat": "lat_deg",
    }
    c = _columns(moving, ["origin_id", "custodian_id", *firsts.values(), *_AGG_INPUT])
    rows = []
    for (origin, holder), idx in _groups(c, ["origin_id", "custodian_id"]).items():
        row = {"origin_id": origin, "custodian_id": holder}
        row.update({k: _first(c[v], idx) for k, v in firsts.items()})
        row.update(_aggregate_row(c, idx, mission_order or {}))
        rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    out["first_year"] = out["first_year"].astype(int)
    return out


# --- URL (query parameter) encoding ----------------------------------------------------------

PARAM_KEYS = ("country", "kind", "year")


def to_params(hf: HoldingFilters) -> dict[str, str]:
    """Query parameters for *hf* (only active filters)."""
    out: dict[str, str] = {}
    if hf.countries:
        out["country"] = ",".join(sorted(hf.countries))
    if hf.kinds:
        out["kind"] = ",".join(k for k in KINDS if k in hf.kinds)
    if hf.year is not None:
        out["year"] = str(hf.year)
    return out


def from_params(
    params: Mapping[str, str | None], countries: tuple[str, ...], last_year: int, lang: str = "en"
) -> tuple[HoldingFilters, list[str]]:
    """Parse ``country``, ``kind`` and ``year`` into :class:`HoldingFilters`, never raising.

    Unknown values are dropped and explained in the returned messages; a year outside
    1969..*last_year* is clamped with a message; the last year itself means "no year filter".
    """
    t = gettext_for(lang)
    notes: list[str] = []

    def pick(key: str, allowed: tuple[str, ...], label: str) -> frozenset[str]:
        raw = params.get(key) or ""
        values = [v.strip() for v in raw.split(",") if v.strip()]
        if key == "country":
            values = [v.upper() for v in values]
        bad = [v for v in values if v not in allowed]
        if bad:
            notes.append(
                t("Ignored unknown {what} {values} (known: {known}).").format(
                    what=t(label), values=echo_list(bad), known=", ".join(allowed)
                )
            )
        return frozenset(v for v in values if v in allowed)

    year = None
    raw_year = (params.get("year") or "").strip()
    if raw_year:
        if re.fullmatch(r"[0-9]{4}", raw_year):  # ASCII: \d would take other scripts' digits
            y = int(raw_year)
            clamped = min(max(y, YEAR_FIRST), last_year)
            if clamped != y:
                notes.append(
                    t("Year {year} was limited to {first}–{last}.").format(
                        year=y, first=YEAR_FIRST, last=last_year
                    )
                )
            year = None if clamped == last_year else clamped
        else:
            notes.append(
                t("Ignored year={value}: write a year such as year=1975.").format(
                    value=echo(raw_year)
                )
            )
    hf = HoldingFilters(
        countries=pick("country", countries, N_("country")),
        kinds=pick("kind", KINDS, N_("kind of holding")),
        year=year,
    )
    return hf, notes


@dataclass(frozen=True)
class HolderDetail:
    """One holder: who and where (with sources), its holdings, and the sites they come from."""

    custodian_id: str
    name: str
    place: str
    holder_type: str
    position: str
    facts: pd.DataFrame  # fact, value, source, link
    holdings: pd.DataFrame  # holdings_for_display rows of this holder
    site_ids: tuple[str, ...]


def holder_detail(
    cat: Catalog, h: pd.DataFrame, custodian_id: str, lang: str = "en"
) -> HolderDetail:
    """Detail of *custodian_id* from the (unfiltered or filtered) holdings *h*; the words the
    app writes (place, position notes) in *lang*.

    Raises ``KeyError`` for an unknown custodian.
    """
    cust = cat.custodians.set_index("custodian_id")
    if custodian_id not in cust.index:
        raise KeyError(custodian_id)
    c = cust.loc[custodian_id]
    t = gettext_for(lang)
    names = country_names(cat)
    country = country_name(c["country"], lang, names.get(c["country"], c["country"]))
    city = c["city"] if isinstance(c["city"], str) else None
    if city:
        place = f"{city}, {country}"
    else:
        place = t("{country} (city not published)").format(country=country)
    if pd.isna(c["lat_deg"]):
        position = t("position not published (not on the map)")
    else:
        digits = 3 if c["position_precision"] == "city" else 4
        lat, lon = number(c["lat_deg"], lang, digits), number(c["lon_deg"], lang, digits)
        position = f"{lat}, {lon}"
        if c["position_precision"] == "city":
            position += t(" (city centre; the site itself not located)")
    facts = pd.DataFrame(
        [
            {"fact": N_("Kind of institution"), "value": c["type"], "source_id": c["source_id"]},
            {"fact": N_("Place"), "value": place, "source_id": c["source_id"]},
            {"fact": N_("Map position"), "value": position, "source_id": c["position_source_id"]},
        ]
    )
    facts = with_source(facts, cat)[["fact", "value", "source", "link"]]
    mine = h[h["custodian_id"] == custodian_id]
    return HolderDetail(
        custodian_id=custodian_id,
        name=str(c["name"]),
        place=place,
        holder_type=str(c["type"]),
        position=position,
        facts=facts,
        holdings=holdings_for_display(mine, cat, lang).reset_index(drop=True),
        site_ids=tuple(dict.fromkeys(mine["site_id"])),
    )
