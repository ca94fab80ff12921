"""Golden cases for the unit kind: split-token temperatures, compound units, plurals, surface forms, equivalents."""
import random

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from snaug.edits import apply_edits
from snaug.io.example import Example
from snaug.rules import RulesError, ValidateConfig, load_rules
from snaug.transforms import Skip, build
from snaug.quantities import registry
from snaug.validate import check

BLANK = spacy.blank("en")
VALIDATE = ValidateConfig(min_similarity=0)       # short test sentences: judge the swap, not the similarity floor


def kept(kinds, text, validate=VALIDATE):
    """Negatives that pass the validators, and the reasons the others were dropped."""
    result = kinds["unit"].propose(BLANK(text), Example(id="x", split="t", target=text), random.Random(0))
    if isinstance(result, Skip):
        return set(), {result.reason}
    out, dropped = set(), set()
    for cand in result:
        negative, reason = check(text, cand, set(), validate)
        (dropped.add(reason) if reason else out.add(negative))
    return out, dropped


TEMPERATURE = [
    ("Water boils at 100°C.", {"Water boils at 100°F.", "Water boils at 100 K."}),
    ("Water boils at 100 °C.", {"Water boils at 100 °F.", "Water boils at 100 K."}),
    ("Water boils at 100 ° C.", {"Water boils at 100 °F.", "Water boils at 100 K."}),
    ("Water boils at 100ºC.", {"Water boils at 100°F.", "Water boils at 100 K."}),
    ("It was 41°F outside.", {"It was 41°C outside.", "It was 41 K outside."}),
    ("Heat it to 300 K.", {"Heat it to 300 °C.", "Heat it to 300 °F."}),
    ("It was 10 degrees Celsius.", {"It was 10 degrees Fahrenheit.", "It was 10 kelvins."}),
    ("It was 1 degree Celsius.", {"It was 1 degree Fahrenheit.", "It was 1 kelvin."}),
]

OTHERS = [
    ("The pencil is 19 centimeters long.", {f"The pencil is 19 {u} long." for u in
                                            ["millimeters", "meters", "kilometers", "inches", "feet", "yards", "miles"]}),
    ("The rope is 1 foot long.", {f"The rope is 1 {u} long." for u in
                                  ["millimeter", "centimeter", "meter", "kilometer", "inch", "yard", "mile"]}),
    ("It is 5 cm wide.", {f"It is 5 {u} wide." for u in ["mm", "m", "km", "in.", "ft", "yd", "mi"]}),
    ("It is 5cm wide.", {f"It is 5{u} wide." for u in ["mm", "m", "km", "in.", "ft", "yd", "mi"]}),
    ("A 5-centimeter pencil.", {f"A 5-{u} pencil." for u in
                                ["millimeter", "meter", "kilometer", "inch", "foot", "yard", "mile"]}),
    ("A car at 5 km/h.", {"A car at 5 m/s.", "A car at 5 mph.", "A car at 5 ft/s."}),
    ("It drove 60 miles per hour.", {"It drove 60 meters per second.", "It drove 60 kilometers per hour.",
                                     "It drove 60 feet per second."}),
    ("It weighs 3 kilograms.", {f"It weighs 3 {u}." for u in
                                ["milligrams", "grams", "metric tons", "ounces", "pounds", "tons"]}),
    ("It weighs 3 KILOGRAMS.", {f"It weighs 3 {u.upper()}." for u in
                                ["milligrams", "grams", "metric tons", "ounces", "pounds", "tons"]}),
    ("It took Twenty Minutes.", {f"It took Twenty {u}." for u in ["Seconds", "Hours", "Days", "Weeks", "Months", "Years"]}),
    ("Pour 2 L of water.", {"Pour 2 mL of water.", "Pour 2 fl oz of water.", "Pour 2 gal of water.", "Pour 2 qt of water.",
                            "Pour 2 cm³ of water."}),
    ("The farm is 40 acres.", {f"The farm is 40 {u}." for u in
                               ["square centimeters", "square meters", "square kilometers", "square feet",
                                "square miles", "hectares"]}),
    ("It moves 2.5 millimeters per year.", {f"It moves 2.5 {u} per year." for u in
                                            ["centimeters", "meters", "kilometers", "inches", "feet", "yards", "miles"]}),
    # the food calorie is the kilocalorie: the two words never swap for each other
    ("It ate 240 calories.", {"It ate 240 joules.", "It ate 240 kilojoules."}),
    ("It has 90 kilocalories.", {"It has 90 joules.", "It has 90 kilojoules."}),
    ("Heat 5 cal of energy.", {"Heat 5 J of energy.", "Heat 5 kJ of energy.", "Heat 5 kcal of energy."}),
    # seconds where the s is spaced; cups where they measure something
    ("It fell for 4 s.", {f"It fell for 4 {u}." for u in ["min", "h", "yr"]}),
    ("It ran for 30 s.", {f"It ran for 30 {u}." for u in ["min", "h", "yr"]}),
    ("Add 2 cups of flour.", {f"Add 2 {u} of flour." for u in
                              ["milliliters", "liters", "cubic centimeters", "fluid ounces", "gallons", "quarts"]}),
    ("Add 1.5 cups.", {f"Add 1.5 {u}." for u in
                       ["milliliters", "liters", "cubic centimeters", "fluid ounces", "gallons", "quarts"]}),
    # bounds: the swap moves the quantity out of what the bound allows
    ("Whale sharks weigh over 21 tons.", {"Whale sharks weigh over 21 metric tons."}),
    ("Koalas sleep up to 20 hours a day.", {f"Koalas sleep up to 20 {u} a day." for u in ["seconds", "minutes"]}),
    ("It is 30 °F or higher.", {"It is 30 °C or higher."}),           # a lower bound after the number
    # a comparison of two quantities must turn round: 165 K is still colder than 175 °C
    ("The 175 °C block is hotter than the 165 °C block.",
     {"The 175 K block is hotter than the 165 °C block.", "The 175 °F block is hotter than the 165 °C block."}),
    # an estimate stays good within a factor of 10: 6 miles is no false estimate of a trail of 6 kilometers
    ("The better estimate for the trail is 6 kilometers.",
     {f"The better estimate for the trail is 6 {u}." for u in ["millimeters", "centimeters", "meters", "inches", "feet", "yards"]}),
    ("33 minutes is too fast.", {f"33 {u} is too fast." for u in ["hours", "days", "weeks", "months", "years"]}),
    ("33 hours is too slow.", {f"33 {u} is too slow." for u in ["seconds", "minutes"]}),
]

