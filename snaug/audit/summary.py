"""What a shard directory holds: per kind, how many negatives, on how many examples, from which rules, what was
skipped and why, and how close the negatives stay to their rationale.

Similarity is the validators' measure (snaug.edits.edit_similarity: 1 - touched characters / length), so the
numbers here are the ones ``min_similarity`` filtered on.
"""
from __future__ import annotations

import random
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..edits import Edit, edit_similarity

COLUMNS = ["id", "split", "target", "negatives", "skips"]
HISTOGRAM_BINS = 50          # over [0, 1]


@dataclass(frozen=True)
class Row:
    id: str
    split: str
    target: str
    negatives: list[dict]
    skips: list[dict]


def load_rows(shards: list[Path]) -> list[Row]:
    if not shards:
        return []
    table = pa.concat_tables(pq.read_table(p, columns=COLUMNS) for p in shards)
    columns = [table.column(c).to_pylist() for c in COLUMNS]
    return [Row(*values) for values in zip(*columns)]


def similarity(target: str, negative: dict) -> float:
    return edit_similarity(target, [Edit(**e) for e in negative["edits"]])


def summarize(rows: list[Row], kinds: list[str] | None = None, top_rules: int = 10) -> dict:
    """The numbers `snaug inspect` prints, `--json` emits and the HTML report plots."""
    seen_kinds = {n["kind"] for r in rows for n in r.negatives} | {s["kind"] for r in rows for s in r.skips}
    kinds = list(kinds) if kinds else sorted(seen_kinds)
    kinds += sorted(seen_kinds - set(kinds))
    n = len(rows)
    per_kind = {k: {"negatives": 0, "examples_with": 0, "rules": Counter(), "skips": Counter(), "sims": []}
                for k in kinds}
    for row in rows:
        kinds_here = set()
        for neg in row.negatives:
            stats = per_kind[neg["kind"]]
            stats["negatives"] += 1
            stats["rules"][neg["rule"]] += 1
            stats["sims"].append(similarity(row.target, neg))
            kinds_here.add(neg["kind"])
        for kind in kinds_here:
            per_kind[kind]["examples_with"] += 1
        for skip in row.skips:
            per_kind[skip["kind"]]["skips"][skip["reason"]] += 1
    out_kinds = {}
    for kind, stats in per_kind.items():
        sims = sorted(stats["sims"])
        out_kinds[kind] = {
            "negatives": stats["negatives"],
            "examples_with_negative": stats["examples_with"],
            "coverage": stats["examples_with"] / n if n else 0.0,
            "rules": dict(stats["rules"].most_common(top_rules)),
            "rules_total": len(stats["rules"]),
            "skips": dict(stats["skips"].most_common()),
            "similarity": _distribution(sims),
        }
    all_sims = sorted(s for stats in per_kind.values() for s in stats["sims"])
    splits = Counter(r.split for r in rows)
    return {
        "examples": n,
        "splits": dict(sorted(splits.items())),
        "negatives": sum(k["negatives"] for k in out_kinds.values()),
        "kinds": out_kinds,
        "similarity": _distribution(all_sims),
    }


def _distribution(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "min": None, "p5": None, "median": None, "mean": None, "histogram": [0] * HISTOGRAM_BINS}
    histogram = [0] * HISTOGRAM_BINS
    for v in values:
        histogram[min(int(v * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1
    return {"n": len(values), "min": round(values[0], 4), "p5": round(_quantile(values, 0.05), 4),
            "median": round(statistics.median(values), 4), "mean": round(statistics.fmean(values), 4),
            "histogram": histogram}


def _quantile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank quantile of an already sorted list."""
    index = max(0, min(len(sorted_values) - 1, int(q * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def recount(rows: list[Row]) -> dict:
    """Per split: examples, and per kind examples with a negative and negatives, as the manifest counts them."""
    out: dict[str, dict] = {}
    for row in rows:
        split = out.setdefault(row.split, {"examples": 0, "kinds": {}})
        split["examples"] += 1
        per = Counter(n["kind"] for n in row.negatives)
        for kind, count in per.items():
            slot = split["kinds"].setdefault(kind, {"with_negative": 0, "negatives": 0})
            slot["with_negative"] += 1
            slot["negatives"] += count
    return out


def sample(rows: list[Row], n: int, seed: int = 0, kind: str | None = None, rule: str | None = None,
           example_id: str | None = None) -> list[tuple[Row, dict]]:
    """``n`` (row, negative) pairs matching the filters, drawn with ``seed``, in shard order."""
    pool = [(i, j) for i, row in enumerate(rows) if example_id is None or row.id == example_id
            for j, neg in enumerate(row.negatives)
            if (kind is None or neg["kind"] == kind) and (rule is None or neg["rule"] == rule)]
    picked = sorted(random.Random(seed).sample(pool, min(n, len(pool))))
    return [(rows[i], rows[i].negatives[j]) for i, j in picked]
