"""The sample browser on the Samples & ages page: controls, count line, table and download."""

from __future__ import annotations

import functools

import streamlit as st

from moonmap.data import sample_browser as SB
from moonmap.filters import Selection
from moonmap.i18n import integer
from moonmap.params import clean, echo
from moonmap.ui import state as K
from moonmap.ui import url as URL
from moonmap.ui.data import catalog, data_dir, sample_rows_csv, sample_table
from moonmap.ui.lang import N_, _, lang, ngettext, translator
from moonmap.ui.text import displayable, md_escape, translated_config

DATED_LABELS = {"any": N_("Any"), "dated": N_("Dated"), "undated": N_("Not dated")}

#: The two choice controls whose labels are translated keep language-neutral codes in the
#: URL (``?sort=pristine&dated=undated``), written by hand: a widget bound to the URL with
#: ``bind="query-params"`` writes its *label*, so a link would change with the language.
#: Links made before (``?sort=Sample number``) still open.
CODED = (K.SB_SORT, K.SB_DATED)
_SEEDED = "_sb_coded_seeded"
_WRITTEN = "_sb_coded_written"
_NOTES = "_sb_coded_notes"


def _code_of(raw: str, labels: dict[str, str]) -> str | None:
    """The option code *raw* names: the code itself, or its English label (older links)."""
    if raw in labels:
        return raw
    return next((code for code, label in labels.items() if label == raw), None)


def seed_coded_controls() -> list[str]:
    """Sort and "radiometric age" from the URL on the first run, or when a link brings values
    this session did not write; a value that is not an option gets a note."""
    url = URL.read(CODED)
    if not URL.needs_seed(url, _SEEDED, _WRITTEN):
        return st.session_state.get(_NOTES, [])
    notes = []
    sort_labels = {code: label for code, (_col, label, _desc) in SB.SORTS.items()}
    for key, labels, default in (
        (K.SB_SORT, sort_labels, "mass"),
        (K.SB_DATED, DATED_LABELS, "any"),
    ):
        raw = clean(url.get(key) or "")
        code = _code_of(raw, labels) if raw.strip() else default  # blank: no value
        if code is None:
            notes.append(
                _("Ignored {key}={value}: use one of {options}.").format(
                    key=key, value=echo(raw), options=", ".join(labels)
                )
            )
            code = default
        st.session_state[key] = code
    st.session_state[_NOTES] = notes
    st.session_state[_WRITTEN] = url
    st.session_state[_SEEDED] = True
    return notes


#: Columns of the browser table and their labels.
COLUMNS = {
    "sample_id": N_("Sample"),
    "mission": N_("Mission"),
    "station": N_("Station"),
    "sample_type": N_("Type"),
    "sample_subtype": N_("Subtype"),
    "rock_type": N_("Rock type"),
    "mass_g": st.column_config.NumberColumn(N_("Mass (g)"), format="localized"),
    "pristine_pct": st.column_config.NumberColumn(
        N_("Pristine (%)"),
        format="%.0f",
        help=N_(
            "JSC's pristinity: share of the original mass still held as pristine material "
            "in curation (not a petrological classification)"
        ),
    ),
    "n_ages": st.column_config.NumberColumn(
        N_("Ages"), format="%d", help=N_("current determinations")
    ),
    "nickname": N_("Nickname"),
}


@st.cache_resource(show_spinner=False)
def _station_labels(directory: str) -> dict[str, str]:
    cat = catalog()
    missions = cat.sites.set_index("site_id")["mission"]
    return {
        r.station_id: f"{missions[r.site_id]} · {r.name}"
        for r in cat.stations.itertuples(index=False)
    }


#: Messages about the browser's URL values that could not be used.
NOTES = "sb_url_notes"


def _check_url(key: str, allowed=None, bounds=None) -> None:
    """Before a URL-bound control reads its parameter for the first time in a session, say
    which values it cannot use (Streamlit drops them silently) or reads unusually."""
    flag = f"_sb_checked_{key}"
    if st.session_state.get(flag):
        return
    st.session_state[flag] = True
    values = [clean(v) for v in st.query_params.get_all(key)]
    note = SB.check_url_values(key, values, allowed, bounds, lang())
    if note:
        st.session_state[NOTES] = [*st.session_state.get(NOTES, []), note]


