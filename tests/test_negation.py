"""Golden cases for the negation kind, each run on hand-built Docs in both label schemes."""
import random

import pytest
from conftest import needs_parser
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
     {("negation.do_remove", "The box weighs a lot.")}),      # "weighs much" is no positive English
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
     {("negation.do_insert", "The frog left and did not come back.")}),    # not "did not leave and came back"
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


@pytest.mark.parametrize("annotation,lemmas", [
    # the word and its UPOS decide, not the pipeline's lemma (the last field, made up here)
    ("Hens/NOUN/NNS/nsubj/1/hen lay/VERB/VBP/ROOT/1/xx eggs/NOUN/NNS/dobj/1/xx", ["hen", "lay", "egg"]),
    ("It/PRON/PRP/nsubj/1 lay/VERB/VBD/ROOT/1/xx there/ADV/RB/advmod/1", ["it", "lie", "there"]),
    ("Cells/PROPN/NNP/nsubj/1/xx divide/VERB/VBP/ROOT/1/xx", ["cell", "divide"]),
    ("It/PRON/PRP/nsubj/3 ca/AUX/MD/aux/3/xx n't/PART/RB/neg/3/xx fly/VERB/VB/ROOT/3", ["it", "can", "not", "fly"]),
    ("Taxied/VERB/VBD/ROOT/0/xx", ["taxi"]),
])
def test_lemmas_come_from_the_word_and_its_part_of_speech(annotation, lemmas):
    from snaug.nlp import lemma_of

    text = " ".join(row.split("/")[0] for row in annotation.split())
    assert [lemma_of(tok) for tok in build(text, annotation, "ud")] == lemmas


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
    # main verb or perfect auxiliary: without tags "have" cannot tell (*insects have not six legs* is not English)
    got, skip = propose(kinds, build("Insects have six legs.", "Insects/x/x/x/0 have/x/x/x/0 six/x/x/x/0 legs/x/x/x/0 "
                                     "./x/x/x/0", tagged=False))
    assert got == set() and skip.reason == "possessive or perfect 'have' unclear"


