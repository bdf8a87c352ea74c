"""The Moon map builders: views, layers, colours, labels and spec size (assert on deck JSON)."""

from __future__ import annotations

import json
import math

import pytest

from moonmap.colors import NO_AGE_RGBA, age_rgba, legend_html, viridis
from moonmap.deck import (
    VIEWS,
    label_placement,
    marker_radius_px,
    moon_deck,
    site_records,
    spec_size_bytes,
)
from moonmap.filters import Filters, apply_filters
from moonmap.queries import site_summary


@pytest.fixture(scope="module")
def records(cat):
    sel = apply_filters(cat, Filters())
    return site_records(site_summary(cat), sel.site_reasons)


def labels(spec, kind):
    """The label records of one kind ("site" or "region") in the deck's one text layer."""
    return [d for d in layer(spec, "labels")["data"] if d["kind"] == kind]


def layer(spec, layer_id):
    return next(x for x in spec["layers"] if x["id"] == layer_id)


@pytest.mark.parametrize(("mass", "px"), [(None, 6.5), (10, 6.5), (100_000, 13.0), (1e7, 13.0)])
def test_marker_radius_log_scale(mass, px):
    assert marker_radius_px(mass) == px


def test_luna_and_apollo_17_both_visible(records):
    r = {x["site_id"]: x["radius"] for x in records}
    assert 6 <= r["luna-24"] < r["apollo-11"] < r["apollo-17"] <= 13


def test_colour_scale_is_ordered_and_grey_without_age():
    assert viridis(0) == (0x44, 0x01, 0x54) and viridis(1) == (0xFD, 0xE7, 0x25)
    young, old = age_rgba(2000), age_rgba(4400)
    assert sum(young[:3]) > sum(old[:3])  # young = bright yellow end
    assert age_rgba(None) == NO_AGE_RGBA and age_rgba(float("nan")) == NO_AGE_RGBA
    html = legend_html()
    for tick in ("2.0", "3.0", "4.5", "no representative age", "Age of the site"):
        assert tick in html


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_builds_a_small_offline_spec(cat, records, view):
    deck = moon_deck(records, view=view, regions=cat.regions)
    spec = json.loads(deck.to_json())
    kind = spec["views"][0]["@@type"]
    assert kind == ("OrthographicView" if view in ("flat", "site") else "_GlobeView")
    base = layer(spec, "moon-basemap")
    assert base["image"] == "app/static/moon_2k.jpg" and base["bounds"] == [-180, -90, 180, 90]
    # (base64 image data may spell "NaN" by chance: look at everything else)
    text = json.dumps([{k: v for k, v in x.items() if k != "iconAtlas"} for x in spec["layers"]])
    assert "NaN" not in text and "mapbox" not in deck.to_json().lower()
    # The only images inlined are the small label and marker-shape sheets (IconLayers); the
    # basemap is fetched by URL.
    inlined = [x["id"] for x in spec["layers"] if "data:image" in json.dumps(x)]
    assert all(layer(spec, i)["iconAtlas"].startswith("data:image/png") for i in inlined)
    assert "moon-basemap" not in inlined
    # With the region outlines (their dots) and the two images: about 55-66 kB.
    assert spec_size_bytes(deck) < 70_000
    assert len(layer(spec, "sites")["data"]) == 11


def test_far_view_faces_change_6_and_labels_only_the_visible_side(records):
    spec = json.loads(moon_deck(records, view="far").to_json())
    assert spec["initialViewState"]["longitude"] == 180
    labelled = {d["site_id"] for d in labels(spec, "site")}
    assert "change-6" in labelled and "apollo-11" not in labelled
    near = json.loads(moon_deck(records, view="near").to_json())
    assert "apollo-11" in {d["site_id"] for d in labels(near, "site")}


def test_globe_text_is_not_culled(records):
    spec = json.loads(moon_deck(records, view="near").to_json())
    assert layer(spec, "labels")["parameters"] == {"cullMode": "none", "depthTest": False}


def test_selected_site_gets_a_ring_and_options_drop_layers(records):
    spec = json.loads(moon_deck(records, selected="change-6", labels=False).to_json())
    ids = [x["id"] for x in spec["layers"]]
    assert "selected-site" in ids and "labels" not in ids and "regions" not in ids
    assert layer(spec, "selected-site")["data"][0]["site_id"] == "change-6"


