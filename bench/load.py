"""A classroom against one moonmap server (or a proxy in front of several): N sessions at once.

Each session does what a pupil does: open the Moon map and wait for its heading, move the
sidebar's age slider five times (waiting for the page to fall quiet after each), open the
Earth map, open the guided tour and press Next once. Traffic goes to 127.0.0.1 only; every
loop is bounded in count and in time, and the script stops by itself.

Two kinds of session (``--client``):

protocol (default)
    A small Python client per session that does what Streamlit's web page does on the wire:
    GET the page and the assets it names, ``/_stcore/health`` (XSRF cookie) and
    ``/_stcore/host-config``, then the websocket ``/_stcore/stream`` carrying Streamlit's own
    protobuf messages (``BackMsg.rerun_script`` with the widget states; ``ForwardMsg`` deltas
    back), and the ``app/static`` files the page's maps name. It measures the server (and any
    proxy): no rendering, so 30 sessions cost this 2-core machine almost nothing client-side.
browser
    Real headless Debian chromium through Playwright: one browser, one context (own cookies,
    own cache) per session. It measures what a pupil sees, but on this machine the browsers'
    software WebGL competes with the server for the same two cores; use it at small N.

Figures printed (see ``--help`` for each):

- errors: count and kind (timeouts per step, exceptions shown by the app, HTTP errors,
  sessions that moved between replicas behind a proxy);
- heading: seconds from a session's first request to the Moon map's heading (protocol: the
  heading's message arrives; browser: the heading is visible);
- slider->quiet: seconds from the slider change to the page falling quiet (protocol: the last
  ``script_finished`` after which the socket stays silent for 0.3 s; browser: the last
  websocket frame after which none arrives for 0.3 s; the silent window is not counted);
- server memory: resident set size (``VmRSS`` in ``/proc``) of the server process(es) given by
  ``--pid`` (or the one this script starts) plus all their children, sampled every 0.2 s:
  before the sessions, the peak while they run, and ``--after`` seconds after they close.

Soak (``--soak SECONDS``): waves of ``--n`` sessions, one after another, until the time or
``--max-sessions`` is used up; prints memory per wave and whether the end figure is within
10 % of the start. Start = after one warm-up wave and the settle time, so that the caches
every visitor shares (catalog, decks per filter set) are already filled: their growth is
bounded and is not a per-session leak.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import math
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_HOST = "127.0.0.1"
MOON_HEADING = "Where Moon rock came from"
EARTH_HEADING = "Where the Moon is on Earth"
TOUR_HEADING = re.compile(r"^(## )?(\d+)/(\d+) · ")
QUIET_S = 0.3
STATIC_REF = re.compile(r"app/static/[\w./-]+")
ASSET_REF = re.compile(r'(?:src|href)="(\./)?(static/[^"]+)"')
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# ---------------------------------------------------------------------------------------------
# Figures


def percentile(values: list[float], q: float) -> float:
    """The *q*-th percentile (0-100) by linear interpolation between closest ranks.

    Parameters
    ----------
    values
        Samples (any order). Empty gives NaN.
    q
        Percentile, 0 to 100.

    Returns
    -------
    float
        Same definition as ``numpy.percentile(values, q)`` (its default "linear" method).
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    xs = sorted(values)
    if not xs:
        return math.nan
    pos = (len(xs) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def p50_p95(values: list[float]) -> str:
    """``"1.23 s / 2.34 s (n=50)"``, or ``"no samples"``."""
    if not values:
        return "no samples"
    return f"{percentile(values, 50):.2f} s / {percentile(values, 95):.2f} s (n={len(values)})"


def within(start: float, end: float, share: float = 0.10) -> bool:
    """True when *end* is at most *share* (0.10 = 10 %) above or below *start*."""
    return abs(end - start) <= share * start


# ---------------------------------------------------------------------------------------------
# Server memory from /proc


def children(pid: int) -> list[int]:
    """Every descendant of *pid* (children, their children, ...), from /proc/*/stat."""
    parent_of: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces and parentheses: split after the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parent_of[int(entry)] = ppid
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent_of.items() if pp == p]
        found += kids
        todo += kids
    return found


