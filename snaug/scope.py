"""Parse less: which sentences of a text each kind can edit, and a parse of only those.

The parse is most of the cost of ``snaug generate`` (the parser alone about half of it), and most kinds edit only
where the raw string already shows a trigger: a number (number), a lexicon word (orientation and any lexicon kind),
the answer's text (option). Their rules read the parse only inside the sentence around the trigger, so a sentence
without one cannot change what they propose. A unit swap reads no parse at all. Negation can edit any finite verb,
which only the tagger finds, so its sentences are taken in a seeded order: a first share in the first parse, the
rest only when that share gave fewer than ``per_kind`` negatives. Every sentence is still parsed at most once.

A parse of some sentences is a parse of the text with every other character blanked to a space (line breaks kept):
character offsets stay those of the text, so transforms read ``example.target`` at ``token.idx`` as always, and the
tokens of a kept sentence are the tokens it has in the whole text.

Kinds are matched by transform class; a transform snaug does not know (a plug-in) gets the whole text parsed.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable

from .numbers import matches
from .quotes import _QUOTED

Span = tuple[int, int]

# A sentence ends at . ! ? (with any closing quotes or brackets) before white space, or at a line break.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
# Words whose period does not end a sentence ("Mr. Duran", "e.g. water"); single capitals are initials.
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "mt", "vs", "etc", "e.g", "i.e", "no", "fig", "approx",
                            "jr", "sr", "prof", "inc", "co", "ft", "oz", "lb", "lbs", "in", "ca"})
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_WORD = re.compile(r"\s*(\S)")
_PLAIN = re.compile(r"\w+")
_NOT_A_LINE_BREAK = re.compile(r"[^\n]")

ANYWHERE = "anywhere"          # a kind that may edit any sentence: its sentences are parsed in a seeded order
EVERYTHING = None              # a kind whose needs are unknown: the whole text is parsed


def sentences(text: str) -> list[Span]:
    """(start, end) of each sentence of ``text``, in order, covering every non-space character; never inside a
    quotation (a quoted sentence stays with the sentence that quotes it)."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    spans, start = [], 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group() != "\n":
            if any(s < end < e for s, e in quoted):
                continue
            after = _NEXT_WORD.match(text, end)
            if after and after.group(1).islower():
                continue                    # '"Go north." on Monday': the sentence goes on
            word = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())    # a window: linear in text
            if word and (word.group(1).lower() in _ABBREVIATIONS or
                         (len(word.group(1)) == 1 and word.group(1).isupper())):
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def masked(text: str, spans: list[Span], keep: set[int]) -> str:
    """``text`` with every sentence of ``spans`` not in ``keep`` blanked to spaces, line breaks kept: offsets stay
    those of ``text``. Where blanked sentences run up to a kept one, the mark that ended the last of them stays, so
    the kept sentence still follows a sentence end as in the whole text (the tagger reads a few words either side:
    after a bare space, "Look at ..." is less often an imperative). One mark per gap: each is a token to parse."""
    out, pos = [], 0
    for k, (start, end) in enumerate(spans):
        if k in keep:
            continue
        part = text[start:end]
        blank = _NOT_A_LINE_BREAK.sub(" ", part)
        last = len(part.rstrip()) - 1
        if k + 1 in keep and last >= 0 and part[last] in ".!?":
            blank = blank[:last] + part[last] + blank[last + 1:]
        out += [text[pos:start], blank]      # between sentences there is only white space: kept as it is
        pos = end
    out.append(text[pos:])
    return "".join(out)


def holding(spans: list[Span], hits) -> set[int]:
    """Indices of the sentences in ``spans`` (sorted, disjoint) that overlap a hit (a (start, end) pair)."""
    starts = [s for s, _ in spans]
    found = set()
    for start, end in hits:
        k = max(bisect.bisect_right(starts, start) - 1, 0)
        while k < len(spans) and spans[k][0] < max(end, start + 1):
            if spans[k][1] > start:
                found.add(k)
            k += 1
    return found


# --- where each transform class can edit ------------------------------------------------------------------------
# A function (transform, example) → the (start, end) character spans of its triggers; ANYWHERE; or EVERYTHING.

def _numbers(transform, example) -> list[Span]:
    """Where snaug.numbers finds numbers: its two patterns, without reading the values (a superset)."""
    digits, words = matches(example.target)
    return [m.span() for m in digits] + [m.span() for m in words]


def _option(transform, example) -> list[Span]:
    choices = [c.strip() for c in example.choices]
    if example.answer is None or not 0 <= example.answer < len(choices) or not choices[example.answer]:
        return []
    return [m.span() for m in transform._find(choices[example.answer], example.target)]


def _lexicon(transform, example) -> list[Span]:
    """Where a word that starts one of the kind's phrases stands: words are looked up in a set, the few keys that
    are not plain words (a hyphen, an apostrophe) matched by a pattern."""
    found = getattr(transform, "_scope", None)
    if found is None:
        words = frozenset(k for k in transform.index if _PLAIN.fullmatch(k))
        others = sorted((k for k in transform.index if k not in words), key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, others)) + r")(?!\w)",
                             re.IGNORECASE) if others else None
        found = transform._scope = (words, pattern)
    words, pattern = found
    text = example.target
    spans = [m.span() for m in _PLAIN.finditer(text) if m.group().lower() in words]
    return spans + ([m.span() for m in pattern.finditer(text)] if pattern else [])


def _nothing(transform, example) -> list[Span]:
    return []                  # reads the raw string only


def _anywhere(transform, example) -> str:
    return ANYWHERE


def ranked(transform, example, spans: list[Span]) -> list[int]:
    """Per sentence, the best rank a candidate of ``transform`` there can have (``Candidate.rank``, 0 best): the
    engine parses a lazy kind's sentences best rank first, and stops once no sentence left could change what the
    kind keeps. Read off the raw text (claims' centrality), before any parse."""
    inner = getattr(transform, "inner", transform)
    if not getattr(inner, "prefer_central", False):
        return [0] * len(spans)
    support = inner.claims.support(example)
    return [support.best_centrality(start, end) for start, end in spans]


def scope_of(transform) -> Callable:
    """The scope function for a transform (unwrapping the wrapper for required components)."""
    from .transforms.lexicon import LexiconSwap
    from .transforms.negation import Negation
    from .transforms.number import NumberChange
    from .transforms.option import OptionSwap
    from .transforms.unit import UnitSwap

    inner = getattr(transform, "inner", transform)
    for cls, scope in ((Negation, _anywhere), (NumberChange, _numbers), (OptionSwap, _option),
                       (LexiconSwap, _lexicon), (UnitSwap, _nothing)):
        if type(inner) is cls:
            return scope
    return lambda transform, example: EVERYTHING
