"""Reading query parameters: bounded echoes of bad values and plain ASCII numbers (pure)."""

from __future__ import annotations

import math
import re

#: How much of a bad value a message quotes (a link can carry 100,000 characters).
ECHO_LIMIT = 40
#: A plain decimal number as a link writes it: ASCII digits, an optional fraction. No sign,
#: exponent, digit grouping (1_0), "nan"/"inf", or other scripts' digits (², ١٢٣), which
#: Python's float() and int() would otherwise accept or choke on.
_DECIMAL = re.compile(r"[0-9]{1,12}(\.[0-9]{1,12})?", re.ASCII)


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """*value* quoted for a message: at most *limit* characters (then "…"), control
    characters and lone surrogates escaped (``repr``)."""
    text = str(value)
    return repr(text[:limit]) + ("…" if len(text) > limit else "")


def decimal(text: str) -> float | None:
    """*text* as a non-negative finite number if it is a plain ASCII decimal, else None."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def clean(text: str) -> str:
    """*text* without lone surrogates (no browser sends them, but nothing downstream could
    encode them): replacement characters, as a server decoding their bytes gives."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def echo_list(values: list[str], most: int = 5) -> str:
    """Up to *most* bad values quoted with :func:`echo`, then how many more."""
    shown = ", ".join(echo(v) for v in values[:most])
    return shown + (f" and {len(values) - most:,} more" if len(values) > most else "")
