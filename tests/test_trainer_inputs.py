"""Bad inputs to the trainer: each is one clear line (file, key or value named) before any model is built.

Shards are verified against their manifest with snaug's own check; config values are type-checked as read;
local paths stay local; the task format has one owner; the CLI answers help without torch.
"""
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pyarrow.parquet as pq
import pytest

from trainer import DataError
from trainer.config import FitConfig
from trainer.data import Features, ShardDataset, open_shards


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "trainer.cli", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.getcwd()})


@pytest.fixture(scope="module")
def tokenizer(sample_run):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(sample_run / "tok")


@pytest.fixture
def shards(sample_run, tmp_path):
    """A private copy of the sample's shard directory, to damage."""
    out = tmp_path / "shards"
    shutil.copytree(sample_run / "shards", out)
    return out


def listed(shards):
    return json.loads((shards / "manifest.json").read_text())["shards"]


# -- shards are verified before a row is read -------------------------------------------------------------------

def edit_a_shard(shards):
    path = shards / listed(shards)[0]["file"]
    table = pq.read_table(path)
    targets = table.column("target").to_pylist()
    targets[0] = targets[0] + " Edited after the manifest."
    pq.write_table(table.set_column(table.column_names.index("target"), "target",
                                    [targets]).replace_schema_metadata(table.schema.metadata), path)


def add_an_unlisted_shard(shards):
    first = shards / listed(shards)[0]["file"]
    shutil.copy(first, first.with_name("train-00099.parquet"))         # the same rows again: duplicates


def delete_a_listed_shard(shards):
    (shards / listed(shards)[-1]["file"]).unlink()


def break_the_manifest(shards):
    (shards / "manifest.json").write_text('{"shards": [')


@pytest.mark.parametrize("damage,message", [
    (edit_a_shard, "sha256 differs from the record"),
    (add_an_unlisted_shard, "train-00099.parquet: not listed in the manifest"),
    (delete_a_listed_shard, "listed but missing"),
    (break_the_manifest, "manifest.json: unreadable manifest"),
])
def test_damaged_shards_are_refused(shards, tokenizer, damage, message):
    damage(shards)
    with pytest.raises(DataError, match=message):
        ShardDataset(shards, tokenizer)


def test_fit_refuses_an_edited_shard_in_one_line_before_building_a_model(shards, sample_run, tmp_path):
    edit_a_shard(shards)
    proc = run_cli("fit", "--set", f"shards={shards}", "--set", f"tokenizer={sample_run / 'tok'}",
                   "--set", 'model_config={"d_model": 32}', "--set", f"output_dir={tmp_path / 'run'}")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.stderr.count("\n") == 1 and "sha256 differs" in proc.stderr and "--no-verify" in proc.stderr
    assert not (tmp_path / "run").exists()


def test_no_verify_still_reads_only_the_listed_shards(shards, tokenizer, sample_run):
    clean = len(ShardDataset(sample_run / "shards", tokenizer))
    add_an_unlisted_shard(shards)
    edit_a_shard(shards)
    ds = ShardDataset(shards, tokenizer, verify=False)
    assert len(ds) == clean                           # the unlisted duplicate is not read
    assert any(r["target"].endswith("Edited after the manifest.") for r in ds.rows)   # on trust, as asked


def test_no_verify_with_a_broken_manifest_is_one_line(shards):
    break_the_manifest(shards)
    with pytest.raises(DataError, match="manifest.json: unreadable manifest"):
        open_shards(shards, verify=False)


def test_tokenizer_build_verifies_too(shards, tmp_path):
    delete_a_listed_shard(shards)
    proc = run_cli("tokenizer", "build", shards, "-o", tmp_path / "tok", "--vocab-size", "100")
    assert proc.returncode == 2 and "listed but missing" in proc.stderr and "Traceback" not in proc.stderr


def test_a_tokenizer_built_twice_from_the_same_shards_is_the_same_file(shards, tmp_path):
    """A model is tied to its token ids: a rebuild (another process, another day) must give the same tokenizer."""
    for name in ("a", "b"):
        proc = run_cli("tokenizer", "build", shards, "-o", tmp_path / name, "--vocab-size", "300")
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a" / "tokenizer.json").read_bytes() == (tmp_path / "b" / "tokenizer.json").read_bytes()


