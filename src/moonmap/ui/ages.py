"""Samples & ages page: URL state, sample detail, chronology section and export buttons."""

from __future__ import annotations

import functools

import streamlit as st

from moonmap import chronology
from moonmap.export import FORMATS
from moonmap.filters import FilterOptions, Filters
from moonmap.i18n import number
from moonmap.params import echo
from moonmap.ui import state as K
from moonmap.ui import url as URL
from moonmap.ui.data import chronology_view, export_bytes, sample_detail_of
from moonmap.ui.lang import N_, _, lang
from moonmap.ui.site_detail import SOURCE_COLS, facts_frame, holders_frame
from moonmap.ui.text import chart, md_escape
from moonmap.ui.text import table as show_table

NOTES = "ages_url_notes"
WRITTEN = "_ages_url_written"
KEYS = ("q", "sample")
#: Longest search text (the search box's max_chars).
MAX_SEARCH = 100
EXPORT_LABELS = {
    "csv": N_("CSV (spreadsheet)"),
    "geojson": "GeoJSON",
    "gpkg": N_("GeoPackage (QGIS)"),
    "kml": N_("KML (Google Earth, Moon)"),
    "bib": N_("BibTeX (sources)"),
    "csl": N_("CSL-JSON (sources, Zotero)"),
    "samples": N_("Samples (CSV)"),
}

#: Download file stems per format (the rest are named moonmap_ages.*).
EXPORT_STEMS = {"bib": "moonmap_sources", "csl": "moonmap_sources", "samples": "moonmap_samples"}


#: What the charts can be coloured by.
COLOUR_CHOICES = {
    "method": N_("Dating method"),
    "event": N_("What it dates"),
    "status": N_("Status"),
}

#: Column labels of the age tables (the explorer and a sample's own ages).
AGE_COLS = {
    "sample_id": N_("Sample"),
    "nickname": N_("Nickname"),
    "mission": N_("Mission"),
    "rock_type": N_("Rock type"),
    "age_ma": st.column_config.NumberColumn(N_("Age (Ma)"), format="%d"),
    "age_err_ma": st.column_config.NumberColumn("± (Ma)", format="%g"),
    "sigma": st.column_config.TextColumn("σ", help=N_("1σ or 2σ as published")),
    "method": N_("Method"),
    "material": N_("What was dated"),
    "dates": st.column_config.TextColumn(N_("What the age dates"), width="medium"),
    "status_label": st.column_config.TextColumn(
        N_("Status"), help=N_("superseded: a later recalculation of the same data replaces it")
    ),
    **SOURCE_COLS,
}


def age_frame(rows, columns: list[str], key: str) -> None:
    """A table of age rows with the shared column labels."""
    fills = {"nickname": "", "material": "not stated by the source", "sigma": ""}
    show_table(
        rows[columns].fillna({k: v for k, v in fills.items() if k in columns}),
        hide_index=True,
        width="stretch",
        column_config={k: v for k, v in AGE_COLS.items() if k in columns},
        key=key,
    )


def seed_ages_state(sample_ids: tuple[str, ...]) -> list[str]:
    """Read ``q`` (search) and ``sample`` from the URL on the first run, or when a link
    brings values this session did not write."""
    url = URL.read(KEYS)
    if not URL.needs_seed(url, K.AGES_SEEDED, WRITTEN):
        return st.session_state.get(NOTES, [])
    notes = []
    sample = url.get("sample")
    if sample is not None and sample not in sample_ids:
        notes.append(
            _("No {thing} with id {id}; search for it or pick one from the list.").format(
                thing=_("sample"), id=echo(sample)
            )
        )
        sample = None
    query = url.get("q") or ""
    if len(query) > MAX_SEARCH:
        notes.append(
            _("The search q={value} was cut to its first {n} characters.").format(
                value=echo(query), n=MAX_SEARCH
            )
        )
    st.session_state[K.AGES_SEARCH] = query[:MAX_SEARCH]
    st.session_state[K.AGES_SAMPLE] = sample
    st.session_state[NOTES] = notes
    st.session_state[WRITTEN] = url
    st.session_state[K.AGES_SEEDED] = True
    return notes


def sync_ages_url() -> None:
    values = {
        "q": (st.session_state.get(K.AGES_SEARCH) or "").strip() or None,
        "sample": st.session_state.get(K.AGES_SAMPLE),
    }
    URL.write(KEYS, values, WRITTEN)


