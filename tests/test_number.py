"""Golden cases for the number kind: digits, decimals, separators, words, fractions, guards, agreement."""
import random
from decimal import Decimal

import pytest
import spacy
from conftest import needs_parser
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
    # own reading, seed 71: a timeline's entry is dated, not counted
    ("910 The Fatimid Caliphate begins in North Africa.", "date of an event"),
    ("It happened in 1776.", "year"),
    ("Around 1792 BCE, it began.", "year"),
    ("Edgar's '64 Impala groaned.", "year"),            # a year cut to two digits
    ("It was a ’57 Chevy.", "year"),
    ("It was July 4 then.", "date"),
    ("We met at 3:45 then.", "time, ratio or version"),
    ("We met at 3 p.m. then.", "time"),
    ("Pair 1 is closer.", "label"),
    ("Look at Figure 2 now.", "label"),
    ("Let x be the students in the Period 8 gym class.", "label"),   # a class period names (blind round Q)
    ("They need a size 12.", "label"),                  # a clothes size names, it counts nothing (blind round H)
    ("Some need size 6, and the rest need size 8.", "label"),
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
    # a year before a singular noun is a year: a count above one would take a plural (issue 11, "his 1961 novel")
    doc = build("It is his 1961 novel.", "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 his/PRON/PRP$/poss/4 "
                "1961/NUM/CD/nummod/4 novel/NOUN/NN/attr/1 ./PUNCT/./punct/1")
    assert propose(kinds, doc) == (set(), "year")
    # a number glued to a word the lexicon does not know names a compound; "5-year-old" still measures
    assert propose(kinds, "Is 2-chloroethanol a compound?") == (set(), "inside an identifier")
    assert "A 6-year-old child." in propose(kinds, "A 5-year-old child.")[0]
    result = kinds["number"].propose(BLANK("Take 2 from 30 now."), Example("x", "t", "Take 2 from 30 now."),
                                     random.Random(0))
    assert {c.rule for c in result} == {"number.shift", "number.scale", "number.swap"}


def test_a_label_word_before_a_quantity_still_changes(kinds):
    # "size", "track", "seat" also take quantities: a number that counts or measures what follows it is one
    assert "He circles the track 4 times." in propose(kinds, "He circles the track 3 times.")[0]
    assert "A size 10 foot by 5-foot rectangle." in propose(kinds, "A size 12 foot by 5-foot rectangle.")[0]
    assert "One room of size 450*2 feet." in propose(kinds, "One room of size 300*2 feet.")[0]
    # the word labels nothing across a stop, a line or an operator: "#### 49" is the answer, "– 4" subtracts
    assert "They ride the bus.\n#### 98" in propose(kinds, "They ride the bus.\n#### 49")[0]
    assert "29 on the bus – 3 who got off." in propose(kinds, "29 on the bus – 4 who got off.")[0]
    doc = build("The tables seat 70 pupils.", "The/DET/DT/det/1 tables/NOUN/NNS/nsubj/2 seat/VERB/VBP/ROOT/2 "
                "70/NUM/CD/nummod/4 pupils/NOUN/NNS/dobj/2 ./PUNCT/./punct/2")
    assert "The tables seat 35 pupils." in propose(kinds, doc)[0]
    doc = build("Six girls need a size 2 or more.", "Six/NUM/CD/nummod/1 girls/NOUN/NNS/nsubj/2 need/VERB/VBP/ROOT/2 "
                "a/DET/DT/det/4 size/NOUN/NN/dobj/2 2/NUM/CD/nummod/4 or/CCONJ/CC/cc/7 more/ADJ/JJR/conj/5 "
                "./PUNCT/./punct/2")
    assert all("size 2" in t for t in propose(kinds, doc)[0])       # the label stays; "Six" still changes


