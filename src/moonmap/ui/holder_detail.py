"""Render a holder's detail and the Earth page's tables (catalog text shown as text)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from moonmap import holdings as H
from moonmap.i18n import country_name
from moonmap.ui.data import holdings_display
from moonmap.ui.lang import N_, _, lang, ngettext, translator
from moonmap.ui.page import MOON_SCRIPT, link_target
from moonmap.ui.site_detail import SOURCE_COLS, facts_frame
from moonmap.ui.text import chart
from moonmap.ui.text import table as show_table

MOON_PAGE = MOON_SCRIPT

HOLDING_COLS = {
    "mission": N_("Mission"),
    "holder": N_("Holder"),
    "city": N_("City"),
    "country_name": N_("Country"),
    "kind": N_("Kind"),
    "mass": st.column_config.TextColumn(N_("Mass"), help=N_("'not published' is not zero")),
    "received": N_("Received"),
    "came_from": N_("Came from"),
    "status": st.column_config.TextColumn(
        N_("Status"),
        help=N_("Whereabouts as last reported (date in brackets); empty: not reported"),
    ),
    "sample_id": N_("Sample"),
    **SOURCE_COLS,
    "note": st.column_config.TextColumn(N_("Note"), width="large"),
}


def _localised(df: pd.DataFrame) -> pd.DataFrame:
    """*df* with ``country_name`` in the session's language (CLDR via Babel) and ``kind``
    words translated, when those columns are present."""
    code = lang()
    if code == "en":
        return df
    out = df.copy()
    if "country_name" in out and "country" in out:
        out["country_name"] = [
            country_name(c, code, n)
            for c, n in zip(out["country"], out["country_name"], strict=True)
        ]
    if "kind" in out:
        t = translator()
        out["kind"] = [t(H.KIND_LABELS[k]) if k in H.KIND_LABELS else k for k in out["kind"]]
    return out


def render_holder_detail(d: H.HolderDetail, missions: dict[str, str]) -> None:
    """Who and where (with sources), every holding with its source, links to the Moon map."""
    st.subheader(d.name, anchor=False)
    facts_frame(d.facts, key="holder_facts")
    st.markdown("#### " + _("Holdings ({n})").format(n=len(d.holdings)))
    cols = ["mission", "kind", "mass", "received", "status", "came_from", "sample_id"]
    cols += ["source", "link"]
    show_table(
        d.holdings[[*cols, "note"]].fillna({"sample_id": "", "note": "", "status": ""}),
        hide_index=True,
        width="stretch",
        column_config=HOLDING_COLS,
        key="holder_holdings",
    )
    if d.site_ids:
        st.markdown("**" + _("Where on the Moon this material came from:") + "**")
        link_cols = st.columns(min(len(d.site_ids), 4))
        for i, site_id in enumerate(d.site_ids):
            link_cols[i % len(link_cols)].page_link(
                link_target(MOON_PAGE),
                label=f"{missions.get(site_id, site_id)} on the Moon map",
                icon=":material/bedtime:",
                query_params={"site": site_id},
            )


def country_chart_spec(h: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Data and Vega-Lite spec: holdings per country stacked by mission family.

    A plain Vega-Lite dict (not Altair) keeps the rerun cheap: Altair validates every
    channel against its schema on each run.
    """
    data = H.holdings_per_country_family(_localised(h))
    families = [f for f in H.FAMILIES if f in set(data["family"])]
    colours = ["#{:02x}{:02x}{:02x}".format(*H.FAMILY_RGB[f]) for f in families]
    order = data.groupby("country_name")["holdings"].sum().sort_values(ascending=False).index
    spec = {
        "mark": {"type": "bar"},
        "height": max(120, 28 * len(order)),
        "encoding": {
            "x": {"field": "holdings", "type": "quantitative", "title": N_("Holdings (pieces)")},
            "y": {"field": "country_name", "type": "nominal", "sort": list(order), "title": None},
            "color": {
                "field": "family",
                "type": "nominal",
                "title": N_("Mission family"),
                "scale": {"domain": families, "range": colours},
            },
            "tooltip": [
                {"field": "country_name", "title": N_("Country")},
                {"field": "family", "title": N_("Family")},
                {"field": "holdings", "title": N_("Holdings")},
            ],
        },
    }
    return data, spec


