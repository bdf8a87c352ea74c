"""Pure pydeck builders: catalog data in, ``pydeck.Deck`` out (no Streamlit).

Two kinds of map share the same layers:

* a 3D globe (``_GlobeView``) with presets for the near side, far side and both poles;
* a flat simple-cylindrical map of the whole Moon (``OrthographicView`` with x = longitude,
  y = latitude), the planetary-mapping standard, poles included.

Notes on deck.gl inside Streamlit (see ``../shared/TECH-NOTES.md``): the basemap is a
relative static URL (quoted, so pydeck neither inlines nor evaluates it); ``map_provider=None``
keeps Earth tiles away; text layers on the globe need ``cullMode: "none"`` (deck.gl issue
9777) and no depth test, so labels are only emitted for sites on the hemisphere the preset
faces.
"""

from __future__ import annotations

import functools
import html
import json
import math
import weakref
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pydeck as pdk
import pydeck.bindings.deck as _pdk_deck
from pydeck.bindings.json_tools import default_serialize

from moonmap.colors import age_rgba
from moonmap.data.names import mission_names
from moonmap.frames import rows as frame_rows
from moonmap.geo import angular_distance_deg, moon_geod
from moonmap.i18n import N_, gettext_for, integer, translations
from moonmap.memo import by_identity
from moonmap.moon.labels import LabelStyle, atlas, shapes, text_size_px
from moonmap.moon.labels import key as label_key
from moonmap.queries import format_mass
from moonmap.regions import polar_radius_km as _ellipse_radius_km

#: Relative URL of the shipped Moon mosaic (Streamlit static serving, see TECH-NOTES).
MOON_IMAGE_URL = "app/static/moon_2k.jpg"
WHOLE_WORLD = [-180, -90, 180, 90]


@dataclass(frozen=True)
class ViewPreset:
    """A named camera: a globe position or the flat map."""

    key: str
    label: str
    kind: str  # "globe" or "flat"
    latitude: float = 0.0
    longitude: float = 0.0
    zoom: float = 1.8


#: Zooms measured in headless Chromium so the disc is about 450 px across; GlobeView's zoom
#: grows with latitude, hence the lower zoom at the poles.
VIEWS: dict[str, ViewPreset] = {
    p.key: p
    for p in (
        ViewPreset("near", N_("Near side"), "globe", 5.0, 10.0, 1.8),
        ViewPreset("far", N_("Far side"), "globe", -20.0, 180.0, 1.75),
        ViewPreset("north", N_("North pole"), "globe", 89.9, 0.0, -1.6),
        ViewPreset("south", N_("South pole"), "globe", -89.9, 180.0, -1.6),
        ViewPreset("flat", N_("Flat map (2D)"), "flat", 0.0, 0.0, 1.25),
        ViewPreset("site", N_("Close-up of the selected site"), "flat", 0.0, 0.0, 10.0),
    )
}
DEFAULT_VIEW = "near"

SITE_LINE = [255, 255, 255, 255]
SELECTED_LINE = [255, 80, 80, 255]
LABEL_COLOUR = [255, 255, 255, 255]
REGION_COLOUR = [125, 211, 252, 200]
REGION_LABEL_COLOUR = [186, 230, 253, 230]
#: How mission and region names are drawn (letter size in px at scale 1).
SITE_LABEL = LabelStyle(16.5, tuple(LABEL_COLOUR))
REGION_LABEL = LabelStyle(13, tuple(REGION_LABEL_COLOUR))

SITES_LAYER_ID = "sites"
MARKER_EDGE_LAYER_ID = "sites-edge"
SELECTED_LAYER_ID = "selected-site"
#: One TextLayer for the mission and region names (``kind`` "site" or "region" per record):
#: each TextLayer costs the browser a font atlas and a model on the first paint (about 0.3 s
#: for a second one in headless Chromium, see README "Speed").
LABELS_LAYER_ID = "labels"
REGIONS_LAYER_ID = "regions"
BASEMAP_LAYER_ID = "moon-basemap"

#: Tooltip template (trusted constant; Streamlit's frontend escapes the field values).
TOOLTIP = {
    "html": "<b>{mission}</b><br/>{site_name}<br/>Landed {landing_date}"
    "<br/>Returned {mass_label}<br/>Age of its rocks: {age_label}<br/>{match_label}",
    "style": {"backgroundColor": "#111", "color": "#fff", "fontSize": "14px"},
}
#: The tooltip's words, translated (the template is built from constants only: still trusted).
TOOLTIP_WORDS = (N_("Landed"), N_("Returned"), N_("Age of its rocks:"))


def tooltip(lang: str = "en") -> dict:
    """:data:`TOOLTIP` in *lang* (its words escaped: the template is HTML)."""
    if lang == "en":
        return TOOLTIP
    t = gettext_for(lang)
    landed, returned, age = (html.escape(t(w)) for w in TOOLTIP_WORDS)
    return dict(
        TOOLTIP,
        html=f"<b>{{mission}}</b><br/>{{site_name}}<br/>{landed} {{landing_date}}"
        f"<br/>{returned} {{mass_label}}<br/>{age} {{age_label}}<br/>{{match_label}}",
    )


#: Labels on the globe are drawn for sites within this angle of the view centre.
LABEL_MAX_ANGLE_DEG = 80.0


# pydeck asks five times per Deck whether its Jupyter widget can be imported (a failed import
# each time, ~5 ms per deck); the answer does not change while the process runs.
if not hasattr(_pdk_deck.has_jupyter_extra, "cache_info"):
    _pdk_deck.has_jupyter_extra = functools.cache(_pdk_deck.has_jupyter_extra)

