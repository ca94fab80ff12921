"""One --out, several runs (issue 12: 14, 15, and runs split across machines): partitions side by side, others
refused while alive, dead runs' leftovers cleared, the manifest written once and equal to a one-process run."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

from snaug import SnaugError
from snaug.generate import GenerateConfig, generate
from snaug.io.lock import OutputLock


def run(out, **kw):
    kw.setdefault("progress", False)
    kw.setdefault("spacy_model", "blank:en")
    return generate(GenerateConfig(input=SAMPLE, out=Path(out), **kw), warn=lambda m: None)


def tree_bytes(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def hidden(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob(".*"))


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_a_second_run_of_one_partition_is_refused_while_the_first_is_alive(tmp_path):
    with OutputLock(tmp_path, (0, 1)):
        with pytest.raises(SnaugError, match=rf"--out {tmp_path}: partition 0/1 is being written by another snaug "
                                             rf"generate \(pid {os.getpid()} on .+\); wait for it to finish"):
            run(tmp_path)
        assert not (tmp_path / "shards").exists()
    assert run(tmp_path).wrote_manifest
    assert hidden(tmp_path) == [".snaug.lock"]          # the run's own lock and record are gone


def test_a_run_with_other_settings_is_refused_while_another_run_is_alive(tmp_path):
    """The bug: the loser exited 0 talking about partitions, and its shards were silently replaced."""
    other = OutputLock(tmp_path, (0, 2)).acquire()
    with other.claim("f" * 64):
        pass
    with pytest.raises(SnaugError, match=r"is being written by another snaug generate with other settings or input "
                                         r"\(partition 0/2, pid \d+ on .+\); wait for it to finish"):
        run(tmp_path, partition=(1, 2))
    with pytest.raises(SnaugError, match="other settings"):
        run(tmp_path, overwrite=True)                   # --overwrite does not take a live run's folder either
    other.release()
    assert run(tmp_path).wrote_manifest


def test_partitions_of_one_run_go_side_by_side(tmp_path):
    alive = OutputLock(tmp_path, (0, 2)).acquire()      # partition 0 still reading its input
    report = run(tmp_path, partition=(1, 2), shard_size=4)
    assert report.manifest is None and report.missing == ["train-00000", "val-00000"]
    alive.release()
    report = run(tmp_path, partition=(0, 2), shard_size=4)
    assert report.wrote_manifest and tree_bytes(tmp_path) == tree_bytes(_reference(tmp_path.parent / "ref", 4))


def _reference(out: Path, shard_size: int, **kw) -> Path:
    if not (out / "manifest.json").exists():
        run(out, shard_size=shard_size, **kw)
    return out


def test_what_a_killed_run_left_is_cleared_by_the_next(tmp_path):
    """kill -9 leaves temp files (named by the writing process) and the dead run's record; the next run clears
    both, behind the lock."""
    run(tmp_path)
    pid = dead_pid()
    left = [tmp_path / "progress" / f".train-00000.json.tmp-{pid}", tmp_path / "shards" / f".val-00000.parquet.tmp-{pid}",
            tmp_path / f".manifest.json.tmp-{pid}"]
    for path in left:
        path.write_bytes(b"partial")
    (tmp_path / ".snaug-part-0-of-2.json").write_text(json.dumps({"pid": pid, "host": "h", "partition": "0/2",
                                                                  "fingerprint": "f" * 64}))
    report = run(tmp_path)
    assert report.shards_resumed == 2 and not report.wrote_manifest     # nothing to redo; the manifest is the same
    assert hidden(tmp_path) == [".snaug.lock"]


@pytest.mark.parametrize("where", ["this host", "another host"])
def test_temp_files_of_a_live_run_are_kept(tmp_path, where):
    alive = OutputLock(tmp_path, (0, 2)).acquire()
    if where == "another host":      # a PID says nothing about a process elsewhere: nothing can be judged dead
        record = tmp_path / ".snaug-part-0-of-2.json"
        record.write_text(json.dumps({**json.loads(record.read_text()), "host": "elsewhere"}))
    (tmp_path / "shards").mkdir()
    mine, gone = tmp_path / "shards" / f".a.parquet.tmp-{os.getpid()}", tmp_path / "shards" / f".b.parquet.tmp-{dead_pid()}"
    mine.write_bytes(b"being written")
    gone.write_bytes(b"partial")
    run(tmp_path, partition=(1, 2))
    assert mine.exists()
    assert gone.exists() == (where == "another host")
    alive.release()


# -- a run split across machines or scheduler tasks -----------------------------------------------------------

def _scheduler_task(out: str, index_var: str, count: int, extra: tuple, log: str) -> None:
    """What one task of a job array runs (docs/scale.md): the partition index comes from the scheduler."""
    from snaug.cli import main

    sys.stderr = open(log, "w", buffering=1)  # noqa: SIM115  (this process ends with the task)
    sys.argv = ["snaug", "generate", str(SAMPLE), "--out", out, "--partition", f"{os.environ[index_var]}/{count}",
                "--shard-size", "2", "--spacy-model", "blank:en", *extra]
    try:
        main()
    except SystemExit as exc:
        sys.exit(exc.code)


def _tasks(tmp_path: Path, out: Path, index_var: str, count: int, extras) -> list[tuple[int, str]]:
    """Start one process per task at once (forked: separate processes and file locks, spaCy imported once)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork to start tasks without importing spaCy in each")
    ctx = multiprocessing.get_context("fork")
    procs = []
    for i, extra in enumerate(extras):
        os.environ[index_var] = str(i if count > 1 else 0)
        log = tmp_path / f"task-{i}.log"
        procs.append((ctx.Process(target=_scheduler_task, args=(str(out), index_var, count, extra, str(log))), log))
        procs[-1][0].start()
    del os.environ[index_var]
    results = []
    for proc, log in procs:
        proc.join(300)
        results.append((proc.exitcode, log.read_text()))
    return results


