"""Monotone contexts: which way a quantity must move for its claim to become false.

A changed number or unit is a soft negative only if the claim it sits in becomes false. In *can live to be over
100 years*, 100 is a lower bound: *over 50 years* is still true, *over 200 years* is not. In *less than 5 km* it
is an upper bound: only a smaller value falsifies. In *is not formed from two sentences* the claim is negated:
*four* is still true, so no value does. In ScienceQA's estimation template, *2 centimeters is too short* (the
sandbox is 2 meters): the quantity lies below the truth, so a change must move it up, past the truth, to make the
claim false; a small change (*3 centimeters*) never gets there. The items of a list of quantities share the
predicate after the list (*3 millimeters, 3 centimeters, and 3 meters are all too short*): each is an excess claim.

``context(text, start, end, lexicon)`` reads the raw text around a quantity ``text[start:end]`` (its number, or
number and unit) and returns a ``Context``. It reads words, not tags: the bound words are a closed class, and
the clause is cut at punctuation, so a weak tagger cannot turn a bound into an exact claim. The words live in the
rules (``[kinds.NAME.monotone]``, see rules/number.toml), so the number and unit kinds read the same lexicon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .quantities import base_magnitude, names_a_unit, registry

# What ends the clause a quantity belongs to, for the negation and "too" checks.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\n]|\s[–—]\s|\b(?:but|because|so|while|whereas|although|then)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """``kind``: exact, lower bound, upper bound, negated, excess or in a range.

    ``direction``: +1 when only a larger quantity can make the claim false, -1 when only a smaller one, 0 when
    either can (exact), and for ``negated`` none can. ``excess`` (*too short*) has a direction too, but a change
    must also cross a truth the text does not give, so the number kind leaves it alone and the unit kind may use
    the direction.
    """

    kind: str = "exact"
    direction: int = 0
    phrase: str = ""          # the words that decided it ("over", "too short", "not")

    @property
    def falsifiable(self) -> bool:
        return self.kind in ("exact", "lower bound", "upper bound")

    def allows(self, old, new) -> bool:
        """Whether moving from ``old`` to ``new`` can make the claim false."""
        if not self.falsifiable:
            return False
        return self.direction == 0 or (new - old) * self.direction > 0


EXACT = Context()


def restricting(bound: Context) -> Context:
    """A bound that says which cases a claim covers (in a condition, *if he averages 30 or more points*, or in the
    description of what the claim is about, *Substances made of two or more elements are compounds*) falsifies the
    other way: raised it covers fewer cases and still holds, lowered it takes in cases the claim is false of."""
    return Context(bound.kind, -bound.direction, bound.phrase + " (restricting)")


class Lexicon:
    """The bound words, from a rules table: ``lower_bounds``, ``upper_bounds`` (phrases right before the quantity),
    ``lower_bounds_after``, ``upper_bounds_after`` (right after it: *or more*), ``negators``, ``excess`` (*too*),
    ``below_truth`` / ``above_truth`` (adjectives after *too*: *short* means the quantity is below the truth),
    ``in_range`` (*is within this range*: true of every value in the range, which the text may not state)."""

    KEYS = ("lower_bounds", "upper_bounds", "lower_bounds_after", "upper_bounds_after", "negators", "excess",
            "below_truth", "above_truth", "in_range", "conditions")

    def __init__(self, table=None):
        def words(key):
            return [" ".join(w.lower().split()) for w in table.str_list(key, [])] if table is not None else []

        if table is not None:
            table.check_known(*self.KEYS)
        self.before = [(p, +1) for p in words("lower_bounds")] + [(p, -1) for p in words("upper_bounds")]
        self.before.sort(key=lambda pair: len(pair[0]), reverse=True)       # "no more than" before "more than"
        self.after = [(p, +1) for p in words("lower_bounds_after")] + [(p, -1) for p in words("upper_bounds_after")]
        self.negators = set(words("negators"))
        self.excess = set(words("excess"))
        self.below = set(words("below_truth"))
        self.above = set(words("above_truth"))
        conditions = words("conditions")
        self._condition_re = re.compile(r"(?<!\w)(?<!only )(?:" + "|".join(_phrase(c) for c in conditions) + r")(?!\w)",
                                        re.IGNORECASE) if conditions else None
        ranges = words("in_range")
        self._range_re = re.compile(r"(?<!\w)(?:" + "|".join(_phrase(r) for r in ranges) + r")(?!\w)",
                                    re.IGNORECASE) if ranges else None
        self._before_re = [(_framed(_BOUND_BEFORE, [p]), p, d) for p, d in self.before]
        self._after_re = [(_framed(_BOUND_AFTER, [p]), p, d) for p, d in self.after]
        # One pass that says whether any of those matches at all (mostly none does), before the phrases are tried
        # one by one for the first in order (longest first): an alternation matches exactly where one of them does.
        self._any_before_re = _framed(_BOUND_BEFORE, [p for p, _ in self.before])
        self._any_after_re = _framed(_BOUND_AFTER, [p for p, _ in self.after])
        # "n't" is glued to its auxiliary (doesn't): it needs no word boundary before it.
        glued = [_phrase(n) for n in self.negators if re.fullmatch(r"n['’]t", n)]
        free = [_phrase(n) for n in sorted(self.negators, key=len, reverse=True) if not re.fullmatch(r"n['’]t", n)]
        parts = ([r"(?<!\w)(?:" + "|".join(free) + ")"] if free else []) + glued
        self._negator_re = re.compile("(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE) if parts else None
        self._excess_re = re.compile(r"(?<!\w)(?:" + "|".join(_phrase(e) for e in self.excess)
                                     + r")\s+(?:much\s+|many\s+)?([a-z]+)", re.IGNORECASE) if self.excess else None


_NUMBER_WORDS = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                 r"fifty|hundred|thousand)")
_ALTERNATIVE_AFTER = re.compile(r"^\s*(?:[a-z°%]+\s+)?(?:,\s*)?or\s+[$£€]?" + _NUMBER_WORDS + r"(?![\w,.]*\s+more)",
                                re.IGNORECASE)
_ALTERNATIVE_BEFORE = re.compile(r"(?<![\w.])" + _NUMBER_WORDS + r"\s*(?:[a-z°%]+\s*)?,?\s+or\s+[$£€]?$", re.IGNORECASE)


def _phrase(words: str) -> str:
    return r"\s+".join(re.escape(w) for w in words.split())


# A bound phrase and what may stand between it and the number: before it (*at least about $*), after it (*cm or
# more*). Each phrase is tried in this frame alone, and all of them at once as one alternation.
_BOUND_BEFORE = (r"(?:^|(?<=\W))(?:", r")\s+(?:about\s+|around\s+|approximately\s+)?[$£€]?\s*$")
_BOUND_AFTER = (r"^\s*(?:[a-z°%]+\s+)?(?:", r")(?!\w)")
_NEVER = re.compile(r"(?!)")


def _framed(frame: tuple[str, str], phrases: list[str]) -> re.Pattern:
    """``phrases`` (the lexicon's words, any spacing) as one pattern in ``frame``; a pattern that never matches for
    none."""
    if not phrases:
        return _NEVER
    return re.compile(frame[0] + "|".join(_phrase(p) for p in phrases) + frame[1], re.IGNORECASE)


def context(text: str, start: int, end: int, lexicon: Lexicon) -> Context:
    """The monotone context of the quantity ``text[start:end]`` (see the module docstring)."""
    clause_start, clause_end = clause(text, start, end)
    before, after = text[clause_start:start], text[end:clause_end]
    bound, bound_span = None, (start, start)
    if lexicon._any_before_re.search(before):
        for pattern, phrase, direction in lexicon._before_re:
            m = pattern.search(before)
            if m:
                bound, bound_span = Context("lower bound" if direction > 0 else "upper bound", direction, phrase), \
                    (clause_start + m.start(), clause_start + m.end())
                break
    if bound is None and lexicon._any_after_re.match(after):
        for pattern, phrase, direction in lexicon._after_re:
            m = pattern.match(after)
            if m:
                bound = Context("lower bound" if direction > 0 else "upper bound", direction, phrase)
                break
    # "gets $10,000 if he averages 30 or more points": a bound in a condition says which cases the claim covers.
    # Raised, the claim covers fewer cases and still holds; lowered, it covers cases it does not hold of. The
    # direction that falsifies is the other one.
    if bound is not None and lexicon._condition_re is not None and lexicon._condition_re.search(before):
        bound = restricting(bound)
    # "3 or 10 dots would not cover the line": one of alternative values. The claim holds of each, so a change
    # to one leaves the other's claim standing (a bound after it, "one or more", was read above).
    if bound is None and (_ALTERNATIVE_AFTER.match(after) or _ALTERNATIVE_BEFORE.search(before)):
        return Context("alternatives", 0, "or")
    # A negation anywhere in the clause, other than one inside the bound phrase ("no more than"), negates it.
    if lexicon._negator_re is not None:
        for m in lexicon._negator_re.finditer(text, clause_start, clause_end):
            if not (bound_span[0] <= m.start() < bound_span[1]):
                return Context("negated", 0, m.group().lower())
    if lexicon._range_re is not None:
        m = lexicon._range_re.search(after)
        if m:             # "-7°C is within this range": true of every value in a range the text may not give
            return Context("in a range", 0, " ".join(m.group().lower().split()))
    if lexicon._excess_re is not None:
        m = lexicon._excess_re.search(after + _list_tail(text, clause_end))
        if m:
            adjective = m.group(1).lower()
            direction = +1 if adjective in lexicon.below else -1 if adjective in lexicon.above else 0
            return Context("excess", direction, " ".join(m.group().lower().split()))
    return bound or EXACT


# One more item of a list of quantities: ", 3 centimeters", ", and 3 meters", " or 3 feet".
_LIST_ITEM = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[$£€]?[-−]?\d[\d.,]*\s*[^\W\d]+")


def _list_tail(text: str, clause_end: int) -> str:
    """Where the clause of a quantity ends at a comma inside a list of quantities (*3 millimeters, 3 centimeters,
    and 3 meters are all too short*), the clause after the list: the list's items share its predicate. "" where
    no list follows."""
    pos = clause_end
    while (m := _LIST_ITEM.match(text, pos)) is not None:
        pos = m.end()
    return text[pos:clause(text, pos, pos)[1]] if pos > clause_end else ""


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``text`` around ``start:end`` between clause breaks (punctuation, *but*, *so*, ...)."""
    left, width = None, 256
    while left is None:                  # the last break before start, looked for in a widening window: scanning
        lo = max(0, start - width)       # from the text's start at every quantity made long texts quadratic
        ends = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, start) if not _inside_number(text, m.start())]
        left = ends[-1] if ends else (0 if lo == 0 else None)
        width *= 4
    m = next((m for m in _CLAUSE_BREAK.finditer(text, end) if not _inside_number(text, m.start())), None)
    return left, (m.start() if m else len(text))


