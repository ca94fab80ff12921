"""Golden cases for the orientation kind (a lexicon swap from rules/orientation.toml), in both label schemes."""
import random

import pytest
from conftest import needs_parser
from docbuild import build

from snaug.edits import apply_edits
from snaug.io.example import Example
from snaug.transforms import Skip

CASES = [
    # a plural the list does not spell out is found by its lemma, from lemminflect (no lemmatizer needs to run)
    ("The left walls are white.",
     "The/DET/DT/det/2 left/ADJ/JJ/amod/2 walls/NOUN/NNS/nsubj/3 are/AUX/VBP/ROOT/3 white/ADJ/JJ/acomp/3 "
     "./PUNCT/./punct/3",
     {"The right walls are white."}),
    ("Ohio is north of Kentucky.",
     "Ohio/PROPN/NNP/nsubj/1 is/AUX/VBZ/ROOT/1 north/ADV/RB/advmod/1 of/ADP/IN/prep/2 Kentucky/PROPN/NNP/pobj/3 "
     "./PUNCT/./punct/1",
     {"Ohio is south of Kentucky."}),
    ("The North Pole is cold.",
     "The/DET/DT/det/2 North/PROPN/NNP/compound/2 Pole/PROPN/NNP/nsubj/3 is/AUX/VBZ/ROOT/3 cold/ADJ/JJ/acomp/3 "
     "./PUNCT/./punct/3",
     set()),                     # a compass word heading a name: the South Pole is cold too
    ("They go NORTH now.",
     "They/PRON/PRP/nsubj/1 go/VERB/VBP/ROOT/1 NORTH/ADV/RB/advmod/1 now/ADV/RB/advmod/1 ./PUNCT/./punct/1",
     {"They go SOUTH now."}),
    # an instruction to the reader points at the page; it claims nothing
    ("Go NORTH now.",
     "Go/VERB/VB/ROOT/0 NORTH/ADV/RB/advmod/0 now/ADV/RB/advmod/0 ./PUNCT/./punct/0",
     set()),
    # after a heading and a colon the instruction is no root of the parse, and still points at the page
    ("Soil: Look at the map on the right.",
     "Soil/NOUN/NN/ROOT/0 :/PUNCT/:/punct/0 Look/VERB/VB/parataxis/0 at/ADP/IN/prep/2 the/DET/DT/det/5 "
     "map/NOUN/NN/pobj/3 on/ADP/IN/prep/5 the/DET/DT/det/8 right/NOUN/NN/pobj/6 ./PUNCT/./punct/0",
     set()),
    ("Soil: the farm is on the right.",
     "Soil/NOUN/NN/ROOT/0 :/PUNCT/:/punct/0 the/DET/DT/det/3 farm/NOUN/NN/nsubj/4 is/AUX/VBZ/parataxis/0 "
     "on/ADP/IN/prep/4 the/DET/DT/det/7 right/NOUN/NN/pobj/5 ./PUNCT/./punct/0",
     {"Soil: the farm is on the left."}),
    ("Now look at the scale to the right.",
     "Now/ADV/RB/advmod/1 look/VERB/VB/ROOT/1 at/ADP/IN/prep/1 the/DET/DT/det/4 scale/NOUN/NN/pobj/2 "
     "to/ADP/IN/prep/4 the/DET/DT/det/7 right/NOUN/NN/pobj/5 ./PUNCT/./punct/1",
     set()),
    # a parse that runs an instruction and the next sentence together is not trusted: the claim still swaps
    ("Look at the poles. The north pole is up.",
     "Look/VERB/VB/ROOT/0 at/ADP/IN/prep/0 the/DET/DT/det/3 poles/NOUN/NNS/pobj/1 ./PUNCT/./punct/0 "
     "The/DET/DT/det/7 north/ADJ/JJ/amod/7 pole/NOUN/NN/nsubj/0 is/AUX/VBZ/conj/0 up/ADV/RB/advmod/8 "
     "./PUNCT/./punct/0",
     {"Look at the poles. The south pole is up.", "Look at the poles. The north pole is down."}),
    # a passage the rationale restates is quoted from the question
    ("Read the passage carefully. Clouds fill the sky above Antarctica. The underlined part is about clouds.",
     "Read/VERB/VB/ROOT/0 the/DET/DT/det/2 passage/NOUN/NN/dobj/0 carefully/ADV/RB/advmod/0 ./PUNCT/./punct/0 "
     "Clouds/NOUN/NNS/nsubj/6 fill/VERB/VBP/ROOT/6 the/DET/DT/det/8 sky/NOUN/NN/dobj/6 above/ADP/IN/prep/8 "
     "Antarctica/PROPN/NNP/pobj/9 ./PUNCT/./punct/6 The/DET/DT/det/14 underlined/ADJ/JJ/amod/14 part/NOUN/NN/nsubj/15 "
     "is/AUX/VBZ/ROOT/15 about/ADP/IN/prep/15 clouds/NOUN/NNS/pobj/16 ./PUNCT/./punct/15",
     set()),
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
    # a particle before the preposition that opens a phrasal verb's object ("end up with", here with the typo
    # "and" for "ended" so no verb stands before it) is no direction
    ("Then he and up with 25 meters.",
     "Then/ADV/RB/advmod/1 he/PRON/PRP/ROOT/1 and/CCONJ/CC/cc/1 up/ADV/RB/advmod/1 with/ADP/IN/prep/1 "
     "25/NUM/CD/nummod/6 meters/NOUN/NNS/pobj/4 ./PUNCT/./punct/1",
     set()),
    ("The arrow is up in the corner.",              # another preposition after it: a position, and it swaps
     "The/DET/DT/det/1 arrow/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 up/ADV/RB/advmod/2 in/ADP/IN/prep/3 "
     "the/DET/DT/det/6 corner/NOUN/NN/pobj/4 ./PUNCT/./punct/2",
     {"The arrow is down in the corner."}),
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
    ("She stirs it clockwise.",
     "She/PRON/PRP/nsubj/1 stirs/VERB/VBZ/ROOT/1 it/PRON/PRP/dobj/1 clockwise/ADV/RB/advmod/1 ./PUNCT/./punct/1",
     {"She stirs it counterclockwise."}),
    ("The cat is inside the box.",
     "The/DET/DT/det/1 cat/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 inside/ADP/IN/prep/2 the/DET/DT/det/5 "
     "box/NOUN/NN/pobj/3 ./PUNCT/./punct/2",
     {"The cat is outside the box."}),
    ("West Virginia is a state.",
     "West/PROPN/NNP/compound/1 Virginia/PROPN/NNP/nsubj/2 is/AUX/VBZ/ROOT/2 a/DET/DT/det/4 state/NOUN/NN/attr/2 "
     "./PUNCT/./punct/2",
     set()),
    ("Then find the top of the jar.",               # a step of the reasoning, not an instruction to look
     "Then/ADV/RB/advmod/1 find/VERB/VB/ROOT/1 the/DET/DT/det/3 top/NOUN/NN/dobj/1 of/ADP/IN/prep/3 "
     "the/DET/DT/det/6 jar/NOUN/NN/pobj/4 ./PUNCT/./punct/1",
     {"Then find the bottom of the jar."}),
    ("It is the top of the jar.",
     "It/PRON/PRP/nsubj/1 is/AUX/VBZ/ROOT/1 the/DET/DT/det/3 top/NOUN/NN/attr/1 of/ADP/IN/prep/3 the/DET/DT/det/6 "
     "jar/NOUN/NN/pobj/4 ./PUNCT/./punct/1",
     {"It is the bottom of the jar."}),

    ("He opened the front door.",
     "He/PRON/PRP/nsubj/1 opened/VERB/VBD/ROOT/1 the/DET/DT/det/4 front/ADJ/JJ/amod/4 door/NOUN/NN/dobj/1 "
     "./PUNCT/./punct/1",
     {"He opened the back door."}),
    ("North is up and south is down.",
     "North/NOUN/NN/nsubj/1 is/AUX/VBZ/ROOT/1 up/ADV/RB/advmod/1 and/CCONJ/CC/cc/1 south/NOUN/NN/nsubj/6 "
     "is/AUX/VBZ/conj/1 down/ADV/RB/advmod/5 ./PUNCT/./punct/1",
     {"South is up and north is down.", "North is down and south is up."}),     # parallel clauses: both swap
    # -- issue 11, class 1: above/below with no object point at the page, not at a position
    ("The diagram below shows the model.",
     "The/DET/DT/det/1 diagram/NOUN/NN/nsubj/3 below/ADV/RB/advmod/1 shows/VERB/VBZ/ROOT/3 the/DET/DT/det/5 "
     "model/NOUN/NN/dobj/3 ./PUNCT/./punct/3",
     set()),
    ("These boxes are highlighted below.",
     "These/DET/DT/det/1 boxes/NOUN/NNS/nsubjpass/3 are/AUX/VBP/auxpass/3 highlighted/VERB/VBN/ROOT/3 "
     "below/ADV/RB/advmod/3 ./PUNCT/./punct/3",
     set()),
    # a tagger that calls "shows" a noun while the parse gives "below" no object: not trusted, left alone
    ("The table below shows it.",
     "The/DET/DT/det/1 table/NOUN/NN/nsubj/4 below/ADV/RB/advmod/1 shows/NOUN/NNS/ROOT/4 it/PRON/PRP/dobj/3 "
     "./PUNCT/./punct/3",
     set()),
    ("For the same reasons as above this holds.",
     "For/ADP/IN/prep/6 the/DET/DT/det/3 same/ADJ/JJ/amod/3 reasons/NOUN/NNS/pobj/0 as/ADP/IN/prep/3 "
     "above/ADP/IN/pobj/4 this/PRON/DT/nsubj/6 holds/VERB/VBZ/ROOT/6 ./PUNCT/./punct/6",
     set()),
    ("Emily walks 46 meters farther than Troy.",
     "Emily/PROPN/NNP/nsubj/1 walks/VERB/VBZ/ROOT/1 46/NUM/CD/nummod/3 meters/NOUN/NNS/npadvmod/4 "
     "farther/ADV/RBR/advmod/1 than/ADP/IN/prep/4 Troy/PROPN/NNP/pobj/5 ./PUNCT/./punct/1",
     set()),
    ("Mars is farther from the sun.",
     "Mars/PROPN/NNP/nsubj/1 is/AUX/VBZ/ROOT/1 farther/ADV/RBR/advmod/1 from/ADP/IN/prep/2 the/DET/DT/det/5 "
     "sun/NOUN/NN/pobj/3 ./PUNCT/./punct/1",
     {"Mars is nearer to the sun."}),
    ("The text below shows information.",           # tagged as if "shows" were the object of "below"
     "The/DET/DT/det/1 text/NOUN/NN/nsubj/4 below/ADP/IN/prep/1 shows/NOUN/NNS/pobj/2 information/NOUN/NN/ROOT/4 "
     "./PUNCT/./punct/4",
     set()),
    ("Magma forms below the surface.",
     "Magma/NOUN/NN/nsubj/1 forms/VERB/VBZ/ROOT/1 below/ADP/IN/prep/1 the/DET/DT/det/4 surface/NOUN/NN/pobj/2 "
     "./PUNCT/./punct/1",
     {"Magma forms above the surface."}),
    # -- class 2: senses that are not directions
    ("Since 5 cups were left, she ate them.",
     "Since/SCONJ/IN/mark/4 5/NUM/CD/nummod/2 cups/NOUN/NNS/nsubjpass/4 were/AUX/VBD/auxpass/4 left/ADJ/JJ/advcl/7 "
     ",/PUNCT/,/punct/7 she/PRON/PRP/nsubj/7 ate/VERB/VBD/ROOT/7 them/PRON/PRP/dobj/7 ./PUNCT/./punct/7",
     set()),
    ("This left 12 apples.",
     "This/DET/DT/nsubj/1 left/ADJ/JJ/ROOT/1 12/NUM/CD/nummod/3 apples/NOUN/NNS/dobj/1 ./PUNCT/./punct/1",
     set()),
    ("He arrived right on time.",
     "He/PRON/PRP/nsubj/1 arrived/VERB/VBD/ROOT/1 right/ADV/RB/advmod/3 on/ADP/IN/prep/1 time/NOUN/NN/pobj/3 "
     "./PUNCT/./punct/1",
     set()),
    ("She wore a tank top.",
     "She/PRON/PRP/nsubj/1 wore/VERB/VBD/ROOT/1 a/DET/DT/det/4 tank/NOUN/NN/compound/4 top/NOUN/NN/dobj/1 "
     "./PUNCT/./punct/1",
     set()),
    ("His top speed is 10 miles per hour.",
     "His/PRON/PRP$/poss/2 top/ADJ/JJ/amod/2 speed/NOUN/NN/nsubj/3 is/AUX/VBZ/ROOT/3 10/NUM/CD/nummod/5 "
     "miles/NOUN/NNS/attr/3 per/ADP/IN/prep/5 hour/NOUN/NN/pobj/6 ./PUNCT/./punct/3",
     set()),
    ("She made a down payment.",
     "She/PRON/PRP/nsubj/1 made/VERB/VBD/ROOT/1 a/DET/DT/det/4 down/ADJ/JJ/amod/4 payment/NOUN/NN/dobj/1 "
     "./PUNCT/./punct/1",
     set()),
    ("She spent $30 on make-up.",
     "She/PRON/PRP/nsubj/1 spent/VERB/VBD/ROOT/1 $/SYM/$/nmod/3 30/NUM/CD/dobj/1 on/ADP/IN/prep/1 "
     "make/NOUN/NN/compound/7 -/PUNCT/HYPH/punct/7 up/NOUN/NN/pobj/4 ./PUNCT/./punct/1",
     set()),
    ("The left-hand mice cost more.",
     "The/DET/DT/det/4 left/ADJ/JJ/amod/3 -/PUNCT/HYPH/punct/3 hand/NOUN/NN/compound/4 mice/NOUN/NNS/nsubj/5 "
     "cost/VERB/VBD/ROOT/5 more/ADJ/JJR/dobj/5 ./PUNCT/./punct/5",
     {"The right-hand mice cost more."}),
    ("Beavers have long front teeth.",
     "Beavers/NOUN/NNS/nsubj/1 have/VERB/VBP/ROOT/1 long/ADJ/JJ/amod/4 front/ADJ/JJ/amod/4 teeth/NOUN/NNS/dobj/1 "
     "./PUNCT/./punct/1",
     {"Beavers have long back teeth."}),
    # class 2: a compass word heading a proper name is never a site, whatever the tag (gazetteer-free)
    ("The colony is South Carolina.",
     "The/DET/DT/det/1 colony/NOUN/NN/nsubj/2 is/AUX/VBZ/ROOT/2 South/PROPN/NNP/compound/4 "
     "Carolina/PROPN/NNP/attr/2 ./PUNCT/./punct/2",
     set()),
    ("Pierre is the capital of South Dakota.",      # the tagger calls South an adjective: spelling decides
     "Pierre/PROPN/NNP/nsubj/1 is/AUX/VBZ/ROOT/1 the/DET/DT/det/3 capital/NOUN/NN/attr/1 of/ADP/IN/prep/3 "
     "South/ADJ/JJ/amod/6 Dakota/PROPN/NNP/pobj/4 ./PUNCT/./punct/1",
     set()),
    ("East Asia has many rivers.",                 # at the sentence's start too
     "East/ADJ/JJ/amod/1 Asia/PROPN/NNP/nsubj/2 has/VERB/VBZ/ROOT/2 many/ADJ/JJ/amod/4 rivers/NOUN/NNS/dobj/2 "
     "./PUNCT/./punct/2",
     set()),
    ("The capital of West Virginia is Charleston.",
     "The/DET/DT/det/1 capital/NOUN/NN/nsubj/5 of/ADP/IN/prep/1 West/PROPN/NNP/compound/4 "
     "Virginia/PROPN/NNP/pobj/2 is/AUX/VBZ/ROOT/5 Charleston/PROPN/NNP/attr/5 ./PUNCT/./punct/5",
     set()),
    # ... still fires: a capital that only opens the sentence, a lower-case compass word before a name
    ("North of the river is a farm.",
     "North/ADV/RB/advmod/4 of/ADP/IN/prep/0 the/DET/DT/det/3 river/NOUN/NN/pobj/1 is/AUX/VBZ/ROOT/4 "
     "a/DET/DT/det/6 farm/NOUN/NN/nsubj/4 ./PUNCT/./punct/4",
     {"South of the river is a farm."}),
    ("The farm lies north of Boston.",
     "The/DET/DT/det/1 farm/NOUN/NN/nsubj/2 lies/VERB/VBZ/ROOT/2 north/ADV/RB/advmod/2 of/ADP/IN/prep/3 "
     "Boston/PROPN/NNP/pobj/4 ./PUNCT/./punct/2",
     {"The farm lies south of Boston."}),
    ("It does not intersect South America.",
     "It/PRON/PRP/nsubj/3 does/AUX/VBZ/aux/3 not/PART/RB/neg/3 intersect/VERB/VB/ROOT/3 "
     "South/PROPN/NNP/compound/5 America/PROPN/NNP/dobj/3 ./PUNCT/./punct/3",
     set()),
    ("It ruled Central Asia, East Asia, and Siberia.",
     "It/PRON/PRP/nsubj/1 ruled/VERB/VBD/ROOT/1 Central/PROPN/NNP/compound/3 Asia/PROPN/NNP/dobj/1 "
     ",/PUNCT/,/punct/3 East/PROPN/NNP/compound/6 Asia/PROPN/NNP/conj/3 ,/PUNCT/,/punct/6 and/CCONJ/CC/cc/6 "
     "Siberia/PROPN/NNP/conj/6 ./PUNCT/./punct/1",
     set()),
    ('It says "Go north." to us.',
     'It/PRON/PRP/nsubj/1 says/VERB/VBZ/ROOT/1 "/PUNCT/``/punct/3 Go/VERB/VB/ccomp/1 north/ADV/RB/advmod/3 '
     './PUNCT/./punct/3 "/PUNCT/\'\'/punct/3 to/ADP/IN/prep/1 us/PRON/PRP/pobj/7 ./PUNCT/./punct/1',
     set()),
    # -- class 3: a word beside its own opposite
    ("The east and west walls are long.",
     "The/DET/DT/det/4 east/ADJ/JJ/amod/4 and/CCONJ/CC/cc/1 west/ADJ/JJ/conj/1 walls/NOUN/NNS/nsubj/5 "
     "are/AUX/VBP/ROOT/5 long/ADJ/JJ/acomp/5 ./PUNCT/./punct/5",
     set()),
    ("Multiply the top and bottom by 4.",
     "Multiply/VERB/VB/ROOT/0 the/DET/DT/det/2 top/NOUN/NN/dobj/0 and/CCONJ/CC/cc/2 bottom/NOUN/NN/conj/2 "
     "by/ADP/IN/prep/0 4/NUM/CD/pobj/5 ./PUNCT/./punct/0",
     set()),
    ("The top looks the same as the bottom.",
     "The/DET/DT/det/1 top/NOUN/NN/nsubj/2 looks/VERB/VBZ/ROOT/2 the/DET/DT/det/4 same/ADJ/JJ/dobj/2 "
     "as/ADP/IN/prep/4 the/DET/DT/det/7 bottom/NOUN/NN/pobj/5 ./PUNCT/./punct/2",
     set()),
    ("More moved to the left than to the right.",
     "More/ADJ/JJR/nsubj/1 moved/VERB/VBD/ROOT/1 to/ADP/IN/prep/1 the/DET/DT/det/4 left/NOUN/NN/pobj/2 "
     "than/ADP/IN/prep/1 to/ADP/IN/pobj/5 the/DET/DT/det/8 right/NOUN/NN/pobj/6 ./PUNCT/./punct/1",
     {"More moved to the right than to the left."}),
    ("The top of the hill is higher than the bottom.",
     "The/DET/DT/det/1 top/NOUN/NN/nsubj/5 of/ADP/IN/prep/1 the/DET/DT/det/4 hill/NOUN/NN/pobj/2 is/AUX/VBZ/ROOT/5 "
     "higher/ADJ/JJR/acomp/5 than/ADP/IN/prep/6 the/DET/DT/det/9 bottom/NOUN/NN/pobj/7 ./PUNCT/./punct/5",
     {"The bottom of the hill is higher than the top."}),
    ("There were 6 on the left side and 4 on the right side.",
     "There/PRON/EX/expl/1 were/VERB/VBD/ROOT/1 6/NUM/CD/attr/1 on/ADP/IN/prep/2 the/DET/DT/det/6 left/ADJ/JJ/amod/6 "
     "side/NOUN/NN/pobj/3 and/CCONJ/CC/cc/2 4/NUM/CD/conj/2 on/ADP/IN/prep/8 the/DET/DT/det/12 "
     "right/ADJ/JJ/amod/12 side/NOUN/NN/pobj/9 ./PUNCT/./punct/1",
     {"There were 6 on the right side and 4 on the left side."}),
    # the swap would relate a thing to itself: both sides swap
    ("The back wheel has double the spokes the front wheel has.",
     "The/DET/DT/det/2 back/ADJ/JJ/amod/2 wheel/NOUN/NN/nsubj/3 has/VERB/VBZ/ROOT/3 double/ADJ/JJ/amod/6 "
     "the/DET/DT/det/6 spokes/NOUN/NNS/dobj/3 the/DET/DT/det/9 front/ADJ/JJ/amod/9 wheel/NOUN/NN/nsubj/10 "
     "has/VERB/VBZ/relcl/6 ./PUNCT/./punct/3",
     {"The front wheel has double the spokes the back wheel has."}),
    ("The back wheel has double the spokes the front wheel has, so the back wheel has 40.",
     "The/DET/DT/det/2 back/ADJ/JJ/amod/2 wheel/NOUN/NN/nsubj/3 has/VERB/VBZ/ROOT/3 double/ADJ/JJ/amod/6 "
     "the/DET/DT/det/6 spokes/NOUN/NNS/dobj/3 the/DET/DT/det/9 front/ADJ/JJ/amod/9 wheel/NOUN/NN/nsubj/10 "
     "has/VERB/VBZ/relcl/6 ,/PUNCT/,/punct/3 so/ADV/RB/advmod/16 the/DET/DT/det/15 back/ADJ/JJ/amod/15 "
     "wheel/NOUN/NN/nsubj/16 has/VERB/VBZ/conj/3 40/NUM/CD/dobj/16 ./PUNCT/./punct/3",
     {"The front wheel has double the spokes the back wheel has, so the back wheel has 40.",
      "The back wheel has double the spokes the front wheel has, so the front wheel has 40."}),
    # the preposition UD hangs on the noun is not part of the phrase: both sides swap, never "top ... on the top"
    ("The top layers press on the bottom layers.",
     "The/DET/DT/det/2 top/ADJ/JJ/amod/2 layers/NOUN/NNS/nsubj/3 press/VERB/VBP/ROOT/3 on/ADP/IN/prep/3 "
     "the/DET/DT/det/7 bottom/ADJ/JJ/amod/7 layers/NOUN/NNS/pobj/4 ./PUNCT/./punct/3",
     {"The bottom layers press on the top layers."}),
    ("It sank down, down, down to the sea.",        # a repeated word is a figure of speech
     "It/PRON/PRP/nsubj/1 sank/VERB/VBD/ROOT/1 down/ADV/RB/advmod/1 ,/PUNCT/,/punct/1 down/ADV/RB/advmod/1 "
     ",/PUNCT/,/punct/1 down/ADV/RB/advmod/1 to/ADP/IN/prep/1 the/DET/DT/det/9 sea/NOUN/NN/pobj/7 ./PUNCT/./punct/1",
     set()),
    ("Find the total left on the ground.",          # the total that remains
     "Find/VERB/VB/ROOT/0 the/DET/DT/det/2 total/ADJ/JJ/amod/3 left/NOUN/NN/dobj/0 on/ADP/IN/prep/3 "
     "the/DET/DT/det/6 ground/NOUN/NN/pobj/4 ./PUNCT/./punct/0",
     set()),
    ("Substitute it in the equation above 80 = 4W.",
     "Substitute/VERB/VB/ROOT/0 it/PRON/PRP/dobj/0 in/ADP/IN/prep/0 the/DET/DT/det/4 equation/NOUN/NN/pobj/2 "
     "above/ADP/IN/prep/4 80/NUM/CD/pobj/5 =/SYM/SYM/punct/5 4W/NUM/CD/appos/6 ./PUNCT/./punct/0",
     set()),
    ("Subtract the blocks she walked north from the blocks she walked south.",
     "Subtract/VERB/VB/ROOT/0 the/DET/DT/det/2 blocks/NOUN/NNS/dobj/0 she/PRON/PRP/nsubj/4 walked/VERB/VBD/relcl/2 "
     "north/ADV/RB/advmod/4 from/ADP/IN/prep/4 the/DET/DT/det/8 blocks/NOUN/NNS/pobj/6 she/PRON/PRP/nsubj/10 "
     "walked/VERB/VBD/relcl/8 south/ADV/RB/advmod/10 ./PUNCT/./punct/0",
     {"Subtract the blocks she walked south from the blocks she walked north."}),
    ("Kyle threw 2 times farther than Grant.",
     "Kyle/PROPN/NNP/nsubj/1 threw/VERB/VBD/ROOT/1 2/NUM/CD/nummod/3 times/NOUN/NNS/npadvmod/4 "
     "farther/ADJ/JJR/advmod/1 than/ADP/IN/prep/4 Grant/PROPN/NNP/pobj/5 ./PUNCT/./punct/1",
     set()),
    # blind round 6: every item of one list hangs on the first; swapping two of them only reorders the list
    ("Those directions are north, east, south, and west.",
     "Those/DET/DT/det/1 directions/NOUN/NNS/nsubj/2 are/AUX/VBP/ROOT/2 north/NOUN/NN/attr/2 ,/PUNCT/,/punct/3 "
     "east/NOUN/NN/conj/3 ,/PUNCT/,/punct/5 south/NOUN/NN/conj/3 ,/PUNCT/,/punct/7 and/CCONJ/CC/cc/10 "
     "west/NOUN/NN/conj/3 ./PUNCT/./punct/2",
     set()),
    ("The north pole is closest to the south pole.",
     "The/DET/DT/det/2 north/ADJ/JJ/amod/2 pole/NOUN/NN/nsubj/3 is/AUX/VBZ/ROOT/3 closest/ADJ/JJS/acomp/3 "
     "to/ADP/IN/prep/4 the/DET/DT/det/8 south/ADJ/JJ/amod/8 pole/NOUN/NN/pobj/5 ./PUNCT/./punct/3",
     {"The south pole is closest to the south pole.", "The north pole is closest to the north pole."}),
]


