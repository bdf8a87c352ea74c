"""Links onward from a sample, and citations a reference manager can read."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import bibtexparser
import pandas as pd
import pytest

from moonmap.data import links
from moonmap.data.sample_browser import sample_table
from moonmap.export import export
from moonmap.io import citations


@pytest.mark.parametrize(
    ("sample", "generic"),
    [
        ("10003", "10003"),
        ("15304,7", "15304"),
        (" 72415 ", "72415"),
        ("CE5C0400", None),
        ("15603-basalt-fragments", None),
        ("99999", None),
        ("1000", None),
        ("11001", None),
    ],
)
def test_generic_number(sample, generic):
    assert links.generic_number(sample) == generic


def test_links_have_the_documented_form_for_every_apollo_sample(cat):
    table = sample_table(cat)
    apollo = table[table["site_id"].str.startswith("apollo")]
    numbered = apollo[apollo["sample_id"].str.fullmatch(r"\d{5}")]
    assert len(numbered) >= 2100
    for r in numbered.itertuples():
        jsc = urlsplit(r.jsc_url)
        assert (jsc.scheme, jsc.netloc, jsc.path) == (
            "https",
            "curator.jsc.nasa.gov",
            "/lunar/samplecatalog/sampleinfo.cfm",
        )
        assert parse_qs(jsc.query) == {"sample": [r.sample_id]}
        atlas = urlsplit(r.atlas_url)
        assert atlas.netloc == "www.lpi.usra.edu" and atlas.path == "/lunar/samples/atlas/detail/"
        assert parse_qs(atlas.query) == {"mission": [r.mission], "sample": [r.sample_id]}
    in_lsc = set(cat.compendium_entries["sample_id"])
    with_pdf = table[table["compendium_url"].notna()]
    assert set(with_pdf["sample_id"]) == in_lsc and len(in_lsc) >= 700
    for r in with_pdf.itertuples():
        assert r.compendium_url.endswith(f"/lunar/samples/atlas/compendium/{r.sample_id}.pdf")


def test_change_samples_link_to_their_paper(cat):
    table = sample_table(cat)
    ce = table[table["site_id"].str.startswith("change")]
    assert len(ce) and ce["paper_url"].notna().all()
    assert ce["paper_url"].str.startswith("https://").all()
    assert ce["paper_url"].str.startswith("https://doi.org/10.").sum() >= len(ce) // 2
    assert ce["jsc_url"].isna().all()


def test_bibtex_of_the_whole_catalog_parses_and_articles_have_authors_year_journal(cat):
    text = citations.to_bibtex(cat.sources).decode("utf-8")
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks
    assert len(lib.entries) == len(cat.sources)
    by_key = {e.key: e for e in lib.entries}
    papers = cat.sources[cat.sources["kind"] == "paper"]
    named = papers[papers["authors"].notna()]
    assert len(named) >= 40
    for r in named.itertuples():
        entry = by_key[r.source_id]
        fields = {f.key: f.value for f in entry.fields}
        assert "author" in fields and fields["author"].split(",")[0].strip() == (
            r.authors.split(",")[0].replace("&", r"\&")
        )
        if pd.notna(r.year):
            assert fields["year"] == r.year
        journal = "booktitle" if entry.entry_type == "inproceedings" else "journal"
        if pd.notna(r.container):
            assert journal in fields
    # a citation ending in "et al." says the list is incomplete
    etal = papers[papers["citation"].str.contains(r"\bet al\b", regex=True)]
    assert len(etal)
    assert "and others" in {f.key: f.value for f in by_key[etal.iloc[0].source_id].fields}["author"]


def test_bibtex_says_when_a_paper_has_no_identified_authors(cat):
    papers = cat.sources[(cat.sources["kind"] == "paper") & cat.sources["authors"].isna()]
    assert len(papers)
    text = citations.to_bibtex(papers).decode("utf-8")
    assert text.count(citations.NO_AUTHORS) == len(papers)


def test_csl_json_items_are_well_formed(cat):
    items = json.loads(export(cat, "csl"))
    assert items and all({"id", "type", "title"} <= set(i) for i in items)
    for item in items:
        for person in item.get("author", []):
            assert person.get("family") or person.get("literal")
        if "issued" in item:
            assert 1800 < item["issued"]["date-parts"][0][0] < 2100
    types = {i["type"] for i in items}
    assert types <= set(citations.CSL_TYPES.values()) | {"paper-conference", "document"}


def test_bibtex_escapes_text_fields():
    row = {
        "source_id": "x-1",
        "kind": "paper",
        "citation": "A & B (2020) 50% of {things} et al.",
        "authors": "O'Brien, A.; Smith_Jones, B.",
        "year": "2020",
        "title": "50% of {things} & more",
        "container": "J. Test #1",
        "doi": "10.1000/x_y",
        "url": "https://example.org/a{b}",
    }
    lib = bibtexparser.parse_string(citations.bibtex_entry(row))
    assert not lib.failed_blocks
    fields = {f.key: f.value for f in lib.entries[0].fields}
    assert r"\&" in fields["title"] and r"\{things\}" in fields["title"]
    assert fields["author"].endswith("and others") and r"\_" in fields["author"]
    assert fields["url"] == "https://example.org/a%7Bb%7D"