def test_edits_are_token_spans_and_keep_case(kinds):
    doc = build("Do not touch the stove.", CASES[22][1])
    (cand,) = kinds["negation"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    (edit,) = cand.edits
    assert (edit.start, edit.end, edit.before, edit.after) == (0, 12, "Do not touch", "Touch")


# -- issue 11, class 6: grammar and pragmatics of the flip -------------------------------------------------------
# Each case: hand-built parse (both schemes), expected negatives; an empty set must come with a skip reason.
CLASS6 = [
    # A tagger calling "weighs" a modal does not make it an auxiliary: do-support, never "weighs not".
    ("It weighs 5 kg.",
     "It/PRON/PRP/nsubj/1 weighs/AUX/MD/ROOT/1/weigh 5/NUM/CD/nummod/3 kg/NOUN/NNS/dobj/1 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not weigh 5 kg.")}),
    # "has webbed feet": the participle is also an adjective and a noun follows: possessive or perfect, unclear.
    ("It has webbed feet.",
     "It/PRON/PRP/nsubj/2 has/AUX/VBZ/aux/2 webbed/VERB/VBN/ROOT/2/web feet/NOUN/NNS/dobj/2 ./PUNCT/./punct/2",
     set()),
    # ... while a perfect with an object still fires, at the auxiliary.
    ("It has shown the path.",
     "It/PRON/PRP/nsubj/2 has/AUX/VBZ/aux/2 shown/VERB/VBN/ROOT/2/show the/DET/DT/det/4 path/NOUN/NN/dobj/2 "
     "./PUNCT/./punct/2",
     {("negation.aux_insert", "It has not shown the path.")}),
    # Removing a negation before a negative-polarity item takes its positive partner ...
    ("It does not have any arrows.",
     "It/PRON/PRP/nsubj/3 does/AUX/VBZ/aux/3/do not/PART/RB/neg/3 have/VERB/VB/ROOT/3 any/DET/DT/det/5 "
     "arrows/NOUN/NNS/dobj/3 ./PUNCT/./punct/3",
     {("negation.do_remove", "It has some arrows.")}),
    # ... or is skipped when there is none ("has ever").
    ("It did not ever rain.",
     "It/PRON/PRP/nsubj/4 did/AUX/VBD/aux/4/do not/PART/RB/neg/4 ever/ADV/RB/advmod/4 rain/VERB/VB/ROOT/4 "
     "./PUNCT/./punct/4",
     set()),
    # Adding one turns "some" into "any".
    ("The plant has some leaves.",
     "The/DET/DT/det/1 plant/NOUN/NN/nsubj/2 has/VERB/VBZ/ROOT/2/have some/DET/DT/det/4 leaves/NOUN/NNS/dobj/2/leaf "
     "./PUNCT/./punct/2",
     {("negation.do_insert", "The plant does not have any leaves.")}),
    # An embedded question restates the question: neither it nor the verb that asks it is negated.
    ("We decide if it is hot.",
     "We/PRON/PRP/nsubj/1 decide/VERB/VBP/ROOT/1 if/SCONJ/IN/mark/5 it/PRON/PRP/nsubj/5 is/AUX/VBZ/cop/5 "
     "hot/ADJ/JJ/ccomp/1 ./PUNCT/./punct/1",
     set()),
    ("Look at which poles are closest.",
     "Look/VERB/VB/ROOT/0 at/SCONJ/IN/mark/5 which/DET/WDT/det/3 poles/NOUN/NNS/nsubj/5 are/AUX/VBP/cop/5 "
     "closest/ADJ/JJS/advcl/0 ./PUNCT/./punct/0",
     set()),
    ("Dr. Ito investigated whether salt melts ice.",
     "Dr./PROPN/NNP/compound/1 Ito/PROPN/NNP/nsubj/2 investigated/VERB/VBD/ROOT/2/investigate "
     "whether/SCONJ/IN/mark/5 salt/NOUN/NN/nsubj/5 melts/VERB/VBZ/ccomp/2/melt ice/NOUN/NN/dobj/5 ./PUNCT/./punct/2",
     set()),
    # A conditional "if" is not an embedded question: both clauses still fire.
    ("Magnets attract if poles differ.",
     "Magnets/NOUN/NNS/nsubj/1 attract/VERB/VBP/ROOT/1 if/SCONJ/IN/mark/4 poles/NOUN/NNS/nsubj/4 "
     "differ/VERB/VBP/advcl/1 ./PUNCT/./punct/1",
     {("negation.do_insert", "Magnets do not attract if poles differ."),
      ("negation.do_insert", "Magnets attract if poles do not differ.")}),
    # "The table tells you that ..." points at the page; the reported claim is what gets negated.
    ("The table tells you that gas is light.",
     "The/DET/DT/det/1 table/NOUN/NN/nsubj/2 tells/VERB/VBZ/ROOT/2/tell you/PRON/PRP/iobj/2 that/SCONJ/IN/mark/7 "
     "gas/NOUN/NN/nsubj/7 is/AUX/VBZ/cop/7 light/ADJ/JJ/ccomp/2 ./PUNCT/./punct/2",
     {("negation.aux_insert", "The table tells you that gas is not light.")}),
    # "Some X are" and "Some X are not" are both true.
    ("Some cartons are made of wax.",
     "Some/DET/DT/det/1 cartons/NOUN/NNS/nsubjpass/3 are/AUX/VBP/auxpass/3 made/VERB/VBN/ROOT/3/make of/ADP/IN/prep/3 "
     "wax/NOUN/NN/pobj/4 ./PUNCT/./punct/3",
     set()),
    # "Half the floors are full" and "... are not full" are both true (blind round I); an amount is a claim, and
    # "the western half" is a noun, no quantifier.
    ("Half the floors are full.",
     "Half/DET/PDT/predet/2 the/DET/DT/det/2 floors/NOUN/NNS/nsubj/4 are/AUX/VBP/ROOT/4 full/ADJ/JJ/acomp/3 "
     "./PUNCT/./punct/3",
     set()),
    ("Half of 32 tables is 16.",
     "Half/NOUN/NN/nsubj/4 of/ADP/IN/prep/0 32/NUM/CD/nummod/3 tables/NOUN/NNS/pobj/1 is/AUX/VBZ/ROOT/4 "
     "16/NUM/CD/attr/4 ./PUNCT/./punct/4",
     {("negation.aux_insert", "Half of 32 tables is not 16.")}),
    # blind round F2: the amount must be the clause's own; "so she has 10" is the next clause's
    ("Half of the 20 erasers are red, so she has 10.",
     "Half/NOUN/NN/nsubj/5 of/ADP/IN/prep/0 the/DET/DT/det/4 20/NUM/CD/nummod/4 erasers/NOUN/NNS/pobj/1 "
     "are/AUX/VBP/ROOT/5 red/ADJ/JJ/acomp/5 ,/PUNCT/,/punct/5 so/ADV/RB/advmod/10 she/PRON/PRP/nsubj/10 "
     "has/VERB/VBZ/conj/5/have 10/NUM/CD/dobj/10 ./PUNCT/./punct/5",
     {("negation.do_insert", "Half of the 20 erasers are red, so she does not have 10.")}),
    # own reading, seed 79: a half written any way is a half, whatever the parse makes of it ("one" modifying
    # "half", "50 %" a conjunct), and so is "four out of the eight"; three out of eight is a claim
    ("So, one-half, or 50%, of the planets are made of rock.",
     "So/ADV/RB/advmod/14 ,/PUNCT/,/punct/14 one/NUM/CD/nummod/4 -/PUNCT/HYPH/punct/4 half/NOUN/NN/nsubjpass/14 "
     ",/PUNCT/,/punct/4 or/CCONJ/CC/cc/8 50/NUM/CD/nummod/8 %/NOUN/NN/conj/4 ,/PUNCT/,/punct/4 of/ADP/IN/prep/4 "
     "the/DET/DT/det/12 planets/NOUN/NNS/pobj/10/planet are/AUX/VBP/auxpass/14 made/VERB/VBN/ROOT/14/make "
     "of/ADP/IN/prep/14 rock/NOUN/NN/pobj/15 ./PUNCT/./punct/14",
     set()),
    ("So, 4 out of the 8 planets are made of rock.",
     "So/ADV/RB/advmod/9 ,/PUNCT/,/punct/9 4/NUM/CD/nsubjpass/9 out/ADP/IN/prep/2 of/ADP/IN/prep/3 the/DET/DT/det/7 "
     "8/NUM/CD/nummod/7 planets/NOUN/NNS/pobj/4/planet are/AUX/VBP/auxpass/9 made/VERB/VBN/ROOT/9/make "
     "of/ADP/IN/prep/9 rock/NOUN/NN/pobj/10 ./PUNCT/./punct/9",
     set()),
    ("So, 3 out of the 8 planets are made of rock.",
     "So/ADV/RB/advmod/9 ,/PUNCT/,/punct/9 3/NUM/CD/nsubjpass/9 out/ADP/IN/prep/2 of/ADP/IN/prep/3 the/DET/DT/det/7 "
     "8/NUM/CD/nummod/7 planets/NOUN/NNS/pobj/4/planet are/AUX/VBP/auxpass/9 made/VERB/VBN/ROOT/9/make "
     "of/ADP/IN/prep/9 rock/NOUN/NN/pobj/10 ./PUNCT/./punct/9",
     {("negation.aux_insert", "So, 3 out of the 8 planets are not made of rock.")}),
    # own reading, seed 79: in a denied claim, "with" -> "without" denies the other case, as true
    ("Its body is not adapted against predators with sharp teeth.",
     "Its/PRON/PRP$/poss/1 body/NOUN/NN/nsubjpass/4 is/AUX/VBZ/auxpass/4 not/PART/RB/neg/4 "
     "adapted/VERB/VBN/ROOT/4/adapt against/ADP/IN/prep/4 predators/NOUN/NNS/pobj/5/predator with/ADP/IN/prep/6 "
     "sharp/ADJ/JJ/amod/9 teeth/NOUN/NNS/pobj/7/tooth ./PUNCT/./punct/4",
     {("negation.aux_remove", "Its body is adapted against predators with sharp teeth.")}),
    # own reading, seed 43: a word talked about ("can") leads the parser astray ("uses" parsed as a subject); the
    # plain noun phrase before the agreeing finite verb is its subject by word order
    ("The second text uses can in its traditional sense.",
     "The/DET/DT/det/2 second/ADJ/JJ/amod/2 text/NOUN/NN/compound/3 uses/VERB/VBZ/nsubj/8/use can/AUX/MD/aux/8 "
     "in/ADP/IN/case/8 its/PRON/PRP$/poss/8 traditional/ADJ/JJ/amod/8 sense/NOUN/NN/ROOT/8 ./PUNCT/./punct/8",
     {("negation.do_insert", "The second text does not use can in its traditional sense.")}),
    ("The texts uses can in its sense.",
     "The/DET/DT/det/1 texts/NOUN/NNS/compound/2 uses/VERB/VBZ/nsubj/6/use can/AUX/MD/aux/6 "
     "in/ADP/IN/case/6 its/PRON/PRP$/poss/6 sense/NOUN/NN/ROOT/6 ./PUNCT/./punct/6",
     set()),                                        # no agreement, no subject: skipped as before
    # blind round H2: a past participle the tagger calls an adverb still makes "has" a perfect auxiliary
    ("She has sewn 39 aprons.",
     "She/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1/have sewn/ADV/RB/advmod/1 39/NUM/CD/nummod/4 "
     "aprons/NOUN/NNS/dobj/1/apron ./PUNCT/./punct/1",
     {("negation.aux_insert", "She has not sewn 39 aprons.")}),
    # blind round G2: a count worked out as a half is a proportion too ("are not women" holds of the other half)
    ("So 30 x 0.5 = 15 are women.",
     "So/ADV/RB/advmod/6 30/NUM/CD/nsubj/6 x/SYM/SYM/punct/1 0.5/NUM/CD/nummod/1 =/SYM/SYM/punct/1 "
     "15/NUM/CD/appos/1 are/AUX/VBP/ROOT/6 women/NOUN/NNS/attr/6/woman ./PUNCT/./punct/6",
     set()),
    ("So 30 x 0.4 = 12 are women.",
     "So/ADV/RB/advmod/6 30/NUM/CD/nsubj/6 x/SYM/SYM/punct/1 0.4/NUM/CD/nummod/1 =/SYM/SYM/punct/1 "
     "12/NUM/CD/appos/1 are/AUX/VBP/ROOT/6 women/NOUN/NNS/attr/6/woman ./PUNCT/./punct/6",
     {("negation.aux_insert", "So 30 x 0.4 = 12 are not women.")}),
    # blind round F2: a form that is also an adjective, after the noun a "there are" clause has, describes it
    ("There are 5 students still awake.",
     "There/PRON/EX/expl/1 are/AUX/VBP/ROOT/1 5/NUM/CD/nummod/3 students/NOUN/NNS/nsubj/5 still/ADV/RB/advmod/5 "
     "awake/VERB/VBP/parataxis/1/awake ./PUNCT/./punct/1",
     {("negation.aux_insert", "There are not 5 students still awake.")}),
    # blind A/B of this session's changes: a parser may hang "Since" on "half"; it still quantifies
    ("Since half the seats are full, we wait.",
     "Since/SCONJ/IN/case/2 half/NOUN/NN/nsubj/4 the/DET/DT/det/3 seats/NOUN/NNS/nmod/1 are/AUX/VBP/advcl/8 "
     "full/ADJ/JJ/acomp/4 ,/PUNCT/,/punct/8 we/PRON/PRP/nsubj/8 wait/VERB/VBP/ROOT/8/wait ./PUNCT/./punct/8",
     set()),
    ("The western half is part of Indonesia.",
     "The/DET/DT/det/2 western/ADJ/JJ/amod/2 half/NOUN/NN/nsubj/3 is/AUX/VBZ/ROOT/3 part/NOUN/NN/attr/3 "
     "of/ADP/IN/prep/4 Indonesia/PROPN/NNP/pobj/5 ./PUNCT/./punct/3",
     {("negation.aux_insert", "The western half is not part of Indonesia.")}),
    # A sentence adverb keeps scope over the negation.
    ("The fossil is most likely younger.",
     "The/DET/DT/det/1 fossil/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 most/ADV/RBS/advmod/4 likely/ADV/RB/advmod/5 "
     "younger/ADJ/JJR/acomp/2 ./PUNCT/./punct/2",
     {("negation.aux_insert", "The fossil is most likely not younger.")}),
    # class 4: where English fuses the negation with the modal, the additive adverb moves in front of it: never
    # "can also not help" (a choice not to) nor "cannot also help" (cannot do both; blind round H) ...
    ("It can also help.",
     "It/PRON/PRP/nsubj/3 can/AUX/MD/aux/3 also/ADV/RB/advmod/3 help/VERB/VB/ROOT/3 ./PUNCT/./punct/3",
     {("negation.aux_insert", "It also cannot help.")}),
    ("It can't fly, but it can also swim.",          # in a text with contractions, the contraction
     "It/PRON/PRP/nsubj/3 ca/AUX/MD/aux/3/can n't/PART/RB/neg/3 fly/VERB/VB/ROOT/3 ,/PUNCT/,/punct/3 "
     "but/CCONJ/CC/cc/9 it/PRON/PRP/nsubj/9 can/AUX/MD/aux/9 also/ADV/RB/advmod/9 swim/VERB/VB/conj/3 "
     "./PUNCT/./punct/3",
     {("negation.aux_remove", "It can fly, but it can also swim."),
      ("negation.aux_insert", "It can't fly, but it also can't swim.")}),
    # ... while an auxiliary with no fused form takes "not" after the adverb
    ("The ice is also cold.",
     "The/DET/DT/det/1 ice/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 also/ADV/RB/advmod/2 cold/ADJ/JJ/acomp/2 "
     "./PUNCT/./punct/2",
     {("negation.aux_insert", "The ice is also not cold.")}),
    # a positive-polarity adverb becomes its negative partner: never "will not still have"
    ("She will still have 5 apples.",
     "She/PRON/PRP/nsubj/3 will/AUX/MD/aux/3 still/ADV/RB/advmod/3 have/VERB/VB/ROOT/3 5/NUM/CD/nummod/5 "
     "apples/NOUN/NNS/dobj/3 ./PUNCT/./punct/3",
     {("negation.aux_insert", "She will no longer have 5 apples.")}),
    # a "not" before an adjective that negates another word is a double negative: it hedges, it does not deny
    # (blind rounds I and R: 'Choice "..." is incorrect.' -> "is not incorrect")
    ("The choice is incorrect.",
     "The/DET/DT/det/1 choice/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 incorrect/ADJ/JJ/acomp/2 ./PUNCT/./punct/2",
     set()),
    ("The outcome is unlikely.",
     "The/DET/DT/det/1 outcome/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 unlikely/ADJ/JJ/acomp/2 ./PUNCT/./punct/2",
     set()),
    ("The choice is correct.",
     "The/DET/DT/det/1 choice/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 correct/ADJ/JJ/acomp/2 ./PUNCT/./punct/2",
     {("negation.aux_insert", "The choice is not correct.")}),
    ("The grain is unique.",                 # "ique" is no word: "unique" is no negated adjective
     "The/DET/DT/det/1 grain/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 unique/ADJ/JJ/acomp/2 ./PUNCT/./punct/2",
     {("negation.aux_insert", "The grain is not unique.")}),
    # a focus particle after the negation's place would make "not only", the first half of "not only X but also Y"
    ("The phone will only cost $5.",
     "The/DET/DT/det/1 phone/NOUN/NN/nsubj/4 will/AUX/MD/aux/4 only/ADV/RB/advmod/4 cost/VERB/VB/ROOT/4 "
     "$/SYM/$/dobj/4 5/NUM/CD/nummod/5 ./PUNCT/./punct/4",
     set()),
    ("It only costs $5.",
     "It/PRON/PRP/nsubj/2 only/ADV/RB/advmod/2 costs/VERB/VBZ/ROOT/2/cost $/SYM/$/dobj/2 5/NUM/CD/nummod/3 "
     "./PUNCT/./punct/2",
     set()),
    ("The phone will cost $5.",
     "The/DET/DT/det/1 phone/NOUN/NN/nsubj/3 will/AUX/MD/aux/3 cost/VERB/VB/ROOT/3 $/SYM/$/dobj/3 "
     "5/NUM/CD/nummod/4 ./PUNCT/./punct/3",
     {("negation.aux_insert", "The phone will not cost $5.")}),
    ("It costs $5.",
     "It/PRON/PRP/nsubj/1 costs/VERB/VBZ/ROOT/1/cost $/SYM/$/dobj/1 5/NUM/CD/nummod/2 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not cost $5.")}),
    ("The ice has already melted.",
     "The/DET/DT/det/1 ice/NOUN/NN/nsubj/4 has/AUX/VBZ/aux/4 already/ADV/RB/advmod/4 melted/VERB/VBN/ROOT/4/melt "
     "./PUNCT/./punct/4",
     {("negation.aux_insert", "The ice has not yet melted.")}),
    # "left" after the noun a clause's "be" or "have" already has is what remains: "did not leave" is no English,
    # and the "have" is the verb, whatever the parse ("has ... left" read as a perfect)
    ("There are 12 cheerleaders left.",
     "There/PRON/EX/expl/1 are/VERB/VBP/ccomp/4/be 12/NUM/CD/nummod/3 cheerleaders/NOUN/NNS/nsubj/4/cheerleader "
     "left/VERB/VBD/ROOT/4/leave ./PUNCT/./punct/4",
     {("negation.aux_insert", "There are not 12 cheerleaders left.")}),
    ("Ann has 8 iPods left.",
     "Ann/PROPN/NNP/nsubj/1 has/AUX/VBZ/aux/4/have 8/NUM/CD/nummod/3 iPods/NOUN/NNS/dobj/1/ipod "
     "left/VERB/VBN/ROOT/4/leave ./PUNCT/./punct/4",
     {("negation.do_insert", "Ann does not have 8 iPods left.")}),
    ("In her final year, 15 students left her class.",     # no verb before the noun: "left" is the verb
     "In/ADP/IN/prep/7 her/PRON/PRP$/poss/3 final/ADJ/JJ/amod/3 year/NOUN/NN/pobj/0 ,/PUNCT/,/punct/7 "
     "15/NUM/CD/nummod/6 students/NOUN/NNS/nsubj/7/student left/VERB/VBD/ROOT/7/leave her/PRON/PRP$/poss/9 "
     "class/NOUN/NN/dobj/7 ./PUNCT/./punct/7",
     {("negation.do_insert", "In her final year, 15 students did not leave her class.")}),
    # a past participle after its noun, with the clause's own "is" later, is a reduced relative, not a verb
    ("The amount paid to the teacher is $25.",
     "The/DET/DT/det/1 amount/NOUN/NN/nsubj/2 paid/VERB/VBD/ROOT/2/pay to/ADP/IN/prep/2 the/DET/DT/det/5 "
     "teacher/NOUN/NN/pobj/3 is/AUX/VBZ/conj/2 $/SYM/$/nmod/8 25/NUM/CD/attr/6 ./PUNCT/./punct/2",
     {("negation.aux_insert", "The amount paid to the teacher is not $25.")}),
    ("The dog chased the cat.",
     "The/DET/DT/det/1 dog/NOUN/NN/nsubj/2 chased/VERB/VBD/ROOT/2/chase the/DET/DT/det/4 cat/NOUN/NN/dobj/2 "
     "./PUNCT/./punct/2",
     {("negation.do_insert", "The dog did not chase the cat.")}),
    ("The number of pens that Jo has more than Al is 20.",
     "The/DET/DT/det/1 number/NOUN/NN/nsubj/10 of/ADP/IN/prep/1 pens/NOUN/NNS/pobj/2 that/PRON/WDT/dobj/5 "
     "Jo/PROPN/NNP/nsubj/5 has/VERB/VBZ/relcl/3/have more/ADJ/JJR/dobj/5 than/ADP/IN/prep/6 Al/PROPN/NNP/pobj/7 "
     "is/AUX/VBZ/ROOT/10 20/NUM/CD/attr/10 ./PUNCT/./punct/10",
     set()),                # the relative's verb names which pens; "is" follows "than" (a comparison's standard)
    # an object relative read off the spelling where the tagger calls the name a noun and the noun an adjective
    ("Find the number of goldfish Carmen adds: 4 goldfish.",
     "Find/VERB/VB/ROOT/0 the/DET/DT/det/2 number/NOUN/NN/dobj/0 of/ADP/IN/prep/2 goldfish/ADJ/JJ/pobj/3 "
     "Carmen/NOUN/NNS/nsubj/6 adds/VERB/VBZ/relcl/4/add :/PUNCT/:/punct/0 4/NUM/CD/nummod/9 "
     "goldfish/NOUN/NNS/appos/2 ./PUNCT/./punct/0",
     set()),
    # a polarity item outside the negation's scope (in an adjunct) stays as it is
    ("John has 32 readers after losing some.",
     "John/PROPN/NNP/nsubj/1 has/VERB/VBZ/ROOT/1/have 32/NUM/CD/nummod/3 readers/NOUN/NNS/dobj/1/reader "
     "after/ADP/IN/prep/1 losing/VERB/VBG/pcomp/4/lose some/PRON/DT/dobj/5 ./PUNCT/./punct/1",
     {("negation.do_insert", "John does not have 32 readers after losing some.")}),
    # A condition with a generic subject says when a property shows; the property is what gets negated.
    ("It bends when you push it.",
     "It/PRON/PRP/nsubj/1 bends/VERB/VBZ/ROOT/1/bend when/SCONJ/WRB/advmod/4 you/PRON/PRP/nsubj/4 "
     "push/VERB/VBP/advcl/1 it/PRON/PRP/dobj/4 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not bend when you push it.")}),
    # "any container it is in": a relative clause restricting a universal.
    ("It fills any box it is in.",
     "It/PRON/PRP/nsubj/1 fills/VERB/VBZ/ROOT/1/fill any/DET/DT/det/3 box/NOUN/NN/dobj/1 it/PRON/PRP/nsubj/5 "
     "is/AUX/VBZ/relcl/3 in/ADP/IN/prep/5 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not fill any box it is in.")}),
    # A past form that is also a participle, right after a comma, is a reduced relative more often than a verb.
    ("Heat forms rock, called marble.",
     "Heat/NOUN/NN/nsubj/1 forms/VERB/VBZ/ROOT/1/form rock/NOUN/NN/dobj/1 ,/PUNCT/,/punct/1 "
     "called/VERB/VBD/conj/1/call marble/NOUN/NN/dobj/4 ./PUNCT/./punct/1",
     {("negation.do_insert", "Heat does not form rock, called marble.")}),
    # An object relative clause picks out a thing ("the number he has now"); negating it changes which thing.
    ("It is the sum he has now.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 the/DET/DT/det/4 sum/NOUN/NN/attr/1 he/PRON/PRP/nsubj/5 "
     "has/VERB/VBZ/relcl/3/have now/ADV/RB/advmod/5 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It is not the sum he has now.")}),
    # The reasoner framing the argument with a question verb.
    ("We know Ann ran.",
     "We/PRON/PRP/nsubj/1 know/VERB/VBP/ROOT/1 Ann/PROPN/NNP/nsubj/3 ran/VERB/VBD/ccomp/1/run ./PUNCT/./punct/1",
     {("negation.do_insert", "We know Ann did not run.")}),
    # A temporal clause sets the scene.
    ("It is 21 when Max turns 3.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 21/NUM/CD/attr/1 when/SCONJ/WRB/advmod/5 Max/PROPN/NNP/nsubj/5 "
     "turns/VERB/VBZ/advcl/1/turn 3/NUM/CD/dobj/5 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It is not 21 when Max turns 3.")}),
    # The lemma comes from lemminflect's tables, never from the pipeline's lemmatizer, whose made-up "doubl" is
    # not read (lemminflect inflects any string).
    ("You doubled it.",
     "You/PRON/PRP/nsubj/1 doubled/VERB/VBD/ROOT/1/doubl it/PRON/PRP/dobj/1 ./PUNCT/./punct/1",
     {("negation.do_insert", "You did not double it.")}),
    # GSM8K "= 13 objects": a noun tagged as a verb right after a number is not a verb.
    ("So 10 + 3 = 13 objects",
     "So/ADV/RB/advmod/6 10/NUM/CD/nsubj/6 +/SYM/SYM/cc/1 3/NUM/CD/conj/1 =/SYM/SYM/punct/6 13/NUM/CD/nsubj/6 "
     "objects/VERB/VBZ/ROOT/6/object",
     set()),
    # Blind round: "Will paid $30 for his shoes": a modal takes a bare verb; before a past form it is a name.
    ("Will paid $30.",
     "Will/AUX/MD/nsubj/1 paid/VERB/VBD/ROOT/1/pay $/SYM/$/nmod/3 30/NUM/CD/dobj/1 ./PUNCT/./punct/1",
     set()),
    ("It will pay $30.",
     "It/PRON/PRP/nsubj/2 will/AUX/MD/aux/2 pay/VERB/VB/ROOT/2/pay $/SYM/$/nmod/4 30/NUM/CD/dobj/2 ./PUNCT/./punct/2",
     {("negation.aux_insert", "It will not pay $30.")}),
    # Blind round: "shared the rent with her" and "bunches with 8 bananas": "without" there is no English.
    ("She shared the rent with her.",
     "She/PRON/PRP/nsubj/1 shared/VERB/VBD/ROOT/1/share the/DET/DT/det/3 rent/NOUN/NN/dobj/1 with/ADP/IN/prep/1 "
     "her/PRON/PRP/pobj/4 ./PUNCT/./punct/1",
     {("negation.do_insert", "She did not share the rent with her.")}),
    # blind round P: "the money he was left with" -> "left without" is no English: what remains, not company
    ("He is left with the apples.",
     "He/PRON/PRP/nsubjpass/2 is/AUX/VBZ/auxpass/2 left/VERB/VBN/ROOT/2/leave with/ADP/IN/prep/2 the/DET/DT/det/5 "
     "apples/NOUN/NNS/pobj/3 ./PUNCT/./punct/2",
     {("negation.aux_insert", "He is not left with the apples.")}),
    ("It has bunches with 8 bananas.",
     "It/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1/have bunches/NOUN/NNS/dobj/1 with/ADP/IN/prep/2 8/NUM/CD/nummod/5 "
     "bananas/NOUN/NNS/pobj/3 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not have bunches with 8 bananas.")}),
    # blind round Z: a predicate already contrasted with "not", a "with" left without its object, "or" under a
    # negation (neither), a manner clause, and the second half of "as ... as" have no negation to flip
    ("It makes eggs, not pollen.",
     "It/PRON/PRP/nsubj/1 makes/VERB/VBZ/ROOT/1/make eggs/NOUN/NNS/dobj/1/egg ,/PUNCT/,/punct/1 not/PART/RB/neg/5 "
     "pollen/NOUN/NN/conj/2 ./PUNCT/./punct/1",
     set()),
    ("It did not control Asia or Europe.",
     "It/PRON/PRP/nsubj/3 did/AUX/VBD/aux/3/do not/PART/RB/neg/3 control/VERB/VB/ROOT/3 Asia/PROPN/NNP/dobj/3 "
     "or/CCONJ/CC/cc/4 Europe/PROPN/NNP/conj/4 ./PUNCT/./punct/3",
     set()),
    ("They like the way they hold it.",
     "They/PRON/PRP/nsubj/1 like/VERB/VBP/ROOT/1 the/DET/DT/det/3 way/NOUN/NN/dobj/1 they/PRON/PRP/nsubj/5 "
     "hold/VERB/VBP/relcl/3 it/PRON/PRP/dobj/5 ./PUNCT/./punct/1",
     {("negation.do_insert", "They do not like the way they hold it.")}),
    ("She has as many as he has.",
     "She/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1/have as/ADV/RB/advmod/3 many/ADJ/JJ/dobj/1 as/SCONJ/IN/mark/6 "
     "he/PRON/PRP/nsubj/6 has/VERB/VBZ/advcl/1/have ./PUNCT/./punct/1",
     {("negation.do_insert", "She does not have as many as he has.")}),
    ("Mia has some to stay with.",
     "Mia/PROPN/NNP/nsubj/1 has/VERB/VBZ/ROOT/1/have some/DET/DT/dobj/1 to/PART/TO/aux/4 stay/VERB/VB/relcl/2 "
     "with/ADP/IN/prep/4 ./PUNCT/./punct/1",
     {("negation.do_insert", "Mia does not have any to stay with.")}),
    # blind round Y: a negative word before the verb makes the clause negative already ("12 students neither
    # like ..." -> "neither do not like"); a sentence that supposes claims nothing ("Let's say the side is s")
    ("Nobody likes the subjects.",
     "Nobody/PRON/NN/nsubj/1 likes/VERB/VBZ/ROOT/1/like the/DET/DT/det/3 subjects/NOUN/NNS/dobj/1/subject "
     "./PUNCT/./punct/1",
     set()),
    ("No, it is red.",
     "No/INTJ/UH/intj/3 ,/PUNCT/,/punct/3 it/PRON/PRP/nsubj/3 is/AUX/VBZ/ROOT/3 red/ADJ/JJ/acomp/3 ./PUNCT/./punct/3",
     {("negation.aux_insert", "No, it is not red.")}),
    ("Let's say the side is s.",
     "Let/VERB/VB/ROOT/0 's/PRON/PRP/nsubj/2 say/VERB/VB/ccomp/0 the/DET/DT/det/4 side/NOUN/NN/nsubj/5 "
     "is/AUX/VBZ/ccomp/2 s/NOUN/NN/attr/5 ./PUNCT/./punct/0",
     set()),
    # blind round V: an amount compared in the subject, or a subject contrasted with "not", has no verb to negate
    ("Less rain falls in June than in May.",
     "Less/ADJ/JJR/amod/1 rain/NOUN/NN/nsubj/2 falls/VERB/VBZ/ROOT/2/fall in/ADP/IN/prep/2 June/PROPN/NNP/pobj/3 "
     "than/ADP/IN/prep/2 in/ADP/IN/prep/5 May/PROPN/NNP/pobj/6 ./PUNCT/./punct/2",
     set()),
    ("Less rain falls in June.",
     "Less/ADJ/JJR/amod/1 rain/NOUN/NN/nsubj/2 falls/VERB/VBZ/ROOT/2/fall in/ADP/IN/prep/2 June/PROPN/NNP/pobj/3 "
     "./PUNCT/./punct/2",
     {("negation.do_insert", "Less rain does not fall in June.")}),
    ("April, not May, has the most rain.",
     "April/PROPN/NNP/nsubj/5 ,/PUNCT/,/punct/0 not/PART/RB/neg/3 May/PROPN/NNP/appos/0 ,/PUNCT/,/punct/0 "
     "has/VERB/VBZ/ROOT/5/have the/DET/DT/det/8 most/ADJ/JJS/amod/8 rain/NOUN/NN/dobj/5 ./PUNCT/./punct/5",
     set()),
    # blind round U: a modal's form after "per" or an article is a noun ("his earnings per can")
    ("It costs 5 cents per can.",
     "It/PRON/PRP/nsubj/1 costs/VERB/VBZ/ROOT/1/cost 5/NUM/CD/nummod/3 cents/NOUN/NNS/dobj/1/cent per/ADP/IN/prep/3 "
     "can/AUX/MD/pobj/4 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not cost 5 cents per can.")}),
    # blind round U: "A, but they are not B" with the "not" gone (or one added to A) contrasts nothing: "and"
    ("It is big, but it is not heavy.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 big/ADJ/JJ/acomp/1 ,/PUNCT/,/punct/1 but/CCONJ/CC/cc/1 "
     "it/PRON/PRP/nsubj/6 is/AUX/VBZ/conj/1 not/PART/RB/neg/6 heavy/ADJ/JJ/acomp/6 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It is not big, and it is not heavy."),
      ("negation.aux_remove", "It is big, and it is heavy.")}),
    ("It is big, but it is heavy.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 big/ADJ/JJ/acomp/1 ,/PUNCT/,/punct/1 but/CCONJ/CC/cc/1 "
     "it/PRON/PRP/nsubj/6 is/AUX/VBZ/conj/1 heavy/ADJ/JJ/acomp/6 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It is not big, but it is heavy."),
      ("negation.aux_insert", "It is big, but it is not heavy.")}),
    # blind round S: the verb that selects "with" may stand before its object ("associating X with Y"), and an
    # amount the phrase already grades has no "without" ("the one without the lowest rainfall")
    ("It links the product with fun.",
     "It/PRON/PRP/nsubj/1 links/VERB/VBZ/ROOT/1/link the/DET/DT/det/3 product/NOUN/NN/dobj/1 with/ADP/IN/prep/3 "
     "fun/NOUN/NN/pobj/4 ./PUNCT/./punct/1",
     {("negation.do_insert", "It does not link the product with fun."),
      ("negation.with_without", "It links the product without fun.")}),
    ("It is associating the product with fun.",
     "It/PRON/PRP/nsubj/2 is/AUX/VBZ/aux/2 associating/VERB/VBG/ROOT/2/associate the/DET/DT/det/4 "
     "product/NOUN/NN/dobj/2 with/ADP/IN/prep/4 fun/NOUN/NN/pobj/5 ./PUNCT/./punct/2",
     {("negation.aux_insert", "It is not associating the product with fun.")}),
    ("It is the month with the lowest rainfall.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 the/DET/DT/det/3 month/NOUN/NN/attr/1 with/ADP/IN/prep/3 "
     "the/DET/DT/det/7 lowest/ADJ/JJS/amod/7/low rainfall/NOUN/NN/pobj/4 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It is not the month with the lowest rainfall.")}),
    ("It is a month with little rain.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 a/DET/DT/det/3 month/NOUN/NN/attr/1 with/ADP/IN/prep/3 "
     "little/ADJ/JJ/amod/6 rain/NOUN/NN/pobj/4 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It is not a month with little rain.")}),
    ("It is a month with heavy rain.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 a/DET/DT/det/3 month/NOUN/NN/attr/1 with/ADP/IN/prep/3 "
     "heavy/ADJ/JJ/amod/6 rain/NOUN/NN/pobj/4 ./PUNCT/./punct/1",
     {("negation.aux_insert", "It is not a month with heavy rain."),
      ("negation.with_without", "It is a month without heavy rain.")}),
    # A manner adverb before the verb falls inside the negation ("does not directly address", never "directly does
    # not address"); one that frames the claim (how often, how likely) keeps the negation after it.
    ("It directly addresses the question.",
     "It/PRON/PRP/nsubj/2 directly/ADV/RB/advmod/2 addresses/VERB/VBZ/ROOT/2/address the/DET/DT/det/4 "
     "question/NOUN/NN/dobj/2 ./PUNCT/./punct/2",
     {("negation.do_insert", "It does not directly address the question.")}),
    ("We usually eat the leaves.",
     "We/PRON/PRP/nsubj/2 usually/ADV/RB/advmod/2 eat/VERB/VBP/ROOT/2/eat the/DET/DT/det/4 "
     "leaves/NOUN/NNS/dobj/2/leaf ./PUNCT/./punct/2",
     {("negation.do_insert", "We usually do not eat the leaves.")}),
    # A verb that selects "with", in any of its forms: listed once by its base form ("fill" covers "filling").
    ("The test involves filling a cone with concrete.",
     "The/DET/DT/det/1 test/NOUN/NN/nsubj/2 involves/VERB/VBZ/ROOT/2/involve filling/VERB/VBG/xcomp/2/fill "
     "a/DET/DT/det/5 cone/NOUN/NN/dobj/3 with/ADP/IN/prep/3 concrete/NOUN/NN/pobj/6 ./PUNCT/./punct/2",
     {("negation.do_insert", "The test does not involve filling a cone with concrete.")}),
    ("She paid with cash.",
     "She/PRON/PRP/nsubj/1 paid/VERB/VBD/ROOT/1/pay with/ADP/IN/prep/1 cash/NOUN/NN/pobj/2 ./PUNCT/./punct/1",
     {("negation.do_insert", "She did not pay with cash.")}),
    # Two bare verbs under one subject: the negation on the first leaves "does not walk and flies" (own reading,
    # seed 31); the tagger calls "flies" a plural noun, the parse a conjunct. With an object between, it reads on.
    ("It walks and flies.",
     "It/PRON/PRP/nsubj/1 walks/VERB/VBZ/ROOT/1/walk and/CCONJ/CC/cc/3 flies/NOUN/NNS/conj/1/fly "
     "./PUNCT/./punct/1",
     set()),
    ("It sold muffins and has cake.",
     "It/PRON/PRP/nsubj/1 sold/VERB/VBD/ROOT/1/sell muffins/NOUN/NNS/dobj/1/muffin and/CCONJ/CC/cc/4 "
     "has/VERB/VBZ/conj/1/have cake/NOUN/NN/dobj/4 ./PUNCT/./punct/1",
     {("negation.do_insert", "It did not sell muffins and has cake."),
      ("negation.do_insert", "It sold muffins and does not have cake.")}),
    # a verb right after "nor" is inside the negation already: "neither took the bus nor didn't bike" is no English
    ("They neither took the bus nor biked home.",
     "They/PRON/PRP/nsubj/2 neither/CCONJ/CC/preconj/2 took/VERB/VBD/ROOT/2/take the/DET/DT/det/4 "
     "bus/NOUN/NN/dobj/2 nor/CCONJ/CC/cc/6 biked/VERB/VBD/conj/2/bike home/ADV/RB/advmod/6 ./PUNCT/./punct/2",
     set()),
    # A noun tagged as a verb between "both" and its "and" closes the first half of a correlative subject.
    ("Both magnet size and distance affect the force.",
     "Both/DET/DT/det/1 magnet/NOUN/NN/nsubj/2 size/VERB/VBP/ROOT/2/size and/CCONJ/CC/cc/5 "
     "distance/NOUN/NN/nsubj/5 affect/VERB/VBP/conj/2/affect the/DET/DT/det/7 force/NOUN/NN/dobj/5 ./PUNCT/./punct/2",
     {("negation.do_insert", "Both magnet size and distance do not affect the force.")}),
]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("text,annotation,expected", CLASS6, ids=[c[0] for c in CLASS6])
def test_negation_grammar_and_pragmatics(kinds, scheme, text, annotation, expected):
    got, skip = propose(kinds, build(text, annotation, scheme))
    assert got == expected
    if not expected:
        assert skip is not None and skip.reason