def rss_mb(pids: list[int]) -> float:
    """Resident memory (VmRSS) of *pids* and all their descendants, in MB (10**6 bytes)."""
    total_kb = 0
    for pid in {q for p in pids for q in [p, *children(p)]}:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue  # the process ended between listing and reading
    return total_kb * 1024 / 1e6


def cpu_s(pids: list[int]) -> float:
    """CPU seconds (user + system) used so far by *pids* and their live descendants."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in {q for p in pids for q in [p, *children(p)]}:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / ticks


class MemorySampler:
    """Samples ``rss_mb(pids)`` every *interval* seconds in a thread; ``peak`` is the largest."""

    def __init__(self, pids: list[int], interval: float = 0.2) -> None:
        self.pids, self.interval = pids, interval
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pids))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        if self.pids:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)


# ---------------------------------------------------------------------------------------------
# One session's record


@dataclass
class Session:
    """What one session saw: its timings, errors and which replica answered each request."""

    index: int
    heading_s: float | None = None
    slider_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    upstreams: list[str] = field(default_factory=list)
    requests: int = 0

    def saw(self, upstream: str | None) -> None:
        self.requests += 1
        if upstream:
            self.upstreams.append(upstream)


def affinity(sessions: list[Session]) -> tuple[Counter, list[int]]:
    """Sessions per replica, and the indexes of sessions answered by more than one replica.

    A session's replica is the ``X-Upstream`` header a proxy added to its responses (absent
    when there is no proxy: such sessions count under ``"direct"``).
    """
    per, moved = Counter(), []
    for s in sessions:
        seen = set(s.upstreams)
        if len(seen) > 1:
            moved.append(s.index)
        per[next(iter(seen)) if len(seen) == 1 else ("several" if seen else "direct")] += 1
    return per, moved


# ---------------------------------------------------------------------------------------------
# Protocol client: Streamlit's websocket and protobufs


class Http:
    """One keep-alive HTTP/1.1 connection with a cookie jar, as a browser tab has."""

    def __init__(self, base: str, session: Session, timeout: float) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.session, self.timeout = session, timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def get(self, path: str) -> bytes:
        """GET *path* (relative to the base URL); records the replica; raises on status >= 400."""
        for attempt in (1, 2):  # one retry when a kept-alive connection was closed meanwhile
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            headers = {"Accept-Encoding": "gzip", "Cookie": self.cookie_header()}
            try:
                self.conn.request("GET", f"{self.prefix}/{path.lstrip('/')}", headers=headers)
                resp = self.conn.getresponse()
                body = resp.read()
            except (http.client.HTTPException, ConnectionError) as exc:
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise OSError(f"GET {path}: {exc!r}") from exc
                continue
            for header in resp.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            self.session.saw(resp.headers.get("X-Upstream"))
            if resp.status >= 400:
                raise OSError(f"HTTP {resp.status} for {path}")
            return body
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


@dataclass
class RunResult:
    """What one script run sent back: heading times and the widgets it drew."""

    headings: dict[str, float] = field(default_factory=dict)
    widgets: dict[str, str] = field(default_factory=dict)  # label -> widget id
    statics: set[str] = field(default_factory=set)
    exceptions: list[str] = field(default_factory=list)
    page_hash: str = ""
    finished_at: float = 0.0


class StreamlitSocket:
    """The websocket of one session, speaking Streamlit's BackMsg/ForwardMsg protobufs."""

    def __init__(self, ws, base: str) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.ws, self.base = ws, base
        self.BackMsg, self.ForwardMsg = BackMsg, ForwardMsg
        self.page_hash = ""
        self.pages: dict[str, tuple[str, str]] = {}  # URL path -> (script hash, URL path)

    async def rerun(
        self,
        result: RunResult,
        timeout: float,
        page: str | None = None,
        query: str = "",
        widgets: list | None = None,
    ) -> RunResult:
        """Ask for a script run (optionally of another *page*), read until the page is quiet.

        Quiet = a run finished (not cut short for a rerun) and no message for ``QUIET_S``.
        """
        msg = self.BackMsg()
        rs = msg.rerun_script
        rs.query_string = query
        page_hash, path = (
            self.pages.get(page, (self.page_hash, "")) if page else (self.page_hash, "")
        )
        rs.page_script_hash = page_hash
        rs.page_name = path
        rs.context_info.locale = "en-US"
        rs.context_info.timezone = "UTC"
        rs.context_info.url = f"{self.base}/{path}" + (f"?{query}" if query else "")
        for w in widgets or []:
            rs.widget_states.widgets.append(w)
        await self.ws.send(msg.SerializeToString())
        await self.read_until_quiet(result, timeout)
        return result

    async def read_until_quiet(self, result: RunResult, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        finished = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no finished script run")
            wait = min(left, QUIET_S) if finished else left
            try:
                data = await asyncio.wait_for(self.ws.recv(), wait)
            except TimeoutError:
                if finished:
                    return
                raise
            self._read(data, result)
            kind = self._last_kind
            if kind == "script_finished":
                finished = self._last_status != self.ForwardMsg.FINISHED_EARLY_FOR_RERUN
                result.finished_at = time.monotonic()
            elif kind == "new_session" or self._running:
                finished = False  # another run started (e.g. st.rerun): wait for its end

    def _read(self, data: bytes, result: RunResult) -> None:
        m = self.ForwardMsg()
        m.ParseFromString(data)
        kind = self._last_kind = m.WhichOneof("type")
        self._running = (
            kind == "session_status_changed" and m.session_status_changed.script_is_running
        )
        if kind == "script_finished":
            self._last_status = m.script_finished
        elif kind == "new_session":
            self.page_hash = result.page_hash = m.new_session.page_script_hash
        elif kind == "navigation":
            for p in m.navigation.app_pages:
                self.pages.setdefault(p.url_pathname, (p.page_script_hash, p.url_pathname))
            if m.navigation.page_script_hash:
                self.page_hash = m.navigation.page_script_hash
        elif kind == "delta" and m.delta.WhichOneof("type") == "new_element":
            self._element(m.delta.new_element, result)

    def _element(self, e, result: RunResult) -> None:
        which = e.WhichOneof("type")
        if which in ("heading", "markdown"):
            result.headings.setdefault(getattr(e, which).body, time.monotonic())
        elif which == "exception":
            result.exceptions.append(f"{e.exception.type}: {e.exception.message[:80]}")
        elif which in ("slider", "button"):
            w = getattr(e, which)
            result.widgets[w.label] = w.id
        elif which == "deck_gl_json_chart":
            result.statics.update(STATIC_REF.findall(e.deck_gl_json_chart.json))


def slider_state(widget_id: str, lo: float, hi: float):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    w = WidgetState(id=widget_id)
    w.double_array_value.data.extend([lo, hi])
    return w


def button_press(widget_id: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=widget_id, trigger_value=True)


async def protocol_session(s: Session, base: str, opts) -> None:
    """One pupil over Streamlit's wire protocol (see the module docstring)."""
    from websockets.asyncio.client import connect

    http_ = Http(base, s, opts.timeout)
    t0 = time.monotonic()
    step = ["open Moon map"]  # the step under way, for the error message
    try:
        await _open_page(http_, opts.assets)
        ws_url = base.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        xsrf = http_.cookies.get("_streamlit_xsrf", "")
        async with connect(
            ws_url,
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers={"Cookie": http_.cookie_header(), "Origin": base},
            max_size=None,
            open_timeout=opts.timeout,
            ping_interval=None,
        ) as ws:
            s.saw(ws.response.headers.get("X-Upstream"))
            await _pupil(StreamlitSocket(ws, base.rstrip("/")), http_, s, opts, t0, step)
    except TimeoutError:
        s.errors.append(f"{step[0]}: timeout ({opts.timeout:.0f} s)")
    except Exception as exc:  # every failure is a counted error, never a crash of the bench
        s.errors.append(f"{step[0]}: {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        http_.close()


async def _open_page(http_: Http, assets: bool) -> None:
    """What the browser fetches before the websocket: the page, its JS/CSS, health, config."""
    index = (await asyncio.to_thread(http_.get, "/")).decode("utf-8", "replace")
    paths = [a for _dot, a in dict.fromkeys(ASSET_REF.findall(index))] if assets else []
    for path in [*paths, "_stcore/health", "_stcore/host-config"]:
        await asyncio.to_thread(http_.get, path)


async def _pupil(sock, http_: Http, s: Session, opts, t0: float, step: list[str]) -> None:
    """Moon map, five slider moves, Earth map, tour and Next, on an open websocket."""
    fetched: set[str] = set()

    async def run(**kwargs) -> RunResult:
        got = await sock.rerun(RunResult(), opts.timeout, **kwargs)
        _raise_exceptions(got)
        for ref in sorted(got.statics - fetched):  # the maps' images, once per session
            fetched.add(ref)
            await asyncio.to_thread(http_.get, ref)
        return got

    moon = await run()
    if MOON_HEADING not in moon.headings:
        raise LookupError("Moon map heading not sent")
    s.heading_s = moon.headings[MOON_HEADING] - t0
    age_id = moon.widgets.get("Age (billions of years, Ga)")
    if not age_id:
        raise LookupError("age slider not sent")
    lo, hi = 0.1, 4.6  # the slider's range (catalog ages 100-4,600 Ma)
    if opts.distinct:  # a range no other session uses: new cache entries each time
        k = abs(s.index)  # warm-up sessions have negative indexes
        lo, hi = round(0.1 + 0.03 * (k % 100), 2), round(4.6 - 0.01 * (k // 100), 2)
    for move in range(opts.moves):
        step[0] = f"slider move {move + 1}"
        lo = round(lo + opts.step, 2)
        t = time.monotonic()
        moved = await run(widgets=[slider_state(age_id, lo, hi)])
        s.slider_s.append(moved.finished_at - t)
    keep = [slider_state(age_id, lo, hi)]  # the sidebar filter stays set on other pages
    step[0] = "open Earth map"
    if EARTH_HEADING not in (await run(page="earth_map", widgets=keep)).headings:
        raise LookupError("Earth map heading not sent")
    step[0] = "open tour"
    tour = await run(page="tour", widgets=keep)
    if not _tour_step(tour):
        raise LookupError("tour step heading not sent")
    step[0] = "tour Next"
    nxt = next((i for label, i in tour.widgets.items() if label.startswith("Next")), None)
    if not nxt:
        raise LookupError("tour Next button not sent")
    after = await run(widgets=[*keep, button_press(nxt)])
    if _tour_step(after) != _tour_step(tour) + 1:
        raise LookupError(f"Next went to step {_tour_step(after)}")


def _tour_step(run: RunResult) -> int:
    steps = [int(m.group(2)) for h in run.headings if (m := TOUR_HEADING.match(h))]
    return steps[-1] if steps else 0


def _raise_exceptions(run: RunResult) -> None:
    if run.exceptions:
        raise RuntimeError(f"the app showed an exception: {run.exceptions[0]}")


# ---------------------------------------------------------------------------------------------
# Browser client: headless Debian chromium, one context per session


async def browser_session(s: Session, base: str, opts, browser) -> None:
    """One pupil in a real page (see the module docstring)."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = await ctx.new_page()
    last_frame = [0.0]

    async def guard(route):
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == ALLOWED_HOST:
            await route.continue_()
        else:
            s.errors.append(f"blocked request to {host}")
            await route.abort()

    def on_ws(ws) -> None:
        ws.on("framereceived", lambda _frame: last_frame.__setitem__(0, time.monotonic()))

    await page.route("**/*", guard)
    page.on("websocket", on_ws)
    page.on("response", lambda r: s.saw(r.headers.get("x-upstream")))
    page.on("pageerror", lambda e: s.errors.append(f"page error: {str(e)[:80]}"))
    ms = opts.timeout * 1000
    t0 = time.monotonic()
    step = "open Moon map"
    try:
        await page.goto(base, wait_until="domcontentloaded", timeout=ms)
        await page.get_by_role("heading", name=MOON_HEADING).wait_for(timeout=ms)
        s.heading_s = time.monotonic() - t0
        # The age slider's lower thumb: a visually hidden range input (react-aria).
        thumb = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input').first
        await thumb.wait_for(state="attached", timeout=ms)
        for move in range(opts.moves):
            step = f"slider move {move + 1}"
            await thumb.focus()
            t = time.monotonic()
            await page.keyboard.press("ArrowRight")
            s.slider_s.append(await _quiet(page, last_frame, t, opts.timeout) - t)
        step = "open Earth map"
        await page.locator('[data-testid="stSidebar"] a', has_text="Earth map").first.click()
        await page.get_by_role("heading", name=EARTH_HEADING).wait_for(timeout=ms)
        step = "open tour"
        await page.locator('[data-testid="stSidebar"] a', has_text="Guided tour").first.click()
        await page.get_by_text(re.compile(r"^1/\d+ · ")).first.wait_for(timeout=ms)
        step = "tour Next"
        await page.get_by_role("button", name="Next →").click()
        await page.get_by_text(re.compile(r"^2/\d+ · ")).first.wait_for(timeout=ms)
        if await page.locator('[data-testid="stException"]').count():
            s.errors.append("the app showed an exception")
    except Exception as exc:  # Playwright's TimeoutError included: counted, never a crash
        kind = "timeout" if "Timeout" in type(exc).__name__ else type(exc).__name__
        s.errors.append(f"{step}: {kind}")
    finally:
        await ctx.close()


async def _quiet(page, last_frame: list[float], since: float, timeout: float) -> float:
    """Time of the last websocket frame after *since* once none came for ``QUIET_S``."""
    deadline = since + timeout
    while time.monotonic() < deadline:
        await page.wait_for_timeout(50)
        last = last_frame[0]
        if last > since and time.monotonic() - last >= QUIET_S:
            return last
    raise TimeoutError("page not quiet")


# ---------------------------------------------------------------------------------------------
# Running sessions


async def run_wave(base: str, opts, first_index: int, n: int, browser=None) -> list[Session]:
    """*n* sessions started together; returns when all have ended (each is time-bounded)."""
    sessions = [Session(first_index + i) for i in range(n)]
    if browser is None:
        jobs = [protocol_session(s, base, opts) for s in sessions]
    else:
        jobs = [browser_session(s, base, opts, browser) for s in sessions]
    budget = opts.timeout * (opts.moves + 6)  # a hard cap over the per-step timeouts
    try:
        await asyncio.wait_for(asyncio.gather(*jobs), budget)
    except TimeoutError:
        for s in sessions:
            if not s.errors and s.heading_s is None:
                s.errors.append(f"session: over the {budget:.0f} s cap")
    return sessions


async def with_browser(fn):
    """Call ``fn(browser)`` with headless Debian chromium (or ``fn(None)``)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            return await fn(browser)
        finally:
            await browser.close()


def chromium() -> str:
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(path).exists():
            return path
    sys.exit("headless browser sessions need Debian's chromium: bash scripts/ensure_chromium.sh")


def report(sessions: list[Session], mem: tuple[float, float, float] | None, after: float) -> int:
    """Print the figures; return the number of errors."""
    errors = Counter(e for s in sessions for e in s.errors)
    n_err = sum(errors.values())
    print(f"sessions: {len(sessions)}, errors: {n_err}")
    for kind, count in errors.most_common():
        print(f"  {count} x {kind}")
    print(
        "time to Moon map heading p50 / p95:",
        p50_p95([s.heading_s for s in sessions if s.heading_s]),
    )
    print("slider -> quiet p50 / p95:         ", p50_p95([t for s in sessions for t in s.slider_s]))
    per, moved = affinity(sessions)
    print(
        f"requests: {sum(s.requests for s in sessions)}; sessions per replica: "
        + ", ".join(f"{k} {v}" for k, v in sorted(per.items()))
    )
    if moved:
        print(f"sessions answered by more than one replica: {len(moved)} (e.g. #{moved[0]})")
    if mem:
        before, peak, end = mem
        print(
            f"server memory (RSS, MB): before {before:.0f} -> peak {peak:.0f} -> "
            f"{after:.0f} s after close {end:.0f}"
        )
    return n_err + len(moved)


# ---------------------------------------------------------------------------------------------
# Server handling


def check_url(url: str) -> str:
    """The URL if it is ``http://127.0.0.1:PORT[/path]``, else exit: this bench talks to
    this machine's loopback only."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != ALLOWED_HOST or not parts.port:
        sys.exit(f"--url must be http://{ALLOWED_HOST}:PORT (got {url!r}); nothing else is allowed")
    return url.rstrip("/")


def start_server() -> tuple[subprocess.Popen, str]:
    """``streamlit run app.py`` on a free loopback port; waits for ``/_stcore/health``."""
    with socket.socket() as sock:
        sock.bind((ALLOWED_HOST, 0))
        port = sock.getsockname()[1]
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        ALLOWED_HOST,
        "--server.headless",
        "true",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{ALLOWED_HOST}:{port}"
    wait_healthy(url, 60)
    return proc, url


def wait_healthy(url: str, seconds: float) -> None:
    parts = urlsplit(url)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            conn.request("GET", parts.path.rstrip("/") + "/_stcore/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"{url} did not answer /_stcore/health within {seconds:.0f} s")


def settle(pids: list[int], seconds: float, label: str) -> float:
    """Wait *seconds* (printing a countdown line) and return the memory then."""
    if seconds > 0:
        print(f"  waiting {seconds:.0f} s ({label}) ...", flush=True)
        time.sleep(seconds)
    return rss_mb(pids) if pids else math.nan


# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="bench/load.py",
        description=__doc__.split("\n\n")[0],
        epilog=(
            "Figures: errors = failed steps by kind (a session stops at its first failure), "
            "plus sessions answered by more than one replica (from the X-Upstream header a "
            "proxy adds). heading = seconds from the session's first request to the Moon map "
            "heading (protocol: its message arrived; browser: it is visible). slider -> quiet "
            "= seconds from a slider change to the last message of the run it caused, once "
            f"the socket stayed silent {QUIET_S} s (the silence not counted). Server CPU = "
            "user+system seconds of the server PIDs and their children while the sessions "
            "ran (/proc/PID/stat). Memory = VmRSS of the same processes, MB: before, peak "
            "(sampled every 0.2 s), and --after s after the sessions closed. Soak: waves of "
            "--n sessions; memory at start (after a warm-up wave and --after s) and at the "
            "end (--after s after the last wave), and whether the end is within 10 % of the "
            "start. Streamlit keeps a closed session for server.disconnectedSessionTTL "
            "(default 120 s) in case it reconnects, so memory measured sooner still holds "
            "those sessions."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    ap.add_argument(
        "--url",
        help="a running server or proxy, http://127.0.0.1:PORT "
        "(default: start `streamlit run app.py` on a free loopback port)",
    )
    ap.add_argument(
        "--pid",
        type=int,
        action="append",
        default=[],
        help="server process whose memory to sample (repeat for replicas); "
        "needed with --url, else memory is not reported",
    )
    ap.add_argument("--n", type=int, default=10, help="sessions at once (1-60)")
    ap.add_argument(
        "--client",
        choices=("protocol", "browser"),
        default="protocol",
        help="Streamlit's wire protocol from Python, or headless chromium pages",
    )
    ap.add_argument("--moves", type=int, default=5, help="age-slider moves per session")
    ap.add_argument(
        "--step",
        type=float,
        default=0.01,
        help="Ga the lower age bound moves per slider move (a key press is 0.01)",
    )
    ap.add_argument(
        "--distinct",
        action="store_true",
        help="protocol client: each session moves the slider through age ranges no other "
        "session uses (fills the per-filter caches as a class choosing freely would); "
        "default: every session makes the same key presses",
    )
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per step")
    ap.add_argument(
        "--after",
        type=float,
        default=None,
        help="seconds after the sessions close before the last memory figure (default 60; "
        "soak: 150, past Streamlit's 120 s hold on closed sessions)",
    )
    ap.add_argument(
        "--no-assets",
        dest="assets",
        action="store_false",
        help="protocol client: skip the page's JS/CSS files (fetched by default, "
        "as a browser with an empty cache does)",
    )
    ap.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="sessions run before 'before' is measured; not counted in the figures (0-10)",
    )
    ap.add_argument(
        "--soak",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="soak: waves of --n sessions for up to this long (max 3600)",
    )
    ap.add_argument("--max-sessions", type=int, default=600, help="soak: at most this many")
    ap.add_argument("--wave-pause", type=float, default=2.0, help="soak: seconds between waves")
    args = ap.parse_args(argv)
    if not 1 <= args.n <= 60:
        ap.error("--n must be 1-60")
    if args.after is None:
        args.after = 150.0 if args.soak else 60.0
    if not 0 <= args.moves <= 50 or not 1 <= args.timeout <= 600 or not 0 <= args.after <= 900:
        ap.error("--moves 0-50, --timeout 1-600 and --after 0-900 seconds")
    if not 0 <= args.warmup <= 10:
        ap.error("--warmup must be 0-10")
    if not 0 <= args.soak <= 3600 or not 1 <= args.max_sessions <= 5000:
        ap.error("--soak 0-3600 seconds, --max-sessions 1-5000")
    return args


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    proc = None
    if opts.url:
        base, pids = check_url(opts.url), opts.pid
        wait_healthy(base, 30)
    else:
        proc, base = start_server()
        pids = [proc.pid]
    print(
        f"load bench: {opts.n} {opts.client} sessions against {base}; server PIDs {pids or 'n/a'}"
    )
    try:
        if opts.soak:
            return soak(base, pids, opts)
        return classroom(base, pids, opts)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)


def _run(coro_factory, opts):
    async def go():
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=64))
        if opts.client == "browser":
            return await with_browser(coro_factory)
        return await coro_factory(None)

    return asyncio.run(go())


def classroom(base: str, pids: list[int], opts) -> int:
    if opts.warmup:
        print(
            f"warm-up: {opts.warmup} session(s) first, not counted (a cold server loads "
            "the catalog and fills its shared caches on the first visit)"
        )
        warm = _run(lambda b: run_wave(base, opts, -opts.warmup, opts.warmup, b), opts)
        if any(s.errors for s in warm):
            print(f"  warm-up errors: {[e for s in warm for e in s.errors]}")
    before = rss_mb(pids) if pids else math.nan
    t0, cpu0 = time.monotonic(), cpu_s(pids)
    with MemorySampler(pids) as sampler:
        sessions = _run(lambda b: run_wave(base, opts, 0, opts.n, b), opts)
    wall, cpu = time.monotonic() - t0, cpu_s(pids) - cpu0
    print(f"all {opts.n} sessions ended after {wall:.1f} s", end="")
    print(f"; server CPU meanwhile {cpu:.1f} s ({cpu / opts.n:.2f} s per session)" if pids else "")
    end = settle(pids, opts.after, "memory after the sessions closed")
    mem = (before, max(sampler.peak, before), end) if pids else None
    return 1 if report(sessions, mem, opts.after) else 0


def soak(base: str, pids: list[int], opts) -> int:
    print("warm-up wave (fills the caches every visitor shares) ...")
    cold = rss_mb(pids) if pids else math.nan
    warm_up = _run(lambda b: run_wave(base, opts, 0, opts.n, b), opts)
    start = settle(pids, opts.after, "settle after the warm-up")
    print(f"memory: cold {cold:.0f} MB, start (warm, settled) {start:.0f} MB")
    deadline = time.monotonic() + opts.soak
    done: list[Session] = []
    wave = 0
    with MemorySampler(pids) as sampler:
        while time.monotonic() < deadline and len(done) + opts.n <= opts.max_sessions:
            wave += 1
            first = len(done)
            got = _run(lambda b, k=first: run_wave(base, opts, k, opts.n, b), opts)
            done += got
            errs = sum(len(s.errors) for s in got)
            print(
                f"  wave {wave}: {len(done)} sessions so far, {errs} errors, "
                f"memory {rss_mb(pids) if pids else math.nan:.0f} MB",
                flush=True,
            )
            time.sleep(opts.wave_pause)
    end = settle(pids, opts.after, "memory after the last wave closed")
    n_err = report(
        warm_up + done, (start, max(sampler.peak, start), end) if pids else None, opts.after
    )
    if pids:
        ok = within(start, end)
        print(
            f"soak: {len(done)} sessions in {wave} waves; memory start {start:.0f} MB, "
            f"end {end:.0f} MB ({(end - start) / start:+.1%}): "
            f"{'within' if ok else 'NOT within'} 10 % of the start"
        )
        return 1 if n_err or not ok else 0
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