# One ↔ many changes the counted noun, or is not proposed.
AGREEMENT = [
    # a compound's first noun does not agree ("Three humpbacks whale"): no crossing of one <-> many
    ("I saw 2 humpback whales.", "I/PRON/PRP/nsubj/1 saw/VERB/VBD/ROOT/1 2/NUM/CD/nummod/3 "
     "humpback/NOUN/NN/compound/4/humpback whales/NOUN/NNS/dobj/1/whale ./PUNCT/./punct/1",
     {"I saw 3 humpback whales.", "I saw 4 humpback whales."}),
    ("I have 1 apple.", "I/PRON/PRP/nsubj/1 have/VERB/VBP/ROOT/1 1/NUM/CD/nummod/3 apple/NOUN/NN/dobj/1/apple "
     "./PUNCT/./punct/1", {"I have 2 apples.", "I have 3 apples."}),
    ("I have 2 red apples.", "I/PRON/PRP/nsubj/1 have/VERB/VBP/ROOT/1 2/NUM/CD/nummod/4 red/ADJ/JJ/amod/4 "
     "apples/NOUN/NNS/dobj/1/apple ./PUNCT/./punct/1",
     {"I have 1 red apple.", "I have 3 red apples.", "I have 4 red apples."}),
    ("It has one wing.", "It/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 one/NUM/CD/nummod/3 wing/NOUN/NN/dobj/1/wing "
     "./PUNCT/./punct/1", {"It has two wings.", "It has three wings."}),
    ("It has two fish.", "It/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 two/NUM/CD/nummod/3 fish/NOUN/NNS/dobj/1/fish "
     "./PUNCT/./punct/1", {"It has one fish.", "It has three fish.", "It has four fish."}),  # one form serves both
    ("It has 1 offspring.", "It/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 1/NUM/CD/nummod/3 "
     "offspring/NOUN/NN/dobj/1/offspring ./PUNCT/./punct/1",
     {"It has 2 offspring.", "It has 3 offspring."}),                       # never "offsprings"
    ("Two dogs bark.", "Two/NUM/CD/nummod/1 dogs/NOUN/NNS/nsubj/2/dog bark/VERB/VBP/ROOT/2 ./PUNCT/./punct/2",
     {"Three dogs bark.", "Four dogs bark."}),                                    # subject: "One dog bark" is out
    # blind round 7: "except for one state, which is darker green" -> "three states, which is": the relative
    # clause after the comma agrees with the noun too
    ("All but one state, which is green.", "All/DET/DT/ROOT/0 but/ADP/IN/prep/0 one/NUM/CD/nummod/3 "
     "state/NOUN/NN/pobj/1/state ,/PUNCT/,/punct/3 which/PRON/WDT/nsubj/6 is/AUX/VBZ/relcl/3 green/ADJ/JJ/acomp/6 "
     "./PUNCT/./punct/0", set()),
    # blind round 10: "only one subject and predicate" -> "only three subjects and predicate"
    ("It has one subject and predicate.", "It/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 one/NUM/CD/nummod/3 "
     "subject/NOUN/NN/dobj/1/subject and/CCONJ/CC/cc/3 predicate/NOUN/NN/conj/3/predicate ./PUNCT/./punct/1", set()),
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


# -- issue 11, class 5: the change must make the claim false -------------------------------------------------------
MONOTONE = [
    ("It can live to be over 100 years.", {"It can live to be over 150 years.", "It can live to be over 200 years."}),
    ("It has less than 10 legs.", {"It has less than 8 legs.", "It has less than 9 legs."}),
    ("No more than 5 fit.", {"No more than 3 fit.", "No more than 4 fit."}),
    ("It needs 10 or more hours.", {"It needs 11 or more hours.", "It needs 12 or more hours."}),
    # own reading, seed 61: a bound in a condition says which cases the claim covers; raised, it still holds
    ("He gets $50 if he scores 30 or more points.", {"He gets $25 if he scores 30 or more points.",
                                                     "He gets $38 if he scores 30 or more points.",
                                                     "He gets $75 if he scores 30 or more points.",
                                                     "He gets $100 if he scores 30 or more points.",
                                                     "He gets $50 if he scores 15 or more points.",
                                                     "He gets $50 if he scores 23 or more points."}),
    # "only if" makes the bound a necessary condition: the usual direction (and the two numbers may swap)
    ("He gets $50 only if he scores 30 or more points.", {"He gets $25 only if he scores 30 or more points.",
                                                          "He gets $38 only if he scores 30 or more points.",
                                                          "He gets $75 only if he scores 30 or more points.",
                                                          "He gets $100 only if he scores 30 or more points.",
                                                          "He gets $50 only if he scores 45 or more points.",
                                                          "He gets $50 only if he scores 60 or more points.",
                                                          "He gets $30 only if he scores 50 or more points."}),
    ("It has 4 legs.", {"It has 2 legs.", "It has 3 legs.", "It has 5 legs.", "It has 6 legs."}),   # exact: both
]
MONOTONE_SKIPS = [
    ("It is not formed from two sentences.", "negated claim"),
    ("It doesn't have 4 legs.", "negated claim"),
    ("So, 2 centimeters is too short.", "excess claim (too short/long)"),
    ("28 millimeters and 28 centimeters are too short.", "excess claim (too short/long)"),
]


@pytest.mark.parametrize("text,expected", MONOTONE, ids=[c[0] for c in MONOTONE])
def test_bounds_move_the_way_that_falsifies(kinds, text, expected):
    assert propose(kinds, text)[0] == expected


@pytest.mark.parametrize("text,reason", MONOTONE_SKIPS, ids=[c[0] for c in MONOTONE_SKIPS])
def test_negated_and_excess_claims_are_left_alone(kinds, text, reason):
    assert propose(kinds, text) == (set(), reason)


def test_negation_in_another_clause_does_not_block(kinds):
    got, _ = propose(kinds, "It is not red, but it has 4 legs.")
    assert "It is not red, but it has 6 legs." in got


# -- issue 11, class 4 and friends: what a number is, and who agrees with it --------------------------------------
NOT_COUNTS = [
    ("The Seven Years' War ended.", "number word in a name"),
    ("The north pole of one magnet is near the south pole of the other magnet.", "'one' paired with 'the other'"),
    ("Irony is saying one thing but implying something very different.", "'one' paired with 'the other'"),
]


@pytest.mark.parametrize("text,reason", NOT_COUNTS, ids=[c[0] for c in NOT_COUNTS])
def test_numbers_that_are_not_counts(kinds, text, reason):
    assert propose(kinds, text) == (set(), reason)


def test_a_number_word_opening_a_sentence_is_still_a_count(kinds):
    assert "Nine dogs ran." in propose(kinds, "Seven dogs ran.")[0]


def test_all_keeps_a_plural_count(kinds):
    assert propose(kinds, "All three objects are soft.")[0] == {"All four objects are soft.", "All five objects are soft."}


def test_swaps_skip_numbers_in_the_same_role(kinds):
    """Coordinated numbers and operands of + and x say the same thing swapped; other neighbours still swap."""
    cases = [("It is between 25 and 35 degrees. 30 degrees is within this range.", ("25", "35")),
             ("So 2 * 10 = 20 now.", ("2", "10")),
             ("It was 320 + 30 in all.", ("320", "30")), ("Pick 4, 7 now.", ("4", "7")),
             ("Sales are 90*$60 = $5400 now.", ("90", "60"))]
    for text, pair in cases:
        result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
        swapped = {(c.edits[0].before, c.edits[1].before) for c in result if c.rule == "number.swap"}
        assert pair not in swapped, text
    text = "Over 7 days she drank 60 ounces."
    result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
    assert "Over 60 days she drank 7 ounces." in {apply_edits(text, c.edits) for c in result}
    text = "So 10 * 2 = 20 now."
    result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
    assert "So 10 * 20 = 2 now." in {apply_edits(text, c.edits) for c in result}


ONE_MANY = [
    ("There are two paths.", "There/PRON/EX/expl/1 are/VERB/VBP/ROOT/1 two/NUM/CD/nummod/3 paths/NOUN/NNS/attr/1/path "
     "./PUNCT/./punct/1", {"There are three paths.", "There are four paths."}),
    ("It is made of two different materials.", "It/PRON/PRP/nsubjpass/2 is/AUX/VBZ/auxpass/2 made/VERB/VBN/ROOT/2/make "
     "of/ADP/IN/prep/2 two/NUM/CD/nummod/6 different/ADJ/JJ/amod/6 materials/NOUN/NNS/pobj/3/material ./PUNCT/./punct/2",
     {"It is made of three different materials.", "It is made of four different materials."}),
    ("I like these two pens.", "I/PRON/PRP/nsubj/1 like/VERB/VBP/ROOT/1 these/DET/DT/det/4 two/NUM/CD/nummod/4 "
     "pens/NOUN/NNS/dobj/1/pen ./PUNCT/./punct/1", {"I like these three pens.", "I like these four pens."}),
    # The tagger says object, but a verb follows the noun: it heads a clause and its verb agrees.
    ("I saw two dogs are here.", "I/PRON/PRP/nsubj/1 saw/VERB/VBD/ROOT/1 two/NUM/CD/nummod/3 dogs/NOUN/NNS/dobj/1/dog "
     "are/AUX/VBP/ccomp/1 here/ADV/RB/advmod/4 ./PUNCT/./punct/1", {"I saw three dogs are here.", "I saw four dogs are here."}),
    # Blind round: the parse made "points" the counted noun of "One arrow points": the noun before it agrees.
    ("One arrow points to it.", "One/NUM/CD/nummod/2 arrow/NOUN/NN/compound/2 points/NOUN/NNS/ROOT/2/point "
     "to/ADP/IN/case/4 it/PRON/PRP/nmod/2 ./PUNCT/./punct/2", set()),
    # Blind round: "the one plate moved toward each other": a reciprocal agrees with the count too.
    ("It pushed two plates toward each other.", "It/PRON/PRP/nsubj/1 pushed/VERB/VBD/ROOT/1 two/NUM/CD/nummod/3 "
     "plates/NOUN/NNS/dobj/1/plate toward/ADP/IN/prep/1 each/DET/DT/det/6 other/ADJ/JJ/pobj/4 ./PUNCT/./punct/1",
     {"It pushed three plates toward each other.", "It pushed four plates toward each other."}),
    # Still crosses where nothing else agrees.
    ("I ate two pies.", "I/PRON/PRP/nsubj/1 ate/VERB/VBD/ROOT/1 two/NUM/CD/nummod/3 pies/NOUN/NNS/dobj/1/pie "
     "./PUNCT/./punct/1", {"I ate one pie.", "I ate three pies.", "I ate four pies."}),
]


@pytest.mark.parametrize("scheme", ["ontonotes", "ud"])
@pytest.mark.parametrize("text,annotation,expected", ONE_MANY, ids=[c[0] for c in ONE_MANY])
def test_one_many_only_where_nothing_else_agrees(kinds, scheme, text, annotation, expected):
    assert propose(kinds, build(text, annotation, scheme))[0] == expected


def test_a_number_in_a_quoted_choice_is_left_alone(kinds):
    text = 'The second sentence is simple: I ate two pies today.'
    example = Example("x", "t", text, choices=("I ate two pies today.", "You ran, and I sat."))
    result = kinds["number"].propose(BLANK(text), example, random.Random(0))
    assert isinstance(result, Skip) and result.reason == "inside a quotation"


def test_a_sentence_framing_the_task_restates_the_question(kinds):
    text = "To determine if this statement is true, calculate the value of 10 times the volume. It is 5 km wide."
    got, _ = propose(kinds, text)
    assert got and all(g.startswith("To determine if this statement is true, calculate the value of 10 times")
                       for g in got)


REAL = [
    ("There are two paths matter can take.", "There are one path"),
    # lemminflect lists "room" among the plurals of "room" (blind round L: "two room of size 300*2")
    ("He also has one room of size 600 square feet.", "two room "),
    ("She bought one egg.", "two egg."),
    ("The jewelry box is made of two different materials.", "one different material"),
    ("On hot days, one way that dogs cool down is by panting.", "three ways that dogs cool down is"),
    ("All three objects are stretchy.", "All two objects"),
]


@needs_parser
@pytest.mark.parametrize("text,never", REAL, ids=[c[0] for c in REAL])
def test_agreement_on_the_installed_parser(kinds, text, never):
    from snaug.nlp import load_pipeline

    doc = load_pipeline().nlp(text)
    result = kinds["number"].propose(doc, Example("x", "t", text), random.Random(0))
    got = set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}
    assert not any(never in g for g in got)


