"""Vega-Lite chart specs built from catalog rows (plain dicts: no Altair, no Streamlit).

Plain dicts render offline through Streamlit's bundled Vega and cost nothing to validate on a
rerun. Each function returns ``(data, spec)`` for ``st.vega_lite_chart(data, spec)``.
"""

from __future__ import annotations

import pandas as pd

from moonmap.i18n import N_

# Okabe & Ito (2008) colour-blind-safe palette, assigned to methods in alphabetical order.
PALETTE = [
    "#56b4e9",
    "#e69f00",
    "#009e73",
    "#f0e442",
    "#0072b2",
    "#d55e00",
    "#cc79a7",
    "#bbbbbb",
]


def method_scale(methods: list[str]) -> dict:
    """A fixed colour per dating method (stable across filters: assigned over *methods*)."""
    names = sorted(set(methods))
    return {"domain": names, "range": [PALETTE[i % len(PALETTE)] for i in range(len(names))]}


def _age_data(rows: pd.DataFrame) -> pd.DataFrame:
    err = rows["age_err_ma"].fillna(0.0)
    return pd.DataFrame(
        {
            "mission": rows["mission"],
            "sample": rows["sample_id"],
            "nickname": rows["nickname"].fillna(""),
            "age_ga": rows["age_ma"] / 1000.0,
            "lo_ga": (rows["age_ma"] - err) / 1000.0,
            "hi_ga": (rows["age_ma"] + err) / 1000.0,
            "pm_ma": rows["age_err_ma"],
            "method": rows["method"],
            "event": rows["event"].astype("string").fillna("not stated")
            if "event" in rows
            else "not stated",
            "status": rows.get("status", "current"),
            "source": rows["source"].fillna(""),
        }
    )


#: Legend titles of the fields a chart can be coloured by.
COLOUR_TITLES = {
    "method": N_("Dating method"),
    "event": N_("What the age dates"),
    "status": N_("Status"),
}


def _colour(colour_by: str, domain: list[str], title: bool = True) -> dict:
    enc = {"field": colour_by, "type": "nominal", "scale": method_scale(domain)}
    if title:
        enc["title"] = COLOUR_TITLES.get(colour_by, colour_by)
    return enc


def ages_by_mission(
    rows: pd.DataFrame, mission_order: list[str], all_methods: list[str], colour_by: str = "method"
) -> tuple[pd.DataFrame, dict]:
    """Each age as a point on its mission's row with its ± as a bar, coloured by method (or
    by ``event`` / ``status``; *all_methods* is then that field's full list of values)."""
    data = _age_data(rows)
    y = {"field": "mission", "type": "nominal", "sort": mission_order, "title": None}
    tooltip = [
        {"field": "sample", "title": N_("Sample")},
        {"field": "nickname", "title": N_("Nickname")},
        {"field": "age_ga", "title": N_("Age (Ga)"), "format": ".3f"},
        {"field": "pm_ma", "title": N_("± (Ma)")},
        {"field": "method", "title": N_("Method")},
        {"field": "event", "title": N_("What it dates")},
        {"field": "status", "title": N_("Status")},
        {"field": "source", "title": N_("Source")},
    ]
    x_title = N_("Age (billions of years, Ga)")
    spec = {
        "height": max(160, 34 * data["mission"].nunique()),
        "encoding": {"y": y},
        "layer": [
            {
                "mark": {"type": "rule", "opacity": 0.7},
                "encoding": {
                    "x": {
                        "field": "lo_ga",
                        "type": "quantitative",
                        "title": x_title,
                        "scale": {"zero": False},
                    },
                    "x2": {"field": "hi_ga"},
                    "color": _colour(colour_by, all_methods, title=False),
                },
            },
            {
                "mark": {"type": "point", "filled": True, "size": 60, "opacity": 0.9},
                "encoding": {
                    "x": {"field": "age_ga", "type": "quantitative", "title": x_title},
                    "color": _colour(colour_by, all_methods),
                    "yOffset": {"field": colour_by, "type": "nominal"},
                    "tooltip": tooltip,
                },
            },
        ],
    }
    return data, spec


def age_histogram(
    rows: pd.DataFrame, all_methods: list[str], colour_by: str = "method"
) -> tuple[pd.DataFrame, dict]:
    """Counts of ages in 0.1 Ga bins, stacked by method (or ``event`` / ``status``)."""
    data = _age_data(rows)
    spec = {
        "height": 220,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "age_ga",
                "type": "quantitative",
                "bin": {"step": 0.1},
                "title": N_("Age (Ga), 0.1 Ga bins"),
            },
            "y": {"aggregate": "count", "type": "quantitative", "title": N_("Age determinations")},
            "color": _colour(colour_by, all_methods),
            "tooltip": [
                {"field": "age_ga", "bin": {"step": 0.1}, "title": N_("Age bin (Ga)")},
                {"aggregate": "count", "title": N_("Ages")},
                {"field": colour_by, "title": COLOUR_TITLES.get(colour_by, colour_by)},
            ],
        },
    }
    return data, spec