NOT_QUANTITIES = [
    ("The volume is 6.83 x 10^14 km^3.", "no quantity with a known unit"),   # a power of km is not a length
    ("The cost for 107 second grade shirts.", "no quantity with a known unit"),  # ordinal, not a time
    ("One day in May, it rained.", "no quantity with a known unit"),
    ("Centimeters are small.", "no quantity with a known unit"),
    ("She is 5 in the photo.", "no quantity with a known unit"),              # "in" is no inch symbol
    ("Buy 2 x 4s and nails.", "no quantity with a known unit"),               # a plural, not seconds
    ("She ate 2 s'mores.", "no quantity with a known unit"),                  # blind round W: a word, not seconds
    ("It was popular in the 1990s.", "no quantity with a known unit"),
    ("Jamestown was founded in the early 1600 s.", "no quantity with a known unit"),   # spaced plural of years
    ("They were in their 30 s then.", "no quantity with a known unit"),
    ("It was fought in the Seven Years' War.", "part of a name"),
    ('The text says "It takes six weeks." That is a fact.', "inside a quotation"),
    ("Stanley sold 12 cups today.", "counts things, not a measure"),           # 12 teacups of lemonade
    # blind round U: people have 2 feet; then every "feet" of the text counts them
    ("They all had 2 feet, so there were 40*2 = 80 feet.", "a body part, not a measure"),
    ("Read the passage carefully. It was 49°F on Tuesday. This passage is about weather.", "inside a quotation"),
]

EQUIVALENT = [
    ("It is -40 °C today.", set(), {"equivalent quantity", "impossible quantity"}),   # -40 °F, -40 K
    ("The rocks are 0 cm apart.", set(), {"equivalent quantity"}),
    ("Add 12 mL of oil.", {"Add 12 L of oil.", "Add 12 fl oz of oil.", "Add 12 gal of oil.", "Add 12 qt of oil."},
     {"equivalent quantity"}),                                                  # 12 mL = 12 cm³
    ("It fell to -18°C.", {"It fell to -18°F."}, {"impossible quantity"}),     # -18 K is below absolute zero
]


@pytest.mark.parametrize("text,expected", TEMPERATURE + OTHERS, ids=[c[0] for c in TEMPERATURE + OTHERS])
def test_unit_golden(kinds, text, expected):
    assert kept(kinds, text) == (expected, set())


