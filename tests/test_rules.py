"""Rules are data: loading, overriding, validation errors that name file, key and reason, and the digest."""
import textwrap

import pytest

from snaug.rules import RulesError, load_rules
from snaug.transforms import build


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return tmp_path


def test_shipped_rules_declare_the_two_kinds_and_validators():
    rules = load_rules()
    assert {"negation", "orientation"} <= set(rules.kinds)
    assert rules.validate.max_edits == 2 and 0 < rules.validate.min_similarity < 1
    assert len(rules.digest) == 64


def test_user_dir_replaces_a_kind_whole_and_changes_the_digest(tmp_path):
    base = load_rules()
    write(tmp_path, "orientation.toml", """
        [kinds.orientation]
        transform = "lexicon"
        [[kinds.orientation.groups]]
        rule = "lateral"
        pairs = [["port", "starboard"]]
        """)
    rules = load_rules([tmp_path])
    assert rules.digest != base.digest
    swap = build(rules.kinds["orientation"])
    assert set(swap.index) == {"port", "starboard"}


def test_user_dir_adds_a_kind_and_overrides_one_validator_option(tmp_path):
    write(tmp_path, "extra.toml", """
        [kinds.comparison]
        transform = "lexicon"
        [[kinds.comparison.groups]]
        rule = "temperature"
        pairs = [["hotter", "colder"]]
        [validate]
        max_edits = 1
        """)
    rules = load_rules([tmp_path])
    assert "comparison" in rules.kinds
    assert rules.validate.max_edits == 1
    assert rules.validate.min_similarity == load_rules().validate.min_similarity


@pytest.mark.parametrize("body,key,reason", [
    ("[kinds.x]\ntransform = 3\n", "kinds.x.transform", "expected a string"),
    ("[kinds.x]\n", "kinds.x.transform", "required key is missing"),
    ("[validate]\nmax_edits = -1\n", "validate.max_edits", "at least 0"),
    ("[validate]\ndedupe = 1\n", "validate.dedupe", "expected true or false"),
    ("[validate]\nmin_similarity = 2\n", "validate.min_similarity", "must lie in"),
    ("[validate]\nspeed = 1\n", "validate.speed", "unknown key"),
    ("[other]\na = 1\n", "other", "unknown key"),
    ("[kinds.x\n", "", "not valid TOML"),
    ("[kinds.x]\ntransform = \"lexicon\"\n[kinds.x.claims]\nstopwords = [\"a\"]\n", "kinds.x.claims",
     "one top-level [claims] table"),
    ("[claims]\nspeed = 1\n", "claims.speed", "unknown key"),
    ("[claims]\nstopwords = [\"a\", 3]\n", "claims.stopwords[1]", "expected a non-empty string"),
])
def test_bad_rules_name_file_key_and_reason(tmp_path, body, key, reason):
    (tmp_path / "bad.toml").write_text(body)
    with pytest.raises(RulesError) as err:
        load_rules([tmp_path])
    message = str(err.value)
    assert "bad.toml" in message and key in message and reason in message


@pytest.mark.parametrize("body,key,reason", [
    ('transform = "lexicon"\n', "kinds.x.groups", "required key"),
    ('transform = "lexicon"\n[[kinds.x.groups]]\nrule = "r"\npairs = [["a"]]\n', "kinds.x.groups[0].pairs[0]",
     "two non-empty strings"),
    ('transform = "lexicon"\n[[kinds.x.groups]]\nrule = "r"\npos = ["NOUNS"]\npairs = [["a", "b"]]\n',
     "kinds.x.groups[0].pos", "not a Universal POS tag"),
    ('transform = "lexicon"\nwords = 1\n[[kinds.x.groups]]\nrule = "r"\npairs = [["a", "b"]]\n', "kinds.x.words",
     "unknown key"),
    ('transform = "paraphrase"\n', "kinds.x.transform", "unknown transform"),
])
def test_bad_kind_tables_fail_when_built(tmp_path, body, key, reason):
    (tmp_path / "bad.toml").write_text("[kinds.x]\n" + body)
    with pytest.raises(RulesError) as err:
        build(load_rules([tmp_path]).kinds["x"])
    assert "bad.toml" in str(err.value) and key in str(err.value) and reason in str(err.value)


def test_digest_ignores_file_layout(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    kind = '[kinds.k]\ntransform = "lexicon"\n[[kinds.k.groups]]\nrule = "r"\npairs = [["a", "b"]]\n'
    (a / "one.toml").write_text(kind + "[validate]\nmax_edits = 1\n")
    (b / "kind.toml").write_text(kind)
    (b / "validate.toml").write_text("[validate]\nmax_edits = 1\n")
    assert load_rules([a]).digest == load_rules([b]).digest


@pytest.mark.parametrize("body,key,reason", [
    ('transform = "number"\nshifts = [1, 2.5]\n', "kinds.number.shifts[1]", "expected an integer"),
    ('transform = "number"\nshifts = [0]\n', "kinds.number.shifts", "must be positive"),
    ('transform = "number"\nfactors = [1]\n', "kinds.number.factors", "not 1"),
    ('transform = "number"\nyear_range = [2100, 1000]\n', "kinds.number.year_range", "expected [first, last]"),
    ('transform = "option"\noccurrences = "first"\n', "kinds.number.occurrences", "expected one of last, all, each"),
])
def test_bad_number_and_option_tables(tmp_path, body, key, reason):
    (tmp_path / "n.toml").write_text("[kinds.number]\n" + body)
    with pytest.raises(RulesError, match=rf"n\.toml: {key.replace('[', '.').replace(']', '.')}: .*{reason.replace('[', '.').replace(']', '.')}"):
        build(load_rules([tmp_path]).kinds["number"])


def test_one_claims_table_serves_every_kind():
    # the side-detail words are one [claims] table, read once: every kind that judges side details shares it
    rules = load_rules()
    assert rules.claims.enabled
    built = [build(rules.kinds[name]) for name in ("negation", "number", "orientation", "unit")]
    assert all(kind.claims is rules.claims for kind in built)


def test_claims_are_overridden_key_by_key_and_a_kind_can_opt_out(tmp_path):
    base = load_rules()
    write(tmp_path, "mine.toml", """
        [claims]
        min_restated_words = 8
        [kinds.number]
        transform = "number"
        claims = false
        """)
    rules = load_rules([tmp_path])
    assert rules.claims.min_restated == 8 and rules.claims.conclusion is not None      # the shipped rest is kept
    assert rules.digest != base.digest
    assert not build(rules.kinds["number"]).claims.enabled
    assert build(rules.kinds["unit"]).claims is rules.claims
