"""Number changes: one number in the rationale gets another plausible value, in the same surface style.

The new value comes from the policy in ``rules/number.toml``:

- ``shift``: small whole numbers (counts of legs, boxes, offspring) move by a few (``4 legs`` → ``6 legs``);
- ``scale``: other numbers are multiplied by a factor and rounded to the precision they were written with, so
  ``1,000`` becomes ``1,500`` rather than ``1,487`` and ``2.5`` becomes ``3.8``;
- ``fraction``: a proper fraction gets another numerator over the same denominator (``2/4`` → ``3/4``);
- ``swap``: two different numbers in different roles trade places (``from 25°C to 35°C`` → ``from 35°C to 25°C``).

Percentages stay within 0–100 and no value changes sign. Guards skip numbers that are not quantities: years,
dates, times, labels (*Pair 1*, *Figure 2*), list markers, parts of identifiers (*CO2*, *COVID-19*), exponents,
GSM8K calculator annotations (``<<48/2=24>>``), number words in names (*the Seven Years' War*), a distributive
*one* (*one magnet ... the other magnet*), and numbers inside a quotation.

A change must make the claim false (snaug/monotone.py): after a lower bound (*over 100 years*) only a larger value
does, after an upper bound only a smaller one; a negated claim (*is not formed from two sentences*) and an excess
claim (*2 centimeters is too short*) are left alone. A swap of coordinated or commuted numbers (*between 25 and
35*, *2 x 10*) says the same thing, so only numbers in different roles are swapped.

Going between one and many changes the counted noun (``1 apple`` → ``3 apples``), and only where nothing else
agrees with the count: not for a subject or after *there are*, not after *these*/*all*, not before *different*;
where that cannot be done safely the policy keeps to the same grammatical number.
"""
from __future__ import annotations

import bisect
import random
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache


from ..edits import Edit, article_before, article_edit, match_case
from ..claims import claims_for
from ..monotone import Lexicon, comparisons, context, ranges, restricting, sentence_marks
from ..nlp import (all_lemmas, has_parse, has_sentences, has_tags, inflections, is_aux, is_subject, lemma_of,
                   sentence_bounds, upos, verb_tag)
from ..numbers import SMALL, Number, find_numbers, format_like
from ..quantities import names_a_unit
from ..quotes import Quotes, inside, restated_spans, words_under_study
from . import Candidate, Skip, register
from .verbs import participle_form

_CALCULATOR = re.compile(r"<<[^<>]*>>")
# Between two swapped numbers: the last word before the second one. A coordination or a commutative operator means
# the two play the same role, and swapping them says the same thing ("between 25 and 35", "2 x 10", "5 + 3").
_ONE_OPERATOR = re.compile(r"\s*[-−/÷]\s*[$£€]?\s*")          # the two operands of one subtraction or division
_SAME_ROLE = re.compile(r"(?:^|\W)(?:and|or|,|\+|\*|x|×|&|plus|times)\s*[$£€]?\s*$", re.IGNORECASE)
# Between a number and the noun after it: an operator, or another number, says the number is an operand.
_OPERAND = re.compile(r"[=*/×÷+<>]|(?<![\w.])\d")
_OPERATOR_BEFORE = re.compile(r"(?:[+*/×÷−]|(?<![A-Za-z])x|(?<=\s)-)\s*$")
_BE = frozenset({"is", "are", "was", "were", "'s", "'re"})          # "There are two paths": the verb agrees
_AGREEING_VERB = _BE | {"has", "have", "does", "do"}
_RELATIVE = frozenset({"that", "which", "who", "whose"})
# "x - a = b" and "x / a = b" stay true with a and b swapped (an inverse operation's operand and its result).
_INVERSE_BEFORE = re.compile(r"[-−/÷]\s*[$£€]?\s*$")
_EQUALS_ONLY = re.compile(r"\s*=\s*[$£€]?\s*")
_OR_NEXT = re.compile(r"\s+or\s", re.IGNORECASE)
_RECIPROCAL = re.compile(r"(?<!\w)(?:each\s+other|one\s+another)(?!\w)", re.IGNORECASE)


@register("number", options=(
    "small", "shifts", "factors", "swap", "year_range", "label_words", "label_words_unless_counting", "date_words", "time_words", "era_words",
    "at_least_three_after", "one_partners", "same_in_both_numbers", "plural_determiners", "plural_modifiers", "monotone", "framing_openers", "claims", "superlative_high",
    "superlative_low", "restatement_openers", "restatement_closers"))
