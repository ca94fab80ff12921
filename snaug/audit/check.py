"""Is a shard directory whole and unmodified? Checked against the manifest, or the sidecars of a partial run.

A verdict lists every problem with the file it concerns: a shard listed but missing, a sha256 that differs
(corrupted or edited since written), a row count or schema that differs, a shard that no manifest lists, and
manifest counts that the shards do not reproduce. Without a manifest the run is partial: finished shards are
checked against their sidecars and the planned shards not yet written are named.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from .. import SnaugError
from ..io import sha256_of
from ..io.schema import SCHEMA
from ..io.shards import MANIFEST, PROGRESS_DIR, SHARDS_DIR


@dataclass
class Verdict:
    manifest: dict | None
    shards: list[Path]                                  # readable shards that passed the checks
    problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)    # planned shards not written yet (partial run)

    @property
    def complete(self) -> bool:
        return self.manifest is not None and not self.missing

    @property
    def ok(self) -> bool:
        return self.complete and not self.problems

    @property
    def label(self) -> str:
        if self.problems:
            return "FAILED"
        return "OK" if self.complete else "INCOMPLETE"


def check_shards(directory: str | Path) -> Verdict:
    out = Path(directory)
    if not (out / SHARDS_DIR).is_dir():
        raise SnaugError(f"{out}: no {SHARDS_DIR}/ folder here; is this an `snaug generate --out` directory?")
    manifest_path = out / MANIFEST
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            verdict = Verdict(None, [])
            verdict.problems.append(f"{manifest_path}: unreadable manifest ({exc})")
            return verdict
        return _against_manifest(out, manifest)
    return _partial(out)


def _shard_problem(path: Path, rows: int | None, sha256: str | None) -> str:
    """Empty string if ``path`` exists, matches ``sha256`` and ``rows``, and has the shard schema."""
    if not path.is_file():
        return f"{path}: listed but missing"
    if sha256 is not None and sha256_of(path) != sha256:
        return f"{path}: sha256 differs from the record (corrupted or modified after it was written)"
    try:
        meta = pq.read_metadata(path)
        schema = pq.read_schema(path)
    except Exception as exc:               # pyarrow raises several types for a damaged file
        return f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]})"
    if rows is not None and meta.num_rows != rows:
        return f"{path}: {meta.num_rows} rows, the record says {rows}"
    if not schema.remove_metadata().equals(SCHEMA.remove_metadata()):
        names = {f.name for f in schema} ^ {f.name for f in SCHEMA}
        detail = f"fields differ: {', '.join(sorted(names))}" if names else "field types differ"
        return f"{path}: schema is not the snaug shard schema ({detail})"
    return ""


def _against_manifest(out: Path, manifest: dict) -> Verdict:
    verdict = Verdict(manifest, [])
    listed = set()
    for entry in manifest.get("shards", []):
        path = out / entry["file"]
        listed.add(path.name)
        problem = _shard_problem(path, entry.get("rows"), entry.get("sha256"))
        (verdict.problems.append(problem) if problem else verdict.shards.append(path))
    for path in sorted((out / SHARDS_DIR).glob("*.parquet")):
        if path.name not in listed:
            verdict.problems.append(f"{path}: not listed in the manifest (from another run?)")
    written = sum(e.get("rows", 0) for e in manifest.get("shards", []))
    records = manifest.get("records", {})
    if records.get("read", 0) > 0 and not written:
        verdict.problems.append(f"{out / MANIFEST}: {records['read']} records read and none written (every one "
                                f"skipped: see records.skipped); nothing here to train on")
    if manifest.get("records", {}).get("written") != written:
        verdict.problems.append(f"{out / MANIFEST}: records.written is {manifest.get('records', {}).get('written')}, "
                                f"its shards hold {written} rows")
    return verdict


def _partial(out: Path) -> Verdict:
    verdict = Verdict(None, [])
    planned: set[str] = set()
    finished: set[str] = set()
    for side in sorted((out / PROGRESS_DIR).glob("*.json")):
        try:
            stats = json.loads(side.read_text())
        except (OSError, json.JSONDecodeError):
            verdict.problems.append(f"{side}: unreadable sidecar")
            continue
        planned.update(stats.get("planned", []))
        path = out / stats.get("file", f"{SHARDS_DIR}/{side.stem}.parquet")
        problem = _shard_problem(path, stats.get("rows"), stats.get("sha256"))
        if problem:
            verdict.problems.append(problem)
        else:
            verdict.shards.append(path)
            finished.add(side.stem)
    for path in sorted((out / SHARDS_DIR).glob("*.parquet")):
        # A planned shard without its sidecar was killed between the two writes: unfinished (missing), which
        # `snaug generate` redoes. One that no sidecar plans is foreign to this run.
        if path.stem in finished or any(path.name in p for p in verdict.problems):
            continue
        if planned and path.stem not in planned:
            verdict.problems.append(f"{path}: not planned by any sidecar (from another run, or not from snaug)")
        else:
            planned.add(path.stem)          # sidecars from before plans were recorded: count it as unfinished
    verdict.missing = sorted(planned - finished)
    if not planned and not finished:
        verdict.missing = ["(no shard finished yet)"]
    return verdict


def count_problems(manifest: dict, recomputed: dict) -> list[str]:
    """Manifest counts that the shards do not reproduce (``recomputed`` as summary.recount returns it)."""
    problems = []
    for split, stats in manifest.get("counts", {}).items():
        got = recomputed.get(split, {})
        if stats.get("examples") != got.get("examples", 0):
            problems.append(f"manifest: split {split!r} has {stats.get('examples')} examples, the shards "
                            f"{got.get('examples', 0)}")
        for kind, counts in stats.get("kinds", {}).items():
            for key in ("with_negative", "negatives"):
                have = got.get("kinds", {}).get(kind, {}).get(key, 0)
                if counts.get(key) != have:
                    problems.append(f"manifest: split {split!r}, kind {kind!r}: {key} is {counts.get(key)}, the "
                                    f"shards hold {have}")
    return problems