def test_verification_reads_no_row(sample_run, monkeypatch):
    """It hashes bytes and reads Parquet footers, never decodes rows: cheap (bench/verify_speed.py measures it)."""
    from snaug.io import schema

    def refuse(*a, **k):
        raise AssertionError("verification decoded rows")

    monkeypatch.setattr(pq, "read_table", refuse)
    monkeypatch.setattr(pq.ParquetFile, "read", refuse)
    verdict = schema.check_shards(sample_run / "shards")
    assert verdict.ok and len(verdict.shards) == len(listed(sample_run / "shards"))


# -- the config is checked as it is read -------------------------------------------------------------------------

@pytest.mark.parametrize("line,message", [
    ('batch_size = "eight"', "batch_size = 'eight' (a string): should be a valid integer"),
    ('lr = "fast"', "lr = 'fast' (a string): should be a valid number"),
    ("seed = true", "seed = True (a boolean): should be a valid integer"),
    ("max_steps = 1.5", "max_steps = 1.5 (a float): should be a valid integer"),
    ("k = -1", "k = -1 (an integer): should be greater than or equal to 0"),
    ('epochs = "two"', "epochs = 'two' (a string): should be a valid number"),
    ('model_config = "tiny"', "model_config = 'tiny' (a string): should be a valid dictionary"),
    ('precision = "fp8"', "precision = 'fp8' (a string): should be 'auto', 'bf16', 'fp16' or 'fp32'"),
    ("batch_size = 0", "batch_size = 0 (an integer): should be greater than or equal to 1"),
    ('tokenizer = "t5-small"', "tokenizer = 't5-small': no such directory"),       # local, never the Hub
    ('rationales = "preds.jsonl"\nstage = "answer"', "rationales = 'preds.jsonl': no such file"),
    ("bogus = 1", "unknown key 'bogus' (known: batch_size, bml,"),
    ("[bml]\nalpha = \"0.1\"", "bml.alpha = '0.1' (a string): should be a valid number"),
    ("[bml]\nrepr = \"embedding\"\nalpha = 0.5", "need 0 <= bml.alpha <= bml.beta, got 0.5, 0.3"),
    ("[bml]\ngamma = 1", "unknown key 'bml.gamma' (known: alpha, beta, lambda, reduction, repr, similarity)"),
])
def test_bad_config_values_name_key_value_and_type(sample_run, tmp_path, line, message):
    base = {"shards": f'"{sample_run / "shards"}"', "tokenizer": f'"{sample_run / "tok"}"',
            "model_config": "{d_model = 32}"}
    key = line.split("=")[0].strip()
    path = tmp_path / "c.toml"
    path.write_text("\n".join([f"{k} = {v}" for k, v in base.items() if k != key] + [line]) + "\n")
    with pytest.raises(DataError) as err:
        FitConfig.load(path)
    assert message in str(err.value) and "\n" not in str(err.value)
    assert str(path) in str(err.value)


def test_the_example_config_is_valid(sample_run):
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "fit.toml"
    config = FitConfig.load(example, [f"shards={sample_run / 'shards'}", f"tokenizer={sample_run / 'tok'}",
                                      "model=null", 'model_config={"d_model": 32}'])
    spec = config.bml_spec()
    assert (spec.repr, spec.lam, spec.one_sided) == ("span", 0.1, True)            # the A/B's default (docs/trainer.md)
    assert config.max_steps == 40 and config.precision == "auto"


def test_overrides_are_checked_and_named_as_overrides(sample_run):
    base = [f"shards={sample_run / 'shards'}", f"tokenizer={sample_run / 'tok'}", 'model_config={"d_model": 32}']
    with pytest.raises(DataError, match=r"^--set: bml.lambda = 'much' \(a string\): should be a valid number"):
        FitConfig.load(None, base + ["bml.lambda=much"])
    config = FitConfig.load(None, base + ["bml.lambda=0.2", "epochs=3", "kinds=negation"])
    assert config.bml.lambda_ == 0.2 and config.epochs == 3.0 and config.kinds == ["negation"]


