"""Golden cases for the number kind: digits, decimals, separators, words, fractions, guards, agreement."""
import random
from decimal import Decimal

import pytest
import spacy
from docbuild import build
from hypothesis import given
from hypothesis import strategies as st

from snaug.edits import apply_edits
from snaug.io.example import Example
from snaug.numbers import find_numbers, format_like
from snaug.transforms import Skip

BLANK = spacy.blank("en")


def propose(kinds, doc_or_text):
    doc = BLANK(doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
    result = kinds["number"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    if isinstance(result, Skip):
        return set(), result.reason
    return {apply_edits(doc.text, c.edits) for c in result}, None


# Untagged text (tokenizer only): the values the policy proposes, exactly.
CASES = [
    ("The dog has 4 legs.", {"The dog has 2 legs.", "The dog has 3 legs.", "The dog has 5 legs.", "The dog has 6 legs."}),
    ("It is -5 outside.", {"It is -3 outside.", "It is -4 outside.", "It is -6 outside.", "It is -7 outside."}),
    ("It is −5 outside.", {"It is −3 outside.", "It is −4 outside.", "It is −6 outside.", "It is −7 outside."}),
    ("About 1,000 people.", {"About 500 people.", "About 800 people.", "About 1,500 people.", "About 2,000 people."}),
    ("About 3000 people.", {"About 1500 people.", "About 2300 people.", "About 4500 people.", "About 6000 people."}),
    ("It is 8.27 x 10^14 km^3.", {"It is 4.14 x 10^14 km^3.", "It is 6.20 x 10^14 km^3.", "It is 12.41 x 10^14 km^3.",
                                  "It is 16.54 x 10^14 km^3."}),                  # base and exponent kept
    ("It costs $2.50 now.", {"It costs $1.25 now.", "It costs $1.88 now.", "It costs $3.75 now.", "It costs $5.00 now."}),
    ("It is 2.5 tall.", {"It is 1.3 tall.", "It is 1.9 tall.", "It is 3.8 tall.", "It is 5.0 tall."}),
    ("About 45% of them.", {"About 23% of them.", "About 34% of them.", "About 68% of them.", "About 90% of them."}),
    ("About 80 % of them.", {"About 40 % of them.", "About 60 % of them."}),         # not 120 % or 160 %
    ("It is 25 long.", {"It is 13 long.", "It is 19 long.", "It is 38 long.", "It is 50 long."}),
    ("The odds are 2/4 here.", {"The odds are 0/4 here.", "The odds are 1/4 here.", "The odds are 3/4 here.",
                                "The odds are 4/4 here."}),
    ("Eight hundred million stars.", {"Four hundred million stars.", "Six hundred million stars.",
                                      "One billion two hundred million stars.", "One billion six hundred million stars."}),
    ("There are twenty-five in all.", {"There are thirteen in all.", "There are nineteen in all.",
                                       "There are thirty-eight in all.", "There are fifty in all."}),
    ("There are twenty five in all.", {"There are thirteen in all.", "There are nineteen in all.",
                                       "There are thirty eight in all.", "There are fifty in all."}),
    ("ALL SEVEN WERE THERE.", {"ALL FIVE WERE THERE.", "ALL SIX WERE THERE.", "ALL EIGHT WERE THERE.",
                               "ALL NINE WERE THERE."}),
    ("The range is 5 and 20 here.", {"The range is 3 and 20 here.", "The range is 4 and 20 here.",
                                     "The range is 6 and 20 here.", "The range is 7 and 20 here.",
                                     "The range is 5 and 10 here.", "The range is 5 and 15 here.",
                                     "The range is 5 and 30 here.", "The range is 5 and 40 here."}),  # no swap
    ("It went from 5 to 20 here.", {"It went from 3 to 20 here.", "It went from 4 to 20 here.",
                                    "It went from 6 to 20 here.", "It went from 7 to 20 here.",
                                    "It went from 5 to 10 here.", "It went from 5 to 15 here.",
                                    "It went from 5 to 30 here.", "It went from 5 to 40 here.",
                                    "It went from 20 to 5 here."}),
]

GUARDED = [
    ("It happened in 1776.", "year"),
    ("Around 1792 BCE, it began.", "year"),
    ("It was July 4 then.", "date"),
    ("We met at 3:45 then.", "time, ratio or version"),
    ("We met at 3 p.m. then.", "time"),
    ("Pair 1 is closer.", "label"),
    ("Look at Figure 2 now.", "label"),
    ("It releases CO2 gas.", "inside an identifier"),
    ("It was COVID-19 then.", "inside an identifier"),
    ("It is 10^14 km^3.", "exponent or base of a power"),
    ("About 1000 people.", "year"),                     # untagged: a year unless a tagger says it counts a noun
    ("He sold <<48/2=24>> clips.", "inside a calculator annotation"),
    ("(1) Mix the water.", "list marker"),
    ("1. Mix the water.", "list marker"),
    ("The code is 007 here.", "leading zero (a code)"),
    ("Ann has 1 left.", "no plausible new value"),      # untagged: one → many would need the noun, unknown
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_number_golden(kinds, text, expected):
    assert propose(kinds, text)[0] == expected


@pytest.mark.parametrize("text,reason", GUARDED, ids=[c[0] for c in GUARDED])
def test_number_guards(kinds, text, reason):
    got, skip = propose(kinds, text)
    assert got == set() and skip == reason


def test_years_that_count_a_noun_change_and_rule_names(kinds):
    doc = build("He ran 2000 meters.", "He/PRON/PRP/nsubj/1 ran/VERB/VBD/ROOT/1 2000/NUM/CD/nummod/3 "
                "meters/NOUN/NNS/dobj/1 ./PUNCT/./punct/1")
    assert "He ran 1500 meters." in propose(kinds, doc)[0]
    result = kinds["number"].propose(BLANK("Take 2 from 30 now."), Example("x", "t", "Take 2 from 30 now."),
                                     random.Random(0))
    assert {c.rule for c in result} == {"number.shift", "number.scale", "number.swap"}


# One ↔ many changes the counted noun, or is not proposed.
AGREEMENT = [
    ("I have 1 apple.", "I/PRON/PRP/nsubj/1 have/VERB/VBP/ROOT/1 1/NUM/CD/nummod/3 apple/NOUN/NN/dobj/1/apple "
     "./PUNCT/./punct/1", {"I have 2 apples.", "I have 3 apples."}),
    ("I have 2 red apples.", "I/PRON/PRP/nsubj/1 have/VERB/VBP/ROOT/1 2/NUM/CD/nummod/4 red/ADJ/JJ/amod/4 "
     "apples/NOUN/NNS/dobj/1/apple ./PUNCT/./punct/1",
     {"I have 1 red apple.", "I have 3 red apples.", "I have 4 red apples."}),
    ("It has one wing.", "It/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 one/NUM/CD/nummod/3 wing/NOUN/NN/dobj/1/wing "
     "./PUNCT/./punct/1", {"It has two wings.", "It has three wings."}),
    ("It has two fish.", "It/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 two/NUM/CD/nummod/3 fish/NOUN/NNS/dobj/1/fish "
     "./PUNCT/./punct/1", {"It has three fish.", "It has four fish."}),          # "one fish": no form to agree
    ("Two dogs bark.", "Two/NUM/CD/nummod/1 dogs/NOUN/NNS/nsubj/2/dog bark/VERB/VBP/ROOT/2 ./PUNCT/./punct/2",
     {"Three dogs bark.", "Four dogs bark."}),                                    # subject: "One dog bark" is out
    ("One of them is red.", "One/NUM/CD/nsubj/3 of/ADP/IN/prep/0 them/PRON/PRP/pobj/1 is/AUX/VBZ/ROOT/3 "
     "red/ADJ/JJ/acomp/3 ./PUNCT/./punct/3", set()),                               # pronoun "one"
]


@pytest.mark.parametrize("scheme", ["ontonotes", "ud"])
@pytest.mark.parametrize("text,annotation,expected", AGREEMENT, ids=[c[0] for c in AGREEMENT])
def test_number_agreement(kinds, scheme, text, annotation, expected):
    assert propose(kinds, build(text, annotation, scheme))[0] == expected


# -- properties ---------------------------------------------------------------------------------------------

@st.composite
def written_numbers(draw):
    value = draw(st.decimals(min_value=-10**7, max_value=10**7, places=draw(st.integers(0, 3)),
                             allow_nan=False, allow_infinity=False))
    decimals = max(0, -value.as_tuple().exponent)
    grouped = draw(st.booleans()) and abs(value) >= 1000
    body = f"{abs(value):,.{decimals}f}" if grouped else f"{abs(value):.{decimals}f}"
    return ("-" if value < 0 else "") + body + draw(st.sampled_from(["", "%"]))


@given(written=written_numbers())
def test_a_changed_number_keeps_its_style_and_changes_its_value(kinds, written):
    text = f"The value is {written} today."
    (original,) = find_numbers(text)
    doc = BLANK(text)
    result = kinds["number"].propose(doc, Example("x", "t", text), random.Random(0))
    if isinstance(result, Skip):
        return
    for cand in result:
        (edit,) = cand.edits
        (new,) = find_numbers(edit.after)
        assert new.value != original.value
        assert (new.decimals, new.percent, new.style) == (original.decimals, original.percent, "digits")
        assert new.grouped == (original.grouped and abs(new.value) >= 1000)
        if original.value:
            assert (new.value > 0) == (original.value > 0)
        else:
            assert new.value > 0


@given(value=st.integers(0, 999_999_999))
def test_words_round_trip(value):
    from num2words import num2words

    (number,) = find_numbers(num2words(value).replace(",", ""))
    assert number.value == value
    assert format_like(number, Decimal(value)) == number.text


def test_swaps_pair_neighbours_of_one_style_only(kinds):
    text = "It read 5, then 20, then 35, then 2.5, then ten."
    result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
    swaps = {apply_edits(text, c.edits) for c in result if c.rule == "number.swap"}
    assert swaps == {"It read 20, then 5, then 35, then 2.5, then ten.", "It read 5, then 35, then 20, then 2.5, then ten.",
                     "It read 5, then 20, then 3, then 35.0, then ten."}   # 35 ↔ 2.5, each in its own precision
