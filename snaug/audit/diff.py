"""One negative shown as the edit of its rationale: plain ``[[before->after]]`` markers, a rich Text, or HTML.

The edits are stored in the shard, so a diff is exact: no text comparison, no guessing which words moved.
Long unchanged stretches are shortened to about ``context`` characters around each edit (0 keeps everything),
cut between words. In colour and in HTML an edit is shown word by word (*is* → *is not* is "is" kept and " not"
added), because a struck word followed at once by its replacement reads as one word ("isis not").
"""
from __future__ import annotations

import html as _html
import re
from difflib import SequenceMatcher

ELLIPSIS = " … "
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


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


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """One edit as ``(op, text)`` pieces, op in same/del/ins, compared word by word."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("ins", "".join(b[j1:j2])))
    return out


def _trim(text: str, context: int, head: bool, tail: bool) -> str:
    """Keep about ``context`` characters, whole words, at the ends that touch an edit (``head``: the start of
    ``text``, which follows an edit; ``tail``: its end, which precedes one)."""
    if not context or len(text) <= context * (head + tail) + len(ELLIPSIS):
        return text
    if not (head or tail):
        return text
    left = _first_words(text, context).rstrip() if head else ""
    right = _last_words(text, context).lstrip() if tail else ""
    return left + ELLIPSIS + right


def _first_words(text: str, n: int) -> str:
    """The first ``n`` characters of ``text``, shortened so as not to end inside a word."""
    cut = text[:n]
    if text[n].isspace() or cut[-1].isspace():
        return cut
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:space] if space > 0 else cut


def _last_words(text: str, n: int) -> str:
    """The last ``n`` characters of ``text``, shortened so as not to start inside a word."""
    cut = text[-n:]
    if text[-n - 1].isspace() or cut[0].isspace():
        return cut
    match = re.search(r"\s", cut)
    return cut[match.start():] if match and match.start() < len(cut) - 1 else cut


def plain(target: str, edits: list[dict], context: int = 0) -> str:
    return "".join(a if kind == "same" else f"[[{a}->{b}]]" for kind, a, b in segments(target, edits, context))


def rich_text(target: str, edits: list[dict], context: int = 0):
    from rich.text import Text

    styles = {"same": "", "del": "strike red", "ins": "bold green"}
    text = Text()
    for kind, a, b in segments(target, edits, context):
        if kind == "same":
            text.append(a)
            continue
        pieces = word_diff(a, b)
        for n, (op, piece) in enumerate(pieces):
            if op == "ins" and n and pieces[n - 1][0] == "del":
                text.append(" ")          # a struck word and its replacement are two words, not one
            text.append(piece, style=styles[op])
    return text


def html(target: str, edits: list[dict], context: int = 0) -> str:
    """Edits as ``<del>``/``<ins>`` word by word; the page's CSS spaces a replacement from the struck word."""
    parts = []
    for kind, a, b in segments(target, edits, context):
        if kind == "same":
            parts.append(_html.escape(a))
            continue
        parts.append('<span class="edit">')
        for op, piece in word_diff(a, b):
            parts.append(_html.escape(piece) if op == "same" else f"<{op}>{_html.escape(piece)}</{op}>")
        parts.append("</span>")
    return "".join(parts)
