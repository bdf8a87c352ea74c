"""Generated hostile query parameters on every page (issue 17, Hypothesis + AppTest).

Each example opens one page with a set of generated values for the parameters that page
reads (Markdown/HTML payloads, Unicode digits, huge digit strings, NaN/Infinity, lone
surrogates, very long values, repeated keys, and valid values mixed in) and asserts: no
exception; no payload rendered as Markdown or HTML (every message, caption and text is parsed
as CommonMark and no link, image, emphasis, code span, heading or HTML from a payload may
appear); a warning for every value the page does not accept (judged by each parameter's
documented form, written out here); and the run under 2 s.

Examples per page: 2 x the Hypothesis profile's ``max_examples`` (200 in ``make test``; the
``fuzz`` profile of ``make fuzz`` runs many more, see tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
DATA = ROOT / "data"
BUDGET_S = 2.0


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


SITES = tuple(_csv("sites.csv")["site_id"])
MISSIONS = dict(zip(_csv("sites.csv")["site_id"], _csv("sites.csv")["mission"], strict=True))
SAMPLES = _csv("samples.csv")
AGES = _csv("ages.csv")
CUSTODIANS = tuple(_csv("custodians.csv")["custodian_id"])
SPLITS = _csv("splits.csv")
HOLDER_COUNTRIES = tuple(
    sorted(
        set(_csv("custodians.csv").set_index("custodian_id").loc[SPLITS["custodian_id"]].country)
    )
)
STATIONS = _csv("stations.csv")
STATION_LABELS = tuple(
    f"{MISSIONS[r.site_id]} · {r.name}"
    for r in STATIONS.itertuples()
    if r.station_id in set(SAMPLES["station_id"])
)

#: Each parameter's documented accepted values (None: judged by a rule below).
CHOICES: dict[str, tuple[str, ...] | None] = {
    "lang": ("en", "fr", "zh"),
    "age": None,
    "method": tuple(sorted(set(AGES["method"]))),
    "rock": tuple(sorted(set(SAMPLES["rock_type"]) - {""})),
    "mission": SITES,
    "agency": tuple(sorted(set(_csv("sites.csv")["agency"]))),
    "event": tuple(sorted(set(AGES["event"]))),
    "status": ("current", "superseded"),
    "ages": ("formed", "any"),
    "side": ("near", "far"),
    "view": ("near", "far", "north", "south", "flat"),
    "site": SITES,
    "zoom": ("world", "north-america", "europe", "east-asia", "beijing"),
    "color": ("family", "kind"),
    "arcs": ("on", "off"),
    "holder": CUSTODIANS,
    "country": HOLDER_COUNTRIES,
    "kind": ("curation", "backup", "loan", "gift", "exchange", "display", "sale"),
    "year": None,
    "q": None,
    "sample": tuple(SAMPLES["sample_id"]),
    "station": STATION_LABELS,
    "type": tuple(sorted(set(SAMPLES["sample_type"]) - {""})),
    "subtype": tuple(sorted(set(SAMPLES["sample_subtype"]) - {""})),
    "mass_min": None,
    "mass_max": None,
    "pristine_min": None,
    # Codes in the URL; the English labels of older links are still read.
    "sort": ("mass", "number", "pristine", "ages")
    + ("Mass, largest first", "Sample number", "Share still pristine, highest first")
    + ("Number of ages, most first",),
    "dated": ("any", "dated", "undated", "Any", "Dated", "Not dated"),
    "step": None,
    "present": ("1", "true", "yes", "0", "false", "no"),
}
LISTS = {"method", "rock", "mission", "agency", "event", "status", "country", "kind"}
#: URL-bound widgets: a repeated key gives several values (others read the last one).
REPEATED = {"station", "type", "subtype"}
FILTERS = ["age", "method", "rock", "mission", "agency", "event", "status", "ages", "side"]
PAGES = {
    "pages/moon_map.py": ["lang", *FILTERS, "view", "site"],
    "pages/earth_map.py": ["lang", *FILTERS, "zoom", "color", "arcs", "holder", "country"]
    + ["kind", "year"],
    "pages/samples_ages.py": ["lang", *FILTERS, "q", "sample", "station", "type", "subtype"]
    + ["mass_min", "mass_max", "pristine_min", "sort", "dated"],
    "pages/tour.py": ["lang", "step", "present"],
    "pages/coverage.py": ["lang"],
    "pages/data_sources.py": ["lang", *FILTERS],
}
#: Words the warning about each parameter contains (or one of several), in English; their
#: translations count too (``anchors_of``).
ANCHORS = {
    "lang": "language",
    "age": ("age", "âge", "年龄"),
    "method": "dating method",
    "rock": "rock type",
    "mission": "mission",
    "agency": "agency",
    "event": "event",
    "status": "status",
    "ages": "ages=",
    "side": "side=",
    "view": "view=",
    "site": "landing site",
    "zoom": "zoom=",
    "color": "color=",
    "arcs": "arcs=",
    "holder": "holder",
    "country": "country",
    "kind": "kind of holding",
    "year": "year",
    "q": "q=",
    "sample": "sample",
    "station": "station",
    "type": "type",
    "subtype": "subtype",
    "mass_min": "mass_min=",
    "mass_max": "mass_max=",
    "pristine_min": "pristine_min=",
    "sort": "sort",
    "dated": "dated",
    "step": ("step", "étape", "步"),  # this message is translated (?lang=fr or zh)
    "present": "present=",
}


def anchors_of(key: str) -> tuple[str, ...]:
    """The anchor words of *key* and their translations (a link may carry ?lang=zh or fr)."""
    from moonmap.i18n import translations

    base = ANCHORS[key] if isinstance(ANCHORS[key], tuple) else (ANCHORS[key],)
    return base + tuple(translations(c).gettext(a) for c in ("zh", "fr") for a in base)


#: Payloads: each carries the marker "zq" inside whatever Markdown/HTML would format it.
PAYLOADS = [
    "![x](http://evil.example/zq.png)",
    "[click](http://phish.example/zq)",
    "<http://evil.example/zq>",
    "**zqb**",
    "__zqb__",
    "*zqi*",
    "_zqi_",
    "~~zqs~~",
    "`zqc`",
    "# zqh",
    "> zq",
    "<img src=zq>",
    "<script>zq</script>",
    "<b>zq</b>",
    "$zq^2$",
    ":red[zq]",
    "[zq]: http://evil.example",
    "²",
    "١٩٧٥",
    "9" * 5000,
    "1" * 5000 + "-2",
    "nan",
    "NaN-Infinity",
    "inf",
    "-inf--1",
    "1e309",
    "0x10",
    "1_0",
    "\ud800",
    "a\udfffb",
    "x" * 20000,
    " ",
    "%00",
    "\x00\x07",
    "../../etc/passwd",
    ",,,",
    "apollo-11,**zqb**",
]
MARK = "zq"
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _valid(key: str) -> st.SearchStrategy[str]:
    if key == "age":
        return st.tuples(st.integers(0, 4600), st.integers(0, 4600)).map(lambda t: f"{t[0]}-{t[1]}")
    if key == "year":
        return st.integers(1969, dt.date.today().year).map(str)
    if key in ("mass_min", "mass_max"):
        return st.integers(0, 100000).map(str)
    if key == "pristine_min":
        return st.integers(0, 100).map(str)
    if key == "step":
        return st.integers(1, 13).map(str)
    if key == "q":
        return st.sampled_from(["basalt", "15415", "Apollo 17", "Pb-Pb"])
    values = st.sampled_from(CHOICES[key])
    if key in LISTS:
        return st.lists(values, min_size=1, max_size=3).map(",".join)
    return values


def _value(key: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(PAYLOADS),
        _valid(key),
        st.text(max_size=30),
        st.tuples(_valid(key), st.sampled_from(PAYLOADS)).map(lambda t: f"{t[0]},{t[1]}"),
    )


def _params(keys: list[str]):
    @st.composite
    def build(draw):
        chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=6, unique=True))
        out = {}
        for key in chosen:
            if draw(st.integers(0, 9)) == 0:  # a repeated key
                out[key] = draw(st.lists(_value(key), min_size=2, max_size=3))
            else:
                out[key] = draw(_value(key))
        return out

    return build()


def _plain(value: str) -> str:
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _decimal(text: str) -> float | None:
    return float(text) if re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,12})?", text.strip()) else None


def rejected(key: str, raw) -> bool:
    """Whether the documented form of *key* refuses (part of) *raw*: each page must say so."""
    values = [_plain(v) for v in (raw if isinstance(raw, list) else [raw])]
    if key in REPEATED:  # URL-bound multiselects read every value of a repeated key
        return any(v not in CHOICES[key] for v in values if v.strip())
    value = values[-1]  # the others read the last value of a repeated key
    blank_is_none = ("mass_min", "mass_max", "pristine_min", "sort", "dated", "year")
    if not value or (key in blank_is_none and not value.strip()):
        return False  # an empty value is no value
    if key == "q":
        return len(value) > 100
    if key == "lang":
        return value.strip().lower()[:8] not in CHOICES["lang"]
    if key == "age":  # millions of years, lo-hi (either order), within 0..4600
        parts = value.replace("–", "-").split("-")
        nums = [_decimal(p) for p in parts] if len(parts) == 2 else [None]
        return None in nums or any(n > 4600 for n in nums)
    if key == "year":
        text = value.strip()
        return not re.fullmatch(r"[0-9]{4}", text) or not 1969 <= int(text) <= dt.date.today().year
    if key in ("mass_min", "mass_max", "pristine_min"):
        number = _decimal(value)
        return number is None or (key == "pristine_min" and number > 100)
    if key == "step":
        ok = value.isascii() and value.isdecimal() and len(value) <= 4
        return not (ok and 1 <= int(value) <= 13)
    if key in LISTS:
        items = [v.strip() for v in value.split(",") if v.strip()]
        if key == "country":
            items = [v.upper() for v in items]
        return any(v not in CHOICES[key] for v in items)
    if key == "present":
        return value.lower() not in CHOICES["present"]
    return value not in CHOICES[key]


def _bodies(at: AppTest) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success", "title"):
        out += [str(el.value) for el in getattr(at, kind)]
    out += [str(el.value) for el in at.get("header") + at.get("subheader")]
    return out


def unescaped(body: str) -> list[str]:
    """What a payload made of *body* when rendered: links, images, HTML, code, emphasis,
    strike, headings, quotes, math or colour directives carrying the marker."""
    found = []
    if re.search(rf"(?<!\\)\${MARK}", body) or f":red[{MARK}" in body:
        found.append("math or directive")
    block_depth = 0
    for tok in _MD.parse(body):
        if tok.type in ("heading_open", "blockquote_open"):
            block_depth += 1
        elif tok.type in ("heading_close", "blockquote_close"):
            block_depth -= 1
        if tok.type in ("html_block", "fence", "code_block") and MARK in tok.content:
            found.append(f"{tok.type} {tok.content[:40]!r}")
        depth = block_depth
        for child in tok.children or []:
            attrs = " ".join(str(v) for v in (child.attrs or {}).values())
            if child.type in ("image", "link_open") and (MARK in attrs or ".example" in attrs):
                found.append(f"{child.type} {attrs[:60]}")
            elif child.type in ("html_inline", "code_inline") and MARK in child.content:
                found.append(f"{child.type} {child.content[:40]!r}")
            elif child.type in ("strong_open", "em_open", "s_open"):
                depth += 1
            elif child.type in ("strong_close", "em_close", "s_close"):
                depth -= 1
            elif depth > 0 and MARK in child.content:
                found.append(f"formatted text {child.content[:40]!r}")
    return found


def open_page(page: str, params: dict) -> tuple[AppTest, float]:
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page(page)
    for key, value in params.items():
        # A URL cannot carry a lone surrogate: its UTF-8 bytes (%ED%A0%80) reach the server,
        # which decodes them as U+FFFD, as _plain does (AppTest would refuse to encode it).
        at.query_params[key] = (
            [_plain(v) for v in value] if isinstance(value, list) else _plain(value)
        )
    t0 = time.perf_counter()
    at.run()
    return at, time.perf_counter() - t0


def check_page(page: str, params: dict) -> None:
    at, took = open_page(page, params)
    assert not at.exception, [e.value for e in at.exception]
    if took >= BUDGET_S:  # a slow case is slow twice; a busy machine's hiccup is not
        at, again = open_page(page, params)
        assert min(took, again) < BUDGET_S, (
            f"{page} took {took:.2f} s and {again:.2f} s (budget {BUDGET_S} s) with {params!r:.300}"
        )
    for body in _bodies(at):
        bad = unescaped(body)
        assert not bad, f"{page}: payload rendered as Markdown/HTML: {bad} in {body[:200]!r}"
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]
    for key, raw in params.items():
        if rejected(key, raw):
            anchors = anchors_of(key)
            assert any(a.lower() in w.lower() for w in warnings for a in anchors), (
                f"{page}: no warning for {key}={raw!r:.80}; warnings: {warnings}"
            )


def warm_up(page: str) -> None:
    """The budget is for a running server, not its first load of the page in a language."""
    for code in CHOICES["lang"]:
        open_page(page, {"lang": code})


def _examples() -> int:
    return 2 * settings.default.max_examples


@pytest.mark.parametrize("page", sorted(PAGES))
def test_generated_query_parameters(page):
    @settings(
        max_examples=_examples(),
        deadline=None,  # the budget is asserted per case, with the page and values named
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=False,
    )
    @given(_params(PAGES[page]))
    def check(params):
        check_page(page, params)

    warm_up(page)
    check()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_payload_in_every_parameter(page):
    """The fixed payloads, each in every parameter the page reads (all at once)."""
    warm_up(page)
    for payload in PAYLOADS:
        check_page(page, {key: payload for key in PAGES[page]})