def test_a_quoted_choice_is_not_negated(kinds):
    """ScienceQA quotes the sentence under study; its truth is not what the rationale argues."""
    text = "The first one is simple. The fox ran home."
    doc = build(text, "The/DET/DT/det/1 first/ADJ/JJ/amod/2 one/NOUN/NN/nsubj/3 is/AUX/VBZ/ROOT/3 "
                "simple/ADJ/JJ/acomp/3 ./PUNCT/./punct/3 The/DET/DT/det/7 fox/NOUN/NN/nsubj/8 ran/VERB/VBD/ROOT/8/run "
                "home/ADV/RB/advmod/8 ./PUNCT/./punct/8")
    example = Example(id="x", split="t", target=text, choices=("The fox ran home.", "I ate, and you ran."))
    result = kinds["negation"].propose(doc, example, random.Random(0))
    assert {apply_edits(text, c.edits) for c in result} == {"The first one is not simple. The fox ran home."}
    alone = kinds["negation"].propose(doc, Example(id="x", split="t", target=text), random.Random(0))
    assert "The first one is simple. The fox did not run home." in {apply_edits(text, c.edits) for c in alone}


def test_a_title_set_in_bold_is_named_not_asserted(kinds):
    """Blind round ZY: "The correct title is **You Can't Do That on Television**." -> "You Can Do That": the
    rationale is about how the title is set, not about what it says."""
    text = "It is **You Can't Do It**."
    doc = build(text, "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 **/PUNCT/NFP/punct/1 You/PRON/PRP/nsubj/5 "
                      "Ca/AUX/MD/aux/5/can n't/PART/RB/neg/5 Do/VERB/VB/attr/1 It/PRON/PRP/dobj/5 **/PUNCT/NFP/punct/1 "
                      "./PUNCT/./punct/1")
    got = {apply_edits(text, c.edits) for c in kinds["negation"].propose(doc, Example(id="x", split="t",
                                                                                      target=text), random.Random(0))}
    assert got == {"It isn't **You Can't Do It**."}          # the text's own contractions


