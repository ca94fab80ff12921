"""Edits are the only way text changes: unit cases and properties over real parses."""
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from snaug.edits import Edit, apply_edits, edit_similarity, match_case
from snaug.io.example import Example
from snaug.transforms import Skip


def test_apply_edits_replaces_spans_and_keeps_the_rest():
    text = "The  rock\tis hot."
    edits = (Edit(10, 12, "is", "is not"), Edit(13, 16, "hot", "cold"))
    assert apply_edits(text, edits) == "The  rock\tis not cold."


@pytest.mark.parametrize("edits", [
    (Edit(0, 3, "Thx", "A"),),                                  # before does not match
    (Edit(4, 8, "rock", "x"), Edit(0, 5, "The r", "y")),        # out of order / overlapping
    (Edit(0, 99, "The rock", "x"),),                            # outside the text
])
def test_apply_edits_rejects_inconsistent_edits(edits):
    with pytest.raises(ValueError):
        apply_edits("The rock", edits)


def test_similarity_from_edits():
    text = "x" * 96 + "is a"
    assert edit_similarity(text, (Edit(96, 98, "is", "is not"),)) == pytest.approx(1 - 6 / 104)
    assert edit_similarity("", ()) == 1.0


@pytest.mark.parametrize("template,word,expected", [
    ("North", "south", "South"), ("NORTH", "south", "SOUTH"), ("north", "south", "south"),
    ("Is", "is not", "Is not"), ("IS", "is not", "IS NOT"), ("'s", "'s not", "'s not"), ("A", "the", "The"),
])
def test_match_case(template, word, expected):
    assert match_case(template, word) == expected


# -- properties over real parses ----------------------------------------------------------------------------

SENTENCES = [
    "The rock is hot.", "It doesn't weigh much.", "Ohio is north of Kentucky.", "The lamp is above the desk.",
    "Plants grow with sunlight.", "The cart did not move.", "He left the room and came back.",
    "It can't fly, but it can swim.", "The cat is inside the box.", "Water boils at 100 degrees.",
    "A frog has smooth skin.", "Turn to the left side of the map.", "The Northern Hemisphere is warmer in June.",
    "Look at the compass rose.", "Birds have feathers!", "Is the rock hot?", "The ball rolls down the hill.",
    "A spider has 8 legs.", "I have 1 apple.", "It was 25°C and 35°C.", "The pencil is 19 centimeters long.",
    "About 1,500 people, or 45%, came.", "Twenty-five students read 2/4 of it.", "Denver is the capital.",
    "So, the answer is Olympia.",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", " \n", "\t"]


@pytest.fixture(scope="module")
def nlp():
    from snaug.nlp import load_pipeline

    return load_pipeline(warn=lambda msg: None).nlp


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
       seps=st.lists(st.sampled_from(SEPARATORS), min_size=4, max_size=4),
       lead=st.sampled_from(["", " ", "\n"]), trail=st.sampled_from(["", " ", "\n"]))
def test_negatives_are_their_edits_applied_and_nothing_else_changes(kinds, nlp, parts, seps, lead, trail):
    text = lead + "".join(p + (seps[i] if i < len(parts) - 1 else "") for i, p in enumerate(parts)) + trail
    doc = nlp(text)
    example = Example(id="p", split="t", target=text, choices=("Denver", "Olympia", "Salem"), answer=0)
    for transform in kinds.values():
        result = transform.propose(doc, example, random.Random(0))
        if isinstance(result, Skip):
            continue
        for cand in result:
            negative = apply_edits(text, cand.edits)
            assert negative != text
            pos, out = 0, 0
            for edit in cand.edits:
                assert edit.start >= pos and text[edit.start:edit.end] == edit.before
                # everything between edits is byte-identical, at the shifted position in the negative
                gap = text[pos:edit.start]
                assert negative[out:out + len(gap)] == gap
                out += len(gap) + len(edit.after)
                pos = edit.end
            assert negative[out:] == text[pos:]
