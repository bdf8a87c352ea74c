"""Widget values that must survive page switches use Streamlit's own ``persist_state``."""

from __future__ import annotations

import ast
from pathlib import Path

from moonmap.ui import state as K

ROOT = Path(__file__).resolve().parents[2]
NAMES = {name for name in dir(K) if getattr(K, name, None) in K.PERSISTENT}


def widget_calls():
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("src/moonmap/ui/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            kw = {k.arg: k.value for k in node.keywords}
            key = kw.get("key")
            if isinstance(key, ast.Attribute) and key.attr in NAMES:
                yield path.name, key.attr, kw.get("persist_state")


def test_every_persistent_widget_persists_for_the_session():
    calls = list(widget_calls())
    assert {name for _, name, _ in calls} == NAMES  # each persistent key is a widget...
    for path, name, persist in calls:  # ...created with persist_state="session"
        assert isinstance(persist, ast.Constant) and persist.value == "session", (path, name)