def test_swaps_keep_a_bare_decimal_and_all_s_plural(kinds):
    """Blind rounds: "Black Male: 35(.20)=7" -> "20(.35)=7" is still true (.20 is a fraction, and the product is
    the same), and "All 4 boxes ... 0 boxes" -> "All 0 boxes" is no English. Other neighbours still swap."""
    def swaps(text):
        result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
        return {apply_edits(text, c.edits) for c in result if c.rule == "number.swap"}

    assert not any("20(.35)" in t for t in swaps("Black Male: 35(.20)=7 pigeons."))
    assert not any("All 0 boxes" in t for t in swaps("All 4 boxes have it. There are 0 boxes with ff."))
    assert "All 5 boxes have it. There are 4 boxes with ff." in swaps("All 4 boxes have it. There are 5 boxes with ff.")
    assert "She had 35 (20 left) pigeons." in swaps("She had 20 (35 left) pigeons.")


def test_alternatives_and_written_ranges(kinds):
    """Blind rounds: "If you used only 3 or 10 dots, they would not cover the line" -> "5 or 10" is still true
    (each alternative's claim stands on its own); "7 to 9 months" and "3-5 months long" are ranges like "between
    7 and 9": an end may only move inward, past a value the text says lies in the range, and with none stated no
    end moves (blind round, seed 29113: "7 to 8 months" is still longer than the other colonies' "5 to 7").
    Still fires: a bound "one or more", and "from 25 to 35" (a change)."""
    assert propose(kinds, "If you used only 3 or 10 dots, they would not cover the line.") == \
        (set(), "one of alternative values")
    assert propose(kinds, "It takes one or two minutes to cook.") == (set(), "one of alternative values")
    assert propose(kinds, "A compound has two or more elements.")[0] == \
        {"A compound has three or more elements.", "A compound has four or more elements."}
    assert propose(kinds, "The growing season was 7 to 9 months.") == (set(), "an end of a range of unstated values")
    assert propose(kinds, "The growing season was 3-5 months long.") == \
        (set(), "an end of a range of unstated values")
    got, _ = propose(kinds, "The growing season was 3-9 months long. A 4 months season is in this range.")
    assert got == {"The growing season was 5-9 months long. A 4 months season is in this range.",   # 3 past 4
                   "The growing season was 7-9 months long. A 4 months season is in this range."}   # halfway
    got, _ = propose(kinds, "It warmed from 25 to 35 degrees.")
    assert "It warmed from 13 to 35 degrees." in got and "It warmed from 38 to 35 degrees." in got


