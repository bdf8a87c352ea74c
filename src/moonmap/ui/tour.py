"""Guided tour page: step and presentation mode in the URL, the step's map, its text."""

from __future__ import annotations

import streamlit as st

from moonmap.params import echo
from moonmap.tour import Step, fill
from moonmap.ui import state as K
from moonmap.ui import url as URL
from moonmap.ui.data import catalog, holdings, tour_deck
from moonmap.ui.lang import _, lang, ngettext
from moonmap.ui.moon import is_phone
from moonmap.ui.text import md_escape as _md

NOTES = "tour_url_notes"
WRITTEN = "_tour_url_written"
KEYS = ("step", "present")
PRESENT_ON = ("1", "true", "yes")

#: Presentation mode: no sidebar or toolbar, large high-contrast text, everything in one
#: 1280 x 720 screen. A constant (never built from data), so it is safe as HTML.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #000 !important; }
[data-testid="stMainBlockContainer"] { padding: 0.4rem 1.2rem 0 1.2rem !important;
  max-width: 100% !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 2rem !important;
  line-height: 1.3 !important; color: #fff !important; }
[data-testid="stMain"] h2 { font-size: 2.4rem !important; color: #ffd84d !important;
  padding: 0 !important; line-height: 1.15 !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.25rem !important;
  color: #ddd !important; }
[data-testid="stMain"] button p { font-size: 1.6rem !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem !important; }
[data-testid="stMain"] [data-testid="stExpander"] summary p { font-size: 1.25rem !important; }
[data-testid="stMain"] button:focus-visible { outline: 4px solid #ffd84d !important;
  outline-offset: 2px !important; }
</style>
"""


def seed_tour_state(n_steps: int) -> list[str]:
    """Read ``step`` (1-based) and ``present`` from the URL on the first run, or when a link
    brings values this session did not write."""
    url = URL.read(KEYS)
    if not URL.needs_seed(url, K.TOUR_SEEDED, WRITTEN):
        st.session_state[K.TOUR_STEP] = min(st.session_state.get(K.TOUR_STEP, 0), n_steps - 1)
        return st.session_state.get(NOTES, [])
    notes = []
    step = 0
    raw = url.get("step")
    if raw:
        # ASCII digits only, and short: "²" passes isdigit() but not int(), and a
        # 5,000-digit number exceeds Python's int-string limit.
        if raw.isascii() and raw.isdecimal() and len(raw) <= 4 and 1 <= int(raw) <= n_steps:
            step = int(raw) - 1
        else:
            notes.append(
                _("There is no step “{step}”; the tour has steps 1 to {n}.").format(
                    step=raw[:20], n=n_steps
                )
            )
    st.session_state[K.TOUR_STEP] = step
    present = url.get("present")
    if present is not None and present.lower() not in ("1", "true", "yes", "0", "false", "no"):
        notes.append(
            _("Unknown present={value}; use present=1 for presentation mode.").format(
                value=echo(present)
            )
        )
    st.session_state[K.TOUR_PRESENT] = present is not None and present.lower() in PRESENT_ON
    st.session_state[NOTES] = notes
    st.session_state[WRITTEN] = url
    st.session_state[K.TOUR_SEEDED] = True
    return notes


def sync_tour_url() -> None:
    values = {
        "step": str(st.session_state[K.TOUR_STEP] + 1),
        "present": "1" if st.session_state.get(K.TOUR_PRESENT) else None,
    }
    URL.write(KEYS, values, WRITTEN)


def go(delta: int, n_steps: int) -> None:
    """Button callback: move *delta* steps, staying inside the tour."""
    st.session_state[K.TOUR_STEP] = min(max(st.session_state[K.TOUR_STEP] + delta, 0), n_steps - 1)


@st.fragment
def tour_body(steps: list[Step]) -> None:
    """The step's heading, progress, map, text and the buttons that move through the tour: one
    fragment, so Next, Previous, a clicker key, the step list and the presentation toggle
    rerun these alone (the menu and the language picker stay; a language change reruns the
    whole page, this included). The presentation style sheet is written here too: it applies
    to the whole page while its element exists, and goes when the toggle is switched off."""
    n = len(steps)
    present = bool(st.session_state.get(K.TOUR_PRESENT))
    if present:
        st.html(PRESENT_CSS)
    i = st.session_state[K.TOUR_STEP]
    step = steps[i]
    # In presentation mode the toggle's label is set large too: give it room ("Mode
    # présentation").
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
        step_buttons(i, n)
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


def step_buttons(i: int, n: int) -> None:
    """Previous and Next (arrow-key shortcuts), and the clicker's hidden keys."""
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


def step_map(step: Step, present: bool, height: int) -> None:
    """The step's Moon or Earth map, with its site or holder highlighted."""
    deck = tour_deck(step, 1.4 if present else 1.0, height, is_phone(), lang())
    st.pydeck_chart(deck, width="stretch", height=height, key=f"tour_map_{step.map}")


def step_text(step: Step) -> None:
    """The step's text with catalog values filled in, then its sources."""
    filled = fill(catalog(), step.text_in(lang()), holdings(), lang())
    st.markdown(_md(filled.text))
    if filled.sources:
        src = catalog().sources.set_index("source_id")
        n = len(filled.sources)
        label = ngettext(
            "Where these numbers come from ({n} source)",
            "Where these numbers come from ({n} sources)",
            n,
        )
        with st.expander(label.format(n=n)):
            for sid in filled.sources:
                if sid not in src.index:
                    continue
                row = src.loc[sid]
                st.caption(_md(row["citation"]))
    if "Ga" in filled.text:
        st.caption(_("Ga = billion years (giga-annum)."))


#: The clicker's extra buttons are never shown (a constant, safe as HTML).
KEYS_CSS = "<style>.st-key-tour_keys { display: none !important; }</style>"


def clicker_keys(n_steps: int) -> None:
    """Keys a presentation clicker sends: Right / PageDown / Space = next, Left / PageUp =
    previous. Streamlit gives each button one shortcut, so the extra keys are hidden buttons
    with the same callbacks (the visible ones carry Right and Left)."""
    st.html(KEYS_CSS)
    with st.container(key="tour_keys"):
        for key, delta in (("PageDown", 1), ("Space", 1), ("PageUp", -1)):
            st.button(
                key,
                key=f"tour_key_{key.lower()}",
                on_click=go,
                args=(delta, n_steps),
                shortcut=key,
            )