def propose(kinds, doc):
    result = kinds["orientation"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    if isinstance(result, Skip):
        return set(), result
    for cand in result:       # one word, or both sides of a comparison
        assert len(cand.edits) in (1, 2) and cand.rule.startswith("orientation.")
    return {apply_edits(doc.text, c.edits) for c in result}, None


@pytest.mark.parametrize("scheme", ["ontonotes", "ud"])
@pytest.mark.parametrize("text,annotation,expected", CASES, ids=[c[0] for c in CASES])
def test_orientation_golden(kinds, scheme, text, annotation, expected):
    got, skip = propose(kinds, build(text, annotation, scheme))
    assert got == expected
    if not expected:
        assert skip is not None and skip.reason


def test_rule_ids_name_the_group(kinds):
    doc = build(*next(c[:2] for c in CASES if c[0] == "The lamp is above the desk."))
    (cand,) = kinds["orientation"].propose(doc, Example(id="x", split="t", target=doc.text), random.Random(0))
    assert cand.rule == "orientation.vertical"


def test_untagged_text_swaps_compass_points_but_not_ambiguous_words(kinds):
    doc = build("Ohio is north of Kentucky.", "Ohio/x/x/x/0 is/x/x/x/0 north/x/x/x/0 of/x/x/x/0 Kentucky/x/x/x/0 "
                "./x/x/x/0", tagged=False)
    assert propose(kinds, doc)[0] == {"Ohio is south of Kentucky."}
    doc = build("Turn left now.", "Turn/x/x/x/0 left/x/x/x/0 now/x/x/x/0 ./x/x/x/0", tagged=False)
    got, skip = propose(kinds, doc)
    assert got == set() and skip.reason == "ambiguous word needs POS tags"


def test_a_name_the_question_gives_is_no_side(kinds):
    """Blind rounds (GSM8K): "the statues in her front lawn" when the problem has no back lawn, "the new external
    drive", "the top shelf" name the one such thing; "97 cars traveling down the street" is along it, as "up the
    street" is. Still fires where the question has both sides, or does not name the thing."""
    from docbuild import build

    def run(text, annotation, question):
        doc = build(text, annotation)
        result = kinds["orientation"].propose(doc, Example("x", "t", text, question=question), random.Random(0))
        return set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}

    lawn = ("She has statues in her front lawn.",
            "She/PRON/PRP/nsubj/1 has/VERB/VBZ/ROOT/1 statues/NOUN/NNS/dobj/1 in/ADP/IN/prep/2 her/PRON/PRP$/poss/6 "
            "front/ADJ/JJ/amod/6 lawn/NOUN/NN/pobj/3 ./PUNCT/./punct/1")
    assert run(*lawn, question="Jill has 4 statues in her front lawn. How many does she have?") == set()
    assert run(*lawn, question="Jill has 4 statues in her front lawn and 2 in her back lawn. How many?") == \
        {"She has statues in her back lawn."}
    assert run(*lawn, question="How many statues does Jill have?") == {"She has statues in her back lawn."}
    street = ("97 cars travel down the street.",
              "97/NUM/CD/nummod/1 cars/NOUN/NNS/nsubj/2 travel/VERB/VBP/ROOT/2 down/ADP/IN/prep/2 the/DET/DT/det/5 "
              "street/NOUN/NN/pobj/3 ./PUNCT/./punct/2")
    assert run(*street, question="How many cars travel down the street?") == set()


