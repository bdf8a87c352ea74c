"""moonmap.frames.rows gives what itertuples gives, faster."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moonmap.frames import rows


def same(a, b) -> bool:
    if a is pd.NA or b is pd.NA:
        return a is b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return a == b and type(a) is type(b)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(max_size=5)),
            st.one_of(st.none(), st.floats(allow_nan=True)),
            st.integers(-5, 5),
        ),
        max_size=12,
    )
)
def test_rows_equal_itertuples(data):
    df = pd.DataFrame(data, columns=["name", "x", "n"])
    df["name"] = df["name"].astype("string")
    got = list(rows(df))
    want = list(df.itertuples(index=False))
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g._fields == w._fields
        assert all(same(a, b) for a, b in zip(g, w, strict=True)), (g, w)


def test_rows_of_chosen_columns_and_odd_names():
    df = pd.DataFrame({"site id": ["a", "b"], "mass_g": [1.0, None], "rest": [0, 1]})
    (first, second) = rows(df, ["site id", "mass_g"])
    assert first == ("a", 1.0) and first._fields == ("_0", "mass_g")
    assert math.isnan(second.mass_g)
    with pytest.raises(KeyError):
        list(rows(df, ["nope"]))
