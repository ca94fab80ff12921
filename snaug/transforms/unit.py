"""Unit swaps: a quantity keeps its number and gets another unit of the same dimension (25°C → 25°F, 5 cm → 5 km).

Quantities are found on the raw string (a number from snaug.numbers followed by a unit surface form), because
tokenisers split ``100°C`` and ``km/h`` differently. Units, their surface forms and their families live in
``rules/units.toml``; pint checks, when the rules load, that every unit exists and that a family shares one
dimensionality, so a rules typo cannot swap metres for kilograms.

The surface form is kept: a symbol becomes the other unit's symbol, a singular word its singular, a plural word its
plural (so the noun still agrees with the number, which does not change). Whether the swapped quantity is
equivalent to the original (``-40 °C`` = ``-40 °F``) or impossible is the validators' call (snaug/quantities.py):
each candidate carries both quantities for them.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

from ..edits import Edit, match_case
from ..claims import claims_for
from ..monotone import clause, sentence_marks
from ..numbers import find_numbers
from ..quantities import base_magnitude, registry
from ..quotes import inside, quoted_spans, restated_spans
from ..scope import sentences
from . import Candidate, Skip, register

FORMS = ("symbols", "singular", "plural")


@dataclass(frozen=True)
class Unit:
    pint: str
    family: str
    forms: dict            # form → surface strings, first one is what gets written
    counts_things: bool = False    # the word also counts objects (4 cups = 4 teacups)
    body_part: bool = False        # the word also names a body part (they all had 2 feet)


def _phrases(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@register("unit", options=(
    "families", "separators", "sentence_openers", "symbols_need_space", "plural_openers", "lower_bounds",
    "upper_bounds", "too_high", "too_low", "restatement_openers", "restatement_closers", "lower_bounds_after", "upper_bounds_after",
    "estimate_words", "estimate_factor", "claims", "negators", "superlative_high", "superlative_low",
    "range_openers", "liquid_words", "weight_words"))
class UnitSwap:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    # Nothing: quantities are found on the string, so a unit-only run tokenises and stops there.
    needs = frozenset()
    def __init__(self, spec):
        self.kind = spec.name
        table = spec.table
        # "The better estimate ... is 6 kilometers": an estimate within this factor (6 miles) is still good.
        words = table.str_list("estimate_words", [])
        self.estimate_words = re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)", re.IGNORECASE) if words else None
        self.estimate_factor = table.int("estimate_factor", 10, minimum=1)
        # Which sentences carry the claim (snaug/claims.py): a quantity in a side detail is not swapped.
        self.claims = claims_for(spec)
        # A negated claim, or one true of almost every quantity ("outside of this range"): no swap is false.
        words = table.str_list("negators", [])
        glued = [re.escape(w) for w in words if w.lower() in ("n't", "n’t")]
        free = [_phrases([w]) for w in words if w.lower() not in ("n't", "n’t")]
        parts = ([r"(?<!\w)(?:" + "|".join(free) + ")"] if free else []) + glued
        self.negator_re = re.compile("(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE) if parts else None
        # The ends of a range are bounds for what is said to lie in it ("between 0 and 6 grams ... 2 grams is within
        # this range"): the first end must grow, the last must shrink, or the range only widens and stays true.
        words = table.str_list("range_openers", [])
        self.range_low_re = re.compile(rf"(?<!\w)(?:{_phrases(words)})\s+$", re.IGNORECASE) if words else None
        self.range_high_re = re.compile(rf"(?<!\w)(?:{_phrases(words)})\s+[-−]?\d[\d.,]*\s*(?:[^\s\d]+\s+)?and\s+$",
                                        re.IGNORECASE) if words else None
        high, low = table.str_list("superlative_high", []), table.str_list("superlative_low", [])
        self.superlative_re = re.compile(rf"(?<!\w)(?:(?P<high>{_phrases(high) or '(?!)'})|(?P<low>{_phrases(low) or '(?!)'}))"
                                         r"(?!\w)", re.IGNORECASE) if high or low else None
        # "20 ounces of water": a word form short for a longer unit of another family (fluid ounces) means that unit
        # where the problem measures a liquid, so a swap within the short form's family would change the family.
        words = table.str_list("liquid_words", [])
        self.liquid_re = re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)", re.IGNORECASE) if words else None
        words = table.str_list("weight_words", [])       # ... unless it says it weighs them: "the mass of a can of soup"
        self.weight_re = re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)", re.IGNORECASE) if words else None
        # "Read the passage carefully. <the passage> The underlined part ...": a restated passage is quoted.
        self.openers = table.str_list("restatement_openers", [])
        self.closers = table.str_list("restatement_closers", [])
        # Symbols that are also an English plural ending: "the 1990s", "2 x 4s", "in their 30s" are no seconds.
        self.symbols_need_space = set(table.str_list("symbols_need_space", []))
        openers = table.str_list("plural_openers", [])
        self.plural_opener_re = re.compile(rf"(?<!\w)(?:{_phrases(openers)})[\s-]+$", re.IGNORECASE) if openers else None
        # A bound is true of every larger (lower bound) or smaller (upper bound) quantity: "weighs over 21 tons"
        # stays true as "over 21 grams". A swap must move the quantity the other way.
        lower, upper = table.str_list("lower_bounds", []), table.str_list("upper_bounds", [])
        self.lower_re = re.compile(rf"(?<!\w)(?:{_phrases(lower)})\s+$", re.IGNORECASE) if lower else None
        self.upper_re = re.compile(rf"(?<!\w)(?:{_phrases(upper)})\s+$", re.IGNORECASE) if upper else None
        # ... or after it: "30°C or higher", "2 cups or less".
        lower, upper = table.str_list("lower_bounds_after", []), table.str_list("upper_bounds_after", [])
        self.lower_after_re = re.compile(rf"\s*(?:{_phrases(lower)})(?!\w)", re.IGNORECASE) if lower else None
        self.upper_after_re = re.compile(rf"\s*(?:{_phrases(upper)})(?!\w)", re.IGNORECASE) if upper else None
        # "N unit is too heavy" is true of every larger quantity: a swap must go below the estimate the text gives.
        self.too_high = {w.lower() for w in table.str_list("too_high", [])}
        self.too_low = {w.lower() for w in table.str_list("too_low", [])}
        self.family_too: dict[str, tuple[set[str], set[str]]] = {}
        # Phrases that open a sentence to say when, not how long: "One day in May 1932, ..."
        phrases = table.str_list("sentence_openers", [])
        self.exclude = re.compile(r"(?:^|[.!?\n]\s*)((?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
                                  + r"))(?!\w)", re.IGNORECASE) if phrases else None
        # Longest first, so a two-character separator is tried before its first character.
        self.separators = sorted(table.str_list("separators", [" ", "\u00a0", "-"]), key=len, reverse=True)
        families = table.tables("families")
        if not families:
            raise table.error("families", "a unit kind needs at least one [[families]] table")
        self.units: list[Unit] = []
        surfaces: dict[tuple[str, bool], tuple[Unit, str]] = {}     # (surface, is_symbol) → (unit, form)
        ureg = registry()
        for fam in families:
            fam.check_known("name", "units", "too_high", "too_low")
            name = fam.str("name")
            self.family_too[name] = ({w.lower() for w in fam.str_list("too_high", [])},
                                     {w.lower() for w in fam.str_list("too_low", [])})
            dimensionality = None
            members = fam.tables("units")
            if len(members) < 2:
                raise fam.error("units", "a family needs at least two units to swap between")
            for member in members:
                member.check_known("pint", "counts_things", "body_part", *FORMS)
                pint_name = member.str("pint")
                try:
                    dim = ureg.Unit(pint_name).dimensionality
                except Exception as exc:       # pint raises several types for unknown or malformed units
                    raise member.error("pint", f"{pint_name!r} is not a pint unit ({type(exc).__name__})") from None
                if dimensionality is None:
                    dimensionality = dim
                elif dim != dimensionality:
                    raise member.error("pint", f"{pint_name!r} has dimensionality {dim}, but family {name!r} has "
                                               f"{dimensionality}")
                forms = {form: member.str_list(form, []) for form in FORMS}
                if not any(forms.values()):
                    raise member.error("symbols", "a unit needs at least one surface form")
                unit = Unit(pint_name, name, forms, member.bool("counts_things", False),
                            member.bool("body_part", False))
                self.units.append(unit)
                for form, strings in forms.items():
                    for surface in strings:
                        key = (surface if form == "symbols" else surface.lower(), form == "symbols")
                        if key in surfaces and surfaces[key][0].pint != pint_name:
                            raise member.error(form, f"{surface!r} is already a form of {surfaces[key][0].pint!r}")
                        surfaces[key] = (unit, form)
        self.surfaces = surfaces
        # "ounces" after "64 fluid ounces": a word form that ends a longer unit of another family is short for it
        # where the problem uses the longer one, and which unit it is cannot be told from the word
        self.longer: dict[str, re.Pattern] = {}
        self.short_for_a_volume: set[str] = set()      # "ounces" of "fluid ounces", "oz" of "fl oz"
        for (short, sym), (unit, _) in surfaces.items():
            if self._ends_a_volume(short, sym, unit, surfaces):
                self.short_for_a_volume.add(short)
        for (short, sym), (unit, _) in surfaces.items():
            owners = {u.pint for (s_, sym_), (u, _) in surfaces.items()
                      if not sym and not sym_ and u.family != unit.family and s_.endswith(" " + short)}
            longer = [s_ for (s_, sym_), (u, _) in surfaces.items() if not sym_ and u.pint in owners]
            if longer:
                self.longer[short] = re.compile(rf"(?<!\w)(?:{_phrases(longer)})(?!\w)", re.IGNORECASE)
        # Symbols are case-sensitive (mL, ML; K, k); words are not. Longest first, so "km/h" wins over "km".
        symbols = sorted((s for s, sym in surfaces if sym), key=len, reverse=True)
        words = sorted((s for s, sym in surfaces if not sym), key=len, reverse=True)
        tail = r"(?![\w°^/²³]|['’]\w)"          # "2 s'mores": a letter after an apostrophe makes it a word
        self.symbol_re = re.compile("(?:" + "|".join(map(re.escape, symbols)) + ")" + tail) if symbols else None
        self.word_re = re.compile("(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")" + tail,
                                  re.IGNORECASE) if words else None

    @staticmethod
    def _ends_a_volume(short: str, sym: bool, unit, surfaces) -> bool:
        """Whether ``short`` (a word or a symbol of ``unit``, no volume) ends a volume unit's form of the same sort:
        *ounces* of *fluid ounces*, *oz* of *fl oz*. Not *feet* of *cubic feet*, which is feet cubed."""
        ureg = registry()
        volume, own = ureg.Unit("liter").dimensionality, ureg.Unit(unit.pint).dimensionality
        return own != volume and any(
            sym_ == sym and s_.endswith(" " + short) and ureg.Unit(u.pint).dimensionality == volume != own ** 3
            for (s_, sym_), (u, _) in surfaces.items())

    def _measures_a_liquid(self, example, start: int, end: int, problem: dict) -> bool:
        """Whether the quantity at ``start`` of the rationale measures a liquid (``liquid_words``: a volume) rather
        than a weight (``weight_words``: a mass). Its own sentence decides first: a weight word there makes it a
        mass; a liquid word there a volume, unless the problem weighs that same thing (*Each bottle weighs 6
        ounces*). Else the problem decides: it names a liquid and weighs none. A weight word counts only beside a
        liquid word: *A cubic foot of sand weighs 3 pounds* weighs the sand, and *He will drink 45 ounces of water*
        still measures fluid ounces (blind round, seed 71717). ``problem``: the problem's reading, filled on the first
        ask for an example (its caller's dict), so the problem is read once per example."""
        if not self.liquid_re:
            return False
        weighs = lambda sentence: bool(self.weight_re and self.weight_re.search(sentence))  # noqa: E731
        liquids = lambda sentence: {_stem(m.group()) for m in self.liquid_re.finditer(sentence)}  # noqa: E731
        lo, hi = sentence_marks(example.target, start, end)
        own = example.target[lo:hi]
        if weighs(own):
            return False
        if not problem:
            text = f"{example.question or ''}\n{example.target}"
            said = (text[lo:hi] for lo, hi in sentences(text))
            problem["weighed"] = set().union(*(liquids(s) for s in said if weighs(s)))
            problem["any"] = bool(self.liquid_re.search(text))
        named = liquids(own)
        if named:
            return not named & problem["weighed"]
        return problem["any"] and not problem["weighed"]

    def propose(self, doc, example, rng: random.Random):
        text = example.target
        candidates: list[Candidate] = []
        any_quantity = False
        skipped: dict[str, int] = {}
        excluded = [m.span(1) for m in self.exclude.finditer(text)] if self.exclude else []
        quotes = quoted_spans(text, example.choices) + restated_spans(text, self.openers, self.closers)
        support = self.claims.support(example)
        numbers = find_numbers(text)
        found = []
        used: dict[re.Pattern, bool] = {}    # a longer unit → whether the problem uses it
        liquid: dict = {}                    # how the problem reads as to liquids (_measures_a_liquid)
        for number in numbers:
            pos = number.end
            sep = next((s for s in self.separators if text.startswith(s, pos)), "")
            hit = self._unit_at(text, pos + len(sep)) or (self._unit_at(text, pos) if sep else None)
            if hit is None:
                continue
            start, end, unit, form = hit
            longer = self.longer.get(text[start:end].lower()) if form != "symbols" else None
            if longer is not None and longer not in used:         # the text is searched once per unit word
                used[longer] = bool(longer.search(text) or longer.search(example.question or ""))
            if longer is not None and used[longer]:
                skipped["short for a longer unit the problem uses"] = \
                    skipped.get("short for a longer unit the problem uses", 0) + 1
                continue                            # "64 ounces" after "64 fluid ounces"
            surface = text[start:end] if form == "symbols" else text[start:end].lower()
            if surface in self.short_for_a_volume and self._measures_a_liquid(example, number.start, end, liquid):
                skipped["short for a longer unit: a liquid is measured"] = \
                    skipped.get("short for a longer unit: a liquid is measured", 0) + 1
                continue                            # "a bottle that holds 20 ounces of water": fluid ounces
            if form == "singular" and not number.singular and sep != "-":
                continue                            # "107 second grade shirts": an ordinal, not a time
            if any(s <= number.start and end <= e for s, e in excluded):
                continue
            if form == "symbols" and start == number.end and text[start:end] in self.symbols_need_space:
                continue                            # "the 1990s", "2 x 4s": a plural, not seconds
            if (form == "symbols" and text[start:end] in self.symbols_need_space and self.plural_opener_re
                    and not number.denominator and float(number.value) % 10 == 0
                    and self.plural_opener_re.search(text[max(0, number.start - 12):number.start])):
                continue                            # "the 1600 s", "in their 30 s": the same plural, spaced
            value = float(number.value) / (number.denominator or 1)
            found.append((number, start, end, unit, form, value))
        for number, start, end, unit, form, value in found:
            reason = self._not_a_claim(text, quotes, number, start, end, unit, form)
            if not reason and support.active:
                reused = any(o is not number and o.value == number.value and not support.in_restated(o.start, o.end)
                             for o in numbers)
                reason = support.side_detail(number.start, end, reused)
                if not reason and support.counts_the_setup(number.start, number.end):
                    reason = "counts what the question names (the setup)"     # "these three months" -> "days"
                if not reason and support.restates_a_setup_quantity(number.start, start, end):
                    reason = "restated from the context (a setup detail)"     # "after 24 hours" of a test
                if not reason and support.dates_an_event(number.start, end):
                    reason = "a time that dates an event"     # "when she was six months old"
                if not reason and value != 1 and support.unused_by_the_arithmetic(self._as_other_units(value, unit)):
                    reason = "a quantity the arithmetic does not use"     # "for these three days is 7+8+8"
                    # (one unit, "in one day", "after 1 year", frames a rate whatever the steps say: kept)
            if not reason and self.negator_re is not None and \
                    self.negator_re.search(text, *clause(text, number.start, end)):
                reason = "negated claim"
            if reason:
                skipped[reason] = skipped.get(reason, 0) + 1
                continue
            any_quantity = True
            before = text[start:end]
            allowed = self._direction(text, number, end, unit, value, found)
            extreme = self._superlative(text, example, number, end, unit, value, found)
            for other in self.units:
                if other.family != unit.family or other.pint == unit.pint or not other.forms[form]:
                    continue
                if allowed is not None and not allowed(other):
                    continue
                if extreme is not None and not extreme(other):
                    continue
                if not self._far_enough(text, number, end, unit, other, value):
                    continue
                after = other.forms[form][0]
                if form != "symbols":
                    after = match_case(before, after)
                elif start == number.end and after[0].isalnum() and before[0] in "°º℃℉":
                    after = " " + after             # 100°C → 100 K, not 100K (a hundred thousand)
                after = _one_stop(text, end, before, after)
                candidates.append(Candidate(f"{self.kind}.{unit.family}", (Edit(start, end, before, after),),
                                            quantity=(value, unit.pint, other.pint)))
        if candidates:
            return candidates
        if skipped and not any_quantity:
            return Skip(max(skipped, key=lambda r: (skipped[r], r)))
        return Skip("no unit of another form in its family" if any_quantity else "no quantity with a known unit")

    def _not_a_claim(self, text: str, quotes, number, start: int, end: int, unit: Unit, form: str) -> str:
        if inside(quotes, number.start, end):
            return "inside a quotation"             # a quoted example sentence or choice is not the claim
        if form == "symbols" and len(text[start:end]) == 1 and any(
                not text[max(0, m.start() - 12):m.start()].rstrip()[-1:].isdigit()
                for m in re.finditer(rf"(?<![\w.]){re.escape(text[start:end])}(?![\w.])", text)):
            return "a variable, not a unit"         # "L + L + 11 = 35 / 2L = 24": the letter stands alone too
        if form != "symbols" and text[start:start + 1].isupper() and not text[start:end].isupper():
            rest = text[end:end + 3].lstrip("'’ ")
            if rest[:1].isupper():
                return "part of a name"             # the Seven Years' War
        if unit.body_part and form != "symbols" and _had_as_body_parts(text, unit):
            return "a body part, not a measure"     # "they all had 2 feet ... 40*2 = 80 feet"
        if unit.counts_things and form != "symbols" and number.is_int and \
                not re.match(r"\s+of\b", text[end:end + 4]):
            return "counts things, not a measure"   # 4 cups = 4 teacups; a measure says "cups of"
        return ""

    def _as_other_units(self, value: float, unit: Unit) -> set[float]:
        """``value`` in ``unit`` and in each other unit of its family (not temperature: its scales are offset)."""
        values = {value}
        if unit.family != "temperature":
            here = base_magnitude(value, unit.pint)
            values |= {here / base_magnitude(1, other.pint) for other in self.units
                       if other.family == unit.family and other.pint != unit.pint}
        return values

    def _far_enough(self, text: str, number, end: int, unit: Unit, other: Unit, value: float) -> bool:
        """In an estimate (*The better estimate for the length of a hiking trail is 6 kilometers*), a unit within
        a factor of ``estimate_factor`` of the original (*6 miles*) is still a good estimate: not a false one."""
        if not self.estimate_words or unit.family == "temperature":
            return True
        lo, hi = sentence_marks(text, number.start, end)
        if not self.estimate_words.search(text[lo:hi]):
            return True
        ureg = registry()
        ratio = ureg.Quantity(1, other.pint).to(unit.pint).magnitude
        return ratio >= self.estimate_factor or ratio <= 1 / self.estimate_factor

    def _direction(self, text: str, number, end: int, unit: Unit, value: float, found):
        """None (any unit), or a test a new unit must pass for the swapped claim to be false.

        Under a lower bound (*over 21 tons*) the quantity must grow, under an upper bound (*up to 20 hours*) it
        must shrink. In *16 pounds is too heavy*, it must shrink to the estimate the text gives, if it gives one
        (*The best estimate ... is 16 ounces*), else at least shrink.
        """
        def size(pint_name: str) -> float:
            return base_magnitude(value, pint_name)

        here = size(unit.pint)
        head = text[max(0, number.start - 30):number.start]
        if (self.lower_re and self.lower_re.search(head)) or (self.lower_after_re and self.lower_after_re.match(text, end)) \
                or (self.range_low_re and self.range_low_re.search(head)):
            return lambda other: size(other.pint) > here
        range_head = text[max(0, number.start - 50):number.start]
        if (self.upper_re and self.upper_re.search(head)) or (self.upper_after_re and self.upper_after_re.match(text, end)) \
                or (self.range_high_re and self.range_high_re.search(range_head)):
            return lambda other: size(other.pint) < here
        # "the 175°C block is hotter than the 165°C block": in a sentence comparing two quantities of a family, the
        # swap must turn the comparison round (165 °F is still colder than 175 °C).
        lo, hi = sentence_marks(text, number.start, end)
        if re.search(r"(?<!\w)than(?!\w)", text[lo:hi]):
            others = [base_magnitude(v, u.pint)
                      for n, s, e, u, f, v in found if u.family == unit.family and lo <= n.start and e <= hi
                      and n.start != number.start]
            if others:
                def flips(other, refs=others):
                    new = size(other.pint)
                    return all((new - r) * (here - r) < 0 for r in refs)
                return flips
        m = re.match(r"[^.!?\n]{0,60}?\b(?:is|are|was|were)\s+(?:both\s+|all\s+)?too\s+(\w+)", text[end:])
        if not m:
            return None
        word = m.group(1).lower()
        high, low = self.family_too.get(unit.family, (set(), set()))
        if word in high or (word in self.too_high and word not in low):
            sign = -1
        elif word in low or (word in self.too_low and word not in high):
            sign = 1
        else:
            return None
        # The estimate: the same number with another unit of the family, not itself said to be too much or little.
        refs = [size(u.pint) for n, s, e, u, f, v in found
                if v == value and u.family == unit.family and u.pint != unit.pint and
                not re.match(r"[^.!?\n]{0,60}?\btoo\s", text[e:])]
        if refs:
            ref = min(refs) if sign < 0 else max(refs)
            return (lambda other: size(other.pint) <= ref) if sign < 0 else (lambda other: size(other.pint) >= ref)
        return (lambda other: size(other.pint) < here) if sign < 0 else (lambda other: size(other.pint) > here)

    def _superlative(self, text: str, example, number, end: int, unit: Unit, value: float, found):
        """None, or a test a new unit must pass where the sentence says the quantity is the most or least
        (*Since the 14°C towel is the hottest*, *the speedboat that moved 360 kilometers moved the shortest
        distance*): the swapped quantity must no longer be the most (least) of the family's other quantities, in
        the rationale and the choices. With none to compare, no test (the swap may still be checked elsewhere)."""
        if self.superlative_re is None:
            return None
        lo, hi = sentence_marks(text, number.start, end)
        m = self.superlative_re.search(text, lo, hi)
        if not m:
            return None
        refs = [base_magnitude(v, u.pint) for n, s, e, u, f, v in found
                if u.family == unit.family and n.start != number.start]
        for choice in example.choices:
            refs += [base_magnitude(v, u.pint) for v, u in self._quantities(choice) if u.family == unit.family]
        here = base_magnitude(value, unit.pint)
        refs = [r for r in refs if r != here]
        if not refs:
            return None
        if m.group("high"):
            return lambda other: base_magnitude(value, other.pint) < max(refs)
        return lambda other: base_magnitude(value, other.pint) > min(refs)

    def _quantities(self, text: str):
        """(value, unit) of every quantity with a known unit in ``text`` (a choice)."""
        out = []
        for number in find_numbers(text):
            pos = number.end
            sep = next((s for s in self.separators if text.startswith(s, pos)), "")
            hit = self._unit_at(text, pos + len(sep)) or (self._unit_at(text, pos) if sep else None)
            if hit is not None:
                out.append((float(number.value) / (number.denominator or 1), hit[2]))
        return out

    def _unit_at(self, text: str, pos: int):
        for pattern, is_symbol in ((self.symbol_re, True), (self.word_re, False)):
            if pattern is None:
                continue
            m = pattern.match(text, pos)
            if m:
                surface = m.group() if is_symbol else " ".join(m.group().lower().split())
                unit, form = self.surfaces[(surface, is_symbol)]
                return m.start(), m.end(), unit, form
        return None


# After a form of "have", a count of body-part words with no measure after it ("they all had 2 feet which ...",
# not "has 5 feet of water", "is 6 feet tall"): the text counts feet, and every "feet" in it is one of them.
_HAVE_COUNT = (r"(?<!\w)(?:has|have|had|having)\s+(?:\w+\s+)?\d+\s+(?:{words})(?!\w)(?!\s+(?:of|tall|long|high|"
               r"wide|deep|away|apart|across|around|below|above|under|underground|in|per|each)(?!\w))")


def _had_as_body_parts(text: str, unit: "Unit") -> bool:
    pattern = _have_count(tuple(unit.forms.get("singular", []) + unit.forms.get("plural", [])))
    return pattern is not None and pattern.search(text) is not None


@lru_cache(maxsize=64)
def _have_count(words: tuple[str, ...]) -> re.Pattern | None:
    return re.compile(_HAVE_COUNT.format(words="|".join(map(re.escape, words))), re.IGNORECASE) if words else None


def _stem(word: str) -> str:
    """A liquid word as compared between sentences: lower case, one plural *s* off (*bottles*, *Bottle*)."""
    word = " ".join(word.lower().split())
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_SENTENCE_GOES_ON = re.compile(r"\s+[A-Z0-9\"“(]|\s*$|\s*\n")


def _one_stop(text: str, end: int, before: str, after: str) -> str:
    """An abbreviation's stop is also the sentence's where the sentence ends on it: *2.45 cm.* → *2.45 in.*, not
    *in..*; and *2 in. The magnets ...* → *2 cm. The magnets ...*, not *2 cm The magnets*."""
    if after.endswith(".") and text.startswith(".", end):
        return after[:-1]
    if before.endswith(".") and not after.endswith(".") and _SENTENCE_GOES_ON.match(text, end):
        return after + "."
    return after
