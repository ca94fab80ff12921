"""Readers: ScienceQA ``problems.json``, JSONL, JSON lists, CSV and Parquet → ``Example``.

Every record is either returned as an Example or counted as skipped with a reason; a malformed record stops the
run only under ``strict``, with a message naming file, record and field. Fields a reader does not know are ignored.
"""
from __future__ import annotations

import csv
import json
import re
import sys
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
# Far above any real rationale (ScienceQA's longest lecture + solution is ~3,400 characters) and below spaCy's
# 1,000,000-character limit, whose parser would otherwise abort the run (E088).
DEFAULT_MAX_CHARS = 500_000
# JSON nesting deeper than this is no record anyone meant to write; records are built without recursion.
MAX_DEPTH = 100
BOM = b"\xef\xbb\xbf"


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
    fields_seen: set[str] = field(default_factory=set)   # names found in at least one record


class RecordError(SnaugError):
    """A malformed record, raised under --strict."""


class _Bad(Exception):
    def __init__(self, field_name: str, reason: str, malformed: bool = True, detail: str = ""):
        super().__init__(reason)
        self.field, self.reason, self.malformed = field_name, reason, malformed
        self.detail = detail             # where in the record: in the --strict message, not in the counted reason


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


class ExampleStream:
    """An input file as a stream of Examples, read again on every iteration and never held whole.

    Each pass counts ``read`` and ``skipped`` (reason → count) afresh, so after a complete pass they describe the
    whole file. Under ``strict`` a malformed record raises RecordError naming file, record and field.
    """

    def __init__(self, path: str | Path, fmt: str | None = None, target: str | None = None,
                 fields: FieldMap = FieldMap(), splits_file: str | Path | None = None,
                 default_split: str = "train", strict: bool = False, max_chars: int = DEFAULT_MAX_CHARS):
        path = Path(path)
        if max_chars < 1:
            raise SnaugError("--max-chars must be at least 1")
        self._dir_format = None
        if path.is_dir():        # a Hugging Face save_to_disk folder, or a folder of Parquet / JSON-lines files
            from .directory import directory_records

            self._dir_format = fmt
            records, fmt, sha = directory_records(path, fmt, fields.split)
            records.close()
        elif not path.is_file():
            raise SnaugError(f"{path}: no such input file or directory")
        else:
            fmt = fmt or detect_format(path)
            if fmt not in FORMATS:
                raise SnaugError(f"unknown --format {fmt!r} (one of {', '.join(FORMATS)})")
            if fmt in ("json", "scienceqa"):
                fmt = "scienceqa" if _json_top(path) == "{" else "json"
            sha = sha256_of(path)
        self.path, self.format, self.fields, self.strict, self.max_chars = path, fmt, fields, strict, max_chars
        self.default_split = default_split
        self.read, self.skipped, self.usable, self.fields_seen = 0, Counter(), 0, set()
        self.sha256 = sha
        if fmt == "scienceqa":
            self.target = target or "solution"
            self.splits = _load_splits(path, splits_file)
            self.captions = _load_captions(path)
        else:
            if splits_file:
                raise SnaugError("--splits applies to ScienceQA problems.json only; use --split-field for other "
                                 "formats")
            self.target = target or _guess_target(path, self._records())

    def _records(self) -> Iterator[tuple[str, str, Any]]:
        """(where, default id, record) triples; ``where`` names the record for error messages."""
        if self.path.is_dir():
            from .directory import directory_records

            return directory_records(self.path, self._dir_format, self.fields.split)[0]
        if self.format == "jsonl":
            return _jsonl(self.path)
        if self.format == "csv":
            return _csv(self.path)
        if self.format == "parquet":
            return _parquet(self.path)
        return _json_records(self.path, self.format)

    def _example(self, rid: str, record: dict) -> Example:
        if self.format == "scienceqa":
            example = _scienceqa_example(_clean("pid", rid), record, self.target, self.splits, self.captions)
        else:
            example = _generic_example(rid, record, self.target, self.fields, self.default_split)
        if len(example.target) > self.max_chars:
            raise _Bad(self.target, f"longer than --max-chars ({self.max_chars:,} characters)", malformed=False)
        return example

    def __iter__(self) -> Iterator[Example]:
        self.read, self.skipped, self.usable, self.fields_seen = 0, Counter(), 0, set()
        id_field = self.fields.id if self.format != "scienceqa" else "pid"
        seen: set[str] = set()
        for where, rid, record in self._records():
            self.read += 1
            try:
                if isinstance(record, _Bad):
                    raise record
                if not isinstance(record, dict):
                    raise _Bad("", f"expected an object, got {type(record).__name__}")
                self.fields_seen.update(record)
                example = self._example(rid, record)
                if example.id in seen:
                    raise _Bad(id_field, f"duplicate id {example.id!r}")
                seen.add(example.id)
            except _Bad as bad:
                if self.strict and bad.malformed:
                    field_part = f", field {bad.field!r}" if bad.field else ""
                    raise RecordError(f"{self.path}: {where}{field_part}: {bad.reason}{bad.detail}") from None
                self.skipped[f"{bad.field}: {bad.reason}" if bad.field else bad.reason] += 1
                continue
            self.usable += 1
            yield example


