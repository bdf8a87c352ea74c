"""Screenshot moonmap pages in headless Debian chromium (for looking at what users see).

Usage: python scripts/screenshots.py [URL_QUERY ...]   e.g.  "view=far&site=change-6" (Moon
map) or "earth_map?zoom=europe" (another page)
Starts the app on a free local port, saves PNGs to artifacts/ and prints their paths.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM, LAUNCH_ARGS, server_url  # noqa: E402


def main(queries: list[str], width: int = 1400, height: int = 1000) -> None:
    from playwright.sync_api import sync_playwright

    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    gen = server_url.__wrapped__()  # the fixture's generator: start, yield url, stop
    url = next(gen)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": width, "height": height})
            for q in queries or [""]:
                # "view=far" is a query on the default page; "earth_map?zoom=europe" names a page.
                head = q.split("?")[0]
                page.goto(f"{url}/?{q}" if "=" in head or not head else f"{url}/{q}")
                page.wait_for_selector('[data-testid="stMain"] :is(h1, h2)', timeout=30000)
                time.sleep(5)  # texture decode on a cold CPU-rendered page can take >3 s
                name = re.sub(r"[^a-z0-9]+", "_", q.lower()).strip("_") or "default"
                path = out / f"shot_{name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            browser.close()
    finally:
        next(gen, None)


if __name__ == "__main__":
    main(sys.argv[1:])
