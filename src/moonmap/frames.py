"""Row iteration over small DataFrames without pandas' per-row cost (pure, no Streamlit)."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Iterator

import pandas as pd


def rows(df: pd.DataFrame, columns: Iterable[str] | None = None) -> Iterator[tuple]:
    """The rows of *df* as named tuples, like ``df.itertuples(index=False)``.

    ``itertuples`` builds each row through pandas' indexing, which on string (Arrow) columns
    costs ~1.5 ms per 11-row table; reading each column once with ``tolist`` costs ~0.1 ms.
    The values are the same (``pd.NA`` and ``NaN`` included). Column names that are not
    Python identifiers are renamed positionally (``_0``, ``_1``...), as ``itertuples`` does.
    """
    cols = list(df.columns if columns is None else columns)
    row = namedtuple("Row", cols, rename=True)
    return map(row._make, zip(*(df[c].tolist() for c in cols), strict=True))