def test_a_phrase_copied_from_the_question_names_its_subject(kinds):
    """Blind round: "The air inside a soap bubble is a gas." -> "The air outside a soap bubble is a gas." is still
    true (of other air). A run of four words copied from the question names what it is about; where the question
    has the opposite too, or the words are the rationale's own, the swap stands."""
    from docbuild import build

    text = "The air inside a soap bubble is a gas."
    annotation = ("The/DET/DT/det/1 air/NOUN/NN/nsubj/6 inside/ADP/IN/prep/1 a/DET/DT/det/5 soap/NOUN/NN/compound/5 "
                  "bubble/NOUN/NN/pobj/2 is/AUX/VBZ/ROOT/6 a/DET/DT/det/8 gas/NOUN/NN/attr/6 ./PUNCT/./punct/6")

    def run(question, choices=("a solid", "a gas")):
        doc = build(text, annotation)
        example = Example("x", "t", text, question=question, choices=choices, answer=1 if choices else None)
        result = kinds["orientation"].propose(doc, example, random.Random(0))
        return set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}

    assert run("Is the air inside a soap bubble a solid, a liquid, or a gas?") == set()
    assert run("Is the air inside or outside a soap bubble a gas?") == {"The air outside a soap bubble is a gas."}
    assert run("Which is a gas?") == {"The air outside a soap bubble is a gas."}
    # (a premise restated from the question, "The room gets warmer, so the ice cube melts", is a claim: the
    # comparison kind's end-to-end test in tests/test_generate.py)
    # an open problem restates its question to compute what it asks ("15 mph above the speed limit"): a claim
    # (in a word problem that calculates, only where the problem sets it against its opposite:
    # test_an_open_problem_swaps_only_directions_it_contrasts)
    assert run("Is the air inside a soap bubble a solid, a liquid, or a gas?", choices=()) == \
        {"The air outside a soap bubble is a gas."}


