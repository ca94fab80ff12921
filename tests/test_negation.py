"""Golden cases for the negation kind, each run on hand-built Docs in both label schemes."""
import random

import pytest
from docbuild import build

from snaug.edits import apply_edits
from snaug.io.example import Example
from snaug.transforms import Skip

SCHEMES = ["ontonotes", "ud"]

# (text, annotation, expected negatives as {rule: text} pairs)
CASES = [
    ("The rock is hot.",
     "The/DET/DT/det/1 rock/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 hot/ADJ/JJ/acomp/2 ./PUNCT/./punct/2",
     {("negation.aux_insert", "The rock is not hot.")}),
    ("It can fly.",
     "It/PRON/PRP/nsubj/2 can/AUX/MD/aux/2 fly/VERB/VB/ROOT/2 ./PUNCT/./punct/2",
     {("negation.aux_insert", "It cannot fly.")}),
    ("The ship will sink.",
     "The/DET/DT/det/1 ship/NOUN/NN/nsubj/3 will/AUX/MD/aux/3 sink/VERB/VB/ROOT/3 ./PUNCT/./punct/3",
     {("negation.aux_insert", "The ship will not sink.")}),
    ("The box weighs 5 kilograms.",
     "The/DET/DT/det/1 box/NOUN/NN/nsubj/2 weighs/VERB/VBZ/ROOT/2/weigh 5/NUM/CD/nummod/4 "
     "kilograms/NOUN/NNS/dobj/2 ./PUNCT/./punct/2",
     {("negation.do_insert", "The box does not weigh 5 kilograms.")}),
    ("The cart moved.",
     "The/DET/DT/det/1 cart/NOUN/NN/nsubj/2 moved/VERB/VBD/ROOT/2/move ./PUNCT/./punct/2",
     {("negation.do_insert", "The cart did not move.")}),
    ("Birds have feathers.",
     "Birds/NOUN/NNS/nsubj/1 have/VERB/VBP/ROOT/1 feathers/NOUN/NNS/dobj/1 ./PUNCT/./punct/1",
     {("negation.do_insert", "Birds do not have feathers.")}),
    ("A frog has smooth skin.",
     "A/DET/DT/det/1 frog/NOUN/NN/nsubj/2 has/VERB/VBZ/ROOT/2/have smooth/ADJ/JJ/amod/4 skin/NOUN/NN/dobj/2 "
     "./PUNCT/./punct/2",
     {("negation.do_insert", "A frog does not have smooth skin.")}),
    ("The rock is not hot.",
     "The/DET/DT/det/1 rock/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 not/PART/RB/neg/2 hot/ADJ/JJ/acomp/2 ./PUNCT/./punct/2",
     {("negation.aux_remove", "The rock is hot.")}),
    ("The rock isn't hot.",
     "The/DET/DT/det/1 rock/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 n't/PART/RB/neg/2 hot/ADJ/JJ/acomp/2 ./PUNCT/./punct/2",
     {("negation.aux_remove", "The rock is hot.")}),
    ("The box doesn't weigh much.",
     "The/DET/DT/det/1 box/NOUN/NN/nsubj/4 does/AUX/VBZ/aux/4/do n't/PART/RB/neg/4 weigh/VERB/VB/ROOT/4 "
     "much/ADV/RB/advmod/4 ./PUNCT/./punct/4",
     {("negation.do_remove", "The box weighs much.")}),
    ("It cannot fly.",
     "It/PRON/PRP/nsubj/3 can/AUX/MD/aux/3 not/PART/RB/neg/3 fly/VERB/VB/ROOT/3 ./PUNCT/./punct/3",
     {("negation.aux_remove", "It can fly.")}),
    ("The cart did not move.",
     "The/DET/DT/det/1 cart/NOUN/NN/nsubj/4 did/AUX/VBD/aux/4/do not/PART/RB/neg/4 move/VERB/VB/ROOT/4 "
     "./PUNCT/./punct/4",
     {("negation.do_remove", "The cart moved.")}),
    ("It can't fly.",
     "It/PRON/PRP/nsubj/3 ca/AUX/MD/aux/3/can n't/PART/RB/neg/3 fly/VERB/VB/ROOT/3 ./PUNCT/./punct/3",
     {("negation.aux_remove", "It can fly.")}),
    ("It won't sink.",
     "It/PRON/PRP/nsubj/3 wo/AUX/MD/aux/3/will n't/PART/RB/neg/3 sink/VERB/VB/ROOT/3 ./PUNCT/./punct/3",
     {("negation.aux_remove", "It will sink.")}),
    ("Ice isn't warm, and it floats.",
     "Ice/NOUN/NN/nsubj/1 is/AUX/VBZ/ROOT/1 n't/PART/RB/neg/1 warm/ADJ/JJ/acomp/1 ,/PUNCT/,/punct/1 "
     "and/CCONJ/CC/cc/1 it/PRON/PRP/nsubj/7 floats/VERB/VBZ/conj/1/float ./PUNCT/./punct/1",
     {("negation.aux_remove", "Ice is warm, and it floats."),
      ("negation.do_insert", "Ice isn't warm, and it doesn't float.")}),
    ("Ice can't sink, but it is cold.",
     "Ice/NOUN/NN/nsubj/3 ca/AUX/MD/aux/3/can n't/PART/RB/neg/3 sink/VERB/VB/ROOT/3 ,/PUNCT/,/punct/3 "
     "but/CCONJ/CC/cc/3 it/PRON/PRP/nsubj/8 is/AUX/VBZ/conj/3 cold/ADJ/JJ/acomp/8 ./PUNCT/./punct/3",
     {("negation.aux_remove", "Ice can sink, but it is cold."),
      ("negation.aux_insert", "Ice can't sink, but it isn't cold.")}),
    ("Plants grow with sunlight.",
     "Plants/NOUN/NNS/nsubj/1 grow/VERB/VBP/ROOT/1 with/ADP/IN/prep/1 sunlight/NOUN/NN/pobj/2 ./PUNCT/./punct/1",
     {("negation.do_insert", "Plants do not grow with sunlight."),
      ("negation.with_without", "Plants grow without sunlight.")}),
    ("Fish cannot live without water.",
     "Fish/NOUN/NNS/nsubj/3 can/AUX/MD/aux/3 not/PART/RB/neg/3 live/VERB/VB/ROOT/3 without/ADP/IN/prep/3 "
     "water/NOUN/NN/pobj/4 ./PUNCT/./punct/3",
     {("negation.aux_remove", "Fish can live without water."),
      ("negation.with_without", "Fish cannot live with water.")}),
    ("Compare the rock with the ice.",
     "Compare/VERB/VB/ROOT/0 the/DET/DT/det/2 rock/NOUN/NN/dobj/0 with/ADP/IN/prep/0 the/DET/DT/det/5 "
     "ice/NOUN/NN/pobj/3 ./PUNCT/./punct/0",
     set()),
    ("It has been shown.",
     "It/PRON/PRP/nsubjpass/3 has/AUX/VBZ/aux/3 been/AUX/VBN/auxpass/3 shown/VERB/VBN/ROOT/3/show ./PUNCT/./punct/3",
     {("negation.aux_insert", "It has not been shown.")}),
    ("It's hot.",
     "It/PRON/PRP/nsubj/1 's/AUX/VBZ/ROOT/1/be hot/ADJ/JJ/acomp/1 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It's not hot.")}),
    ("Tom's dog is brown.",
     "Tom/PROPN/NNP/poss/2 's/PART/POS/case/0 dog/NOUN/NN/nsubj/3 is/AUX/VBZ/ROOT/3 brown/ADJ/JJ/acomp/3 "
     "./PUNCT/./punct/3",
     {("negation.aux_insert", "Tom's dog is not brown.")}),
    ("Do not touch the stove.",
     "Do/AUX/VB/aux/2/do not/PART/RB/neg/2 touch/VERB/VB/ROOT/2 the/DET/DT/det/4 stove/NOUN/NN/dobj/2 "
     "./PUNCT/./punct/2",
     {("negation.do_remove", "Touch the stove.")}),
    ("The frog left and came back.",
     "The/DET/DT/det/1 frog/NOUN/NN/nsubj/2 left/VERB/VBD/ROOT/2/leave and/CCONJ/CC/cc/4 "
     "came/VERB/VBD/conj/2/come back/ADV/RB/advmod/4 ./PUNCT/./punct/2",
     {("negation.do_insert", "The frog did not leave and came back."),
      ("negation.do_insert", "The frog left and did not come back.")}),
    # A tagger error (participle tagged past tense) in a conjunct under a modal: no do-support there.
    ("The yarn can be dyed and used.",
     "The/DET/DT/det/1 yarn/NOUN/NN/nsubjpass/4 can/AUX/MD/aux/4 be/AUX/VB/auxpass/4 dyed/VERB/VBN/ROOT/4/dye "
     "and/CCONJ/CC/cc/6 used/VERB/VBD/conj/4/use ./PUNCT/./punct/4",
     {("negation.aux_insert", "The yarn cannot be dyed and used.")}),
    # "is" tagged as a main verb still takes "not" directly.
    ("There is a cat.",
     "There/PRON/EX/expl/1 is/VERB/VBZ/ROOT/1/be a/DET/DT/det/3 cat/NOUN/NN/attr/1 ./PUNCT/./punct/1",
     {("negation.aux_insert", "There is not a cat.")}),
    # A root tagged as a plural noun ("shows") with a subject is a verb.
    ("The map shows a river.",
     "The/DET/DT/det/1 map/NOUN/NN/nsubj/2 shows/NOUN/NNS/ROOT/2/show a/DET/DT/det/4 river/NOUN/NN/dobj/2 "
     "./PUNCT/./punct/2",
     {("negation.do_insert", "The map does not show a river.")}),
    ("Ice isn’t warm, and it floats.",
     "Ice/NOUN/NN/nsubj/1 is/AUX/VBZ/ROOT/1 n’t/PART/RB/neg/1 warm/ADJ/JJ/acomp/1 ,/PUNCT/,/punct/1 "
     "and/CCONJ/CC/cc/1 it/PRON/PRP/nsubj/7 floats/VERB/VBZ/conj/1/float ./PUNCT/./punct/1",
     {("negation.aux_remove", "Ice is warm, and it floats."),
      ("negation.do_insert", "Ice isn’t warm, and it doesn’t float.")}),
    # "has" tagged as an auxiliary but with no participle after it is a main verb.
    ("It has fins.",
     "It/PRON/PRP/nsubj/1 has/AUX/VBZ/ROOT/1/have fins/NOUN/NNS/dobj/1 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not have fins.")}),
    ("Vermont was never a colony.",
     "Vermont/PROPN/NNP/nsubj/1 was/AUX/VBD/ROOT/1 never/ADV/RB/neg/1 a/DET/DT/det/4 colony/NOUN/NN/attr/1 "
     "./PUNCT/./punct/1",
     set()),
    ("Ann swims, and so did Bo.",
     "Ann/PROPN/NNP/nsubj/1 swims/VERB/VBZ/ROOT/1/swim ,/PUNCT/,/punct/1 and/CCONJ/CC/cc/1 so/ADV/RB/advmod/5 "
     "did/AUX/VBD/conj/1/do Bo/PROPN/NNP/nsubj/5 ./PUNCT/./punct/1",
     {("negation.do_insert", "Ann does not swim, and so did Bo.")}),
    ("Use one with salt added.",
     "Use/VERB/VB/ROOT/0 one/NUM/CD/dobj/0 with/ADP/IN/prep/1 salt/NOUN/NN/nsubj/5 added/VERB/VBD/acl/3/add "
     "./PUNCT/./punct/0",
     {("negation.with_without", "Use one without salt added.")}),
    ("Was the rock hot?",
     "Was/AUX/VBD/ROOT/0 the/DET/DT/det/2 rock/NOUN/NN/nsubj/0 hot/ADJ/JJ/acomp/0 ?/PUNCT/./punct/0",
     set()),
    ("Look at the map.",
     "Look/VERB/VB/ROOT/0 at/ADP/IN/prep/0 the/DET/DT/det/3 map/NOUN/NN/pobj/1 ./PUNCT/./punct/0",
     set()),
]