@pytest.mark.parametrize("text,expected", [
    # "too heavy" is true of every heavier quantity: the swap goes down to the estimate the text gives
    ("The best estimate is 16 ounces. 16 pounds is too heavy.", {"milligrams", "grams", "ounces"}),
    ("The best estimate is 4,295 kilograms. 4,295 grams is too light.", {"kilograms", "metric tons", "tons"}),
])
def test_too_much_or_little_goes_past_the_estimate(kinds, text, expected):
    got, _ = kept(kinds, text)
    second = {t.split(". ")[1] for t in got if t.split(". ")[0] == text.split(". ")[0]}
    assert {" ".join(t.split()[1:-3]) for t in second} == expected


@pytest.mark.parametrize("text,reason", NOT_QUANTITIES, ids=[c[0] for c in NOT_QUANTITIES])
def test_not_a_quantity(kinds, text, reason):
    assert kept(kinds, text) == (set(), {reason})


@pytest.mark.parametrize("text,expected,dropped", EQUIVALENT, ids=[c[0] for c in EQUIVALENT])
def test_equivalent_and_impossible_quantities_are_dropped(kinds, text, expected, dropped):
    assert kept(kinds, text) == (expected, dropped)


def test_the_equivalence_check_can_be_switched_off(kinds):
    got, dropped = kept(kinds, "The rocks are 0 cm apart.", ValidateConfig(min_similarity=0, reject_equivalent=False))
    assert "The rocks are 0 km apart." in got and not dropped


def test_rule_names_the_family(kinds):
    result = kinds["unit"].propose(BLANK("It is 5 kg."), Example("x", "t", "It is 5 kg."), random.Random(0))
    assert {c.rule for c in result} == {"unit.mass"}


@pytest.mark.parametrize("units,message", [
    ('{ pint = "meter", symbols = ["m"] }, { pint = "kilogram", symbols = ["kg"] }', "has dimensionality"),
    ('{ pint = "meter", symbols = ["m"] }, { pint = "metre_typo", symbols = ["mt"] }', "is not a pint unit"),
    ('{ pint = "meter", symbols = ["m"] }, { pint = "kilometer", symbols = ["m"] }', "already a form of"),
    ('{ pint = "meter", symbols = ["m"] }', "at least two units"),
])
def test_bad_unit_tables_name_file_and_key(tmp_path, units, message):
    (tmp_path / "u.toml").write_text(f'[kinds.unit]\ntransform = "unit"\n[[kinds.unit.families]]\nname = "x"\n'
                                     f'units = [{units}]\n')
    with pytest.raises(RulesError, match=rf"u\.toml: kinds\.unit\.families\[0\]\.units.*{message}"):
        build(load_rules([tmp_path]).kinds["unit"])


# -- property: a swap keeps the number and the dimension, and only the unit's characters change --------------

SURFACES = ["°C", "°F", "cm", "km", "kilograms", "grams", "hours", "mL", "liters", "mph", "feet", "inches"]


@given(value=st.decimals(min_value=1, max_value=10**5, places=2, allow_nan=False, allow_infinity=False),
       surface=st.sampled_from(SURFACES), space=st.sampled_from(["", " "]))
def test_swaps_keep_number_and_dimension(kinds, value, surface, space):
    text = f"It measured {value}{space}{surface} in all."
    result = kinds["unit"].propose(BLANK(text), Example("x", "t", text), random.Random(0))
    assert not isinstance(result, Skip)
    ureg = registry()
    for cand in result:
        (edit,) = cand.edits
        assert edit.start == text.index(str(value)) + len(str(value)) + len(space)
        amount, source, target = cand.quantity
        assert ureg.Unit(source).dimensionality == ureg.Unit(target).dimensionality and source != target
        assert apply_edits(text, cand.edits).startswith(f"It measured {value}")


def test_a_choice_the_rationale_repeats_is_quoted_not_claimed(kinds):
    # the fact-or-opinion template repeats the chosen sentence without quote marks: it is about the sentence
    text = "The first sentence states a fact.\nA plain omelet takes two minutes to cook.\nIt can be proved."
    choices = ("A plain omelet takes two minutes to cook.", "Omelets are the best breakfast.")
    result = kinds["unit"].propose(BLANK(text), Example("x", "t", text, choices=choices, answer=0), random.Random(0))
    assert isinstance(result, Skip) and result.reason == "inside a quotation"
    # a short choice ("16 ounces") is the conclusion itself and still swaps
    text = "The best estimate is 16 ounces."
    result = kinds["unit"].propose(BLANK(text), Example("x", "t", text, choices=("16 ounces", "16 pounds"), answer=0),
                                   random.Random(0))
    assert not isinstance(result, Skip)