def test_tooltip_is_a_constant_template(records):
    deck = moon_deck(records)
    assert "{mission}" in deck._tooltip["html"] and "Apollo" not in deck._tooltip["html"]


def test_label_placement_separates_neighbours(records):
    placed = {p["site_id"]: p for p in label_placement(records)}
    assert placed["apollo-12"]["anchor"] != placed["apollo-14"]["anchor"] or (
        placed["apollo-12"]["offset"] != placed["apollo-14"]["offset"]
    )
    assert placed["luna-16"]["offset"] != placed["luna-20"]["offset"]


def test_closeup_centres_on_the_site_and_draws_its_traverse_in_order(records):
    stations = [
        {
            "station_id": f"s{i}",
            "position": [30.77 + 0.01 * i, 20.19 - 0.01 * i],
            "label": f"{i} S{i}",
            "radius": 6.0,
        }
        for i in range(3)
    ]
    spec = json.loads(
        moon_deck(records, view="site", selected="apollo-17", stations=stations).to_json()
    )
    a17 = next(r for r in records if r["site_id"] == "apollo-17")["position"]
    assert spec["initialViewState"]["target"][:2] == a17
    assert spec["initialViewState"]["zoom"] >= 9
    assert layer(spec, "traverse")["data"][0]["path"] == [s["position"] for s in stations]
    assert [d["station_id"] for d in layer(spec, "stations")["data"]] == ["s0", "s1", "s2"]
    # Other views do not draw stations; the close-up without a site falls back to the map.
    near = json.loads(
        moon_deck(records, view="near", selected="apollo-17", stations=stations).to_json()
    )
    assert not any(x["id"] == "stations" for x in near["layers"])
    nosite = json.loads(moon_deck(records, view="site").to_json())
    assert nosite["initialViewState"]["zoom"] < 2


@pytest.mark.parametrize("site", ["change-5", "change-6", "luna-16", "apollo-17"])
def test_globe_turns_to_face_the_focused_site(records, site):
    pos = next(r["position"] for r in records if r["site_id"] == site)
    spec = json.loads(moon_deck(records, view="near", selected=site, focus=site).to_json())
    state = spec["initialViewState"]
    assert (state["longitude"], state["latitude"]) == (pos[0], pos[1])
    assert state["transitionDuration"] > 0
    # markers stay round at the limb, and the focused site's label is drawn
    assert layer(spec, "sites")["billboard"] is True
    assert site in {d["site_id"] for d in labels(spec, "site")}
    plain = json.loads(moon_deck(records, view="near", selected=site).to_json())
    assert plain["initialViewState"]["longitude"] == 10.0  # no focus: the preset's camera


def test_flat_map_centres_the_focus_and_compact_zooms_out(records):
    pos = next(r["position"] for r in records if r["site_id"] == "change-6")
    spec = json.loads(moon_deck(records, view="flat", focus="change-6").to_json())
    assert spec["initialViewState"]["target"][:2] == pos
    wide = json.loads(moon_deck(records, view="near").to_json())["initialViewState"]["zoom"]
    small = json.loads(moon_deck(records, view="near", compact=True).to_json())
    assert small["initialViewState"]["zoom"] < wide


@pytest.mark.parametrize(("view", "focus"), [("near", None), ("flat", None), ("near", "luna-16")])
def test_region_labels_never_overprint_each_other_or_a_site(cat, records, view, focus):
    from moonmap.deck import screen_xy

    spec = json.loads(moon_deck(records, view=view, regions=cat.regions, focus=focus).to_json())
    state = spec["initialViewState"]
    if "target" in state:
        camera = ("flat", state["target"][1], state["target"][0], state["zoom"])
    else:
        camera = ("globe", state["latitude"], state["longitude"], state["zoom"])
    boxes = []
    for d in labels(spec, "region"):
        x, y = screen_xy(d["position"], camera)
        w = 0.55 * 12 * len(d["name"])
        boxes.append((x - w / 2, y - 6, x + w / 2, y + 6))
    assert len(boxes) >= 2
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    for site in layer(spec, "sites")["data"]:
        x, y = screen_xy(site["position"], camera)
        r = site["radius"]
        for a in boxes:
            assert not (a[0] < x + r and x - r < a[2] and a[1] < y + r and y - r < a[3])


