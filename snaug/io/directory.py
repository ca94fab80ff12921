"""A dataset that is a directory: Hugging Face ``save_to_disk`` output, or a folder of Parquet / JSON-lines / CSV
files.

``Dataset.save_to_disk`` writes Arrow stream files listed in ``state.json``; ``DatasetDict.save_to_disk`` writes
one such folder per split, named in ``dataset_dict.json``. Both are read with pyarrow, so reading needs no
``datasets`` install. A folder of ``*.parquet`` / ``*.jsonl`` / ``*.json`` / ``*.csv`` files (``to_parquet``,
``to_json``, ``to_csv``, a Hub snapshot) is read file by file in sorted order, all of one format; a file or
folder named after a split (``train-0.parquet``, ``data/test/...``) gives its records that split. A record's own
split field always wins.

Records come out as (where, position, record) like every other reader; a Hugging Face ``Image`` value
(``{"bytes", "path"}``) becomes its path, so image datasets read as their file references.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterator

from .. import SnaugError

SPLIT_NAMES = ("train", "validation", "valid", "val", "dev", "test", "minitrain", "minival", "minitest")
_SPLIT_IN_NAME = re.compile(rf"^({'|'.join(SPLIT_NAMES)})(?:[-_.]|$)", re.IGNORECASE)
DATA_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
                 ".csv": "csv"}


def is_hf_saved(path: Path) -> bool:
    return (path / "dataset_dict.json").is_file() or (path / "state.json").is_file()


def directory_records(path: Path, fmt: str | None, split_field: str) -> tuple[Iterator[tuple[str, str, Any]], str, str]:
    """(records, format, sha256 over the data files) for a dataset directory."""
    if is_hf_saved(path):
        if fmt not in (None, "hf"):
            raise SnaugError(f"{path}: a Hugging Face save_to_disk folder; --format {fmt} does not apply")
        parts = _hf_parts(path)
        return _numbered(_hf_records(parts, split_field)), "hf", _digest(path, [f for _, f in parts])
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    if fmt:
        files = [p for p in files if DATA_SUFFIXES[p.suffix.lower()] == ("jsonl" if fmt == "json" else fmt)]
    kinds = {DATA_SUFFIXES[p.suffix.lower()] for p in files}
    if not files:
        raise SnaugError(f"{path}: a directory with no dataset in it (expected a Hugging Face save_to_disk "
                         f"folder, or *.parquet / *.jsonl / *.json / *.csv files)")
    if len(kinds) > 1:
        # one format per run: the field names and the way a bad record is told apart differ between them
        raise SnaugError(f"{path}: holds files of more than one format ({', '.join(sorted(kinds))}); pass --format "
                         f"with one of them")
    (kind,) = kinds
    return _numbered(_file_records(path, files, kind, split_field)), kind, _digest(path, files)


def _hf_parts(path: Path) -> list[tuple[str | None, Path]]:
    """(split or None, arrow file) in the dataset's order."""
    if (path / "dataset_dict.json").is_file():
        splits = _json(path / "dataset_dict.json").get("splits", [])
        parts = []
        for split in splits:
            parts += [(split, f) for _, f in _hf_parts(path / split)]
        return parts
    state = _json(path / "state.json")
    return [(None, path / entry["filename"]) for entry in state.get("_data_files", [])]


def _hf_records(parts: list[tuple[str | None, Path]], split_field: str):
    import pyarrow as pa

    for split, file in parts:
        try:
            reader = pa.ipc.open_stream(pa.memory_map(str(file)))
        except (OSError, pa.ArrowInvalid) as exc:
            raise SnaugError(f"{file}: not a readable Arrow file ({exc})") from None
        offset = 0
        for batch in reader:
            for i, record in enumerate(batch.to_pylist()):
                yield f"{file.parent.name}/{file.name} row {offset + i}", _with_split(record, split, split_field)
            offset += batch.num_rows


def _file_records(root: Path, files: list[Path], kind: str, split_field: str):
    """Each file through the one-file readers (so a directory gets their BOM, UTF-8 and nesting handling)."""
    from .readers import _Bad, _csv, _jsonl, _parquet

    read = {"parquet": _parquet, "jsonl": _jsonl, "csv": _csv}[kind]

    for file in files:
        rel = file.relative_to(root)
        split = next((m.group(1).lower() for part in reversed(rel.parts)
                      if (m := _SPLIT_IN_NAME.match(part))), None)
        for where, _, record in read(file):
            if isinstance(record, _Bad) and record.reason.startswith("invalid JSON"):
                record.reason += "; a JSON list file? only JSON lines are read from a directory"
            yield f"{rel} {where}", _with_split(record, split, split_field)


def _with_split(record, split: str | None, split_field: str):
    if not isinstance(record, dict):
        return record
    record = {k: plain_value(v) for k, v in record.items()}
    if split and record.get(split_field) in (None, ""):
        record[split_field] = split
    return record


def plain_value(value):
    """A Hugging Face ``Image``/``Audio`` value (``{"bytes", "path"}`` or a decoded PIL image) as its path."""
    if isinstance(value, dict) and "path" in value and "bytes" in value and len(value) <= 3:
        return value["path"]
    if type(value).__module__.startswith("PIL."):
        return getattr(value, "filename", None) or None
    return value


def _numbered(items):
    for index, (where, record) in enumerate(items):
        yield where, str(index), record


def _digest(root: Path, files: list[Path]) -> str:
    """sha256 over the data files' relative names and contents, in order: the directory's identity."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(str(file.relative_to(root)).encode() + b"\0")
        with open(file, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise SnaugError(f"{path}: unreadable ({exc})") from None
