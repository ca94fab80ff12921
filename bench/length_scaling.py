"""Time of one rationale against its length: parse and engine, 10k / 100k / 1M characters (target: 1M ≤ 20× 100k).

    python bench/length_scaling.py [--input ../shared/data/scienceqa/problems.json] [--sizes 10000,100000,1000000]

Each text is ScienceQA solutions joined until it has the length, cut at a space, posed as the answer to the first
problem with options (its question, choices and answer: the claims judgement, which reads the question, runs
too; without one it is skipped and hid a cost quadratic in sentences); every kind runs on it with ``max_chars``
raised above the largest size. Parse (``nlp.pipe`` with the engine's components) and the engine's
own work (every kind proposes, validators, picks) are timed apart, each the best of ``--repeat`` runs: time linear in
length means each column grows 10× per row.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from snaug.engine import Engine
from snaug.io.example import Example
from snaug.nlp import load_pipeline
from snaug.rules import load_rules


def text_of(solutions: list[str], size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        s = solutions[i % len(solutions)]
        parts.append(s)
        total += len(s) + 1
        i += 1
    return " ".join(parts)[:size].rsplit(" ", 1)[0]


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, default=here.parent.parent / "shared/data/scienceqa/problems.json")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    problems = json.loads(args.input.read_text())
    solutions = [p["solution"] for p in problems.values() if p.get("solution")]
    posed = next(p for p in problems.values() if p.get("solution") and len(p.get("choices") or ()) >= 2)
    pipeline = load_pipeline()
    engine = Engine(load_rules(), pipeline, per_kind=3, max_chars=max(sizes) + 1)
    print(f"pipeline {pipeline.name}; kinds {', '.join(engine.kinds)}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'chars':>9}{'parse s':>10}{'engine s':>10}{'total s':>10}{'x previous':>12}")
    previous = None
    for size in sizes:
        text = text_of(solutions, size)
        example = Example(id=f"len{size}", split="train", target=text, question=posed["question"],
                          choices=tuple(posed["choices"]), answer=posed["answer"])
        best_parse = best_engine = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            doc = next(pipeline.nlp.pipe([text], disable=engine.disabled))
            best_parse = min(best_parse, time.perf_counter() - start)
            start = time.perf_counter()
            outcome = engine.process(example, doc)
            best_engine = min(best_engine, time.perf_counter() - start)
            del doc
        total = best_parse + best_engine
        ratio = f"{total / previous:10.1f}x" if previous else ""
        print(f"{len(text):>9}{best_parse:>10.2f}{best_engine:>10.2f}{total:>10.2f}{ratio:>12}   "
              f"{len(outcome.negatives)} negatives")
        previous = total
    print("target: each 10x longer text takes <= 20x the time")


if __name__ == "__main__":
    main()
