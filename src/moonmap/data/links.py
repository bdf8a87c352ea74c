"""Links onward from a sample: its Compendium PDF, NASA JSC catalog page, LPI Atlas page, paper.

Every link is built from the curator's sample number (no network): Apollo samples are five-digit
"generic" numbers (``10003``); a split such as ``15304,7`` links to its generic (``15304``).
The Compendium has an entry for only some samples: :data:`compendium_entries` in the data
package lists them. Luna and Chang'e samples link to the paper that names them.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pandas as pd

from moonmap.catalog import Catalog

#: Apollo generic number, optionally with a split number (``15304,7``).
APOLLO_NUMBER = re.compile(r"^(?P<generic>(?:10|12|14|15|6\d|7\d)\d{3})(?:,\d+)?$")

#: Leading digits of a generic number -> its mission (10xxx Apollo 11 ... 7xxxx Apollo 17).
_MISSION_PREFIX = {"10": "11", "12": "12", "14": "14", "15": "15", "6": "16", "7": "17"}

COMPENDIUM_PDF = "https://www.lpi.usra.edu/lunar/samples/atlas/compendium/{generic}.pdf"
JSC_CATALOG = "https://curator.jsc.nasa.gov/lunar/samplecatalog/sampleinfo.cfm?{query}"
LPI_ATLAS = "https://www.lpi.usra.edu/lunar/samples/atlas/detail/?{query}"

LINK_COLUMNS = ("compendium_url", "jsc_url", "atlas_url", "paper_url")

#: What each link is, for tables and exports.
LINK_LABELS = {
    "compendium_url": "Lunar Sample Compendium (PDF)",
    "jsc_url": "NASA JSC sample catalog",
    "atlas_url": "LPI Lunar Sample Atlas (photos)",
    "paper_url": "Paper",
}


def generic_number(sample_id: str) -> str | None:
    """The five-digit Apollo generic of *sample_id*, or ``None`` (not an Apollo number)."""
    m = APOLLO_NUMBER.match(str(sample_id).strip())
    return m.group("generic") if m else None


def mission_name(generic: str) -> str:
    """``"Apollo 16"`` for ``"60015"``: a generic's leading digits name its mission."""
    return "Apollo " + _MISSION_PREFIX.get(generic[0], _MISSION_PREFIX.get(generic[:2], "?"))


def jsc_url(generic: str) -> str:
    """The sample's page in the NASA JSC Lunar Sample and Photo Catalog."""
    return JSC_CATALOG.format(query=urlencode({"sample": generic}))


def atlas_url(generic: str) -> str:
    """The sample's page in the LPI Lunar Sample Atlas."""
    query = urlencode({"mission": mission_name(generic), "sample": generic}, quote_via=quote)
    return LPI_ATLAS.format(query=query)


def compendium_url(generic: str) -> str:
    """The sample's Lunar Sample Compendium PDF (only meaningful if the Compendium has one)."""
    return COMPENDIUM_PDF.format(generic=generic)


def _paper(doi, url, kind) -> str | None:
    if kind != "paper":
        return None
    if isinstance(doi, str) and doi:
        return f"https://doi.org/{doi}"
    return url if isinstance(url, str) and url else None


def sample_links(cat: Catalog, samples: pd.DataFrame) -> pd.DataFrame:
    """The four link columns (:data:`LINK_COLUMNS`) for *samples*, aligned on its index.

    An Apollo number gets its JSC catalog and Atlas pages, and its Compendium PDF where the
    Compendium has an entry; any sample whose source is a paper gets that paper's DOI link.
    """
    in_compendium = set(cat.compendium_entries["sample_id"])
    generic = [generic_number(s) for s in samples["sample_id"]]
    src = cat.sources.set_index("source_id")[["doi", "url", "kind"]]
    joined = src.reindex(samples["source_id"]).astype(object).where(lambda f: f.notna(), None)
    return pd.DataFrame(
        {
            "compendium_url": [
                compendium_url(g) if g and g in in_compendium else None for g in generic
            ],
            "jsc_url": [jsc_url(g) if g else None for g in generic],
            "atlas_url": [atlas_url(g) if g else None for g in generic],
            "paper_url": [
                _paper(d, u, k)
                for d, u, k in zip(joined["doi"], joined["url"], joined["kind"], strict=True)
            ],
        },
        index=samples.index,
    )
