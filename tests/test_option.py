"""Golden cases for the option kind: the answer's mention replaced by a distractor's text, case and all."""
import random

import pytest
import spacy
from docbuild import build

from snaug.edits import apply_edits
from snaug.io.example import Example
from snaug.rules import load_rules
from snaug.transforms import Skip
from snaug.transforms import build as build_transform

BLANK = spacy.blank("en")


def propose(transform, text, choices, answer, doc=None):
    example = Example(id="x", split="t", target=text, choices=tuple(choices), answer=answer)
    result = transform.propose(doc or BLANK(text), example, random.Random(0))
    if isinstance(result, Skip):
        return set(), result.reason
    return {apply_edits(text, c.edits) for c in result}, None


CASES = [
    ("Denver is the capital of Colorado.", ["Denver", "Olympia", "Salem"], 0,
     {"Olympia is the capital of Colorado.", "Salem is the capital of Colorado."}),
    ("So, these magnets will repel each other.", ["attract", "repel"], 1,
     {"So, these magnets will attract each other."}),
    # the last mention is the conclusion; the question restated earlier is left alone
    ("Will these magnets attract or repel? Like poles repel. So, they will repel.", ["attract", "repel"], 1,
     {"Will these magnets attract or repel? Like poles repel. So, they will attract."}),
    ("Cool air sinks.", ["warm", "cool"], 1, {"Warm air sinks."}),                      # first letter's case kept
    # ... where the mention has its article, or the text never counts the distractor, the swap stands
    ("A pun is a play on words. The text uses a simile.", ["pun", "simile"], 1, {
     "A pun is a play on words. The text uses a pun."}),
    ("Verbal irony says the opposite. The text uses alliteration.", ["verbal irony", "alliteration"], 1,
     {"Verbal irony says the opposite. The text uses verbal irony."}),
    ("The answer is GEORGIA.", ["Georgia", "Texas"], 0, {"The answer is Texas."}),
    ("The colony is New York.", ["New Jersey", "New York", "Iowa"], 1,
     {"The colony is New Jersey.", "The colony is Iowa."}),
    ("The colony is New\nYork.", ["New York", "Iowa"], 0, {"The colony is Iowa."}),      # whitespace inside a mention
    ("The sample with more particles is warmer: sample B.", ["sample A", "sample B"], 1,
     {"The sample with more particles is warmer: sample A."}),
    ("It is 32°C, inside the range.", ["32°C", "10°C", "2°C"], 0,
     {"It is 10°C, inside the range."}),                                                 # not 2°C: inside 32°C
    ("The tallest is the oak (A).", ["oak", "pine"], 0, {"The tallest is the pine (A)."}),
    ("Pick a word. The word is A.", ["A", "B"], 0, {"Pick a word. The word is B."}),     # "a" is not "A"
    ("The magnets in Pair 2 are closer.", ["Pair 1", "Pair 2"], 1, {"The magnets in Pair 1 are closer."}),
    # the article follows the new word: "a ostrich" would give the negative away
    ("A tiger salamander is an amphibian.", ["tiger salamander", "ostrich", "unicorn", "hour"], 0,
     {"An ostrich is an amphibian.", "A unicorn is an amphibian.", "An hour is an amphibian."}),
    ("It is an asp viper.", ["asp viper", "redback spider", "eel"], 0,
     {"It is a redback spider.", "It is an eel."}),
    ("AN OWL hunts. Dan owl.", ["owl", "bat"], 0, {"AN OWL hunts. Dan bat."}),       # "Dan" is no article
    # an answer ending in a full stop also ends the sentence: the replacement keeps it
    ("The city is Washington, D.C. Boston is north.", ["Washington, D.C.", "Boston"], 0,
     {"The city is Boston. Boston is north."}),
    ("The city is Washington, D.C.", ["Washington, D.C.", "Boston"], 0, {"The city is Boston."}),
    ("So, it has dry soil.\nIt rains.", ["So, it has dry soil.", "It has wet soil"], 0, {"It has wet soil.\nIt rains."}),
    ("They use their horns to fight.", ["to dig", "to fight"], 1, {"They use their horns to dig."}),
    ("They use their horns to fight and to win.", ["to dig", "to fight"], 1,
     {"They use their horns to dig and to win."}),
    # the place that qualifies a name goes with it (blind round N: "Washington, D.C., Texas" left the state behind)
    ("The city is Houston, Texas. Boston is marked too.", ["Boston", "Houston", "Washington, D.C."], 1,
     {"The city is Boston. Boston is marked too.", "The city is Washington, D.C. Boston is marked too."}),
    ("The city is Houston, Boston.", ["Boston", "Houston", "Austin"], 1, {"The city is Austin, Boston."}),  # a list
    # ... but not where the stop only closes an abbreviation mid-sentence
    ("Washington, D.C., is the capital.", ["Washington, D.C.", "Boston"], 0, {"Boston, is the capital."}),
    # a distractor's own stop is dropped before the sentence's stop
    ("The answer is that it rains.", ["it rains", "it snows."], 0, {"The answer is that it snows."}),
    # class 3 (negated or "different" claims, see SKIPS) still fires where the negation is in another clause
    ("It does not have a backbone, so it is an insect.", ["insect", "mammal"], 0,
     {"It does not have a backbone, so it is a mammal."}),
    ("So, the shell is not made of a single substance. It is a mixture.", ["a mixture", "a pure substance"], 0,
     {"So, the shell is not made of a single substance. It is a pure substance."}),
    ('Choice "It rains the same each month." is correct.', ["It rains the same each month.",
                                                            "It rains more in the winter."], 0,
     {'Choice "It rains more in the winter." is correct.'}),
]

