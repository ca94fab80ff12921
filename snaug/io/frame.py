"""``snaug.read_shards``: the negatives of a shard directory as one pandas DataFrame, a row per negative.

The shards hold one row per example with the negatives nested inside it (docs/schema.md); for looking at, counting
and filtering negatives in a notebook a flat table is what one wants, so this does the unnesting once, the same
way for everyone.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import SnaugError
from ..edits import Edit, edit_similarity
from .shards import MANIFEST, SHARDS_DIR

COLUMNS = ["id", "split", "kind", "rule", "target", "negative", "edits", "similarity"]


def shard_files(path: str | Path) -> list[Path]:
    """The shards of an `snaug generate --out` directory (in manifest order), of a shards/ folder, or one file."""
    path = Path(path)
    if path.is_file():
        return [path]
    manifest = path / MANIFEST
    if manifest.is_file():
        try:
            return [path / entry["file"] for entry in json.loads(manifest.read_text())["shards"]]
        except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SnaugError(f"{manifest}: unreadable manifest ({exc})") from None
    folder = path / SHARDS_DIR if (path / SHARDS_DIR).is_dir() else path
    files = sorted(folder.glob("*.parquet"))
    if not files:
        raise SnaugError(f"{path}: no shards here; expected an `snaug generate --out` directory or a .parquet file")
    return files


def read_shards(path: str | Path, columns: list[str] | None = None):
    """A DataFrame with one row per negative in the shards at ``path``.

    Columns: ``id``, ``split``, ``kind``, ``rule``, ``target`` (the rationale), ``negative`` (its edited text),
    ``edits`` (a list of {start, end, before, after} into ``target``) and ``similarity`` (1 - touched characters
    / length, the measure the validators filter on). ``columns`` adds example fields from the shard schema, e.g.
    ``["question", "answer"]``. Rows come in shard order, negatives in the order they were kept.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    extra = [c for c in (columns or []) if c not in COLUMNS]
    wanted = ["id", "split", "target", "negatives", *extra]
    records = []
    for file in shard_files(path):
        try:
            table = pq.read_table(file, columns=wanted)
        except (OSError, pa.ArrowInvalid, KeyError) as exc:
            raise SnaugError(f"{file}: cannot read as an snaug shard ({str(exc).splitlines()[0]})") from None
        for row in table.to_pylist():
            for neg in row["negatives"]:
                edits = neg["edits"]
                records.append([row["id"], row["split"], neg["kind"], neg["rule"], row["target"], neg["text"], edits,
                                edit_similarity(row["target"], [Edit(**e) for e in edits]),
                                *(row[c] for c in extra)])
    return pd.DataFrame.from_records(records, columns=COLUMNS + extra)
