"""A real streamlit server on a free local port, and Debian chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}
STCORE_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _server():
    """``streamlit run app.py`` on a free local port, until the block ends; yields its URL."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"streamlit did not start: {proc.stdout.read().decode()[-2000:]}")
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server_url():
    """One server for the whole browser session."""
    with _server() as url:
        yield url


@pytest.fixture
def fresh_server_url():
    """A server of the test's own, whose first visitor is the test."""
    with _server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `bash scripts/ensure_chromium.sh`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page whose requests may not leave localhost; collects console errors."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.foreign, page.errors = [], []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL:
            route.continue_()
        else:
            page.foreign.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.failed = []

    def on_response(response):
        # Opening a page URL such as /earth_map makes Streamlit's client probe
        # /earth_map/_stcore/health and host-config (404) before finding the server root.
        if response.status >= 400 and not STCORE_PROBE.search(response.url):
            page.failed.append(f"{response.status} {response.url}")

    def on_console(msg):
        # "Failed to load resource" lines are judged through the responses above.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            page.errors.append(msg.text)

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.foreign == [], f"requests left localhost: {page.foreign}"
    assert page.failed == [], f"failed requests: {page.failed}"
    assert page.errors == [], f"console errors: {page.errors}"
    page.close()
