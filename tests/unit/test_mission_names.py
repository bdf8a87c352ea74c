"""Mission names in Chinese and French: sourced rows, the fallback, and what the map shows."""

from __future__ import annotations

import csv
import dataclasses
import json

import pytest

from moonmap import validate_package
from moonmap.data.names import mission_name, mission_names
from moonmap.deck import selection_deck
from moonmap.filters import Filters, apply_filters
from moonmap.queries import site_summary
from tests.conftest import DATA


def _csv(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_name_has_a_source_that_says_where_it_is():
    sources = {r["source_id"]: r for r in _csv("sources.csv")}
    rows = _csv("mission_names.csv")
    assert len(rows) >= 11
    for row in rows:
        source = sources[row["source_id"]]  # a KeyError is an unsourced name
        assert source["url"] or source["doi"]
        # The citation, title or note of the source row names the form used, so a reader
        # can check it against the page.
        said = " ".join(source[k] for k in ("citation", "title", "note"))
        assert row["name"] in said, (row["site_id"], row["lang"], row["name"])


def test_names_cover_known_sites_once_per_language(cat):
    rows = _csv("mission_names.csv")
    sites = set(cat.sites["site_id"])
    keys = [(r["site_id"], r["lang"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert {s for s, _ in keys} <= sites and {lang for _, lang in keys} <= {"zh", "fr"}
    assert len(cat.mission_names) == len(rows)


def test_chinese_name_where_the_catalog_gives_one_english_otherwise(cat):
    assert mission_name(cat, "change-5", "zh") == "嫦娥五号"
    assert mission_name(cat, "luna-16", "zh") == "月球16号"
    english = dict(zip(cat.sites["site_id"], cat.sites["mission"], strict=True))
    assert mission_names(cat, "en") == english
    assert mission_names(cat, "de") == english  # a language without names
    without = dataclasses.replace(
        cat, mission_names=cat.mission_names[cat.mission_names["site_id"] != "change-5"]
    )
    assert mission_name(without, "change-5", "zh") == "Chang'e-5"
    assert mission_name(without, "change-6", "zh") == "嫦娥六号"
    with pytest.raises(KeyError):
        mission_name(cat, "apollo-13", "zh")


def _deck_spec(cat, lang: str) -> dict:
    deck = selection_deck(
        cat,
        site_summary(cat),
        apply_filters(cat, Filters()),
        filtered=False,
        view="flat",
        site=None,
        focus=None,
        labels=True,
        regions=False,
        compact=False,
        height=500,
        lang=lang,
    )
    return json.loads(deck.to_json())


def _shown(spec: dict, site_id: str) -> tuple[str, str]:
    """(tooltip field, map label) of *site_id* in a deck's JSON."""
    layers = {x["id"]: x for x in spec["layers"]}
    marker = next(d for d in layers["sites"]["data"] if d["site_id"] == site_id)
    label = next(
        d["text"]
        for d in layers["labels"]["data"]
        if d["kind"] == "site" and d["site_id"] == site_id
    )
    return marker["mission"], label


def test_map_labels_and_tooltips_in_chinese_fall_back_to_english(cat):
    assert _shown(_deck_spec(cat, "zh"), "change-5") == ("嫦娥五号", "嫦娥五号")
    without = dataclasses.replace(
        cat, mission_names=cat.mission_names[cat.mission_names["site_id"] != "change-5"]
    )
    assert _shown(_deck_spec(without, "zh"), "change-5") == ("Chang'e-5", "Chang'e-5")


def test_english_map_is_unchanged(cat):
    spec = _deck_spec(cat, "en")
    for site_id, mission in zip(cat.sites["site_id"], cat.sites["mission"], strict=True):
        assert _shown(spec, site_id) == (mission, mission)
    assert _shown(_deck_spec(cat, "fr"), "apollo-11") == ("Apollo 11", "Apollo 11")
    assert _shown(_deck_spec(cat, "fr"), "change-6") == ("Chang’e 6", "Chang’e 6")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("apollo-11,zh,X,no-such-source,\n", "unknown source_id 'no-such-source'"),
        ("apollo-13,zh,X,frwiki-roche-lunaire,\n", "unknown site_id 'apollo-13'"),
        ("apollo-11,de,X,frwiki-roche-lunaire,\n", "'de' is not one of: zh, fr"),
        ("apollo-11,zh,X,frwiki-roche-lunaire,\n", "duplicate id apollo-11, zh"),
        ("apollo-12,fr,,frwiki-roche-lunaire,\n", "is required but empty"),
    ],
)
def test_validator_refuses_a_bad_name_row(data_copy, rehash, row, message):
    with (data_copy / "mission_names.csv").open("a", encoding="utf-8", newline="") as f:
        f.write(row)
    rehash(data_copy)
    report = validate_package(data_copy)
    found = [str(p) for p in report.problems if p.file == "mission_names.csv"]
    assert any(message in p for p in found), found


def test_a_package_without_the_table_still_loads(data_copy, rehash):
    from moonmap import load_catalog

    desc = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"] = [r for r in desc["resources"] if r["name"] != "mission_names"]
    (data_copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    (data_copy / "mission_names.csv").unlink()
    older = load_catalog(data_copy)
    assert len(older.mission_names) == 0
    assert mission_name(older, "change-5", "zh") == "Chang'e-5"