# -- issue 11, class 5: a swap that leaves the claim true is not proposed ---------------------------------------
def test_negated_and_outside_a_range_claims_are_left_alone(kinds):
    example = Example(id="x", split="t", target="", question="Which air temperature was measured?")
    for text in ("-2°C and 17°C are outside of this range.", "The rock does not weigh 5 kilograms."):
        result = kinds["unit"].propose(None, Example(**{**example.__dict__, "target": text}), random.Random(0))
        assert isinstance(result, Skip) and result.reason == "negated claim"
    text = "2°C is within this range."                                    # ... a claim inside the range still swaps
    result = kinds["unit"].propose(None, Example(**{**example.__dict__, "target": text}), random.Random(0))
    assert not isinstance(result, Skip)


def test_a_superlative_must_stop_being_the_most(kinds):
    choices = ("a speedboat that moved 890kilometers west in 10hours", "a speedboat that moved 880kilometers north "
               "in 10hours", "a speedboat that moved 360kilometers west in 10hours")
    text = "The speedboat that moved 360 kilometers moved the shortest distance in that time."
    example = Example(id="x", split="t", target=text, question="Which speedboat was moving at the lowest speed?",
                      choices=choices, answer=2)
    # 360 miles (579 km), meters, feet ... are all still shorter than 880 km: no swap is false
    assert isinstance(kinds["unit"].propose(None, example, random.Random(0)), Skip)
    # ... still fires where the swap ends the superlative: 14 °F and 14 K are colder than 9 °C
    choices = ("a towel at a temperature of 9°C", "a towel at a temperature of 14°C", "a towel at 4°C")
    text = "Since the 14°C towel is the hottest, it has the most thermal energy."
    example = Example(id="x", split="t", target=text, question="Which object has the most thermal energy?",
                      choices=choices, answer=1)
    result = kinds["unit"].propose(None, example, random.Random(0))
    assert {c.edits[0].after for c in result} == {"°F", " K"}


def test_a_letter_that_stands_alone_elsewhere_is_a_variable(kinds):
    text = "L + L + 11 = 35 / 2L + 11 = 35 / 2L = 24"
    result = kinds["unit"].propose(None, Example(id="x", split="t", target=text), random.Random(0))
    assert isinstance(result, Skip) and result.reason == "a variable, not a unit"
    result = kinds["unit"].propose(None, Example(id="x", split="t", target="The jug holds 2L of milk."),
                                   random.Random(0))
    assert not isinstance(result, Skip)


def test_a_count_of_what_the_question_names_keeps_its_unit(kinds):
    """Blind round: "The average precipitation for these three months is different" -> "these three days" changes
    the question's own count of months, not a measurement. A month's own amount still swaps."""
    import random

    from snaug.edits import apply_edits
    from snaug.io.example import Example
    from snaug.transforms import Skip

    q = dict(question="Which three months have the same average precipitation?",
             choices=("June, July, and August", "September, October, and November"), answer=1)
    text = ("The average precipitation for these three months is different. The average precipitation in August is "
            "more than 3 inches.")
    result = kinds["unit"].propose(BLANK(text), Example("x", "t", text, **q), random.Random(0))
    assert not isinstance(result, Skip)
    got = {apply_edits(text, c.edits) for c in result}
    assert got and all("three months" in t for t in got)


def test_a_quantity_the_arithmetic_does_not_use_keeps_its_unit(kinds):
    """Blind round M: in "The combined total of the rainfall for these three days is 7+8+8" the steps never work
    with "three days": "three months" leaves every step as true as before. Quantities the steps use, also once
    converted ("two weeks" worked with as 14 days), and one unit framing a rate ("in one day") still swap."""
    import random

    from snaug.edits import apply_edits
    from snaug.io.example import Example
    from snaug.transforms import Skip

    q = dict(question="It rained 7 hours on Monday at 1 inch per hour, 4 hours on Tuesday at 2 inches per hour and "
                      "2 hours on Wednesday at twice Tuesday's rate. How many inches of rain fell?")

    def swaps(text):
        result = kinds["unit"].propose(BLANK(text), Example("x", "t", text, **q), random.Random(0))
        return set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}

    text = ("Wednesday, 2 hours of rain at a rate of 4 inches per hour is 2*4=<<2*4=8>>8 inches of rain.\n"
            "The combined total of the rainfall for these three days is 7+8+8=<<7+8+8=23>>23 inches\n#### 23")
    got = swaps(text)
    assert got and all("three days" in t for t in got)          # the hours and the inches swap, the days do not
    text = "The number of pages she reads every day for two weeks is 280 / 14 = <<280/14=20>>20 pages\n#### 20"
    assert any("two weeks" not in t for t in swaps(text))         # 14 = two weeks in days: the step rests on it
    text = "Twice the number of bottles Paul drinks in one day is 3 * 2 = <<3*2=6>>6 bottles.\n#### 6"
    assert any("one day" not in t for t in swaps(text))
    # blind round O: the hyphen of "45-pound" is no minus: "Two 45-pound plates cost $50 x 2" never uses 45
    text = "Two 45-pound plates cost $50 x 2 = $100.\nSo, he paid $945 + $100 = $<<945+100=1045>>1045.\n#### 1045"
    assert not swaps(text)
    text = "20 gallons = 160 pints\n160/80 = <<160/80=2>>2 pints\n#### 2"
    assert any("20 gallons" not in t for t in swaps(text))        # a conversion is a step


