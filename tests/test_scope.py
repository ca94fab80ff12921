"""Parse less (snaug/scope.py): sentences, shares, and a share's parse read at the text's own offsets."""
from __future__ import annotations

import importlib.util

import pytest

from snaug.io.example import Example
from snaug.scope import holding, masked, sentences

needs_parser = pytest.mark.skipif(importlib.util.find_spec("en_ud_ewt_sm") is None,
                                  reason="needs the shared en_ud_ewt_sm pipeline (../shared/models)")

TEXT = ('Look at the map. Mr. Duran said "It is cold. Go north." on Monday!\n'
        "Is 5 cm long? It moved 3 m to the left.  Done")


def test_sentences_end_at_marks_and_line_breaks_but_not_inside_quotes_or_after_titles():
    parts = [TEXT[s:e].strip() for s, e in sentences(TEXT)]
    assert parts == ["Look at the map.", 'Mr. Duran said "It is cold. Go north." on Monday!', "Is 5 cm long?",
                     "It moved 3 m to the left.", "Done"]
    covered = " ".join(TEXT[s:e] for s, e in sentences(TEXT))
    assert covered.split() == TEXT.split()          # every word is in exactly one sentence


def test_a_share_keeps_offsets_and_its_sentences_and_blanks_the_rest_but_for_line_breaks_and_end_marks():
    spans = sentences(TEXT)
    share = masked(TEXT, spans, {1, 3})
    assert len(share) == len(TEXT)
    for k, (s, e) in enumerate(spans):
        if k in (1, 3):
            assert share[s:e] == TEXT[s:e]
        else:
            assert set(share[s:e]) <= {" ", "\n", ".", "?", "!"}
            assert share[s:e].strip(" \n") in ("", TEXT[s:e].rstrip()[-1])
    assert share.count("\n") == TEXT.count("\n")


def test_holding_finds_every_sentence_a_hit_touches():
    spans = [(0, 10), (10, 20), (20, 30)]
    assert holding(spans, [(3, 4), (25, 27)]) == {0, 2}
    assert holding(spans, [(8, 12)]) == {0, 1}                 # a mention across a sentence end
    assert holding(spans, []) == set()


@needs_parser
def test_a_kept_sentence_has_the_tokens_and_offsets_it_has_in_the_whole_text():
    from snaug.nlp import load_pipeline

    nlp = load_pipeline("en_ud_ewt_sm").nlp
    spans = sentences(TEXT)
    whole = nlp(TEXT)
    share = nlp(masked(TEXT, spans, {3}))
    s, e = spans[3]
    assert [(t.idx, t.text) for t in whole if s <= t.idx < e] == \
        [(t.idx, t.text) for t in share if s <= t.idx < e and not t.is_space]


@needs_parser
def test_an_examples_negatives_do_not_depend_on_the_examples_run_with_it(rules):
    """Shares and rounds are per example: alone, or in a batch with others, in any order, the same outcome."""
    from snaug.engine import Engine
    from snaug.nlp import load_pipeline

    engine = Engine(rules, load_pipeline("en_ud_ewt_sm"), per_kind=2, seed=3)
    examples = [
        Example("a", "t", "The rock is hard. It sank 5 m. The water was cold. Birds fly south in winter. It is wet."),
        Example("b", "t", "Ice melts. The cup is not full. Heat moves from the hot pan to the cold water."),
        Example("c", "t", "Mars is the fourth planet. It has two moons. It is red. It is not a star. Look at it."),
    ]
    together = [(o.negatives, o.skips) for o in engine.run(examples)]
    alone = [(o.negatives, o.skips) for ex in examples for o in engine.run([ex])]
    backwards = [(o.negatives, o.skips) for o in engine.run(examples[::-1])][::-1]
    assert together == alone == backwards
    assert all(any(n.kind == "negation" for n in negs) for negs, _ in together)