def propose(kinds, doc):
    result = kinds["negation"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    if isinstance(result, Skip):
        return set(), result
    return {(c.rule, apply_edits(doc.text, c.edits)) for c in result}, None


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("text,annotation,expected", CASES, ids=[c[0] for c in CASES])
def test_negation_golden(kinds, scheme, text, annotation, expected):
    got, skip = propose(kinds, build(text, annotation, scheme))
    assert got == expected
    if not expected:
        assert skip is not None and skip.reason


def test_skip_reason_names_the_question(kinds):
    _, skip = propose(kinds, build(*CASES[-2][:2]))
    assert skip.reason == "question"


def test_untagged_text_negates_copulas_only(kinds):
    got, _ = propose(kinds, build("The rock is hot.", "The/x/x/x/0 rock/x/x/x/0 is/x/x/x/0 hot/x/x/x/0 ./x/x/x/0",
                                  tagged=False))
    assert got == {("negation.aux_insert", "The rock is not hot.")}
    got, skip = propose(kinds, build("The box weighs much.", "The/x/x/x/0 box/x/x/x/0 weighs/x/x/x/0 much/x/x/x/0 "
                                     "./x/x/x/0", tagged=False))
    assert got == set() and "untagged" in skip.reason


def test_edits_are_token_spans_and_keep_case(kinds):
    doc = build("Do not touch the stove.", CASES[22][1])
    (cand,) = kinds["negation"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    (edit,) = cand.edits
    assert (edit.start, edit.end, edit.before, edit.after) == (0, 12, "Do not touch", "Touch")
