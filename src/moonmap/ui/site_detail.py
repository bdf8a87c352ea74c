"""Render a :class:`moonmap.detail.SiteDetail` (text from the data is never rendered as HTML)."""

from __future__ import annotations

import streamlit as st

from moonmap.detail import SiteDetail
from moonmap.i18n import integer, number
from moonmap.queries import plural
from moonmap.ui.lang import N_, _, lang
from moonmap.ui.text import md_escape as _md
from moonmap.ui.text import table as show_table

EARTH_PAGE = "pages/earth_map.py"
SAMPLES_PAGE = "pages/samples_ages.py"

#: How many of a site's samples the detail lists (largest first); the rest are one click away.
LARGEST_SHOWN = 10

SOURCE_COLS = {
    "source": st.column_config.TextColumn(N_("Source"), width="medium"),
    "link": st.column_config.LinkColumn(N_("Link"), display_text="open", width="small"),
}


def facts_frame(facts, key: str) -> None:
    """A fact / value / source / link table (site, holder and sample details)."""
    show_table(
        facts[["fact", "value", "source", "link"]].fillna({"source": "—"}),
        hide_index=True,
        width="stretch",
        column_config={"fact": "Fact", "value": "Value", **SOURCE_COLS},
        key=key,
    )


HOLDER_COLS = {
    "name": "Holder",
    "city": "City",
    "country": "Country",
    "kind": "Kind",
    "mass": st.column_config.TextColumn("Mass", help="'not published' is not zero"),
    "received": "Received",
    **SOURCE_COLS,
}


def holders_frame(holders, key: str, received: bool = True) -> None:
    """A table of holdings (holder, place, kind, mass, [received], source); unpublished
    values say so."""
    cols = ["name", "city", "country", "kind", "mass"] + (["received"] if received else [])
    show_table(
        holders[[*cols, "source", "link"]].fillna(
            {"received": "not published", "city": "not published"}
        ),
        hide_index=True,
        width="stretch",
        column_config={k: v for k, v in HOLDER_COLS.items() if k in cols or k in SOURCE_COLS},
        key=key,
    )


AGE_TABLE_COLS = {
    "dates": st.column_config.TextColumn("What it dates", width="medium"),
    "sample_id": "Sample",
    "age_ma": st.column_config.NumberColumn("Age (Ma)", format="%d"),
    "uncertainty": st.column_config.TextColumn("± (Ma)", help="σ level as published"),
    "method": "Method",
    "material": "What was dated",
    "status_label": st.column_config.TextColumn(
        "Status", help="superseded: a later recalculation of the same data replaces it"
    ),
    "matches": st.column_config.CheckboxColumn("Matches filters"),
    "note": st.column_config.TextColumn("Note", width="medium"),
    **SOURCE_COLS,
}


def render_age_table(ages, filtered: bool, key: str) -> None:
    """Age determinations grouped by event, superseded ones marked, empty values in words."""
    cols = ["dates", "sample_id", "age_ma", "uncertainty", "method", "material", "status_label"]
    if filtered and "matches" in ages:
        cols.append("matches")
    table = ages[[*cols, "source", "link", "note"]].fillna(
        {"material": "not stated by the source", "note": "", "source": "—"}
    )
    table["uncertainty"] = table["uncertainty"].replace("", "not stated")
    show_table(
        table,
        hide_index=True,
        width="stretch",
        column_config={k: v for k, v in AGE_TABLE_COLS.items() if k in table},
        key=key,
    )