def test_a_word_that_ends_a_longer_unit_the_problem_uses_is_short_for_it(kinds):
    """Blind round Q: "64 ounces" after "64 fluid ounces" is a volume; "64 metric tons" swapped it as a mass. A
    plain ounce still swaps where the problem says nothing of fluid ounces."""
    import random

    from snaug.edits import apply_edits
    from snaug.io.example import Example
    from snaug.transforms import Skip

    def swaps(text, question):
        result = kinds["unit"].propose(BLANK(text), Example("x", "t", text, question=question), random.Random(0))
        return set() if isinstance(result, Skip) else {apply_edits(text, c.edits) for c in result}

    text = "In 64 fluid ounces there are 64/8 = 8 servings. He drinks 64 ounces in 64/16 = 4 servings of 16-ounce cups."
    got = swaps(text, "Simeon drinks 64 fluid ounces of water. How many servings?")
    assert got and all("64 ounces" in t and "16-ounce" in t for t in got)      # only the fluid ounces swap
    assert swaps("The bag weighs 16 ounces = 1 pound.", "How heavy is the bag?")
    # blind round J5: ounces of a liquid are fluid ounces, however the problem writes them ("20 ounces" -> "20
    # milligrams" crossed families)
    water = "His water bottle holds 20 ounces which he drinks 3 times a day, 20 x 3 = 60 ounces a day."
    assert swaps(water, "Remi's bottle holds 20 ounces of water. How many ounces does he drink?") == set()
    assert swaps("The box of cereal weighs 20 ounces, 20 x 3 = 60 ounces for three boxes.",
                 "A box of cereal weighs 20 ounces. How much do 3 boxes weigh?")
    assert swaps("Per week, the amount of milk produced is 52000*7 = 364000 oz.", "How much milk a week?") == set()
    assert swaps("The best estimate for the mass of a can of soup is 12 ounces. 12 pounds is too heavy.",
                 "What is the mass of a can of soup?")              # a liquid's mass is counted in ounces of mass
    # blind round, seed 71717: a weight word elsewhere in the problem weighs something else ("sand"), and the
    # water's ounces stay fluid ounces; the sand's pounds still swap
    sand = ("Tony's bucket holds 2 pounds of sand. A cubic foot of sand weighs 3 pounds. Every 4 trips he drinks 3 "
            "ounces of bottled water. How much change will he have?")
    got = swaps("He will drink 45 ounces of water because 15 x 3 = 45.\n"
                "He needs 120 pounds of sand because 40 x 3 = 120.", sand)
    assert got and all("45 ounces of water" in t for t in got)
    # ... while a sentence that weighs its liquid counts ounces of mass
    assert any("45 ounces" not in t for t in swaps("The jug of juice weighs 45 ounces.", sand))
    # ... and so does a liquid word the problem weighs: "bottle" is a container, and the bottles' ounces a mass
    assert swaps("She can carry 100 oz - 40 oz = 60 oz of bottles.", "Each bottle weighs 6 ounces. How many bottles?")


def test_feet_had_with_a_measure_after_are_a_length(kinds):
    got, _ = kept(kinds, "The pool has 5 feet of water.")
    assert "The pool has 5 meters of water." in got


def test_a_sentence_ending_on_an_abbreviation_has_one_stop(kinds):
    # blind round 7: "a distance of 2.45 cm." -> "2.45 in.." (two stops)
    got, _ = kept(kinds, "The magnets are 2.45 cm. They attract.")
    assert "The magnets are 2.45 in. They attract." in got and not any(".." in t for t in got)
    # and the other way: the abbreviation's stop was the sentence's too
    got, _ = kept(kinds, "The gap is 2 in. They attract.")
    assert "The gap is 2 cm. They attract." in got
    got, _ = kept(kinds, "The gap is 2 in. wide.")               # mid-sentence: the stop was the abbreviation's
    assert "The gap is 2 cm wide." in got
