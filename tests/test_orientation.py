"""Golden cases for the orientation kind (a lexicon swap from rules/orientation.toml), in both label schemes."""
import random

import pytest
from docbuild import build

from snaug.edits import apply_edits
from snaug.io.example import Example
from snaug.transforms import Skip

CASES = [
    ("Ohio is north of Kentucky.",
     "Ohio/PROPN/NNP/nsubj/1 is/AUX/VBZ/ROOT/1 north/ADV/RB/advmod/1 of/ADP/IN/prep/2 Kentucky/PROPN/NNP/pobj/3 "
     "./PUNCT/./punct/1",
     {"Ohio is south of Kentucky."}),
    ("The North Pole is cold.",
     "The/DET/DT/det/2 North/PROPN/NNP/compound/2 Pole/PROPN/NNP/nsubj/3 is/AUX/VBZ/ROOT/3 cold/ADJ/JJ/acomp/3 "
     "./PUNCT/./punct/3",
     {"The South Pole is cold."}),
    ("Go NORTH now.",
     "Go/VERB/VB/ROOT/0 NORTH/ADV/RB/advmod/0 now/ADV/RB/advmod/0 ./PUNCT/./punct/0",
     {"Go SOUTH now."}),
    ("The lamp is above the desk.",
     "The/DET/DT/det/1 lamp/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 above/ADP/IN/prep/2 the/DET/DT/det/5 "
     "desk/NOUN/NN/pobj/3 ./PUNCT/./punct/2",
     {"The lamp is below the desk."}),
    ("He left the room.",
     "He/PRON/PRP/nsubj/1 left/VERB/VBD/ROOT/1 the/DET/DT/det/3 room/NOUN/NN/dobj/1 ./PUNCT/./punct/1",
     set()),
    ("Come back soon.",
     "Come/VERB/VB/ROOT/0 back/ADV/RB/advmod/0 soon/ADV/RB/advmod/0 ./PUNCT/./punct/0",
     set()),
    ("Turn to the left side.",
     "Turn/VERB/VB/ROOT/0 to/ADP/IN/prep/0 the/DET/DT/det/4 left/ADJ/JJ/amod/4 side/NOUN/NN/pobj/1 ./PUNCT/./punct/0",
     {"Turn to the right side."}),
    ("It is on the right.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 on/ADP/IN/prep/1 the/DET/DT/det/4 right/NOUN/NN/pobj/2 ./PUNCT/./punct/1",
     {"It is on the left."}),
    ("That is the right answer.",
     "That/PRON/DT/nsubj/1 is/AUX/VBZ/ROOT/1 the/DET/DT/det/4 right/ADJ/JJ/amod/4 answer/NOUN/NN/attr/1 "
     "./PUNCT/./punct/1",
     set()),
    ("So far, the test works.",
     "So/ADV/RB/advmod/1 far/ADV/RB/advmod/5 ,/PUNCT/,/punct/5 the/DET/DT/det/4 test/NOUN/NN/nsubj/5 "
     "works/VERB/VBZ/ROOT/5 ./PUNCT/./punct/5",
     set()),
    ("Ducks live near the lake.",
     "Ducks/NOUN/NNS/nsubj/1 live/VERB/VBP/ROOT/1 near/ADP/IN/prep/1 the/DET/DT/det/4 lake/NOUN/NN/pobj/2 "
     "./PUNCT/./punct/1",
     {"Ducks live far from the lake."}),
    ("Ducks live far from the lake.",
     "Ducks/NOUN/NNS/nsubj/1 live/VERB/VBP/ROOT/1 far/ADV/RB/advmod/1 from/ADP/IN/prep/2 the/DET/DT/det/5 "
     "lake/NOUN/NN/pobj/3 ./PUNCT/./punct/1",
     {"Ducks live near the lake."}),
    ("Look at the near side.",
     "Look/VERB/VB/ROOT/0 at/ADP/IN/prep/0 the/DET/DT/det/4 near/ADJ/JJ/amod/4 side/NOUN/NN/pobj/1 ./PUNCT/./punct/0",
     set()),                          # adjective "near" is left out: taggers confuse it with the preposition
    ("The ball moves forward.",
     "The/DET/DT/det/1 ball/NOUN/NN/nsubj/2 moves/VERB/VBZ/ROOT/2 forward/ADV/RB/advmod/2 ./PUNCT/./punct/2",
     {"The ball moves backward."}),
    ("Todd has $12 left.",
     "Todd/PROPN/NNP/nsubj/1 has/VERB/VBZ/ROOT/1 $/SYM/$/nmod/3 12/NUM/CD/dobj/1 left/ADJ/JJ/amod/3 ./PUNCT/./punct/1",
     set()),
    ("She has 3 apples left.",
     "She/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 3/NUM/CD/nummod/3 apples/NOUN/NNS/dobj/1 left/ADV/RB/advmod/1 "
     "./PUNCT/./punct/1",
     set()),
    ("The U.S. has the right to rent it.",
     "The/DET/DT/det/1 U.S./PROPN/NNP/nsubj/2 has/VERB/VBZ/ROOT/2 the/DET/DT/det/4 right/NOUN/NN/dobj/2 "
     "to/PART/TO/aux/6 rent/VERB/VB/acl/4 it/PRON/PRP/dobj/6 ./PUNCT/./punct/2",
     set()),
    ("The ball rolls down the hill.",
     "The/DET/DT/det/1 ball/NOUN/NN/nsubj/2 rolls/VERB/VBZ/ROOT/2 down/ADP/IN/prep/2 the/DET/DT/det/5 "
     "hill/NOUN/NN/pobj/3 ./PUNCT/./punct/2",
     {"The ball rolls up the hill."}),
    ("The price went down.",
     "The/DET/DT/det/1 price/NOUN/NN/nsubj/2 went/VERB/VBD/ROOT/2 down/ADV/RB/advmod/2 ./PUNCT/./punct/2",
     set()),
    ("Pick up the ball.",
     "Pick/VERB/VB/ROOT/0 up/ADP/RP/prt/0 the/DET/DT/det/3 ball/NOUN/NN/dobj/0 ./PUNCT/./punct/0",
     set()),
    ("The sun rises in the East.",
     "The/DET/DT/det/1 sun/NOUN/NN/nsubj/2 rises/VERB/VBZ/ROOT/2 in/ADP/IN/prep/2 the/DET/DT/det/5 "
     "East/PROPN/NNP/pobj/3 ./PUNCT/./punct/2",
     {"The sun rises in the West."}),
    ("Northeast winds blow.",
     "Northeast/ADJ/JJ/amod/1 winds/NOUN/NNS/nsubj/2 blow/VERB/VBP/ROOT/2 ./PUNCT/./punct/2",
     {"Southwest winds blow."}),
    ("The northern half is cold.",
     "The/DET/DT/det/2 northern/ADJ/JJ/amod/2 half/NOUN/NN/nsubj/3 is/AUX/VBZ/ROOT/3 cold/ADJ/JJ/acomp/3 "
     "./PUNCT/./punct/3",
     {"The southern half is cold."}),
    ("The northern cardinal sings.",
     "The/DET/DT/det/2 northern/ADJ/JJ/amod/2 cardinal/NOUN/NN/nsubj/3 sings/VERB/VBZ/ROOT/3 ./PUNCT/./punct/3",
     set()),
    ("Stir it clockwise.",
     "Stir/VERB/VB/ROOT/0 it/PRON/PRP/dobj/0 clockwise/ADV/RB/advmod/0 ./PUNCT/./punct/0",
     {"Stir it counterclockwise."}),
    ("The cat is inside the box.",
     "The/DET/DT/det/1 cat/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 inside/ADP/IN/prep/2 the/DET/DT/det/5 "
     "box/NOUN/NN/pobj/3 ./PUNCT/./punct/2",
     {"The cat is outside the box."}),
    ("West Virginia is a state.",
     "West/PROPN/NNP/compound/1 Virginia/PROPN/NNP/nsubj/2 is/AUX/VBZ/ROOT/2 a/DET/DT/det/4 state/NOUN/NN/attr/2 "
     "./PUNCT/./punct/2",
     set()),
    ("Find the top of the jar.",
     "Find/VERB/VB/ROOT/0 the/DET/DT/det/2 top/NOUN/NN/dobj/0 of/ADP/IN/prep/2 the/DET/DT/det/5 jar/NOUN/NN/pobj/3 "
     "./PUNCT/./punct/0",
     {"Find the bottom of the jar."}),
    ("Open the front door.",
     "Open/VERB/VB/ROOT/0 the/DET/DT/det/3 front/ADJ/JJ/amod/3 door/NOUN/NN/dobj/0 ./PUNCT/./punct/0",
     {"Open the back door."}),
    ("North is up and south is down.",
     "North/NOUN/NN/nsubj/1 is/AUX/VBZ/ROOT/1 up/ADV/RB/advmod/1 and/CCONJ/CC/cc/1 south/NOUN/NN/nsubj/6 "
     "is/AUX/VBZ/conj/1 down/ADV/RB/advmod/5 ./PUNCT/./punct/1",
     {"South is up and south is down.", "North is down and south is down.", "North is up and north is down.",
      "North is up and south is up."}),
]


