"""Hostile uploads against a real server (issue 17): time to the message and the server's
memory. Starts ``streamlit run app.py`` on 127.0.0.1 (a free port) and Debian chromium through
Playwright; traffic stays on this machine. Prints, never asserts.

1. a 516 kB CSV whose header has 130,000 distinct names, uploaded through the page;
2. a 150 MB file through the page (the browser refuses it: ``server.maxUploadSize`` is sent
   to the client, which checks a file's size before sending it);
3. the same 150 MB sent straight to the upload endpoint with the session's id and XSRF token
   (what a script would do, skipping the browser): once with ``Content-Length``, once chunked
   (no length announced), so the server's own limit is what refuses it.

Memory is the server process's resident set (``/proc/PID/status``), sampled every 10 ms.
"""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
MB = 1024 * 1024


def rss_mb(pid: int) -> float:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) / 1024


class Sampler:
    """Peak resident memory of *pid* while the ``with`` block runs."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()

    def __enter__(self):
        self.before = rss_mb(self.pid)
        self.peak = self.before
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.01)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.after = rss_mb(self.pid)

    def line(self) -> str:
        return (
            f"server memory {self.before:.0f} -> peak {self.peak:.0f} -> {self.after:.0f} MB"
            f" (rise {self.peak - self.before:+.1f} MB)"
        )


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("streamlit did not start")


def open_upload_box(page, url: str):
    page.goto(url + "/", wait_until="domcontentloaded")
    page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=60_000)
    page.get_by_text("Where Moon rock came from").wait_for(timeout=30_000)
    page.get_by_text("Add your own sites (CSV or GeoJSON)").click()
    box = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    box.wait_for(state="attached", timeout=30_000)
    return box


def through_page(page, box, path: Path, message: str, pid: int) -> None:
    with Sampler(pid) as mem:
        t0 = time.perf_counter()
        box.set_input_files(str(path))
        page.get_by_text(message, exact=False).first.wait_for(timeout=60_000)
        took = time.perf_counter() - t0
    print(f"  message after {took:.2f} s; {mem.line()}")


def put_direct(url: str, target: str, cookie: str, xsrf: str, size: int, chunked: bool, pid):
    """PUT a multipart body of *size* bytes to the upload endpoint; returns the status."""
    boundary = "moonmapbench"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": cookie,
        "X-Xsrftoken": xsrf,
    }
    block = b"a," * (MB // 2)
    sent = 0

    def body():
        nonlocal sent
        yield head
        while sent < size:
            sent += len(block)
            yield block
        yield tail

    with Sampler(pid) as mem:
        t0 = time.perf_counter()
        try:
            if chunked:
                conn.request("PUT", target, body=body(), headers=headers, encode_chunked=True)
            else:
                headers["Content-Length"] = str(len(head) + size + len(tail))
                conn.putrequest("PUT", target)
                for k, v in headers.items():
                    conn.putheader(k, v)
                conn.endheaders()
                # Send only the first megabyte: the server answers before reading the rest.
                conn.send(head + block * 2)
                sent = len(block) * 2
            status = conn.getresponse().status
        except (BrokenPipeError, ConnectionResetError) as err:
            status = f"connection closed by the server ({type(err).__name__})"
        took = time.perf_counter() - t0
    conn.close()
    how = "chunked, no length" if chunked else f"Content-Length {size / MB:.0f} MB"
    print(
        f"  direct PUT ({how}): {status} after {took:.2f} s, {sent / MB:.1f} MB sent; {mem.line()}"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp())
    header = tmp / "header130k.csv"
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    short = [a + b + c for a in alphabet for b in alphabet for c in alphabet]
    names = ",".join(short[:130_000])  # distinct 3-letter names: 520,000 bytes
    header.write_text(names + "\n", encoding="utf-8")
    big = tmp / "big150.csv"
    with big.open("wb") as fh:
        fh.write(b"label,lat,lon\n")
        fh.truncate(150 * MB)
    proc, url = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            uploads = []
            page.on(
                "request",
                lambda r: uploads.append(r) if "/_stcore/upload_file/" in r.url else None,
            )
            box = open_upload_box(page, url)
            print(f"server pid {proc.pid}, idle at {rss_mb(proc.pid):.0f} MB")
            print(f"1. {header.stat().st_size / 1024:.0f} kB CSV, 130,000 header names:")
            through_page(page, box, header, "130,000 columns", proc.pid)
            print(f"2. {big.stat().st_size / MB:.0f} MB file through the page:")
            through_page(page, box, big, "or smaller", proc.pid)
            if not uploads:
                print("3. no upload request seen; cannot address the endpoint directly")
                return
            req = uploads[0]
            target = "/" + req.url.split("/", 3)[3]
            xsrf = req.headers.get("x-xsrftoken", "")
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
            print("3. 150 MB straight to the upload endpoint:")
            put_direct(url, target, cookie, xsrf, 150 * MB, False, proc.pid)
            put_direct(url, target, cookie, xsrf, 150 * MB, True, proc.pid)
            time.sleep(1)
            print(f"server memory at the end: {rss_mb(proc.pid):.0f} MB")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
