"""The guided tour: steps read from ``data/tour.json``, checked, and filled with catalog numbers.

Pure Python, no Streamlit. A step's text never types a number: it names a catalog value in
braces, e.g. ``{mass:apollo-11}``, and :func:`fill` replaces it with the current value and
collects its source, so the tour stays right when the data changes.

A tour file's problems are :class:`TourProblem` values (a message id and the values from the
file), written in the reader's language where they are shown.

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
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from moonmap.catalog import Catalog
from moonmap.data import age_model as AM
from moonmap.holdings import family_of, holdings_table
from moonmap.i18n import LANGUAGES, N_, Count, billion_years, ga_range, gettext_for, integer
from moonmap.i18n import fill as fill_message
from moonmap.queries import format_mass

MAPS = ("moon", "earth")
MOON_VIEWS = ("near", "far", "north", "south", "flat")
EARTH_VIEWS = ("world", "americas", "europe", "east-asia", "beijing")
REQUIRED = ("id", "title", "map", "view", "text")
OPTIONAL = ("site", "missions", "holder", "claims", "translations")
#: Languages a step may be translated into (its own fields are English).
TRANSLATED = tuple(code for code in LANGUAGES if code != "en")
MAX_TEXT = 700
#: The tour file as its problems name it (also when $MOONMAP_TOUR names another file).
TOUR_FILE = "tour.json"
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


@dataclass(frozen=True)
class TourProblem:
    """One thing wrong with a tour file: a message id and the values filled into it.

    ``template`` is a message id marked with ``N_``; ``params`` are the values of its named
    placeholders, text from the tour file or the catalog shown as it is in every language (a
    :class:`~moonmap.i18n.Count` is written with the language's digit grouping). ``step`` is
    the 1-based step (``None`` for a problem of the whole file, whose message names the file),
    ``step_id`` its id if it has one, ``field_name`` the field (``translations.fr.text``) and
    ``claim`` the 1-based claim. ``str()`` is the English text (the command line's).
    """

    template: str
    params: dict[str, str | int] = field(default_factory=dict)
    field_name: str = ""
    step: int | None = None
    step_id: str = ""
    claim: int | None = None

    @classmethod
    def of(cls, template: str, field_name: str = "", /, **params: object) -> TourProblem:
        """The problem *template* (marked with ``N_``) about *field_name*, filled with *params*
        (not yet placed in a step: see :meth:`in_step`)."""
        values = {k: v if isinstance(v, Count) else str(v) for k, v in params.items()}
        return cls(template, values, field_name)

    def in_step(self, step: int, step_id: str = "") -> TourProblem:
        """This problem placed in step number *step* (with id *step_id*, if it has one)."""
        return replace(self, step=step, step_id=step_id)

    def text(self, lang: str = "en") -> str:
        """The problem in *lang*: its place and message translated, the values as they are."""
        gettext = gettext_for(lang)
        message = fill_message(gettext(self.template), self.params, lang)
        if self.step is None:
            return message
        where = gettext(N_("step {n} ({id})") if self.step_id else N_("step {n}"))
        where = where.format(n=self.step, id=self.step_id)
        if self.field_name:
            where += gettext(N_(", field {field}")).format(field=self.field_name)
        if self.claim is not None:
            where += gettext(N_(", claim {claim}")).format(claim=self.claim)
        return gettext(N_("{where}: {message}")).format(where=where, message=message)

    def __str__(self) -> str:
        return self.text()


@dataclass
class TourReport:
    steps: list[Step] = field(default_factory=list)
    problems: list[TourProblem] = field(default_factory=list)

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


@dataclass(frozen=True, eq=False)
class _Known:
    """What a step may name: the catalog, its holdings table, its site and holder ids."""

    cat: Catalog
    holdings: pd.DataFrame
    sites: frozenset
    holders: frozenset


def parse_tour(raw: str, cat: Catalog) -> TourReport:
    """Check a tour file's text; every problem names the step (number and id) and field."""
    steps = _steps_of(raw)
    if isinstance(steps, TourProblem):
        return TourReport(problems=[steps])
    report = TourReport()
    ids = (frozenset(cat.sites["site_id"]), frozenset(cat.custodians["custodian_id"]))
    known = _Known(cat, holdings_table(cat), *ids)
    seen: set[str] = set()
    for n, s in enumerate(steps, start=1):
        step, problems = _check_step(s, known, seen)
        sid = s.get("id") if isinstance(s, dict) else None
        report.problems += [p.in_step(n, sid if isinstance(sid, str) else "") for p in problems]
        if step is not None:
            report.steps.append(step)
    if report.problems:
        report.steps = []
    return report


def _steps_of(raw: str) -> list | TourProblem:
    """The tour file's list of steps, or the problem why there is none."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as err:
        return TourProblem.of(
            N_("{file} line {line}: not valid JSON ({error})."),
            file=TOUR_FILE,
            line=err.lineno,
            error=err.msg,
        )
    except (RecursionError, ValueError):
        return TourProblem.of(
            N_("{file}: not valid JSON (nested too deeply, or a huge number)."), file=TOUR_FILE
        )
    steps = doc.get("steps") if isinstance(doc, dict) else None
    if not isinstance(steps, list) or not steps:
        return TourProblem.of(
            N_("{file}: needs {shape} with at least one step."),
            file=TOUR_FILE,
            shape='{"steps": [ ... ]}',
        )
    return steps


def _check_step(s: object, known: _Known, seen: set[str]) -> tuple[Step | None, list[TourProblem]]:
    """One step checked: the step (``None`` if it has a problem) and its problems, not yet
    placed in the step."""
    problems = _shape_problems(s)
    if problems:
        return None, problems
    if s["id"] in seen:
        problems.append(TourProblem.of(N_("used by an earlier step."), "id"))
    seen.add(s["id"])
    if s["map"] not in MAPS:
        bad_map = TourProblem.of(N_("{value}; use moon or earth."), "map", value=repr(s["map"]))
        return None, [*problems, bad_map]
    problems += _value_problems(s, known)
    texts, wrong = _translations(s.get("translations"), s["title"], s["text"])
    problems += wrong + _claim_problems(s.get("claims"), known.cat)
    for field_name in ("title", "text"):
        problems += [
            TourProblem.of(
                N_("{placeholder} is not a value in the catalog."), field_name, placeholder=ph
            )
            for ph in fill(known.cat, s[field_name], known.holdings).missing
        ]
    if problems:
        return None, problems
    step = Step(
        id=s["id"],
        title=s["title"],
        map=s["map"],
        view=s["view"],
        text=s["text"],
        site=s.get("site"),
        missions=tuple(s.get("missions") or []),
        holder=s.get("holder"),
        claims=tuple(s.get("claims") or []),
        translations=texts,
    )
    return step, []


def _shape_problems(s: object) -> list[TourProblem]:
    """A step is an object with the required fields as text, and no field unknown."""
    if not isinstance(s, dict):
        fields = ", ".join(REQUIRED)
        return [TourProblem.of(N_("must be an object with fields {fields}."), fields=fields)]
    problems = [TourProblem.of(N_("unknown field."), k) for k in s if k not in REQUIRED + OPTIONAL]
    for k in REQUIRED:
        if not isinstance(s.get(k), str) or not s[k].strip():
            problems.append(TourProblem.of(N_("missing or empty."), k))
    return problems


def _is_one_of(value: object, ids: frozenset) -> bool:
    return isinstance(value, str) and value in ids


def _value_problems(s: dict, known: _Known) -> list[TourProblem]:
    """The view, site, missions, holder and text length of a step on a known map."""
    problems = []
    views = MOON_VIEWS if s["map"] == "moon" else EARTH_VIEWS
    if s["view"] not in views:
        problems.append(
            TourProblem.of(
                N_("{value} is not a {map} view ({views})."),
                "view",
                value=repr(s["view"]),
                map=s["map"],
                views=", ".join(views),
            )
        )
    if s.get("site") is not None and not _is_one_of(s["site"], known.sites):
        problems.append(TourProblem.of(N_("unknown site {site}."), "site", site=repr(s["site"])))
    missions = s.get("missions") or []
    if not isinstance(missions, list) or not all(_is_one_of(m, known.sites) for m in missions):
        problems.append(TourProblem.of(N_("a list of known site ids."), "missions"))
    if s.get("holder") is not None and not _is_one_of(s["holder"], known.holders):
        problems.append(
            TourProblem.of(N_("unknown custodian {holder}."), "holder", holder=repr(s["holder"]))
        )
    if len(s["text"]) > MAX_TEXT:
        problems.append(_too_long(s["text"], "text"))
    return problems


def _too_long(text: str, field_name: str) -> TourProblem:
    return TourProblem.of(
        N_("{n} characters; keep it under {limit}."),
        field_name,
        n=Count(len(text)),
        limit=Count(MAX_TEXT),
    )


def _claim_problems(claims: object, cat: Catalog) -> list[TourProblem]:
    """The step's claims that do not hold in *cat* (or that its ``claims`` is no list)."""
    if claims is None:
        return []
    if not isinstance(claims, list):
        return [TourProblem.of(N_("a list of claims."), "claims")]
    problems = []
    for k, claim in enumerate(claims, start=1):
        problem = check_claim(cat, claim)
        if problem is not None:
            problems.append(replace(problem, claim=k))
    return problems


def placeholders(text: str) -> list[str]:
    """The placeholders of *text*, sorted (a translation must use the same ones)."""
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def _translations(raw: object, title: str, text: str) -> tuple[dict, list[TourProblem]]:
    """A step's ``translations`` field checked: ``{"zh": {"title": ..., "text": ...}, ...}``
    with the English fields' placeholders, no more and no fewer. Returns the usable
    translations and the problems (each naming its field)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        example = '{"fr": {...}}'
        problem = N_("an object of languages, e.g. {example}.")
        return {}, [TourProblem.of(problem, "translations", example=example)]
    got: dict[str, tuple[str, str]] = {}
    problems = []
    for code, tr in raw.items():
        name = f"translations.{str(code)[:12]}"
        if code not in TRANSLATED:
            languages = ", ".join(TRANSLATED)
            problem = N_("not a language of the app ({languages}).")
            problems.append(TourProblem.of(problem, name, languages=languages))
            continue
        if not isinstance(tr, dict) or set(tr) != {"title", "text"}:
            problems.append(TourProblem.of(N_("needs exactly a title and a text."), name))
            continue
        wrong = [
            problem
            for key, english in (("title", title), ("text", text))
            if (problem := _translated_problem(tr[key], english, f"{name}.{key}"))
        ]
        problems += wrong
        if not wrong:
            got[code] = (tr["title"], tr["text"])
    return got, problems


def _translated_problem(value: object, english: str, field_name: str) -> TourProblem | None:
    """What is wrong with one translated title or text, if anything."""
    if not isinstance(value, str) or not value.strip():
        return TourProblem.of(N_("missing or empty."), field_name)
    if len(value) > MAX_TEXT:
        return _too_long(value, field_name)
    found, expected = " ".join(placeholders(value)), " ".join(placeholders(english))
    if found == expected:
        return None
    if not found:
        template = N_("placeholders missing; the English has {expected}.")
    elif not expected:
        template = N_("placeholders {found}, but the English has none.")
    else:
        template = N_("placeholders {found} differ from the English {expected}.")
    return TourProblem.of(template, field_name, found=found, expected=expected)


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


#: What a ``side`` claim says when the site is on the other side.
ON_SIDE = {"near": N_("{site} is on the near side."), "far": N_("{site} is on the far side.")}


def check_claim(cat: Catalog, claim: object) -> TourProblem | None:
    """``None`` when *claim* holds in *cat*, else what contradicts it (a problem not yet
    placed in a step).

    Kinds: ``formed_younger`` (``site`` formed after every ``than`` family's rocks, by at
    least ``margin_ma``; optional ``rock_type``), ``most_mass`` (``site`` returned the most),
    ``side`` (``site`` is on ``side``), ``inside_region`` (``site`` inside ``region``),
    ``largest_region`` (``region`` is the largest of its ``region_kind``), ``gap`` (no site
    landed between ``after`` and ``until``), ``earliest`` (``site`` landed before every other).
    """
    if not isinstance(claim, dict) or claim.get("kind") not in CLAIM_KINDS:
        return TourProblem.of(
            N_("unknown claim {claim}; kinds: {kinds}."),
            claim=repr(claim),
            kinds=", ".join(CLAIM_KINDS),
        )
    sites = cat.sites.set_index("site_id")
    kind = claim["kind"]
    of = TourProblem.of
    try:
        if kind == "formed_younger":
            return _formed_younger(cat, sites, claim)
        if kind == "most_mass":
            top = sites["returned_mass_g"].idxmax()
            if top != claim["site"]:
                return of(N_("{top} returned the most, not {site}."), top=top, site=claim["site"])
        if kind == "side":
            got = sites.loc[claim["site"], "side"]
            return None if got == claim["side"] else of(ON_SIDE[got], site=claim["site"])
        if kind == "inside_region":
            return _inside_region(cat, claim)
        if kind == "largest_region":
            reg = cat.regions[cat.regions["kind"] == claim.get("region_kind", "basin")]
            top = reg.loc[reg["major_axis_km"].idxmax(), "region_id"]
            if top != claim["region"]:
                return of(N_("{top} is larger than {region}."), top=top, region=claim["region"])
        if kind == "earliest":
            first = sites["landing_utc"].idxmin()
            if first != claim["site"]:
                return of(N_("{first} landed first, not {site}."), first=first, site=claim["site"])
        if kind == "gap":
            t0 = sites.loc[claim["after"], "landing_utc"]
            t1 = sites.loc[claim["until"], "landing_utc"]
            between = sites[(sites["landing_utc"] > t0) & (sites["landing_utc"] < t1)]
            if len(between):
                return of(N_("{sites} landed between them."), sites=", ".join(between.index))
    except (KeyError, TypeError, ValueError) as err:
        return of(
            N_("claim {claim} names something not in the catalog ({error})."),
            claim=repr(claim),
            error=err,
        )
    return None


def _formed_younger(cat: Catalog, sites: pd.DataFrame, claim: dict) -> TourProblem | None:
    """The ``formed_younger`` claim of :func:`check_claim`."""
    site = claim["site"]
    families = set(claim["than"])
    others = [s for s, m in sites["mission"].items() if family_of(m) in families]
    mine = _formation_ages(cat, [site], claim.get("rock_type"))
    theirs = _formation_ages(cat, others, claim.get("rock_type"))
    if mine.empty or theirs.empty:
        return TourProblem.of(
            N_("no current crystallization ages to compare for {site}."), site=site
        )
    margin = float(claim.get("margin_ma", 0))
    if mine.max() + margin < theirs.min():
        return None
    return TourProblem.of(
        N_(
            "{site}'s oldest formation age {age} Ma is not {margin} Ma younger than the "
            "youngest of {families} ({youngest} Ma)."
        ),
        site=site,
        age=f"{mine.max():g}",
        margin=f"{margin:g}",
        families=", ".join(sorted(families)),
        youngest=f"{theirs.min():g}",
    )


def _inside_region(cat: Catalog, claim: dict) -> TourProblem | None:
    """The ``inside_region`` claim of :func:`check_claim`."""
    from moonmap.regions import site_regions

    rel = site_regions(cat.sites, cat.regions)
    rel = rel[(rel["site_id"] == claim["site"]) & (rel["region_id"] == claim["region"])]
    if rel.empty or rel.iloc[0]["relation"] != "inside":
        return TourProblem.of(
            N_("{site} is not inside {region}."), site=claim["site"], region=claim["region"]
        )
    return None


def load_tour(path: Path | str, cat: Catalog) -> TourReport:
    """Read and check a tour file (problems instead of exceptions, also for I/O errors)."""
    name = Path(path).name
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return TourReport(problems=[TourProblem.of(N_("{file}: file not found."), file=name)])
    except (OSError, UnicodeDecodeError) as err:
        problem = TourProblem.of(N_("{file}: cannot be read ({error})."), file=name, error=err)
        return TourReport(problems=[problem])
    return parse_tour(raw, cat)
