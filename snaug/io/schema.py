"""The shard contract: what ``snaug generate`` writes and the trainer reads. Documented in docs/schema.md.

The trainer may import this module (it needs pyarrow only) and, of the rest of snaug, only ``snaug.console``
(its command-line runner): the shard layout, the row schema, and ``check_shards``, the one check that a directory holds to them (``snaug inspect`` runs it too).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import SnaugError
from . import sha256_of

SCHEMA_VERSION = 1

EDIT = pa.struct([
    pa.field("start", pa.int32(), nullable=False),   # code-point offset into `target`
    pa.field("end", pa.int32(), nullable=False),
    pa.field("before", pa.string(), nullable=False),  # == target[start:end]
    pa.field("after", pa.string(), nullable=False),
])

NEGATIVE = pa.struct([
    pa.field("kind", pa.string(), nullable=False),
    pa.field("rule", pa.string(), nullable=False),
    pa.field("text", pa.string(), nullable=False),   # target with `edits` applied
    pa.field("edits", pa.list_(EDIT), nullable=False),
])

SKIP = pa.struct([
    pa.field("kind", pa.string(), nullable=False),
    pa.field("reason", pa.string(), nullable=False),
])

SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("split", pa.string(), nullable=False),
    pa.field("question", pa.string(), nullable=False),
    pa.field("context", pa.string(), nullable=False),
    pa.field("choices", pa.list_(pa.string()), nullable=False),
    pa.field("answer", pa.int32()),
    pa.field("lecture", pa.string()),
    pa.field("solution", pa.string()),
    pa.field("image", pa.string()),
    pa.field("caption", pa.string()),
    pa.field("subject", pa.string()),
    pa.field("grade", pa.string()),
    pa.field("target", pa.string(), nullable=False),
    pa.field("negatives", pa.list_(NEGATIVE), nullable=False),
    pa.field("skips", pa.list_(SKIP), nullable=False),
], metadata={"snaug.schema_version": str(SCHEMA_VERSION)})


# -- the files of a run, and whether a directory holds to this contract -------------------------------------------
# One implementation, used by `snaug inspect` and by the trainer before it reads a row.

MANIFEST = "manifest.json"
SHARDS_DIR = "shards"
PROGRESS_DIR = "progress"
VERSION_KEY = b"snaug.schema_version"


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
    """Is a shard directory whole and unmodified? Checked against the manifest, or the sidecars of a partial run.

    A verdict lists every problem with the file it concerns: a shard listed but missing, a sha256 that differs
    (corrupted or edited since written), a row count, schema or schema version that differs, and a shard that
    no manifest lists. Without a manifest the run is partial: finished shards are checked against their sidecars
    and the planned shards not yet written are named. The cost is one sha256 pass over the shard bytes and a
    Parquet footer read per shard, never a decode of the rows.
    """
    out = Path(directory)
    if not (out / SHARDS_DIR).is_dir():
        raise SnaugError(f"{out}: no {SHARDS_DIR}/ folder here; is this an `snaug generate --out` directory?")
    manifest_path = out / MANIFEST
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError(f"a JSON object expected, got {type(manifest).__name__}")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            verdict = Verdict(None, [])
            verdict.problems.append(f"{manifest_path}: unreadable manifest ({exc})")
            return verdict
        return _against_manifest(out, manifest)
    return _partial(out)


def _shard_problem(path: Path, rows: int | None, sha256: str | None) -> str:
    """Empty string if ``path`` exists, matches ``sha256`` and ``rows``, and has this schema and version."""
    if not path.is_file():
        return f"{path}: listed but missing"
    if sha256 is not None and sha256_of(path) != sha256:
        return f"{path}: sha256 differs from the record (corrupted or modified after it was written)"
    try:
        meta = pq.read_metadata(path)
        schema = meta.schema.to_arrow_schema()
    except Exception as exc:               # pyarrow raises several types for a damaged file
        return f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]})"
    if rows is not None and meta.num_rows != rows:
        return f"{path}: {meta.num_rows} rows, the record says {rows}"
    version = (schema.metadata or {}).get(VERSION_KEY, b"").decode() or None
    if version != str(SCHEMA_VERSION):
        return f"{path}: schema version {version}, this snaug reads version {SCHEMA_VERSION}"
    if not schema.remove_metadata().equals(SCHEMA.remove_metadata()):
        names = {f.name for f in schema} ^ {f.name for f in SCHEMA}
        detail = f"fields differ: {', '.join(sorted(names))}" if names else "field types differ"
        return f"{path}: schema is not the snaug shard schema ({detail})"
    return ""


def _against_manifest(out: Path, manifest: dict) -> Verdict:
    verdict = Verdict(manifest, [])
    if manifest.get("schema_version") != SCHEMA_VERSION:
        verdict.problems.append(f"{out / MANIFEST}: schema_version {manifest.get('schema_version')!r}, this snaug "
                                f"reads version {SCHEMA_VERSION}")
    entries = manifest.get("shards")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("file"), str)
                                                for e in entries):
        verdict.problems.append(f"{out / MANIFEST}: 'shards' is not a list of {{file, rows, sha256}}")
        return verdict
    listed = set()
    for entry in entries:
        path = out / entry["file"]
        listed.add(path.name)
        problem = _shard_problem(path, entry.get("rows"), entry.get("sha256"))
        (verdict.problems.append(problem) if problem else verdict.shards.append(path))
    for path in sorted((out / SHARDS_DIR).glob("*.parquet")):
        if path.name not in listed:
            verdict.problems.append(f"{path}: not listed in the manifest (from another run?)")
    written = sum(e.get("rows", 0) for e in entries)
    records = manifest.get("records") if isinstance(manifest.get("records"), dict) else {}
    if records.get("read", 0) > 0 and not written:
        verdict.problems.append(f"{out / MANIFEST}: {records['read']} records read and none written (every one "
                                f"skipped: see records.skipped); nothing here to train on")
    if records.get("written") != written:
        verdict.problems.append(f"{out / MANIFEST}: records.written is {records.get('written')}, "
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