def test_one_kind_is_a_one_item_list_not_letters(sample_run, tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(f'shards = "{sample_run / "shards"}"\ntokenizer = "{sample_run / "tok"}"\nkinds = "negation"\n'
                    "[model_config]\nd_model = 32\n")
    assert FitConfig.load(path).kinds == ["negation"]
    assert FitConfig.load(path, ["kinds=negation,number"]).kinds == ["negation", "number"]


def test_a_bad_config_fails_at_once_in_one_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('shards = "."\nbatch_size = "eight"\n')
    proc = run_cli("fit", path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "batch_size = 'eight'" in proc.stderr


def test_model_config_keys_are_t5_config_keys():
    from trainer.fit import check_t5_config

    check_t5_config({"d_model": 32, "dropout_rate": 0, "num_layers": 2})
    with pytest.raises(DataError, match="model_config.d_modle is not a T5Config key"):
        check_t5_config({"d_modle": 32})
    with pytest.raises(DataError, match=r"model_config.num_layers = '2': should be int"):
        check_t5_config({"num_layers": "2"})


def test_a_directory_without_a_tokenizer_is_named(tmp_path):
    from trainer.fit import local_tokenizer

    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no tokenizer there"):
        local_tokenizer(str(tmp_path / "empty"))
    with pytest.raises(DataError, match="no such directory"):
        local_tokenizer("google/flan-t5-base")               # a Hub name is not a local path: never fetched


# -- features and other inputs -----------------------------------------------------------------------------------

def test_object_dtype_features_are_refused_unread(tmp_path):
    np.save(tmp_path / "f.npy", np.array([[[object()]]], dtype=object), allow_pickle=True)
    (tmp_path / "name_map.json").write_text('{"1": 0}')
    with pytest.raises(DataError, match=r"f.npy: not a numeric .npy array"):
        Features.load(tmp_path / "f.npy")


def test_bad_feature_files_are_one_line(tmp_path):
    np.save(tmp_path / "s.npy", np.array([["a", "b"]]).reshape(1, 1, 2))
    (tmp_path / "name_map.json").write_text('{"1": 0}')
    with pytest.raises(DataError, match="features must be numbers, got dtype <U1"):
        Features.load(tmp_path / "s.npy")
    np.save(tmp_path / "f.npy", np.zeros((1, 2, 3), dtype=np.float32))
    (tmp_path / "name_map.json").write_text("[1, 2")
    with pytest.raises(DataError, match="name_map.json: expected a JSON object"):
        Features.load(tmp_path / "f.npy")
    (tmp_path / "x.parquet").write_text("not parquet")
    with pytest.raises(DataError, match="x.parquet: not a readable Parquet file"):
        Features.load(tmp_path / "x.parquet")


def test_predict_inputs_and_rationales_files_are_checked(tmp_path):
    from trainer.data import read_rationales
    from trainer.evaluate import read_inputs

    with pytest.raises(DataError, match="no such rationales file"):
        read_rationales(tmp_path / "none.jsonl")
    (tmp_path / "p.jsonl").write_text('{"question": "Q?", "choices": ["a", "b"]}\n{oops\n')
    with pytest.raises(DataError, match=r"p.jsonl: line 2: not JSON"):
        read_inputs(tmp_path / "p.jsonl")
    (tmp_path / "p.json").write_text("3")
    with pytest.raises(DataError, match="expected a JSON object pid"):
        read_inputs(tmp_path / "p.json")


def test_evaluate_refuses_a_directory_that_is_not_a_model(tmp_path, sample_run):
    (tmp_path / "m").mkdir()
    proc = run_cli("evaluate", tmp_path / "m", "--shards", sample_run / "shards", "-o", tmp_path / "r.jsonl")
    assert proc.returncode == 2 and "not a trained model directory" in proc.stderr and "Traceback" not in proc.stderr


# -- the task format has one owner -------------------------------------------------------------------------------

def test_the_task_format_round_trips():
    from trainer.prompts import answer_text, extract_answer, format_input, solution, stage2_input, strip_solution

    source = format_input("Which is hot?", "", ["ice", "fire"], caption="A fire.")
    assert source == "Question: Which is hot?\nContext: A fire.\nOptions: (A) ice (B) fire\n"
    assert format_input("Q", "", ["a"]).startswith("Question: Q\nContext: N/A\n")
    assert strip_solution(solution("Fire is hot.")) == "Fire is hot." and strip_solution(" plain ") == "plain"
    assert stage2_input(source, "Fire is hot.") == source + "Solution: Fire is hot.\n"
    for i in range(4):
        assert extract_answer(answer_text(i), 4) == i
    assert extract_answer(answer_text(3), 3) is None


# -- the command line --------------------------------------------------------------------------------------------

def test_help_and_bad_options_never_import_torch():
    code = ("import sys; from trainer import cli; from trainer.config import FitConfig, describe_keys; "
            "describe_keys(); print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "[]", proc.stderr[-1500:]


def test_of_snaug_the_trainer_imports_the_shard_contract_alone():
    code = ("import sys, trainer.cli, trainer.fit, trainer.evaluate, trainer.tokenizer, trainer.features; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'snaug'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    # the shard contract, and the console-script runner (click only) that gives both commands one error style
    assert proc.stdout.strip() == "['snaug', 'snaug.console', 'snaug.io', 'snaug.io.schema']", proc.stderr[-1500:]


def test_an_output_that_cannot_be_written_is_one_line_not_a_traceback(sample_run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    proc = run_cli("tokenizer", "build", sample_run / "shards", "--out", blocker / "tok")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-1500:]
    assert proc.stderr.strip().splitlines() == [f"error: {blocker / 'tok'}: Not a directory"]


def test_help_lists_config_keys_version_and_explains_every_option():
    import click

    from trainer.cli import cli

    fit = run_cli("fit", "--help")
    assert fit.returncode == 0 and "Config keys" in fit.stdout
    for key in ("batch_size", "bml.alpha", "bml.lambda", "model_config", "kinds", "precision"):
        assert f"  {key} " in fit.stdout, key
    assert "stage 2" in fit.stdout                       # fit trains either stage
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("trainer, version ")

    def commands(group):
        for name, cmd in group.commands.items():
            yield from (commands(cmd) if isinstance(cmd, click.Group) else [(name, cmd)])
    for name, cmd in commands(cli):
        for param in cmd.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts[0]} has no help text"


def test_precision_auto_is_fp32_on_a_gpu_without_bf16(monkeypatch, sample_run):
    import torch

    from trainer.fit import _precision

    config = FitConfig.load(None, [f"shards={sample_run / 'shards'}", f"tokenizer={sample_run / 'tok'}",
                                   'model_config={"d_model": 32}'])
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)
    assert _precision(config) == {"bf16": False, "fp16": False}
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    assert _precision(config) == {"bf16": True, "fp16": False}
    assert _precision(config.model_copy(update={"precision": "fp16"})) == {"bf16": False, "fp16": True}


def _reduce_on_rank(rank, port, out):
    import torch
    import torch.distributed as dist

    from trainer.fit import mean_across_ranks

    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    # rank 0 saw two steps, rank 1 one step: the mean is over the three, not rank 0's alone
    parts = {"nll": [torch.tensor(1.0), torch.tensor(3.0)], "bml": [torch.tensor(0.0)] * 2,
             "inside": [torch.tensor(1.0)] * 2} if rank == 0 else \
        {"nll": [torch.tensor(8.0)], "bml": [torch.tensor(0.3)], "inside": [torch.tensor(0.0)]}
    result = mean_across_ranks(parts, "cpu")
    dist.destroy_process_group()
    (out / f"{rank}.json").write_text(json.dumps(result))


def test_logged_parts_are_averaged_over_every_rank(tmp_path):
    import torch.multiprocessing as mp

    mp.spawn(_reduce_on_rank, args=(29517, tmp_path), nprocs=2)
    for rank in (0, 1):
        result = json.loads((tmp_path / f"{rank}.json").read_text())
        assert result == pytest.approx({"nll": 4.0, "bml": 0.1, "inside": 2 / 3}, abs=1e-6)


def test_progress_is_a_log_line_off_a_terminal():
    import io

    from trainer.progress import Progress

    stream = io.StringIO()
    with Progress(10, "evaluate rationale", every=0.0, stream=stream) as bar:
        for _ in range(5):
            bar.update(2)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("evaluate rationale: 2/10 ex (20%), 0s so far, ~")
    assert lines[-1].startswith("evaluate rationale: 10/10 ex in ") and len(lines) == 5