# -- the same mechanisms on the installed parser (a weak tagger): what a user's run actually does -----------------
REAL = [
    ("It has webbed feet.", set()),
    ("It weighs 5 kg.", {"It does not weigh 5 kg."}),
    ("To find out, look at which poles are closest to each other.", set()),
    ("For each object, decide if it has that property.", set()),
    # the need to answer a question frames the task (blind round J): "does not need to figure out how many"
    ("First, Amanda needs to figure out how many walls there are in the house.", set()),
    ("You need to know how the tectonic plates interacted.", set()),
    ("He needs to find 5 more apples.", {"He does not need to find 5 more apples."}),
    # "the time it takes him" names which time (blind rounds J, L): "the time it does not take him" is no English
    ("The time it takes him to run it is 5 minutes.", {"The time it takes him to run it is not 5 minutes."}),
    ("It takes him 5 minutes to run it.", {"It does not take him 5 minutes to run it."}),
    ("The arrow does not have any arrows pointing to it.", {"The arrow has some arrows pointing to it."}),
    # own reading, seed 61: a past form after a base verb's object describes it ("find the city labeled Rome"),
    # whatever the tagger calls it; the sentence after it still negates
    ("Look at the map. Now find the city labeled Rome. Four groups are nearby.",
     {"Look at the map. Now find the city labeled Rome. Four groups are not nearby."}),
    # "each year" says when, not what: "the number of mice the snake eats each year" names a number
    ("First find the number of mice the snake eats each year: 52 weeks/year / 4 weeks/mouse = 13 mice/year", set()),
    ("The snake eats 13 mice each year.", {"The snake does not eat 13 mice each year."}),
    # a noun between a pronoun subject and its verb is part of the verb: "She hand does not wash" is no English
    ("She hand washes them every 4 weeks and there are 52 weeks in a year.",
     {"She hand washes them every 4 weeks and there are not 52 weeks in a year."}),
    ("She washes them by hand every 4 weeks.", {"She does not wash them by hand every 4 weeks."}),
    # "cost not $5, but $3" already negates: "would not cost not $5" doubles it
    ("So one kilogram of apples would cost not $5, but 5 - 2 = $3.", set()),
    ("So one kilogram of apples would cost $3.", {"So one kilogram of apples would not cost $3."}),
    # blind check of with/without: in a split into two equal groups, "without" one names the other (still 2:2)
    ("So, the expected ratio of offspring with bush growth to offspring with climbing growth is 2:2.",
     {"So, the expected ratio of offspring with bush growth to offspring with climbing growth is not 2:2."}),
    ("So, the expected ratio of offspring with bush growth to offspring with climbing growth is 3:1.",
     {"So, the expected ratio of offspring with bush growth to offspring with climbing growth is not 3:1.",
      "So, the expected ratio of offspring without bush growth to offspring with climbing growth is 3:1.",
      "So, the expected ratio of offspring with bush growth to offspring without climbing growth is 3:1."}),
    # own reading, seed 67: "without an unspotted tail" is a double negative, not the opposite claim
    ("This cross will produce 2 offspring with a spotted tail for every 2 offspring with an unspotted tail.",
     {"This cross will not produce 2 offspring with a spotted tail for every 2 offspring with an unspotted tail."}),
    # own reading, seed 67: "they'll not need" is marked English; the clitic is written out
    ("And they'll need to make 1.5 * 37 = 55.5 omelets.", {"And they will not need to make 1.5 * 37 = 55.5 omelets."}),
    ("They'll also need 5 apples.", {"They also will not need 5 apples."}),
    # "with each jump" is a rate: "without each jump" is none
    ("The pool loses 400 ml with each jump.", {"The pool does not lose 400 ml with each jump."}),
    # a past form after the quantity a sum comes to, where the step ends, says what it counts
    ("1 Wednesday + 2 Fridays = 3 days of school missed 72 days of school - 3 days = 69 days", set()),
    ("So 3 + 2 = 5 students left the class.", {"So 3 + 2 = 5 students did not leave the class."}),
    # an adverb between the relative's subject and its verb leaves it an object relative
    ("Then subtract the number of days he already worked from the number of workdays.", set()),
    # blind round J4: the standard of a multiple ("as the fourth dog carried") and a plural noun a tagger calls a verb
    # after a number and its modifier ("3 gold coins") are no claims of their own
    ("The fifth dog carried off twice the number of bones as the fourth dog carried, or 2*1=2 bones.",
     {"The fifth dog did not carry off twice the number of bones as the fourth dog carried, or 2*1=2 bones."}),
    ("3 gold coins at 50 dollars a coin gives you 50*3=150 dollars.",
     {"3 gold coins at 50 dollars a coin does not give you 50*3=150 dollars."}),
    ("5 students walk to school.", {"5 students do not walk to school."}),
    ("1 truck uses 3 tanks of 150 liters.", {"1 truck does not use 3 tanks of 150 liters."}),
    ("One pizza costs twice as much as the burger.", {"One pizza does not cost twice as much as the burger."}),
    # the first verb after "as" is the standard's own; a later one is the claim's
    ("The number of boxes Calvin bought, twice as many as Darren bought, is 2*4=8.",
     {"The number of boxes Calvin bought, twice as many as Darren bought, is not 2*4=8."}),
    # blind A/B of this session: a modal before a modal is a name ("Will not will be")
    ("In 5 years, Will will be 7+5 = 12 years old.", {"In 5 years, Will will not be 7+5 = 12 years old."}),
    # blind check J6: "air without temperatures between ..." is no claim (all air has a temperature)
    ("This air mass contained air with temperatures between 25°C and 35°C.", set()),
    ("This air mass contained air with dust.", {"This air mass contained air without dust."}),
    # blind round J5: "She fills is 15 times" (a slip for "fills it"): neither the verb nor the "is" is a claim to
    # negate; "She says it is true" is English
    ("She fills is 15 times because 8 + 4 + 2 + 1 equals 15.", set()),
    ("She says it is true.", {"She does not say it is true.", "She says it is not true."}),
    # blind round J3: "They already do not have" is no English a writer would use
    ("They already have 20 tubs in storage.", {"They do not yet have 20 tubs in storage."}),
    ("He still has 5 apples.", {"He still does not have 5 apples."}),
    ("10 objects + 3 objects = 13 objects", set()),
    # lemmas from lemminflect's tables: the base form after "do not" is its own lemma ("lay", not "lie"), and a word
    # the tables know only as an adjective or a noun is no verb ("did not stripe", "does not potato")
    ("Thus, 60 - 45 = 15 hens do not lay eggs.", {"Thus, 60 - 45 = 15 hens lay eggs."}),
    ("So the striped jerseys amount to $80 - $60 = $20.", set()),
    # a word the tagger calls no verb after "did not" is one only if it modifies no noun ("slowed dance")
    ("35-25 = 10 of the dancer students did not slow dance.", set()),
    # blind round C2: a past form between a number and its noun modifies it ("did not grade tests" is no English)
    ("Then added the 8 graded tests to the 2 ungraded tests.", set()),
    ("The teacher graded 8 tests.", {"The teacher did not grade 8 tests."}),
    # blind round D2: "does" before a hyphenated noun is the main verb ("does not push-ups" is no English)
    ("She does push-ups for 60 - 16 = 44 seconds.", set()),
    # ... and a past form after the noun a calculation comes to, with the clause's own verb before it, modifies it
    ("Thus, Ziggy gets 30 - 15 - 5 - 5 - 2 - 1 = 2 rap songs requested every night.",
     {"Thus, Ziggy does not get 30 - 15 - 5 - 5 - 2 - 1 = 2 rap songs requested every night."}),
    ("Ziggy gets 30 - 28 = <<30-28=2>>2 rap songs requested every night.",
     {"Ziggy does not get 30 - 28 = <<30-28=2>>2 rap songs requested every night."}),
    ("He counted 5 + 2 = 7 times. Carla counted something on Tuesday.",
     {"He did not count 5 + 2 = 7 times. Carla counted something on Tuesday.",
      "He counted 5 + 2 = 7 times. Carla did not count anything on Tuesday."}),
    # a bare "much" goes with the negation; one that grades a comparative stays; one before a noun needs "of"
    ("The average monthly precipitation does not change much throughout the year.",
     {"The average monthly precipitation changes a lot throughout the year."}),
    ("The rock is not much larger than the pebble.", {"The rock is much larger than the pebble."}),
    ("The plant does not get much water.", set()),
    ("She adds 5 cups potatoes / 2 cups turnips = 2.5 cups potatoes per cup of turnips.",
     {"She does not add 5 cups potatoes / 2 cups turnips = 2.5 cups potatoes per cup of turnips."}),
    ("He makes $2500 a month and his bills cost $1200 a month.",
     {"He does not make $2500 a month and his bills cost $1200 a month.",
      "He makes $2500 a month and his bills do not cost $1200 a month."}),
    ("The bill cost $5.", {"The bill did not cost $5."}),
    ("There is 1 less blue hanger than there are green hangers.",
     {"There is not 1 less blue hanger than there are green hangers."}),
    ("The time she slept without dreaming is 6 hours.", {"The time she slept without dreaming is not 6 hours."}),
    ("It grew, with half of the flasks containing salt.", {"It did not grow, with half of the flasks containing salt."}),
    ("An arrow points from Railroad owners buy a machine to John Henry.", set()),
    ("The socks are fuzzy, but the tie is not.", set()),
    ("A mutation may affect the protein.", set()),
    ("The text argues that Ann can't swim because she is short.", set()),
    ("Boston is marked with a gray circle on the map below.", set()),
    ("The crocodile egg fossil is most likely younger than the palm leaf fossil.",
     {"The crocodile egg fossil is most likely not younger than the palm leaf fossil."}),
]