def render_rock_ages(d: SiteDetail) -> None:
    """How old the site's rocks are: its representative ages, lead unit first."""
    st.markdown("#### How old are the rocks here?")
    if d.rock_ages.empty:
        st.info("No representative age for this site is in the catalog yet.")
        return
    lead = d.rock_ages[d.rock_ages["lead"] == "yes"]
    if len(lead):
        first = lead.iloc[0]
        others = len(lead) - 1
        st.markdown(
            f"**{_md(first['unit'])}**: {_md(first['age'])}, {_md(first['event'])} age"
            + (f"; {plural(others, 'other published estimate')} below." if others else ".")
        )
    show_table(
        d.rock_ages[["unit", "dates", "age", "sigma", "estimate", "source", "link", "note"]],
        hide_index=True,
        width="stretch",
        column_config={
            "unit": st.column_config.TextColumn("Rocks / unit", width="medium"),
            "dates": "What the age dates",
            "age": "Age",
            "sigma": st.column_config.TextColumn("σ", width="small"),
            "estimate": st.column_config.TextColumn("Estimate", width="small"),
            "note": st.column_config.TextColumn("Note", width="medium"),
            **SOURCE_COLS,
        },
        key="detail_rock_ages",
    )
    st.caption(
        "Representative ages: published best estimates per unit (where sources disagree, "
        "each estimate is a row). The individual determinations follow."
    )


def site_list_markdown(table, sel) -> str:
    """The sites passing the filters as a Markdown table (text escaped): mission, landing
    year, rock age, samples and, with an age filter, the matching ages."""
    code = lang()
    t = table[table["site_id"].isin(sel.site_ids)]
    why = bool(sel.site_reasons)
    cols = [_("Mission"), _("Landed"), _("Rock age (Ga)"), _("Samples")]
    if why:
        cols.append(_("Matching ages"))
    head = "| " + " | ".join(_md(c) for c in cols) + " |"
    rule = "|---|---|--:|--:|" + ("---|" if why else "")
    rows = []
    for r in t.itertuples(index=False):
        age = "—" if r.rock_age_ga != r.rock_age_ga else number(r.rock_age_ga, code)
        cells = [_md(r.mission), _md(r.landed), age, integer(int(r.n_samples), code)]
        if why:
            cells.append(_md(sel.site_reasons.get(r.site_id, "")))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


def render_site_list(table, sel) -> None:
    """Sites passing the filters with their rock age; with an age filter, why each is shown.

    A Markdown table rather than ``st.dataframe``: the Moon map's first screen then needs no
    data-grid code (about 2.5 MB less for the browser to fetch)."""
    if len(sel.site_ids):
        st.markdown(site_list_markdown(table, sel))
        st.caption(_("Rock age: representative age of the site's rocks (the detail lists all)."))


def render_site_detail(d: SiteDetail, filtered: bool) -> None:
    """Mission facts, region, samples with ages, holders and alternative published values."""
    site = d.site
    st.subheader(f"{site['mission']} · {site['site_name']}", anchor=False)

    facts_frame(d.facts, key="detail_facts")

    if len(d.regions):
        lines = []
        for r in d.regions.itertuples(index=False):
            if r.relation == "inside":
                lines.append(f"inside **{_md(r.name)}** ({int(r.edge_km):,} km from its edge)")
            else:
                lines.append(f"{int(r.edge_km):,} km outside **{_md(r.name)}**")
        st.markdown("**Region** (spatial join on approximate outlines): " + "; ".join(lines) + ".")
        with st.expander("How the region outlines were made"):
            show_table(
                d.regions[["name", "relation", "edge_km", "approximation", "source", "link"]],
                hide_index=True,
                width="stretch",
                column_config={
                    "name": "Region",
                    "relation": "Site is",
                    "edge_km": st.column_config.NumberColumn("Edge distance (km)", format="%d"),
                    "approximation": "Outline",
                    **SOURCE_COLS,
                },
                key="detail_regions",
            )
    else:
        st.markdown(
            "**Region:** not inside or near any outlined mare or basin "
            "(the layer outlines only the regions listed in *Data & sources*)."
        )

    render_stations(d)

    render_rock_ages(d)

    n_a = len(d.ages)
    render_largest_samples(d, site, filtered)

    st.markdown(f"#### Every age determination ({n_a})")
    if n_a:
        counts = d.ages["dates"].value_counts(sort=False)
        n_sup = int((d.ages["status"] == "superseded").sum())
        st.caption(
            "Grouped by what each age dates: "
            + "; ".join(f"{_md(label)}: {n}" for label, n in counts.items())
            + (
                f"; {n_sup} superseded by a later recalculation (kept, not counted)."
                if n_sup
                else "."
            )
        )
        with st.expander(f"Show all {n_a} determinations"):
            render_age_table(d.ages, filtered, key="detail_ages")
    else:
        st.info("No radiometric ages for this mission's samples are in the catalog yet.")

    st.markdown(f"#### Where its material is held on Earth ({len(d.holders)} holdings)")
    if len(d.holders):
        holders_frame(d.holders, key="detail_holders")
        st.page_link(
            EARTH_PAGE,
            label=f"Map these holders on the Earth map ({site['mission']} only)",
            icon=":material/public:",
            query_params={"mission": str(site.name)},
        )
    if len(d.alternatives):
        with st.expander(f"Other published values ({len(d.alternatives)})"):
            st.caption("Where sources disagree, moonmap keeps every value with its source.")
            show_table(
                d.alternatives[["field", "value", "note", "source", "link"]],
                hide_index=True,
                width="stretch",
                column_config={"field": "Field", "value": "Value", "note": "Note", **SOURCE_COLS},
                key="detail_alts",
            )