def test_distance_and_direction_swap_only_where_the_problem_asks_about_them(kinds):
    """Blind round I: "Frogs live near water" in "Select the amphibian below" and "could propel forward" in "Which
    term matches the picture?" are remarks beside the traits or the term the answer rests on; 3 of 4 judged distance
    negatives were such. A distance or direction swap needs a problem that asks where, how far, or which way
    (rules/orientation.toml topic_words, and the pairs' own words)."""
    from docbuild import build

    def run(text, annotation, question):
        doc = build(text, annotation)
        result = kinds["orientation"].propose(doc, Example("x", "t", text, question=question), random.Random(0))
        return (set(), result.reason) if isinstance(result, Skip) else ({apply_edits(text, c.edits) for c in result}, "")

    frogs = ("Frogs live near water.",
             "Frogs/NOUN/NNS/nsubj/1 live/VERB/VBP/ROOT/1 near/ADP/IN/prep/1 water/NOUN/NN/pobj/2 ./PUNCT/./punct/1")
    got, reason = run(*frogs, question="Select the amphibian below.")
    assert got == set() and "topic" in reason
    assert run(*frogs, question="Where do frogs live?")[0] == {"Frogs live far from water."}
    assert run(*frogs, question="Do frogs live near water or in deserts?")[0] == {"Frogs live far from water."}
    rock = ("The rock rolls forward.",
            "The/DET/DT/det/1 rock/NOUN/NN/nsubj/2 rolls/VERB/VBZ/ROOT/2 forward/ADV/RB/advmod/2 ./PUNCT/./punct/2")
    assert run(*rock, question="Which term matches the picture?")[0] == set()
    assert run(*rock, question="What is the direction of this push?")[0] == {"The rock rolls backward."}
    # compass points carry no topic gate: "Haiti is in the western part" answers "Which country is highlighted?"
    ohio = next(c[:2] for c in CASES if c[0] == "Ohio is north of Kentucky.")
    assert run(*ohio, question="Which state is highlighted?")[0] == {"Ohio is south of Kentucky."}


