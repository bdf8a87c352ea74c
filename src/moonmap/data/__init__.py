"""The data layer: what the catalog's values mean (the age model)."""
