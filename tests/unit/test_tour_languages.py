"""Tour-file problems in the app's languages: every message is a marked message id with named
placeholders, translated in every catalog; the English text (the command line's) is as before;
ids, field names and numbers from the file are shown as they are, never translated or read as
Markdown."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from moonmap.i18n import LANGUAGES, Count, integer, translations
from moonmap.tour import TourProblem, load_tour, parse_tour

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src/moonmap/tour.py"
TOUR = ROOT / "data/tour.json"
OTHERS = [code for code in LANGUAGES if code != "en"]
#: A field name and a site id an editor (or an attacker) could write into the tour file.
HOSTILE_FIELD = "**bold** <b>x</b> [link](http://example.org) {n}"
HOSTILE_SITE = "<b>apollo-13</b>"
#: Words that only an English sentence would contain (checked as whole words).
ENGLISH = re.compile(r"\b(the|and|of|not|is|with|use|field|step|claim|unknown|missing)\b", re.I)


def broken_tour() -> str:
    """The shipped tour with problems of most kinds, hostile text among them."""
    doc = json.loads(TOUR.read_text(encoding="utf-8"))
    steps = doc["steps"]
    steps[0].update(view="top")
    steps[8][HOSTILE_FIELD] = "x"
    steps[1].update(site=HOSTILE_SITE, text=steps[1]["text"] + " {landed:apollo-13}")
    steps[1]["translations"]["fr"].update(text="En 1969, Apollo 11 ...")
    steps[1]["translations"]["de"] = {"title": "x", "text": "y"}
    steps[2].pop("title")
    steps[3].update(
        id="welcome",
        claims=[
            {"kind": "most_mass", "site": "apollo-11"},
            {"kind": "side", "site": "change-5", "side": "far"},
            {"kind": "**telepathy**"},
        ],
    )
    steps[4].update(map="mars")
    steps[5].update(text="y" * 1234)
    steps[10].update(holder="nobody", missions="change-5")
    steps.append(5)
    return json.dumps(doc)


@pytest.fixture(scope="module")
def problems(cat) -> list[TourProblem]:
    found = parse_tour(broken_tour(), cat).problems
    found += parse_tour("{steps: [", cat).problems + parse_tour('{"steps": []}', cat).problems
    return found + load_tour(ROOT / "no-such-tour.json", cat).problems


def marked_templates() -> set[str]:
    """The message ids marked with ``N_`` in the tour module."""
    return {
        message
        for _line, message, _comments, _context in extract_from_file(
            "python", str(SOURCE), keywords={"N_": None}
        )
    }


def values(problem: TourProblem, code: str) -> list[str]:
    """What must show as it is in every language: the values, the step, its id, the field."""
    shown = [integer(v, code) if isinstance(v, Count) else v for v in problem.params.values()]
    if problem.step is not None:
        shown += [str(problem.step), problem.step_id, problem.field_name]
    if problem.claim is not None:
        shown.append(str(problem.claim))
    return [v for v in shown if v]


def test_the_english_text_is_as_before(problems):
    texts = [str(p) for p in problems]
    assert len(texts) >= 18
    view = "'top' is not a moon view (near, far, north, south, flat)."
    assert f"step 1 (welcome), field view: {view}" in texts
    assert f"step 9 (change-6), field {HOSTILE_FIELD}: unknown field." in texts
    assert f"step 2 (apollo-11), field site: unknown site '{HOSTILE_SITE}'." in texts
    assert "step 4 (welcome), claim 2: change-5 is on the near side." in texts
    assert "step 6 (how-old), field text: 1,234 characters; keep it under 700." in texts
    assert "step 14: must be an object with fields id, title, map, view, text." in texts
    assert "tour.json line 1: not valid JSON (Expecting property name" in texts[-3]
    assert texts[-1] == "no-such-tour.json: file not found."
    for p in problems:
        assert p.template in marked_templates(), p.template
        assert p.text("en") == str(p)


@pytest.mark.parametrize("code", OTHERS)
def test_problems_are_in_the_language_with_the_values_as_written(problems, code):
    for p in problems:
        text = p.text(code)
        assert text != str(p)
        rest = text
        for v in sorted(values(p, code), key=len, reverse=True):
            assert v in text, (code, v, text)  # the same ids, names and numbers
            rest = rest.replace(v, "")
        # No English left once the values are taken out: not the template, not the place.
        assert not ENGLISH.search(rest), (code, text)
    by_field = {p.field_name: p.text(code) for p in problems}
    assert HOSTILE_FIELD in by_field[HOSTILE_FIELD]  # literal, braces and all
    assert f"'{HOSTILE_SITE}'" in by_field["site"]


def test_french_and_chinese_wording():
    p = TourProblem.of("unknown site {site}.", "site", site="'x'").in_step(2, "apollo-11")
    assert p.text("fr") == "étape 2 (apollo-11), champ site\u00a0: site inconnu 'x'."
    assert p.text("zh") == "第 2 步（apollo-11），字段 site：未知的着陆点 'x'。"
    long = TourProblem.of(
        "{n} characters; keep it under {limit}.", "text", n=Count(1234), limit=Count(700)
    )
    assert long.text("fr").startswith("1\u202f234 caractères")


def test_every_problem_is_built_from_a_marked_template():
    """No problem message is an English f-string: ``TourProblem.of`` (or its local alias
    ``of``) with a literal ``N_`` id or a name bound to one."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    calls = 0
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        if not (
            (isinstance(func, ast.Attribute) and func.attr == "of")
            or (isinstance(func, ast.Name) and func.id == "of")
        ):
            continue
        calls += 1
        template = node.args[0]
        literal = (
            isinstance(template, ast.Call)
            and getattr(template.func, "id", None) == "N_"
            and isinstance(template.args[0], ast.Constant)
        )
        assert literal or isinstance(template, ast.Name | ast.Subscript), ast.unparse(node)
    assert calls >= 30 and len(marked_templates()) >= 40


@pytest.mark.parametrize("code", OTHERS)
def test_every_template_is_translated(code):
    t = translations(code)
    for template in sorted(marked_templates()):
        assert t.gettext(template) != template, (code, template)