def render_tables(h: pd.DataFrame, holders: pd.DataFrame, countries: pd.DataFrame) -> None:
    """Per-country table and chart, per-institution table, every holding with its source.

    Lazy tabs (``on_change="rerun"``): only the open tab's table is built and sent on a rerun
    (a timeline step then sends one table, not three). The labels are fixed because the open
    tab is remembered by its label.
    """
    st.markdown("### " + _("Holdings by country and institution"))
    if h.empty:
        st.info(_("No holding matches the filters."))
        return
    by_country, by_holder, every = st.tabs(
        [_("By country"), _("By institution"), _("Every holding")],
        key="earth_tab",
        on_change="rerun",
    )
    with by_country:
        if by_country.open is not False:
            _country_tab(h, countries)
    with by_holder:
        if by_holder.open is not False:
            _holder_tab(holders)
    with every:
        if every.open is not False:
            _holdings_tab(h)


def _country_tab(h: pd.DataFrame, countries: pd.DataFrame) -> None:
    n = len(countries)
    st.caption(ngettext("{n} country.", "{n} countries.", n).format(n=n))
    data, spec = country_chart_spec(h)
    chart(data, spec, width="stretch")
    show_table(
        _localised(countries)[
            ["country_name", "n_holders", "n_holdings", "mass", "missions", "sources"]
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "country_name": N_("Country"),
            "n_holders": st.column_config.NumberColumn(N_("Holders"), width="small"),
            "n_holdings": st.column_config.NumberColumn(N_("Holdings"), width="small"),
            "mass": st.column_config.TextColumn(N_("Mass"), help=N_("'not published' is not zero")),
            "missions": N_("Missions"),
            "sources": st.column_config.TextColumn(
                N_("Sources"),
                help=N_("source_id values; citations in 'Every holding' and Data & sources"),
            ),
        },
        key="earth_by_country",
    )


def _holder_tab(holders: pd.DataFrame) -> None:
    n = len(holders)
    st.caption(ngettext("{n} institution.", "{n} institutions.", n).format(n=n))
    show_table(
        _localised(holders)[
            ["holder", "city", "country_name", "n_holdings", "mass", "missions"]
            + ["kind", "first_year", "sources"]
        ].fillna({"city": _("not published")}),
        hide_index=True,
        width="stretch",
        column_config={
            "holder": N_("Holder"),
            "city": N_("City"),
            "country_name": N_("Country"),
            "n_holdings": st.column_config.NumberColumn(N_("Holdings"), width="small"),
            "mass": st.column_config.TextColumn(N_("Mass"), help=N_("'not published' is not zero")),
            "missions": N_("Missions"),
            "kind": N_("Kind"),
            "first_year": st.column_config.NumberColumn(N_("Since"), format="%d"),
            "sources": N_("Sources"),
        },
        key="earth_by_holder",
    )


def _holdings_tab(h: pd.DataFrame) -> None:
    n = len(h)
    st.caption(
        ngettext("{n} holding, with its source.", "{n} holdings, each with its source.", n).format(
            n=n
        )
    )
    table = holdings_display(h["split_id"])
    shown = _localised(table)
    cols = ["mission", "holder", "city", "country_name", "kind", "mass", "received", "status"]
    show_table(
        shown[[*cols, "came_from", "sample_id", "source", "link", "note"]].fillna(
            {"city": _("not published"), "sample_id": "", "note": "", "status": ""}
        ),
        hide_index=True,
        width="stretch",
        column_config=HOLDING_COLS,
        key="earth_holdings",
    )
    st.download_button(
        _("Download these holdings (CSV)"),
        table.drop(columns=["origin_lat_deg", "origin_lon_deg"]).to_csv(index=False),
        file_name="moonmap_holdings.csv",
        mime="text/csv",
        key="earth_download",
    )