@pytest.mark.parametrize("view", ["near", "flat", "south"])
def test_reused_region_json_equals_what_pydeck_would_write(cat, records, view):
    import pydeck as pdk

    import moonmap.deck as D

    D._STATIC_LAYER_JSON.clear()
    first = moon_deck(records, view=view, regions=cat.regions, selected="apollo-15")
    reference = json.dumps(
        json.loads(pdk.Deck.to_json(first)), separators=(",", ":"), sort_keys=True
    )
    ours = json.loads(first.to_json())
    # The one addition: the icon layers' image and mapping, written as they are (pydeck would
    # camel-case the mapping's keys, see _VERBATIM).
    for x in ours["layers"]:
        if x["@@type"] == "IconLayer":
            assert x.pop("iconAtlas").startswith("data:image/png") and x.pop("iconMapping")
    assert json.dumps(ours, separators=(",", ":"), sort_keys=True) == reference
    assert len(D._STATIC_LAYER_JSON) == 1  # the outlines, serialised once...
    again = moon_deck(records[:5], view=view, regions=cat.regions)
    assert json.loads(again.to_json())["layers"][1] == json.loads(reference)["layers"][1]
    assert len(D._STATIC_LAYER_JSON) == 1  # ...and reused for other filters


def test_dotted_path_spacing_ends_and_antimeridian():
    from moonmap.deck import dotted
    from moonmap.geo import angular_distance_deg

    pts = dotted([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]], 1.5)
    assert pts[0] == [0.0, 0.0] and pts[-1] == [10.0, 10.0]
    gaps = [
        angular_distance_deg(a[1], a[0], b[1], b[0]) for a, b in zip(pts, pts[1:], strict=False)
    ]
    # About 1.5 degrees apart along the path (a dot either side of the corner is closer).
    assert all(0 < g <= 1.8 for g in gaps)
    assert sorted(gaps)[len(gaps) // 2] == pytest.approx(1.5, abs=0.2)
    assert len(pts) == 15
    # A segment across the antimeridian takes the short way round (no dot near lon 0).
    across = dotted([[175.0, 5.0], [-175.0, 5.0]], 1.5)
    assert all(abs(lon) >= 174.9 for lon, _ in across) and len(across) == 8


def test_region_outlines_are_dots_on_the_outline(cat, records):
    from moonmap.geo import angular_distance_deg

    spec = json.loads(moon_deck(records, view="flat", regions=cat.regions).to_json())
    outline = layer(spec, "regions")
    assert outline["@@type"] == "ScatterplotLayer" and not outline["pickable"]
    dots = [d["position"] for d in outline["data"]]
    assert 300 < len(dots) < 2000
    imbrium = cat.regions.set_index("region_id").loc["mare-imbrium"]
    near = [
        p
        for p in dots
        if angular_distance_deg(p[1], p[0], imbrium.center_lat_deg, imbrium.center_lon_deg) < 30
    ]
    assert near  # the mare is outlined


def test_names_are_one_icon_layer_whose_image_holds_every_label(cat, records):
    """Mission and region names share one IconLayer (a text layer would cost the first paint
    a shader program of its own); each label row points at a drawn name in its image, and a
    Chinese name is drawn too."""
    import base64
    import io

    from PIL import Image

    renamed = [dict(r, mission="嫦娥五号") if r["site_id"] == "change-5" else r for r in records]
    spec = json.loads(moon_deck(renamed, regions=cat.regions, focus="change-5").to_json())
    assert not [x for x in spec["layers"] if x["@@type"] == "TextLayer"]
    names = layer(spec, "labels")
    assert names["@@type"] == "IconLayer" and names["getIcon"] == "@@=icon"
    assert {d["kind"] for d in names["data"]} == {"site", "region"}
    assert "嫦娥五号" in {d["text"] for d in names["data"]}
    sheet = Image.open(io.BytesIO(base64.b64decode(names["iconAtlas"].split(",", 1)[1])))
    alpha = sheet.convert("RGBA").getchannel("A")
    for d in names["data"]:
        box = names["iconMapping"][d["icon"]]
        ink = alpha.crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))
        assert ink.getextrema()[1] > 200, d["text"]  # letters drawn, not an empty box
        assert d["size"] == pytest.approx(box["height"] / 2, abs=0.01)  # 2 image px per px


