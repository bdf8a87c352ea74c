"""Validation problems in the app's languages: every message is a marked message id with
named placeholders, translated in every catalog; the English text (the command line's) is
unchanged; values from the data are shown as they are."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from moonmap import CatalogError, Problem, validate_package
from moonmap.cli import main
from moonmap.i18n import LANGUAGES, translations
from moonmap.validate import SHOWN, problem_text, render_problems

ROOT = Path(__file__).resolve().parents[2]
#: The modules whose messages are validation problems.
SOURCES = [ROOT / "src/moonmap/validate.py", ROOT / "src/moonmap/data/integrity.py"]
OTHERS = [code for code in LANGUAGES if code != "en"]
NBSP = "\u00a0"


def _edit(path: Path, row: int, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[row - 1][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def marked_templates() -> set[str]:
    """The message ids marked with ``N_`` (or a gettext function) in the validation code."""
    ids = set()
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords={"N_": None, "gettext": None, "ngettext": (1, 2)}
        ):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


@pytest.fixture
def broken(data_copy, rehash):
    """A copy with a few bad values (sizes and hashes recorded anew, so only those show)."""
    _edit(data_copy / "sites.csv", 3, "lon_deg", "*east*")
    _edit(data_copy / "sites.csv", 2, "lat_deg", "95")
    _edit(data_copy / "samples.csv", 4, "mass_g", "-3")
    _edit(data_copy / "ages.csv", 6, "source_id", "")
    rehash(data_copy)
    return data_copy


def test_the_english_text_is_unchanged_for_the_command_line(broken, capsys):
    problems = validate_package(broken).problems
    texts = [str(p) for p in problems]
    assert "sites.csv, row 3 (line 4), column lon_deg: '*east*' is not a number" in texts
    assert (
        "sites.csv, row 2 (line 3), column lat_deg: 95 is above the maximum 90 (degree north)"
        in (texts)
    )
    assert "samples.csv, row 4 (line 5), column mass_g: -3 is below the minimum 0 (g)" in texts
    assert "ages.csv, row 6 (line 7), column source_id: is required but empty" in texts
    # The template and its values give the same English text, which English rendering shows.
    for p in problems:
        assert p.template and p.template.format(**p.params) == p.message
        assert problem_text(p, "en") == str(p)
    err = CatalogError(problems, "DIR")
    assert str(err).startswith(f"data package DIR has {len(problems)} problem(s):\n  - ")
    assert main(["validate", str(broken)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert "  sites.csv, row 3 (line 4), column lon_deg: '*east*' is not a number" in lines


def test_a_plain_problem_still_reads_as_before():
    p = Problem("x.csv", 2, "c", "something odd")
    assert str(p) == "x.csv, row 2 (line 3), column c: something odd"
    assert problem_text(p, "fr").endswith(f"{NBSP}: something odd")  # the place is translated
    assert p == Problem.of("x.csv", 2, "c", "something odd")  # template, params: not compared


def test_problems_in_french_and_chinese_keep_the_values_as_written(broken):
    problems = validate_package(broken).problems
    fr = render_problems(problems, "fr", "data")
    assert (
        f"  - sites.csv, ligne de données 3 (ligne 4 du fichier), colonne lon_deg{NBSP}: "
        "'*east*' n’est pas un nombre"
    ) in fr.splitlines()[1:]
    assert fr.startswith(f"le paquet de données data présente {len(problems)} problèmes{NBSP}:")
    assert "is not a number" not in fr and ", row " not in fr and "required" not in fr
    zh = render_problems(problems, "zh", "data")
    assert (
        "  - sites.csv，第 3 条数据（文件第 4 行），lon_deg 列：'*east*' 不是数字"
        in zh.splitlines()
    )
    assert zh.startswith(f"数据包 data 有 {len(problems)} 个问题：")
    assert "is not a number" not in zh and "row" not in zh


def test_counts_follow_the_language_and_long_lists_are_cut(data_copy):
    raw = (data_copy / "regions.csv").read_bytes()
    (data_copy / "regions.csv").write_bytes(raw[:1500])  # recorded size 3,156 bytes
    problems = validate_package(data_copy).problems
    cut = next(p for p in problems if p.file == "regions.csv" and "bytes" in p.message)
    assert "datapackage.json records 3,156:" in str(cut)
    assert "datapackage.json en indique 3\u202f156" in problem_text(cut, "fr")
    many = [Problem.of("x.csv", i, "c", "is required but empty") for i in range(1, SHOWN + 4)]
    fr = render_problems(many, "fr").splitlines()
    assert len(fr) == 1 + SHOWN + 1 and fr[-1] == "  … et 3 autres"
    assert render_problems(many, "zh").splitlines()[-1] == "  ……另有 3 个问题"
    assert render_problems(many, "en").splitlines()[-1] == "  ... and 3 more"
    assert render_problems(many[:1], "en", "d").startswith("data package d has 1 problem:")


def test_every_problem_is_built_from_a_marked_template():
    """No problem message is an English f-string: ``Problem.of`` with a literal ``N_`` id (or
    a name bound to one), never ``Problem(...)`` with ready-made text."""
    tree = ast.parse(SOURCES[0].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        assert not (isinstance(func, ast.Name) and func.id == "Problem"), ast.unparse(node)
        if isinstance(func, ast.Attribute) and func.attr == "of":
            template = node.args[3]
            assert not any(isinstance(n, ast.JoinedStr) for n in ast.walk(template)), ast.unparse(
                node
            )
            literal = (
                isinstance(template, ast.Call)
                and getattr(template.func, "id", None) == "N_"
                and isinstance(template.args[0], ast.Constant)
            )
            assert literal or isinstance(template, ast.Name), ast.unparse(node)
    assert len(marked_templates()) >= 50


@pytest.mark.parametrize("code", OTHERS)
def test_every_template_is_translated(code):
    t = translations(code)
    for template in sorted(marked_templates()):
        assert t.gettext(template) != template, (code, template)
    assert t.ngettext("... and {n} more", "... and {n} more", 2) != "... and {n} more"
