"""Guided tour: the story of the Moon samples in steps, for classrooms and outreach."""

import streamlit as st

from moonmap.ui import state as K
from moonmap.ui.data import tour_report
from moonmap.ui.lang import _, lang
from moonmap.ui.page import page_setup
from moonmap.ui.site_detail import _md
from moonmap.ui.tour import (
    PRESENT_CSS,
    clicker_keys,
    go,
    seed_tour_state,
    step_map,
    step_text,
    sync_tour_url,
)
from moonmap.ui.url import show_notes

page_setup()
report = tour_report()
if not report.ok:
    st.title(_("Guided tour"))
    st.error(_("The tour file has problems, so the tour cannot start. The maps still work."))
    for problem in report.problems:
        st.error(_md(problem.text(lang())))
    st.stop()
steps = report.steps
n = len(steps)
show_notes(seed_tour_state(n))
present = bool(st.session_state.get(K.TOUR_PRESENT))
if present:
    st.html(PRESENT_CSS)

i = st.session_state[K.TOUR_STEP]
step = steps[i]
# In presentation mode the toggle's label is set large too: give it room ("Mode présentation").
head, toggle = st.columns([3.2, 1.8] if present else [4, 1.3], vertical_alignment="bottom")
head.markdown(f"## {i + 1}/{n} · {_md(step.title_in(lang()))}")
toggle.toggle(
    _("Presentation"),
    key=K.TOUR_PRESENT,
    persist_state="session",
    help=_("Big text, no sidebar, fits a projector"),
)
st.progress((i + 1) / n)

col_map, col_text = st.columns([3, 2], gap="medium")
with col_map:
    step_map(step, present, height=590 if present else 500)
with col_text:
    step_text(step)
    back, nxt = st.columns(2)
    back.button(
        _("← Previous"),
        on_click=go,
        args=(-1, n),
        disabled=i == 0,
        key="tour_prev",
        width="stretch",
        shortcut="Left",
    )
    nxt.button(
        _("Next →"),
        on_click=go,
        args=(1, n),
        disabled=i == n - 1,
        key="tour_next",
        type="primary",
        width="stretch",
        shortcut="Right",
    )
    clicker_keys(n)
    if not present:  # a projector audience follows Next; the list stays one click away
        titles = [s.title_in(lang()) for s in steps]  # bound now: format_func runs later
        st.selectbox(
            _("All steps"),
            list(range(n)),
            key=K.TOUR_STEP,
            persist_state="session",
            format_func=lambda j: f"{j + 1}. {titles[j]}",
        )
sync_tour_url()
