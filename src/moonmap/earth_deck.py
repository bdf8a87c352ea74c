"""Pure pydeck builder for the Earth map of holders and journeys (no Streamlit).

Layers, bottom to top: an ocean rectangle; the shipped Natural Earth country outlines
(``static/earth_countries.geojson``, loaded by the browser from Streamlit's static server so
the 150 kB file is never re-sent with the chart); great-circle arcs from origin to holder;
one marker per holder; a ring around the selected holder. ``map_provider=None``: no tiles.

Marker area follows the published mass a holder has (log scale); a holder whose holdings
have no published mass is drawn as a hollow ring of fixed size, never as a small dot.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from moonmap.deck import (
    FONT_SETTINGS,
    CompactDeck,
    log_radius_px,
    marker_layers,
    scaled,
    with_glyphs,
)
from moonmap.frames import rows
from moonmap.holdings import COLOR_BY as COLOR_TITLES
from moonmap.holdings import KIND_LABELS, EarthSelection, category_rgb, legend_items, mass_text
from moonmap.i18n import N_, country_name, gettext_for, integer, translations

#: Relative URL of the shipped country outlines (Streamlit static serving).
EARTH_GEOJSON_URL = "app/static/earth_countries.geojson"

OCEAN_RGB = [14, 30, 48]
LAND_RGB = [58, 66, 80]
HOLDER_LAND_RGB = [84, 96, 118]
BORDER_RGB = [130, 140, 155]

OCEAN_LAYER_ID = "ocean"
COUNTRIES_LAYER_ID = "countries"
ARCS_LAYER_ID = "journeys"
HOLDERS_LAYER_ID = "holders"
SELECTED_LAYER_ID = "selected-holder"

#: Tooltip template (trusted constant; field values are escaped by Streamlit's frontend).
#: Holder and journey records carry the same four fields.
BADGES_LAYER_ID = "shared-point-badges"

TOOLTIP = {
    "html": "<b>{title}</b><br/>{line1}<br/>{line2}<br/>{line3}",
    "style": {"backgroundColor": "#111", "color": "#fff", "fontSize": "14px"},
}


@dataclass(frozen=True)
class EarthView:
    key: str
    label: str
    latitude: float
    longitude: float
    zoom: float


#: Camera presets (Web Mercator; the world preset fits 360 degrees into about 700 px).
EARTH_VIEWS: dict[str, EarthView] = {
    v.key: v
    for v in (
        EarthView("world", N_("World"), 30.0, 15.0, 0.45),
        EarthView("americas", N_("North America"), 38.0, -90.0, 2.3),
        EarthView("europe", N_("Europe"), 50.0, 15.0, 3.0),
        EarthView("east-asia", N_("East Asia"), 32.0, 112.0, 2.8),
        EarthView("beijing", N_("Beijing"), 39.95, 116.35, 9.5),
    )
}
DEFAULT_EARTH_VIEW = "world"


def holder_radius_px(mass_g: float | None, lo: float = 4.0, hi: float = 16.0) -> float:
    """Radius on a log scale of published mass: 0.1 g -> *lo*, 10 kg -> *hi* (clamped).

    A missing mass returns the middle of the range (the marker is then drawn hollow).
    """
    return log_radius_px(mass_g, lo, hi, 0.1, 10_000.0, missing=(lo + hi) / 2)


def short_name(name: str) -> str:
    """A holder's name without its parenthesised details (for tooltips)."""
    return str(name).split(" (")[0].strip()


def _mass_words(r, lang: str) -> str:
    """A summary row's plain-words mass, in *lang* (the row's own text is English)."""
    if lang == "en":
        return r.mass
    return mass_text(r.mass_known_g, r.n_mass_known, r.n_mass_unpublished, lang)


def holder_records(holders: pd.DataFrame, color_by: str = "family", lang: str = "en") -> list[dict]:
    """Marker records for holders with a known position (see ``holder_summary``); tooltip
    words and country names in *lang* (holder and city names as the catalog has them)."""
    tr = translations(lang)
    out = []
    for r in rows(holders):
        if pd.isna(r.lat_deg) or pd.isna(r.lon_deg):
            continue
        rgb = list(category_rgb(getattr(r, color_by), color_by))
        known = r.n_mass_known > 0
        country = country_name(r.country, lang, r.country_name)
        place = ", ".join(str(x) for x in (r.city, country) if isinstance(x, str) and x)
        out.append(
            {
                "custodian_id": r.custodian_id,
                "position": [round(float(r.lon_deg), 3), round(float(r.lat_deg), 3)],
                "radius": holder_radius_px(r.mass_known_g if known else None),
                "fill": rgb + [235 if known else 0],
                "line": rgb + [255],
                "title": short_name(r.holder),
                "line1": place,
                "line2": _mass_words(r, lang),
                "line3": f"{r.missions} · "
                + tr.ngettext("{n} holding", "{n} holdings", r.n_holdings).format(
                    n=integer(r.n_holdings, lang)
                ),
            }
        )
    return _note_shared_points(out, lang)


