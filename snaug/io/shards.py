"""Shard files, their sidecars, and the manifest.

Layout: ``OUT/shards/SPLIT-NNNNN.parquet`` (the shards alone, so the folder loads as one dataset in pandas,
pyarrow.dataset and DuckDB), ``OUT/progress/SPLIT-NNNNN.json`` (each shard's sidecar: row count, sha256, counts,
and the run's fingerprint) and ``OUT/manifest.json``. Both are written atomically (temporary file + rename), the sidecar last, so a shard is finished
exactly when its sidecar exists and matches. The manifest is assembled from the sidecars once every planned
shard is finished, by whichever run (or partition) finishes last; it holds no time stamps or paths, so the same
input, seed and rules give the same bytes.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from . import sha256_of
from .example import Example
from .schema import MANIFEST, PROGRESS_DIR, SCHEMA, SHARDS_DIR  # noqa: F401  (re-exported: the layout's names)


@dataclass(frozen=True)
class ShardPlan:
    name: str            # file stem, e.g. "train-00003"
    split: str
    ordinal: int         # position among all shards of the run: partitions own ordinal % n
    rows: int            # examples it holds
    index: int = 0       # its place within its split: it holds that split's examples [index * size, ... + rows)


def plan_shards(examples: Iterable[Example], shard_size: int) -> list[ShardPlan]:
    """Group by split (in order of first appearance), keep input order, cut every ``shard_size`` examples.

    Counts only: the examples stream past and are not kept, so planning a corpus costs no memory per record.
    """
    per_split: dict[str, int] = {}
    for example in examples:
        per_split[example.split] = per_split.get(example.split, 0) + 1
    plans: list[ShardPlan] = []
    for split, total in per_split.items():
        for k in range(0, total, shard_size):
            plans.append(ShardPlan(shard_name(split, k // shard_size), split, len(plans),
                                   min(shard_size, total - k), k // shard_size))
    return plans


def shard_name(split: str, index: int) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in split)
    return f"{safe}-{index:05d}"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def atomic_write_json(path: Path, obj, unless_same: bool = False) -> bool:
    """Write ``obj``; with ``unless_same``, leave a file that already holds these bytes alone. True if written."""
    data = (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    if unless_same and path.is_file() and path.read_bytes() == data:
        return False
    atomic_write_bytes(path, data)
    return True


def write_parquet(path: Path, rows: list[dict]) -> None:
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def sidecar_path(out: Path, name: str) -> Path:
    return out / PROGRESS_DIR / f"{name}.json"


def shard_path(out: Path, name: str) -> Path:
    return out / SHARDS_DIR / f"{name}.parquet"


def finished_sidecar(out: Path, plan: ShardPlan, fingerprint: str) -> dict | None:
    """The sidecar of a finished shard made with the same fingerprint, else None."""
    side, shard = sidecar_path(out, plan.name), shard_path(out, plan.name)
    if not side.is_file() or not shard.is_file():
        return None
    try:
        stats = json.loads(side.read_text())
    except (OSError, json.JSONDecodeError):
        return None
    if stats.get("fingerprint") != fingerprint or stats.get("rows") != plan.rows:
        return None
    if stats.get("sha256") != sha256_of(shard):
        return None
    return stats


def foreign_fingerprint(out: Path, fingerprint: str) -> str | None:
    """Name of a sidecar in ``out`` made with other settings, if any."""
    for side in sorted((out / PROGRESS_DIR).glob("*.json")):
        try:
            if json.loads(side.read_text()).get("fingerprint") != fingerprint:
                return side.name
        except (OSError, json.JSONDecodeError):
            return side.name
    return None


def changed_settings(sidecar: Path, settings: dict) -> list[str]:
    """What differs between the settings a sidecar records and ``settings``, e.g. ``seed 0 -> 1``; empty when the
    sidecar records none (written by an older snaug) or cannot be read."""
    try:
        old = json.loads(sidecar.read_text()).get("settings")
    except (OSError, json.JSONDecodeError):
        return []
    if not isinstance(old, dict):
        return []
    before, after = _flatten(old), _flatten(settings)
    out = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        if key == "input.sha256":
            out.append("the input file's content (sha256)")
        elif len(repr(a)) + len(repr(b)) > 80:
            out.append(f"{key}")
        else:
            out.append(f"{key} {json.dumps(a)} -> {json.dumps(b)}")
    return out


def _flatten(d: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in d.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


class Tally:
    """Counts for one shard; summed into the manifest."""

    def __init__(self, kinds: list[str]):
        self.kinds = {k: Counter() for k in kinds}
        self.skips = {k: Counter() for k in kinds}
        self.dropped = {k: Counter() for k in kinds}
        self.rules = {k: Counter() for k in kinds}

    def add(self, outcome) -> None:
        with_negative = Counter(n.kind for n in outcome.negatives)
        for kind, counter in self.kinds.items():
            counter["examples"] += 1
            counter["triggered"] += kind in outcome.triggered
            counter["with_negative"] += with_negative[kind] > 0
            counter["negatives"] += with_negative[kind]
        for kind, reason in outcome.skips:
            self.skips[kind][reason] += 1
        for (kind, reason), n in outcome.dropped.items():
            self.dropped[kind][reason] += n
        for negative in outcome.negatives:
            self.rules[negative.kind][negative.rule] += 1

    def merge(self, other: "Tally") -> None:
        """Add another tally's counts (a shard is tallied in work units, in any process)."""
        for mine, theirs in ((self.kinds, other.kinds), (self.skips, other.skips), (self.dropped, other.dropped),
                             (self.rules, other.rules)):
            for kind, counter in theirs.items():
                mine.setdefault(kind, Counter()).update(counter)

    def as_dict(self) -> dict:
        plain = lambda d: {k: dict(sorted(v.items())) for k, v in d.items()}  # noqa: E731
        return {"kinds": plain(self.kinds), "skips": plain(self.skips), "dropped": plain(self.dropped),
                "rules": plain(self.rules)}


