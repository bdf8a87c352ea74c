"""Mission names as shown in a language: the sourced translation, else the catalog's name."""

from __future__ import annotations

from typing import Protocol

import pandas as pd


class _HasNames(Protocol):
    sites: pd.DataFrame
    mission_names: pd.DataFrame


def mission_names(cat: _HasNames, lang: str) -> dict[str, str]:
    """Every site's mission name for display in *lang*.

    Parameters
    ----------
    cat
        A :class:`~moonmap.catalog.Catalog` (anything with ``sites`` and ``mission_names``).
    lang
        Language code (``en``, ``zh``, ``fr``).

    Returns
    -------
    dict
        ``site_id`` -> the name a source gives in *lang* (``mission_names`` table), or the
        ``sites.mission`` value where no source gives one (always in English).

    Examples
    --------
    >>> from moonmap import load_catalog
    >>> mission_names(load_catalog(), "en")["change-5"]
    "Chang'e-5"
    """
    names = dict(zip(cat.sites["site_id"], cat.sites["mission"], strict=True))
    table = cat.mission_names
    if lang == "en" or table is None or not len(table):
        return names
    mine = table[table["lang"] == lang]
    names.update(
        (site, name)
        for site, name in zip(mine["site_id"], mine["name"], strict=True)
        if site in names and isinstance(name, str) and name.strip()
    )
    return names


def mission_name(cat: _HasNames, site_id: str, lang: str) -> str:
    """The mission name of *site_id* for display in *lang* (see :func:`mission_names`).

    Raises
    ------
    KeyError
        If *site_id* is not a site of the catalog.
    """
    return mission_names(cat, lang)[site_id]