def sentence_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """(lo, hi): just after the last . ! ? or line break before ``start`` (0 if none) and the first at or after
    ``end`` (the text's length if none); a decimal point counts, as everywhere this is used. Looked for in widening
    windows, with the same answer as a scan of the whole text: scanning to the text's start (or end) for every
    quantity or mention made a long text quadratic."""
    width = 256
    while True:
        floor = max(0, start - width)
        lo = max(text.rfind(c, floor, start) for c in ".!?\n")
        if lo >= 0 or floor == 0:
            break
        width *= 4
    width = 256
    while True:
        ceiling = min(len(text), end + width)
        found = [i for i in (text.find(c, end, ceiling) for c in ".!?\n") if i >= 0]
        if found or ceiling == len(text):
            break
        width *= 4
    return lo + 1, min(found, default=len(text))


def _inside_number(text: str, pos: int) -> bool:
    """A '.' or ',' between digits (2.5, 1,000) does not end a clause."""
    return text[pos] in ".," and 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit()


def allows_change(ctx: Context, old: float, new: float) -> bool:
    """For a unit swap, with both quantities in the same unit (``new`` is the swapped quantity converted back):
    can it make the claim false? Like ``Context.allows``; for an excess claim (*2 centimeters is too short*) the
    swap must at least move toward the other side (up here), and whether it gets past the truth is the caller's
    check (in the estimation template, past the estimate the rationale states)."""
    if ctx.kind == "excess":
        return ctx.direction != 0 and (new - old) * ctx.direction > 0
    return ctx.allows(old, new)


