"""Validators: each drop has its reason, each check can be switched off in [validate], defaults are on."""
import pytest

from snaug.edits import Edit
from snaug.rules import ValidateConfig, load_rules
from snaug.transforms import Candidate
from snaug.validate import check

SOURCE = "The rock is hot and the sand is hot."


def cand(*edits, quantity=None):
    return Candidate("test.rule", tuple(edits), quantity=quantity)


ONE = cand(Edit(9, 11, "is", "is not"))
THREE = cand(Edit(9, 11, "is", "is not"), Edit(12, 15, "hot", "cold"), Edit(29, 31, "is", "is not"))
BIG = cand(Edit(0, 36, SOURCE, "Something else entirely, and longer."))
SAME = cand(Edit(12, 15, "hot", "hot"))


@pytest.mark.parametrize("candidate,seen,config,reason", [
    (ONE, set(), ValidateConfig(), ""),
    (SAME, set(), ValidateConfig(max_edits=0, min_similarity=0, dedupe=False), "unchanged"),   # always on
    (THREE, set(), ValidateConfig(), "too many edits"),
    (THREE, set(), ValidateConfig(max_edits=0), ""),
    (THREE, set(), ValidateConfig(max_edits=3), ""),
    (BIG, set(), ValidateConfig(), "too dissimilar"),
    (BIG, set(), ValidateConfig(min_similarity=0), ""),
    (ONE, {"The rock is not hot and the sand is hot."}, ValidateConfig(), "duplicate"),
    (ONE, {"The rock is not hot and the sand is hot."}, ValidateConfig(dedupe=False), ""),
])
def test_each_check_and_its_switch(candidate, seen, config, reason):
    text, why = check(SOURCE, candidate, seen, config)
    assert why == reason
    assert (text != "") == (reason == "")


def test_quantity_checks_and_their_switch():
    source = "It is -40 °C."
    to_f = cand(Edit(10, 12, "°C", "°F"), quantity=(-40.0, "degree_Celsius", "degree_Fahrenheit"))
    to_k = cand(Edit(10, 12, "°C", "K"), quantity=(-40.0, "degree_Celsius", "kelvin"))
    assert check(source, to_f, set(), ValidateConfig())[1] == "equivalent quantity"
    assert check(source, to_k, set(), ValidateConfig())[1] == "impossible quantity"
    assert check(source, to_f, set(), ValidateConfig(reject_equivalent=False)) == ("It is -40 °F.", "")


def test_shipped_defaults_are_all_on_and_a_user_file_turns_one_off(tmp_path):
    shipped = load_rules().validate
    assert shipped == ValidateConfig(max_edits=2, min_similarity=0.5, reject_equivalent=True, dedupe=True)
    (tmp_path / "v.toml").write_text("[validate]\ndedupe = false\n")
    assert load_rules([tmp_path]).validate == ValidateConfig(max_edits=2, min_similarity=0.5, dedupe=False)


def test_a_failing_transform_names_kind_and_example(rules):
    import spacy

    from snaug import SnaugError
    from snaug.engine import Engine
    from snaug.io.example import Example
    from snaug.nlp import Pipeline

    engine = Engine(rules, Pipeline(spacy.blank("en"), "blank:en", "", False, "blank:en"), ["option"])
    engine.transforms[0].propose = lambda doc, example, rng: 1 / 0
    with pytest.raises(SnaugError, match="kind 'option' failed on example 'q7' \\(ZeroDivisionError"):
        list(engine.run([Example(id="q7", split="t", target="It is hot.")]))
