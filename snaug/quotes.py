"""Spans of a text that are quoted or restated rather than asserted.

A rationale quotes a choice (*Choice "Frogs live in northern South America." is incorrect*), an example sentence,
a label on a map (*the region labeled "South Asia"*), a title (*"TOP" books*) or the sentence under study
(*The first sentence is the simple sentence. Mr. Duran's lecture was about art.*). Editing inside the quotation
misquotes it; it does not make the rationale's own claim false: the reasoning is about the sentence, not about its
subject. Transforms leave such spans alone and count the skip.

Two views of the same idea, for the two ways transforms walk a text: ``quoted_spans`` / ``restated_spans`` /
``inside`` (orientation, unit, option) and ``Quotes`` (negation, number), which also treats the lines of a
question after its first as quoted (ScienceQA puts the text under study there), but not the question's own
sentence: a GSM8K solution restating the question's facts is making claims, and changing one is a fair negative.
"""
from __future__ import annotations

import re
from functools import lru_cache

# A quotation: straight or curly double quotes around at most a few lines of text.
_QUOTED = re.compile(r'"[^"\n]{1,400}"|“[^”\n]{1,400}”')


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
        if may_contain(text, choice, ignore_case=True):
            spans += [(m.start() - 1, m.end() + 1) for m in _choice_pattern(tuple(words)).finditer(text)]
    return spans


def may_contain(text: str, choice: str, ignore_case: bool) -> bool:
    """False where ``text`` cannot hold ``choice`` as a whole-word match: its first word is nowhere in it. A
    substring test, so a choice's pattern is compiled only for the texts that may hold it (most distractors and
    most sentences do not). Decided only for ASCII: Unicode case folding matches more than ``str.lower`` does
    (*ſ* and *s*, the Kelvin sign and *k*)."""
    words = choice.split()
    if not words or not (text.isascii() and choice.isascii()):
        return True
    return words[0].lower() in text.lower() if ignore_case else words[0] in text


@lru_cache(maxsize=4096)        # each kind asks for the same choices of the same example: compile them once
def _choice_pattern(words: tuple[str, ...]) -> re.Pattern:
    """The choice's words, its closing stop optional: a rationale quotes *The event was exciting it had music, a
    show and food.* as *The event was exciting it had music, a show and food is a run-on sentence*."""
    last = words[-1].rstrip(".!?")
    body = [*words[:-1], last] if last else list(words)
    stop = r"[.!?]?" if last != words[-1] else ""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, body)) + stop + r"(?!\w)", re.IGNORECASE)


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


MIN_QUOTED_WORDS = 4        # a choice shorter than this ("1 meter", "Sacramento") is an answer, not a quotation


# A title set in bold or bold italics (*The correct title is **You Can't Do That on Television**.*): named, not
# asserted. Two or three asterisks on each side, against letters, so "2**3" or "4 * 5 * 6" are never one.
_EMPHASIS = re.compile(r"(?<![\w*])\*{2,3}(?=[A-Za-z\"'])[^*\n]{1,200}?(?<=[\w.!?'\"])\*{2,3}(?![\w*])")


class Quotes:
    def __init__(self, text: str, choices=(), question: str = ""):
        spans = [m.span() for m in _QUOTED.finditer(text)] + [m.span() for m in _EMPHASIS.finditer(text)]
        studied = [line.strip(" \t—–-") for line in (question or "").split("\n")[1:]]
        for choice in list(choices) + studied:
            choice = (choice or "").strip()
            if len(choice.split()) < MIN_QUOTED_WORDS:
                continue
            # its closing stop optional: "... a show and food is a run-on sentence" quotes the choice "... food."
            core = choice.rstrip(".!?") or choice
            start = text.find(core)
            while start != -1:
                end = start + len(core)
                if not (text[end:end + 1].isalnum() or text[end:end + 1] == "_"):
                    spans.append((start, end + 1 if text[end:end + 1] in ".!?" else end))
                start = text.find(core, start + 1)
        self.spans = sorted(spans)

    def inside(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)


_WORD_PAIR = re.compile(r"\s*[A-Za-z]+\s*[-–—,/]\s*[A-Za-z]+\s*")      # "dangle - drank": guide words


def words_under_study(example) -> frozenset[str]:
    """The words a question puts under study: a pair of words on a line under it (*dangle - drank*, *file - four*,
    the guide words), the word it names (*the word did*), and the one-word options of a question about words
    (*Which word does not rhyme?*). A rationale names them to talk about them; where a kind reads one as a verb or a
    number, editing it changes a word, not a claim."""
    lines = (example.question or "").split("\n")[1:]
    words = {w.lower() for line in lines if _WORD_PAIR.fullmatch(line) for w in re.findall(r"[A-Za-z]+", line)}
    question = example.question or ""
    words |= set(re.findall(r"(?<!\w)the word ([a-z]+)(?!\w)", question))       # "Would you find the word did ..."
    if re.search(r"(?<!\w)words?(?!\w)", question, re.IGNORECASE):
        words |= {c.strip().lower() for c in example.choices if re.fullmatch(r"\s*[A-Za-z]+\s*", c)}
    return frozenset(words)
