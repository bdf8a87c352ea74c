"""Freeze the server's start-up heap once, so Streamlit's collection after every run is cheap.

Streamlit runs a full garbage collection after each script run (``runner.postScriptGC``,
on by default, which keeps memory from building up between sessions). A full collection
walks every container object the process holds: after moonmap's first page some 115,000,
almost all of them modules, classes and functions of streamlit, pandas, pyarrow and pydeck
plus the catalog, which live as long as the process. Walking them took ~55-95 ms after
every rerun, holding the interpreter lock, so the "run finished" message waited for it
(measured: half the age-slider rerun). ``gc.freeze()`` moves the objects alive at that
moment into a generation the collector skips; later collections see only what sessions
create (~2.5 ms). Reference counting still frees frozen objects; only cycles among them
would outlive their use, and at start-up there are none worth the cost of finding.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_startup_heap() -> bool:
    """Collect once, then freeze everything alive; only the first call in a process does
    anything. Returns whether this call froze the heap."""
    global _frozen
    with _lock:
        if _frozen:
            return False
        gc.collect()
        gc.freeze()
        _frozen = True
        return True
