"""What a reader sees of a Markdown message: AppTest returns the Markdown source, in which
text from a URL is escaped (``\\.``, ``\\<``); the rendered page shows the plain characters."""

import re


def shown(markdown: str) -> str:
    """*markdown* with its backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)
