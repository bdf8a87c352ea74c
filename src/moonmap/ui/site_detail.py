"""Render a :class:`moonmap.detail.SiteDetail` (text from the data is never rendered as HTML)."""

from __future__ import annotations

import streamlit as st

from moonmap.data import age_model as AM
from moonmap.detail import SiteDetail
from moonmap.frames import rows as frame_rows
from moonmap.i18n import integer, number
from moonmap.memo import by_identity
from moonmap.ui.data import mission_labels
from moonmap.ui.lang import N_, _, lang, ngettext, translator
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


def _mission(site) -> str:
    """The site's mission name in the session's language (*site*: a ``SiteDetail.site`` row,
    indexed by ``site_id``); the facts table keeps the catalog's own ``mission`` value."""
    return mission_labels().get(str(site.name), site["mission"])


def facts_frame(facts, key: str) -> None:
    """A fact / value / source / link table (site, holder and sample details); the fact
    names (marked ``N_()`` where the facts are made) and the app's own words among the values
    ("not published", "near side") in the session's language, catalog values as they are."""
    t = translator()
    shown = facts[["fact", "value", "source", "link"]].fillna({"source": "—"})
    words = shown["value"].map(lambda v: t(v) if isinstance(v, str) and v else v)
    shown = shown.assign(fact=shown["fact"].map(t), value=words)
    show_table(
        shown,
        hide_index=True,
        width="stretch",
        column_config={"fact": N_("Fact"), "value": N_("Value"), **SOURCE_COLS},
        key=key,
    )


HOLDER_COLS = {
    "name": N_("Holder"),
    "city": N_("City"),
    "country": N_("Country"),
    "kind": N_("Kind"),
    "mass": st.column_config.TextColumn(N_("Mass"), help=N_("'not published' is not zero")),
    "received": N_("Received"),
    **SOURCE_COLS,
}


def holders_frame(holders, key: str, received: bool = True) -> None:
    """A table of holdings (holder, place, kind, mass, [received], source); unpublished
    values say so."""
    cols = ["name", "city", "country", "kind", "mass"] + (["received"] if received else [])
    show_table(
        holders[[*cols, "source", "link"]].fillna(
            {"received": _("not published"), "city": _("not published")}
        ),
        hide_index=True,
        width="stretch",
        column_config={k: v for k, v in HOLDER_COLS.items() if k in cols or k in SOURCE_COLS},
        key=key,
    )


AGE_TABLE_COLS = {
    "dates": st.column_config.TextColumn(N_("What it dates"), width="medium"),
    "sample_id": N_("Sample"),
    "age_ma": st.column_config.NumberColumn(N_("Age (Ma)"), format="%d"),
    "uncertainty": st.column_config.TextColumn(N_("± (Ma)"), help=N_("σ level as published")),
    "method": N_("Method"),
    "material": N_("What was dated"),
    "status_label": st.column_config.TextColumn(
        "Status", help=N_("superseded: a later recalculation of the same data replaces it")
    ),
    "matches": st.column_config.CheckboxColumn(N_("Matches filters")),
    "note": st.column_config.TextColumn(N_("Note"), width="medium"),
    **SOURCE_COLS,
}


def render_age_table(ages, filtered: bool, key: str) -> None:
    """Age determinations grouped by event, superseded ones marked, empty values in words."""
    cols = ["dates", "sample_id", "age_ma", "uncertainty", "method", "material", "status_label"]
    if filtered and "matches" in ages:
        cols.append("matches")
    table = ages[[*cols, "source", "link", "note"]].fillna(
        {"material": _("not stated by the source"), "note": "", "source": "—"}
    )
    table["uncertainty"] = table["uncertainty"].replace("", _("not stated"))
    show_table(
        table,
        hide_index=True,
        width="stretch",
        column_config={k: v for k, v in AGE_TABLE_COLS.items() if k in table},
        key=key,
    )


def render_rock_ages(d: SiteDetail) -> None:
    """How old the site's rocks are: its representative ages, lead unit first."""
    st.markdown("#### " + _("How old are the rocks here?"))
    if d.rock_ages.empty:
        st.info(_("No representative age for this site is in the catalog yet."))
        return
    lead = d.rock_ages[d.rock_ages["lead"] == "yes"]
    if len(lead):
        first = lead.iloc[0]
        others = len(lead) - 1
        event = first["event"]
        text = _("**{unit}**: {age} — {event}").format(
            unit=_md(first["unit"]),
            age=_md(first["age"]),
            event=_md(_(AM.EVENT_LABELS[event]) if event in AM.EVENT_LABELS else event),
        )
        if others:
            text += ngettext(
                "; {n} other published estimate below.",
                "; {n} other published estimates below.",
                others,
            ).format(n=others)
        else:
            text += "."
        st.markdown(text)
    show_table(
        d.rock_ages[["unit", "dates", "age", "sigma", "estimate", "source", "link", "note"]],
        hide_index=True,
        width="stretch",
        column_config={
            "unit": st.column_config.TextColumn(N_("Rocks / unit"), width="medium"),
            "dates": N_("What the age dates"),
            "age": N_("Age"),
            "sigma": st.column_config.TextColumn(N_("σ"), width="small"),
            "estimate": st.column_config.TextColumn(N_("Estimate"), width="small"),
            "note": st.column_config.TextColumn(N_("Note"), width="medium"),
            **SOURCE_COLS,
        },
        key="detail_rock_ages",
    )
    st.caption(
        _(
            "Representative ages: published best estimates per unit (where sources disagree, "
            "each estimate is a row). The individual determinations follow."
        )
    )


