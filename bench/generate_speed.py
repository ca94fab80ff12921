"""Generate throughput against the parse floor, on the shared ScienceQA file.

    python bench/generate_speed.py [--input ../shared/data/scienceqa/problems.json] [--limit N] [--workers W]

Prints rationales/s of `snaug generate` (1 worker, everything: read, parse, transforms, validation, Parquet,
manifest) and the ratio of its time to a bare `nlp.pipe` over the same texts with the same loaded pipeline.
Both are timed in this one process, back to back, so the ratio is what to compare across machines. A last table
times each kind alone (propose + validate) on the already parsed texts: where the time above the floor goes.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from snaug.engine import Engine
from snaug.generate import GenerateConfig, generate
from snaug.io.readers import read_examples
from snaug.nlp import load_pipeline
from snaug.rules import load_rules


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, default=here.parent.parent / "shared/data/scienceqa/problems.json")
    parser.add_argument("--limit", type=int, default=0, help="first N problems only (0: all)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--spacy-model", default=None)
    args = parser.parse_args()

    path = args.input
    tmp = Path(tempfile.mkdtemp(prefix="snaug-bench-"))
    if args.limit:
        problems = json.loads(path.read_text())
        path = tmp / "problems.json"
        path.write_text(json.dumps(dict(list(problems.items())[:args.limit])))
    texts = [ex.target for ex in read_examples(path).examples]
    pipeline = load_pipeline(args.spacy_model)
    words = sum(len(t.split()) for t in texts)

    list(pipeline.nlp.pipe(texts[:200], batch_size=256))          # warm-up
    start = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=256))
    parse = time.perf_counter() - start

    start = time.perf_counter()
    report = generate(GenerateConfig(input=path, out=tmp / "out", workers=args.workers, progress=False,
                                     spacy_model=pipeline.ref))
    total = time.perf_counter() - start
    negatives = sum(c["negatives"] for s in report.manifest["counts"].values() for c in s["kinds"].values())

    print(f"input           {args.input.name}: {len(texts)} rationales, {words} words; pipeline {pipeline.name}")
    print(f"parse floor     {parse:7.2f} s   {len(texts) / parse:8.1f} rationales/s  (nlp.pipe alone)")
    print(f"snaug generate  {total:7.2f} s   {len(texts) / total:8.1f} rationales/s  "
          f"({args.workers} worker(s), {negatives} negatives, kinds {', '.join(report.manifest['kinds'])})")
    print(f"ratio           {total / parse:7.2f} x parse floor" + ("  (target <= 1.3)" if args.workers == 1 else ""))

    examples = read_examples(path).examples
    rules = load_rules()
    print(f"{'kind':<14}{'seconds':>9}{'share of floor':>16}")
    for name in report.manifest["kinds"]:
        engine = Engine(rules, pipeline, [name], per_kind=3)
        start = time.perf_counter()
        for example, doc in zip(examples, docs):
            engine.process(example, doc)
        took = time.perf_counter() - start
        print(f"{name:<14}{took:>9.2f}{took / parse:>15.1%}")


if __name__ == "__main__":
    main()
