"""URL values: plain numbers only, bounded echoes, and the sample browser's bound controls."""

from __future__ import annotations

import pytest

from moonmap.data.sample_browser import check_url_values
from moonmap.params import clean, decimal, echo, echo_list


@pytest.mark.parametrize("text", ["²", "١٢٣", "1_0", "nan", "inf", "1e3", "-1", "0x10", "9" * 13])
def test_only_plain_ascii_decimals_are_numbers(text):
    assert decimal(text) is None


def test_plain_decimals_and_bounded_echoes():
    assert decimal(" 12.5 ") == 12.5 and decimal("0") == 0.0
    assert echo("x" * 5000) == repr("x" * 40) + "…"
    assert echo("a\nb") == "'a\\nb'"
    assert echo_list([str(i) for i in range(9)]).endswith("and 4 more")
    assert clean("a\ud800b") == "a\ufffd\ufffd\ufffdb"  # as a server decodes %ED%A0%80


@pytest.mark.parametrize(
    ("values", "expect"),
    [
        (["nan"], "Ignored mass_min='nan'"),
        (["-5"], "Ignored mass_min='-5'"),
        (["1" * 400], "Ignored mass_min="),
        (["1_0"], "Read mass_min='1_0' as 10"),
        (["١٢٣"], "Read mass_min='١٢٣' as 123"),
        (["12"], None),
        ([" "], None),
    ],
)
def test_bound_number_values(values, expect):
    note = check_url_values("mass_min", values, bounds=(0.0, None))
    assert (note is None) if expect is None else (expect in note)


def test_bound_option_values():
    allowed = ("Basalt", "Breccia")
    assert check_url_values("type", ["Basalt"], allowed) is None
    assert "Ignored unknown type 'x'" in check_url_values("type", ["Basalt", "x"], allowed)
