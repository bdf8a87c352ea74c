"""Guided tour: the story of the Moon samples in steps, for classrooms and outreach."""

import streamlit as st

from moonmap.ui.data import tour_report
from moonmap.ui.lang import _, lang
from moonmap.ui.page import page_setup
from moonmap.ui.site_detail import _md
from moonmap.ui.tour import seed_tour_state, tour_body
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
show_notes(seed_tour_state(len(steps)))
tour_body(steps)  # a fragment: Next, Previous and the presentation toggle rerun it alone
