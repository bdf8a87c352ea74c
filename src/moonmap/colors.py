"""A colour-blind-safe age scale (viridis) and its legend.

The scale is fixed to the span of lunar sample ages (2.0-4.5 Ga) rather than to the filtered
data, so a site keeps its colour while filters change. Young rocks are bright yellow, old rocks
blue-violet; the darkest purple end of viridis is left out because it vanishes on the grey Moon.
"""

from __future__ import annotations

import html

from moonmap.i18n import N_, gettext_for, number

#: Viridis sampled at 0.0, 0.1, ..., 1.0 (the matplotlib colormap, public domain / CC0).
VIRIDIS = (
    "#440154",
    "#482475",
    "#414487",
    "#355f8d",
    "#2a788e",
    "#21918c",
    "#22a884",
    "#44bf70",
    "#7ad151",
    "#bddf26",
    "#fde725",
)
YOUNG_GA, OLD_GA = 2.0, 4.5
#: Part of viridis used: OLD_GA maps to 0.2, YOUNG_GA to 1.0.
T_OLD, T_YOUNG = 0.2, 1.0
NO_AGE_RGBA = [170, 170, 170, 230]
TICKS_GA = (2.0, 2.5, 3.0, 3.5, 4.0, 4.5)


def _hex_rgb(h: str) -> tuple[int, int, int]:
    return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)


def viridis(t: float) -> tuple[int, int, int]:
    """RGB of viridis at *t* in [0, 1] (clamped), linearly interpolated between samples."""
    t = min(max(t, 0.0), 1.0) * (len(VIRIDIS) - 1)
    i = min(int(t), len(VIRIDIS) - 2)
    f = t - i
    a, b = _hex_rgb(VIRIDIS[i]), _hex_rgb(VIRIDIS[i + 1])
    return tuple(round(a[k] + (b[k] - a[k]) * f) for k in range(3))  # type: ignore[return-value]


def age_t(age_ga: float) -> float:
    """Position on the colour ramp of an age in Ga (older = lower)."""
    frac = (OLD_GA - age_ga) / (OLD_GA - YOUNG_GA)  # 0 at 4.5 Ga, 1 at 2.0 Ga
    frac = min(max(frac, 0.0), 1.0)
    return T_OLD + (T_YOUNG - T_OLD) * frac


def age_rgba(age_ma: float | None, alpha: int = 240) -> list[int]:
    """Marker colour for an age in Ma; grey when there is no age."""
    if age_ma is None or age_ma != age_ma:  # None or NaN
        return list(NO_AGE_RGBA)
    return [*viridis(age_t(age_ma / 1000.0)), alpha]


LEGEND_TITLE = N_(
    "Age of the site's rocks (Ga): lava sites when the basalt formed, highland sites when "
    "their basin was made"
)


def legend_html(lang: str = "en", title: str = LEGEND_TITLE) -> str:
    """A small horizontal legend: the colour ramp with ticks in Ga, and the no-age swatch,
    in *lang* (ticks in its number convention).

    Built only from constants and the catalogs' translations of them (escaped), never from
    catalog or user text, so it is safe to render as HTML.
    """
    t = gettext_for(lang)
    stops = []
    for ga in (OLD_GA, 4.0, 3.5, 3.0, 2.5, YOUNG_GA):
        r, g, b = viridis(age_t(ga))
        pos = (OLD_GA - ga) / (OLD_GA - YOUNG_GA) * 100
        stops.append(f"rgb({r},{g},{b}) {pos:.0f}%")
    ticks = "".join(
        f'<span style="position:absolute;left:{(OLD_GA - tk) / (OLD_GA - YOUNG_GA) * 100:.0f}%;'
        f'transform:translateX(-50%)">{html.escape(number(tk, lang, 1))}</span>'
        for tk in sorted(TICKS_GA, reverse=True)
    )
    grey = "rgb({},{},{})".format(*NO_AGE_RGBA[:3])
    older, younger, no_age = t("older"), t("younger"), t("no representative age")
    aria = t(
        "Colour legend: site colour is the representative age of the site's rocks, from 4.5 "
        "billion years (blue-violet) to 2.0 billion years (yellow); grey means no "
        "representative age in the catalog"
    )
    return (
        f'<div class="moonmap-legend" role="img" aria-label="{html.escape(aria)}" '
        'style="font-size:0.85rem;margin:0.2rem 0 0.8rem 0">'
        f"<div>{html.escape(t(title))}</div>"
        f'<div style="height:14px;border-radius:3px;background:linear-gradient(to right,'
        f'{",".join(stops)})"></div>'
        f'<div style="position:relative;height:1.2em;margin:0 6px">{ticks}</div>'
        '<div style="display:flex;justify-content:space-between;opacity:0.8">'
        f"<span>{html.escape(older)}</span><span>{html.escape(younger)}</span></div>"
        f'<div><span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
        f'background:{grey};vertical-align:middle"></span> '
        f"{html.escape(no_age)}</div>"
        "</div>"
    )
