"""Shards from records that already carry their negatives: the output of ``Augmenter.map_batch`` run by
``datasets.Dataset.map`` or Ray Data's ``map_batches``, written in the shard contract of ``snaug generate``.

Records are read with the same column mapping and skip rules as ``snaug generate``, cut into shards per split in
input order every ``shard_size`` records, and written with the same writer, so the same records in the same order
give byte-identical shards; ``snaug inspect`` and ``trainer fit`` read the directory as any other. Memory holds
one shard per split, not the dataset.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from . import SnaugError, __version__
from .api import _guess_target, dropped_counter
from .edits import Edit
from .engine import Negative, Outcome
from .io.directory import plain_value
from .io.readers import FieldMap, _Bad, _generic_example
from .io.schema import SCHEMA_VERSION
from .io.shards import (MANIFEST, PROGRESS_DIR, SHARDS_DIR, Tally, assemble_manifest, atomic_write_json,
                        outcome_row, sha256_of, shard_path, sidecar_path, write_parquet)

if TYPE_CHECKING:
    from .api import Augmenter

DROPPED_PREFIX = "all candidates dropped"     # the engine's skip reason for a kind whose candidates all failed


def write_shards(records: Any, out: str | Path, augmenter: "Augmenter", *, source: str = "records",
                 target: str | None = None, fields: FieldMap | None = None, default_split: str = "train",
                 shard_size: int = 1000, overwrite: bool = False) -> dict:
    """Write ``records`` (mapped by ``augmenter``) to ``out`` as shards + sidecars + manifest; return the manifest.

    ``records``: a ``datasets.Dataset``, a Ray ``Dataset``, or an iterable of dict rows or pyarrow batches, each
    with the input columns plus ``negatives`` and ``skips`` (and ``dropped`` if mapped with ``dropped=True``).
    ``source`` names the input in the manifest. ``target`` and ``fields`` default to the augmenter's; records
    without an id column take their position, as in ``snaug generate`` (keep the order stable: with Ray, give an
    id column or ``DataContext.execution_options.preserve_order = True``).
    """
    if shard_size < 1:
        raise SnaugError("shard_size must be at least 1")
    out = Path(out)
    fields = fields or augmenter.fields
    _prepare(out, overwrite)
    rows = _rows(records)
    first = next(rows, None)
    if first is None:
        raise SnaugError("write_shards: no records")
    target = target or augmenter.target or _guess(first)
    if "negatives" not in first or "skips" not in first:
        raise SnaugError("write_shards: records have no negatives/skips columns; map them with "
                         "Augmenter.map_batch first")

    header = {
        "snaug_version": __version__, "schema_version": SCHEMA_VERSION,
        "input": {"file": source, "format": "records", "sha256": None},
        "target": target, "fields": fields.__dict__, "shard_size": shard_size,
        **augmenter.settings(),
    }
    fingerprint = hashlib.sha256(json.dumps(header, sort_keys=True).encode()).hexdigest()

    read, skipped, seen = 0, Counter(), set()
    buffers: dict[str, list[Outcome]] = {}
    written: dict[str, int] = {}                 # split → shards written
    finished: list[tuple[str, str, int, str, dict]] = []   # (name, split, rows, sha256, tally) in plan order
    order: list[str] = []                        # splits in order of first appearance
    for index, record in enumerate(_chain(first, rows)):
        read += 1
        try:
            example = _generic_example(str(index), record, target, fields, default_split)
            if example.id in seen:
                raise _Bad(fields.id, f"duplicate id {example.id!r}")
        except _Bad as bad:
            skipped[f"{bad.field}: {bad.reason}" if bad.field else bad.reason] += 1
            continue
        seen.add(example.id)
        if example.split not in buffers:
            buffers[example.split], written[example.split] = [], 0
            order.append(example.split)
        buffers[example.split].append(_outcome(example, record, augmenter.kinds))
        if len(buffers[example.split]) == shard_size:
            finished.append(_flush(out, example.split, written, buffers, augmenter.kinds))
    for split in order:
        if buffers[split]:
            finished.append(_flush(out, split, written, buffers, augmenter.kinds))

    # Shards were cut as records came; the plan order of `snaug generate` is split by split.
    finished.sort(key=lambda f: (order.index(f[1]), f[0]))
    planned = [f[0] for f in finished]
    sidecars = []
    for name, split, n, sha, tally in finished:
        stats = {"file": f"{SHARDS_DIR}/{name}.parquet", "split": split, "rows": n, "sha256": sha,
                 "fingerprint": fingerprint, "tally": tally, "planned": planned}
        atomic_write_json(sidecar_path(out, name), stats)
        sidecars.append(stats)
    manifest = assemble_manifest(header, sidecars, read, skipped)
    atomic_write_json(out / MANIFEST, manifest)
    return manifest


def _flush(out: Path, split: str, written: dict, buffers: dict, kinds: list[str]):
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in split)
    name = f"{safe}-{written[split]:05d}"
    written[split] += 1
    outcomes, buffers[split] = buffers[split], []
    tally = Tally(kinds)
    for outcome in outcomes:
        tally.add(outcome)
    path = shard_path(out, name)
    write_parquet(path, [outcome_row(o) for o in outcomes])
    return name, split, len(outcomes), sha256_of(path), tally.as_dict()


def _outcome(example, record: dict, kinds: list[str]) -> Outcome:
    negatives = [Negative(n["kind"], n["rule"], n["text"], tuple(Edit(**e) for e in n["edits"]))
                 for n in record["negatives"] or ()]
    skips = [(s["kind"], s["reason"]) for s in record["skips"] or ()]
    unknown = {n.kind for n in negatives} | {k for k, _ in skips}
    if not unknown <= set(kinds):
        raise SnaugError(f"record {example.id!r}: kinds {', '.join(sorted(unknown - set(kinds)))} are not the "
                         f"augmenter's ({', '.join(kinds)}); pass the Augmenter that mapped the records")
    with_negative = {n.kind for n in negatives}
    # A kind proposed something exactly when it has negatives or all its candidates were dropped.
    triggered = [k for k in kinds if k in with_negative
                 or any(kind == k and reason.startswith(DROPPED_PREFIX) for kind, reason in skips)]
    return Outcome(example, negatives, skips, triggered, dropped_counter(record.get("dropped")))


def _rows(records: Any) -> Iterator[dict]:
    """Dict rows from a datasets / Ray Dataset, or an iterable of rows or pyarrow batches."""
    import pyarrow as pa

    module = type(records).__module__
    if module.startswith("datasets"):
        batches = records.with_format("arrow").iter(batch_size=1000)
    elif module.startswith("ray"):
        batches = records.iter_batches(batch_format="pyarrow", batch_size=1000)
    else:
        batches = records
    for item in batches:
        if isinstance(item, (pa.Table, pa.RecordBatch)):
            for row in item.to_pylist():
                yield {k: plain_value(v) for k, v in row.items()}
        elif isinstance(item, dict):
            yield {k: plain_value(v) for k, v in item.items()}
        else:
            raise SnaugError(f"write_shards: expected dict rows or pyarrow batches, got {type(item).__name__}")


def _chain(first: dict, rest: Iterator[dict]) -> Iterable[dict]:
    yield first
    yield from rest


def _guess(record: dict) -> str:
    return _guess_target(k for k in record if k not in ("negatives", "skips", "dropped"))


def _prepare(out: Path, overwrite: bool) -> None:
    if out.exists() and not out.is_dir():
        raise SnaugError(f"{out} exists and is not a directory")
    existing = [p for sub in (SHARDS_DIR, PROGRESS_DIR) for p in (out / sub).glob("*")] + \
        ([out / MANIFEST] if (out / MANIFEST).exists() else [])
    if existing and not overwrite:
        raise SnaugError(f"{out} already holds shards; pass overwrite=True to replace them, or choose another out")
    for sub in (SHARDS_DIR, PROGRESS_DIR):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    (out / MANIFEST).unlink(missing_ok=True)
