"""Readers: ScienceQA ``problems.json``, JSONL, JSON lists, CSV and Parquet → ``Example``.

Every record is either returned as an Example or counted as skipped with a reason; a malformed record stops the
run only under ``strict``, with a message naming file, record and field. Fields a reader does not know are ignored.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .. import SnaugError
from . import sha256_of
from .example import Example

FORMATS = ("scienceqa", "jsonl", "json", "csv", "parquet")
# Tried in order when no --target is given for a generic file.
TARGET_GUESSES = ("rationale", "solution", "explanation", "answer")


@dataclass(frozen=True)
class FieldMap:
    """Where a generic record keeps each piece. ScienceQA files have fixed names and ignore this."""

    id: str = "id"
    question: str = "question"
    context: str = "context"
    choices: str = "choices"
    answer: str = "answer"
    split: str = "split"


@dataclass
class ReadResult:
    examples: list[Example]
    read: int
    skipped: Counter = field(default_factory=Counter)   # reason → count
    format: str = ""
    target: str = ""
    sha256: str = ""


class RecordError(SnaugError):
    """A malformed record, raised under --strict."""


class _Bad(Exception):
    def __init__(self, field_name: str, reason: str, malformed: bool = True):
        super().__init__(reason)
        self.field, self.reason, self.malformed = field_name, reason, malformed


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".json":
        return "json"       # a dict of problems (ScienceQA) or a list of records: decided when read
    raise SnaugError(f"{path}: cannot tell the format from the extension {suffix!r}; pass --format "
                     f"({', '.join(FORMATS)})")


def read_examples(path: str | Path, fmt: str | None = None, target: str | None = None,
                  fields: FieldMap = FieldMap(), splits_file: str | Path | None = None,
                  default_split: str = "train", strict: bool = False) -> ReadResult:
    path = Path(path)
    if path.is_dir():          # a Hugging Face save_to_disk folder, or a folder of Parquet / JSON-lines files
        from .directory import directory_records

        records, fmt, sha = directory_records(path, fmt, fields.split)
    elif not path.is_file():
        raise SnaugError(f"{path}: no such input file or directory")
    else:
        fmt = fmt or detect_format(path)
        if fmt not in FORMATS:
            raise SnaugError(f"unknown --format {fmt!r} (one of {', '.join(FORMATS)})")
        records, fmt = _records(path, fmt)
        sha = sha256_of(path)
    records = list(records)
    if fmt == "scienceqa":
        target = target or "solution"
        splits = _load_splits(path, splits_file)
        captions = _load_captions(path)
        to_example = lambda rid, rec: _scienceqa_example(rid, rec, target, splits, captions)  # noqa: E731
    else:
        if splits_file:
            raise SnaugError("--splits applies to ScienceQA problems.json only; use --split-field for other formats")
        target = target or _guess_target(path, records)
        to_example = lambda rid, rec: _generic_example(rid, rec, target, fields, default_split)  # noqa: E731

    result = ReadResult(examples=[], read=0, format=fmt, target=target, sha256=sha)
    seen: set[str] = set()
    for where, rid, record in records:
        result.read += 1
        try:
            if isinstance(record, _Bad):
                raise record
            if not isinstance(record, dict):
                raise _Bad("", f"expected an object, got {type(record).__name__}")
            example = to_example(rid, record)
            if example.id in seen:
                raise _Bad(fields.id if fmt != "scienceqa" else "pid", f"duplicate id {example.id!r}")
            seen.add(example.id)
            result.examples.append(example)
        except _Bad as bad:
            if strict and bad.malformed:
                field_part = f", field {bad.field!r}" if bad.field else ""
                raise RecordError(f"{path}: {where}{field_part}: {bad.reason}") from None
            result.skipped[f"{bad.field}: {bad.reason}" if bad.field else bad.reason] += 1
    return result


# -- record sources ------------------------------------------------------------------------------------------

def _records(path: Path, fmt: str) -> tuple[Iterator[tuple[str, str, Any]], str]:
    """Yield (where, default id, record) triples; ``where`` names the record for error messages."""
    if fmt == "jsonl":
        return _jsonl(path), fmt
    if fmt == "csv":
        return _csv(path), fmt
    if fmt == "parquet":
        return _parquet(path), fmt
    data = _load_json(path)
    if isinstance(data, dict):
        items = list(data.items())
        return ((f"record {k!r}", str(k), v) for k, v in items), "scienceqa"
    if isinstance(data, list):
        return ((f"record {i}", str(i), v) for i, v in enumerate(data)), "json"
    raise SnaugError(f"{path}: expected a JSON object of problems or a list of records, got {type(data).__name__}")


def _load_json(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except UnicodeDecodeError as exc:
        raise SnaugError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise SnaugError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except OSError as exc:
        raise SnaugError(f"{path}: cannot read: {exc.strerror}") from None


def _jsonl(path: Path):
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise SnaugError(f"{path}: cannot read: {exc.strerror}") from None
    with fh:
        index = 0
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                record = _Bad("", f"invalid JSON ({exc.msg})")
            yield f"line {lineno}", str(index), record
            index += 1


def _csv(path: Path):
    try:
        fh = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise SnaugError(f"{path}: cannot read: {exc.strerror}") from None
    with fh:
        reader = csv.DictReader(fh)
        for index, row in enumerate(reader):
            if None in row:
                row = _Bad("", "more cells than header columns")
            yield f"line {reader.line_num}", str(index), row


def _parquet(path: Path):
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise SnaugError(f"{path}: not a readable Parquet file: {exc}") from None
    for index, row in enumerate(table.to_pylist()):
        yield f"row {index}", str(index), row


def _load_splits(path: Path, splits_file) -> dict[str, str]:
    candidate = Path(splits_file) if splits_file else path.with_name("pid_splits.json")
    if not candidate.is_file():
        if splits_file:
            raise SnaugError(f"{candidate}: no such splits file")
        return {}
    data = _load_json(candidate)
    if not isinstance(data, dict):
        raise SnaugError(f"{candidate}: expected an object of split name → list of ids")
    pid_split: dict[str, str] = {}
    for split in ("train", "val", "test", "minitrain", "minival", "minitest", "trainval"):
        for pid in data.get(split, ()):  # official splits first: the aggregate lists never override them
            pid_split.setdefault(str(pid), split)
    return pid_split


def _load_captions(path: Path) -> dict[str, str]:
    candidate = path.with_name("captions.json")
    if not candidate.is_file():
        return {}
    data = _load_json(candidate)
    captions = data.get("captions", data) if isinstance(data, dict) else {}
    return {str(k): v for k, v in captions.items() if isinstance(v, str)}


# -- record → Example ----------------------------------------------------------------------------------------

def _text(record: dict, name: str, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None:
        if required:
            raise _Bad(name, "missing")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _Bad(name, f"expected text, got {type(value).__name__}")
    return value


def _target(record: dict, target: str) -> str:
    """``a+b`` joins fields with a space (Multimodal-CoT's lecture + solution); empty parts are left out."""
    parts = []
    for name in target.split("+"):
        if name not in record:
            raise _Bad(name, "missing target field")
        value = _text(record, name)
        if value and value.strip():
            parts.append(value.strip())
    if not parts:
        raise _Bad(target, "empty target", malformed=False)
    return " ".join(parts)


def _choices(record: dict, name: str) -> tuple[str, ...]:
    value = record.get(name)
    if value is None or value == "":
        return ()
    if isinstance(value, str):           # CSV cells hold a JSON list
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise _Bad(name, "expected a JSON list of strings") from None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise _Bad(name, "expected a list of strings")
    return tuple(value)


def _answer(record: dict, name: str, choices: tuple[str, ...]) -> int | None:
    if not choices:
        return None                      # without choices the field may be anything (GSM8K keeps its rationale there)
    value = record.get(name)
    if value is None or value == "":
        raise _Bad(name, "missing answer for a multiple-choice record")
    if isinstance(value, str):
        stripped = value.strip().strip("()")
        if stripped.isdigit():
            value = int(stripped)
        elif len(stripped) == 1 and stripped.isalpha():
            value = ord(stripped.upper()) - ord("A")
        elif value in choices:
            value = choices.index(value)
        else:
            raise _Bad(name, f"{record.get(name)!r} is neither an index, a letter nor one of the choices")
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(name, f"expected an index, got {value!r}")
    if not 0 <= value < len(choices):
        raise _Bad(name, f"index {value} outside the {len(choices)} choices")
    return value


def _scienceqa_example(pid: str, rec: dict, target: str, splits: dict, captions: dict) -> Example:
    choices = _choices(rec, "choices")
    if not choices:
        raise _Bad("choices", "missing or empty")
    split = _text(rec, "split") or splits.get(pid)
    if not split:
        raise _Bad("split", "no split in the record or in pid_splits.json")
    return Example(
        id=pid, split=split, target=_target(rec, target), question=_text(rec, "question", required=True),
        context=_text(rec, "hint") or "", choices=choices, answer=_answer(rec, "answer", choices),
        lecture=_text(rec, "lecture"), solution=_text(rec, "solution"), image=_text(rec, "image"),
        caption=_text(rec, "caption") or captions.get(pid), subject=_text(rec, "subject"),
        grade=_text(rec, "grade"),
    )


def _generic_example(default_id: str, rec: dict, target: str, fields: FieldMap, default_split: str) -> Example:
    rid = _text(rec, fields.id) if fields.id in rec else default_id
    if not rid:
        raise _Bad(fields.id, "empty id")
    choices = _choices(rec, fields.choices)
    return Example(
        id=rid, split=_text(rec, fields.split) or default_split, target=_target(rec, target),
        question=_text(rec, fields.question) or "", context=_text(rec, fields.context) or "", choices=choices,
        answer=_answer(rec, fields.answer, choices), lecture=_text(rec, "lecture"), solution=_text(rec, "solution"),
        image=_text(rec, "image"), caption=_text(rec, "caption"), subject=_text(rec, "subject"),
        grade=_text(rec, "grade"),
    )


def _guess_target(path: Path, records: list) -> str:
    first = next((r for _, _, r in records if isinstance(r, dict)), None)
    for name in TARGET_GUESSES:
        if first is not None and name in first:
            return name
    raise SnaugError(f"{path}: no --target given and the first record has none of the fields "
                     f"{', '.join(TARGET_GUESSES)}; pass --target FIELD (the rationale to make negatives from)")