def propose(kinds, doc):
    result = kinds["orientation"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    if isinstance(result, Skip):
        return set(), result
    for cand in result:
        assert len(cand.edits) == 1 and cand.rule.startswith("orientation.")
    return {apply_edits(doc.text, c.edits) for c in result}, None


@pytest.mark.parametrize("scheme", ["ontonotes", "ud"])
@pytest.mark.parametrize("text,annotation,expected", CASES, ids=[c[0] for c in CASES])
def test_orientation_golden(kinds, scheme, text, annotation, expected):
    got, skip = propose(kinds, build(text, annotation, scheme))
    assert got == expected
    if not expected:
        assert skip is not None and skip.reason


def test_rule_ids_name_the_group(kinds):
    doc = build(*CASES[3][:2])
    (cand,) = kinds["orientation"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    assert cand.rule == "orientation.vertical"


def test_untagged_text_swaps_compass_points_but_not_ambiguous_words(kinds):
    doc = build("Ohio is north of Kentucky.", "Ohio/x/x/x/0 is/x/x/x/0 north/x/x/x/0 of/x/x/x/0 Kentucky/x/x/x/0 "
                "./x/x/x/0", tagged=False)
    assert propose(kinds, doc)[0] == {"Ohio is south of Kentucky."}
    doc = build("Turn left now.", "Turn/x/x/x/0 left/x/x/x/0 now/x/x/x/0 ./x/x/x/0", tagged=False)
    got, skip = propose(kinds, doc)
    assert got == set() and skip.reason == "ambiguous word needs POS tags"