SKIPS = [
    # blind round 5: "shows verbal irony" -> "shows pun", where the text itself says "A pun is ..."
    ("A pun is a play on words. Verbal irony says the opposite. The text shows verbal irony.",
     ["pun", "verbal irony"], 1, "the distractor needs an article the mention lacks"),
    ("There is no water here.", ["yes", "no"], 1, "answer text is a never_replace word"),
    ("It is a cat.", ["cat"], 0, "single choice"),
    # blind round P: "to fight other chameleons" -> "to dig other chameleons": the verb's object stays behind
    ("Jackson's chameleons use their horns to fight other chameleons.", ["to dig", "to find food", "to fight"], 2,
     "the answer's verb goes on with an object"),
    ("It is a cat.", [], None, "no choices"),
    ("It is a cat.", ["cat", "dog"], 5, "answer index out of range"),
    ("It is a dog.", ["cat", "dog"], 0, "answer text not in rationale"),
    ("It is a catfish.", ["cat", "dog"], 0, "answer text not in rationale"),               # whole words only
    ("So, the cat is here.", ["cat", "cats"], 0, "choices contain one another"),
    ("It is a cat.", ["cat", "Cat"], 0, "no distinct distractor"),
    # class 3: a negated or "different" claim stays true with another name in it
    ("Felis catus and Felis margarita are not in the same species.", ["Felis margarita", "Ursus arctos"], 0,
     "answer only in a negated or 'different' claim"),
    ("A lion is different from a tiger.", ["tiger", "bear"], 0, "answer only in a negated or 'different' claim"),
    # a claim that the mention is wrong, also with a sentence answer in quotes (its stop is inside them)
    ('Choice "It rains the same each month." is incorrect.', ["It rains the same each month.",
                                                              "It rains more in the winter."], 0,
     "answer only in a negated or 'different' claim"),
    ("Paris is wrong.", ["Paris", "Rome"], 0, "answer only in a negated or 'different' claim"),
    ("So, the snail doesn't have a backbone like the eel.", ["eel", "trout"], 0,
     "answer only in a negated or 'different' claim"),
]


def test_mentions_that_restate_the_question_are_not_replaced(option):
    # an embedded question is framing; the conclusion after it is still replaced
    text = "To determine if this statement is true, compare the numbers."
    assert propose(option, text, ["true", "false"], 0) == (set(), "answer text only where the question is restated")
    text = "To see whether they attract, look at the poles. So, they attract."
    assert propose(option, text, ["attract", "repel"], 0)[0] == {
        "To see whether they attract, look at the poles. So, they repel."}
    # the choices listed one per line are headings, not the conclusion
    text = "Look at each answer choice.\nBoth are chemical changes.\nNo.\nBoth are only physical changes.\nYes."
    choices = ["Both are only physical changes.", "Both are chemical changes."]
    assert propose(option, text, choices, 0) == (set(), "answer text only where the question is restated")


def test_a_distractor_already_in_the_sentence_is_not_used(option):
    # "So, Sturnus vulgaris and Sturnus vulgaris are in the same order" repeats a name, it states nothing
    text = "Gulls are not starlings. So, Larus livens and Sturnus vulgaris are in the same order."
    got, _ = propose(option, text, ["Larus livens", "Sturnus vulgaris", "Ardea alba"], 0)
    assert got == {"Gulls are not starlings. So, Ardea alba and Sturnus vulgaris are in the same order."}
    assert propose(option, text, ["Larus livens", "Sturnus vulgaris"], 0) == (
        set(), "every distractor is already in the sentence")


@pytest.fixture(scope="module")
def option(kinds):
    return kinds["option"]


