"""Size and hash of each data-package file (the Data Package ``bytes`` and ``hash`` fields).

Pure Python (hashlib, json), no Streamlit. A resource records the exact size of its file in
bytes and its SHA-256 as ``"sha256:<hex>"`` (the Data Package spec's ``{algorithm}:{hash}``
form; a bare hex string is MD5, as the spec says). :func:`check_file` compares a file's bytes
with what its resource records, so a copy cut in the middle or edited without
:func:`rehash_package` is refused instead of loading with rows missing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from moonmap.i18n import N_, Count, fill

#: What an editor runs after changing a table on purpose (quoted in every mismatch message).
REHASH_COMMAND = "python -m moonmap rehash data"
#: Algorithms the checker knows; the first is the one :func:`rehash_package` writes.
ALGORITHMS = ("sha256", "md5")


def file_hash(raw: bytes, algorithm: str = "sha256") -> str:
    """The Data Package ``hash`` of *raw*: ``"sha256:<hex>"``, or bare hex for MD5."""
    digest = hashlib.new(algorithm, raw).hexdigest()
    return digest if algorithm == "md5" else f"{algorithm}:{digest}"


def _split_hash(recorded: str) -> tuple[str, str] | None:
    algorithm, sep, digest = recorded.partition(":")
    if not sep:
        algorithm, digest = "md5", recorded
    algorithm = algorithm.strip().lower()
    if algorithm not in ALGORITHMS or not digest:
        return None
    return algorithm, digest.strip().lower()


def check_file(raw: bytes, resource: dict) -> list[str]:
    """What is wrong with *raw* (a file's bytes) against its *resource*'s ``bytes`` and
    ``hash``: messages without the file name (the caller adds it); empty when it matches.

    Both fields are required: a package that records neither cannot tell a cut copy from
    the real one.
    """
    return [fill(template, params, "en") for template, params in file_problems(raw, resource)]


def file_problems(raw: bytes, resource: dict) -> list[tuple[str, dict]]:
    """:func:`check_file`'s messages as (message id, values): the id is marked with ``N_``
    (translated where shown), the values are filled in after translation
    (:func:`moonmap.i18n.fill`; byte counts are a :class:`~moonmap.i18n.Count`)."""
    problems: list[tuple[str, dict]] = []
    command = {"command": REHASH_COMMAND}
    size = resource.get("bytes")
    if size is None:
        problems.append(
            (
                N_(
                    "records no 'bytes' in datapackage.json;"
                    " if the file was edited on purpose, run `{command}`"
                ),
                command,
            )
        )
    elif not isinstance(size, int) or isinstance(size, bool) or size < 0:
        problems.append((N_("its 'bytes' in datapackage.json is not a whole number of bytes"), {}))
    elif size != len(raw):
        problems.append(
            (
                N_(
                    "the file has {size} bytes but datapackage.json records {recorded}: it is"
                    " incomplete or changed (if the file was edited on purpose, run `{command}`)"
                ),
                {"size": Count(len(raw)), "recorded": Count(size), **command},
            )
        )
    recorded = resource.get("hash")
    if recorded is None:
        problems.append(
            (
                N_(
                    "records no 'hash' in datapackage.json;"
                    " if the file was edited on purpose, run `{command}`"
                ),
                command,
            )
        )
        return problems
    parsed = _split_hash(recorded) if isinstance(recorded, str) else None
    if parsed is None:
        problems.append(
            (
                N_(
                    "its 'hash' in datapackage.json must be 'sha256:<hex digits>'"
                    " (or an MD5 hex string)"
                ),
                {},
            )
        )
    elif size == len(raw) and file_hash(raw, parsed[0]).rpartition(":")[2] != parsed[1]:
        problems.append(
            (
                N_(
                    "the file's {algorithm} differs from the one datapackage.json records:"
                    " its content changed (if the file was edited on purpose, run `{command}`)"
                ),
                {"algorithm": parsed[0].upper(), **command},
            )
        )
    return problems


def with_integrity(resource: dict, raw: bytes) -> dict:
    """*resource* with ``bytes`` and ``hash`` of *raw*, placed right after ``path``."""
    out: dict = {}
    fields = {"bytes": len(raw), "hash": file_hash(raw)}
    for key, value in resource.items():
        if key in fields:
            continue
        out[key] = value
        if key == "path":
            out.update(fields)
    out.update({k: v for k, v in fields.items() if k not in out})
    return out


def descriptor_text(descriptor: dict) -> str:
    """The descriptor as the shipped ``datapackage.json`` writes it (2-space indent, UTF-8)."""
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def rehash_package(directory: Path, descriptor: dict) -> tuple[dict, list[str]]:
    """*descriptor* with the current size and hash of every resource file in *directory*,
    and one line per resource whose record changed (``"sites.csv: 1,234 -> 1,240 bytes"``).

    The caller has checked the descriptor's shape (every path inside *directory*); a file
    that cannot be read keeps its old record and is reported.
    """
    resources, changes = [], []
    for res in descriptor["resources"]:
        path = directory / res.get("path", f"{res['name']}.csv")
        try:
            raw = path.read_bytes()
        except OSError as err:
            changes.append(f"{path.name}: cannot read ({err.strerror or err}); left as it was")
            resources.append(res)
            continue
        new = with_integrity(res, raw)
        if (res.get("bytes"), res.get("hash")) != (new["bytes"], new["hash"]):
            old = res.get("bytes")
            before = f"{old:,}" if isinstance(old, int) else "none"
            changes.append(f"{path.name}: {before} -> {len(raw):,} bytes, hash updated")
        resources.append(new)
    return {**descriptor, "resources": resources}, changes
