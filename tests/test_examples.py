"""The example scripts a newcomer runs first, run here so that they cannot rot."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from conftest import ROOT, SCIENCEQA, needs_parser, needs_shared


def test_the_sample_path_runs_end_to_end(tmp_path):
    """examples/sample_path.sh, shortened (2 steps a stage, 8 new tokens): every step runs and writes its output."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"      # the script's `python` is ours
    env = {**os.environ, "STEPS": "2", "MAX_NEW_TOKENS": "8", "PYTHONPATH": str(ROOT), "PATH": path}
    work = tmp_path / "sample"
    proc = subprocess.run(["bash", ROOT / "examples" / "sample_path.sh", work], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert json.loads((work / "shards" / "manifest.json").read_text())["records"]["written"] == 14
    assert "<svg" in (work / "report.html").read_text()
    features = np.load(work / "features.npy")
    assert features.shape == (5, 17, 32) and set(json.loads((work / "name_map.json").read_text())) == \
        {pid for pid, p in json.loads((ROOT / "data" / "sample" / "problems.json").read_text()).items() if p["image"]}
    assert len((work / "val_rationales.jsonl").read_text().splitlines()) == 6
    assert "ALL" in (work / "val_answers.jsonl.scores.csv").read_text()
    predictions = [json.loads(x) for x in (work / "predictions.jsonl").read_text().splitlines()]
    assert len(predictions) == 15 and all("rationale" in p and "answer" in p for p in predictions)
    assert "Traceback" not in proc.stderr and "not writable" not in proc.stderr


def test_two_stage_script_names_its_missing_input(tmp_path):
    env = {**os.environ, "SCIENCEQA": str(tmp_path / "nope.json")}
    proc = subprocess.run(["bash", ROOT / "examples" / "two_stage_cpu.sh", tmp_path / "w"], capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 2 and "nope.json: no such file; set SCIENCEQA=" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_readme_names_files_that_exist_and_the_cpu_torch():
    import re

    readme = (ROOT / "README.md").read_text()
    assert "bash examples/sample_path.sh" in readme
    assert "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in readme
    named = set(re.findall(r"\b((?:examples|docs|data/sample)/[\w./-]+\.(?:sh|py|toml|md|json))", readme))
    assert len(named) >= 6 and not [p for p in sorted(named) if not (ROOT / p).is_file()]


@needs_shared
@needs_parser
def test_the_bml_ab_runs_every_step_and_tables_each_arm(tmp_path):
    """examples/gpu_ab.sh in its CPU smoke size: the A/B a user reads BML's effect from (docs/trainer.md). Both arms
    are trained, scored on the same val pairs (preference metric, NLL, ROUGE-L) and answered by stage 2."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "SMOKE": "1", "PYTHONPATH": str(ROOT), "PATH": path, "SCIENCEQA": str(SCIENCEQA)}
    work = tmp_path / "ab"
    proc = subprocess.run(["bash", ROOT / "examples" / "gpu_ab.sh", work], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    results = {r["arm"]: r for r in json.loads((work / "ab.json").read_text())}
    assert set(results) == {"lambda0", "span"}
    assert results["span"]["spec"]["repr"] == "span" and results["lambda0"]["spec"]["lam"] == 0
    pairs = {arm: r["preference"]["overall"]["pairs"] for arm, r in results.items()}
    assert pairs["lambda0"] == pairs["span"] > 0                       # the same val pairs for every arm
    assert all("answer_accuracy" in r for r in results.values())
    table = (work / "ab.md").read_text()
    assert "| lambda0 | NLL only |" in table and "| span | span span-logprob" in table

    # A run that must end by a deadline (a lent GPU's minutes) starts no arm it cannot finish and keeps the table
    # of the arms it did: trained arms are reused, so this rerun only scores lambda0 before the deadline stops it.
    proc = subprocess.run([sys.executable, ROOT / "examples" / "bml_ab.py", work, "--problems", SCIENCEQA,
                           "--train", "40", "--val", "12", "--rouge-val", "6", "--size", "tiny", "--vocab", "400",
                           "--arms", "lambda0,divergence,loglik", "--deadline", "0.001", "--precision", "fp32"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "--deadline 0.001 s: divergence, loglik not started" in proc.stdout
    assert [r["arm"] for r in json.loads((work / "ab.json").read_text())] == ["lambda0"]

    # BML as a second stage (--finetune): a base trained with NLL alone, and every arm, lambda0 too, continues from
    # it in a folder of its own, so the arms trained from scratch above are neither reused nor overwritten.
    proc = subprocess.run([sys.executable, ROOT / "examples" / "bml_ab.py", work, "--problems", SCIENCEQA,
                           "--rouge-val", "6", "--size", "tiny", "--steps", "3", "--finetune", "2",
                           "--arms", "lambda0,divergence", "--precision", "fp32"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    base = json.loads((work / "base" / "fit_config.json").read_text())
    assert base["bml"]["lambda"] == 0 and base["max_steps"] == 3 and base["model"] is None
    for arm in ("lambda0", "divergence"):
        config = json.loads((work / "finetune-2" / arm / "fit_config.json").read_text())
        assert config["model"] == str(work / "base") and config["max_steps"] == 2
    assert [r["arm"] for r in json.loads((work / "finetune-2" / "ab.json").read_text())] == ["lambda0", "divergence"]
    assert [r["arm"] for r in json.loads((work / "ab.json").read_text())] == ["lambda0"]


def test_an_ab_arm_is_whatever_its_name_says_and_a_bad_name_stops_before_any_work(tmp_path):
    """examples/bml_ab.py reads an arm's BML settings off its name, so the table row says what was run; a typo stops
    the run with one line before data is prepared or a model trained."""
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        from bml_ab import arm_settings
    finally:
        sys.path.remove(str(ROOT / "examples"))
    assert arm_settings("divergence-a2-l0.03-k5") == {"bml_repr": "divergence", "bml_alpha": 2.0,
                                                      "bml_lambda": 0.03, "k": 5}
    assert arm_settings("embedding-b0.5-sum") == {"bml_repr": "embedding", "bml_beta": 0.5, "bml_reduction": "sum"}
    assert arm_settings("lambda0") == {"bml_lambda": 0.0}
    for bad, says in (("divergnce", "unknown arm 'divergnce'"), ("loglik-x2", "cannot read 'x2'"),
                      ("loglik-k2.5", "cannot read 'k2.5'")):
        proc = subprocess.run([sys.executable, ROOT / "examples" / "bml_ab.py", tmp_path / "w", "--arms",
                               f"lambda0,{bad}"], capture_output=True, text=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.returncode != 0 and says in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert not (tmp_path / "w").exists()
