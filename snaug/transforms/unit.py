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

from ..edits import Edit, match_case
from ..numbers import find_numbers
from ..quantities import registry
from . import Candidate, Skip, register

FORMS = ("symbols", "singular", "plural")


@dataclass(frozen=True)
class Unit:
    pint: str
    family: str
    forms: dict            # form → surface strings, first one is what gets written


@register("unit", options=("families", "separators", "sentence_openers"))
class UnitSwap:
    # What propose() reads from the parse (snaug.nlp.ROLES); the engine switches every other component off.
    # Nothing: quantities are found on the string, so a unit-only run tokenises and stops there.
    needs = frozenset()
    def __init__(self, spec):
        self.kind = spec.name
        table = spec.table
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
            fam.check_known("name", "units")
            name = fam.str("name")
            dimensionality = None
            members = fam.tables("units")
            if len(members) < 2:
                raise fam.error("units", "a family needs at least two units to swap between")
            for member in members:
                member.check_known("pint", *FORMS)
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
                unit = Unit(pint_name, name, forms)
                self.units.append(unit)
                for form, strings in forms.items():
                    for surface in strings:
                        key = (surface if form == "symbols" else surface.lower(), form == "symbols")
                        if key in surfaces and surfaces[key][0].pint != pint_name:
                            raise member.error(form, f"{surface!r} is already a form of {surfaces[key][0].pint!r}")
                        surfaces[key] = (unit, form)
        self.surfaces = surfaces
        # Symbols are case-sensitive (mL, ML; K, k); words are not. Longest first, so "km/h" wins over "km".
        symbols = sorted((s for s, sym in surfaces if sym), key=len, reverse=True)
        words = sorted((s for s, sym in surfaces if not sym), key=len, reverse=True)
        tail = r"(?![\w°^/²³])"
        self.symbol_re = re.compile("(?:" + "|".join(map(re.escape, symbols)) + ")" + tail) if symbols else None
        self.word_re = re.compile("(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")" + tail,
                                  re.IGNORECASE) if words else None

    def propose(self, doc, example, rng: random.Random):
        text = example.target
        candidates: list[Candidate] = []
        any_quantity = False
        excluded = [m.span(1) for m in self.exclude.finditer(text)] if self.exclude else []
        for number in find_numbers(text):
            pos = number.end
            sep = next((s for s in self.separators if text.startswith(s, pos)), "")
            found = self._unit_at(text, pos + len(sep)) or (self._unit_at(text, pos) if sep else None)
            if found is None:
                continue
            start, end, unit, form = found
            if form == "singular" and not number.singular and sep != "-":
                continue                            # "107 second grade shirts": an ordinal, not a time
            if any(s <= number.start and end <= e for s, e in excluded):
                continue
            any_quantity = True
            before = text[start:end]
            value = float(number.value) / (number.denominator or 1)
            for other in self.units:
                if other.family != unit.family or other.pint == unit.pint or not other.forms[form]:
                    continue
                after = other.forms[form][0]
                if form != "symbols":
                    after = match_case(before, after)
                elif start == number.end and after[0].isalnum() and before[0] in "°º℃℉":
                    after = " " + after             # 100°C → 100 K, not 100K (a hundred thousand)
                candidates.append(Candidate(f"{self.kind}.{unit.family}", (Edit(start, end, before, after),),
                                            quantity=(value, unit.pint, other.pint)))
        if candidates:
            return candidates
        return Skip("no unit of another form in its family" if any_quantity else "no quantity with a known unit")

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