def test_a_passage_the_rationale_restates_is_quoted(kinds):
    """Blind round: "To find this out, read the passage carefully. <passage: ... a magnitude 9.0 earthquake ...>
    The underlined part of the passage explains ..." -> "6.8" misquotes the passage; after it, numbers count."""
    text = ("To find this out, read the passage carefully. The plates move, causing a magnitude 9.0 earthquake. "
            "The underlined part of the passage explains that the two plates moved toward each other.")
    got, _ = propose(kinds, text)
    assert got and all("9.0 earthquake" in t for t in got)


def test_a_swap_that_rounds_a_value_away_is_dropped(kinds):
    """Blind round: "20 packs of 500 mL ... $0.05 x 20" swapped to "packs of 0 mL ... $500.00": 0.05 written
    in 500's style is 0. A swap must carry both values whole."""
    text = "Each pack is 500 mL, and the savings are $0.05 each."
    result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
    swaps = {apply_edits(text, c.edits) for c in result if c.rule == "number.swap"}
    assert not any("0 mL" in t for t in swaps)
    text = "Each pack is 500 mL, and the savings are $20 each."
    result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
    assert "Each pack is 20 mL, and the savings are $500 each." in {apply_edits(text, c.edits) for c in result}


@needs_parser
def test_an_operand_leaves_its_noun_as_it_is(kinds):
    """Blind round J5: "H + 2 hoodies" -> "H + 1 hoody": the noun counts the whole sum, which one operand does not
    make singular. A count of its own still agrees."""
    from snaug.nlp import load_pipeline

    nlp = load_pipeline().nlp

    def run(text):
        result = kinds["number"].propose(nlp(text), Example("x", "t", text), random.Random(0))
        return {apply_edits(text, c.edits) for c in result}

    assert "Casey owns H + 1 hoodies." in run("Casey owns H + 2 hoodies.")
    assert "Casey owns 1 hoody." in run("Casey owns 2 hoodies.")


