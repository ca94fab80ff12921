"""One negative shown as the edit of its rationale: plain ``[[before->after]]`` markers, a rich Text, or HTML.

The edits are stored in the shard, so a diff is exact: no text comparison, no guessing which words moved.
Long unchanged stretches are shortened to ``context`` characters around each edit (0 keeps everything).
"""
from __future__ import annotations

import html as _html

ELLIPSIS = " … "


def segments(target: str, edits: list[dict], context: int = 0) -> list[tuple[str, str, str]]:
    """``("same", text, "")`` and ``("edit", before, after)`` pieces covering ``target`` in order."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    for i, e in enumerate(edits):
        out.append(("same", _trim(target[pos:e["start"]], context, head=i > 0, tail=True), ""))
        out.append(("edit", e["before"], e["after"]))
        pos = e["end"]
    out.append(("same", _trim(target[pos:], context, head=True, tail=False), ""))
    return [s for s in out if s[0] == "edit" or s[1]]


def _trim(text: str, context: int, head: bool, tail: bool) -> str:
    """Keep ``context`` characters at the ends that touch an edit (``head``: start of text, ``tail``: its end)."""
    if not context or len(text) <= context * (head + tail) + len(ELLIPSIS):
        return text
    left = text[:context] if head else ""
    right = text[-context:] if tail else ""
    return left + ELLIPSIS + right if head or tail else text


def plain(target: str, edits: list[dict], context: int = 0) -> str:
    return "".join(a if kind == "same" else f"[[{a}->{b}]]" for kind, a, b in segments(target, edits, context))


def rich_text(target: str, edits: list[dict], context: int = 0):
    from rich.text import Text

    text = Text()
    for kind, a, b in segments(target, edits, context):
        if kind == "same":
            text.append(a)
        else:
            text.append(a, style="strike red")
            text.append(b, style="bold green")
    return text


def html(target: str, edits: list[dict], context: int = 0) -> str:
    parts = []
    for kind, a, b in segments(target, edits, context):
        if kind == "same":
            parts.append(_html.escape(a))
        else:
            parts.append(f"<del>{_html.escape(a)}</del><ins>{_html.escape(b)}</ins>")
    return "".join(parts)
