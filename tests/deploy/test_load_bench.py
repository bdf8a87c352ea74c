"""bench/load.py: its statistics, memory reading, affinity check and guards; one real session."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("n", [1, 2, 5, 20, 101])
@pytest.mark.parametrize("q", [0, 50, 95, 100])
def test_percentile_matches_numpy(load, n, q):
    values = list(np.random.default_rng(n).exponential(2.0, n))
    assert load.percentile(values, q) == pytest.approx(np.percentile(values, q))


def test_percentile_edges(load):
    assert load.percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert load.percentile([7.0], 95) == 7.0
    assert math.isnan(load.percentile([], 50))
    with pytest.raises(ValueError):
        load.percentile([1.0], 101)
    assert load.p50_p95([]) == "no samples"
    assert load.p50_p95([1.0, 2.0, 3.0]) == "2.00 s / 2.90 s (n=3)"


def test_within_ten_percent(load):
    assert load.within(200, 220) and load.within(200, 180) and load.within(200, 200)
    assert not load.within(200, 221) and not load.within(200, 179)


def test_affinity_counts_sessions_per_replica_and_finds_moved_ones(load):
    S = load.Session
    sessions = [
        S(0, upstreams=["10.0.0.1:8501"] * 3),
        S(1, upstreams=["10.0.0.2:8501"]),
        S(2, upstreams=["10.0.0.1:8501", "10.0.0.2:8501"]),
        S(3),
    ]
    per, moved = load.affinity(sessions)
    assert per == {"10.0.0.1:8501": 1, "10.0.0.2:8501": 1, "several": 1, "direct": 1}
    assert moved == [2]


def test_rss_counts_children(load):
    """A child holding 60 MB must show in its parent's figure (a replica's workers count)."""
    me = os.getpid()
    before = load.rss_mb([me])
    assert before > 5
    code = (
        "x = bytearray(60_000_000); x[::4096] = b'1' * len(x[::4096]); import time; time.sleep(30)"
    )
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and load.rss_mb([me]) < before + 55:
            time.sleep(0.1)
        assert child.pid in load.children(me)
        assert load.rss_mb([me]) >= before + 55
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8501", "http://10.1.2.3:8501", "https://127.0.0.1:8501", "http://127.0.0.1"],
)
def test_only_loopback_ip_urls_are_accepted(load, url):
    with pytest.raises(SystemExit):
        load.check_url(url)


def test_loopback_url_is_accepted(load):
    assert load.check_url("http://127.0.0.1:8501/") == "http://127.0.0.1:8501"


@pytest.mark.parametrize(
    "args", [["--n", "0"], ["--n", "61"], ["--soak", "4000"], ["--timeout", "0"], ["--after", "-1"]]
)
def test_bounds_are_enforced(load, args):
    with pytest.raises(SystemExit):
        load.parse_args(args)


def test_help_says_what_each_figure_is():
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--help"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    out = " ".join(out.split())  # argparse wraps lines at the terminal's width
    for words in ("heading", "slider -> quiet", "VmRSS", "peak", "within 10 %", "protocol"):
        assert words in out, words


def test_one_protocol_session_against_a_real_server():
    """The bench drives today's app: headings, the age slider and the tour's Next are found
    (a renamed heading or slider would make every session an error)."""
    cmd = [sys.executable, str(ROOT / "bench" / "load.py"), "--n", "1", "--moves", "2"]
    cmd += ["--warmup", "0", "--after", "0", "--no-assets", "--timeout", "90"]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "errors: 0" in run.stdout
    assert "slider -> quiet p50 / p95:          " in run.stdout and "(n=2)" in run.stdout
    assert "server memory (RSS, MB): before" in run.stdout
