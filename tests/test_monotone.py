"""snaug/monotone.py: which way a quantity must move for its claim to become false (read by number, and unit)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from snaug.monotone import Lexicon, context


@pytest.fixture(scope="module")
def lexicon(rules):
    return Lexicon(rules.kinds["number"].table.table("monotone"))


CASES = [
    ("They live to be over 100 years old.", "100", "lower bound", +1),
    ("It holds at least 2 liters.", "2", "lower bound", +1),
    ("It weighs less than $5.", "5", "upper bound", -1),
    ("She had no more than 19 apples.", "19", "upper bound", -1),
    ("It lasts 10 minutes or more.", "10", "lower bound", +1),
    ("It is not formed from two sentences.", "two", "negated", 0),
    ("Mia didn't buy 3 pens.", "3", "negated", 0),
    ("2 centimeters is too short.", "2 centimeters", "excess", +1),       # below the truth: only up can cross it
    ("33 weeks is too slow.", "33 weeks", "excess", +1),
    ("2 kilometers is too long.", "2 kilometers", "excess", -1),
    # a list of quantities shares the predicate after it: "4 centimeters" is too long too
    ("4 centimeters, 4 meters, and 4 kilometers are all too long.", "4", "excess", -1),
    ("4 centimeters, 4 meters, and 4 kilometers are all too long.", "4 meters", "excess", -1),
    ("It has 4 legs, 2 eyes and 3 toes, but they are too long.", "4", "exact", 0),   # no list ends the clause
    ("It is not red, but it has 4 legs.", "4", "exact", 0),               # the negation is another clause's
    ("The box is 2.5 meters wide.", "2.5", "exact", 0),
]


@pytest.mark.parametrize("text,quantity,kind,direction", CASES, ids=[c[0] for c in CASES])
def test_context(lexicon, text, quantity, kind, direction):
    start = text.index(quantity)
    ctx = context(text, start, start + len(quantity), lexicon)
    assert (ctx.kind, ctx.direction) == (kind, direction)


def test_allows_only_the_falsifying_direction(lexicon):
    text = "It lives over 100 years."
    ctx = context(text, text.index("100"), text.index("100") + 3, lexicon)
    assert ctx.allows(100, 200) and not ctx.allows(100, 50)
    text = "It is not 5 kg."
    assert not context(text, 10, 11, lexicon).allows(5, 6)


def test_unit_swaps_move_toward_the_other_side(lexicon):
    from snaug.monotone import allows_scaling

    text = "2 centimeters is too short."
    ctx = context(text, 0, len("2 centimeters"), lexicon)
    assert allows_scaling(ctx, 100.0) and not allows_scaling(ctx, 0.1)      # cm -> m yes, cm -> mm no
    text = "It is not 5 kg."
    assert not allows_scaling(context(text, 10, 14, lexicon), 1000.0)


@given(st.lists(st.tuples(st.integers(0, 3000), st.sampled_from([".", "!", "?", "\n", " ", "1.5"])), max_size=6),
       st.data())
def test_sentence_marks_is_a_scan_of_the_whole_text(parts, data):
    """The windowed search finds what a scan from the text's start (and to its end) finds: the sentence around a
    span is the same for every kind, however far its marks are."""
    from snaug.monotone import sentence_marks

    text = "".join("w" * run + mark for run, mark in parts)     # marks far apart: the windows must widen
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    hi = min((i for i in (text.find(c, end) for c in ".!?\n") if i >= 0), default=len(text))
    assert sentence_marks(text, start, end) == (lo, hi)
