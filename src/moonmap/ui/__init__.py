"""Streamlit glue: cached loaders and shared widgets (the only place that imports streamlit)."""