class NumberChange:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    needs = frozenset({"tagger", "parser"})

    @staticmethod
    def warm_up() -> None:
        """lemminflect loads its tables on first use (seconds): once at start-up, not inside some example."""
        inflections("apple", "NNS")

    def __init__(self, spec):
        self.kind = spec.name
        t = spec.table
        self.small = t.int("small", 12, minimum=0)
        self.shifts = t.num_list("shifts", [1, 2], integers=True)
        if any(x <= 0 for x in self.shifts):
            raise t.error("shifts", "shifts must be positive (each is applied both ways)")
        self.factors = [Decimal(str(x)) for x in t.num_list("factors", [0.5, 0.75, 1.5, 2])]
        if any(f <= 0 or f == 1 for f in self.factors):
            raise t.error("factors", "factors must be positive and not 1")
        self.swap = t.bool("swap", True)
        years = t.num_list("year_range", [1000, 2100], integers=True)
        if len(years) != 2 or years[0] > years[1]:
            raise t.error("year_range", "expected [first, last]")
        self.years = (int(years[0]), int(years[1]))
        self.label_words = {w.lower() for w in t.str_list("label_words", [])}
        # "a size 12" names a size; "the track 3 times" counts laps: a label only where the number counts nothing
        self.label_words_unless_counting = {w.lower() for w in t.str_list("label_words_unless_counting", [])}
        self.date_words = {w.lower() for w in t.str_list("date_words", [])}
        self.time_words = {w.lower() for w in t.str_list("time_words", [])}
        self.era_words = {w.lower() for w in t.str_list("era_words", [])}
        self.at_least_three_after = {w.lower() for w in t.str_list("at_least_three_after", [])}
        self.same_in_both_numbers = frozenset(w.lower() for w in t.str_list("same_in_both_numbers", []))
        self.one_partners = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, p.split())) + r"(?!\w)", re.IGNORECASE)
                             for p in t.str_list("one_partners", [])]
        self.plural_determiners = {w.lower() for w in t.str_list("plural_determiners", [])}
        self.plural_modifiers = {w.lower() for w in t.str_list("plural_modifiers", [])}
        self.monotone = Lexicon(t.table("monotone", {}))
        self.claims = claims_for(spec)
        # "The car that moved 140 miles moved the shortest distance": a change must end the superlative.
        high, low = t.str_list("superlative_high", []), t.str_list("superlative_low", [])
        self.superlative = re.compile(r"(?<!\w)(?:(?P<high>" + ("|".join(map(re.escape, high)) or "(?!)") + r")|(?P<low>"
                                      + ("|".join(map(re.escape, low)) or "(?!)") + r"))(?!\w)",
                                      re.IGNORECASE) if high or low else None
        # "Read the passage carefully. <the passage> The underlined part ...": a restated passage is quoted.
        self.openers = t.str_list("restatement_openers", [])
        self.closers = t.str_list("restatement_closers", [])
        openers = [r"\s+".join(map(re.escape, p.split())) for p in t.str_list("framing_openers", [])]
        self.framing = re.compile(r"(?:^|(?<=[.!?\n]))\s*(?:" + "|".join(openers) + r")(?!\w)[^.!?\n]*",
                                  re.IGNORECASE) if openers else None

    # ---- finding ------------------------------------------------------------------------------------------

    def propose(self, doc, example, rng: random.Random):
        text = example.target
        numbers = find_numbers(text)
        if not numbers:
            return Skip("no number")
        calculator = _Spans(m.span() for m in _CALCULATOR.finditer(text))
        quotes = Quotes(text, example.choices, example.question)
        restated = restated_spans(text, self.openers, self.closers)
        framing = [m.span() for m in self.framing.finditer(text)] if self.framing else []
        support = self.claims.support(example)
        answer = example.choices[example.answer].strip() if example.answer is not None and \
            0 <= example.answer < len(example.choices) else ""
        usable: list[Number] = []
        studied = words_under_study(example)
        contexts = {}
        rejected: dict[str, int] = {}
        for number in numbers:
            reason = self._guard(text, number, doc, calculator)
            if not reason and (quotes.inside(number.start, number.end) or inside(restated, number.start, number.end)):
                reason = "inside a quotation"
            if not reason and number.text == answer:
                reason = "the answer itself (an option swap)"   # "which is 1/4": 3/4 is the option kind's negative
            if not reason and any(s <= number.start < e for s, e in framing):
                reason = "task framing sentence"          # "To determine if ..., calculate ten times ..."
            if not reason and number.text.lower() in studied:
                reason = "a word under study, not used"          # the guide words "file - four"
            if not reason and _RELATION_OF.search(text, max(0, number.start - 12), number.start) and \
                    not _RANGE_END.match(text, number.end):
                reason = "how many a relation holds between"     # "the force between two magnets": any two
            if not reason and support.active:             # a side detail the conclusion does not rest on
                reused = any(o is not number and o.value == number.value and not support.in_restated(o.start, o.end)
                             for o in numbers)
                reason = support.side_detail(number.start, number.end, reused)
                if not reason and support.counts_the_setup(number.start, number.end):
                    reason = "counts what the question names (the setup)"
                if not reason and support.lecture_count(number.start, number.end):
                    reason = "a count in the lecture (the skill's background)"
                unit = re.match(r"[ \t-]*([A-Za-z]{3,})", text[number.end:number.end + 40])
                if not reason and unit and names_a_unit(unit.group(1)) and \
                        support.restates_a_setup_quantity(number.start, number.end, number.end + unit.end()):
                    reason = "restated from the context (a setup detail)"   # "lifting it after 30 seconds"
                if not reason and support.dates_an_event(number.start, number.end):
                    reason = "a time that dates an event"     # "when she was six months old"
            if not reason:
                ctx = context(text, number.start, number.end, self.monotone)
                if ctx.kind in ("lower bound", "upper bound") and _describes_the_subject(doc, number):
                    ctx = restricting(ctx)        # "Substances made of two or more elements are compounds"
                reason = {"negated": "negated claim", "excess": "excess claim (too short/long)",
                          "in a range": "claim true of a whole range",
                          "alternatives": "one of alternative values"}.get(ctx.kind, "")
                # "has one or more bright colors", "at least one": a lower bound of one says "some". Raised, it is
                # a stricter claim the case usually still meets (a colorful pool toy has two colors too), and
                # lowered it says nothing: no change makes it false (blind rounds I, J, K)
                if not reason and ctx.kind == "lower bound" and number.value == 1 and number.style == "words" \
                        and number.denominator is None and not number.percent:
                    reason = "a lower bound of one says 'some'"
                contexts[number] = ctx
            if reason:
                rejected[reason] = rejected.get(reason, 0) + 1
            else:
                usable.append(number)
        candidates: list[Candidate] = []
        compared = comparisons(text, numbers, self.monotone)     # "A, which is less than B": A must cross B
        ends = ranges(text, numbers, self.monotone)             # "between 25°C and 35°C. 27°C is within ..."
        position = {n.start: k for k, n in enumerate(numbers)}
        for number in usable:
            k = position[number.start]
            extreme = self._extreme(text, number, numbers, example.choices)
            part = _part_taken(text, number.start)
            for value, rule in self._new_values(number, text) + _inside_range(ends.get(k), number):
                if extreme is not None and not extreme(value):
                    rejected["still the most or least"] = rejected.get("still the most or least", 0) + 1
                    continue
                if part is not None and value <= part:       # "in one of two ways" -> "in one of one way"
                    rejected["no longer more than the part taken from it"] = \
                        rejected.get("no longer more than the part taken from it", 0) + 1
                    continue
                if not contexts[number].allows(number.value, value):
                    rejected["bound moved the way that keeps it true"] = \
                        rejected.get("bound moved the way that keeps it true", 0) + 1
                    continue
                if k in ends and not ends[k].falsified_by(value):
                    why = "range still holds its members" if ends[k].members else "an end of a range of unstated values"
                    rejected[why] = rejected.get(why, 0) + 1
                    continue
                if k in compared and not compared[k].falsified_by(numbers, text, k, value):
                    rejected["comparison still holds"] = rejected.get("comparison still holds", 0) + 1
                    continue
                edits = self._edits(doc, text, number, value)
                if edits:
                    article = _article(text, number, edits[0].after)
                    candidates.append(Candidate(f"{self.kind}.{rule}", (*article, *edits)))
        if self.swap:
            # the two ends of a range ("7 to 9 months") swapped name the same range
            candidates += [c for c in self._swaps(usable, contexts, text)
                           if not all(position[e.start] in ends for e in c.edits if e.start in position)]
        if candidates:
            return candidates
        if rejected:
            return Skip(max(rejected, key=lambda r: (rejected[r], r)))
        return Skip("no plausible new value")

    def _extreme(self, text: str, n: Number, numbers: list[Number], choices) -> Callable[[Decimal], bool] | None:
        """Where the sentence says the quantity is the most or least (*the 14°C towel is the hottest*, *the car
        that moved 140 miles moved the shortest distance*, or *a shorter distance*), a test a new value must pass:
        it must no longer be the most (least) of the other quantities of its kind (the same word after the number)
        in the sentence and the choices. None where the sentence says no such thing or names no other quantity."""
        if self.superlative is None:
            return None
        lo = sentence_marks(text, n.start, n.start)[0]
        hi = _sentence_end(text, n.end)
        m = _search_once(self.superlative, text, lo, hi)
        if not m:
            return None
        unit = _word_after(text, n.end)
        refs = [o.value for o in numbers if lo <= o.start < hi and o is not n and _word_after(text, o.end) == unit]
        for choice in choices:
            refs += [o.value for o in find_numbers(choice) if _word_after(choice, o.end) == unit]
        refs = [r for r in refs if r != n.value]
        if not refs:
            return None
        if m.end() <= n.start and re.match(r"\s+than\s", text[m.end():n.start]):
            # the number is what the other is compared with ("the 50°C pot is colder than the 60°C pot"): it
            # must cross that one for the comparison to fail (120°C keeps it true)
            if m.group("high"):
                return lambda value: value >= max(refs)
            return lambda value: value <= min(refs)
        if m.group("high"):
            return lambda value: value < max(refs)
        return lambda value: value > min(refs)

    def _guard(self, text: str, n: Number, doc, calculator) -> str:
        if calculator.covers(n.start):
            return "inside a calculator annotation"
        before = text[n.start - 1] if n.start else " "
        after = text[n.end] if n.end < len(text) else " "
        if before.isalnum() or before == "_" or (before in "-−" and n.start >= 2 and text[n.start - 2].isalnum()):
            return "inside an identifier"
        if after.isalnum() or after == "_":
            return "inside an identifier"
        if after in "-‐" and _unknown_word_after(text, n.end + 1):
            return "inside an identifier"            # "2-chloroethanol" names a compound; "5-year-old" measures
        if "^" in (before, after):
            return "exponent or base of a power"
        if (before in ":." and n.start >= 2 and text[n.start - 2].isdigit()) or \
                (after in ":." and n.end + 1 < len(text) and text[n.end + 1].isdigit()):
            return "time, ratio or version"
        if n.style == "digits" and len(n.text.lstrip("-−")) > 1 and n.text.lstrip("-−").startswith("0") \
                and n.decimals == 0:
            return "leading zero (a code)"
        prev_word, next_word = _word_before(text, n.start), _word_after(text, n.end)
        if after in ".)" and n.style == "digits" and _starts_a_line(text, n.start):
            return "list marker"
        if before == "(" and after == ")":
            return "list marker"
        if prev_word in self.label_words:
            return "label"
        if _word_right_before(text, n.start) in self.label_words_unless_counting and \
                not _counts_something(text, n, doc, next_word):
            return "label"                      # "who need a size 12.", not "circles the track 3 times"
        if prev_word in self.date_words or next_word in self.date_words:
            return "date"
        if next_word in self.time_words:
            return "time"
        if n.style == "digits" and n.is_int and not n.grouped and not n.percent and n.denominator is None \
                and len(n.text) == 4 and self.years[0] <= n.value <= self.years[1]:
            noun = self._counted_noun(doc, n)
            if next_word in self.era_words or noun is None or _singular_noun(noun):
                return "year"                   # "his 1961 novel": a count above one would take a plural
        if next_word in self.era_words:
            return "year"
        if n.style == "digits" and n.is_int and re.match(r"[ \t]+(?:The|A|An)\s", text[n.end:n.end + 5]):
            return "date of an event"           # "910 The Fatimid Caliphate begins": a timeline's entry, no count
        if before in "'’" and n.style == "digits" and len(n.text) == 2 and \
                (n.start < 2 or not text[n.start - 2].isalnum()):
            return "year"                       # "Edgar's '64 Impala", "a ’57 Chevy": a year cut to two digits
        if n.value == 1 and n.denominator is None and not n.decimals:
            end = _sentence_end(text, _sentence_end(text, n.end) + 1)   # "One whale moved 30 km. The other ..."
            if any(p.search(text, n.end, end) for p in self.one_partners):
                return "'one' paired with 'the other'"     # "one magnet ... the other magnet"
        if n.style == "words" and n.text.lower() == "one" and (
                re.match(r"['’]s\b", text[n.end:n.end + 3]) or not self._counts_a_noun(doc, n)):
            return "'one' not counting a noun"             # "a compromise of one's values": the pronoun's genitive
        if n.style == "words" and n.text[0].isupper() and not n.text.isupper() and not _starts_sentence(text, n.start):
            return "number word in a name"                 # "the Seven Years' War", "the Thirteen Colonies"
        return ""

    def _counts_a_noun(self, doc, n: Number) -> bool:
        return self._counted_noun(doc, n) is not None

    @staticmethod
    def _counted_noun(doc, n: Number):
        """The noun this number counts ("3 red apples" → apples, "one hydrogen atom" → atom), if tags say so.

        With a parse it is the number's head, a common noun just after it; without one, the first common noun
        after it past at most three adjectives or adverbs.
        """
        if not has_tags(doc):
            return None
        span = doc.char_span(n.start, n.end, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            return None
        last = span[-1]
        if has_parse(doc):
            head = last.head
            ok = upos(head) == "NOUN" and span.end <= head.i <= span.end + 3
            return head if ok else None
        j = span.end
        while j < len(doc) and j < span.end + 3 and upos(doc[j]) in ("ADJ", "ADV"):
            j += 1
        return doc[j] if j < len(doc) and upos(doc[j]) == "NOUN" else None

    # ---- new values -----------------------------------------------------------------------------------------

    def _new_values(self, n: Number, text: str = "") -> list[tuple[Decimal, str]]:
        pairs = self._values(n)
        if text and _word_before(text, n.start) in self.at_least_three_after:
            pairs = [(x, rule) for x, rule in pairs if x >= 3]          # "all three" -> "all five", not "all two"
        return pairs

    def _values(self, n: Number) -> list[tuple[Decimal, str]]:
        v = n.value
        if n.denominator is not None:
            hi = n.denominator if 0 <= v <= n.denominator else max(v + 2, n.denominator)
            values = [v + d for s in self.shifts for d in (-s, s) if 0 <= v + d <= hi]
            return [(x, "fraction") for x in _unique(values, v)]
        if n.is_int and abs(v) <= self.small:
            values = [v + d for s in self.shifts for d in (-s, s)]
            rule = "shift"
        else:
            step = _granularity(n)
            values = [(v * f / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step for f in self.factors]
            rule = "scale"
        values = [x for x in values if (x > 0) == (v > 0) and (x < 0) == (v < 0) or v == 0 and x > 0]
        if n.percent and 0 <= v <= 100:
            values = [x for x in values if 0 <= x <= 100]
        return [(x, rule) for x in _unique(values, v)]

    def _edits(self, doc, text: str, n: Number, value: Decimal) -> tuple[Edit, ...] | None:
        new = format_like(n, value)
        if new == n.text:
            return None
        edit = Edit(n.start, n.end, n.text, new)
        new_singular = n.denominator is None and not n.percent and n.decimals == 0 and abs(value) == 1
        if new_singular == n.singular:
            return (edit,)
        # One ↔ many: the counted noun must change too, and only where nothing else agrees with it.
        if not has_tags(doc):
            return None
        if _word_before(text, n.start) in self.plural_determiners | _BE:
            return None                                 # "these two pencils", "There are two paths"
        noun = self._counted_noun(doc, n)
        if noun is None:
            after = _word_after(text, n.end)
            return (edit,) if not after or not after[0].isalpha() else None
        if _OPERAND.search(text, n.end, noun.idx) or _OPERATOR_BEFORE.search(text[max(0, n.start - 4):n.start]):
            return (edit,)        # "2*3=<<2*3=6>>6 hours", "H + 2 hoodies": an operand; the noun is counted by
            #                       the result of the whole expression, which one number does not make singular
        if _OR_NEXT.match(text, n.end, noun.idx):
            return (edit,)        # "one or more elements": the noun agrees with the other alternative
        if has_parse(doc) and (is_subject(noun) or any(c.dep_ == "expl" for c in noun.head.children)):
            return None
        if n.singular and _plural_noun(noun) and any(upos(t) == "NOUN" for t in doc if n.end <= t.idx < noun.idx):
            return None           # "One arrow points": a count of one counts no plural noun past another noun;
                                  # the parse took the verb for the counted noun ("one or more colors" is fine)
        if _RECIPROCAL.search(text, noun.idx, _sentence_end(text, noun.idx)):
            return None           # "the two plates moved toward each other": a reciprocal needs two
        between = text[n.end:noun.idx].lower().split()
        if any(w.strip(",") in self.plural_modifiers for w in between):
            return None                                 # "two different materials" -> "one different material"
        follower = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if follower is not None and follower.text == "," and noun.i + 3 < len(doc) and \
                doc[noun.i + 2].lower_ in ("which", "who") and doc[noun.i + 3].lower_ in _AGREEING_VERB and \
                not names_a_unit(noun.text):
            follower = doc[noun.i + 3]          # "except for one state, which is darker": the clause agrees too.
            # Not "2 years, which is equal to 24 months" (an amount is singular), "the students, which means ..."
            # (the clause is about the sentence), or "in 3 years, that means" (a clause of its own).
        if follower is not None and follower.lower_ in ("and", "or") and noun.i + 2 < len(doc) and \
                upos(doc[noun.i + 2]) == "NOUN":
            return None           # "one subject and predicate": the count covers both nouns, and only one would change
        if follower is not None and (is_aux(follower) or follower.lower_ in _AGREEING_VERB or follower.lower_ in _RELATIVE
                                     or upos(follower) == "VERB" and follower.tag_ in ("VBZ", "VBP")):
            return None           # the noun heads a clause whose verb agrees with it ("one way that they ... is")
        if noun.i + 1 < len(doc) and upos(doc[noun.i + 1]) == "NOUN":
            return None           # "one humpback whale": a compound's first noun does not agree; a parse that
                                  # stops there cannot be trusted to find the one that does
        forms = _inflections(noun, plural=not new_singular)
        if noun.text.lower() in forms[:1] or lemma_of(noun) in self.same_in_both_numbers:
            return (edit,)                              # "1 offspring" -> "3 offspring": the form serves both
        # lemminflect also lists the singular among many plurals ("rooms", "room"; "eggs", "egg"): only its usual
        # form, or a noun the rules say is the same in both numbers, serves both ("one room" -> "two rooms")
        if not forms:
            return None
        return (edit, Edit(noun.idx, noun.idx + len(noun.text), noun.text, match_case(noun.text, forms[0])))

    def _swaps(self, numbers: list[Number], contexts=None, text: str = "") -> list[Candidate]:
        out = []
        # Neighbours only: pairing every two numbers of a long GSM8K solution would make swaps crowd out every
        # other rule. Numbers in the same role (coordinated, or operands of + and x) say the same thing swapped.
        for a, b in zip(numbers, numbers[1:]):
            if a.value == b.value or a.style != b.style or a.singular or b.singular:
                continue
            if text and (_bare_decimal(text, a) or _bare_decimal(text, b)):
                continue                            # "35(.20)": .20 is no 20, and 20(.35) is the same product
            if text and any(_word_before(text, n.start) in self.at_least_three_after and m.value < 3
                            for n, m in ((a, b), (b, a))):
                continue                            # "All 4 boxes" -> "All 0 boxes"
            if text and _SAME_ROLE.search(text[a.end:b.start]):
                continue
            if text and _ONE_OPERATOR.fullmatch(text[a.end:b.start]):
                continue                            # "2400 / 3" -> "3 / 2400": the operands reordered, none changed
            if text and _INVERSE_BEFORE.search(text, max(0, a.start - 4), a.start) and \
                    _EQUALS_ONLY.fullmatch(_CALCULATOR.sub("", text[a.end:b.start])):
                continue                            # "100 - 23 = 77" -> "100 - 77 = 23": as true as before
            if contexts and not (contexts[a].allows(a.value, b.value) and contexts[b].allows(b.value, a.value)):
                continue
            if (a.denominator is None) != (b.denominator is None) or bool(a.percent) != bool(b.percent):
                continue
            new_a, new_b = format_like(a, b.value), format_like(b, a.value)
            if new_a == a.text or new_b == b.text:
                continue                            # 3 and 3.4: rounded to the other's precision, no change
            if not (_reads_near(new_a, b.value) and _reads_near(new_b, a.value)):
                continue                            # "$0.05" in the place of "500" is "0": the swap loses a value
            out.append(Candidate(f"{self.kind}.swap", (*_article(text, a, new_a), Edit(a.start, a.end, a.text, new_a),
                                                       *_article(text, b, new_b),
                                                       Edit(b.start, b.end, b.text, new_b))))
        return out


class _Spans:
    """Sorted disjoint (start, end) spans; ``covers`` by bisection, so many numbers in a long text stay linear."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]


# "the magnetic force between two magnets", "stored between any two objects": the number says how many a relation
# takes, and the statement is made of any such group; "between 2 and 5" is a range (its end follows with "and").
_RELATION_OF = re.compile(r"(?<![\w'])(?:between|among|amongst)\s+(?:any\s+)?$", re.IGNORECASE)
_RANGE_END = re.compile(r"[^\n.;]{0,30}?\s(?:and|to)\s+[-−$£€]?\d|\s*(?:and|to|-|–)\s*[a-z]*\s*(?:\d|one|two|three|"
                        r"four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"(?<![\w./])(\d+|" + "|".join(SMALL) + r")\s+of\s+(?:the\s+|these\s+|those\s+)?$",
                        re.IGNORECASE)


def _part_taken(text: str, start: int) -> int | None:
    """K where the number is the whole a part is taken from (*one of two ways*, *3 of the 5 stars*): a new whole
    of K or less says nothing (*one of one way*, *three of two*)."""
    m = _PARTITIVE.search(text, max(0, start - 30), start)
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else SMALL.index(word)


def _describes_the_subject(doc, n: Number) -> bool:
    """Whether ``n`` sits in a participle phrase or relative clause on its sentence's subject, before the claim's
    own verb (*Substances made of two or more elements are compounds*, *Cops that served at least 3 years get a
    discount*): it says what the claim is about, not what is claimed of it."""
    if doc is None or not has_sentences(doc):
        return False
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    start, end = sentence_bounds(span[0])

    def finite(w):
        return is_aux(w) or verb_tag(w) in ("VBZ", "VBP", "VBD", "MD")

    described = False
    for j in range(start + 1, span.start):
        word, before = doc[j], doc[j - 1]
        after_noun = upos(before) in ("NOUN", "PROPN")
        participle = verb_tag(word) in ("VBN", "VBD") and participle_form(word)   # a weak tagger says VBD
        if (word.lower_ in _RELATIVE and after_noun) or \
                (participle and after_noun and j + 1 < span.start and upos(doc[j + 1]) == "ADP"):
            described = True                            # "Cops that served", "Substances made of"
        elif finite(word) and before.lower_ not in _RELATIVE:
            return False                                # the claim's verb comes first: the number is in its predicate
    # the claim's own verb after it, not one joined to the first ("walked to 3 or more stores and bought milk")
    return described and any(finite(w) and doc[w.i - 1].lower_ not in ("and", "or", "but", "then", ",")
                             for w in doc[span.end:end])


def _unknown_word_after(text: str, pos: int) -> bool:
    """Whether a word the inflection lexicon does not know starts at ``pos`` (a chemical name's stem)."""
    m = re.match(r"[a-z]{4,}", text[pos:pos + 40])
    return bool(m) and not all_lemmas(m.group())


def _plural_noun(tok) -> bool:
    """A plural common noun by its tag, its morphology or its lemma (*points* → *point*), in either scheme."""
    lemma = lemma_of(tok)
    return tok.tag_ == "NNS" or "Plur" in tok.morph.get("Number") or \
        (lemma != tok.lower_ and tok.lower_.endswith("s"))


def _singular_noun(tok) -> bool:
    """A singular common noun by its tag or its morphology (either label scheme)."""
    return tok.tag_ == "NN" or "Sing" in tok.morph.get("Number")


def _reads_near(written: str, value: Decimal) -> bool:
    """Whether ``written`` (``value`` in another number's precision) still reads as about ``value``: 2.5 written
    as 3 does, 0.05 written as 0 does not."""
    found = find_numbers(written)
    return len(found) == 1 and found[0].value != 0 and abs(found[0].value - value) <= abs(value) / 2


def _bare_decimal(text: str, n: Number) -> bool:
    """A number written after a decimal point with no digit before it (``.20`` in ``35(.20)``): its digits are
    a fraction, not the whole number they read as."""
    return n.style == "digits" and n.start >= 1 and text[n.start - 1] == "." and \
        (n.start < 2 or not text[n.start - 2].isdigit())


def _starts_a_line(text: str, pos: int) -> bool:
    """Only whitespace between the last line break (or the start) and ``pos``; scanned back, not from the start."""
    j = pos - 1
    while j >= 0 and text[j] != "\n" and text[j].isspace():
        j -= 1
    return j < 0 or text[j] == "\n"


def _inside_range(end, n: Number) -> list[tuple[Decimal, str]]:
    """An end of a range moved halfway to the other end, past the members the text says the range holds
    (*between 18 and 24 grams. 23 grams is within this range* -> *between 18 and 20*): the shifts and multiples of
    a range's end mostly jump over the other end, which reads as a slip, not a claim."""
    if end is None or end.other is None or not end.members:
        return []
    inner = max(end.members) if end.side > 0 else min(end.members)
    lo, hi = sorted((inner, end.other))
    step = _granularity(n)
    middle = ((lo + hi) / 2 / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return [(middle, "range")] if lo < middle < hi and middle != n.value else []


def _granularity(n: Number) -> Decimal:
    """The precision the number was written with: 0.01 for 2.50, 100 for 1,200 (keeping two significant digits)."""
    if n.decimals:
        return Decimal(1).scaleb(-n.decimals)
    digits = str(abs(int(n.value)))
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(10) ** max(0, min(zeros, len(digits) - 2))


def _unique(values, original) -> list[Decimal]:
    seen, out = set(), []
    for x in values:
        if x != original and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def _inflections(noun, plural: bool) -> tuple:
    """The noun's forms for the other grammatical number, the usual one first (lemminflect lists *offsprings*
    before *offspring*: a noun whose own form is among them needs no change)."""
    return tuple(f.lower() for f in inflections(lemma_of(noun), "NNS" if plural else "NN"))


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
# The words next to a number, read off a window of 40 characters. A text's numbers ask for the same windows again
# and again (every new value, swap and guard of a number), so each window is read once.
_WORD_RIGHT_BEFORE = re.compile(r"(?<![\w.'’])([A-Za-z]+)[ \t]+$")
_WORD_BEFORE = re.compile(r"([\w.']+)\W*$")
_WORD_AFTER = re.compile(r"[\s%°]*([\w.']+)")


@lru_cache(maxsize=256)
def _search_once(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    """``pattern.search(text, lo, hi)``, once per sentence: every number in it asks."""
    return pattern.search(text, lo, hi)


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)


def _word_right_before(text: str, pos: int) -> str:
    """The word just before ``pos`` with nothing but spaces between ("size 12"), or "": across a stop, a line or an
    operator ("on the bus.\n#### 49", "the bus – 4 who got off") the word labels nothing."""
    return _last_word_spaced(text[max(0, pos - 40):pos])


@lru_cache(maxsize=1 << 14)
def _last_word_spaced(window: str) -> str:
    m = _WORD_RIGHT_BEFORE.search(window)
    return m.group(1).lower() if m else ""


def _counts_something(text: str, n: Number, doc, next_word: str) -> bool:
    """Whether the number counts or measures something after it: an operator or a calculation follows
    (*of size 300*2*), *times* (*the track 3 times*), or a noun, number or symbol by the tags (*a size 12 foot
    by 5-foot rectangle*, *seat 70 pupils*). Untagged, any word after it may be counted."""
    rest = text[n.end:n.end + 8].lstrip(" ")
    if rest[:1] in tuple("*x×/÷+-−=<%$") or next_word == "times":
        return True
    if not next_word or not rest[:1].isalnum():
        return False                            # "a size 12.", "size 6, and": nothing after it to count
    if not has_tags(doc):
        return True
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    return nxt is None or upos(nxt) in ("NOUN", "PROPN", "NUM", "SYM", "ADJ") or nxt.like_num


def _article(text: str, n: Number, new: str) -> tuple[Edit, ...]:
    """The edit of an "a"/"an" right before the number when the new number is said with the other sound ("an 85"
    -> "a 43", "a 7" -> "an 8"), else nothing. Digits are read as words (num2words); "one" starts with a consonant
    sound."""
    if article_before(text, n.start) is None:
        return ()
    spoken = new.lower()
    if not spoken[:1].isalpha():
        from num2words import num2words

        try:
            value = Decimal(new.replace(",", ""))
        except ArithmeticError:
            return ()
        spoken = num2words(int(value) if value == value.to_integral_value() else float(value))
    edit = article_edit(text, n.start, "an" if spoken[:1] in "aeiou" and not spoken.startswith("one") else "a")
    return (edit,) if edit else ()


def _word_before(text: str, pos: int) -> str:
    return _last_word(text[max(0, pos - 40):pos])


@lru_cache(maxsize=1 << 14)
def _last_word(window: str) -> str:
    m = _WORD_BEFORE.search(window)
    return m.group(1).lower().rstrip(".") if m else ""


def _word_after(text: str, pos: int) -> str:
    return _first_word(text[pos:pos + 40])


@lru_cache(maxsize=1 << 14)
def _first_word(window: str) -> str:
    m = _WORD_AFTER.match(window)
    return m.group(1).lower().rstrip(",").rstrip(".") if m else ""     # "100 CE." is "ce", as "B.C." is "b.c"