def allows_scaling(ctx: Context, factor: float) -> bool:
    """``allows_change`` for a swap that multiplies the quantity by ``factor`` (new unit / old unit)."""
    return allows_change(ctx, 1.0, factor)


# Two stated quantities compared by a copula: "A is less than B", "6.83 x 10^13 km^3, which is less than 6.25 x 10^14".
_COPULA = r"(?<!\w)(?:is|are|was|were|be|been|'s|’s)\s+(?:much\s+|far\s+|still\s+|slightly\s+|a\s+bit\s+)?"
_POWER = re.compile(r"\s*[x×*]\s*10\s*\^\s*(-?\d+)")


@dataclass(frozen=True)
class Comparison:
    """``left`` and ``right`` are indexes into the numbers list; the text claims (left − right) · direction > 0."""

    left: int
    right: int
    direction: int

    def falsified_by(self, numbers, text: str, index: int, new) -> bool:
        """Whether giving numbers[index] the value ``new`` makes the comparison false (it must cross the other
        side: *6.83 x 10^13, which is less than 6.25 x 10^14* stays true with 13.66 x 10^13)."""
        units = _common_units(text, numbers[self.left], numbers[self.right])

        def size(k, value=None):
            amount = magnitude(text, numbers[k], value)
            return amount if units is None else Decimal(repr(base_magnitude(float(amount), units[k == self.right])))

        left, right = size(self.left), size(self.right)
        if (left - right) * self.direction <= 0:
            return True                   # the text's own comparison does not hold as read: do not second-guess
        if index == self.left:
            left = size(index, new)
        else:
            right = size(index, new)
        return (left - right) * self.direction <= 0


