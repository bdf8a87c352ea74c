"""What a reader sees of a Markdown message: AppTest returns the Markdown source, in which
text from a URL is escaped (``\\.``, ``\\<``); the rendered page shows the plain characters."""

import re


def shown(markdown: str) -> str:
    """*markdown* with its backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def open_more_filters(at):
    """Open the sidebar's "More filters" box (closed by default, its widgets are built only
    when open) the way a click does: its state is a session-state key."""
    from moonmap.ui import state as K

    at.session_state[K.MORE] = True
    return at.run()
