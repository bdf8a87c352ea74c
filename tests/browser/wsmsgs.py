"""Reading what the server sent a page: the ForwardMsgs in its websocket frames (helpers for
the browser tests that check what a fragment rerun sends)."""

from __future__ import annotations


def forward_msgs(frames: list) -> list:
    """The ForwardMsgs in websocket frames received by the page (binary protobuf)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msgs = []
    for payload in frames:
        if isinstance(payload, bytes):
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            msgs.append(msg)
    return msgs


def element_types(msgs: list) -> list[str]:
    return [
        m.delta.new_element.WhichOneof("type")
        for m in msgs
        if m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element"
    ]


def elements(msgs: list, kind: str) -> list:
    return [
        getattr(m.delta.new_element, kind)
        for m in msgs
        if m.WhichOneof("type") == "delta"
        and m.delta.WhichOneof("type") == "new_element"
        and m.delta.new_element.WhichOneof("type") == kind
    ]
