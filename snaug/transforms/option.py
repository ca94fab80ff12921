"""Option swaps: the correct choice's text in the rationale replaced by a distractor's.

This is the negative that reads most like the gold rationale: every step is the same and only the conclusion names
the wrong option. Matching is case-insensitive and whole-word; only the first letter's case is carried over
(*Cool* at the start of a sentence becomes *Warm*), the rest of the distractor is written as given and the rest of
the rationale is untouched.

Which occurrences are replaced is set by ``occurrences`` in the rules:

- ``last`` (default): the conclusion, where ScienceQA rationales state it (*So, these magnets will repel.*): the
  last mention in a sentence opened by *So*, else the one whose sentence best restates the question with the
  answer (*The figurine is made of clay.*, not a later aside *When clay dries out, it can become very hard*, true
  of concrete too). Earlier mentions are often the question restated with every option (*attract or repel*,
  *Solution A and Solution B*), and swapping those yields nonsense rather than a wrong conclusion.
- ``all``: every occurrence in one candidate (subject to the validators' edit budget).
- ``each``: one candidate per occurrence.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache

from ..edits import Edit, article_edit, match_case
from ..claims import question_share
from ..monotone import clause, sentence_marks
from ..nlp import all_lemmas, has_tags, inflections, upos, verb_tag
from ..quotes import may_contain
from . import Candidate, Skip, register

OCCURRENCES = ("last", "all", "each")


@lru_cache(maxsize=4096)     # a choice's pattern is asked for per mention and per distractor: compile it once
def _pattern(text: str, ignore_case: bool) -> re.Pattern:
    words = r"\s+".join(re.escape(w) for w in text.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE if ignore_case else 0)


def _with_first_letter_case(occurrence: str, answer: str, distractor: str) -> str:
    """Carry the occurrence's first-letter case to the distractor where it differs from the choice as written."""
    if not occurrence[:1].isalpha() or not answer[:1].isalpha() or not distractor[:1].isalpha():
        return distractor
    if occurrence[0].isupper() == answer[0].isupper():
        return distractor
    head = distractor[0].upper() if occurrence[0].isupper() else distractor[0].lower()
    return head + distractor[1:]


def _keep_sentence_end(text: str, mention: str, end: int, new: str) -> str:
    """The replacement of ``mention`` (ending at ``end``) with the sentence's end kept: an answer ending in a full
    stop (*Washington, D.C.*, a choice that is a sentence) also ends the sentence, so a distractor without one gets
    it; one with its own stop before the sentence's stop loses it."""
    after = text[end:end + 1]
    if mention[-1:] in ".!?" and after in ("", " ", "\n", "\t") and new and new[-1] not in ".!?":
        return new + mention[-1]
    if after in ".!?" and after and new[-1:] in ".!?" and mention[-1:] not in ".!?":
        return new[:-1]
    return new


# A mention right after one of these opens its clause as the subject: "So, spores produce ...".
_CLAUSE_OPENED = re.compile(r"(?:^|[.!?:;]\s+|\b(?:So|Therefore|Thus|Then|Hence),\s+)$")
_INFINITIVE = re.compile(r"to\s+[a-z]+(?:\s+[a-z]+)*$", re.IGNORECASE)
_GOES_ON = re.compile(r"\s+(?!(?:and|or|but|so|because|while|when|if)\b)[a-z]")
_QUALIFIER = re.compile(r", ((?:[A-Z][a-z]+ )*[A-Z][a-z]+)(?=[.!?;]|$)")


def _qualified(text: str, match: re.Match, choices: list[str]) -> int:
    """Where a name's mention ends with the place that qualifies it (*Houston, Texas*, to the sentence's end): the
    qualifier belongs to the answer, and left behind it would pin the distractor to the wrong place (*Washington,
    D.C., Texas*), so it goes with the answer. A qualifier that is itself an option is a list, not a qualifier."""
    if not match.group()[:1].isupper():
        return match.end()
    q = _QUALIFIER.match(text, match.end())
    if q is None or any(q.group(1).lower() in c.lower() for c in choices):
        return match.end()
    return q.end()


