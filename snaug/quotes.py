"""Spans of a text that are quoted rather than asserted.

A rationale quotes a choice (*Choice "Frogs live in northern South America." is incorrect*), an example sentence,
a label on a map (*the region labeled "South Asia"*) or a title (*"TOP" books*). Editing inside the quotation
misquotes it; it does not make the rationale's own claim false, so transforms leave quoted words alone.
"""
from __future__ import annotations

import re

# Straight quotes pair up in order; curly quotes pair open with close.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of every quotation in ``text``, the quote marks included."""
    return [m.span() for m in _QUOTED.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of ``spans``."""
    return any(s < start and end < e for s, e in spans)
