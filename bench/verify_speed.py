"""What the trainer's shard check costs before a run: ``check_shards`` (sha256 of every shard, Parquet footers,
row counts, schema and version against the manifest) beside reading the rows the run needs anyway.

    python bench/verify_speed.py [SHARDS_DIR] [N_EXAMPLES]

Without SHARDS_DIR (or with "-"): N_EXAMPLES (default 10,000) rows of 1,000-row shards with a matching manifest,
the layout `snaug generate` writes, made quickly without spaCy: the sample problems' rows with every text made
unique per row (so zstd cannot fold repeats and the bytes hashed are a real run's size: four negatives per
row). Best of 5, one process, back to back.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from snaug.generate import GenerateConfig, generate
from snaug.io import sha256_of
from snaug.io.schema import SCHEMA_VERSION, check_shards
from snaug.io.shards import atomic_write_json, write_parquet

ROOT = Path(__file__).resolve().parent.parent


def synthesize(out: Path, n: int) -> Path:
    seed = out.parent / "sample"
    generate(GenerateConfig(input=ROOT / "data/sample/problems.json", out=seed, progress=False), warn=lambda m: None)
    rows = pq.read_table(seed / "shards").to_pylist()
    rng = random.Random(0)
    words = sorted({w for r in rows for w in (r["target"] + " " + r["question"]).split()})

    def unique(text: str) -> str:
        return text + " " + " ".join(rng.choice(words) for _ in range(12))

    def row(i: int) -> dict:
        r = rows[i % len(rows)]
        target = unique(r["target"])
        negatives = [{"kind": "negation", "rule": "negation.bench", "text": unique(target),
                      "edits": [{"start": 0, "end": 1, "before": target[0], "after": "X"}]} for _ in range(4)]
        return {**r, "id": str(i), "split": "train", "question": unique(r["question"]), "target": target,
                "lecture": unique(r["lecture"] or ""), "context": unique(r["context"]),
                "solution": target, "negatives": negatives}

    (out / "shards").mkdir(parents=True)
    entries = []
    for start in range(0, n, 1000):
        part = [row(i) for i in range(start, min(n, start + 1000))]
        path = out / "shards" / f"train-{start // 1000:05d}.parquet"
        write_parquet(path, part)
        entries.append({"file": f"shards/{path.name}", "split": "train", "rows": len(part), "sha256": sha256_of(path)})
    atomic_write_json(out / "manifest.json", {"schema_version": SCHEMA_VERSION, "records": {"written": n},
                                              "shards": entries, "kinds": []})
    return out


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    out = Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "-" else \
        synthesize(Path(tempfile.mkdtemp(prefix="snaug-verify-")) / "shards", n)
    verdict = check_shards(out)
    size = sum(p.stat().st_size for p in verdict.shards) / 2**20
    rows = sum(pq.read_metadata(p).num_rows for p in verdict.shards)
    print(f"{out}: {rows} examples in {len(verdict.shards)} shards, {size:.1f} MiB, verdict {verdict.label}")
    verify = best(lambda: check_shards(out))
    read = best(lambda: pq.read_table([str(p) for p in verdict.shards]).to_pylist())
    print(f"check_shards       {verify * 1000:8.1f} ms")
    print(f"read rows (pylist) {read * 1000:8.1f} ms   (what a run reads anyway; verify / read = {verify / read:.2f})")


if __name__ == "__main__":
    main()