@by_identity
def _site_list_rows(table) -> list:
    """The site table's rows for the list, read once per (shared, unchanging) table."""
    return list(frame_rows(table, ["site_id", "mission", "landed", "rock_age_ga", "n_samples"]))


def site_list_markdown(table, sel) -> str:
    """The sites passing the filters as a Markdown table (text escaped): mission, landing
    year, rock age, samples and, with an age filter, the matching ages."""
    code = lang()
    names = mission_labels(code)
    keep = set(sel.site_ids)
    why = bool(sel.site_reasons)
    cols = [_("Mission"), _("Landed"), _("Rock age (Ga)"), _("Samples")]
    if why:
        cols.append(_("Matching ages"))
    head = "| " + " | ".join(_md(c) for c in cols) + " |"
    rule = "|---|---|--:|--:|" + ("---|" if why else "")
    rows = []
    for r in (r for r in _site_list_rows(table) if r.site_id in keep):
        age = "—" if r.rock_age_ga != r.rock_age_ga else number(r.rock_age_ga, code)
        mission = names.get(r.site_id, r.mission)
        cells = [_md(mission), _md(r.landed), age, integer(int(r.n_samples), code)]
        if why:
            cells.append(_md(sel.site_reasons.get(r.site_id, "")))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


def render_site_list(table, sel) -> None:
    """Sites passing the filters with their rock age; with an age filter, why each is shown.

    A Markdown table rather than ``st.dataframe``: the Moon map's first screen then needs no
    data-grid code (about 2.5 MB less for the browser to fetch)."""
    if len(sel.site_ids):
        # One element: the note on the rock age is the table's own small print.
        note = _("Rock age: representative age of the site's rocks (the detail lists all).")
        st.markdown(site_list_markdown(table, sel) + "\n\n:small[" + _md(note) + "]")


def render_site_detail(d: SiteDetail, filtered: bool) -> None:
    """Mission facts, region, samples with ages, holders and alternative published values."""
    site = d.site
    st.subheader(f"{_mission(site)} · {site['site_name']}", anchor=False)
    facts_frame(d.facts, key="detail_facts")
    render_regions(d)
    render_stations(d)
    render_rock_ages(d)
    render_largest_samples(d, site, filtered)
    render_ages(d, filtered)
    render_holders_and_alternatives(d, site)


def render_regions(d: SiteDetail) -> None:
    """Which outlined mare or basin the site lies in or near, and how the outlines were made."""
    code = lang()
    if len(d.regions):
        lines = []
        for r in d.regions.itertuples(index=False):
            if r.relation == "inside":
                lines.append(
                    _("inside **{region}** ({km} km from its edge)").format(
                        region=_md(r.name), km=integer(int(r.edge_km), code)
                    )
                )
            else:
                lines.append(
                    _("{km} km outside **{region}**").format(
                        region=_md(r.name), km=integer(int(r.edge_km), code)
                    )
                )
        st.markdown(
            _("**Region** (spatial join on approximate outlines): {regions}.").format(
                regions="; ".join(lines)
            )
        )
        with st.expander(_("How the region outlines were made")):
            show_table(
                d.regions[["name", "relation", "edge_km", "approximation", "source", "link"]],
                hide_index=True,
                width="stretch",
                column_config={
                    "name": N_("Region"),
                    "relation": N_("Site is"),
                    "edge_km": st.column_config.NumberColumn(N_("Edge distance (km)"), format="%d"),
                    "approximation": N_("Outline"),
                    **SOURCE_COLS,
                },
                key="detail_regions",
            )
    else:
        st.markdown(
            _(
                "**Region:** not inside or near any outlined mare or basin "
                "(the layer outlines only the regions listed in *Data & sources*)."
            )
        )


def render_ages(d: SiteDetail, filtered: bool) -> None:
    """Every age determination of the site's samples, grouped by what it dates."""
    n_a = len(d.ages)
    st.markdown("#### " + _("Every age determination ({n})").format(n=n_a))
    if n_a:
        superseded = d.ages["status"] == "superseded"
        n_sup = int(superseded.sum())
        # The groups count current values only: the sentence below says the superseded ones
        # are not counted.
        counts = d.ages.loc[~superseded, "dates"].value_counts(sort=False)
        groups = "; ".join(f"{_md(label)}: {n}" for label, n in counts.items())
        text = _("Grouped by what each age dates: {groups}").format(groups=groups)
        if n_sup:
            text += _("; {n} superseded by a later recalculation (kept, not counted).").format(
                n=n_sup
            )
        else:
            text += "."
        st.caption(text)
        with st.expander(_("Show all {n} determinations").format(n=n_a)):
            render_age_table(d.ages, filtered, key="detail_ages")
    else:
        st.info(_("No radiometric ages for this mission's samples are in the catalog yet."))


