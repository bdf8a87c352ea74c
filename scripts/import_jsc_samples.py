"""Merge the NASA JSC lunar sample catalog into ``data/samples.csv``.

Reads three stored public copies of NASA JSC Curation data (see ``data/README.md``,
"The whole Apollo collection"):

* ``rocksamples.csv``: the JSC Lunar Sample and Photo Catalog as exported for the
  Microsoft Learn module "Plan a Moon mission using Python pandas" (2,229 Apollo samples:
  ID, mission, type, subtype, weight, pristine %);
* ``apollo 16.json``: raw JSC lunar-sample API ``sampledetails`` records for Apollo 16
  (STATION, ORIGINALWEIGHT, SAMPLETYPE, PRISTINITY, ...);
* ``final_out.csv``: the same API's records for the 948 Lunar Sample Compendium samples.

and rewrites ``samples.csv``, ``stations.csv`` (stations named by the catalog) and
``sample_alt_values.csv`` (where the catalog and the Compendium disagree). Rows that are
already in ``samples.csv`` keep their classification, description and mass; the catalog
adds its type, subtype and pristine share, and its mass where none is given.

Usage::

    python scripts/import_jsc_samples.py ROCKSAMPLES.csv "APOLLO 16.json" FINAL_OUT.csv [LSC.txt]

``LSC.txt`` (optional) lists sample numbers with a page in the Markdown copy of the Lunar Sample
Compendium (``bfeist/lsc_astro``), one per line; the LPI list in ``FINAL_OUT.csv`` is the other.

The script is deterministic: running it twice gives the same files.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"

CATALOG_SOURCE = "nasa-jsc-lunar-sample-catalog"
API_A16_SOURCE = "nasa-jsc-lunar-api-apollo16"
API_LSC_SOURCE = "nasa-jsc-lunar-api-compendium"
COMPENDIUM_SOURCE = "meyer-lsc-index"

MISSIONS = {
    "Apollo11": "apollo-11",
    "Apollo12": "apollo-12",
    "Apollo14": "apollo-14",
    "Apollo15": "apollo-15",
    "Apollo16": "apollo-16",
    "Apollo17": "apollo-17",
}
API_MISSIONS = {"Apollo 1" + k[-1]: v for k, v in MISSIONS.items()}
PREFIX = {site: "a" + site.split("-")[1] for site in MISSIONS.values()}

#: Catalog (type, subtype) -> moonmap's rock_type. Capitalisation of subtypes is unified
#: first (the export writes both "Fragmental" and "fragmental").
ROCK_TYPE = {
    ("Basalt", "KREEP"): "KREEP basalt",
    ("Breccia", "Impactmelt"): "impact melt",
    ("Breccia", "Regolith"): "regolith breccia",
    ("Breccia", "Fragmental"): "highland breccia",
    ("Breccia", "Anorthosite"): "highland breccia",
    ("Breccia", "Feldspathic"): "highland breccia",
    ("Crustal", "Anorthosite"): "anorthosite",
    ("Crustal", "Norite"): "norite/Mg-suite",
    ("Crustal", "Troctolite"): "norite/Mg-suite",
    ("Soil", None): "regolith/soil",
    ("Core", None): "regolith/soil",
    ("Basalt", None): "mare basalt",
    ("Breccia", None): "breccia (unclassified)",
    ("Crustal", None): "crustal rock (unclassified)",
    ("Special", None): "other",
}

SUBTYPE_SPELLING = {"impactmelt": "ImpactMelt", "notstudied": "Notstudied"}


def subtype_name(raw: str) -> str:
    raw = raw.strip()
    return SUBTYPE_SPELLING.get(raw.lower(), raw[:1].upper() + raw[1:])


def rock_type(kind: str, sub: str) -> str:
    key = (kind, sub[:1].upper() + sub[1:].lower())
    return ROCK_TYPE.get(key) or ROCK_TYPE[(kind, None)]


def station_key(site_id: str, name: str) -> tuple[str, str]:
    """Station id and display name for a catalog STATION value."""
    name = name.strip()
    prefix = PREFIX[site_id]
    if name.upper() == "LM":
        return f"{prefix}-lm", "Lunar module (LM)"
    if name.upper() in {"ALSEP", "SEP"}:
        label = {"ALSEP": "ALSEP site", "SEP": "SEP site"}[name.upper()]
        return f"{prefix}-{name.lower()}", label
    slug = name.lower().replace("'", "-prime")
    return f"{prefix}-st{slug}", f"Station {name.replace(chr(39), '′')}"


def differs(published: str, weight: float) -> bool:
    """Whether *published* (as written, e.g. "213" or "1467.6") differs from *weight* once
    *weight* is rounded to the same number of decimals."""
    decimals = len(published.split(".")[1]) if "." in published else 0
    return round(weight, decimals) != float(published)


def fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({h: row.get(h, "") or "" for h in header})


def api_stations(a16_json: Path, final_out: Path) -> dict[str, tuple[str, str]]:
    """Sample number -> (STATION, source_id) from the two API copies."""
    out: dict[str, tuple[str, str]] = {}
    with final_out.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            station = (row.get("STATION") or "").strip()
            if row["id"].isdigit() and station:
                out[row["id"]] = (station, API_LSC_SOURCE)
    for rec in json.loads(a16_json.read_text(encoding="utf-8")):
        station = (rec.get("STATION") or "").strip()
        generic = str(rec["GENERIC"])
        if not station:
            continue
        if generic in out and out[generic][0] != station:
            raise SystemExit(f"{generic}: the two API copies disagree on the station")
        out[generic] = (station, API_A16_SOURCE)
    return out


def api_only_samples(final_out: Path, known: set[str]) -> list[dict]:
    """Compendium samples the catalog export lacks but the API records describe."""
    out = []
    with final_out.open(newline="", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            sid, mission = rec["id"], (rec.get("MISSION") or "").strip()
            if sid in known or not sid.isdigit() or mission not in API_MISSIONS:
                continue
            weight = float(rec["ORIGINALWEIGHT"] or 0)
            out.append(
                {
                    "ID": sid,
                    "Mission": mission.replace(" ", ""),
                    "Type": rec["SAMPLETYPE"].strip(),
                    "Subtype": rec["SAMPLESUBTYPE"].strip().replace(" ", ""),
                    "Weight (g)": str(weight),
                    "Pristine (%)": rec["PRISTINITY"],
                    "_source": API_LSC_SOURCE,
                }
            )
    return out


def compendium_ids(final_out: Path, lsc_pages: Path | None) -> set[str]:
    """Sample numbers with a Compendium entry (the LPI list, plus the mirrored pages)."""
    with final_out.open(newline="", encoding="utf-8") as fh:
        # numPages > 0: the PDF at the listed address was downloaded and read by that project
        ids = {
            r["id"]
            for r in csv.DictReader(fh)
            if r["id"].isdigit() and float(r["numPages"] or 0) > 0
        }
    if lsc_pages is not None:
        ids |= {line.strip() for line in lsc_pages.read_text().splitlines() if line.strip()}
    return ids


def main(rocksamples: Path, a16_json: Path, final_out: Path, lsc_pages: Path | None) -> None:
    header, samples = read_csv(DATA / "samples.csv")
    new_cols = [
        "mass_source_id",
        "sample_type",
        "sample_subtype",
        "pristine_pct",
        "catalog_source_id",
    ]
    header = [h for h in header if h not in new_cols] + new_cols
    by_id = {row["sample_id"]: row for row in samples}
    for row in samples:
        if row["mass_g"] and not row.get("mass_source_id"):
            row["mass_source_id"] = row["source_id"]
    st_header, stations = read_csv(DATA / "stations.csv")
    added: list[dict] = []
    station_ids = {row["station_id"] for row in stations}
    alt_path = DATA / "sample_alt_values.csv"
    alt_rows: list[dict] = read_csv(alt_path)[1] if alt_path.exists() else []
    where = api_stations(a16_json, final_out)

    _, catalog = read_csv(rocksamples)
    catalog += api_only_samples(final_out, {r["ID"].strip() for r in catalog})
    for rec in catalog:
        source = rec.get("_source", CATALOG_SOURCE)
        sid, site = rec["ID"].strip(), MISSIONS[rec["Mission"].strip()]
        kind, sub = rec["Type"].strip(), subtype_name(rec["Subtype"])
        weight = float(rec["Weight (g)"])
        row = by_id.get(sid)
        if row is None:
            row = {"sample_id": sid, "site_id": site, "source_id": source}
            row["rock_type"] = rock_type(kind, sub)
            row["mass_g"] = fmt(weight) if weight > 0 else ""
            row["mass_source_id"] = source if weight > 0 else ""
            samples.append(row)
            by_id[sid] = row
        elif row["site_id"] != site:
            raise SystemExit(f"{sid}: catalog mission {site} != samples.csv {row['site_id']}")
        elif weight > 0 and row.get("mass_source_id") not in (source, "", None):
            # both masses are kept: the catalog's original weight becomes mass_g (it is the
            # curators' figure and sums to the mission totals), the other one an alternative
            if differs(row["mass_g"], weight):
                alt_rows.append(
                    {
                        "sample_id": sid,
                        "field": "mass_g",
                        "value": row["mass_g"],
                        "source_id": row["mass_source_id"],
                        "note": "mass given by this source; mass_g is the JSC catalog's "
                        "original weight",
                    }
                )
            row["mass_g"], row["mass_source_id"] = fmt(weight), source
        elif weight > 0 and not row["mass_g"]:
            row["mass_g"], row["mass_source_id"] = fmt(weight), source
        row.update(
            sample_type=kind,
            sample_subtype=sub,
            pristine_pct=fmt(float(rec["Pristine (%)"])) if rec["Pristine (%)"] else "",
            catalog_source_id=source,
        )
        if sid not in where:
            continue
        name, src = where[sid]
        station_id, label = station_key(site, name)
        if station_id not in station_ids:
            added.append(
                {
                    "station_id": station_id,
                    "site_id": site,
                    "name": label,
                    "source_id": src,
                    "note": f'named "{name}" in the JSC sample catalog; position not given there',
                }
            )
            station_ids.add(station_id)
        if not row.get("station_id"):
            row["station_id"], row["station_source_id"] = station_id, src
        elif row["station_id"] != station_id:
            alt_rows.append(
                {
                    "sample_id": sid,
                    "field": "station_id",
                    "value": station_id,
                    "source_id": src,
                    "note": f"JSC catalog station '{name}'",
                }
            )
    samples.sort(key=lambda r: (r["site_id"], r["sample_id"]))
    write_csv(DATA / "samples.csv", header, samples)
    added.sort(key=lambda r: (r["site_id"], len(r["station_id"]), r["station_id"]))
    write_csv(DATA / "stations.csv", st_header, stations + added)
    unique = {(r["sample_id"], r["field"], r["value"], r["source_id"]): r for r in alt_rows}
    alt_rows = sorted(unique.values(), key=lambda r: (r["sample_id"], r["field"], r["source_id"]))
    write_csv(
        DATA / "sample_alt_values.csv",
        ["sample_id", "field", "value", "source_id", "note"],
        alt_rows,
    )
    entries = sorted(compendium_ids(final_out, lsc_pages) & set(by_id))
    write_csv(
        DATA / "compendium_entries.csv",
        ["sample_id", "source_id"],
        [{"sample_id": e, "source_id": COMPENDIUM_SOURCE} for e in entries],
    )
    print(f"compendium entries: {len(entries)}")
    print(
        f"samples: {len(samples)}, stations: {len(stations) + len(added)}, alternative values: "
        f"{len(alt_rows)}"
    )


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        raise SystemExit(__doc__)
    paths = [Path(a) for a in sys.argv[1:]]
    main(*paths[:3], paths[3] if len(paths) == 4 else None)