@needs_parser
def test_the_pronoun_ones_is_no_count(kinds):
    """Own reading, seed 73: "a compromise of one's values" -> "two's values": the parse makes *one* a modifier of
    *values*, but a count's genitive has its noun (*one student's*)."""
    from snaug.nlp import load_pipeline

    nlp = load_pipeline().nlp
    text = "The allusion Faustian bargain means a compromise of one's values for personal gain."
    assert kinds["number"].propose(nlp(text), Example("x", "t", text), random.Random(0)).reason == \
        "'one' not counting a noun"
    text = "So, one student's answer has two errors."
    result = kinds["number"].propose(nlp(text), Example("x", "t", text), random.Random(0))
    assert "So, one student's answer has three errors." in {apply_edits(text, c.edits) for c in result}


@needs_parser
def test_a_lower_bound_of_one_is_left_alone(kinds):
    """Blind rounds I, J, K: "A colorful object has one or more bright colors" -> "two or more" is a stricter
    definition the pool toy still meets: a lower bound of one says "some", and no change makes it false. A lower
    bound above one, and an exact one, still change."""
    from snaug.nlp import load_pipeline

    nlp = load_pipeline().nlp

    def run(text):
        result = kinds["number"].propose(nlp(text), Example("x", "t", text), random.Random(0))
        return (set(), result.reason) if isinstance(result, Skip) else ({apply_edits(text, c.edits) for c in result}, "")

    assert run("A colorful object has one or more bright colors.") == (set(), "a lower bound of one says 'some'")
    assert run("The statue is made of at least one piece of rock.")[1] == "a lower bound of one says 'some'"
    assert "A compound has three or more elements." in run("A compound has two or more elements.")[0]
    assert run("There were more than one hundred people.")[0]