def outcome_row(outcome) -> dict:
    ex = outcome.example
    return {
        "id": ex.id, "split": ex.split, "question": ex.question, "context": ex.context,
        "choices": list(ex.choices), "answer": ex.answer, "lecture": ex.lecture, "solution": ex.solution,
        "image": ex.image, "caption": ex.caption, "subject": ex.subject, "grade": ex.grade, "target": ex.target,
        "negatives": [{"kind": n.kind, "rule": n.rule, "text": n.text,
                       "edits": [{"start": e.start, "end": e.end, "before": e.before, "after": e.after}
                                 for e in n.edits]} for n in outcome.negatives],
        "skips": [{"kind": k, "reason": r} for k, r in outcome.skips],
    }


def _add_nested(total: dict, part: dict) -> None:
    for kind, counter in part.items():
        slot = total.setdefault(kind, {})
        for key, n in counter.items():
            slot[key] = slot.get(key, 0) + n


def assemble_manifest(header: dict, sidecars: list[dict], records_read: int, records_skipped: dict) -> dict:
    counts: dict[str, dict] = {}
    skips: dict = {}
    dropped: dict = {}
    rules: dict = {}
    shards = []
    for stats in sidecars:
        split = counts.setdefault(stats["split"], {"examples": 0, "kinds": {}})
        split["examples"] += stats["rows"]
        _add_nested(split["kinds"], stats["tally"]["kinds"])
        _add_nested(skips, stats["tally"]["skips"])
        _add_nested(dropped, stats["tally"]["dropped"])
        _add_nested(rules, stats["tally"]["rules"])
        shards.append({"file": stats["file"], "split": stats["split"], "rows": stats["rows"],
                       "sha256": stats["sha256"]})
    written = sum(s["rows"] for s in shards)
    return {
        **header,
        "records": {"read": records_read, "written": written, "skipped": dict(sorted(records_skipped.items()))},
        "counts": counts,
        "skip_reasons": skips,
        "dropped": dropped,
        "rules_fired": rules,
        "shards": shards,
    }