@needs_parser
def test_an_open_problem_swaps_only_directions_it_contrasts():
    """Own reading, seed 61 (GSM8K orientation, 38 of 50 clean): "sailed due east for 20 hours", "7 people drawing
    outside", "the back of stores" label the setup of a word problem (no options, a rationale that calculates); the
    arithmetic does not rest on them, and the swap only contradicts the question. Where the problem has the opposite
    too, the reasoning tells the two apart (stars to the east and to the west). A word saying which way a quantity
    moves or lies still swaps in a clause that works the quantity out ("4 meters below the 16 meter level which is
    16-4 = 12")."""
    from snaug.nlp import load_pipeline
    from snaug.rules import load_rules
    from snaug.transforms import build

    nlp = load_pipeline().nlp
    orientation = build(load_rules().kinds["orientation"])

    def run(text, question):
        result = orientation.propose(nlp(text), Example("x", "t", text, question=question), random.Random(0))
        return set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}

    ship = "Traveling 20 hours due east at 30 kilometers per hour, the ship sailed 20*30=600 kilometers."
    assert run(ship, "The Skipper sailed due east for 20 hours at 30 km/h. How far did he sail?") == set()
    stars = "First find the number of stars she saw in the west: 120 stars * 6 = 720 stars."
    assert run(stars, "Tilly counts 120 stars to the east of her house and six times that number to the west. "
                      "How many stars does she count?") == \
        {"First find the number of stars she saw in the east: 120 stars * 6 = 720 stars."}
    # the opposite in another word of the lexicon still sets the two apart: "outside doors" for "indoor", "back" for
    # "backward"
    doors = "Each indoor door cost $20/2=$10 So all the indoor doors cost $10*3=$30"
    assert "Each outdoor door cost $20/2=$10 So all the indoor doors cost $10*3=$30" in run(
        doors, "John has 3 bedroom doors and two outside doors to replace. How much does he pay?")
    leaf = "Each gust blows the leaf forward 5 feet, so 11 gusts will move it 5*11=55 feet"
    assert run(leaf, "For every five feet that a gust blows it forward, the wind blows it back two feet. How far?") \
        == {"Each gust blows the leaf backward 5 feet, so 11 gusts will move it 5*11=55 feet"}
    chalk = "Altogether, there are 1 + 3 + 3 = 7 people drawing outside. They have 7 * 3 = 21 pieces of chalk."
    assert run(chalk, "Erika and her 3 siblings are drawing with chalk outside. How many pieces?") == set()
    fall = "David was located 4 meters below the 16 meter level which is 16-4 = 12 meters high."
    assert run(fall, "Walter fell past David after falling 4 meters. What platform was David on?") == \
        {"David was located 4 meters above the 16 meter level which is 16-4 = 12 meters high."}
    # the same word with no arithmetic in its clause labels the setup
    assert run("David was located below the platform, so he fell 16-4 = 12 meters.",
               "Walter fell past David. How far did he fall?") == set()
    # own reading, seed 67: a signed word no quantity measures labels the setup however its clause calculates
    skate = "Then Milo rolls downhill on his skateboard at 12/2 = 6 miles per hour."
    assert run(skate, "Milo can roll downhill on his skateboard at twice the speed that he can run. How fast?") == set()
    speed = "So he was 75-60=15 mph above the speed limit."
    assert run(speed, "How many mph above the speed limit was he driving?") == {speed.replace("above", "below")}
    goal = "Therefore, she sold above her goal by $1065 - $1000 = $65."
    assert run(goal, "How much is she short or above her goal?") == {goal.replace("above", "below")}
    pole = "The break occurred (12-2)/2=5 feet from the top."
    assert run(pole, "A flagpole breaks. How far from the base did it break?") == {pole.replace("top", "bottom")}
    ramp = "He needs to go 4 mph faster to make it to the top because 40 - 36 = 4."
    assert run(ramp, "He needs to go 40 mph to make it to the top of the ramp. How much faster?") == set()
    # a half whose share the sentence works out as a half: the other half is as large, and the swap is still true
    igloo = "In the bottom half of the igloo, there are 10 rows / 2 = 5 rows of bricks of snow."
    assert run(igloo, "The bottom half of the igloo has 12 bricks in each row while the top half has 8.") == set()
    spots = "First multiply the number of spots on the left side by 3: 16 spots * 3 = 48 spots."
    assert run(spots, "The cow has 16 spots on its left side and three times that plus 7 on its right side.") == \
        {spots.replace("left", "right")}

    # own reading, seed 73: where the problem states the same quantity for the other side, the swap says that side's
    # quantity, as true; a number the other side only uses as an operand does not count
    day = "Jonsey spends 1/2 her day inside because 1 - (1/2) = 1/2"
    assert run(day, "Jonsey is awake for 2/3 of the day and spends 1/2 her time awake playing outside and the rest "
                    "inside. How much time does she spend inside?") == set()
    hike = ("Up a mountain, Stephen covered 3/4*40000 = 30000 feet.\nComing down, Stephen covered another 30000 feet, "
            "making the total 30000+30000 = 60000 feet.")
    assert run(hike, "Stephen made 10 round trips up and down a 40,000 foot tall mountain. How far did he go?") == set()
    spots = ("First multiply the number of spots on the left side by 3: 16 spots * 3 = 48 spots.\n"
             "Then add 7 to find the number of spots on the right side: 48 spots + 7 spots = 55 spots.")
    assert spots.replace("left", "right", 1) in run(
        spots, "The cow has 16 spots on its left side and three times that plus 7 on its right side. How many?")


@needs_parser
def test_a_place_on_the_page_is_no_claim():
    """Blind rounds 8 to 10: "a compass rose in the lower right corner" -> "lower left corner" moves the compass rose
    on the map; the reasoning reads its arrows."""
    from snaug.nlp import load_pipeline
    from snaug.rules import load_rules
    from snaug.transforms import build

    nlp = load_pipeline().nlp
    orientation = build(load_rules().kinds["orientation"])
    text = "A compass rose is in the bottom right corner. Look at the south arrow. Ohio is farthest south."
    example = Example("x", "t", text, question="Which of these states is farthest south?", choices=("Ohio", "Maine"),
                      answer=0)
    result = orientation.propose(nlp(text), example, random.Random(0))
    got = set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}
    assert got == {"A compass rose is in the bottom right corner. Look at the south arrow. Ohio is farthest north."}