def render_holders_and_alternatives(d: SiteDetail, site) -> None:
    """Where the site's material is held, with a link to the Earth map, and the values other
    sources publish."""
    n_h = len(d.holders)
    st.markdown(
        "#### "
        + ngettext(
            "Where its material is held on Earth ({n} holding)",
            "Where its material is held on Earth ({n} holdings)",
            n_h,
        ).format(n=n_h)
    )
    if len(d.holders):
        holders_frame(d.holders, key="detail_holders")
        st.page_link(
            EARTH_PAGE,
            label=_("Map these holders on the Earth map ({mission} only)").format(
                mission=_mission(site)
            ),
            icon=":material/public:",
            query_params={"mission": str(site.name)},
        )
    if len(d.alternatives):
        with st.expander(_("Other published values ({n})").format(n=len(d.alternatives))):
            st.caption(_("Where sources disagree, moonmap keeps every value with its source."))
            show_table(
                d.alternatives[["field", "value", "note", "source", "link"]],
                hide_index=True,
                width="stretch",
                column_config={
                    "field": N_("Field"),
                    "value": N_("Value"),
                    "note": N_("Note"),
                    **SOURCE_COLS,
                },
                key="detail_alts",
            )


def render_largest_samples(d, site, filtered: bool) -> None:
    """The site's largest samples, and a link to browse all of them."""
    n_s = len(d.samples)
    matching = ""
    if filtered and "matches" in d.samples:
        matching = _(" — {n} match the filters").format(
            n=integer(int(d.samples["matches"].sum()), lang())
        )
    st.markdown(
        "#### " + _("Samples ({n}{matching})").format(n=integer(n_s, lang()), matching=matching)
    )
    if not n_s:
        st.info(_("No samples of this mission are in the catalog yet."))
        return
    shown = d.samples.head(LARGEST_SHOWN)
    if n_s > LARGEST_SHOWN:
        st.caption(_("The {n} largest, by mass as returned.").format(n=LARGEST_SHOWN))
    cols = ["sample_id", "nickname", "rock_type", "description", "mass_g", "n_ages"]
    if filtered:
        cols.append("matches")
    show_table(
        shown[[*cols, "source", "link"]].fillna({"nickname": "", "description": ""}),
        hide_index=True,
        width="stretch",
        column_config={
            "sample_id": N_("Sample"),
            "nickname": N_("Nickname"),
            "rock_type": N_("Rock type"),
            "description": N_("Description"),
            "mass_g": st.column_config.NumberColumn(N_("Mass (g)"), format="%.1f"),
            "n_ages": st.column_config.NumberColumn(N_("Ages")),
            "matches": st.column_config.CheckboxColumn(N_("Matches filters")),
            **SOURCE_COLS,
        },
        key="detail_samples",
    )
    st.page_link(
        SAMPLES_PAGE,
        label=_("Browse all {n} samples of {mission}").format(
            n=integer(n_s, lang()), mission=_mission(site)
        ),
        icon=":material/science:",
        query_params={"mission": str(site.name)},
    )


def render_stations(d: SiteDetail) -> None:
    """The site's sampling stations with their sample counts and largest samples."""
    if not len(d.stations):
        return
    st.markdown(
        "#### "
        + _("Sampling stations ({n}; in order of visit where published)").format(n=len(d.stations))
    )
    placed = int(d.stations["n_samples"].sum())
    st.caption(
        _(
            "{placed} of the site's {total} catalog samples have a published station; the "
            "others are counted on the *Coverage* page."
        ).format(placed=integer(placed, lang()), total=integer(len(d.samples), lang()))
    )
    show_table(
        d.stations[["order", "name", "n_samples", "samples", "source", "link"]],
        hide_index=True,
        width="stretch",
        column_config={
            "order": st.column_config.NumberColumn(N_("Order"), width="small"),
            "name": N_("Station"),
            "n_samples": st.column_config.NumberColumn(N_("Samples"), format="%d"),
            "samples": N_("Largest samples collected there"),
            **SOURCE_COLS,
        },
        key="detail_stations",
    )
    if d.stations["lat_deg"].notna().sum() >= 2:
        st.caption(_("Switch the view to *Close-up of the selected site* to see the traverse."))
    else:
        st.caption(
            _(
                "Only the lander's position is in the catalog: no cited traverse "
                "reconstruction giving these stations' positions could be read, so they are "
                "listed here but not drawn."
            )
        )
