"""Character edits on the source text: the only way a negative is ever made.

A negative is the source string with a few spans replaced. Everything outside those spans stays byte-identical,
so whitespace, case and punctuation are never rebuilt from tokens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` (which must equal ``before``) with ``after``.

    Offsets are Python string indices (Unicode code points) into the source text.
    """

    start: int
    end: int
    before: str
    after: str


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """Return ``text`` with ``edits`` applied; edits must be sorted, disjoint and match the text."""
    out: list[str] = []
    pos = 0
    for edit in edits:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edit {edit} overlaps a previous edit or lies outside the text")
        if text[edit.start:edit.end] != edit.before:
            raise ValueError(f"edit {edit} does not match the text {text[edit.start:edit.end]!r}")
        out.append(text[pos:edit.start])
        out.append(edit.after)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def text_key(text: str, edits: tuple[Edit, ...] | list[Edit]):
    """A small hashable key equal for two edit lists exactly when they make the same text from ``text``; None when
    they leave it unchanged.

    The engine compares candidates by this key, not by their texts: building and hashing the whole negative for
    every candidate made a long rationale quadratic (thousands of candidates, each a copy of the text). The key is
    the one change the edits make, trimmed to where it differs from the source, and an insertion or deletion slid
    as far left as it goes (inserting "ab" before or after "ab" gives the same text), so it is canonical.
    """
    if not edits:
        return None
    lo, hi = edits[0].start, edits[-1].end
    if lo < 0 or hi > len(text) or lo > hi:
        raise ValueError(f"edits {edits[0]} .. {edits[-1]} lie outside the text")
    old = text[lo:hi]
    if len(edits) == 1:                          # most candidates: the edit is the change (checked as apply_edits does)
        if old != edits[0].before:
            raise ValueError(f"edit {edits[0]} does not match the text {old!r}")
        new = edits[0].after
    else:
        new = apply_edits(old, [Edit(e.start - lo, e.end - lo, e.before, e.after) for e in edits])
    p = _common_prefix(new, old)
    new, old, lo = new[p:], old[p:], lo + p
    s = _common_suffix(new, old)
    if s:
        new, old = new[:-s], old[:-s]
    hi = lo + len(old)
    if not new and not old:
        return None
    if not old:                                  # an insertion: slide left while the text allows
        while lo > 0 and text[lo - 1] == new[-1]:
            new, lo = text[lo - 1] + new[:-1], lo - 1
        return ("insert", lo, new)
    if not new:                                  # a deletion: the same
        while lo > 0 and text[lo - 1] == text[hi - 1]:
            lo, hi = lo - 1, hi - 1
        return ("delete", lo, hi)
    return ("replace", lo, hi, new)


def _common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at the start (the strings of one edit: a few characters)."""
    n, i = min(len(a), len(b)), 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n, i = min(len(a), len(b)), 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def edit_similarity(text: str, edits: tuple[Edit, ...] | list[Edit]) -> float:
    """Character similarity of the source and its negative, from the edits alone.

    1 - (characters touched) / (length of the longer string). The characters touched by an edit are
    max(len(before), len(after)), an upper bound on its Levenshtein cost, so this is a lower bound on the
    normalised Levenshtein similarity, computed without comparing the two strings.
    """
    growth = sum(len(e.after) - len(e.before) for e in edits)
    longest = max(len(text), len(text) + growth)
    if longest == 0:
        return 1.0
    touched = sum(max(len(e.before), len(e.after)) for e in edits)
    return max(0.0, 1.0 - touched / longest)


def match_case(template: str, word: str) -> str:
    """Give ``word`` the letter case of ``template``: ALL CAPS, Capitalised or as it is."""
    letters = [c for c in template if c.isalpha()]
    if not letters:
        return word
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


_ARTICLE_BEFORE = re.compile(r"(?<![\w'])(an?) $", re.IGNORECASE)


def article_before(text: str, start: int) -> tuple[int, str] | None:
    """Where the "a"/"an" right before ``start`` (one space between) begins, and the article as written."""
    base = max(0, start - 4)
    m = _ARTICLE_BEFORE.search(text[base:start])
    return (base + m.start(1), m.group(1)) if m else None


def article_edit(text: str, start: int, wanted: str) -> Edit | None:
    """The edit that makes the article right before ``start`` read ``wanted`` ("a" or "an"), keeping its case; None
    when there is none or it already reads so. The option and number kinds say which one the new words take."""
    found = article_before(text, start)
    if found is None or found[1].lower() == wanted:
        return None
    at, word = found
    return Edit(at, at + len(word), word, match_case(word, wanted))
