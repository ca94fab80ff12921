"""Peak memory of `snaug generate` on ScienceQA and on a copy of it N times larger (target: ≤ 1.2× at 10×).

    python bench/generate_memory.py [--input ../shared/data/scienceqa/problems.json] [--times 10] [--kinds unit]

Each run is a whole `python -m snaug.cli generate` process; its peak resident set comes from os.wait4, so it is that
process alone. The N× copy repeats every problem under new ids (``PID-k``), so every record is read, planned,
processed and written, and nothing is a duplicate. The default ``--kinds unit`` runs no parser, so the 10× run takes
minutes rather than an hour; memory that grows with the corpus is in reading, planning and writing, which every kind
shares (the parse holds one work unit at a time whatever the kinds).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def peak_rss_mib(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start      # ru_maxrss is KiB on Linux


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, default=here.parent.parent / "shared/data/scienceqa/problems.json")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--kinds", default="unit")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="snaug-mem-"))
    problems = json.loads(args.input.read_text())
    copies = {}
    for label, times in (("1x", 1), (f"{args.times}x", args.times)):
        copies[label] = tmp / label / "problems.json"     # alone in its folder: no captions.json beside either
        copies[label].parent.mkdir()
        with open(copies[label], "w") as fh:                # piece by piece: this bench holds one copy, not N
            fh.write("{")
            for k in range(times):
                for j, (pid, problem) in enumerate(problems.items()):
                    fh.write(("" if k == j == 0 else ", ") + json.dumps(f"{pid}-{k}") + ": " + json.dumps(problem))
            fh.write("}")
    n = len(problems)
    del problems

    rows = []
    for label, path in copies.items():
        cmd = [sys.executable, "-m", "snaug.cli", "generate", str(path), "-o", str(tmp / f"out-{label}"), "-q",
               "--kinds", args.kinds]
        rss, took = peak_rss_mib(cmd)
        manifest = json.loads((tmp / f"out-{label}" / "manifest.json").read_text())
        rows.append((label, rss, took, manifest["records"]["read"], manifest["records"]["written"]))
    print(f"input {args.input.name}: {n} problems; kinds {args.kinds}; load average {os.getloadavg()[0]:.1f}")
    for label, rss, took, read, written in rows:
        print(f"{label:>5}  peak RSS {rss:8.1f} MiB   {took:7.1f} s   {read} read, {written} written")
    print(f"ratio  {rows[1][1] / rows[0][1]:.2f} x peak RSS for {args.times}x the records (target <= 1.2)")


if __name__ == "__main__":
    main()