@pytest.mark.parametrize("text,choices,answer,expected", CASES, ids=[c[0] for c in CASES])
def test_option_golden(option, text, choices, answer, expected):
    assert propose(option, text, choices, answer) == (expected, None)


@pytest.mark.parametrize("text,choices,answer,reason", SKIPS, ids=[f"{c[3]}: {c[0]}" for c in SKIPS])
def test_option_skips(option, text, choices, answer, reason):
    assert propose(option, text, choices, answer) == (set(), reason)


def test_answer_inside_a_longer_choice_is_not_replaced(option):
    text = "Salt water is salty, but water is clear."
    assert propose(option, text, ["water", "salt water", "oil"], 0) == (
        {"Salt water is salty, but oil is clear."}, None)
    assert propose(option, "Salt water is dense.", ["water", "salt water", "oil"], 0) == (
        set(), "answer text only inside another choice")


def test_a_mention_found_by_case_folding_is_still_found(option):
    # The first-word test before a choice's pattern is compiled decides only ASCII texts: re.IGNORECASE folds the
    # long s and the Kelvin sign to s and k, which str.lower does not.
    assert propose(option, "So, the anſwer is ſalt.", ["salt", "sugar"], 0) == ({"So, the anſwer is sugar."}, None)
    assert propose(option, "So, the answer is SALT.", ["salt", "sugar"], 0) == ({"So, the answer is Sugar."}, None)
    assert propose(option, "So, the answer is pepper.", ["salt", "sugar"], 0) == (
        set(), "answer text not in rationale")


def test_answer_inside_a_longer_name_is_not_replaced(option):
    text = "West Virginia was never a colony."
    doc = build(text, "West/PROPN/NNP/compound/1 Virginia/PROPN/NNP/nsubjpass/4 was/AUX/VBD/auxpass/4 "
                      "never/ADV/RB/neg/4 a/DET/DT/det/5 colony/NOUN/NN/attr/4 ./PUNCT/./punct/4")
    assert propose(option, text, ["Virginia", "Kentucky"], 0, doc) == (set(), "answer text only inside a longer name")


def test_clause_distractors_are_not_used(option):
    text = "So, Solution A has more particles."
    assert propose(option, text, ["Solution A", "Solution B", "neither; their concentrations are the same"], 0) == (
        {"So, Solution B has more particles."}, None)


@pytest.mark.parametrize("occurrences,expected", [
    ("all", {"Ice is warm. So, it is warm."}),
    ("each", {"Ice is warm. So, it is cold.", "Ice is cold. So, it is warm."}),
])
def test_occurrences_setting(tmp_path, occurrences, expected):
    (tmp_path / "o.toml").write_text(f'[kinds.option]\ntransform = "option"\noccurrences = "{occurrences}"\n')
    option = build_transform(load_rules([tmp_path]).kinds["option"])
    assert propose(option, "Ice is cold. So, it is cold.", ["warm", "cold"], 1) == (expected, None)
    result = option.propose(BLANK("Ice is cold."), Example("x", "t", "Ice is cold.", choices=("warm", "cold"),
                                                           answer=1), random.Random(0))
    assert {c.rule for c in result} == {f"option.{occurrences}"}


def test_the_conclusion_is_the_mention_that_answers_the_question(option):
    # issue 11, class 1: a later aside that stays true with the distractor is not the conclusion
    def swap(text, question, choices, answer):
        example = Example(id="x", split="t", target=text, question=question, choices=tuple(choices), answer=answer)
        return {apply_edits(text, c.edits) for c in option.propose(BLANK(text), example, random.Random(0))}

    text = "The figurine is made of clay. Clay is soft. When clay dries out, it can become very hard."
    assert swap(text, "Which material is this figurine made of?", ["clay", "concrete"], 0) == {
        "The figurine is made of concrete. Clay is soft. When clay dries out, it can become very hard."}
    # a question the rationale asks itself claims nothing: "Is Australia a country or a continent? Both!"
    text = "This country is Australia. Is Australia a country or a continent? Both! Australia is in Oceania."
    assert swap(text, "Which country is highlighted?", ["Australia", "New Zealand"], 0) == {
        "This country is New Zealand. Is Australia a country or a continent? Both! Australia is in Oceania."}
    text = "The colony is Massachusetts. The Massachusetts Colony included land that would later become Maine."
    assert swap(text, "What is the name of the colony shown?", ["Iowa", "Massachusetts"], 1) == {
        "The colony is Iowa. The Massachusetts Colony included land that would later become Maine."}
    # ... and a "So," sentence is the conclusion even where an earlier one restates the question better
    text = "Will these magnets attract or repel? So, these magnets will repel because like poles face each other."
    assert swap(text, "Will these magnets attract or repel each other?", ["attract", "repel"], 1) == {
        "Will these magnets attract or repel? So, these magnets will attract because like poles face each other."}