def render_sample_detail(sample_id: str) -> None:
    """Facts, every age side by side, and who holds its material."""
    d = sample_detail_of(sample_id)
    st.subheader(d.title, anchor=False)
    if d.links:
        cols = st.columns(len(d.links))
        for col, (label, url) in zip(cols, d.links.items(), strict=True):
            col.link_button(label, url, icon=":material/open_in_new:", width="stretch")
    else:
        st.caption(_("No catalog page or paper link is known for this sample."))
    facts_frame(d.facts, key="sample_facts")
    n = len(d.ages)
    title = _("The one age of this sample") if n == 1 else _("All {n} ages of this sample")
    st.markdown("#### " + title.format(n=n))
    if len(d.ages):
        cols = ["age_ma", "age_err_ma", "sigma", "method", "material", "dates", "status_label"]
        cols += ["source", "link"]
        age_frame(d.ages, cols, key="sample_ages")
    else:
        st.info(_("No radiometric age of this sample is in the catalog."))
    if d.holders_scope == "sample":
        st.markdown("#### " + _("Holders of material from this sample"))
    else:
        st.markdown("#### " + _("Holders of material from its mission (not by sample)"))
    holders_frame(d.holders, key="sample_holders", received=False)


def render_chronology() -> None:
    """The chronology curve, the calibration points, and why Chang'e-5 matters."""
    st.markdown("### " + _("Crater counts and sample ages: the lunar chronology"))
    pts, (data, spec) = chronology_view()
    ce5 = pts[(pts["site_id"] == "change-5") & pts["n1"].notna()]
    if len(ce5):
        age = ce5["age_ga"].iloc[0]
        st.markdown(
            _(
                "Planetary scientists date surfaces across the Solar System by counting "
                "craters, and the counts are turned into ages with a curve calibrated on Moon "
                "rocks of known age. Before Chang'e-5 no sample filled the gap between about 3 "
                "and 1 billion years ago; its {age}-billion-year-old basalts pin the curve in "
                "the middle of that gap."
            ).format(age=number(age, lang()))
        )
    chart(data, spec, width="stretch")
    models = ", ".join(
        f"{_(m.label)}: N(1) = {m.a:.3g}·(e^({m.b:g}·T) − 1) + {m.c:.3g}·T"
        for m in chronology.MODELS.values()
    )
    st.caption(
        _(
            "Curves: {models} (T in Ga). Constants as implemented in Craterstats; sources in "
            "the table below. Apollo and Luna calibration points are not in the catalog yet: "
            "no N(1) table for them could be verified, so none is drawn."
        ).format(models=models)
    )
    show_table(
        pts[["mission", "sample_id", "age_ga", "n1", "n1_err", "age_source", "n1_source", "note"]],
        hide_index=True,
        width="stretch",
        column_config={
            "mission": N_("Site"),
            "sample_id": N_("Sample"),
            "age_ga": st.column_config.NumberColumn(N_("Age (Ga)"), format="%.3f"),
            "n1": st.column_config.NumberColumn(N_("N(1) per km²"), format="%.3e"),
            "n1_err": st.column_config.NumberColumn("± N(1)", format="%.3e"),
            "age_source": N_("Age source"),
            "n1_source": N_("N(1) source"),
            "note": st.column_config.TextColumn(N_("Note"), width="large"),
        },
        key="chronology_points",
    )


def render_exports(filters: Filters, opts: FilterOptions) -> None:
    """One download button per format for the current filter selection."""
    st.markdown("### " + _("Take the data with you"))
    active = filters.describe(opts, lang())
    which = md_escape("; ".join(active)) if active else _("the whole catalog")
    st.caption(
        _(
            "Exports hold the ages (and, in Samples, the samples) that pass the sidebar filters "
            "({which}), each with its site position (Moon 2015 sphere, IAU_2015:30100) and its "
            "source. The search box does not change the exports. Same from Python "
            "(moonmap.export) and the command line: python -m moonmap export --format csv "
            "--out ages.csv."
        ).format(which=which)
    )
    cols = st.columns(4)
    for i, (fmt, (mime, ext)) in enumerate(FORMATS.items()):
        cols[i % 4].download_button(
            _(EXPORT_LABELS[fmt]),
            data=functools.partial(export_bytes, fmt, filters),
            file_name=f"{EXPORT_STEMS.get(fmt, 'moonmap_ages')}.{ext}",
            mime=mime,
            key=f"export_{fmt}",
            on_click="ignore",
        )
