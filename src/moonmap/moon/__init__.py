"""The Moon map's pure parts (see ../shared/STYLE.md: the package grows into domain folders)."""
