"""Generate throughput against the parse floor, and one worker against two, on the shared ScienceQA file.

    python bench/generate_speed.py [--input ../shared/data/scienceqa/problems.json] [--limit 2000]
                                   [--kinds negation,option] [--workers 2] [--repeat 3] [--cli]

Prints, all timed in this one process back to back, so the ratios are what to compare across machines:

- the parse floor: a bare ``nlp.pipe`` over the same texts with every component, and with only the components the
  requested kinds read (what the engine runs), the pipeline loaded as snaug loads it (numpy's BLAS, one thread:
  snaug/compute.py; the attribute ruler's matches from a table: snaug/ruler.py) and, for reference, as spaCy loads
  it (blis, the Matcher). The kinds' floor the ratios divide by is the least of four runs (one, then three
  interleaved with spaCy's), since a single run is within this machine's drift;
- ``snaug generate`` (read, parse, transforms, validation, Parquet, manifest) with 1 worker and with ``--workers``,
  the pipeline loaded by each call as a user's run would. Both after one untimed run over ``--warm`` other problems:
  a process's first run pays for imports, lexicon tables and caches, and without the warm-up the first timed run
  paid them all while the forked workers of the second inherited them, which flattered the 2-worker ratio.
  ``--repeat N`` times N (1 worker, ``--workers``) pairs back to back and reports the median of each figure and
  every pair's ratios: on a machine whose speed drifts by a fifth within minutes, one pair is one sample;
  ``--cli`` times whole processes, cold (a CLI run's fixed cost is about 6 s of CPU here: a 10-problem run);
- with ``--cli``, the same two runs as whole ``python -m snaug.cli generate`` processes (interpreter start-up and
  imports included);
- rationales/s against the published SNSE-CoT generator's 128 rationales/s (measured on a quiet 2-core machine of
  this class: a reference, not rerun here);
- a last table: each kind alone (propose + validate) on already parsed texts: where the time above the floor goes.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from snaug.compute import one_blas_thread
from snaug.engine import Engine
from snaug.generate import GenerateConfig, generate
from snaug.io.readers import read_examples
from snaug.nlp import UNUSED_COMPONENTS, load_pipeline
from snaug.rules import load_rules

PUBLISHED = 128.0      # rationales/s of the published SNSE-CoT generator, quiet 2-core machine (issue 12)


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, default=here.parent.parent / "shared/data/scienceqa/problems.json")
    parser.add_argument("--limit", type=int, default=2000, help="first N problems only (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kinds", default=None, help="comma-separated kinds (default: all)")
    parser.add_argument("--spacy-model", default=None)
    parser.add_argument("--cli", action="store_true", help="also time whole CLI processes")
    parser.add_argument("--repeat", type=int, default=1, help="(1 worker, --workers) pairs timed; medians reported")
    parser.add_argument("--warm", type=int, default=300,
                        help="problems after --limit run once first, untimed (0: none; see the module docstring)")
    args = parser.parse_args()
    kinds = args.kinds.split(",") if args.kinds else None

    path = args.input
    tmp = Path(tempfile.mkdtemp(prefix="snaug-bench-"))
    warm_path = None
    if args.limit:
        if path.suffix == ".jsonl":                 # GSM8K-style: one record per line
            lines = path.read_text().splitlines(keepends=True)
            path, warm_path = tmp / "records.jsonl", tmp / "warm.jsonl"
            path.write_text("".join(lines[:args.limit]))
            warm_path.write_text("".join(lines[args.limit:args.limit + args.warm]))
        else:                                       # a ScienceQA problems.json
            problems = list(json.loads(path.read_text()).items())
            path, warm_path = tmp / "problems.json", tmp / "warm.json"
            path.write_text(json.dumps(dict(problems[:args.limit])))
            warm_path.write_text(json.dumps(dict(problems[args.limit:args.limit + args.warm])))
        if not args.warm or warm_path.stat().st_size <= 2:
            warm_path = None
    examples = read_examples(path).examples
    texts = [ex.target for ex in examples]
    pipeline = load_pipeline(args.spacy_model)
    rules = load_rules()
    engine = Engine(rules, pipeline, kinds, per_kind=3)
    words = sum(len(t.split()) for t in texts)

    with one_blas_thread():                                       # as a run has it (snaug/compute.py)
        list(pipeline.nlp.pipe(texts[:200], batch_size=256))      # warm-up
        start, cpu_start = time.perf_counter(), time.process_time()
        docs = list(pipeline.nlp.pipe(texts, batch_size=256))
        floor_all, floor_all_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        start, cpu_start = time.perf_counter(), time.process_time()
        list(pipeline.nlp.pipe(texts, batch_size=256, disable=engine.disabled))
        floor, floor_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        # the same pipeline as spaCy loads it, with blis and the Matcher (what snaug ran before snaug/compute.py and
        # snaug/ruler.py): the two floors interleaved three times, least of each, since one pair is within this
        # machine's drift
        blis_nlp = spacy.load(pipeline.ref, exclude=list(UNUSED_COMPONENTS))
        list(blis_nlp.pipe(texts[:200], batch_size=256))
        pairs, runs = [], [(floor_cpu, floor)]          # (CPU s, wall s) of each run of snaug's pipeline
        for _ in range(3):
            pair = []
            for nlp in (blis_nlp, pipeline.nlp):
                start, cpu_start = time.perf_counter(), time.process_time()
                list(nlp.pipe(texts, batch_size=256, disable=engine.disabled))
                pair.append(time.process_time() - cpu_start)
            runs.append((pair[1], time.perf_counter() - start))
            pairs.append(pair)
        floor_blis_cpu, floor_numpy_cpu = (min(column) for column in zip(*pairs))
        floor_cpu, floor = min(runs)
        del blis_nlp

    def timed_generate(workers: int, run: int) -> tuple[float, float, float, dict]:
        """Wall seconds, CPU seconds of this process and of its (reaped) workers, and the manifest."""
        before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        report = generate(GenerateConfig(input=path, out=tmp / f"out-{workers}-{run}", workers=workers,
                                         progress=False, spacy_model=pipeline.ref, kinds=kinds), warn=lambda m: None)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = [a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before)]
        return wall, cpu[0], cpu[1], report.manifest

    if warm_path:
        start = time.perf_counter()
        generate(GenerateConfig(input=warm_path, out=tmp / "warm", progress=False, spacy_model=pipeline.ref,
                                kinds=kinds), warn=lambda m: None)
        warm_wall = time.perf_counter() - start
    timed = []                                  # per pair: (1-worker wall, CPU), (N-worker wall, parent, workers)
    for run in range(max(1, args.repeat)):
        one, one_cpu, _, manifest = timed_generate(1, run)
        many, parent_cpu, workers_cpu, manifest_many = timed_generate(args.workers, run)
        assert manifest_many == manifest, "output differs between worker counts"
        timed.append((one, one_cpu, many, parent_cpu, workers_cpu))
    one, one_cpu, many, parent_cpu, workers_cpu = (statistics.median(column) for column in zip(*timed))
    negatives = sum(c["negatives"] for s in manifest["counts"].values() for c in s["kinds"].values())
    n = len(texts)

    print(f"input           {args.input.name}: {n} rationales, {words} words; pipeline {pipeline.name}; "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    components = ", ".join(engine.components) or "tokenizer only"
    print(f"kinds           {', '.join(engine.kinds)}; components run: {components}")
    print("                   wall   rationales/s     CPU s   (CPU: this process, or all processes of the run)")
    print(f"parse floor     {floor_all:7.2f} s   {n / floor_all:8.1f}    {floor_all_cpu:7.2f} s  (nlp.pipe, every component)")
    print(f"kinds' floor    {floor:7.2f} s   {n / floor:8.1f}    {floor_cpu:7.2f} s  (nlp.pipe, the components run; least of 4)")
    print(f"  as snaug / as spaCy loads it           {floor_numpy_cpu:7.2f} s / {floor_blis_cpu:.2f} s = "
          f"{floor_numpy_cpu / floor_blis_cpu:4.2f} x  (least of 3 interleaved: numpy's BLAS and the ruler table / "
          f"blis and the Matcher)")
    if warm_path:
        print(f"warm-up         {warm_wall:7.2f} s   (problems {args.limit + 1}-{args.limit + args.warm}, untimed below: "
              f"imports, lexicon tables and caches, paid once per process)")
    print(f"generate 1      {one:7.2f} s   {n / one:8.1f}    {one_cpu:7.2f} s  ({negatives} negatives)   "
          f"{one / floor:5.2f} x kinds' floor in wall time, {one_cpu / floor_cpu:5.2f} x in CPU time (target <= 1.15)")
    print(f"generate {args.workers:<6} {many:7.2f} s   {n / many:8.1f}    {parent_cpu + workers_cpu:7.2f} s  "
          f"{one / many:5.2f} x one worker in wall time (target >= 1.8 at 2 workers)")
    # On a loaded machine the wall ratio says more about the neighbours than about snaug. CPU time does not: if the
    # workers' CPU plus the parent's (reading, feeding, writing) spread evenly over W idle cores, wall time is their
    # sum / W. Reported beside the wall ratio as an estimate, never instead of it.
    spread = (parent_cpu + workers_cpu) / args.workers
    print(f"                {args.workers} workers: parent {parent_cpu:6.1f} s + workers {workers_cpu:6.1f} s CPU  ->  "
          f"{one_cpu / spread:4.2f} x one worker if spread over {args.workers} idle cores (estimate)")
    if len(timed) > 1:
        print(f"                the figures above are medians of {len(timed)} pairs; each pair's 1 worker / kinds' "
              f"floor (wall) and {args.workers} workers / 1 (wall): " +
              ", ".join(f"{o / floor:.2f} and {o / m:.2f}" for o, _, m, _, _ in timed))
    print(f"vs published    {n / one / PUBLISHED:5.2f} x (1 worker)   "
          f"{n / many / PUBLISHED:5.2f} x ({args.workers} workers)   "
          f"of {PUBLISHED:.0f} rationales/s measured on a quiet machine (target >= 3.5 on 2 cores)")
    print(f"                on idle cores (estimate from CPU time): 1 worker {n / one_cpu:6.1f} rationales/s = "
          f"{n / one_cpu / PUBLISHED:4.2f} x published; {args.workers} workers {n / spread:6.1f} rationales/s = "
          f"{n / spread / PUBLISHED:4.2f} x published")

    if args.cli:
        for workers in (1, args.workers):
            cmd = [sys.executable, "-m", "snaug.cli", "generate", str(path), "-o", str(tmp / f"cli-{workers}"), "-q",
                   "--workers", str(workers)] + (["--kinds", args.kinds] if args.kinds else [])
            start = time.perf_counter()
            subprocess.run(cmd, check=True)
            took = time.perf_counter() - start
            print(f"CLI workers {workers:<3} {took:7.2f} s   {n / took:8.1f} rationales/s  (whole process)")

    # CPU s: the kind alone (propose + validate) on texts already parsed whole: where the time above the floor goes.
    # coverage: examples with at least one negative of the kind in the run above (all kinds, as generated).
    print(f"{'kind':<14}{'CPU s':>9}{'share of floor':>16}{'coverage':>10}{'negatives':>11}")
    for name in manifest["kinds"]:
        alone = Engine(load_rules(), pipeline, [name], per_kind=3)    # its own rules: no claims verdicts cached
        cpu_start = time.process_time()
        for example, doc in zip(examples, docs):
            alone.process(example, doc)
        took = time.process_time() - cpu_start
        counts = [split["kinds"][name] for split in manifest["counts"].values()]
        covered = sum(c["with_negative"] for c in counts) / max(1, sum(c["examples"] for c in counts))
        made = sum(c["negatives"] for c in counts)
        print(f"{name:<14}{took:>9.2f}{took / floor_all_cpu:>15.1%}{covered:>10.1%}{made:>11}")


if __name__ == "__main__":
    main()