def read_examples(path: str | Path, fmt: str | None = None, target: str | None = None,
                  fields: FieldMap = FieldMap(), splits_file: str | Path | None = None,
                  default_split: str = "train", strict: bool = False,
                  max_chars: int = DEFAULT_MAX_CHARS) -> ReadResult:
    """The whole file at once, for inputs that fit in memory; ``snaug generate`` streams (ExampleStream)."""
    stream = ExampleStream(path, fmt, target, fields, splits_file, default_split, strict, max_chars)
    examples = list(stream)
    return ReadResult(examples=examples, read=stream.read, skipped=stream.skipped, format=stream.format,
                      target=stream.target, sha256=stream.sha256, fields_seen=stream.fields_seen)


# -- record sources ------------------------------------------------------------------------------------------

def _open_binary(path: Path):
    """The file in binary, past a UTF-8 byte order mark if there is one."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise SnaugError(f"{path}: cannot read: {exc.strerror}") from None
    if fh.read(3) != BOM:
        fh.seek(0)
    return fh


def _json_top(path: Path) -> str:
    """The first non-blank character of a JSON file: "{" for a dict of problems, "[" for a list of records."""
    with _open_binary(path) as fh:
        while True:
            block = fh.read(1 << 16)
            if not block:
                return ""
            stripped = block.lstrip()
            if stripped:
                return chr(stripped[0])


# A JSON escape of a UTF-16 surrogate. yajl (ijson's fast backend) writes a lone one as "?" without a word, so a
# file that has any is read with ijson's pure-Python backend, which keeps it for the field checks to name.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _has_surrogate_escape(path: Path) -> bool:
    tail = b""
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            if _SURROGATE_ESCAPE.search(tail + block):
                return True
            tail = block[-5:]
    return False


def _json_records(path: Path, fmt: str):
    """Stream the records of a JSON object of problems or a JSON list, built one at a time from ijson events.

    Duplicate keys come out as two records (the second is then counted as a duplicate id); a record nested deeper
    than MAX_DEPTH is skipped with a counted reason, its events consumed without building it.
    """
    import ijson

    backend = ijson.get_backend("python") if _has_surrogate_escape(path) else ijson
    where = "the start of the file"
    with _open_binary(path) as fh:
        events = backend.basic_parse(fh, use_float=True)
        try:
            kind, _ = next(events)
            opener, closer = ("start_map", "end_map") if fmt == "scienceqa" else ("start_array", "end_array")
            if kind != opener:
                raise SnaugError(f"{path}: expected a JSON object of problems or a list of records, got "
                                 f"{kind.replace('start_', '')}")
            index = 0
            for kind, value in events:
                if kind == closer:
                    break
                if fmt == "scienceqa":
                    key = value                                  # kind == "map_key"
                    kind, value = next(events)
                    where, rid = f"record {key!r}", key
                else:
                    where, rid = f"record {index}", str(index)
                yield where, rid, _build(kind, value, events)
                index += 1
            for kind, _ in events:                               # trailing garbage raises here
                pass
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            raise SnaugError(f"{path}: not valid JSON{_position(path) or f' after {where}: {_first_line(exc)}'}") \
                from None


def _position(path: Path) -> str:
    """Line and column of a JSON error, which ijson does not give: the file is parsed again, on this path only."""
    try:
        json.loads(path.read_bytes().decode("utf-8-sig"))
    except json.JSONDecodeError as exc:
        return f": {_where(exc)}"
    except (UnicodeDecodeError, RecursionError, MemoryError, OSError):
        pass
    return ""


def _build(kind: str, value, events):
    """One JSON value from its first event, iteratively (no recursion); a _Bad if nested deeper than MAX_DEPTH."""
    if kind not in ("start_map", "start_array"):
        return value
    root: Any = {} if kind == "start_map" else []
    stack: list = [root]
    key = None
    depth_over = 0
    for kind, value in events:
        if depth_over:
            depth_over += kind in ("start_map", "start_array")
            depth_over -= kind in ("end_map", "end_array")
            if not depth_over:
                return _Bad("", f"nested deeper than {MAX_DEPTH} levels")
            continue
        if kind == "map_key":
            key = value
            continue
        if kind in ("end_map", "end_array"):
            stack.pop()
            if not stack:
                return root
            continue
        if kind in ("start_map", "start_array"):
            item: Any = {} if kind == "start_map" else []
            if len(stack) >= MAX_DEPTH:
                depth_over = len(stack) + 1         # containers open, counting this one: skip to the record's end
                continue
        else:
            item = value
        top = stack[-1]
        if isinstance(top, dict):
            top[key] = item
        else:
            top.append(item)
        if kind in ("start_map", "start_array"):
            stack.append(item)
    return _Bad("", "unexpected end of JSON")


def _first_line(exc: Exception) -> str:
    """ijson's message without yajl's multi-line excerpt of the file."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text ({exc.reason})"
    arg = exc.args[0] if exc.args else ""
    text = (arg.decode("utf-8", "replace") if isinstance(arg, bytes) else str(arg)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _msg(exc: json.JSONDecodeError) -> str:
    """json's message without its dangling "at" ("Invalid control character at"): the position is added once."""
    return exc.msg.removesuffix(" at")


def _where(exc: json.JSONDecodeError) -> str:
    return f"{_msg(exc)} at line {exc.lineno}, column {exc.colno}"


def _jsonl(path: Path):
    with _open_binary(path) as fh:
        index = 0
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                record: Any = _Bad("", f"not UTF-8 text ({exc.reason} at byte {exc.start + 1} of the line)")
            else:
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    record = _Bad("", f"invalid JSON ({_msg(exc)})", detail=f" at column {exc.pos + 1}")
                except RecursionError:
                    record = _Bad("", "invalid JSON (nested too deeply)")
            yield f"line {lineno}", str(index), record
            index += 1


def _csv(path: Path):
    # Bytes that are not UTF-8 become lone surrogates (surrogateescape); the field checks name the field they are in.
    try:
        fh = open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        raise SnaugError(f"{path}: cannot read: {exc.strerror}") from None
    # The csv module refuses a field over 128 KiB and stops the whole file there; a long field is a record like any
    # other, which --max-chars counts as skipped if it is the target.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with fh:
        reader = csv.DictReader(fh)
        start = 1
        try:
            reader.fieldnames                       # reads the header, so the first record starts on the next line
            start = reader.line_num + 1             # a record may span lines: it is named by the one it starts on
            for index, row in enumerate(reader):
                if None in row:
                    row = _Bad("", "more cells than header columns")
                elif None in row.values():
                    got = sum(v is not None for v in row.values())
                    row = _Bad("", f"{got} cells, fewer than the {len(row)} header columns")
                yield f"line {start}", str(index), row
                start = reader.line_num + 1
        except csv.Error as exc:
            raise SnaugError(f"{path}: line {start}: not valid CSV ({exc})") from None


def _parquet(path: Path):
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise SnaugError(f"{path}: not a readable Parquet file: {exc}") from None
    index = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            yield f"row {index}", str(index), row
            index += 1


def _load_json(path: Path):
    """A small side file (splits, captions), read whole."""
    try:
        with _open_binary(path) as fh:
            return json.loads(fh.read().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SnaugError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise SnaugError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise SnaugError(f"{path}: not valid JSON: nested too deeply") from None


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

def _clean(name: str, value: str) -> str:
    """``value`` if it is valid Unicode text. A lone surrogate (a JSON escape like ``\\ud800``, or a byte that is not
    UTF-8 read with surrogateescape) cannot be parsed, hashed or written to Parquet: the record is skipped instead."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Bad(name, f"not valid text: {value[exc.start]!r} at character {exc.start} is a lone surrogate "
                         f"(an unpaired \\ud800-\\udfff escape, or a byte that is not UTF-8)") from None
    return value


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
    return _clean(name, value)


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
        except (json.JSONDecodeError, RecursionError):
            raise _Bad(name, "expected a JSON list of strings") from None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise _Bad(name, "expected a list of strings")
    return tuple(_clean(name, c) for c in value)


def _answer(record: dict, name: str, choices: tuple[str, ...]) -> int | None:
    if not choices:
        return None                      # without choices the field may be anything (GSM8K keeps its rationale there)
    value = record.get(name)
    if value is None or value == "":
        raise _Bad(name, "missing answer for a multiple-choice record")
    if isinstance(value, str):
        stripped = value.strip().strip("()")
        texts = [c.strip() for c in choices]
        if stripped.isdigit():
            value = int(stripped)
        elif value.strip() in texts:          # before letters: the answer "y" of choices ["x", "y"] is no letter Y
            value = texts.index(value.strip())
        elif len(stripped) == 1 and stripped.isalpha():
            value = ord(stripped.upper()) - ord("A")
            if not 0 <= value < len(choices):           # "z" of two choices: the user wrote a text, not index 25
                raise _Bad(name, f"{record.get(name)!r} is neither one of the {len(choices)} choices nor a letter "
                                 f"among them (A-{chr(ord('A') + len(choices) - 1)})")
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
        caption=_text(rec, "caption") or _clean("caption", captions.get(pid) or "") or None,
        subject=_text(rec, "subject"),
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


def _guess_target(path: Path, records) -> str:
    count = 0
    first = None
    unreadable = False                # lines that are not records at all (not UTF-8, not JSON): why, not "no field"
    for _, _, record in records:
        count += 1
        if isinstance(record, dict):
            first = record
            break
        unreadable = unreadable or isinstance(record, _Bad)
    if hasattr(records, "close"):
        records.close()
    if first is None and unreadable:
        return TARGET_GUESSES[0]      # every line is skipped with its reason; check_read says why after the pass
    if first is None:
        raise SnaugError(f"{path}: the file is empty" if not count else
                         f"{path}: no record is an object with fields, so there is no rationale to read")
    for name in TARGET_GUESSES:
        if first is not None and name in first:
            return name
    raise SnaugError(f"{path}: no --target given and the first record has none of the fields "
                     f"{', '.join(TARGET_GUESSES)}; pass --target FIELD (the rationale to make negatives from)")
