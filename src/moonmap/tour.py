"""The guided tour: steps read from ``data/tour.json``, checked, and filled with catalog numbers.

Pure Python, no Streamlit. A step's text never types a number: it names a catalog value in
braces, e.g. ``{mass:apollo-11}``, and :func:`fill` replaces it with the current value and
collects its source, so the tour stays right when the data changes.

Placeholders (``{kind:argument}``):

=====================  ==============================================================
``count:sites``        number of sites (also ``samples``, ``ages``: current determinations)
``landed:SITE``        landing year
``mass:SITE``          returned mass (``format_mass``)
``total_mass``         returned mass of all missions together
``age_range:SITE``     youngest–oldest current crystallization age of the site's samples, Ga
``rock_age:SITE``      the site's representative rock age (its lead unit, all estimates),
                       e.g. "about 2.0 billion years"
``unit_age:REP_ID``    one representative age (``site_ages.csv``), in billions of years
``sample_age:SAMPLE``  youngest–oldest current crystallization age of one sample, in Ga
                       (``sample_age:SAMPLE:EVENT`` for another event, e.g. ``impact``)
``nickname:SAMPLE``    the sample's nickname
``age:AGE_ID``         one age determination, in billions of years
``split_mass:SPLIT``   the published mass of one holding
``received:SPLIT``     the year a holding was received
``missions:FAMILY``    number of missions of a family (Apollo, Luna, Chang'e)
``country_mass:CC:SITE``  published mass held in country CC from SITE
``loans:SITE:YEAR``    number of loans of SITE material received in YEAR
``holders:SITE``       number of holders of SITE material (``all`` for every site)
``countries:SITE``     number of countries holding SITE material (``all`` too)
=====================  ==============================================================
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.data import age_model as AM
from moonmap.holdings import family_of, holdings_table
from moonmap.i18n import LANGUAGES, N_, billion_years, ga_range, gettext_for, integer
from moonmap.queries import format_mass

MAPS = ("moon", "earth")
MOON_VIEWS = ("near", "far", "north", "south", "flat")
EARTH_VIEWS = ("world", "americas", "europe", "east-asia", "beijing")
REQUIRED = ("id", "title", "map", "view", "text")
OPTIONAL = ("site", "missions", "holder", "claims", "translations")
#: Languages a step may be translated into (its own fields are English).
TRANSLATED = tuple(code for code in LANGUAGES if code != "en")
MAX_TEXT = 700
#: What a placeholder the catalog cannot fill becomes (translated where shown).
NOT_IN_CATALOG = N_("(not in the catalog)")
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([^{}]*))?\}")


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    map: str
    view: str
    text: str
    site: str | None = None
    missions: tuple[str, ...] = ()
    holder: str | None = None
    claims: tuple[dict, ...] = ()
    #: Language code -> (title, text), with the same placeholders as the English fields.
    translations: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False)

    def title_in(self, lang: str) -> str:
        """The title in *lang* (English when the step has no translation into it)."""
        return self.translations.get(lang, (self.title, self.text))[0]

    def text_in(self, lang: str) -> str:
        """The text in *lang*, placeholders unfilled (English without a translation)."""
        return self.translations.get(lang, (self.title, self.text))[1]


@dataclass
class TourReport:
    steps: list[Step] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.steps)


class Filled:
    """Text with its placeholders replaced, and the sources of the values used."""

    def __init__(self, text: str, sources: list[str], missing: list[str]):
        self.text, self.sources, self.missing = text, sources, missing


def _ages_of(
    cat: Catalog, site: str | None = None, sample: str | None = None, event: str | None = None
) -> pd.DataFrame:
    """Current ages of a site or sample that date *event* (default: the rock's formation)."""
    a = cat.ages.merge(cat.samples[["sample_id", "site_id"]], on="sample_id", how="left")
    if site:
        a = a[a["site_id"] == site]
    if sample:
        a = a[a["sample_id"] == sample]
    if event in (None, "crystallization"):
        return a[AM.dates_formation(a)]
    return a[(a["event"] == event).fillna(False) & (a["status"] == "current").fillna(False)]


def _range(a: pd.DataFrame, lang: str) -> tuple[str, list[str]] | None:
    if a.empty:
        return None
    lo, hi = a.loc[a["age_ma"].idxmin()], a.loc[a["age_ma"].idxmax()]
    text = ga_range(lo["age_ma"] / 1000, hi["age_ma"] / 1000, lang, prose=True)
    return text, [lo["source_id"], hi["source_id"]]


AGE_KINDS = ("age_range", "sample_age", "rock_age", "unit_age", "age")


def _age_value(cat: Catalog, kind: str, arg: str, lang: str) -> tuple[str, list[str]] | None:
    """The age placeholders of :func:`value` (``KeyError`` for an unknown id)."""
    if kind == "age_range":
        if arg not in set(cat.sites["site_id"]):
            return None
        return _range(_ages_of(cat, site=arg), lang)
    if kind == "sample_age":
        sample, _, event = arg.partition(":")
        if sample not in set(cat.samples["sample_id"]):
            return None
        return _range(_ages_of(cat, sample=sample, event=event or None), lang)
    if kind == "rock_age":
        rep = cat.site_ages
        lead = rep[(rep["site_id"] == arg) & (rep["lead"] == "yes")]
        if lead.empty:
            return None
        return AM.about_ga(lead["age_ma"], lang), list(dict.fromkeys(lead["source_id"]))
    table, key = (cat.site_ages, "rep_id") if kind == "unit_age" else (cat.ages, "age_id")
    row = table.set_index(key).loc[arg]
    return billion_years(row["age_ma"] / 1000, lang), [row["source_id"]]


def value(
    cat: Catalog,
    kind: str,
    arg: str | None,
    holdings: pd.DataFrame | None = None,
    lang: str = "en",
) -> tuple[str, list[str]] | None:
    """The text and source ids of one placeholder, or ``None`` if it cannot be resolved.

    *holdings* is :func:`moonmap.holdings.holdings_table` of *cat*; pass it when filling many
    placeholders so it is built once (it is built here if needed and not given). Numbers,
    masses and ages are written for *lang* (``3,87 milliards d’années``, ``38.7 亿年``).
    """
    sites = cat.sites.set_index("site_id")
    samples = cat.samples.set_index("sample_id")
    parts = (arg or "").split(":")
    try:
        if kind == "count":
            # Ages: each determination once (a superseded row and its recalculation are one).
            current = cat.ages[cat.ages["status"] == "current"]
            table = {"sites": cat.sites, "samples": cat.samples, "ages": current}[arg]
            return integer(len(table), lang), []
        if kind == "landed":
            s = sites.loc[arg]
            return str(s["landing_utc"])[:4], [s["landing_source_id"]]
        if kind == "mass":
            s = sites.loc[arg]
            if pd.isna(s["returned_mass_g"]):
                return None
            return format_mass(s["returned_mass_g"], lang), [s["mass_source_id"]]
        if kind == "total_mass" and arg is None:
            sources = list(dict.fromkeys(cat.sites["mass_source_id"].dropna()))
            return format_mass(cat.sites["returned_mass_g"].sum(), lang), sources
        if kind in AGE_KINDS:
            return _age_value(cat, kind, arg or "", lang)
        if kind == "nickname":
            nick = samples.loc[arg, "nickname"]
            return (str(nick), [samples.loc[arg, "source_id"]]) if pd.notna(nick) else None
        if kind == "split_mass":
            row = cat.splits.set_index("split_id").loc[arg]
            if pd.isna(row["mass_g"]):
                return None
            return format_mass(row["mass_g"], lang), [row["source_id"]]
        if kind == "received":
            row = cat.splits.set_index("split_id").loc[arg]
            if pd.isna(row["received"]):
                return None
            return str(row["received"])[:4], [row["source_id"]]
        if kind == "missions":
            n = int((cat.sites["mission"].map(family_of) == arg).sum())
            return (integer(n, lang), []) if n else None
        h = holdings if holdings is not None else holdings_table(cat)
        if kind == "country_mass" and len(parts) == 2:
            got = h[(h["country"] == parts[0]) & (h["site_id"] == parts[1])]
            got = got[got["mass_g"].notna()]
            if got.empty:
                return None
            return format_mass(got["mass_g"].sum(), lang), list(dict.fromkeys(got["source_id"]))
        if kind == "loans" and len(parts) == 2:
            got = h[
                (h["site_id"] == parts[0])
                & (h["kind"] == "loan")
                & h["received"].astype("string").str.startswith(parts[1]).fillna(False)
            ]
            if got.empty:
                return None
            return integer(len(got), lang), list(dict.fromkeys(got["source_id"]))
        if kind in ("holders", "countries") and arg:
            got = h if arg == "all" else h[h["site_id"] == arg]
            if got.empty:
                return None
            col = "custodian_id" if kind == "holders" else "country"
            return integer(got[col].nunique(), lang), []
    except KeyError:
        return None
    return None


def fill(cat: Catalog, text: str, holdings: pd.DataFrame | None = None, lang: str = "en") -> Filled:
    """Replace every placeholder in *text* with its value written for *lang*; unresolved
    ones become "(not in the catalog)".

    *holdings*: :func:`moonmap.holdings.holdings_table` of *cat*, built once if not given.
    """
    if holdings is None and PLACEHOLDER.search(text):
        holdings = holdings_table(cat)
    sources: list[str] = []
    missing: list[str] = []

    def sub(m: re.Match) -> str:
        got = value(cat, m.group(1), m.group(2), holdings, lang)
        if got is None:
            missing.append(m.group(0))
            return gettext_for(lang)(NOT_IN_CATALOG)
        for s in got[1]:
            if isinstance(s, str) and s not in sources:
                sources.append(s)
        return got[0]

    return Filled(PLACEHOLDER.sub(sub, text), sources, missing)


def parse_tour(raw: str, cat: Catalog) -> TourReport:
    """Check a tour file's text; every problem names the step (number and id) and field."""
    report = TourReport()
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as err:
        report.problems.append(f"tour.json line {err.lineno}: not valid JSON ({err.msg}).")
        return report
    except (RecursionError, ValueError):
        report.problems.append("tour.json: not valid JSON (nested too deeply, or a huge number).")
        return report
    steps = doc.get("steps") if isinstance(doc, dict) else None
    if not isinstance(steps, list) or not steps:
        report.problems.append('tour.json: needs {"steps": [ ... ]} with at least one step.')
        return report
    seen: set[str] = set()
    h = holdings_table(cat)
    site_ids = set(cat.sites["site_id"])
    holder_ids = set(cat.custodians["custodian_id"])
    for n, s in enumerate(steps, start=1):
        where = f"step {n}"
        if not isinstance(s, dict):
            report.problems.append(f"{where}: must be an object with fields {', '.join(REQUIRED)}.")
            continue
        if isinstance(s.get("id"), str) and s["id"]:
            where = f"step {n} ({s['id']})"
        bad = [k for k in s if k not in REQUIRED + OPTIONAL]
        for k in bad:
            report.problems.append(f"{where}, field {k}: unknown field.")
        for k in REQUIRED:
            if not isinstance(s.get(k), str) or not s[k].strip():
                report.problems.append(f"{where}, field {k}: missing or empty.")
        if report.problems and any(p.startswith(where) for p in report.problems):
            continue
        if s["id"] in seen:
            report.problems.append(f"{where}, field id: used by an earlier step.")
        seen.add(s["id"])
        if s["map"] not in MAPS:
            report.problems.append(f"{where}, field map: {s['map']!r}; use moon or earth.")
            continue
        views = MOON_VIEWS if s["map"] == "moon" else EARTH_VIEWS
        if s["view"] not in views:
            report.problems.append(
                f"{where}, field view: {s['view']!r} is not a {s['map']} view ({', '.join(views)})."
            )
        if s.get("site") is not None and s["site"] not in site_ids:
            report.problems.append(f"{where}, field site: unknown site {s['site']!r}.")
        missions = s.get("missions") or []
        if not isinstance(missions, list) or any(m not in site_ids for m in missions):
            report.problems.append(f"{where}, field missions: a list of known site ids.")
            missions = []
        if s.get("holder") is not None and s["holder"] not in holder_ids:
            report.problems.append(f"{where}, field holder: unknown custodian {s['holder']!r}.")
        if len(s["text"]) > MAX_TEXT:
            report.problems.append(
                f"{where}, field text: {len(s['text'])} characters; keep it under {MAX_TEXT}."
            )
        texts, problems = _translations(s.get("translations"), s["title"], s["text"])
        report.problems += [f"{where}, {p}" for p in problems]
        for k, claim in enumerate(s.get("claims") or [], start=1):
            problem = check_claim(cat, claim)
            if problem:
                report.problems.append(f"{where}, claim {k}: {problem}")
        for field_name in ("title", "text"):
            filled = fill(cat, s[field_name], h)
            for ph in filled.missing:
                report.problems.append(
                    f"{where}, field {field_name}: {ph} is not a value in the catalog."
                )
        report.steps.append(
            Step(
                id=s["id"],
                title=s["title"],
                map=s["map"],
                view=s["view"],
                text=s["text"],
                site=s.get("site"),
                missions=tuple(missions),
                holder=s.get("holder"),
                claims=tuple(c for c in (s.get("claims") or []) if isinstance(c, dict)),
                translations=texts,
            )
        )
    if report.problems:
        report.steps = []
    return report


def placeholders(text: str) -> list[str]:
    """The placeholders of *text*, sorted (a translation must use the same ones)."""
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def _translations(raw: object, title: str, text: str) -> tuple[dict, list[str]]:
    """A step's ``translations`` field checked: ``{"zh": {"title": ..., "text": ...}, ...}``
    with the English fields' placeholders, no more and no fewer. Returns the usable
    translations and the problems (each starting with the field it names)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, ['field translations: an object of languages, e.g. {"fr": {...}}.']
    got: dict[str, tuple[str, str]] = {}
    problems = []
    for code, tr in raw.items():
        name = f"field translations.{str(code)[:12]}"
        if code not in TRANSLATED:
            problems.append(f"{name}: not a language of the app ({', '.join(TRANSLATED)}).")
            continue
        if not isinstance(tr, dict) or set(tr) != {"title", "text"}:
            problems.append(f"{name}: needs exactly a title and a text.")
            continue
        ok = True
        for key, english in (("title", title), ("text", text)):
            value = tr[key]
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{name}.{key}: missing or empty.")
                ok = False
            elif len(value) > MAX_TEXT:
                problems.append(f"{name}.{key}: {len(value)} characters; keep it under {MAX_TEXT}.")
                ok = False
            elif placeholders(value) != placeholders(english):
                problems.append(
                    f"{name}.{key}: placeholders {' '.join(placeholders(value)) or 'none'} "
                    f"differ from the English {' '.join(placeholders(english)) or 'none'}."
                )
                ok = False
        if ok:
            got[code] = (tr["title"], tr["text"])
    return got, problems


#: Words that make a sentence a comparison the catalog can check; a step using one must
#: declare a matching ``claims`` entry (tests enforce it).
COMPARATIVE = re.compile(
    r"\b(than|until|youngest|oldest|biggest|largest|smallest|first|only|never|nobody)\b",
    re.IGNORECASE,
)
CLAIM_KINDS = (
    "formed_younger",
    "most_mass",
    "side",
    "inside_region",
    "largest_region",
    "gap",
    "earliest",
)


def _formation_ages(cat: Catalog, site_ids, rock_type: str | None) -> pd.Series:
    a = cat.ages.merge(cat.samples[["sample_id", "site_id", "rock_type"]], on="sample_id")
    a = a[a["site_id"].isin(list(site_ids)) & AM.dates_formation(a)]
    if rock_type:
        a = a[a["rock_type"] == rock_type]
    rep = cat.site_ages[
        cat.site_ages["site_id"].isin(list(site_ids))
        & (cat.site_ages["event"] == "crystallization")
    ]
    return pd.concat([a["age_ma"], rep["age_ma"]], ignore_index=True).dropna()


def check_claim(cat: Catalog, claim: object) -> str | None:
    """``None`` when *claim* holds in *cat*, else what contradicts it (plain words).

    Kinds: ``formed_younger`` (``site`` formed after every ``than`` family's rocks, by at
    least ``margin_ma``; optional ``rock_type``), ``most_mass`` (``site`` returned the most),
    ``side`` (``site`` is on ``side``), ``inside_region`` (``site`` inside ``region``),
    ``largest_region`` (``region`` is the largest of its ``region_kind``), ``gap`` (no site
    landed between ``after`` and ``until``), ``earliest`` (``site`` landed before every other).
    """
    if not isinstance(claim, dict) or claim.get("kind") not in CLAIM_KINDS:
        return f"unknown claim {claim!r}; kinds: {', '.join(CLAIM_KINDS)}."
    sites = cat.sites.set_index("site_id")
    kind = claim["kind"]
    try:
        if kind == "formed_younger":
            site = claim["site"]
            families = set(claim["than"])
            others = [s for s, m in sites["mission"].items() if family_of(m) in families]
            mine = _formation_ages(cat, [site], claim.get("rock_type"))
            theirs = _formation_ages(cat, others, claim.get("rock_type"))
            if mine.empty or theirs.empty:
                return f"no current crystallization ages to compare for {site}."
            margin = float(claim.get("margin_ma", 0))
            if mine.max() + margin >= theirs.min():
                return (
                    f"{site}'s oldest formation age {mine.max():g} Ma is not {margin:g} Ma "
                    f"younger than the youngest of {', '.join(sorted(families))} "
                    f"({theirs.min():g} Ma)."
                )
            return None
        if kind == "most_mass":
            top = sites["returned_mass_g"].idxmax()
            return (
                None if top == claim["site"] else f"{top} returned the most, not {claim['site']}."
            )
        if kind == "side":
            got = sites.loc[claim["site"], "side"]
            return None if got == claim["side"] else f"{claim['site']} is on the {got} side."
        if kind == "inside_region":
            from moonmap.regions import site_regions

            rel = site_regions(cat.sites, cat.regions)
            rel = rel[(rel["site_id"] == claim["site"]) & (rel["region_id"] == claim["region"])]
            if rel.empty or rel.iloc[0]["relation"] != "inside":
                return f"{claim['site']} is not inside {claim['region']}."
            return None
        if kind == "largest_region":
            reg = cat.regions[cat.regions["kind"] == claim.get("region_kind", "basin")]
            top = reg.loc[reg["major_axis_km"].idxmax(), "region_id"]
            return None if top == claim["region"] else f"{top} is larger than {claim['region']}."
        if kind == "earliest":
            first = sites["landing_utc"].idxmin()
            return None if first == claim["site"] else f"{first} landed first, not {claim['site']}."
        if kind == "gap":
            t0 = sites.loc[claim["after"], "landing_utc"]
            t1 = sites.loc[claim["until"], "landing_utc"]
            between = sites[(sites["landing_utc"] > t0) & (sites["landing_utc"] < t1)]
            if len(between):
                return f"{', '.join(between.index)} landed between them."
            return None
    except (KeyError, TypeError, ValueError) as err:
        return f"claim {claim!r} names something not in the catalog ({err})."
    return None


def load_tour(path: Path | str, cat: Catalog) -> TourReport:
    """Read and check a tour file (problems instead of exceptions, also for I/O errors)."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return TourReport(problems=[f"{Path(path).name}: file not found."])
    except (OSError, UnicodeDecodeError) as err:
        return TourReport(problems=[f"{Path(path).name}: cannot be read ({err})."])
    return parse_tour(raw, cat)