@pytest.fixture(scope="module")
def parser():
    from snaug.nlp import load_pipeline

    return load_pipeline().nlp


@needs_parser
@pytest.mark.parametrize("text,expected", REAL, ids=[c[0] for c in REAL])
def test_on_the_installed_parser(kinds, parser, text, expected):
    doc = parser(text)
    result = kinds["negation"].propose(doc, Example(id="x", split="t", target=text), random.Random(0))
    got = set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}
    assert got == expected


@needs_parser
def test_a_word_talked_about_is_not_negated():
    """Blind round K: "the traditional sense of the word can because ..." -> "the word cannot because" negates a
    mention, and GSM8K's "1 can of hairspray" -> "1 cannot of hairspray" a noun. A modal in use is followed by its
    verb, or ends an elliptical clause ("Yes, it can." still negates)."""
    from snaug.nlp import load_pipeline
    from snaug.rules import load_rules
    from snaug.transforms import build

    nlp = load_pipeline().nlp
    negation = build(load_rules().kinds["negation"])

    def run(text):
        result = negation.propose(nlp(text), Example("x", "t", text), random.Random(0))
        return set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}

    assert not any("word cannot" in t for t in run("Most guides prefer the sense of the word can because it is "
                                                    "more standard."))
    assert not any("cannot of" in t for t in run("Each customer needs 1 can of hairspray."))
    assert run("Yes, it can.") == {"Yes, it cannot."}
    assert run("It can swim.") == {"It cannot swim."}


@needs_parser
def test_a_word_the_question_puts_under_study_is_not_negated():
    """Blind round 8: "between the guide words dangle and drank" -> "do not dangle and drank": the tagger read the
    guide word as a verb. Words a question lists on a line of their own, names (*the word did*) or offers as
    one-word options of a question about words are talked about, not used."""
    from snaug.nlp import load_pipeline
    from snaug.rules import load_rules
    from snaug.transforms import build

    nlp = load_pipeline().nlp
    negation = build(load_rules().kinds["negation"])
    question = "Would you find the word did on a dictionary page with the following guide words?\ndangle - drank"
    text = "So, the word did would be found between the guide words dangle and drank. The answer is yes."
    result = negation.propose(nlp(text), Example("x", "t", text, question=question, choices=("yes", "no"),
                                                 answer=0), random.Random(0))
    got = set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}
    assert got and not any("not dangle" in t or "did not" in t for t in got)