def render_largest_samples(d, site, filtered: bool) -> None:
    """The site's largest samples, and a link to browse all of them."""
    n_s = len(d.samples)
    matching = ""
    if filtered and "matches" in d.samples:
        matching = f" — {int(d.samples['matches'].sum()):,} match the filters"
    st.markdown(f"#### Samples ({n_s:,}{matching})")
    if not n_s:
        st.info("No samples of this mission are in the catalog yet.")
        return
    shown = d.samples.head(LARGEST_SHOWN)
    if n_s > LARGEST_SHOWN:
        st.caption(f"The {LARGEST_SHOWN} largest, by mass as returned.")
    cols = ["sample_id", "nickname", "rock_type", "description", "mass_g", "n_ages"]
    if filtered:
        cols.append("matches")
    show_table(
        shown[[*cols, "source", "link"]].fillna({"nickname": "", "description": ""}),
        hide_index=True,
        width="stretch",
        column_config={
            "sample_id": "Sample",
            "nickname": "Nickname",
            "rock_type": "Rock type",
            "description": "Description",
            "mass_g": st.column_config.NumberColumn("Mass (g)", format="%.1f"),
            "n_ages": st.column_config.NumberColumn("Ages"),
            "matches": st.column_config.CheckboxColumn("Matches filters"),
            **SOURCE_COLS,
        },
        key="detail_samples",
    )
    st.page_link(
        SAMPLES_PAGE,
        label=f"Browse all {n_s:,} samples of {site['mission']}",
        icon=":material/science:",
        query_params={"mission": str(site.name)},
    )


def render_stations(d: SiteDetail) -> None:
    """The site's sampling stations with their sample counts and largest samples."""
    if not len(d.stations):
        return
    st.markdown(f"#### Sampling stations ({len(d.stations)}; in order of visit where published)")
    placed = int(d.stations["n_samples"].sum())
    st.caption(
        f"{placed:,} of the site's {len(d.samples):,} catalog samples have a published "
        "station; the others are counted on the *Coverage* page."
    )
    show_table(
        d.stations[["order", "name", "n_samples", "samples", "source", "link"]],
        hide_index=True,
        width="stretch",
        column_config={
            "order": st.column_config.NumberColumn("Order", width="small"),
            "name": "Station",
            "n_samples": st.column_config.NumberColumn("Samples", format="%d"),
            "samples": "Largest samples collected there",
            **SOURCE_COLS,
        },
        key="detail_stations",
    )
    if d.stations["lat_deg"].notna().sum() >= 2:
        st.caption("Switch the view to *Close-up of the selected site* to see the traverse.")
    else:
        st.caption(
            "Only the lander's position is in the catalog: no cited traverse "
            "reconstruction giving these stations' positions could be read, so they are "
            "listed here but not drawn."
        )
