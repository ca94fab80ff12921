"""Where a rationale quotes material instead of making a claim: text in quotation marks, and a choice quoted whole.

ScienceQA rationales about language quote the sentence under study ("The first sentence is the simple sentence.
*Mr. Duran's lecture was about art.*"). Negating or renumbering that sentence does not make the reasoning wrong:
the reasoning is about the sentence's form, not its truth. Transforms ask ``Quotes.inside(start, end)`` and skip
a site there with a counted reason. Choices are matched, and the lines of a question after its first (ScienceQA puts the text under
study there: *Which figure of speech is used in this text?* / *From forth the fatal loins of these two foes*), but
not the question's own sentence or a one-paragraph question: a GSM8K solution restating the question's facts is
making claims, and changing one of them is a fair negative.
"""
from __future__ import annotations

import re

# A quotation: straight or curly double quotes around at most a few lines of text.
_QUOTED = re.compile(r'"[^"\n]{1,400}"|“[^”\n]{1,400}”')
MIN_QUOTED_WORDS = 4        # a choice shorter than this ("1 meter", "Sacramento") is an answer, not a quotation


class Quotes:
    def __init__(self, text: str, choices=(), question: str = ""):
        spans = [m.span() for m in _QUOTED.finditer(text)]
        studied = [line.strip(" \t—–-") for line in (question or "").split("\n")[1:]]
        for choice in list(choices) + studied:
            choice = (choice or "").strip()
            if len(choice.split()) < MIN_QUOTED_WORDS:
                continue
            start = text.find(choice)
            while start != -1:
                spans.append((start, start + len(choice)))
                start = text.find(choice, start + 1)
        self.spans = sorted(spans)

    def inside(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)