def _sentence_before(text: str, start: int) -> str:
    """The part of the sentence before ``start``."""
    return text[sentence_marks(text, start, start)[0]:start]


def _whole_line(text: str, match: re.Match) -> bool:
    return text[:match.start()].rsplit("\n", 1)[-1].strip() == "" and text[match.end():].split("\n", 1)[0].strip() == ""


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around [start, end) with the mention itself blanked out."""
    left, right = sentence_marks(text, start, end)
    right = end if text[end - 1:end] in (".", "!", "?") else right
    return text[left:start] + " " + text[end:right]


def _inside_a_name(doc, match: re.Match) -> bool:
    if not match.group()[:1].isupper() or not has_tags(doc):
        return False
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return upos(before) == "PROPN" and before.text[:1].isupper() and before.idx + len(before.text) < match.start()


@register("option", options=(
    "occurrences", "never_replace", "case_sensitive_up_to", "distractor_not_containing", "an_before", "a_before",
    "not_in_sentence_after", "not_in_clause_with", "conclusion_openers", "agreeing_verbs", "irregular_plurals",
    "singular_ending_in_s", "number_unclear"))
class OptionSwap:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    # Tags only: a capitalised answer right after a proper noun is part of a longer name.
    needs = frozenset({"tagger"})
    def __init__(self, spec):
        self.kind = spec.name
        table = spec.table
        self.occurrences = table.str("occurrences", "last")
        if self.occurrences not in OCCURRENCES:
            raise table.error("occurrences", f"expected one of {', '.join(OCCURRENCES)}, got {self.occurrences!r}")
        self.never_replace = {w.lower() for w in table.str_list("never_replace", [])}
        # Choices this short ("A", "no") match only with their own case: "A" must not match the article "a".
        self.case_sensitive_up_to = table.int("case_sensitive_up_to", 2, minimum=0)
        # Distractors that are clauses, not names ("neither; their concentrations are the same"), do not fit
        # where the answer stood.
        self.distractor_not_containing = table.str_list("distractor_not_containing", [])
        # "a ostrich" gives a negative away: the article before a replaced mention follows the new word. The rule
        # is by first letter; these prefixes are the exceptions (an hour, a unicorn).
        self.an_before = tuple(w.lower() for w in table.str_list("an_before", []))
        self.a_before = tuple(w.lower() for w in table.str_list("a_before", []))
        # Words that open an embedded question or a condition: a mention after one of them in its sentence restates
        # the question ("To determine if this statement is true") rather than concluding.
        words = table.str_list("not_in_sentence_after", [])
        self.not_in_sentence_after = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)",
                                                re.IGNORECASE) if words else None
        # A mention in a negated clause or one that says two things differ ("Felis catus and Felis margarita are
        # not in the same species", "X is different from Y") is left alone: the claim is true of almost any
        # other name, so putting a distractor's there leaves it true.
        words = table.str_list("not_in_clause_with", [])
        glued = [re.escape(w) for w in words if w.lower() in ("n't", "n’t")]
        free = [re.escape(w) for w in words if w.lower() not in ("n't", "n’t")]
        parts = ([r"(?<!\w)(?:" + "|".join(free) + ")"] if free else []) + glued
        self.not_in_clause_with = re.compile("(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE) if parts else None
        # "the wax crayons is": the verb after a replaced mention follows the new text's number
        verbs = {k.lower(): v.lower() for k, v in table.str_map("agreeing_verbs", {}).items()}
        self.agreeing = {**verbs, **{v: k for k, v in verbs.items()}}     # either way: is <-> are
        self.plural_verbs = frozenset(verbs.values())
        self.irregular_plurals = {w.lower() for w in table.str_list("irregular_plurals", [])}
        self.singular_in_s = {w.lower() for w in table.str_list("singular_ending_in_s", [])}
        self.number_unclear = {w.lower() for w in table.str_list("number_unclear", [])}
        words = table.str_list("conclusion_openers", [])
        self.conclusion_re = re.compile(r"\s*(?:" + "|".join(_pattern(w, True).pattern for w in words) + ")",
                                        re.IGNORECASE) if words else None

    def propose(self, doc, example, rng: random.Random):
        choices = [c.strip() for c in example.choices]
        if example.answer is None or not choices:
            return Skip("no choices")
        if not 0 <= example.answer < len(choices):
            return Skip("answer index out of range")
        if len(choices) < 2:
            return Skip("single choice")
        answer = choices[example.answer]
        if not answer:
            return Skip("empty answer text")
        if answer.lower() in self.never_replace:
            return Skip("answer text is a never_replace word")
        distractors = []
        for i, c in enumerate(choices):
            if i != example.answer and c and c.lower() != answer.lower() and c not in distractors:
                distractors.append(c)
        if not distractors:
            return Skip("no distinct distractor")
        text = example.target
        found = [m for m in self._find(answer, text)]
        if not found:
            return Skip("answer text not in rationale")
        # An answer mention inside a longer choice's mention ("water" in "salt water") names that other choice.
        inside = []
        for other in choices:
            if len(other) > len(answer) and may_contain(other, answer, True) and _pattern(answer, True).search(other):
                inside += [m.span() for m in self._find(other, text)]
        found = [m for m in found if not any(s <= m.start() and m.end() <= e for s, e in inside)]
        if not found:
            return Skip("answer text only inside another choice")
        # A mention that restates the question is no conclusion: the choices listed one per line as headings
        # ("Step 2: Look at each answer choice."), or a mention inside an embedded question or a condition
        # ("To determine if this statement is true, ...").
        lines = {line.strip().lower() for line in text.split("\n")}
        if sum(c.lower() in lines for c in choices) >= 2:
            found = [m for m in found if not _whole_line(text, m)]
        if self.not_in_sentence_after:
            found = [m for m in found if not self.not_in_sentence_after.search(_sentence_before(text, m.start()))]
        if not found:
            return Skip("answer text only where the question is restated")
        # "use their horns to fight other chameleons" for the answer "to fight": the verb goes on with its object,
        # which another option's verb may not take ("to dig other chameleons"); a verb phrase must end where it does
        if _INFINITIVE.match(answer):
            found = [m for m in found if not _GOES_ON.match(text, m.end())]
            if not found:
                return Skip("the answer's verb goes on with an object")
        # "Virginia" in "West Virginia" is part of a longer name: the tagger marks the word before as a proper noun.
        found = [m for m in found if not _inside_a_name(doc, m)]
        if not found:
            return Skip("answer text only inside a longer name")
        # A distractor that contains the answer's text or is contained in it ("cat" / "cats", "2°C" / "32°C")
        # makes a negative that differs by an inflection or a digit, or that names the same option.
        low = answer.lower()
        usable = [d for d in distractors if low not in d.lower() and d.lower() not in low
                  and not any(x in d and x not in answer for x in self.distractor_not_containing)]
        if not usable:
            return Skip("choices contain one another")

        if self.occurrences == "last":
            groups = [[self._conclusion(text, found, example.question, answer, usable)]]
        elif self.occurrences == "all":
            groups = [found]
        else:
            groups = [[m] for m in found]
        if self.not_in_clause_with:
            groups = [g for g in groups if not any(self._negated(text, m) for m in g)]
            if not groups:
                return Skip("answer only in a negated or 'different' claim")
        candidates = []
        bare = 0                    # candidates left because the distractor cannot stand without an article
        counted_answer = _wants_article(text, answer)
        for distractor in usable:
            needs_article = not counted_answer and _wants_article(text, distractor)
            for group in groups:
                if any(self._find(distractor, _sentence(text, m.start(), m.end())) for m in group):
                    continue        # "So, A and B differ" -> "So, B and B differ": the distractor is already there
                if needs_article and any(not _DETERMINED.search(text, max(0, m.start() - 12), m.start())
                                         for m in group):
                    bare += 1       # "shows verbal irony" -> "shows pun": the text says "a pun" elsewhere
                    continue
                edits = []
                for m in group:
                    end = _qualified(text, m, choices) if distractor[:1].isupper() else m.end()
                    new = _keep_sentence_end(text, text[m.start():end], end,
                                             _with_first_letter_case(m.group(), answer, distractor))
                    edits += self._article(text, m.start(), new)
                    edits.append(Edit(m.start(), end, text[m.start():end], new))
                    agreement = self._agreement(text, m, (answer, distractor), doc)
                    if agreement is None:
                        break
                    edits += agreement
                else:
                    candidates.append(Candidate(f"{self.kind}.{self.occurrences}", tuple(edits)))
        if candidates:
            return candidates
        return Skip("the distractor needs an article the mention lacks" if bare else
                    "every distractor is already in the sentence")

    def _conclusion(self, text: str, found: list[re.Match], question: str, answer: str, distractors) -> re.Match:
        """The mention where the rationale concludes. Without a question, the last one. With one, among mentions
        that can be swapped (not in a negated claim, no distractor already in the sentence), if any: the last in
        a sentence opened by *So*/*Therefore*, else the one whose sentence best restates the question with its
        answer (*The figurine is made of clay.*, not the later *When clay dries out, it can become very hard*,
        which stays true with *concrete*), the later one on a tie; never a question the rationale asks itself
        when a statement mentions the answer too."""
        if not question or len(found) == 1:
            return found[-1]

        def rank(pair):
            k, m = pair
            lo, hi = sentence_marks(text, m.start(), m.end())
            swappable = not (self.not_in_clause_with and self._negated(text, m)) and not all(
                self._find(d, _sentence(text, m.start(), m.end())) for d in distractors)
            concludes = bool(self.conclusion_re and self.conclusion_re.match(text, lo))
            asserts = text[hi:hi + 1] != "?"            # "Is Australia a country or a continent?" claims nothing
            return swappable, asserts, concludes, question_share(text[lo:hi], f"{question}\n{answer}"), k

        return max(enumerate(found), key=rank)[1]

    def _negated(self, text: str, match: re.Match) -> bool:
        """Whether the mention's clause has a negation or a word of difference outside the mention itself."""
        end = match.end()
        if match.group()[-1:] in ".!?" and text[end:end + 1] not in ('"', "”", "'", "’"):
            end -= 1           # the answer's stop ends the sentence too, unless a closing quote keeps it inside
        lo, hi = clause(text, match.start(), end)
        return any(not (match.start() <= w.start() < match.end())
                   for w in self.not_in_clause_with.finditer(text, lo, hi))

    def _article(self, text: str, start: int, new: str) -> list[Edit]:
        """An edit of the "a"/"an" right before ``start`` when ``new`` needs the other one, else nothing."""
        word = new.lower()
        vowel = word[:1] in "aeiou"
        if word.startswith(self.an_before):
            vowel = True
        elif word.startswith(self.a_before):
            vowel = False
        edit = article_edit(text, start, "an" if vowel else "a")
        return [edit] if edit else []

    def _plural(self, text: str) -> bool | None:
        """Whether ``text`` names more than one thing, by its last word; None for a name (capitalised)."""
        words = re.findall(r"[A-Za-z]+", text)
        if not words or any(w[0].isupper() for w in words) or words[-1].lower() in self.number_unclear:
            return None
        last = words[-1].lower()
        if last in self.irregular_plurals:
            return True
        return last.endswith("s") and not last.endswith(("ss", "us", "is")) and last not in self.singular_in_s

    def _agreement(self, text: str, match: re.Match, pair: tuple[str, str], doc=None) -> list[Edit] | None:
        """An edit of the verb right after the mention when the new text's number differs from the old one's:
        *is* ↔ *are* and the like from the table, any other present-tense verb by its tag (*An adult moss plant
        produces* → *Spores produce*). ``pair``: the answer and the distractor as the choices spell them (a mention
        that opens a sentence is capitalised, and a capital would read as a name)."""
        if not self.agreeing:
            return []
        verb = re.match(r" ([A-Za-z]+)\b", text[match.end():match.end() + 24])
        if not verb:
            return []
        if re.search(r"(?<![\w'])an? $", text[max(0, match.start() - 4):match.start()], re.IGNORECASE):
            return []                   # "a whale has" -> "a fish has": the article says one
        old, now = self._plural(pair[0]), self._plural(pair[1])
        if old is None or now is None or old == now:
            return []
        found = verb.group(1)
        start = match.end() + verb.start(1)
        if found.lower() not in self.agreeing:
            opens = not text[:match.start()].strip() or bool(_CLAUSE_OPENED.search(text, 0, match.start()))
            other = _present_in_number(doc, start, plural=now, subject=opens)
            if other is None:
                return None         # a present verb or a plural noun, the tags cannot say: no guess
            return [Edit(start, start + len(found), found, match_case(found, other))] if other else []
        if (found.lower() in self.plural_verbs) == now:
            return []               # the verb already agrees: nothing to change
        return [Edit(start, start + len(found), found, match_case(found, self.agreeing[found.lower()]))]

    def _find(self, choice: str, text: str) -> list[re.Match]:
        ignore_case = len(choice) > self.case_sensitive_up_to
        if not may_contain(text, choice, ignore_case):
            return []
        return list(_pattern(choice, ignore_case).finditer(text))


def _present_in_number(doc, start: int, plural: bool, subject: bool) -> str | None:
    """The word at ``start``, a present-tense verb, in the other number (*produces* → *produce*); "" when it is
    no such verb (or the tags are missing); None when its form is a present verb's but the tagger says otherwise
    (*produces* tagged a plural noun), unless the mention is the subject that opens its clause (``subject``)."""
    if doc is None or not has_tags(doc):
        return ""
    tok = next((t for t in doc if t.idx == start), None)
    if tok is None:
        return ""
    wanted, had = ("VBP", "VBZ") if plural else ("VBZ", "VBP")
    tag = verb_tag(tok) if upos(tok) in ("VERB", "AUX") else ""
    if tag in ("VBZ", "VBP") and tag != had:
        return ""
    # the lemma from lemminflect's tables, not the pipeline's lemmatizer: option runs without one
    lemma = next((base for base in all_lemmas(tok.lower_).get("VERB", ()) if
                  tok.lower_ in inflections(base, had)), None)
    if tag not in ("VBZ", "VBP"):
        if lemma is None or (had == "VBP" and lemma == tok.lower_ and not subject):
            return ""               # no present verb's form ("plant cells" would read "cell" as one)
        if not subject:
            return None
    forms = inflections(lemma, wanted) if lemma else ()
    return forms[0] if forms else None


# A word before a mention that already determines it ("the", "a", "her", "each", ...).
_DETERMINED = re.compile(r"(?<![\w'])(?:a|an|the|this|that|these|those|his|her|its|their|my|your|our|some|any|each|"
                         r"every|no|one)\s+$", re.IGNORECASE)


def _wants_article(text: str, option: str) -> bool:
    """Whether the rationale writes ``option`` after *a* or *an* as a noun phrase of its own (*A pun involves ...*,
    *a kite is*, not *a rough object*): a noun counted one at a time, which cannot stand bare where a mass noun did
    (*shows verbal irony* → *shows pun*). Read off the whole text, not the tags: a kind parses only the sentences it
    can edit, and the verdict must not depend on which were parsed."""
    if not may_contain(text, option, ignore_case=True):
        return False            # most options are nowhere in the text: no pattern to build
    pattern = r"(?<![\w'])an?\s+" + re.escape(option) + r"(?!\w)"
    return any(_PHRASE_ENDS.match(text, m.end()) for m in re.finditer(pattern, text, re.IGNORECASE))


_PHRASE_ENDS = re.compile(r"\s*[.,;:!?]|\s+(?:is|was|has|can|does|involves|uses|means|compares)(?!\w)")