_UNIT_WORD = re.compile(r"\s*([A-Za-z]+)")


def _common_units(text: str, left, right) -> tuple[str, str] | None:
    """The units written after the two sides where they differ and measure the same thing (*1 centimeter is larger
    than 1 millimeter*: 10 mm against 1 mm, so 2 millimeters keeps it true), else None: compared as written."""
    words = [m.group(1) if (m := _UNIT_WORD.match(text, n.end)) else "" for n in (left, right)]
    if not all(words) or words[0].lower() == words[1].lower() or not all(names_a_unit(w) for w in words):
        return None
    a, b = (registry().parse_units(w.lower()) for w in words)       # names_a_unit: both parse
    return (str(a), str(b)) if a.dimensionality == b.dimensionality and a != b else None


def magnitude(text: str, number, value=None):
    """The number's value (or ``value`` in its place), times the power of ten written after it (x 10^13)."""
    value = number.value if value is None else value
    m = _POWER.match(text, number.end)
    return Decimal(value) * (Decimal(10) ** int(m.group(1))) if m else Decimal(value)


def comparisons(text: str, numbers, lexicon: Lexicon) -> dict[int, Comparison]:
    """For each number that is one side of a copular comparison with another number of its sentence, the
    comparison (keyed by both sides' indexes). The right side is the number after a comparative bound phrase
    (*is less than*); the left side is the nearest number before the phrase in the same sentence that is not
    part of a power of ten (the exponent and base in *x 10^13*)."""
    phrases = [(p, d) for p, d in lexicon.before if p.split()[-1] == "than"]
    if not phrases:
        return {}
    pattern = re.compile(_COPULA + "(?:" + "|".join(_phrase(p) for p, _ in phrases) + r")\s+[$£€]?\s*$", re.IGNORECASE)
    directions = {p: d for p, d in phrases}
    out: dict[int, Comparison] = {}
    for j, right in enumerate(numbers):
        window = max(0, right.start - 300)           # bounded: a long text must not make this quadratic
        lo = max([text.rfind(c, window, right.start) for c in "!?\n"]
                 + [window + m.end() for m in re.finditer(r"\.\s", text[window:right.start])] + [window])
        m = pattern.search(text, max(lo, right.start - 80), right.start)
        if not m:
            continue
        phrase = " ".join(m.group().lower().split()).rstrip("$£€ ")
        direction = next((d for p, d in directions.items() if phrase.endswith(p)), 0)
        left = next((i for i in range(j - 1, -1, -1) if lo <= numbers[i].start and numbers[i].end <= m.start()
                     and not _in_power(text, numbers[i])), None)
        if left is None or not direction:
            continue
        comparison = Comparison(left, j, direction)
        out[left] = out[j] = comparison
    return out


