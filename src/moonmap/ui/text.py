"""Showing text from the catalog, a URL, an upload or a search box literally in Markdown."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def md_escape(text: object) -> str:
    """Escape Markdown control characters so *text* shows literally (Streamlit escapes HTML
    but renders Markdown in messages, captions and ``st.markdown``)."""
    out = str(text)
    for ch in "\\`*_{}[]()#+-.!|<>~$":
        out = out.replace(ch, "\\" + ch)
    return out


#: What an empty cell shows (Streamlit would print a grey "None").
MISSING = "—"


def _number_text(value: float, fmt: str | None = None) -> str:
    """A number as its column would show it (printf-style *fmt* of a ``NumberColumn``)."""
    if fmt and fmt.startswith("%"):
        try:
            return fmt % value
        except (TypeError, ValueError):
            pass
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def displayable(df, column_config: dict | None = None, missing: str = MISSING):
    """*df* and *column_config* ready for ``st.dataframe`` without a "None" in sight.

    Text columns get *missing* in empty cells; a numeric column with empty cells becomes text
    (numbers formatted, *missing* where empty) and its ``NumberColumn`` config a
    ``TextColumn`` with the same label and help; empty link cells stay blank.
    """
    config = dict(column_config or {})
    out = df.copy()
    for col in out.columns:
        if not out[col].isna().any():
            continue
        cfg = config.get(col)
        kind = (cfg or {}).get("type_config", {}).get("type") if isinstance(cfg, dict) else None
        if kind == "link":
            out[col] = out[col].astype(object).where(out[col].notna(), "")
            continue
        if pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            fmt = (cfg or {}).get("type_config", {}).get("format") if kind == "number" else None
            out[col] = [missing if pd.isna(v) else _number_text(v, fmt) for v in out[col]]
            if kind == "number":
                config[col] = st.column_config.TextColumn(
                    cfg.get("label"), help=cfg.get("help"), width=cfg.get("width")
                )
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), missing)
    return out, config


def translated_config(column_config: dict | None) -> dict:
    """*column_config* with its labels and help texts in the session's language (the
    constants are marked with ``N_()`` where they are defined)."""
    from moonmap.ui.lang import translator

    t = translator()
    out = {}
    for col, cfg in (column_config or {}).items():
        if isinstance(cfg, str):
            out[col] = t(cfg)
        elif isinstance(cfg, dict):
            cfg = dict(cfg)
            for field in ("label", "help"):
                if isinstance(cfg.get(field), str):
                    cfg[field] = t(cfg[field])
            out[col] = cfg
        else:
            out[col] = cfg
    return out


def table(df, column_config: dict | None = None, *, missing: str = MISSING, **kwargs):
    """``st.dataframe`` of :func:`displayable` data, headers in the session's language
    (returns what ``st.dataframe`` returns)."""
    data, config = displayable(df, translated_config(column_config), missing)
    return st.dataframe(data, column_config=config or None, **kwargs)


def translated_spec(spec, t):
    """A copy of a Vega-Lite *spec* with every ``title`` string passed through *t* (the
    titles are English constants marked with ``N_()`` where the spec is built)."""
    if isinstance(spec, dict):
        return {
            k: (t(v) if k == "title" and isinstance(v, str) else translated_spec(v, t))
            for k, v in spec.items()
        }
    if isinstance(spec, list):
        return [translated_spec(v, t) for v in spec]
    return spec


def chart(data, spec: dict, **kwargs):
    """``st.vega_lite_chart`` with axis, legend and tooltip titles in the session's language."""
    from moonmap.ui.lang import translator

    return st.vega_lite_chart(data, translated_spec(spec, translator()), **kwargs)