def test_markers_share_the_icon_program_and_ring_the_selected_site(records):
    spec = json.loads(moon_deck(records, selected="apollo-15").to_json())
    kinds = {x["id"]: x["@@type"] for x in spec["layers"]}
    assert kinds["sites"] == kinds["sites-edge"] == kinds["selected-site"] == "IconLayer"
    assert "ScatterplotLayer" not in kinds.values() and "TextLayer" not in kinds.values()
    sites = layer(spec, "sites")
    assert sites["pickable"] and sites["getColor"] == "@@=color"
    assert all(d["size"] == 2 * d["radius"] for d in sites["data"])
    ring = layer(spec, "selected-site")
    assert ring["getIcon"] == "ring" and ring["iconMapping"]["ring"]["mask"]
    a15 = next(d for d in sites["data"] if d["site_id"] == "apollo-15")
    assert ring["data"][0]["size"] > a15["size"] + 10  # outside the marker and its edge


@pytest.mark.parametrize(("compact", "scale"), [(False, 1.0), (True, 1.0)])
def test_mission_names_at_the_limb_stay_inside_the_chart(records, compact, scale):
    """On a phone the globe fills the chart: names of sites near the limb (Luna 16/20/24,
    Apollo 12) print towards the centre instead of off the chart's edge."""
    from moonmap.deck import COMPACT_HALF_WIDTH_PX, GLOBE_HALF_WIDTH_PX, screen_xy

    spec = json.loads(moon_deck(records, view="near", compact=compact, scale=scale).to_json())
    state = spec["initialViewState"]
    camera = ("globe", state["latitude"], state["longitude"], state["zoom"])
    half = COMPACT_HALF_WIDTH_PX if compact else GLOBE_HALF_WIDTH_PX
    placed = labels(spec, "site")
    assert {"luna-16", "luna-20", "luna-24", "apollo-12"} <= {d["site_id"] for d in placed}
    mapping = layer(spec, "labels")["iconMapping"]
    for d in placed:
        # The name's image is centred on its position plus offset; 2 image px per screen px.
        x = screen_xy(d["position"], camera)[0] + d["offset"][0]
        w = mapping[d["icon"]]["width"] / 2
        left = x - w / 2
        assert -half <= left and left + w <= half, (d["text"], left, left + w)


@pytest.mark.parametrize("lang", ["en", "zh", "fr"])
@pytest.mark.parametrize("compact", [False, True])
def test_mission_names_do_not_overprint_each_other(cat, lang, compact):
    """On the default globe, in each language (Chinese names are wider), no two mission names
    are drawn over each other (boxes from the drawn images, in the placement's screen space)."""
    from moonmap.data.names import mission_names
    from moonmap.deck import screen_xy

    names = mission_names(cat, lang)
    recs = site_records(site_summary(cat), lang=lang, names=names)
    spec = json.loads(moon_deck(recs, view="near", compact=compact, lang=lang).to_json())
    state = spec["initialViewState"]
    camera = ("globe", state["latitude"], state["longitude"], state["zoom"])
    mapping = layer(spec, "labels")["iconMapping"]
    boxes = []
    markers = {r["site_id"]: screen_xy(r["position"], camera) for r in recs}

    def dist(box, p):
        return math.hypot(
            max(box[0] - p[0], 0, p[0] - box[2]), max(box[1] - p[1], 0, p[1] - box[3])
        )

    for d in labels(spec, "site"):
        x, y = markers[d["site_id"]]
        cx, cy = x + d["offset"][0], y + d["offset"][1]
        w, h = mapping[d["icon"]]["width"] / 2, mapping[d["icon"]]["height"] / 2  # 2 px per px
        box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        boxes.append((d["text"], box))
        # ...and no name sits nearer another site's marker than its own (crossed names)
        near = [s for s, p in markers.items() if dist(box, p) < dist(box, (x, y))]
        assert not near, (d["text"], near)
    assert len(boxes) >= 8
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1 :]:
            # overlap in x and in y (px); the images' margins (1 px transparent, 1.5 px of
            # black outline) may touch
            dx, dy = min(p[2], q[2]) - max(p[0], q[0]), min(p[3], q[3]) - max(p[1], q[1])
            assert min(dx, dy) <= 4, (a, b, round(dx), round(dy))