def _in_power(text: str, number) -> bool:
    """The base or exponent of a power (the 10 and 13 of *x 10^13*)."""
    return text[number.end:number.end + 1] == "^" or text[max(0, number.start - 1):number.start] == "^"


@dataclass(frozen=True)
class Range:
    """One end of a stated range (*between 25°C and 35°C*): ``side`` +1 for the first end, -1 for the last, and
    the values the text says lie in it (*27°C is within this range*)."""

    side: int
    members: tuple
    other: object = None      # the other end's value: a moved end stays on its own side of it ("7 to 7", "9 to 7")

    def falsified_by(self, new) -> bool:
        """A change must narrow the range past its members: *between 19°C and 35°C* still holds 27°C, and so does
        *between 26°C and 35°C*. With no member stated, no move of one end is known to be false: the values the
        range was read from (a graph's, a map's) may all lie inside the narrower range too, and any wider one holds
        them (blind round, seed 29113: *stay between 25°C and 28°C* for *30°C*; *7 to 8 months* for *7 to 9*,
        still longer than *5 to 7*)."""
        if not self.members:
            return False
        if self.other is not None and (self.other - new) * self.side <= 0:
            return False
        return new > max(self.members) if self.side > 0 else new < min(self.members)


_RANGE_JOIN = re.compile(r"\s*[^\s\d]{0,4}\s+and\s+[-−]?$")
_RANGE_OPEN = re.compile(r"(?<!\w)between\s+$", re.IGNORECASE)
# "7 to 9 months", "3-5 months long": a range written with "to" or a dash, the last end before a word (its unit);
# "from 25°C to 35°C" is a change, and "10-5 = 5" a subtraction.
_SPAN_JOIN = re.compile(r"(?:\s*[^\s\d]{0,4}\s+to\s+|[-–])$")
_SPAN_UNIT = re.compile(r"\s*[^\s\d]{0,4}\s+[A-Za-z]")
_SPAN_FROM = re.compile(r"(?<!\w)from\s+[$£€]?$", re.IGNORECASE)


def ranges(text: str, numbers, lexicon: Lexicon) -> dict[int, Range]:
    """For each number that is an end of a *between A and B* range, the Range (keyed by index into numbers).
    Members are the numbers after the range, within a few sentences, whose clause says they lie in a range
    (the lexicon's ``in_range`` words: *is within this range*)."""
    if lexicon._range_re is None:
        return {}
    out: dict[int, Range] = {}
    for j in range(1, len(numbers)):
        left, right = numbers[j - 1], numbers[j]
        between = text[left.end:right.start]
        opened = bool(_RANGE_JOIN.match(between) and _RANGE_OPEN.search(text, max(0, left.start - 12), left.start))
        written = not opened and bool(
            _SPAN_JOIN.match(between) and _SPAN_UNIT.match(text, right.end) and left.style == right.style
            and left.value < right.value and not _SPAN_FROM.search(text, max(0, left.start - 12), left.start))
        if not (opened or written):
            continue
        members = []
        for other in numbers[j + 1:]:
            if other.start - right.end > 300:
                break
            _, hi = clause(text, other.start, other.end)
            if lexicon._range_re.search(text, other.end, hi):
                members.append(other.value)
        # an end never lands on the other end ("between 18 and 18 grams" is no range) nor passes it: "between 36 and
        # 24 grams" reads as a slip, not a claim
        out[j - 1] = Range(+1, tuple(members), right.value)
        out[j] = Range(-1, tuple(members), left.value)
    return out