def test_a_negated_mention_gives_way_to_a_positive_one(option):
    text = ("So, Ardea purpurea and Acanthaster planci are not in the same species. Ardea purpurea has the same "
            "scientific name as a purple heron.")
    example = Example(id="x", split="t", target=text, question="Select the organism in the same species as the "
                      "purple heron.", choices=("Acanthaster planci", "Ardea purpurea"), answer=1)
    (cand,) = option.propose(BLANK(text), example, random.Random(0))
    assert apply_edits(text, cand.edits).endswith("Acanthaster planci has the same scientific name as a purple heron.")


def test_the_verb_after_a_replaced_mention_agrees_with_the_new_text(option):
    """Blind round J: "Of the choices, the burlap sack is the most flexible" -> "the wax crayons is" broke
    agreement. The verb right after the mention follows the new text's number, both ways; a name ("Texas") has no
    number the surface tells, so its verb stays."""
    text = "Of the choices, the burlap sack is the most flexible."
    got, _ = propose(option, text, ["wax crayons", "burlap sack", "glass bowl"], 1)
    assert got == {"Of the choices, the wax crayons are the most flexible.",
                   "Of the choices, the glass bowl is the most flexible."}
    text = "So, the rubber bands were the most stretchy. They bend."
    got, _ = propose(option, text, ["rubber bands", "wooden ruler", "fish"], 0)
    assert got == {"So, the wooden ruler was the most stretchy. They bend.",
                   "So, the fish were the most stretchy. They bend."}
    text = "So, Ohio has the most rain."
    assert propose(option, text, ["Ohio", "Texas"], 0)[0] == {"So, Texas has the most rain."}


@pytest.mark.parametrize("scheme", ["ontonotes", "ud"])
def test_any_present_verb_after_a_subject_mention_agrees_with_the_new_text(option, scheme):
    """Blind round X: "An adult moss plant produces eggs" -> "Spores produces eggs". A verb outside the
    is/are table is put in the new number by its tag, or by its form where it opens the clause and the weak
    tagger calls it a noun; past tenses need nothing."""
    text = "An adult moss plant produces eggs."
    tagged = build(text, "An/DET/DT/det/3 adult/ADJ/JJ/amod/3 moss/NOUN/NN/compound/3 plant/NOUN/NN/nsubj/4 "
                         "produces/VERB/VBZ/ROOT/4/produce eggs/NOUN/NNS/dobj/4/egg ./PUNCT/./punct/4", scheme)
    assert propose(option, text, ["spores", "an adult moss plant"], 1, tagged)[0] == {"Spores produce eggs."}
    mistagged = build(text, "An/DET/DT/det/3 adult/ADJ/JJ/amod/3 moss/NOUN/NN/compound/3 plant/NOUN/NN/nsubj/4 "
                            "produces/NOUN/NNS/ROOT/4/produce eggs/NOUN/NNS/dobj/4/egg ./PUNCT/./punct/4", scheme)
    assert propose(option, text, ["spores", "an adult moss plant"], 1, mistagged)[0] == {"Spores produce eggs."}
    text = "Whales live in the ocean."
    tagged = build(text, "Whales/NOUN/NNS/nsubj/1/whale live/VERB/VBP/ROOT/1 in/ADP/IN/prep/1 the/DET/DT/det/4 "
                         "ocean/NOUN/NN/pobj/2 ./PUNCT/./punct/1", scheme)
    assert propose(option, text, ["whales", "a camel"], 0, tagged)[0] == {"A camel lives in the ocean."}
    text = "An adult moss plant produced eggs."
    tagged = build(text, "An/DET/DT/det/3 adult/ADJ/JJ/amod/3 moss/NOUN/NN/compound/3 plant/NOUN/NN/nsubj/4 "
                         "produced/VERB/VBD/ROOT/4/produce eggs/NOUN/NNS/dobj/4/egg ./PUNCT/./punct/4", scheme)
    assert propose(option, text, ["spores", "an adult moss plant"], 1, tagged)[0] == {"Spores produced eggs."}


def test_this_is_no_word_a_sentence_shares_with_the_question(option):
    """Blind round Y: "This color is blue." beat "The tent is blue." for the conclusion because "this", stemmed to
    "thi", passed for a content word shared with "Which property matches this object?"."""
    text = "Blue is a color. This color is blue. The tent is blue. The tent is not rough."
    example = Example(id="x", split="t", target=text, question="Which property matches this object?",
                      choices=("blue", "rough"), answer=0)
    got = {apply_edits(text, c.edits) for c in option.propose(BLANK(text), example, random.Random(0))}
    assert got == {"Blue is a color. This color is blue. The tent is rough. The tent is not rough."}
