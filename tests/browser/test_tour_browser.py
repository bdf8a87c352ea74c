"""The guided tour at 1280 x 720 in presentation mode: every step fits one projector screen
(map canvas and step text visible, nothing to scroll), offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from wsmsgs import element_types, elements, forward_msgs

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
STEPS = json.loads((ROOT / "data" / "tour.json").read_text(encoding="utf-8"))["steps"]
CHART = '[data-testid="stDeckGlJsonChart"]'


def inside(box, width: int = 1280, height: int = 720) -> bool:
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= height + 1
        and (box["x"] >= 0 and box["x"] + box["width"] <= width + 1)
    )


def test_every_step_fits_a_1280x720_projector(server_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    foreign = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(server_url) or r.request.url.startswith(("data:", "blob:"))
            else (foreign.append(r.request.url), r.abort())
        ),
    )
    page.goto(f"{server_url}/tour?step=1&present=1", wait_until="domcontentloaded")
    ARTIFACTS.mkdir(exist_ok=True)
    n = len(STEPS)
    main = page.locator('[data-testid="stMain"]')
    for i, step in enumerate(STEPS, start=1):
        head = main.get_by_text(f"{i}/{n} · {step['title']}", exact=True)
        head.wait_for(timeout=30_000)
        canvas = page.locator(CHART).locator("canvas").first
        canvas.wait_for(state="visible", timeout=30_000)
        page.wait_for_timeout(1200)
        page.screenshot(path=str(ARTIFACTS / f"tour_step_{i:02d}.png"))
        assert inside(canvas.bounding_box()), (step["id"], canvas.bounding_box())
        words = " ".join(step["text"].split()[:3])  # the start of the step text
        para = main.locator("p", has_text=words.split("{")[0].strip()).first
        assert inside(para.bounding_box()), (step["id"], para.bounding_box())
        assert inside(main.get_by_role("button", name="Next →").bounding_box())
        scroll = page.evaluate(
            """() => { const m = document.querySelector('[data-testid="stMain"]');
                       return [m.scrollHeight, m.clientHeight,
                               document.documentElement.scrollHeight]; }"""
        )
        assert scroll[0] <= scroll[1] + 2 and scroll[2] <= 722, (step["id"], scroll)
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        if i < n:
            main.get_by_role("button", name="Next →").click()
    assert foreign == [], foreign
    page.close()


def test_presentation_clicker_keys_focus_and_type_size(server_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server_url}/tour?step=1&present=1", wait_until="domcontentloaded")
    main = page.locator('[data-testid="stMain"]')
    n = len(STEPS)

    def at_step(i: int) -> None:
        main.get_by_text(f"{i}/{n} · {STEPS[i - 1]['title']}", exact=True).wait_for(timeout=30_000)
        page.wait_for_function(f"() => window.location.search.includes('step={i}')")
        # A key pressed while a run is still in flight can be dropped by the page: wait until
        # Streamlit's running indicator is gone before the next press.
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
        )

    at_step(1)
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=15_000)
    page.wait_for_timeout(500)
    size = page.evaluate(
        """() => { const p = [...document.querySelectorAll('[data-testid="stMain"] p')]
                     .find(e => e.innerText.length > 80);
                   return parseFloat(getComputedStyle(p).fontSize); }"""
    )
    assert size >= 32, size
    for key, expect in (
        ("ArrowRight", 2),
        ("PageDown", 3),
        ("Space", 4),
        ("ArrowLeft", 3),
        ("PageUp", 2),
    ):
        page.keyboard.press(key)
        at_step(expect)
    nxt = main.get_by_role("button", name="Next →")
    nxt.focus()
    page.keyboard.press("Enter")
    at_step(3)
    page.wait_for_timeout(800)
    focused = page.evaluate("() => document.activeElement && document.activeElement.innerText")
    assert "Next" in (focused or ""), focused


def test_next_reruns_the_step_only(server_url, page):
    """Next sends the step's heading, map, text and buttons again, and not the page menu or
    the language picker (the tour body is a fragment)."""
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    page.goto(f"{server_url}/tour?step=1", wait_until="domcontentloaded")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(f"1/{len(STEPS)} · {STEPS[0]['title']}", exact=True).wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    first = forward_msgs(frames)
    assert any(m.WhichOneof("type") == "navigation" for m in first)
    assert any(r.label.startswith("Language") for r in elements(first, "radio"))
    frames.clear()
    main.get_by_role("button", name="Next →").click()
    main.get_by_text(f"2/{len(STEPS)} · {STEPS[1]['title']}", exact=True).wait_for(timeout=30_000)
    page.wait_for_function("() => window.location.search.includes('step=2')")
    page.wait_for_timeout(1000)
    msgs = forward_msgs(frames)
    types = element_types(msgs)
    assert "deck_gl_json_chart" in types and "button" in types, types
    assert not any(m.WhichOneof("type") == "navigation" for m in msgs)
    assert not any(r.label.startswith("Language") for r in elements(msgs, "radio"))