@pytest.mark.parametrize("index_var", ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"])  # Kubernetes, SLURM
def test_concurrent_partitions_write_the_manifest_once_equal_to_one_process(tmp_path, index_var):
    reference = _reference(tmp_path / "ref", 2)
    out = tmp_path / "shared-volume" / "sqa"
    results = _tasks(tmp_path, out, index_var, 3, [()] * 3)
    for code, err in results:
        assert code == 0 and "Traceback" not in err, err
    manifest_lines = [line for _, err in results for line in err.splitlines() if line.startswith("manifest: ")]
    written = [line for line in manifest_lines if "already written" not in line]
    assert written == [f"manifest: {out / 'manifest.json'}"]              # exactly one task wrote it
    assert len(json.loads((out / "manifest.json").read_text())["shards"]) == 7
    assert tree_bytes(out) == tree_bytes(reference)                       # byte for byte, manifest included
    assert hidden(out) == [".snaug.lock"]                                 # no temp file or run record left
    again = run(out, partition=(0, 3), shard_size=2)                     # a task the scheduler retried
    assert again.shards_done_now == 0 and not again.wrote_manifest
    assert tree_bytes(out) == tree_bytes(reference)


def test_two_runs_with_other_settings_at_once_one_is_refused(tmp_path):
    """Issue 12, bad input 14 as found: two `snaug generate` on one --out at the same moment."""
    out = tmp_path / "out"
    results = _tasks(tmp_path, out, "SLURM_ARRAY_TASK_ID", 1, [("--seed", "1"), ("--seed", "2")])
    assert sorted(code for code, _ in results) == [0, 2]
    seed = (1, 2)[[code for code, _ in results].index(0)]
    loser = next(err for code, err in results if code == 2)
    assert "Traceback" not in loser and loser.count("\n") == 1
    assert any(message in loser for message in (
        "partition 0/1 is being written by another snaug generate",    # refused while the winner ran
        "holds shards made with other settings"))                       # or came after it had finished
    assert tree_bytes(out) == tree_bytes(_reference(tmp_path / "ref", 2, seed=seed))
