"""Spans of a text that are quoted rather than asserted.

A rationale quotes a choice (*Choice "Frogs live in northern South America." is incorrect*), an example sentence,
a label on a map (*the region labeled "South Asia"*) or a title (*"TOP" books*). Editing inside the quotation
misquotes it; it does not make the rationale's own claim false, so transforms leave quoted words alone. A choice
that is a whole sentence is a quotation too when the rationale repeats it, quote marks or not (*The first sentence
states a fact. / A plain omelet takes one or two minutes to cook.*): the reasoning is about the sentence, not
about omelets.
"""
from __future__ import annotations

import re

# Straight quotes pair up in order; curly quotes pair open with close.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


# A choice this long (in words) is a sentence the rationale quotes, not a name it concludes with.
SENTENCE_WORDS = 5


def quoted_spans(text: str, choices=()) -> list[tuple[int, int]]:
    """Character spans (start, end) of every quotation in ``text`` (quote marks included), and of every choice
    of at least SENTENCE_WORDS words repeated verbatim (widened by one character, so ``inside`` holds for its
    first and last words)."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    for choice in choices:
        words = choice.split()
        if len(words) < SENTENCE_WORDS:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
        spans += [(m.start() - 1, m.end() + 1) for m in pattern.finditer(text)]
    return spans


def restated_spans(text: str, openers, closers) -> list[tuple[int, int]]:
    """Spans the rationale restates from the question: after an opener (*Read the passage carefully.*) up to the
    first closer that refers back to it (*The underlined part of the passage ...*), or the end of the text."""
    spans = []
    for opener in openers:
        for m in re.finditer(re.escape(opener), text, re.IGNORECASE):
            ends = [i for i in (text.lower().find(c.lower(), m.end()) for c in closers) if i >= 0]
            spans.append((m.end() - 1, min(ends, default=len(text)) + 1))
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of ``spans``."""
    return any(s < start and end < e for s, e in spans)