@pytest.mark.parametrize("scheme", ["ontonotes", "ud"])
def test_an_operand_leaves_the_noun_to_the_result(kinds, scheme):
    # blind round T: "2*3=<<2*3=6>>6 hours" -> "2*1=6 hour": the noun after the result is not the operand's
    text = "He rented it for 2*3=6 hours."
    doc = build(text, "He/PRON/PRP/nsubj/1 rented/VERB/VBD/ROOT/1/rent it/PRON/PRP/dobj/1 for/ADP/IN/prep/1 "
                      "2/NUM/CD/nummod/9 */SYM/SYM/punct/9 3/NUM/CD/nummod/9 =/SYM/SYM/punct/9 6/NUM/CD/nummod/9 "
                      "hours/NOUN/NNS/pobj/3/hour ./PUNCT/./punct/1", scheme)
    got = propose(kinds, doc)[0]
    assert "He rented it for 2*1=6 hours." in got
    assert all(t.endswith("hours.") for t in got)


def test_a_swap_that_leaves_an_inverse_operation_true_is_not_proposed(kinds):
    # blind round Z: "100 - 23 = 77" -> "100 - 77 = 23" is as true as before; so is "84 / 7 = 12" -> "84 / 12 = 7"
    for text in ("She used it because 100 - 23 = 77.", "Each got some because 84 / 7 = 12."):
        got = propose(kinds, text)[0]
        swapped = text.replace("23 = 77", "77 = 23").replace("7 = 12", "12 = 7")
        assert got and swapped not in got
    assert "So 3 + 77 = 23." in propose(kinds, "So 3 + 23 = 77.")[0]       # false after the swap: kept


def test_an_article_before_a_changed_number_follows_how_the_new_number_is_said(kinds):
    """Blind round B2: "needs an 85 as an average" -> "needs an 43" is no English. The article changes with the
    number ("a 43", "an 8"; "one" starts with a consonant sound); a swap that would need two more edits is dropped
    by the edit limit rather than written with a wrong article."""
    def changes(text):
        result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
        return {apply_edits(text, c.edits) for c in result}

    got = changes("He needs an 85 as an average.")
    assert "He needs a 43 as an average." in got and not any(t.startswith("He needs an 4") for t in got)
    assert "She got an 8 on it." in changes("She got a 7 on it.")
    assert "It is a 12-hour walk." in changes("It is an 11-hour walk.")
    assert not any("an 2 pack" in t for t in changes("He bought an 8 pack and drank 2."))


def test_the_two_operands_of_one_subtraction_or_division_are_not_swapped(kinds):
    """Blind round D2: "2400 / 3" -> "3 / 2400" reorders an operation and changes no number; neighbours that are
    not one operation's operands still swap."""
    def swaps(text):
        result = kinds["number"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
        return {apply_edits(text, c.edits) for c in result if c.rule == "number.swap"}

    assert not any("3 / 2400" in t or "3 - 2400" in t for t in swaps("He gets 2400 / 3 = 800 and 2400 - 3 = 2397."))
    assert "He has 7 cats and gives away 4 dogs." in swaps("He has 4 cats and gives away 7 dogs.")


@needs_parser
def test_a_bound_describing_what_the_claim_is_about_falsifies_the_other_way():
    """Own reading, seed 61: "Substances made of two or more elements are compounds" is still true of "four or
    more" (a narrower class); "one or more" takes in the elementary substances it is false of. The noun keeps the
    number its "or more" gives it."""
    from snaug.nlp import load_pipeline
    from snaug.rules import load_rules
    from snaug.transforms import build

    nlp = load_pipeline().nlp
    number = build(load_rules().kinds["number"])

    def run(text):
        result = number.propose(nlp(text), Example("x", "t", text), random.Random(0))
        return set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}

    text = "Substances made of two or more chemical elements bonded together are compounds."
    assert run(text) == {"Substances made of one or more chemical elements bonded together are compounds."}
    assert run("Cops that served at least 3 years get a discount.") == {
        "Cops that served at least 2 years get a discount."}
    # in the predicate the bound falsifies the usual way
    assert run("The substance is made of two or more chemical elements.") == {
        "The substance is made of three or more chemical elements.",
        "The substance is made of four or more chemical elements."}


