"""`snaug generate` end to end: shards + manifest, determinism across workers and partitions, resume, bad input."""
import json
import re
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLE, SCIENCEQA, needs_parser, needs_shared

from snaug import SnaugError
from snaug.edits import Edit, apply_edits
from snaug.generate import GenerateConfig, generate
from snaug.io.schema import SCHEMA


def run(input_path, out, **kw):
    kw.setdefault("progress", False)
    return generate(GenerateConfig(input=Path(input_path), out=Path(out), **kw), warn=lambda m: None)


def tree_bytes(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def subset(tmp_path_factory) -> Path:
    """360 shared ScienceQA problems (train and val) with their real solutions, or the sample if absent."""
    if not SCIENCEQA.is_file():
        return SAMPLE
    problems = json.loads(SCIENCEQA.read_text())
    keys = [k for k in problems if problems[k]["split"] == "train"][:240]
    keys += [k for k in problems if problems[k]["split"] == "val"][:120]
    path = tmp_path_factory.mktemp("sqa") / "problems.json"
    path.write_text(json.dumps({k: problems[k] for k in keys}))
    return path


@pytest.fixture(scope="module")
def reference(subset, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ref")
    run(subset, out, shard_size=50)
    return out


def test_sample_shards_match_schema_and_manifest(tmp_path):
    report = run(SAMPLE, tmp_path)
    m = report.manifest
    assert m["records"] == {"read": 15, "written": 14, "skipped": {"solution: empty target": 1}}
    assert [s["file"] for s in m["shards"]] == ["shards/train-00000.parquet", "shards/val-00000.parquet"]
    assert m["counts"]["train"]["examples"] == 8 and m["counts"]["val"]["examples"] == 6
    assert m["kinds"] == ["negation", "number", "option", "orientation", "unit"] and m["seed"] == 0 and len(m["rules"]["digest"]) == 64
    rows = 0
    for shard in m["shards"]:
        table = pq.read_table(tmp_path / shard["file"])
        assert table.schema.equals(SCHEMA, check_metadata=False)
        assert table.num_rows == shard["rows"]
        for row in table.to_pylist():
            rows += 1
            kinds_seen = {n["kind"] for n in row["negatives"]} | {s["kind"] for s in row["skips"]}
            assert kinds_seen == set(m["kinds"])      # every kind: negatives or a reason
            texts = [n["text"] for n in row["negatives"]]
            assert len(texts) == len(set(texts)) and row["target"] not in texts
            for neg in row["negatives"]:
                assert apply_edits(row["target"], [Edit(**e) for e in neg["edits"]]) == neg["text"]
    assert rows == m["records"]["written"]


def test_shards_load_in_pandas_pyarrow_dataset_and_duckdb(tmp_path):
    import duckdb
    import pandas as pd
    import pyarrow.dataset as ds

    run(SAMPLE, tmp_path)
    frame = pd.read_parquet(tmp_path / "shards")
    assert len(frame) == 14 and frame["negatives"].map(len).sum() > 0
    assert ds.dataset(str(tmp_path / "shards"), format="parquet").count_rows() == 14
    con = duckdb.connect()
    n, kinds = con.execute(
        f"SELECT count(*), count(DISTINCT n.kind) FROM (SELECT unnest(negatives) AS n "
        f"FROM read_parquet('{tmp_path}/shards/*.parquet'))").fetchone()
    assert n == frame["negatives"].map(len).sum()
    assert kinds == len({neg["kind"] for negs in frame["negatives"] for neg in negs}) >= 3


@needs_parser
def test_sample_negatives_read_right():
    """What a newcomer sees first: a few negatives of the sample, checked word for word."""
    import pandas as pd

    out = Path(pytest.importorskip("tempfile").mkdtemp())
    run(SAMPLE, out, per_kind=10)
    frame = pd.read_parquet(out / "shards").set_index("id")
    texts = {n["text"] for n in frame.loc["1", "negatives"]}
    assert ("Look at the compass rose. The lighthouse is below the harbor on the map, and north is at the top of "
            "the map. So, the lighthouse is north of the harbor.") in texts
    assert any(t.endswith("So, the lighthouse is south of the harbor.") for t in texts)
    texts = {n["text"] for n in frame.loc["4", "negatives"]}
    assert "An earthworm is an invertebrate. It has a backbone. A frog and a trout are vertebrates. They have " \
           "backbones." in texts
    shutil.rmtree(out)


@needs_shared
def test_output_is_identical_for_one_or_two_workers(subset, reference, tmp_path):
    report = run(subset, tmp_path, shard_size=50, workers=2)
    assert report.shards_total == 8
    assert tree_bytes(tmp_path) == tree_bytes(reference)


@needs_shared
def test_two_partitions_merged_equal_one_run(subset, reference, tmp_path):
    first = run(subset, tmp_path / "same", shard_size=50, partition=(0, 2))
    assert first.manifest is None and len(first.missing) == 4
    second = run(subset, tmp_path / "same", shard_size=50, partition=(1, 2))
    assert second.manifest is not None
    assert tree_bytes(tmp_path / "same") == tree_bytes(reference)
    # partitions written to separate directories (separate machines), gathered, then finished by a rerun
    run(subset, tmp_path / "a", shard_size=50, partition=(0, 2))
    run(subset, tmp_path / "b", shard_size=50, partition=(1, 2))
    shutil.copytree(tmp_path / "b", tmp_path / "a", dirs_exist_ok=True)
    final = run(subset, tmp_path / "a", shard_size=50)
    assert final.shards_done_now == 0 and final.shards_resumed == 8
    assert tree_bytes(tmp_path / "a") == tree_bytes(reference)


@needs_shared
def test_resume_redoes_only_missing_or_broken_shards(subset, reference, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    (out / "progress" / "train-00001.json").unlink()       # killed between shard and sidecar
    (out / "shards" / "train-00002.parquet").unlink()      # killed before the shard was renamed
    (out / "shards" / ".train-00002.parquet.tmp-99999").write_bytes(b"partial")
    with open(out / "shards" / "val-00000.parquet", "r+b") as fh:   # a shard damaged afterwards
        fh.truncate(100)
    (out / "manifest.json").unlink()
    report = run(subset, out, shard_size=50)
    assert report.shards_done_now == 3 and report.shards_resumed == 5
    assert tree_bytes(out) == tree_bytes(reference)
    assert not list(out.rglob("*.tmp-*"))                 # the killed run's temp file is cleared


@needs_shared
def test_resume_after_a_killed_run(subset, reference, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "snaug.cli", "generate", str(subset), "-o", str(out), "--shard-size", "50", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.glob("progress/*.json")) and proc.poll() is None:
        time.sleep(0.05)
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert killed, "the run finished before it could be killed"
    assert not (out / "manifest.json").exists()
    report = run(subset, out, shard_size=50)
    assert report.shards_resumed >= 1
    assert tree_bytes(out) == tree_bytes(reference)
    assert sorted(p.name for p in out.rglob(".*")) == [".snaug.lock"]   # no temp file or dead run's record left


@needs_shared
def test_seed_changes_the_choice_of_negatives(subset, reference, tmp_path):
    """Another seed picks other negatives; which kinds fire on which examples, and which examples get a negative
    of each kind, stay. The number of negatives may move by a few: the seed also orders the sentences negation
    reads (snaug/scope.py), a sentence can tag differently beside another than beside a blanked one, and a kind
    does not keep a text an earlier kind already picked."""
    run(subset, tmp_path, shard_size=50, seed=1)
    assert tree_bytes(tmp_path) != tree_bytes(reference)
    counts = json.loads((tmp_path / "manifest.json").read_text())["counts"]
    reference_counts = json.loads((reference / "manifest.json").read_text())["counts"]
    assert counts.keys() == reference_counts.keys()
    for split, of_split in counts.items():
        assert of_split["examples"] == reference_counts[split]["examples"]
        for kind, c in of_split["kinds"].items():
            r = reference_counts[split]["kinds"][kind]
            assert (c["triggered"], c["with_negative"]) == (r["triggered"], r["with_negative"]), (split, kind)
            assert abs(c["negatives"] - r["negatives"]) <= max(1, r["negatives"] // 100), (split, kind)


def test_per_kind_caps_negatives_and_other_settings_need_overwrite(tmp_path):
    report = run(SAMPLE, tmp_path, per_kind=1)
    for shard in report.manifest["shards"]:
        for row in pq.read_table(tmp_path / shard["file"]).to_pylist():
            kinds = [n["kind"] for n in row["negatives"]]
            assert len(kinds) == len(set(kinds))
    with pytest.raises(SnaugError, match=r"other settings .*changed: per_kind 1 -> 2\)"):
        run(SAMPLE, tmp_path, per_kind=2)
    assert run(SAMPLE, tmp_path, per_kind=2, overwrite=True).manifest["per_kind"] == 2


def test_off_a_terminal_progress_is_plain_lines(tmp_path, capsys):
    """In a SLURM log (stderr not a TTY) a long run still says how far it is: lines, not a redrawn bar."""
    generate(GenerateConfig(input=SAMPLE, out=tmp_path, shard_size=5, progress_every=0))
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("snaug generate:")]
    assert lines[0] == "snaug generate: 14 example(s) to do; a progress line every 0 s"
    # one line per finished work unit (every 0 s): counts grow to the total, each with a rate and what is left
    done = [int(re.match(r"snaug generate: (\d+)/14 examples \(\d+\.\d%\), [\d.,]+ ex/s, about \S+ left$", line)[1])
            for line in lines[1:]]
    assert done == sorted(done) and done[-1] == 14 and len(done) >= 3
    assert not any("\r" in line for line in lines)


def test_kinds_selects_and_unknown_kind_fails(tmp_path):
    report = run(SAMPLE, tmp_path, kinds=["orientation"])
    assert report.manifest["kinds"] == ["orientation"]
    assert set(report.manifest["rules_fired"]) == {"orientation"}
    with pytest.raises(SnaugError, match="unknown kind"):
        run(SAMPLE, tmp_path / "x", kinds=["paraphrase"])


# -- the command line ----------------------------------------------------------------------------------------

def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "snaug.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


def test_cli_generates_the_sample_and_prints_a_summary(tmp_path):
    proc = cli("generate", SAMPLE, "-o", tmp_path / "out", "--seed", "3")
    assert proc.returncode == 0, proc.stderr
    assert "records: 15 read, 14 written, 1 skipped" in proc.stderr
    assert "negation" in proc.stderr and "orientation" in proc.stderr
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["seed"] == 3


@pytest.mark.parametrize("make,args,message", [
    (lambda d: None, ["missing.json"], "missing.json: no such input file"),
    (lambda d: (d / "bad.json").write_text("{oops"), ["bad.json"], "bad.json: not valid JSON"),
    (lambda d: (d / "r").mkdir() or (d / "r" / "x.toml").write_text("[kinds.x]\ntransform = 1\n"),
     [str(SAMPLE), "--rules", "r"], "x.toml: kinds.x.transform: expected a string"),
    (lambda d: (d / "d.jsonl").write_text('{"rationale": "It is hot."}\n{"rationale": 5, "choices": "no"}\n'),
     ["d.jsonl", "--strict"], "d.jsonl: line 2, field 'choices': expected a JSON list of strings"),
    (lambda d: None, [str(SAMPLE), "--kinds", "negation,bogus"], "unknown kind(s) bogus"),
    (lambda d: None, [str(SAMPLE), "--spacy-model", "no_such_pipeline"], "cannot load spaCy pipeline"),
])
def test_cli_bad_input_exits_2_with_one_clear_line(tmp_path, make, args, message):
    make(tmp_path)
    proc = cli("generate", *args, "-o", tmp_path / "out", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert message in proc.stderr
    assert proc.stderr.strip().count("\n") == 0


def test_cli_partition_syntax_is_checked(tmp_path):
    proc = cli("generate", SAMPLE, "--partition", "2/2", "-o", tmp_path)
    assert proc.returncode == 2 and "0 <= i < n" in proc.stderr


def test_readme_commands_name_real_files():
    readme = (ROOT / "README.md").read_text()
    assert "snaug generate data/sample/problems.json" in readme
    assert os.path.isfile(ROOT / "data" / "sample" / "problems.json")


EXAMPLE_RULES = ROOT / "docs" / "examples" / "rules"


def test_a_kind_declared_in_rules_alone_is_listed_and_counted_without_a_parser(tmp_path):
    """docs/examples/rules/comparison.toml: no Python, listed by `snaug kinds`; tokenizer-only, its POS-gated
    words are skipped with a counted reason (what a machine without a spaCy pipeline gets)."""
    listed = cli("kinds", "--rules", EXAMPLE_RULES)
    assert listed.returncode == 0 and listed.stdout.splitlines()[0].startswith("comparison")
    assert "comparison" not in cli("kinds").stdout
    proc = cli("generate", SAMPLE, "--rules", EXAMPLE_RULES, "--kinds", "comparison,negation", "-o", tmp_path / "o",
               "--spacy-model", "blank:en")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert manifest["kinds"] == ["comparison", "negation"] and "comparison.toml" in manifest["rules"]["files"]
    assert manifest["skip_reasons"]["comparison"]["ambiguous word needs POS tags"] >= 1


@needs_parser
def test_a_kind_declared_in_rules_alone_runs_end_to_end_through_the_cli(tmp_path):
    """With a parser the same rules file makes negatives, counted in the manifest and readable with pandas."""
    proc = cli("generate", SAMPLE, "--rules", EXAMPLE_RULES, "--kinds", "comparison,negation", "-o", tmp_path / "o")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert manifest["counts"]["train"]["kinds"]["comparison"]["with_negative"] >= 1
    assert manifest["rules_fired"]["comparison"]["comparison.temperature"] >= 1
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "o" / "shards").set_index("id")
    texts = {n["text"] for n in frame.loc["5", "negatives"] if n["kind"] == "comparison"}
    assert "Ice melts when its temperature rises above its melting point. The room gets cooler, so the ice cube " \
           "melts." in texts
