"""`snaug export --format dpo|kto`: TRL's preference columns, loadable by `datasets` as they are; verified shards."""
import re
import json
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from snaug import SnaugError
from snaug.export import export, qcm_prompt


def cli(*args):
    return subprocess.run([sys.executable, "-m", "snaug.cli", *map(str, args)], capture_output=True, text=True)


def test_dpo_rows_load_in_datasets_with_the_columns_trl_expects(sample_run, tmp_path):
    datasets = pytest.importorskip("datasets", reason="datasets is not installed (pip install snaug[hf])")
    shards = sample_run / "shards"
    proc = cli("export", shards, "--format", "dpo", "-o", tmp_path / "dpo.parquet")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"dpo row\(s\) from \d+ of 14 examples", proc.stderr)
    ds = datasets.load_dataset("parquet", data_files=str(tmp_path / "dpo.parquet"), split="train")
    # TRL's standard preference format: string prompt, chosen and rejected (no messages lists).
    assert {"prompt", "chosen", "rejected"} <= set(ds.column_names)
    assert all(ds.features[c] == datasets.Value("string") for c in ("prompt", "chosen", "rejected", "kind", "rule"))
    negatives = sum(len(r["negatives"]) for r in pq.read_table(shards / "shards").to_pylist())
    assert ds.num_rows == negatives
    rows = {(r["id"], r["rejected"]): r for r in ds}
    shard = {r["id"]: r for r in pq.read_table(shards / "shards").to_pylist()}
    for (rid, rejected), r in rows.items():
        source = shard[rid]
        assert r["chosen"] == " " + source["target"] and r["rejected"] != r["chosen"]
        assert any(" " + n["text"] == rejected and n["kind"] == r["kind"] and n["rule"] == r["rule"]
                   for n in source["negatives"])
        assert r["prompt"].startswith(f"Question: {source['question']}\n") and r["prompt"].endswith("\nSolution:")


def test_kto_rows_are_unpaired_with_a_boolean_label(sample_run, tmp_path):
    datasets = pytest.importorskip("datasets", reason="datasets is not installed (pip install snaug[hf])")
    out = tmp_path / "kto.jsonl"
    report = export(sample_run / "shards", out, "kto", per_example=2, kinds=["negation", "orientation"])
    ds = datasets.load_dataset("json", data_files=str(out), split="train")
    assert {"prompt", "completion", "label"} <= set(ds.column_names)
    assert ds.features["label"] == datasets.Value("bool")
    good = [r for r in ds if r["label"]]
    bad = [r for r in ds if not r["label"]]
    assert len(good) == report.exported and 0 < len(bad) <= 2 * len(good)
    assert {r["kind"] for r in bad} <= {"negation", "orientation"} and all(r["kind"] is None for r in good)
    # the same draw again: same bytes
    export(sample_run / "shards", tmp_path / "again.jsonl", "kto", per_example=2, kinds=["negation", "orientation"])
    assert (tmp_path / "again.jsonl").read_bytes() == out.read_bytes()


def test_gsm8k_style_rows_prompt_with_the_question_alone(tmp_path):
    from snaug.generate import GenerateConfig, generate

    (tmp_path / "gsm.jsonl").write_text(json.dumps({
        "question": "Ann has 3 apples and buys 2 more. How many does she have?",
        "answer": "Ann has 3 + 2 = 5 apples.\n#### 5"}) + "\n")
    generate(GenerateConfig(input=tmp_path / "gsm.jsonl", out=tmp_path / "s", kinds=["number"], progress=False),
             warn=lambda m: None)
    export(tmp_path / "s", tmp_path / "p.jsonl", "dpo")
    rows = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert rows and all(r["prompt"] == "Ann has 3 apples and buys 2 more. How many does she have?" for r in rows)


def test_the_prompt_is_the_trainers_input_followed_by_solution():
    data = pytest.importorskip("trainer.data", reason="the trainer extra (torch) is not installed")
    args = ("Which is warmer?", "", ["ice", "soup"], "A bowl.")
    assert qcm_prompt(*args) == data.format_input(*args) + "Solution:"


def test_damaged_or_partial_shards_are_refused(sample_run, tmp_path):
    shards = tmp_path / "shards"
    shutil.copytree(sample_run / "shards", shards)
    with open(shards / "shards" / "val-00000.parquet", "r+b") as fh:
        fh.truncate(100)
    proc = cli("export", shards, "-o", tmp_path / "x.parquet")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "shards are FAILED" in proc.stderr and "val-00000.parquet" in proc.stderr
    assert not (tmp_path / "x.parquet").exists()
    with pytest.raises(SnaugError, match="must end in .parquet or .jsonl"):
        export(sample_run / "shards", tmp_path / "x.csv")
    with pytest.raises(SnaugError, match="no kind bogus"):
        export(sample_run / "shards", tmp_path / "x.jsonl", kinds=["bogus"])