def query_controls(site_ids: tuple[str, ...]) -> SB.SampleQuery:
    """The browser's controls (URL-bound); returns the query they describe."""
    table = sample_table()
    in_sites = table[table["site_id"].isin(site_ids)] if site_ids else table
    used = set(in_sites["station_id"].dropna())
    stations = [s for s in catalog().stations["station_id"] if s in used]
    types = sorted(table["sample_type"].dropna().unique())
    c1, c2, c3 = st.columns(3)
    labels = _station_labels(data_dir())
    _check_url(K.SB_STATION, tuple(labels.get(s, s) for s in stations))
    _check_url(K.SB_TYPE, tuple(types))
    station_ids = c1.multiselect(
        _("Station"),
        stations,
        format_func=lambda s: labels.get(s, s),
        key=K.SB_STATION,
        bind="query-params",
        placeholder=_("Any station"),
    )
    chosen_types = c2.multiselect(
        _("Type (JSC catalog)"),
        types,
        key=K.SB_TYPE,
        bind="query-params",
        placeholder=_("Any type"),
    )
    sub_pool = table[table["sample_type"].isin(chosen_types)] if chosen_types else table
    sub_options = sorted(sub_pool["sample_subtype"].dropna().unique())
    _check_url(K.SB_SUBTYPE, tuple(sub_options))
    _check_url(K.SB_MASS_MIN, bounds=(0.0, None))
    _check_url(K.SB_MASS_MAX, bounds=(0.0, None))
    _check_url(K.SB_PRISTINE, bounds=(0.0, 100.0))
    # sort and dated keep codes in the URL and are checked by seed_coded_controls
    subtypes = c3.multiselect(
        _("Subtype"),
        sub_options,
        key=K.SB_SUBTYPE,
        bind="query-params",
        placeholder=_("Any subtype"),
    )
    c4, c5, c6, c7 = st.columns(4)
    mass_min = c4.number_input(
        _("Mass at least (g)"),
        min_value=0.0,
        value=None,
        key=K.SB_MASS_MIN,
        bind="query-params",
    )
    mass_max = c5.number_input(
        _("Mass at most (g)"),
        min_value=0.0,
        value=None,
        key=K.SB_MASS_MAX,
        bind="query-params",
    )
    pristine = c6.number_input(
        _("Pristine at least (%)"),
        min_value=0.0,
        max_value=100.0,
        value=None,
        key=K.SB_PRISTINE,
        bind="query-params",
        help=_("JSC's pristinity: share of the original mass still unallocated in curation"),
    )
    notes = seed_coded_controls()
    t = translator()
    sort = c7.selectbox(
        _("Sort by"),
        list(SB.SORTS),
        format_func=lambda k: t(SB.SORTS[k][1]),
        key=K.SB_SORT,
        persist_state="session",
    )
    dated = st.segmented_control(
        _("Radiometric age"),
        list(DATED_LABELS),
        format_func=lambda k: t(DATED_LABELS[k]),
        key=K.SB_DATED,
        persist_state="session",
    )
    URL.write(
        CODED,
        {
            K.SB_SORT: None if sort == "mass" else sort,
            K.SB_DATED: None if dated == "any" else dated,
        },
        _WRITTEN,
    )
    URL.show_notes(notes)
    return SB.SampleQuery(
        station_ids=frozenset(station_ids),
        types=frozenset(chosen_types),
        subtypes=frozenset(subtypes),
        mass_min_g=mass_min,
        mass_max_g=mass_max,
        pristine_min_pct=pristine,
        dated=None if dated in (None, "any") else dated,
        sort=sort or "mass",
    )


@st.cache_resource(show_spinner=False)
def _display(directory: str):
    """The whole sample table made displayable once (``ui.text.displayable``: no "None",
    numbers formatted): a filter step then only picks rows (shared: do not modify)."""
    table = sample_table()
    return displayable(
        table[list(COLUMNS)].fillna({"nickname": "", "station": "not published"}), COLUMNS
    )


@st.fragment
def render_sample_browser(sel: Selection, site_ids: tuple[str, ...]) -> None:
    """Every sample in play (sidebar filters), narrowed by the browser's own controls.

    A fragment: the browser's controls rerun only the browser; picking a row reruns the page
    (the sample's detail is drawn further down)."""
    st.markdown("### " + _("Browse the samples"))
    st.caption(
        _(
            "Every numbered Apollo sample in the NASA JSC catalog, plus the Luna and Chang'e "
            "samples as their papers name them. The sidebar's mission, rock type and age "
            "filters apply first; these controls narrow further. Each row links onward to the "
            "sample's NASA catalog page, its Compendium entry (where one exists), its photos in "
            "the LPI Atlas, or its paper (select a row)."
        )
    )
    query = query_controls(site_ids)
    URL.show_notes(st.session_state.get(NOTES, []))
    table = sample_table()
    rows = SB.apply(table, query, sel.sample_ids)
    code = lang()
    line = SB.count_line(rows, len(table), code)
    narrowing = query.describe(code)
    st.markdown(
        f"**{md_escape(line)}**"
        + (
            " " + _("Narrowed by: {what}.").format(what=md_escape("; ".join(narrowing)))
            if narrowing
            else ""
        )
    )
    if not len(rows):
        st.info(_("No sample matches. Widen the controls above or the sidebar filters."))
        return
    shown, config = _display(data_dir())
    config = translated_config(config)
    event = st.dataframe(
        shown.loc[rows.index],
        hide_index=True,
        width="stretch",
        column_config=config,
        key="sample_browser_table",
        on_select="rerun",
        selection_mode="single-row",
    )
    picked = event.selection.rows if event is not None else []
    if picked and picked[0] < len(rows):
        chosen = rows["sample_id"].iloc[picked[0]]
        if st.session_state.get(K.AGES_SAMPLE) != chosen:
            st.session_state[K.AGES_SAMPLE] = chosen
            st.rerun()  # the sample's detail, further down, is outside this fragment
    st.caption(
        _(
            "Select a row to open the sample below, with its links to the NASA catalog, the "
            "Compendium, the LPI Atlas or its paper (the download carries the links too)."
        )
    )
    st.download_button(
        ngettext(
            "Download this {n} sample (CSV)", "Download these {n} samples (CSV)", len(rows)
        ).format(n=integer(len(rows), code)),
        data=functools.partial(sample_rows_csv, tuple(rows["sample_id"])),
        file_name="moonmap_samples.csv",
        mime="text/csv",
        key="export_sample_browser",
        on_click="ignore",
    )
