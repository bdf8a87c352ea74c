"""The age model: what an age dates (``event``), whether it is current, and each site's
representative ages.

Pure pandas, no Streamlit. An age only answers "how old is this rock?" when it dates the rock's
formation (``event == "crystallization"``) and is the current value (``status == "current"``);
impact, glass, exposure, disturbed and model ages answer other questions, and superseded rows
are recalculations of data already counted.
"""

from __future__ import annotations

import pandas as pd

from moonmap.i18n import N_, about_billion_years, billion_years_range

#: The ``ages.event`` vocabulary, in display order.
EVENTS = ("crystallization", "impact", "glass", "exposure", "disturbed", "model")
#: Label for an empty ``event`` cell.
NOT_STATED = "not stated"
#: Plain words for each event (tables, tooltips, legends).
EVENT_LABELS = {
    "crystallization": N_("rock formed (crystallization)"),
    "impact": N_("impact (melting or resetting)"),
    "glass": N_("glass beads formed"),
    "exposure": N_("exposure to cosmic rays"),
    "disturbed": N_("disturbed or minimum age"),
    "model": N_("model age"),
    NOT_STATED: N_("not stated by the source"),
}
STATUSES = ("current", "superseded")
STATUS_LABELS = {"current": N_("current"), "superseded": N_("superseded")}

#: Age-filter scopes: what an age range means.
FORMED = "formed"
ANY = "any"
SCOPES = (FORMED, ANY)
SCOPE_LABELS = {
    FORMED: N_("when the rock formed"),
    ANY: N_("any dated event"),
}
SCOPE_HELP = {
    FORMED: N_(
        "Only current crystallization ages count: when the rock (or the dated clast) formed."
    ),
    ANY: N_(
        "Every determination counts: impact, glass, exposure, disturbed and model ages, "
        "and superseded recalculations too."
    ),
}


def event_of(ages: pd.DataFrame) -> pd.Series:
    """``ages.event`` with empty cells as :data:`NOT_STATED`."""
    return ages["event"].astype("string").fillna(NOT_STATED)


def dates_formation(ages: pd.DataFrame) -> pd.Series:
    """Boolean mask: current crystallization ages (what "the rock formed" means)."""
    return (ages["event"] == "crystallization").fillna(False) & (
        ages["status"] == "current"
    ).fillna(False)


def status_labels(ages: pd.DataFrame) -> list[str]:
    """Per row, ``"current"`` or ``"superseded by <age_id>"`` (``"superseded"`` when the
    replacing value is not a row of the catalog)."""
    return [
        "superseded" + (f" by {b}" if isinstance(b, str) and b else "")
        if s == "superseded"
        else "current"
        for s, b in zip(ages["status"], ages["superseded_by"], strict=True)
    ]


def reason(method: str, event: str | None, status: str | None) -> str:
    """Short text for why an age counts, e.g. ``"K-Ar, disturbed"`` or
    ``"Ar-Ar, impact, superseded"``."""
    ev = event if isinstance(event, str) and event else NOT_STATED
    parts = [str(method), ev]
    if status == "superseded":
        parts.append("superseded")
    return ", ".join(parts)


def reasons_by_site(passing: pd.DataFrame) -> dict[str, str]:
    """Per site, the kinds of age that passed, e.g. ``"2 × K-Ar, disturbed; 1 × Rb-Sr,
    crystallization"`` (most frequent first)."""
    if passing.empty:
        return {}
    keys = [
        reason(m, e, s)
        for m, e, s in zip(passing["method"], passing["event"], passing["status"], strict=True)
    ]
    frame = pd.DataFrame({"site_id": passing["site_id"].to_numpy(), "reason": keys})
    out = {}
    for site, g in frame.groupby("site_id", sort=False):
        counts = g["reason"].value_counts()
        out[site] = "; ".join(f"{n} × {r}" for r, n in counts.items())
    return out


def format_ga(age_ma: float, err_ma: float | None = None) -> str:
    """``"3.15 ± 0.04 Ga"``; digits follow the uncertainty (at least two decimals)."""
    ga = age_ma / 1000.0
    if err_ma is None or pd.isna(err_ma):
        return f"{ga:.2f} Ga"
    err = err_ma / 1000.0
    digits = 2 if err >= 0.01 else 3
    return f"{ga:.{digits}f} ± {err:.{digits}f} Ga"


def representative(site_ages: pd.DataFrame, site_id: str | None = None) -> pd.DataFrame:
    """Representative-age rows (all sites, or one), lead unit first, file order kept."""
    rows = site_ages if site_id is None else site_ages[site_ages["site_id"] == site_id]
    order = rows.assign(_lead=(rows["lead"] != "yes").astype(int), _pos=range(len(rows)))
    return order.sort_values(["site_id", "_lead", "_pos"], kind="stable").drop(
        columns=["_lead", "_pos"]
    )


def lead_age_ma(site_ages: pd.DataFrame) -> dict[str, float]:
    """Per site, the age of its first lead row (colours the map)."""
    lead = site_ages[site_ages["lead"] == "yes"]
    first = lead.drop_duplicates("site_id", keep="first")
    return {s: float(a) for s, a in zip(first["site_id"], first["age_ma"], strict=True)}


def lead_labels(site_ages: pd.DataFrame, site_ids) -> dict[str, str]:
    """:func:`lead_label` of each of *site_ids*, in one pass over the lead rows (a pandas
    filter and groupby per site cost ~60 ms of the first page for eleven sites)."""
    lead = site_ages[site_ages["lead"] == "yes"]
    units: dict[str, dict[str, list[str]]] = {}
    for site, unit, age, err in zip(
        lead["site_id"], lead["unit"], lead["age_ma"], lead["age_err_ma"], strict=True
    ):
        units.setdefault(site, {}).setdefault(unit, []).append(format_ga(age, err))
    return {s: _in_words(units.get(s, {})) for s in site_ids}


def _in_words(units: dict[str, list[str]]) -> str:
    if not units:
        return "no representative age"
    return " / ".join(f"{unit}: {'; '.join(vals)}" for unit, vals in units.items())


def lead_label(site_ages: pd.DataFrame, site_id: str) -> str:
    """How old the site's rock is, in words: the lead unit and its estimates, e.g.
    ``"mare basalts: 2.030 ± 0.004 Ga; 1.96 ± 0.06 Ga"``; ``"no representative age"``."""
    return lead_labels(site_ages[site_ages["site_id"] == site_id], [site_id])[site_id]


def about_ga(values_ma: list[float] | pd.Series, lang: str = "en") -> str:
    """Plain-language age for a tour or caption: ``"about 2.0 billion years"`` when every
    value rounds to the same tenth of a billion years, else ``"3.58 to 3.80 billion years"``
    (written for *lang*: ``environ 2,0 milliards d’années``, ``约 20 亿年``)."""
    vals = [float(v) for v in values_ma if pd.notna(v)]
    if not vals:
        return ""
    lo, hi = min(vals) / 1000.0, max(vals) / 1000.0
    if round(lo, 1) == round(hi, 1):
        return about_billion_years(lo, lang)
    return billion_years_range(lo, hi, lang)