def test_a_minus_after_a_closing_bracket_subtracts():
    """Own reading, seed 67: "Yellow:19(2)-6=32" swapped to "-6(2)19": the minus after "(2)" is the subtraction,
    not the sign of a number; after a space or at the start it is still a sign."""
    assert [n.text for n in find_numbers("Yellow:19(2)-6=32 crayons")] == ["19", "2", "6", "32"]
    assert [n.text for n in find_numbers("(3+4)-2=5")] == ["3", "4", "2", "5"]
    assert [n.text for n in find_numbers("It is -5 outside, x = -7.")] == ["-5", "-7"]



def test_the_whole_a_part_is_taken_from_stays_larger(kinds):
    # blind round 6: "corrected in one of two ways" -> "in one of one way"
    got, _ = propose(kinds, "It can be fixed in one of two ways.")
    assert got and all(" one of " in t and "one of one" not in t and "one of zero" not in t for t in got)
    got, _ = propose(kinds, "Pick 3 of the 5 stars.")
    assert {t for t in got if "Pick 3 of the" in t} and all(int(t.split()[-2]) > 3 for t in got if "Pick 3 of" in t)


def test_a_comparison_in_two_units_is_read_in_one(kinds):
    # blind round 7: "1 centimeter is larger than 1 millimeter" -> "than 2 millimeters" stays true (1 cm = 10 mm)
    got, reason = propose(kinds, "So, 2 centimeters is longer than 5 millimeters.")
    assert got == set() and reason == "comparison still holds"
    got, _ = propose(kinds, "So, 2 centimeters is shorter than 25 millimeters.")      # 20 mm against 25 mm
    assert got and all(int(t.split()[-2]) <= 20 for t in got if "2 centimeters" in t)
    got, _ = propose(kinds, "So, 3 meters is shorter than 5 meters.")                   # one unit: as before
    assert "So, 5 meters is shorter than 3 meters." in got


def test_how_many_a_relation_holds_between_is_no_claim(kinds):
    # blind rounds 6 and 8: "the magnetic force between two magnets" -> "three magnets": true of any two
    assert propose(kinds, "The force between two magnets is stronger when they are closer.") == \
        (set(), "how many a relation holds between")
    assert propose(kinds, "Energy is stored between any two objects.") == (set(), "how many a relation holds between")
    # a range's ends still change as ranges do, and a count elsewhere still changes
    assert propose(kinds, "The force between the 2 magnets is 3 newtons.")[0]


def test_a_choice_quoted_without_its_stop_is_still_quoted(kinds):
    # blind round 9: "The event was exciting it had music, a show and food is a run-on sentence" quotes the choice
    # "... and food." without its stop; an edit inside it misquotes the option
    text = "The 5 cats sat on the warm mat is a simple sentence."
    example = Example(id="x", split="t", target=text, question="Which is a simple sentence?",
                      choices=("The 5 cats sat on the warm mat.", "I ran, she sat."), answer=0)
    result = kinds["number"].propose(BLANK(text), example, random.Random(0))
    assert isinstance(result, Skip) and result.reason == "inside a quotation"


def test_a_guide_word_that_is_a_number_word_is_not_changed(kinds):
    # own reading, seed 5150: "between the guide words file - four" -> "file - six"
    text = "Since flea is between the guide words file - four, it would be found on that page."
    example = Example(id="x", split="t", target=text, question="Which word would you find on a dictionary page with "
                      "the following guide words?\nfile - four", choices=("flea", "guide"), answer=0)
    result = kinds["number"].propose(BLANK(text), example, random.Random(0))
    assert isinstance(result, Skip) and result.reason == "a word under study, not used"