def _point_key(position) -> tuple[float, float]:
    return round(position[0] / 0.01) * 0.01, round(position[1] / 0.01) * 0.01


def _note_shared_points(records: list[dict], lang: str = "en") -> list[dict]:
    """Holders drawn on top of each other (within about 1 km, e.g. MNHN and IPGP in Paris, or
    institutions placed at their city's centre) say so in their tooltip and carry
    ``shared`` = how many share the point."""
    at: dict[tuple, list[dict]] = {}
    for rec in records:
        at.setdefault(_point_key(rec["position"]), []).append(rec)
    for group in at.values():
        for rec in group:
            rec["shared"] = len(group)
            if len(group) > 1:
                others = ", ".join(o["title"] for o in group if o is not rec)
                rec["line3"] += gettext_for(lang)(" · same point as {others}").format(others=others)
    return records


def shared_point_badges(records: list[dict]) -> list[dict]:
    """One badge per point where several holders are drawn: the number of holders there."""
    seen, out = set(), []
    for rec in records:
        key = _point_key(rec["position"])
        if rec.get("shared", 1) > 1 and key not in seen:
            seen.add(key)
            out.append({"position": rec["position"], "count": str(rec["shared"])})
    return out


def _badge_layer(badges: list[dict], scale: float) -> pdk.Layer:
    """Counts drawn beside points where several holders sit on top of each other."""
    layer = pdk.Layer(
        "TextLayer",
        id=BADGES_LAYER_ID,
        data=badges,
        get_position="position",
        get_text="count",
        get_size=round(13 * scale),
        size_units="'pixels'",
        get_color=[255, 255, 255, 255],
        get_pixel_offset=[round(14 * scale), round(-14 * scale)],
        font_weight="'bold'",
        font_settings=FONT_SETTINGS,
        outline_width=4,
        outline_color=[0, 0, 0, 255],
        pickable=False,
    )
    return with_glyphs(layer, (b["count"] for b in badges))  # digits: a tiny atlas


def journey_records(arcs: pd.DataFrame, color_by: str = "family", lang: str = "en") -> list[dict]:
    """Arc records (see ``moonmap.holdings.journeys``), tooltip words in *lang*."""
    t = gettext_for(lang)
    out = []
    for r in rows(arcs):
        rgb = list(category_rgb(getattr(r, color_by), color_by))
        out.append(
            {
                "custodian_id": r.custodian_id,
                "from": [round(r.from_lon, 3), round(r.from_lat, 3)],
                "to": [round(r.to_lon, 3), round(r.to_lat, 3)],
                "source_color": rgb + [110],
                "target_color": rgb + [240],
                "title": f"{short_name(r.origin_name)} → {short_name(r.holder)}",
                "line1": r.missions,
                "line2": _mass_words(r, lang),
                "line3": t("{kind}, from {year}").format(
                    kind=t(KIND_LABELS[r.kind]) if r.kind in KIND_LABELS else r.kind,
                    year=r.first_year,
                ),
            }
        )
    return out


def _land_color_expression(highlight: list[str]) -> str | list[int]:
    """deck.gl JSON accessor tinting the countries in *highlight* (Natural Earth names).

    pydeck passes an unquoted string through as an expression; names are matched literally
    (they come from the data package, and quotes are rejected to keep the expression safe).
    """
    names = [n for n in highlight if n and "'" not in n and "\\" not in n]
    if not names:
        return LAND_RGB
    test = " || ".join(f"properties.name == '{n}'" for n in sorted(set(names)))
    return f"({test}) ? {HOLDER_LAND_RGB} : {LAND_RGB}"


