"""Pure pydeck builders: catalog data in, ``pydeck.Deck`` out (no Streamlit)."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from moonmap.queries import format_age_range, format_mass

#: Relative URL of the shipped Moon mosaic (Streamlit static serving, see TECH-NOTES).
MOON_IMAGE_URL = "app/static/moon_2k.jpg"
WHOLE_WORLD = [-180, -90, 180, 90]

NEAR_SIDE = {"latitude": 5.0, "longitude": 10.0, "zoom": 1.4}

SITE_FILL = [242, 193, 78, 235]  # amber: readable on grey basalt and bright highlands
SITE_LINE = [20, 20, 20, 255]
LABEL_COLOUR = [255, 255, 255, 255]

SITES_LAYER_ID = "sites"
TOOLTIP = {
    "html": "<b>{mission}</b><br/>{site_name}<br/>Landed {landing_date}"
    "<br/>Returned {mass_label}<br/>Dated ages {age_label}",
    "style": {"backgroundColor": "#111", "color": "#fff", "fontSize": "14px"},
}


def marker_radius_px(mass_g: float | None, lo: float = 4.0, hi: float = 11.0) -> float:
    """Marker radius in pixels on a log scale of returned mass (10 g -> lo, 100 kg -> hi).

    Parameters
    ----------
    mass_g
        Returned mass in grams; missing or non-positive masses get the smallest marker.
    lo, hi
        Radii for 10 g and 100 kg; values beyond are clamped.
    """
    if mass_g is None or pd.isna(mass_g) or mass_g <= 0:
        return lo
    t = (math.log10(mass_g) - 1.0) / 4.0  # log10(10 g) = 1, log10(100 kg) = 5
    return round(lo + (hi - lo) * min(max(t, 0.0), 1.0), 2)


def site_records(summary: pd.DataFrame) -> list[dict]:
    """JSON-safe records (no NaN) for the sites layer from :func:`moonmap.queries.site_summary`."""
    records = []
    for row in summary.itertuples(index=False):
        records.append(
            {
                "site_id": row.site_id,
                "mission": row.mission,
                "site_name": row.site_name,
                "position": [float(row.lon_deg), float(row.lat_deg)],
                "landing_date": str(row.landing_utc)[:10],
                "mass_label": format_mass(row.returned_mass_g),
                "age_label": format_age_range(row.age_min_ma, row.age_max_ma),
                "radius": marker_radius_px(row.returned_mass_g),
            }
        )
    return records


def moon_globe_deck(
    summary: pd.DataFrame,
    view: dict | None = None,
    image_url: str = MOON_IMAGE_URL,
    height: int = 560,
) -> pdk.Deck:
    """A 3D Moon globe with the shipped basemap and one labelled marker per site.

    Parameters
    ----------
    summary
        Output of :func:`moonmap.queries.site_summary` (or a filtered subset).
    view
        ``latitude``, ``longitude`` and ``zoom`` of the initial camera; near side by default.
    image_url
        URL of an equirectangular global Moon image (served, never inlined).
    height
        Chart height in pixels.

    Returns
    -------
    pydeck.Deck
        With ``map_provider=None`` so no Earth tiles are ever requested.
    """
    records = site_records(summary)
    view = {**NEAR_SIDE, **(view or {})}
    basemap = pdk.Layer(
        "BitmapLayer",
        id="moon-basemap",
        image=f"'{image_url}'",
        bounds=WHOLE_WORLD,
        pickable=False,
    )
    sites = pdk.Layer(
        "ScatterplotLayer",
        id=SITES_LAYER_ID,
        data=records,
        get_position="position",
        get_radius="radius",
        radius_units="'pixels'",
        get_fill_color=SITE_FILL,
        get_line_color=SITE_LINE,
        line_width_min_pixels=2,
        stroked=True,
        filled=True,
        pickable=True,
        auto_highlight=True,
    )
    labels = pdk.Layer(
        "TextLayer",
        id="site-labels",
        data=records,
        get_position="position",
        get_text="mission",
        get_size=14,
        size_units="'pixels'",
        get_color=LABEL_COLOUR,
        get_pixel_offset=[0, -22],
        outline_width=3,
        outline_color=[0, 0, 0, 255],
        pickable=False,
    )
    return pdk.Deck(
        layers=[basemap, sites, labels],
        views=[pdk.View(type="_GlobeView", controller=True)],
        initial_view_state=pdk.ViewState(
            latitude=view["latitude"], longitude=view["longitude"], zoom=view["zoom"]
        ),
        map_provider=None,
        tooltip=TOOLTIP,
        parameters={"cull": True},
        height=height,
    )
