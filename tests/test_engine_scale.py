"""The engine at corpus scale (issue 12): only the parse the kinds read, no abort on length, canonical dedupe keys,
streamed generation that counts every record, and output independent of how the work is cut."""
import json
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE, SCIENCEQA, needs_parser
from hypothesis import given, settings
from hypothesis import strategies as st

from snaug.edits import Edit, apply_edits, text_key
from snaug.generate import GenerateConfig, generate
from snaug.io.readers import read_examples


def tree_bytes(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


# -- text_key: the engine dedupes on it instead of on whole texts ---------------------------------------------

def draw_edits(draw, source: str) -> list[Edit]:
    edits, pos = [], 0
    for _ in range(draw(st.integers(0, 3))):
        if pos > len(source):
            break
        start = draw(st.integers(pos, len(source)))
        end = draw(st.integers(start, len(source)))
        edits.append(Edit(start, end, source[start:end], draw(st.text(alphabet="ab .", max_size=3))))
        pos = end + 1
    return edits


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_text_key_is_equal_exactly_when_the_texts_are(data):
    source = data.draw(st.text(alphabet="ab .", max_size=12))      # a small alphabet: many collisions to find
    first, second = draw_edits(data.draw, source), draw_edits(data.draw, source)
    a, b = apply_edits(source, first), apply_edits(source, second)
    assert (text_key(source, first) == text_key(source, second)) == (a == b)
    assert (text_key(source, first) is None) == (a == source)


def test_text_key_sees_an_insertion_made_two_ways_as_one_text():
    source = "It is hot."
    full = [Edit(3, 5, "is", "is not")]
    inserted = [Edit(5, 5, "", " not")]
    assert apply_edits(source, full) == apply_edits(source, inserted)
    assert text_key(source, full) == text_key(source, inserted)


# -- parse less: each kind gets the components it declares, and the same negatives as with the full parse --------

@needs_parser
def test_each_kind_runs_only_its_components_and_finds_the_same_negatives(rules):
    from snaug.engine import Engine
    from snaug.nlp import ROLES, load_pipeline

    pipeline = load_pipeline()
    full = Engine(rules, pipeline, per_kind=3)
    # lemmas come from lemminflect's tables (snaug.nlp.lemma_of): no kind runs the pipeline's lemmatizer
    lemmatizers = [n for n in pipeline.nlp.pipe_names if pipeline.nlp.get_pipe_meta(n).factory in ROLES["lemmatizer"]]
    assert full.disabled == lemmatizers
    examples = read_examples(SCIENCEQA).examples[:300] if SCIENCEQA.is_file() else read_examples(SAMPLE).examples
    docs = list(pipeline.nlp.pipe(ex.target for ex in examples))
    parsed = {"tagger", "parser", "attribute_ruler"}
    for kind in rules.kinds:
        engine = Engine(rules, pipeline, [kind], per_kind=3)
        if kind == "unit":
            assert engine.components == []                       # tokeniser only
        if kind == "option":
            assert "parser" not in engine.components and "tagger" in engine.components
        if kind in ("negation", "number"):
            assert parsed <= set(engine.components)
        lean = [(o.negatives, o.skips, o.dropped) for o in engine.run(examples)]
        whole = [(o.negatives, o.skips, o.dropped) for o in (engine.process(ex, d) for ex, d in zip(examples, docs))]
        if kind == "negation":
            continue          # parsed in shares of sentences: see the test below
        assert lean == whole, kind      # a located kind's sentences are all in the first share


@needs_parser
def test_negation_parsed_in_shares_keeps_its_coverage_and_finds_negatives_the_whole_parse_finds(rules):
    """Negation takes the sentences of a text in a seeded order, a share at a time, until it has per_kind negatives:
    an example has a negative whenever the whole parse gives it one, as many as the whole parse gives (up to
    per_kind), and they are the whole parse's negatives but for the few where a sentence parsed without its
    neighbours is tagged otherwise."""
    from snaug.engine import Engine
    from snaug.nlp import load_pipeline

    pipeline = load_pipeline()
    examples = read_examples(SCIENCEQA).examples[:300] if SCIENCEQA.is_file() else read_examples(SAMPLE).examples
    docs = list(pipeline.nlp.pipe(ex.target for ex in examples))
    every = Engine(rules, pipeline, ["negation"], per_kind=10_000)
    valid = [{n.text for n in every.process(ex, d).negatives} for ex, d in zip(examples, docs)]
    engine = Engine(rules, pipeline, ["negation"], per_kind=3)
    shares = [{n.text for n in o.negatives} for o in engine.run(examples)]
    assert [bool(s) for s in shares] == [bool(v) for v in valid]
    assert sum(len(s) for s in shares) >= 0.98 * sum(min(3, len(v)) for v in valid)
    found = sum(len(s & v) for s, v in zip(shares, valid))
    assert found >= 0.97 * sum(len(s) for s in shares)
    assert sum(len(s) > 1 for s in shares) > len(examples) // 3      # several negatives where there are several


def test_a_text_over_max_chars_or_with_a_lone_surrogate_is_skipped_by_every_kind_not_parsed(rules):
    import spacy

    from snaug.engine import Engine
    from snaug.io.example import Example
    from snaug.nlp import BLANK, Pipeline

    nlp = spacy.blank("en")
    nlp.max_length = 100
    engine = Engine(rules, Pipeline(nlp, "blank", "", False, BLANK), ["unit", "number"], max_chars=300)
    assert nlp.max_length > 300                # what the guard lets through, spaCy accepts
    long, short = Example("1", "t", "It is 5 cm long. " * 15), Example("2", "t", "It is 5 cm. " * 100)
    first, second = engine.run([long, short])
    assert first.negatives and not first.skips
    reason = "text longer than max_chars (300)"
    assert second.skips == [("unit", reason), ("number", reason)]
    (third,) = engine.run([Example("3\ud800", "t", "It is 5 cm\udc80 long.")])
    assert third.skips == [
        (k, "not valid text (a lone surrogate at character 10)") for k in ("unit", "number")]


# -- streamed generation --------------------------------------------------------------------------------------

def test_a_run_over_bad_records_counts_every_one_and_never_aborts(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(json.dumps(r) + "\n" for r in [
        {"id": "1", "rationale": "The rock is 5 cm long."},
        {"id": "2", "rationale": "It is hot. " * 60_000},                     # over --max-chars
        {"id": "3", "rationale": "It is hot\ud800."},                          # lone surrogate
        {"id": "4", "rationale": "It is y.", "choices": ["x", "y"], "answer": "y"},
    ]).encode() + b'{"id": "5", "rationale": "caf\xe9"}\n')
    proc = subprocess.run([sys.executable, "-m", "snaug.cli", "generate", str(path), "-o", str(tmp_path / "o"),
                           "--kinds", "unit,option", "--max-chars", "100000"], capture_output=True, text=True)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    records = json.loads((tmp_path / "o" / "manifest.json").read_text())["records"]
    assert records["read"] == 5 and records["written"] == 2
    assert sum(records["skipped"].values()) == 3
    assert "rationale: longer than --max-chars (100,000 characters)" in records["skipped"]


def test_output_does_not_depend_on_how_the_work_is_cut(tmp_path):
    def run(out, **kw):
        return generate(GenerateConfig(input=SAMPLE, out=tmp_path / out, shard_size=4, progress=False, **kw),
                        warn=lambda m: None)

    run("a")
    run("b", unit_size=3)
    run("c", unit_size=1, workers=2)
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b") == tree_bytes(tmp_path / "c")
    assert len(list((tmp_path / "a" / "shards").glob("*.parquet"))) == 4


# -- the pipeline's arithmetic: numpy's BLAS, one thread per process (snaug/compute.py) ----------------------

def test_pipeline_ops_build_models_on_numpy_blas_and_leave_a_callers_choice_alone():
    from thinc.api import Linear, NumpyOps, get_current_ops, use_ops

    from snaug.compute import pipeline_ops

    assert get_current_ops().use_blis                     # spaCy's default
    with pipeline_ops():
        built = Linear(4, 3)
    assert type(built.ops) is NumpyOps and not built.ops.use_blis
    assert get_current_ops().use_blis                     # restored: nothing global changed

    class TheirOps(NumpyOps):
        name = "theirs"

    with use_ops("numpy"):                                # a caller who set ops of their own keeps them
        from thinc.api import set_current_ops
        theirs = TheirOps()
        set_current_ops(theirs)
        with pipeline_ops():
            assert get_current_ops() is theirs


def test_one_blas_thread_holds_every_blas_library_to_one_thread_and_restores_it():
    import numpy  # noqa: F401  (loads its BLAS)
    from threadpoolctl import threadpool_info

    from snaug.compute import one_blas_thread

    before = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    assert before, "numpy's BLAS is not visible to threadpoolctl"
    with one_blas_thread():
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    assert [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"] == before
    held = one_blas_thread()                              # called bare, it holds until restored
    assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    held.restore_original_limits()


@needs_parser
def test_the_loaded_pipeline_multiplies_with_numpy_blas():
    from snaug.nlp import load_pipeline

    nlp = load_pipeline().nlp
    for name in ("tok2vec", "tagger"):
        assert nlp.get_pipe(name).model.ops.use_blis is False, name


def test_the_engine_parses_with_one_blas_thread_and_gives_the_callers_limit_back(rules):
    """Whoever runs the engine (generate's workers, a Ray or datasets map), its parse does not start a BLAS thread
    per core beside the other processes."""
    from threadpoolctl import threadpool_info

    from snaug.engine import Engine
    from snaug.io.example import Example
    from snaug.nlp import BLANK, load_pipeline

    pipeline = load_pipeline(BLANK)
    seen = []
    pipe = pipeline.nlp.pipe

    def watched(texts, **kw):
        seen.append([i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"])
        yield from pipe(texts, **kw)

    pipeline.nlp.pipe = watched
    before = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    outcomes = list(Engine(rules, pipeline, ["unit"]).run([Example(id="a", split="train", target="It is 5 cm long.")]))
    assert len(outcomes) == 1 and seen and all(threads == [1] * len(before) for threads in seen)
    assert [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"] == before


# -- the attribute ruler's matches from a table (snaug/ruler.py) ------------------------------------------------

TAGS = ["NN", "NNS", "VBZ", "VBD", "MD", "DT", "JJ", ","]
DEPS = ["nsubj", "ROOT", "cop", "aux", "det", "punct", ""]
WORDS = ["it", "is", "was", "The", "a", "cat", "cats", "red", "can", ","]
RULES = [  # a tag map, then exceptions on the tag and the dependency or the word, some of them overlapping
    *({"patterns": [[{"TAG": t}]], "attrs": {"POS": p}} for t, p in
      [("NN", "NOUN"), ("NNS", "NOUN"), ("VBZ", "VERB"), ("VBD", "VERB"), ("MD", "AUX"), ("DT", "DET"),
       ("JJ", "ADJ"), (",", "PUNCT")]),
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "VBZ", "DEP": "cop"}]], "attrs": {"POS": "AUX", "MORPH": "Mood=Ind|VerbForm=Fin"}},
    {"patterns": [[{"TAG": "VBD", "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": "is", "TAG": "VBZ"}]], "attrs": {"MORPH": "Number=Sing"}},
    {"patterns": [[{"TEXT": "The", "TAG": "DT", "DEP": "det"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}, "index": -1},     # later rules win
]


def ruled_doc(nlp, rng, n):
    from spacy.tokens import Doc

    words = [rng.choice(WORDS) for _ in range(n)]
    deps = [rng.choice(DEPS) for _ in range(n)]
    return Doc(nlp.vocab, words=words, tags=[rng.choice(TAGS) for _ in range(n)],
               deps=deps if all(deps) else None, heads=list(range(n)) if all(deps) else None)


def test_the_ruler_table_finds_what_spacys_matcher_finds_and_sets_the_same_attributes():
    import random

    import spacy

    from snaug.ruler import table_matches

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    rng = random.Random(3)
    docs = [ruled_doc(nlp, rng, rng.randint(0, 12)) for _ in range(400)]
    theirs = [ruler.match(doc) for doc in docs]
    assert any(len({m[2] for m in found}) < len(found) for found in theirs)    # tokens two rules match
    assert table_matches(nlp) == ["attribute_ruler"]
    assert [ruler.match(doc) for doc in docs] == theirs
    spacy_ruler = spacy.blank("en").add_pipe("attribute_ruler")
    spacy_ruler.add_patterns(RULES)
    for doc in docs:
        ours = ruler(doc.copy())
        expected = spacy_ruler(on_vocab(doc, spacy_ruler.vocab))
        assert [(t.pos_, str(t.morph)) for t in ours] == [(t.pos_, str(t.morph)) for t in expected]


def on_vocab(doc, vocab):
    from spacy.tokens import Doc

    return Doc(vocab).from_bytes(doc.to_bytes())


def test_a_ruler_whose_patterns_are_no_table_keeps_spacys_matcher_and_new_patterns_are_matched():
    import spacy

    from snaug.ruler import table_matches

    for pattern in ([{"TAG": "DT"}, {"TAG": "NN"}], [{"TAG": {"IN": ["NN", "NNS"]}}], [{"POS": "NOUN"}],
                    [{"TAG": "NN", "OP": "?"}], [{"ORTH": "cat", "TEXT": "cats"}]):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add_patterns(RULES + [{"patterns": [pattern], "attrs": {"POS": "X"}}])
        assert table_matches(nlp) == [], pattern
        assert "match" not in vars(ruler)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    assert table_matches(nlp) == ["attribute_ruler"]
    ruler.add_patterns([{"patterns": [[{"TAG": "DT"}, {"TAG": "NN"}]], "attrs": {"POS": "X"}, "index": 1}])
    from spacy.tokens import Doc

    doc = ruler(Doc(nlp.vocab, words=["the", "cat"], tags=["DT", "NN"]))
    assert [t.pos_ for t in doc] == ["DET", "X"]        # the pattern added after the check applies


@needs_parser
def test_the_loaded_pipeline_tags_parts_of_speech_as_spacy_does():
    import spacy

    from snaug.nlp import load_pipeline

    pipeline = load_pipeline()
    texts = [p[field] for p in json.loads(SAMPLE.read_text()).values() for field in ("question", "lecture", "solution")
             if p.get(field)]
    assert "match" in vars(pipeline.nlp.get_pipe("attribute_ruler"))
    reference = spacy.load(pipeline.ref)
    ours, theirs = list(pipeline.nlp.pipe(texts)), list(reference.pipe(texts))
    assert sum(map(len, ours)) > 500 and any(t.pos_ == "AUX" and t.dep_ == "cop" for d in ours for t in d)
    assert [[(t.pos_, str(t.morph)) for t in d] for d in ours] == [[(t.pos_, str(t.morph)) for t in d] for d in theirs]