def earth_deck(
    holder_recs: list[dict],
    arc_recs: list[dict],
    *,
    view: str = DEFAULT_EARTH_VIEW,
    highlight_countries: list[str] | None = None,
    selected: str | None = None,
    scale: float = 1.0,
    geojson_url: str = EARTH_GEOJSON_URL,
    height: int = 540,
    focus: str | None = None,
    compact: bool = False,
) -> pdk.Deck:
    """The Earth map: ocean, countries, journeys, holders, selected-holder ring.

    Parameters
    ----------
    holder_recs, arc_recs
        From :func:`holder_records` and :func:`journey_records` (already filtered).
    view
        Key of :data:`EARTH_VIEWS`.
    highlight_countries
        Natural Earth names of countries to tint (those with a shown holder).
    selected
        ``custodian_id`` to ring in red.
    scale
        Multiplier for marker radii and arc widths (presentation mode).
    focus
        ``custodian_id`` the camera centres on (keeping the preset's zoom), with a short
        animated transition.
    compact
        A narrow screen (phone): zoomed out so the preset's region fits.
    """
    preset = EARTH_VIEWS.get(view, EARTH_VIEWS[DEFAULT_EARTH_VIEW])
    centre = next((r["position"] for r in holder_recs if r.get("custodian_id") == focus), None)
    layers = [
        pdk.Layer(
            "SolidPolygonLayer",
            id=OCEAN_LAYER_ID,
            data=[{"polygon": [[-180, -85], [180, -85], [180, 85], [-180, 85]]}],
            get_polygon="polygon",
            get_fill_color=OCEAN_RGB,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id=COUNTRIES_LAYER_ID,
            data=geojson_url,
            filled=True,
            stroked=True,
            get_fill_color=_land_color_expression(highlight_countries or []),
            get_line_color=BORDER_RGB,
            line_width_units="'pixels'",
            line_width_min_pixels=0.6,
            pickable=False,
            update_triggers={"getFillColor": sorted(highlight_countries or [])},
        ),
    ]
    if arc_recs:
        layers.append(
            pdk.Layer(
                "ArcLayer",
                id=ARCS_LAYER_ID,
                data=arc_recs,
                get_source_position="from",
                get_target_position="to",
                get_source_color="source_color",
                get_target_color="target_color",
                get_width=2.0 * scale,
                width_units="'pixels'",
                great_circle=True,
                get_height=0.35,
                pickable=True,
                auto_highlight=True,
            )
        )
    sized = scaled(holder_recs, scale)
    layers += marker_layers(
        sized,
        HOLDERS_LAYER_ID,
        key="custodian_id",
        selected=selected,
        selected_id=SELECTED_LAYER_ID,
        fill="fill",
        line="line",
        line_width=2 * scale,
        scale=scale,
    )
    badges = shared_point_badges(sized)
    if badges:
        layers.append(_badge_layer(badges, scale))
    return CompactDeck(
        layers=layers,
        views=[pdk.View(type="MapView", controller=True, repeat=True)],
        initial_view_state=pdk.ViewState(
            latitude=preset.latitude if centre is None else centre[1],
            longitude=preset.longitude if centre is None else centre[0],
            zoom=preset.zoom - (0.8 if compact else 0.0),
            min_zoom=-0.5,
            max_zoom=12,
            transition_duration=900,
        ),
        map_provider=None,
        tooltip=TOOLTIP,
        height=height,
    )


def selection_deck(
    es: EarthSelection,
    highlight_countries: list[str],
    *,
    view: str = DEFAULT_EARTH_VIEW,
    color_by: str = "family",
    selected: str | None = None,
    scale: float = 1.0,
    height: int = 540,
    focus: str | None = None,
    compact: bool = False,
    lang: str = "en",
) -> pdk.Deck:
    """:func:`earth_deck` for an :class:`~moonmap.holdings.EarthSelection`, in *lang*."""
    return earth_deck(
        holder_records(es.holders, color_by, lang),
        journey_records(es.journeys, color_by, lang),
        view=view,
        highlight_countries=highlight_countries,
        selected=selected,
        scale=scale,
        height=height,
        focus=focus,
        compact=compact,
    )


def earth_legend_html(color_by: str, lang: str = "en") -> str:
    """Swatches for *color_by* plus the meaning of marker size and hollow rings, in *lang*.

    Built only from constants and their translations (escaped), never from catalog or user
    text, so it is safe to render as HTML.
    """
    t = gettext_for(lang)
    title = t(COLOR_TITLES.get(color_by, color_by))
    swatches = "".join(
        '<span style="display:inline-block;margin:0 0.9em 0.2em 0;white-space:nowrap">'
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
        f'background:rgb({r},{g},{b});vertical-align:middle"></span> '
        f"{html.escape(t(KIND_LABELS[label]) if label in KIND_LABELS else label)}</span>"
        for label, (r, g, b) in legend_items(color_by)
    )
    aria = t(
        "Legend: colour is the {title}; marker size is the published mass; a hollow ring "
        "means the mass is not published"
    ).format(title=title.lower())
    hollow = t("hollow ring: mass not published (not zero)")
    filled = t("Filled marker: size grows with the published mass (log scale, 0.1 g to 10 kg).")
    arcs = t(
        "Arcs: journeys from the store the material left (thin end) to its holder (bright end)."
    )
    return (
        f'<div class="moonmap-legend" role="img" aria-label="{html.escape(aria)}" '
        'style="font-size:0.85rem;margin:0.2rem 0 0.8rem 0">'
        f"<div><b>{html.escape(title)}</b></div><div>{swatches}</div>"
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
        'border:2px solid #bbb;vertical-align:middle"></span> '
        f"{html.escape(hollow)}</div><div>{html.escape(filled)}</div>"
        f"<div>{html.escape(arcs)}</div></div>"
    )
