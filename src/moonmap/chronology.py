"""Lunar crater chronology: crater density N(1) against age, and the sample calibration points.

A chronology function turns a count of craters on a surface into an age. Its published form
(Neukum 1983; Neukum, Ivanov & Hartmann 2001, Space Sci. Rev. 96, 55-86,
doi:10.1023/A:1011989004263) is

    N(1) = a · (exp(b·T) − 1) + c·T

with N(1) the cumulative number of craters ≥ 1 km per km² and T the age in Ga. The constants
below are those Craterstats (G. Michael) implements for each model (source ``craterstats-
functions``); the papers' own equation text could not be consulted offline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from moonmap.catalog import Catalog
from moonmap.detail import with_source
from moonmap.i18n import N_


@dataclass(frozen=True)
class ChronologyModel:
    key: str
    label: str
    a: float
    b: float  # per Ga
    c: float  # per km² per Ga
    source_id: str

    def n1(self, t_ga):
        """N(1) in km⁻² at age *t_ga* (Ga); works on scalars and arrays."""
        t = np.asarray(t_ga, dtype=float)
        return self.a * (np.exp(self.b * t) - 1.0) + self.c * t

    def age_ga(self, n1: float, hi: float = 4.6) -> float:
        """Inverse: the age (Ga) at which the model reaches *n1* (bisection; NaN if out of
        range)."""
        if not (n1 > 0 and math.isfinite(n1)) or n1 > float(self.n1(hi)):
            return math.nan
        lo_t, hi_t = 0.0, hi
        for _ in range(80):
            mid = (lo_t + hi_t) / 2
            if float(self.n1(mid)) < n1:
                lo_t = mid
            else:
                hi_t = mid
        return (lo_t + hi_t) / 2


MODELS = {
    m.key: m
    for m in (
        ChronologyModel(
            "neukum2001", "Neukum et al. (2001)", 5.44e-14, 6.93, 8.38e-4, "neukum-2001-chronology"
        ),
        ChronologyModel(
            "yue2022",
            N_("Yue et al. (2022), with Chang'e-5"),
            1.089e-13,
            6.757,
            7.660e-4,
            "yue-2022-ce5-chronology",
        ),
    )
}


def curves(t_max: float = 4.5, step: float = 0.02) -> pd.DataFrame:
    """Long table of every model's N(1) from 0.02 Ga to *t_max* (Ga)."""
    t = np.round(np.arange(step, t_max + step / 2, step), 4)
    frames = [pd.DataFrame({"age_ga": t, "n1": m.n1(t), "model": m.label}) for m in MODELS.values()]
    return pd.concat(frames, ignore_index=True)


def calibration_points(cat: Catalog) -> pd.DataFrame:
    """Calibration rows with their age (from ages.csv), mission, N(1), and both sources.

    Columns: ``point_id, site_id, mission, age_id, sample_id, age_ga, age_err_ga, n1,
    n1_err, age_source, age_link, n1_source, n1_link, note``.
    """
    pts = cat.calibration_points
    ages = cat.ages[["age_id", "sample_id", "age_ma", "age_err_ma", "source_id"]]
    out = pts.merge(ages, on="age_id", how="left")
    out = out.merge(
        pd.DataFrame(cat.sites.drop(columns="geometry"))[["site_id", "mission"]],
        on="site_id",
        how="left",
    )
    out = with_source(out, cat).rename(columns={"source": "age_source", "link": "age_link"})
    n1src = with_source(out[["point_id"]].assign(source_id=out["n1_source_id"]), cat).rename(
        columns={"source": "n1_source", "link": "n1_link"}
    )
    out = out.merge(n1src[["point_id", "n1_source", "n1_link"]], on="point_id", how="left")
    return pd.DataFrame(
        {
            "point_id": out["point_id"],
            "site_id": out["site_id"],
            "mission": out["mission"],
            "age_id": out["age_id"],
            "sample_id": out["sample_id"],
            "age_ga": out["age_ma"] / 1000.0,
            "age_err_ga": out["age_err_ma"] / 1000.0,
            "n1": out["n1_per_km2"],
            "n1_err": out["n1_err_per_km2"],
            "age_source": out["age_source"],
            "age_link": out["age_link"],
            "n1_source": out["n1_source"],
            "n1_link": out["n1_link"],
            "note": out["note"],
        }
    )


def chart(points: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Vega-Lite layers: model curves (log N(1)), calibration points with error bars, and a
    vertical rule for each dated site without a published N(1)."""
    curve = curves().assign(kind="curve")
    pts = points.dropna(subset=["n1"]).assign(kind="point")
    pts = pts.assign(
        n1_lo=pts["n1"] - pts["n1_err"].fillna(0), n1_hi=pts["n1"] + pts["n1_err"].fillna(0)
    )
    rules = points[points["n1"].isna()].assign(kind="rule")
    data = pd.concat([curve, pts, rules], ignore_index=True)
    x = {
        "field": "age_ga",
        "type": "quantitative",
        "title": N_("Age (billions of years, Ga)"),
        "scale": {"domain": [0, 4.5]},
    }
    y = {
        "field": "n1",
        "type": "quantitative",
        "title": N_("N(1): craters ≥ 1 km per km²"),
        "scale": {"type": "log", "domain": [1e-4, 1]},
    }
    spec = {
        "height": 360,
        "layer": [
            {
                "transform": [{"filter": "datum.kind === 'curve'"}],
                "mark": {"type": "line", "strokeWidth": 2},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": {
                        "field": "model",
                        "type": "nominal",
                        "title": N_("Chronology"),
                        "scale": {"range": ["#56b4e9", "#e69f00"]},
                    },
                    "strokeDash": {"field": "model", "type": "nominal", "legend": None},
                },
            },
            {
                "transform": [{"filter": "datum.kind === 'point'"}],
                "mark": {"type": "rule", "color": "#f0e442", "strokeWidth": 2},
                "encoding": {"x": x, "y": {**y, "field": "n1_lo"}, "y2": {"field": "n1_hi"}},
            },
            {
                "transform": [{"filter": "datum.kind === 'point'"}],
                "mark": {
                    "type": "point",
                    "filled": True,
                    "size": 140,
                    "color": "#f0e442",
                    "stroke": "#111",
                    "strokeWidth": 1,
                },
                "encoding": {
                    "x": x,
                    "y": y,
                    "tooltip": [
                        {"field": "mission", "title": N_("Site")},
                        {"field": "age_ga", "title": N_("Age (Ga)"), "format": ".3f"},
                        {"field": "n1", "title": N_("N(1) per km²"), "format": ".2e"},
                        {"field": "age_source", "title": N_("Age source")},
                        {"field": "n1_source", "title": N_("N(1) source")},
                    ],
                },
            },
            {
                "transform": [{"filter": "datum.kind === 'point'"}],
                "mark": {
                    "type": "text",
                    "dx": 10,
                    "align": "left",
                    "color": "#f0e442",
                    "fontSize": 13,
                },
                "encoding": {"x": x, "y": y, "text": {"field": "mission"}},
            },
            {
                "transform": [{"filter": "datum.kind === 'rule'"}],
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": "#cc79a7"},
                "encoding": {
                    "x": x,
                    "tooltip": [
                        {"field": "mission", "title": N_("Site")},
                        {"field": "age_ga", "title": N_("Age (Ga)"), "format": ".3f"},
                        {"field": "note", "title": N_("Note")},
                    ],
                },
            },
        ],
    }
    return data, spec