#: Layers whose JSON does not change with the filters (the region outlines) -> their key.
#: (Kept outside the layer: pydeck would serialise any attribute set on it.)
_STATIC_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: Layer properties written into the JSON as they are (by ``CompactDeck``), for values that
#: pydeck's string handling would mangle: it turns a list of strings into a JavaScript
#: expression and strips every quote from a quoted literal (the apostrophe of "Chang'e").
_VERBATIM: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: JSON of layers that do not change with the filters, by static key.
_STATIC_LAYER_JSON: dict[tuple, dict] = {}
#: Outline dots and label points per regions table (pure geometry, see region_records()).
_REGION_RECORDS: dict[tuple, tuple[list[dict], list[dict]]] = {}


@by_identity  # catalog tables are not modified once loaded
def _regions_key(regions: pd.DataFrame) -> tuple:
    cols = ["region_id", "center_lat_deg", "center_lon_deg", "major_axis_km", "minor_axis_km"]
    return tuple(map(tuple, regions[cols].astype(str).to_numpy()))


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON has no indentation, serialised once.

    pydeck pretty-prints with ``indent=2``, which puts every coordinate on its own indented
    line and roughly triples the bytes Streamlit sends to the browser on every rerun that
    changes the chart. The content is identical. Layers listed in ``_STATIC_KEYS``
    (the region outlines) are serialised once per process and reused: pydeck's serialiser is
    the slow part of a rerun, and their JSON does not depend on the filters.
    """

    def to_json(self) -> str:
        # Built once: a deck is not changed after construction, and cached decks are shared.
        if getattr(self, "_compact_json", None) is None:
            self._compact_json = json.dumps(self._spec(), separators=(",", ":"), sort_keys=True)
        return self._compact_json

    def _spec(self) -> dict:
        static = {}
        for i, layer in enumerate(self.layers):
            key = _STATIC_KEYS.get(layer)
            if key is None:
                continue
            if key not in _STATIC_LAYER_JSON:
                alone = pdk.Deck(layers=[layer], map_provider=None)
                _STATIC_LAYER_JSON[key] = json.loads(alone.to_json())["layers"][0]
            static[i] = _STATIC_LAYER_JSON[key]
        every = self.layers
        self.layers = [layer for i, layer in enumerate(every) if i not in static]
        try:
            # pydeck's own to_json passes indent=2, which makes json fall back to its
            # pure-Python encoder; the same serialisation without indent uses the C encoder
            # (about 5x faster here). The content is identical (tested).
            spec = json.loads(json.dumps(self, sort_keys=True, default=default_serialize))
        finally:
            self.layers = every
        rest = iter(spec.get("layers", []))
        spec["layers"] = [static[i] if i in static else next(rest) for i in range(len(every))]
        for i, layer in enumerate(every):
            if layer in _VERBATIM:
                spec["layers"][i] = {**spec["layers"][i], **_VERBATIM[layer]}
        return spec


def log_radius_px(
    mass_g: float | None, lo: float, hi: float, lo_g: float, hi_g: float, missing: float
) -> float:
    """Radius in pixels on a log scale of mass: *lo_g* grams -> *lo*, *hi_g* -> *hi*
    (clamped); a missing or non-positive mass gets *missing*. Shared by the Moon and Earth
    maps."""
    if mass_g is None or pd.isna(mass_g) or mass_g <= 0:
        return round(missing, 2)
    t = (math.log10(mass_g) - math.log10(lo_g)) / (math.log10(hi_g) - math.log10(lo_g))
    return round(lo + (hi - lo) * min(max(t, 0.0), 1.0), 2)


def marker_radius_px(mass_g: float | None, lo: float = 6.5, hi: float = 13.0) -> float:
    """Marker radius in pixels on a log scale of returned mass (10 g -> lo, 100 kg -> hi).

    Parameters
    ----------
    mass_g
        Returned mass in grams; missing or non-positive masses get the smallest marker.
    lo, hi
        Radii for 10 g and 100 kg; values beyond are clamped.
    """
    return log_radius_px(mass_g, lo, hi, 10.0, 100_000.0, missing=lo)


@by_identity
def _summary_rows(summary: pd.DataFrame) -> list:
    """The columns the markers use, read once per (shared, unchanging) summary table."""
    used = ["site_id", "mission", "site_name", "lon_deg", "lat_deg", "landing_utc"]
    used += ["returned_mass_g", "rock_age", "rock_age_ma", "n_samples"]
    return list(frame_rows(summary, used))


def site_records(
    summary: pd.DataFrame,
    reasons: dict[str, str] | None = None,
    n_matching: dict[str, int] | None = None,
    lang: str = "en",
    keep=None,
    names: dict[str, str] | None = None,
) -> list[dict]:
    """JSON-safe records (no NaN) for the sites layer.

    Parameters
    ----------
    summary
        Output of :func:`moonmap.queries.site_summary` (or a filtered subset of its rows).
        The marker colour is the site's representative rock age (``rock_age_ma``); grey
        when the site has none.
    reasons
        Per site, the kinds of age that matched the filters (``Selection.site_reasons``),
        shown in the tooltip so a widened filter says why a site is on the map.
    n_matching
        Number of matching samples per site, for the tooltip.
    keep
        If given, only the sites whose ids are in it (in the summary's order).
    names
        Mission name to show (label and tooltip) per ``site_id``, e.g.
        :func:`moonmap.data.names.mission_names` for *lang*; a site not in it shows its
        ``mission`` value.
    """
    reasons = reasons or {}
    names = names or {}
    tr = translations(lang)
    records = []
    for row in _summary_rows(summary):
        if keep is not None and row.site_id not in keep:
            continue
        if n_matching is None:
            match = tr.ngettext(
                "{n} sample in the catalog", "{n} samples in the catalog", row.n_samples
            ).format(n=integer(row.n_samples, lang))
        else:
            m = n_matching.get(row.site_id, 0)
            match = tr.ngettext(
                "{n} of {total} samples matches", "{n} of {total} samples match", m
            ).format(n=integer(m, lang), total=integer(row.n_samples, lang))
        if row.site_id in reasons:
            match += f" ({reasons[row.site_id]})"
        age = row.rock_age_ma
        records.append(
            {
                "site_id": row.site_id,
                "mission": names.get(row.site_id, row.mission),
                "site_name": row.site_name,
                "position": [round(float(row.lon_deg), 4), round(float(row.lat_deg), 4)],
                "landing_date": str(row.landing_utc)[:10],
                "mass_label": format_mass(row.returned_mass_g, lang),
                "age_label": row.rock_age,
                "match_label": match,
                "radius": marker_radius_px(row.returned_mass_g),
                "color": age_rgba(None if pd.isna(age) else float(age)),
            }
        )
    return records


STATIONS_LAYER_ID = "stations"
TRAVERSE_LAYER_ID = "traverse"
STATION_LABELS_LAYER_ID = "station-labels"
STATION_FILL = [255, 216, 77, 240]


def station_records(stations: pd.DataFrame) -> list[dict]:
    """Records for a site's stations (``moonmap.detail.stations_of_site`` rows), in order."""
    out = []
    for r in frame_rows(stations):
        if pd.isna(r.lat_deg) or pd.isna(r.lon_deg):
            continue  # named in the literature, position not published: listed, not drawn
        out.append(
            {
                "site_id": "",
                "station_id": r.station_id,
                "mission": f"{r.order}. {r.name}",
                "site_name": r.samples or "no catalog sample placed here",
                "position": [round(float(r.lon_deg), 6), round(float(r.lat_deg), 6)],
                "landing_date": "—",
                "mass_label": "—",
                "age_label": "—",
                "match_label": f"station {r.order} of the traverse",
                "label": f"{r.order} {r.name}",
                "radius": 6.0,
            }
        )
    return out


USER_LAYER_ID = "user-sites"
USER_FILL = [236, 72, 153, 230]


def user_records(rows: pd.DataFrame) -> list[dict]:
    """Records for a user's uploaded sites (see :mod:`moonmap.upload`), with the same tooltip
    fields as the landing sites; the label stays plain text (escaped by the frontend)."""
    out = []
    for r in frame_rows(rows):
        age = "no age given" if pd.isna(r.age_ma) else f"{r.age_ma / 1000:.2f} Ga (yours)"
        out.append(
            {
                "site_id": "",
                "mission": r.label,
                "site_name": "your site (uploaded, this session only)",
                "position": [round(float(r.lon_deg), 4), round(float(r.lat_deg), 4)],
                "landing_date": "—",
                "mass_label": "—",
                "age_label": age,
                "match_label": "",
                "radius": 6.0,
            }
        )
    return out


#: Spacing of the dots of a region outline, in degrees of arc (about 45 km).
OUTLINE_DOT_DEG = 1.5


def dotted(path: list[list[float]], step_deg: float) -> list[list[float]]:
    """Points every *step_deg* degrees of arc along a lon/lat *path* (great-circle
    segments), including its first and last vertex; rounded to 0.01 degree."""
    if len(path) < 2:
        return [list(p) for p in path]
    lon = np.radians([p[0] for p in path])
    lat = np.radians([p[1] for p in path])
    xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    out = [xyz[:1]]
    for a, b in zip(xyz[:-1], xyz[1:], strict=True):
        angle = math.acos(max(-1.0, min(1.0, float(a @ b))))
        n = max(1, math.ceil(8 * math.degrees(angle) / step_deg))
        t = np.arange(1, n + 1)[:, None] / n
        if angle < 1e-12:
            pts = np.repeat(b[None, :], n, axis=0)
        else:  # slerp
            pts = (np.sin((1 - t) * angle) * a + np.sin(t * angle) * b) / math.sin(angle)
        out.append(pts)
    pts = np.vstack(out)
    # Arc-length resampling of the dense path: the first point at or past each step.
    seg = np.degrees(np.arccos(np.clip(np.einsum("ij,ij->i", pts[:-1], pts[1:]), -1.0, 1.0)))
    run = np.concatenate([[0.0], np.cumsum(seg)])
    marks = np.arange(0.0, run[-1], step_deg)
    idx = np.unique(np.searchsorted(run, marks))
    k = np.vstack([pts[idx[idx < len(pts) - 1]], pts[-1:]])
    lons = np.degrees(np.arctan2(k[:, 1], k[:, 0]))
    lats = np.degrees(np.arcsin(np.clip(k[:, 2], -1.0, 1.0)))
    return [[round(float(x), 2), round(float(y), 2)] for x, y in zip(lons, lats, strict=True)]


def region_records(regions: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Outline paths and label points of the regions layer (JSON-safe).

    A region's label sits just inside the north edge of its outline, away from the landing
    sites that cluster near the middle of the maria.
    """
    paths, labels = [], []
    geod = moon_geod()
    for row in frame_rows(regions):
        for path in row.paths:
            paths.append({"region_id": row.region_id, "path": path})
        if pd.isna(row.minor_axis_km):
            north_km = row.major_axis_km / 2.0
        else:
            north_km = _ellipse_radius_km(
                0.0, row.major_axis_km / 2.0, row.minor_axis_km / 2.0, row.azimuth_deg
            )
        lon, lat, _ = geod.fwd(row.center_lon_deg, row.center_lat_deg, 0.0, 0.85 * north_km * 1000)
        if abs(row.center_lat_deg) + 0.85 * north_km / 30.3 >= 90:  # past the pole: use centre
            lon, lat = row.center_lon_deg, row.center_lat_deg
        labels.append(
            {
                "region_id": row.region_id,
                "name": row.name,
                "position": [round(float(lon), 2), round(float(lat), 2)],
                "centre": [
                    round(float(row.center_lon_deg), 2),
                    round(float(row.center_lat_deg), 2),
                ],
            }
        )
    return paths, labels


#: Rough screen scale of both the near-side globe and the flat map, used to keep labels apart
#: when no camera is given.
PX_PER_DEG = 2.4
#: Disc radius in px of the globe at zoom 1.8 centred on the equator (measured, see VIEWS).
GLOBE_RADIUS_PX = 225.0
#: deck.gl's GlobeView is a perspective view (camera 1.5 viewport heights away), so a site
#: near the limb sits further out than an orthographic view puts it. Camera distance in Moon
#: radii, fitted to marker positions in screenshots (Apollo 11, Luna 16: within ~5 px).
GLOBE_EYE_RADII = 2.7


def screen_xy(position, camera: tuple | None = None) -> tuple[float, float]:
    """Approximate screen position (px, y down) of a lon/lat *position* for *camera*
    ``(kind, lat0, lon0, zoom)``: a perspective view from :data:`GLOBE_EYE_RADII` on the
    globe, ``2**zoom`` px per degree on the flat map. ``None``: the plain
    :data:`PX_PER_DEG` scale."""
    lon, lat = position[0], position[1]
    if camera is None:
        return lon * PX_PER_DEG, -lat * PX_PER_DEG
    kind, lat0, lon0, zoom = camera
    if kind == "flat":
        scale = 2.0**zoom
        return (lon - lon0) * scale, -(lat - lat0) * scale
    radius = GLOBE_RADIUS_PX * 2.0 ** (zoom - VIEWS["near"].zoom)
    radius *= 1.0 / max(math.cos(math.radians(lat0)), 0.1)  # GlobeView magnifies with latitude
    phi, phi0 = math.radians(lat), math.radians(lat0)
    dlam = math.radians(lon - lon0)
    x = math.cos(phi) * math.sin(dlam)
    y = math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(dlam)
    z = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(dlam)
    d = GLOBE_EYE_RADII  # perspective, scaled so that the limb stays at *radius*
    k = radius * math.sqrt(d * d - 1) / (d - z)
    return x * k, -y * k


def label_size(text: str, scale: float = 1.0) -> tuple[float, float]:
    """Size ``(width, height)`` in px of a mission name as the map draws it (the box of its
    image, see :data:`SITE_LABEL`)."""
    return text_size_px(text, SITE_LABEL.scaled(scale))


def _nearer_another(box: tuple, own: tuple, centres: list[tuple]) -> bool:
    """Whether a marker centre other than *own* is nearer to *box* than *own* is."""

    def dist(p) -> float:
        return math.hypot(
            max(box[0] - p[0], 0, p[0] - box[2]), max(box[1] - p[1], 0, p[1] - box[3])
        )

    mine = dist(own)
    return any(dist(c) < mine for c in centres if c != own)


def _overlap_area(a: tuple, b: tuple) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _boxes_overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


#: Half the width (px) of the globe's chart: beside the site panel on a laptop or projector
#: (~480-530 px wide, measured in screenshots) and across a phone (~358 px). A label whose box
#: would leave it is put on another side of its marker.
GLOBE_HALF_WIDTH_PX = 240.0
COMPACT_HALF_WIDTH_PX = 178.0
#: The tour's map column in presentation mode on a 1280 px projector (~700 px wide).
PRESENT_HALF_WIDTH_PX = 345.0


def label_placement(
    records: list[dict],
    camera: tuple | None = None,
    half_width: float | None = None,
    scale: float = 1.0,
) -> list[dict]:
    """See :func:`_place` (the label records only)."""
    return _place(records, camera, half_width, scale)[0]


def region_labels_clear_of(
    labels: list[dict],
    records: list[dict],
    camera: tuple | None = None,
    scale: float = 1.0,
    half_width: float | None = None,
) -> list[dict]:
    """The region labels whose text does not overprint a site marker, a site label (placed as
    :func:`label_placement` places them for the same *camera*, *scale* and *half_width*) or a
    region label kept before it; a label that would collide is dropped rather than drawn on
    top."""
    taken = list(_place(records, camera, half_width, scale)[1])
    style = REGION_LABEL.scaled(scale)
    kept = []
    for r in labels:
        # the drawn width; the height with a margin above and below
        w, h = text_size_px(r["name"], style)
        h += 0.6 * style.size_px  # a margin above and below
        for position in (r["position"], r.get("centre")):
            if position is None:
                continue
            x, y = screen_xy(position, camera)
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if not any(_boxes_overlap(box, b) for b in taken):
                taken.append(box)
                kept.append({"region_id": r["region_id"], "name": r["name"], "position": position})
                break
    return kept


def _place(
    records: list[dict],
    camera: tuple | None = None,
    half_width: float | None = None,
    scale: float = 1.0,
) -> tuple[list[dict], list[tuple]]:
    """Place each mission label right, left, above or below its marker, avoiding overlaps.

    Greedy, in an approximate screen space (``PX_PER_DEG`` pixels per degree, which fits the
    default globe and the flat map): each label takes the first side whose box does not hit a
    marker or a label already placed, and (given the chart's *half_width*) stays inside the
    chart. Neighbours such as Apollo 12/14 and Luna 16/20 then print on opposite sides instead
    of on top of each other, and names at the limb print towards the centre.
    """

    def inside(box) -> bool:
        return half_width is None or (box[0] >= -half_width and box[2] <= half_width)

    def xy(r):
        return screen_xy(r["position"], camera)

    taken = []
    for r in records:
        x, y = xy(r)
        rad = r["radius"]
        taken.append((x - rad, y - rad, x + rad, y + rad))
    out, names = [], []
    centres = [xy(r) for r in records]
    for r in records:
        x, y = xy(r)
        (w, h), gap = label_size(r["mission"], scale), r["radius"] + 4
        options = [
            ("start", [gap, 0], (x + gap, y - h / 2, x + gap + w, y + h / 2)),
            ("end", [-gap, 0], (x - gap - w, y - h / 2, x - gap, y + h / 2)),
            ("middle", [0, -gap - h / 2], (x - w / 2, y - gap - h, x + w / 2, y - gap)),
            ("middle", [0, gap + h / 2], (x - w / 2, y + gap, x + w / 2, y + gap + h)),
        ]
        # Then the four diagonals (a crowded limb: Luna 16/20/24 beside Apollo 11's name).
        d = gap * 0.7
        for dx, dy in ((1, -1), (1, 1), (-1, -1), (-1, 1)):
            cy = y + dy * (d + h / 2)
            left = x + d if dx > 0 else x - d - w
            anchor = "start" if dx > 0 else "end"
            options.append(
                (anchor, [dx * d, dy * (d + h / 2)], (left, cy - h / 2, left + w, cy + h / 2))
            )
        own = (x - r["radius"], y - r["radius"], x + r["radius"], y + r["radius"])
        others = [b for b in taken if b != own]
        # Inside the chart first (a cut name misleads: "Luna 1" for Luna 16), then not nearer
        # another marker than its own (crossed names mislead too), then the least area over
        # other markers and names, then the order right, left, above, below, diagonals.
        chosen = min(
            options,
            key=lambda o: (
                not inside(o[2]),
                _nearer_another(o[2], (x, y), centres),
                sum(_overlap_area(o[2], b) for b in others),
                options.index(o),
            ),
        )
        if any(_overlap_area(chosen[2], b) > 4 * scale * h for b in names):
            continue  # no room: a name printed over another helps neither (the tooltip has it)
        taken.append(chosen[2])
        names.append(chosen[2])
        out.append(
            {
                "site_id": r["site_id"],
                "mission": r["mission"],
                "position": r["position"],
                "anchor": chosen[0],
                "offset": chosen[1],
            }
        )
    return out, taken


def _visible(position: list[float], preset: ViewPreset) -> bool:
    if preset.kind == "flat":
        return True
    lon, lat = position[0], position[1]
    return angular_distance_deg(preset.latitude, preset.longitude, lat, lon) <= LABEL_MAX_ANGLE_DEG


#: Glyph atlas resolution (px). Labels are drawn at 12-21 px, so 32 is sharp and a quarter of
#: the work of deck.gl's default 64 on the first paint. One setting for every text layer, so
#: they share one atlas.
FONT_SETTINGS = {"sdf": True, "fontSize": 32}


def _text_layer(
    layer_id: str, data: list[dict], text: str, size, colour, offset, globe: bool, **kw
):
    """A TextLayer whose glyph atlas holds exactly the characters of its labels (deck.gl's
    default is ASCII only, which would leave accented or Chinese names blank)."""
    params = {"cullMode": "none", "depthTest": False} if globe else {}
    layer = pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=data,
        get_position="position",
        get_text=text,
        get_size=size,
        size_units="'pixels'",
        get_color=colour,
        get_pixel_offset=offset,
        font_family="'Helvetica Neue, Arial, sans-serif'",
        font_weight="'bold'",
        font_settings=FONT_SETTINGS,
        outline_width=kw.pop("outline_width", 3),
        outline_color=[0, 0, 0, 255],
        get_alignment_baseline="'center'",
        pickable=False,
        parameters=params,
        **kw,
    )
    return with_glyphs(layer, (str(r.get(text, "")) for r in data))


def with_glyphs(layer: pdk.Layer, texts) -> pdk.Layer:
    """*layer* (a TextLayer) with a glyph atlas of exactly the distinct characters of *texts*
    (its ``characterSet``, written by :class:`CompactDeck`)."""
    _VERBATIM[layer] = {"characterSet": sorted({c for t in texts for c in t})}
    return layer


def _labels_layer(
    site_labels: list[dict],
    region_labels: list[dict],
    scale: float,
    globe: bool,
    names: tuple[str, ...],
    region_names: tuple[str, ...] = (),
):
    """Mission names (white, beside their markers) and region names (pale blue, smaller):
    one IconLayer showing them from one image (see :mod:`moonmap.moon.labels`). The image
    holds every name in *names* and *region_names* (not only those drawn), so a filter that
    hides a site or a camera that shows other regions reuses it (deck.gl keeps a texture whose
    URL did not change, and the server draws it once)."""
    site_style = SITE_LABEL.scaled(scale)
    region_style = REGION_LABEL.scaled(scale)
    every_region = dict.fromkeys([*region_names, *(r["name"] for r in region_labels)])
    entries = tuple((n, site_style) for n in names) + tuple((n, region_style) for n in every_region)
    sheet = atlas(entries)
    rows = [_icon_row(r, "site", r["mission"], site_style, sheet) for r in site_labels]
    rows += [_icon_row(r, "region", r["name"], region_style, sheet) for r in region_labels]
    layer = pdk.Layer(
        "IconLayer",
        id=LABELS_LAYER_ID,
        data=rows,
        get_position="position",
        get_icon="icon",
        get_size="size",
        size_units="'pixels'",
        get_pixel_offset="offset",
        pickable=False,
        parameters={"cullMode": "none", "depthTest": False} if globe else {},
    )
    # Written as they are: pydeck would turn the mapping's keys into camelCase.
    _VERBATIM[layer] = {"iconAtlas": sheet.url, "iconMapping": sheet.mapping}
    return layer


def _icon_row(r: dict, kind: str, text: str, style: LabelStyle, sheet) -> dict:
    """A label record for the IconLayer: its image (``icon``), shown height (``size``) and the
    offset that puts the image's centre where the text anchor (start, end, middle) of
    :func:`label_placement` would have put the text."""
    icon = label_key(text, style)
    width, height = sheet.size[icon]
    dx, dy = r.get("offset", [0, 0])
    shift = {"start": width / 2, "end": -width / 2}.get(r.get("anchor", "middle"), 0.0)
    out = {k: v for k, v in r.items() if k not in ("offset", "anchor", "centre")}
    return dict(
        out,
        kind=kind,
        text=text,
        icon=icon,
        size=round(height, 2),
        offset=[round(dx + shift, 1), round(dy, 1)],
    )


def moon_deck(
    records: list[dict],
    *,
    view: str = DEFAULT_VIEW,
    regions: pd.DataFrame | None = None,
    selected: str | None = None,
    labels: bool = True,
    scale: float = 1.0,
    image_url: str = MOON_IMAGE_URL,
    height: int = 560,
    user: list[dict] | None = None,
    stations: list[dict] | None = None,
    focus: str | None = None,
    compact: bool = False,
    lang: str = "en",
    label_names=None,
) -> pdk.Deck:
    """The Moon map: basemap, optional region outlines, one marker per site, labels.

    Parameters
    ----------
    records
        Site records from :func:`site_records` (already filtered).
    view
        Key of :data:`VIEWS` (``near``, ``far``, ``north``, ``south``, ``flat``).
    regions
        The catalog's ``regions`` GeoDataFrame (with ``paths``), or ``None`` for no outlines.
    selected
        ``site_id`` to ring in red.
    labels
        Whether to draw mission and region names.
    scale
        Multiplier for marker radii and text (presentation mode).
    image_url
        URL of an equirectangular global Moon image (served, never inlined).
    height
        Chart height in pixels.
    user
        Records from :func:`user_records` (the user's uploaded sites), drawn in magenta.
    stations
        Records from :func:`station_records` for the selected site; drawn (with the traverse
        in station order and labels) only in the ``site`` close-up view.
    focus
        ``site_id`` the camera turns to (globe) or centres on (flat map), with a short
        animated transition; ``None`` keeps the preset's camera.
    compact
        A narrow screen (phone): the globe is zoomed out so the whole disc fits.
    lang
        Language of the tooltip's words.
    label_names
        Every mission name this map may label under other filters (default: those of
        *records*): the label image holds them all, so the browser reuses it.

    Returns
    -------
    pydeck.Deck
        With ``map_provider=None`` so no Earth tiles are ever requested.
    """
    preset = VIEWS.get(view, VIEWS[DEFAULT_VIEW])
    globe = preset.kind == "globe"
    closeup = preset.key == "site"
    views, initial = _camera(preset, records, focus or (selected if closeup else None), compact)
    if scale > 1 and globe:  # presentation: the globe as large as the map allows
        initial.zoom += 0.3
    if globe:  # labels are drawn for the hemisphere the camera faces
        preset = replace(preset, latitude=initial.latitude, longitude=initial.longitude)
        camera = ("globe", initial.latitude, initial.longitude, initial.zoom)
    else:
        camera = ("flat", initial["target"][1], initial["target"][0], initial["zoom"])
    # The chart's width: the Moon page's globe column, a phone, or the tour's map column on a
    # projector (scale > 1); a flat map is as wide as the screen.
    half_width = None
    if globe:
        half_width = (
            COMPACT_HALF_WIDTH_PX
            if compact
            else (PRESENT_HALF_WIDTH_PX if scale > 1 else GLOBE_HALF_WIDTH_PX)
        )
    layers = _moon_layers(
        records,
        regions,
        selected,
        labels,
        scale,
        image_url,
        user,
        stations if closeup else None,
        preset,
        camera,
        half_width,
        tuple(dict.fromkeys([*(label_names or ()), *(r["mission"] for r in records)])),
    )
    return CompactDeck(
        layers=layers,
        views=views,
        initial_view_state=initial,
        map_provider=None,
        tooltip=tooltip(lang),
        parameters={"cull": True} if globe else {},
        height=height,
    )


def _moon_layers(
    records,
    regions,
    selected,
    labels,
    scale,
    image_url,
    user,
    stations,
    preset,
    camera,
    half_width,
    names=(),
) -> list:
    """The Moon map's layers, bottom to top: basemap, region outlines, the close-up's traverse,
    the visitor's sites, site markers, and one layer of names."""
    layers = [
        pdk.Layer(
            "BitmapLayer",
            id=BASEMAP_LAYER_ID,
            image=f"'{image_url}'",
            bounds=WHOLE_WORLD,
            pickable=False,
        )
    ]
    region_labels: list[dict] = []
    if regions is not None and len(regions):
        outline, region_labels = _region_layers(
            regions, records, preset, camera, scale, labels, half_width
        )
        layers.append(outline)
    if stations:
        layers += _station_layers(stations, scale)
    if user:
        layers.append(_dots(USER_LAYER_ID, scaled(user, scale), USER_FILL, [255, 255, 255, 255]))
    markers, site_labels = _site_layers(
        records, selected, preset, camera, scale, labels, half_width
    )
    layers += markers
    if site_labels or region_labels:
        layers.append(
            _labels_layer(
                site_labels,
                region_labels,
                scale,
                preset.kind == "globe",
                names,
                tuple(regions["name"]) if regions is not None else (),
            )
        )
    return layers


#: How much smaller the globe is drawn on a phone (zoom steps; 1 step halves the disc).
COMPACT_ZOOM = 0.55
#: Camera transition when the view changes (ms); deck.gl interpolates the view state.
TRANSITION_MS = 900


def focus_zoom(preset: ViewPreset, latitude: float) -> float:
    """Globe zoom that keeps the disc about the preset's size when centred at *latitude*:
    GlobeView magnifies with latitude (by about 1/cos), so the zoom drops accordingly."""
    return max(preset.zoom - math.log2(1.0 / max(math.cos(math.radians(latitude)), 0.1)), -1.6)


def _camera(preset: ViewPreset, records: list[dict], focus: str | None, compact: bool):
    """Views and initial view state: the preset's camera, or one that faces *focus*."""
    centre = next((r["position"] for r in records if r["site_id"] == focus), None)
    shrink = COMPACT_ZOOM if compact else 0.0
    if preset.kind == "globe":
        lat, lon, zoom = preset.latitude, preset.longitude, preset.zoom
        if centre is not None:
            lon, lat = centre
            zoom = focus_zoom(VIEWS["near"], lat)
        state = pdk.ViewState(
            latitude=lat, longitude=lon, zoom=zoom - shrink, transition_duration=TRANSITION_MS
        )
        return [pdk.View(type="_GlobeView", controller=True)], state
    target = [preset.longitude, preset.latitude, 0]
    zoom = preset.zoom
    if preset.key == "site" and centre is None:
        flat = VIEWS["flat"]
        target, zoom = [flat.longitude, flat.latitude, 0], flat.zoom
    elif centre is not None:
        # One degree is 2**zoom pixels: the close-up (zoom 10) shows about 30 km per 1,000 px.
        target = [*centre, 0]
    view = pdk.View(type="OrthographicView", controller=True, flip_y=False)
    return [view], {"target": target, "zoom": zoom - shrink, "transitionDuration": TRANSITION_MS}


#: Height (m, deck.gl's Earth-sized globe) at which globe markers float, so a round
#: (billboarded) marker is not cut in half by the sphere it sits on.
MARKER_LIFT_M = 120_000


def lifted(records: list[dict]) -> list[dict]:
    """Copies of marker records raised :data:`MARKER_LIFT_M` above the globe's surface."""
    return [dict(r, position=[*r["position"][:2], MARKER_LIFT_M]) for r in records]


def _site_layers(records, selected, preset, camera, scale: float, labels: bool, half_width=None):
    """Site markers (floating above the globe) and the selected site's ring; and the label
    records for the visible sites, placed in the camera's screen space (empty without
    *labels*)."""
    globe = preset.kind == "globe"
    sized = scaled(records, scale)
    layers = icon_markers(lifted(sized) if globe else sized, selected, scale)
    if not labels:
        return layers, []
    on_side = [r for r in sized if _visible(r["position"], preset)]
    return layers, label_placement(on_side, camera, half_width, scale)


#: White edge of a site marker (px), and the gap between a marker and its selection ring.
MARKER_EDGE_PX = 1.5
RING_GAP_PX = 6.0


def icon_markers(records: list[dict], selected: str | None, scale: float = 1.0) -> list:
    """The Moon map's site markers as discs of the IconLayer that also draws the names (one
    program for the browser to build on the first paint instead of two, see
    :mod:`moonmap.moon.labels`): a white disc :data:`MARKER_EDGE_PX` wider under each
    marker (its edge), the marker in its age colour (pickable, highlighted under the
    pointer), and a red ring around the *selected* site."""
    sized = [dict(r, size=round(2 * r["radius"], 2)) for r in records]
    edge = [
        {"position": r["position"], "size": round(r["size"] + 2 * MARKER_EDGE_PX, 2)} for r in sized
    ]
    layers = [
        _shapes_layer(MARKER_EDGE_LAYER_ID, edge, "disc", SITE_LINE),
        _shapes_layer(SITES_LAYER_ID, sized, "disc", "color", pickable=True),
    ]
    chosen = [r for r in sized if r["site_id"] == selected]
    if selected is not None and chosen:
        ring = 2 * (chosen[0]["radius"] + RING_GAP_PX * scale)
        data = [{"site_id": selected, "position": chosen[0]["position"], "size": round(ring, 2)}]
        layers.append(_shapes_layer(SELECTED_LAYER_ID, data, "ring", SELECTED_LINE))
    return layers


def _shapes_layer(layer_id: str, data: list[dict], shape: str, colour, pickable=False):
    """An IconLayer of *shape* ("disc" or "ring") tinted *colour* (an RGBA list or a record
    field), ``size`` px across."""
    layer = pdk.Layer(
        "IconLayer",
        id=layer_id,
        data=data,
        get_position="position",
        get_icon=f"'{shape}'",
        get_size="size",
        size_units="'pixels'",
        get_color=colour,
        pickable=pickable,
        auto_highlight=pickable,
        billboard=True,  # facing the viewer: round at the limb too
        parameters={"cullMode": "none"},
    )
    sheet = shapes()
    _VERBATIM[layer] = {"iconAtlas": sheet.url, "iconMapping": sheet.mapping}
    return layer


def _region_layers(regions, records, preset, camera, scale: float, labels: bool, half_width=None):
    """Region outlines (JSON reused across filters) and their decluttered label records
    (empty without *labels*)."""
    key = _regions_key(regions)
    if key not in _REGION_RECORDS:
        paths, region_labels = region_records(regions)
        dots = [{"position": p} for path in paths for p in dotted(path["path"], OUTLINE_DOT_DEG)]
        _REGION_RECORDS[key] = (dots, region_labels)
    dots, region_labels = _REGION_RECORDS[key]
    # Dotted, as befits an approximate outline; and drawn with the ScatterplotLayer the site
    # markers already use, so the browser compiles no extra shader for it (a PathLayer cost
    # about 0.9 s of the first paint in headless Chromium, see bench/README.md).
    outline = pdk.Layer(
        "ScatterplotLayer",
        id=REGIONS_LAYER_ID,
        data=dots,
        get_position="position",
        get_radius=1.2 * scale,
        radius_units="'pixels'",
        get_fill_color=REGION_COLOUR,
        stroked=False,
        filled=True,
        pickable=False,
    )
    _STATIC_KEYS[outline] = ("regions", key, scale)  # same JSON for every filter
    if not labels:
        return outline, []
    visible = [r for r in region_labels if _visible(r["position"], preset)]
    sites_shown = [r for r in scaled(records, scale) if _visible(r["position"], preset)]
    return outline, region_labels_clear_of(visible, sites_shown, camera, scale, half_width)


def _station_layers(stations: list[dict], scale: float) -> list:
    """The close-up's traverse (in station order), station dots and labels."""
    traverse = pdk.Layer(
        "PathLayer",
        id=TRAVERSE_LAYER_ID,
        data=[{"path": [r["position"] for r in stations]}],
        get_path="path",
        get_color=[255, 216, 77, 200],
        get_width=2.5 * scale,
        width_units="'pixels'",
        pickable=False,
    )
    dots = _dots(STATIONS_LAYER_ID, scaled(stations, scale), STATION_FILL, [0, 0, 0, 255])
    names = _text_layer(
        STATION_LABELS_LAYER_ID,
        stations,
        "label",
        round(14 * scale),
        LABEL_COLOUR,
        [10, 0],
        False,
        get_text_anchor="'start'",
    )
    return [traverse, dots, names]


def selection_deck(
    cat,
    summary: pd.DataFrame,
    sel,
    *,
    filtered: bool,
    view: str,
    site: str | None,
    focus: str | None,
    labels: bool,
    regions: bool,
    compact: bool,
    height: int,
    stations: list[dict] | None = None,
    user: list[dict] | None = None,
    lang: str = "en",
) -> pdk.Deck:
    """:func:`moon_deck` for the sites a filter :class:`~moonmap.filters.Selection` keeps
    (with matching-sample counts in the tooltips when *filtered*), in *lang*."""
    n_match = sel.site_n_samples if filtered else None
    names = mission_names(cat, lang)
    return moon_deck(
        site_records(summary, sel.site_reasons, n_match, lang, keep=set(sel.site_ids), names=names),
        lang=lang,
        label_names=tuple(
            names.get(i, m) for i, m in zip(summary.site_id, summary.mission, strict=True)
        ),
        view=view,
        regions=cat.regions if regions else None,
        selected=site,
        labels=labels,
        user=user,
        stations=stations,
        height=height,
        focus=focus,
        compact=compact,
    )


def scaled(records: list[dict], scale: float) -> list[dict]:
    """Copies of marker records with their pixel ``radius`` multiplied by *scale*."""
    return [dict(r, radius=round(r["radius"] * scale, 2)) for r in records]


def _dots(
    layer_id: str,
    records: list[dict],
    fill,
    line,
    line_width: float = 1.0,
    highlight: bool = False,
) -> pdk.Layer:
    """A pickable layer of pixel-sized dots (``position``, ``radius``); *fill* and *line*
    are record field names or RGBA lists."""
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        data=records,
        get_position="position",
        get_radius="radius",
        radius_units="'pixels'",
        get_fill_color=fill,
        get_line_color=line,
        line_width_units="'pixels'",
        line_width_min_pixels=line_width,
        stroked=True,
        filled=True,
        pickable=True,
        auto_highlight=highlight,
        billboard=True,
    )


def marker_layers(
    records: list[dict],
    layer_id: str,
    *,
    key: str,
    selected: str | None,
    selected_id: str,
    fill: str | list[int],
    line: str | list[int],
    line_width: float,
    scale: float = 1.0,
) -> list[pdk.Layer]:
    """A pickable ScatterplotLayer of pixel-sized markers (``position``, ``radius``), plus a
    red ring around the record whose *key* equals *selected*. Shared by the Moon and Earth maps.

    *fill* and *line* are record field names (quoted for pydeck as accessors) or RGBA lists.
    """
    layers = [_dots(layer_id, records, fill, line, line_width, highlight=True)]
    chosen = [r for r in records if r.get(key) == selected]
    if selected is not None and chosen:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=selected_id,
                data=[dict(chosen[0], radius=chosen[0]["radius"] + 6 * scale)],
                get_position="position",
                get_radius="radius",
                radius_units="'pixels'",
                get_line_color=SELECTED_LINE,
                line_width_units="'pixels'",
                line_width_min_pixels=3,
                stroked=True,
                filled=False,
                pickable=False,
                billboard=True,
            )
        )
    return layers


def spec_size_bytes(deck: pdk.Deck) -> int:
    """Size of the JSON spec Streamlit sends to the browser for *deck*."""
    return len(deck.to_json().encode("utf-8"))


__all__ = [
    "VIEWS",
    "DEFAULT_VIEW",
    "ViewPreset",
    "marker_radius_px",
    "site_records",
    "region_records",
    "moon_deck",
    "marker_layers",
    "spec_size_bytes",
    "angular_distance_deg",
]
