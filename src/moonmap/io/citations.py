"""Citations a reference manager can read: BibTeX and CSL-JSON from ``sources.csv`` fields.

Each source row carries structured fields (``authors``, ``year``, ``title``, ``container``,
``volume``, ``issue``, ``pages``, ``publisher``, ``doi``, ``url``); a field the source cannot
support is empty and is left out of the entry rather than guessed. ``authors`` holds the names
the citation gives ("Family, Initials" separated by "; "); where the citation ends in "et al."
the entry says so (BibTeX ``and others``, a CSL ``note``).
"""

from __future__ import annotations

import json
import re

import pandas as pd

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

#: Containers that are conference proceedings (BibTeX @inproceedings, CSL paper-conference).
_PROCEEDINGS = re.compile(r"conference|proceedings|symposium|lpsc|workshop|meeting", re.I)

#: sources.kind -> CSL item type (papers are refined by their container).
CSL_TYPES = {
    "paper": "article-journal",
    "book": "book",
    "news": "article-newspaper",
    "agency": "webpage",
    "catalog": "dataset",
    "database": "dataset",
}

NO_AUTHORS = "authors not named in the citation"


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def bib_escape(text: str) -> str:
    """Escape LaTeX/BibTeX special characters in *text*."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in str(text))


def author_list(row) -> list[tuple[str, str]]:
    """``[(family, given), ...]`` from the row's ``authors`` field."""
    out = []
    for name in _text(row.get("authors")).split(";"):
        name = name.strip()
        if not name:
            continue
        family, _, given = name.partition(",")
        out.append((family.strip(), given.strip()))
    return out


def truncated(row) -> bool:
    """Whether the citation names only some of the authors ("et al.")."""
    return bool(re.search(r"\bet al\b", _text(row.get("citation"))))


def is_proceedings(row) -> bool:
    return row.get("kind") == "paper" and bool(_PROCEEDINGS.search(_text(row.get("container"))))


def bibtex_entry(row) -> str:
    """One BibTeX entry from a ``sources.csv`` row (as a dict).

    Papers are ``@article`` (``@inproceedings`` for conference abstracts), books ``@book``,
    everything else ``@misc`` with the website or catalog in ``howpublished``.
    """
    kind = row.get("kind")
    if kind == "paper":
        entry = "inproceedings" if is_proceedings(row) else "article"
    else:
        entry = "book" if kind == "book" else "misc"
    fields: list[tuple[str, str]] = []
    authors = author_list(row)
    if authors:
        names = [f"{bib_escape(f)}, {bib_escape(g)}" if g else bib_escape(f) for f, g in authors]
        if truncated(row):
            names.append("others")
        fields.append(("author", " and ".join(names)))
    title = _text(row.get("title")) or _text(row.get("citation"))
    fields.append(("title", "{" + bib_escape(title) + "}"))
    container = _text(row.get("container"))
    if container:
        key = {"article": "journal", "inproceedings": "booktitle"}.get(entry, "howpublished")
        fields.append((key, bib_escape(container)))
    for key in ("year", "volume", "pages", "publisher"):
        value = _text(row.get(key))
        if value:
            fields.append((key, bib_escape(value.replace("-", "--") if key == "pages" else value)))
    if _text(row.get("issue")):
        fields.append(("number", bib_escape(_text(row.get("issue")))))
    if _text(row.get("doi")):
        fields.append(("doi", bib_escape(_text(row.get("doi")))))
    if _text(row.get("url")):
        fields.append(("url", _text(row.get("url")).replace("{", "%7B").replace("}", "%7D")))
    note = f"moonmap source_id {row['source_id']} ({kind})"
    if not authors and kind == "paper":
        note += f"; {NO_AUTHORS}"
    fields.append(("note", bib_escape(note)))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{entry}{{{row['source_id']},\n{body}\n}}\n"


def to_bibtex(rows: pd.DataFrame, header: str = "") -> bytes:
    """A BibTeX file of *rows* (``sources.csv`` rows)."""
    entries = [bibtex_entry(r) for r in rows.to_dict(orient="records")]
    return (header + "\n".join(entries)).encode("utf-8")


def csl_item(row) -> dict:
    """One CSL-JSON item from a ``sources.csv`` row."""
    kind = row.get("kind")
    item = {"id": row["source_id"], "type": CSL_TYPES.get(kind, "document")}
    if is_proceedings(row):
        item["type"] = "paper-conference"
    authors = author_list(row)
    if authors:
        item["author"] = [{"family": f, "given": g} if g else {"literal": f} for f, g in authors]
    item["title"] = _text(row.get("title")) or _text(row.get("citation"))
    simple = {
        "container": "container-title",
        "volume": "volume",
        "issue": "issue",
        "pages": "page",
        "publisher": "publisher",
        "doi": "DOI",
        "url": "URL",
    }
    for col, key in simple.items():
        if _text(row.get(col)):
            item[key] = _text(row.get(col))
    year = _text(row.get("year"))
    if year.isdigit():
        item["issued"] = {"date-parts": [[int(year)]]}
    notes = []
    if truncated(row):
        notes.append("author list incomplete in the citation (et al.)")
    if not authors and kind == "paper":
        notes.append(NO_AUTHORS)
    if notes:
        item["note"] = "; ".join(notes)
    return item


def to_csl_json(rows: pd.DataFrame) -> bytes:
    """A CSL-JSON array (Zotero, Pandoc, citeproc) of *rows* (``sources.csv`` rows)."""
    items = [csl_item(r) for r in rows.to_dict(orient="records")]
    return json.dumps(items, ensure_ascii=False, indent=1).encode("utf-8")


def with_author_notes(sources: pd.DataFrame) -> pd.DataFrame:
    """*sources* with ``authors`` spelled out for reading: a paper whose citation names no
    author says so, and a list the citation cut short ends in "et al."."""
    out = sources.copy()
    shown = []
    for r in out.to_dict(orient="records"):
        names = _text(r.get("authors"))
        if not names:
            shown.append(NO_AUTHORS if r.get("kind") == "paper" else "")
        else:
            shown.append(names + (" et al." if truncated(r) else ""))
    out["authors"] = shown
    return out
