"""Cached access to the catalog for the pages."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from moonmap.catalog import Catalog, load_catalog
from moonmap.queries import site_summary

#: Set MOONMAP_DATA to serve another data package.
DATA_ENV = "MOONMAP_DATA"


def data_dir() -> str:
    """The package folder to serve ("" means the shipped ``data/``)."""
    return os.environ.get(DATA_ENV, "")


@st.cache_resource(show_spinner=False)
def _load(directory: str) -> Catalog:
    # A Catalog is immutable (frozen dataclass) and shared read-only across sessions.
    return load_catalog(directory or None)


def catalog() -> Catalog:
    """The validated catalog, loaded once per server process and package folder."""
    return _load(data_dir())


@st.cache_data(show_spinner=False)
def _summary(directory: str) -> pd.DataFrame:
    return site_summary(_load(directory))


def sites_summary() -> pd.DataFrame:
    """Per-site counts and age ranges."""
    return _summary(data_dir())
