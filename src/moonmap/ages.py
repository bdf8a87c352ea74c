"""Age determinations as one flat table, text search over it, and one sample's detail.

Pure pandas, no Streamlit; used by the Samples & ages page and by :mod:`moonmap.export`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.data import age_model as AM
from moonmap.data import links
from moonmap.detail import with_source
from moonmap.filters import Selection
from moonmap.i18n import N_, gettext_for
from moonmap.queries import format_mass

#: Columns of :func:`age_rows`, in order.
AGE_COLUMNS = [
    "age_id",
    "sample_id",
    "nickname",
    "rock_type",
    "site_id",
    "mission",
    "lat_deg",
    "lon_deg",
    "age_ma",
    "age_err_ma",
    "err_sigma",
    "sigma",
    "method",
    "material",
    "event",
    "status",
    "superseded_by",
    "dates",
    "status_label",
    "source_id",
    "source",
    "link",
    "note",
]
#: Columns searched by :func:`search_rows`.
SEARCHED = (
    "sample_id",
    "nickname",
    "mission",
    "site_id",
    "rock_type",
    "method",
    "material",
    "event",
    "dates",
)


def age_rows(cat: Catalog, sel: Selection | None = None) -> pd.DataFrame:
    """One row per age determination with its sample, site (and position), method and source.

    Parameters
    ----------
    cat
        The catalog.
    sel
        A filter selection; only its ``age_ids`` are kept. ``None`` keeps every age.
    """
    samples = cat.samples[["sample_id", "site_id", "nickname", "rock_type"]]
    sites = pd.DataFrame(cat.sites.drop(columns="geometry"))[
        ["site_id", "mission", "lat_deg", "lon_deg"]
    ]
    a = cat.ages if sel is None else cat.ages[cat.ages["age_id"].isin(sel.age_ids)]
    out = a.merge(samples, on="sample_id", how="left").merge(sites, on="site_id", how="left")
    out = with_source(out, cat)
    order = {s: i for i, s in enumerate(cat.sites["site_id"])}
    out = out.assign(_o=out["site_id"].map(order)).sort_values(
        ["_o", "sample_id", "age_ma"], kind="stable"
    )
    event = AM.event_of(out)
    out["dates"] = event.map(AM.EVENT_LABELS)
    out["status_label"] = AM.status_labels(out)
    out["sigma"] = [
        f"{int(s)}σ" if pd.notna(s) else ("" if pd.isna(e) else "not stated")
        for s, e in zip(out["err_sigma"], out["age_err_ma"], strict=True)
    ]
    return out[AGE_COLUMNS].reset_index(drop=True)


def search_rows(rows: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where every word of *text* occurs (case-insensitive) in one of :data:`SEARCHED`.

    The text is matched literally (never as a regular expression), so ``(`` or ``*`` are safe.
    """
    words = [w for w in str(text or "").lower().split() if w]
    if not words or rows.empty:
        return rows
    hay = rows[list(SEARCHED)].astype("string").fillna("").agg(" ".join, axis=1).str.lower()
    ok = pd.Series(True, index=rows.index)
    for w in words:
        ok &= hay.str.contains(w, regex=False)
    return rows[ok]


@dataclass(frozen=True)
class SampleDetail:
    """One sample: facts, every age (not only the filtered ones), and its holders."""

    sample_id: str
    title: str
    facts: pd.DataFrame  # fact, value, source, link
    ages: pd.DataFrame  # age_rows of this sample
    holders: pd.DataFrame  # holdings naming this sample, else of its site, with sources
    holders_scope: str  # "sample" or "site"
    links: dict[str, str]  # label -> URL (Compendium, JSC catalog, Atlas, paper), if any


def sample_detail(cat: Catalog, sample_id: str, lang: str = "en") -> SampleDetail:
    """Detail of *sample_id* (``KeyError`` if unknown); masses and the app's words in *lang*."""
    samples = cat.samples.set_index("sample_id")
    if sample_id not in samples.index:
        raise KeyError(sample_id)
    s = samples.loc[sample_id]
    mission = cat.sites.set_index("site_id").loc[s["site_id"], "mission"]
    nick = s["nickname"] if isinstance(s["nickname"], str) else ""
    title = f"{sample_id} “{nick}”" if nick else str(sample_id)
    facts = pd.DataFrame(_sample_facts(cat, sample_id, s, mission, lang))
    facts = with_source(facts, cat)[["fact", "value", "source", "link"]]
    ages = age_rows(cat)
    ages = ages[ages["sample_id"] == sample_id].reset_index(drop=True)
    sp = cat.splits
    own = sp[sp["sample_id"] == sample_id]
    scope = "sample"
    if own.empty:
        own, scope = sp[sp["site_id"] == s["site_id"]], "site"
    cust = pd.DataFrame(cat.custodians.drop(columns="geometry"))[
        ["custodian_id", "name", "city", "country"]
    ]
    holders = with_source(own.merge(cust, on="custodian_id", how="left"), cat)
    holders = holders.assign(mass=holders["mass_g"].map(lambda m: format_mass(m, lang)))
    row = cat.samples[cat.samples["sample_id"] == sample_id]
    found = links.sample_links(cat, row).iloc[0]
    onward = {
        links.LINK_LABELS[col]: found[col]
        for col in links.LINK_COLUMNS
        if isinstance(found[col], str)
    }
    return SampleDetail(
        sample_id, title, facts, ages, holders.reset_index(drop=True), scope, onward
    )


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _sample_facts(
    cat: Catalog, sample_id: str, s: pd.Series, mission: str, lang: str = "en"
) -> list[dict]:
    """Fact rows (fact, value, source_id) of one sample, each value with its own source."""
    station = None
    if _text(s.get("station_id")):
        station = cat.stations.set_index("station_id").loc[s["station_id"], "name"]
    catalogued = " / ".join(
        v for v in (_text(s.get("sample_type")), _text(s.get("sample_subtype"))) if v
    )
    rows = [
        (N_("Mission"), mission, None),
        (
            N_("Station"),
            station or gettext_for(lang)("not published"),
            s.get("station_source_id") if station else None,
        ),
        (N_("Type (JSC catalog)"), catalogued or None, s.get("catalog_source_id")),
        (N_("Rock type"), s["rock_type"], s["source_id"]),
        (N_("Description"), _text(s["description"]), s["source_id"]),
        (N_("Mass"), format_mass(s["mass_g"], lang), s.get("mass_source_id")),
    ]
    alt = cat.sample_alt_values[cat.sample_alt_values["sample_id"] == sample_id]
    for a in alt.itertuples():
        if a.field == "mass_g":
            rows.append((N_("Mass (other source)"), format_mass(float(a.value), lang), a.source_id))
        else:
            name = cat.stations.set_index("station_id")["name"].get(a.value, a.value)
            rows.append((N_("Station (other source)"), name, a.source_id))
    if pd.notna(s.get("pristine_pct")):
        rows.append(
            (
                N_("Still pristine in curation"),
                f"{s['pristine_pct']:g} %",
                s.get("catalog_source_id"),
            )
        )
    if _text(s.get("parent_sample_id")):
        rows.append((N_("Taken from"), s["parent_sample_id"], s["source_id"]))
    return [
        {"fact": f, "value": v, "source_id": src if isinstance(src, str) else None}
        for f, v, src in rows
        if v is not None
    ]
