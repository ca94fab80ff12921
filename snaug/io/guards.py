"""Refuse a read that cannot give what the user asked for, before any output is written.

A run that reads records and would write none is an error, not an empty success (a mistyped ``--target`` used
to exit 0 with every record skipped). A field the user named (``--choices-field opts``) that no record has is an
error too: left alone, every multiple-choice record would silently become an open question.
"""
from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

from .. import SnaugError
from .readers import ExampleStream, FieldMap

_SHOWN = 12     # field names listed in a message


def check_read(read: ExampleStream, path: str | Path, fields: FieldMap | None = None,
               target_flag: str = "--target") -> None:
    """After a complete pass of the stream (its counts describe the whole file). ``target_flag``: the option the
    user gave the target with, so a message names what they typed."""
    if read.read == 0:
        raise SnaugError(f"{path}: the file holds no records; nothing to write")
    seen = read.fields_seen
    if not seen and not read.usable:    # no record could be parsed (not UTF-8, not JSON): say why, not "no field"
        raise SnaugError(f"{path}: none of the {read.read} records can be read, so nothing would be written "
                         f"({_reasons(read.skipped)})")
    for name in read.target.split("+"):
        if name not in seen:
            raise SnaugError(f"{path}: {target_flag} {read.target!r}: no record has a field {name!r}"
                             f"{_listing(seen, name)}")
    if read.format != "scienceqa":     # ScienceQA has fixed names; --*-field options apply to generic files
        for option, name in _named(fields or FieldMap()):
            if name not in seen:
                raise SnaugError(f"{path}: --{option}-field {name!r}: no record has this field{_listing(seen, name)}")
    if not read.usable:
        raise SnaugError(f"{path}: none of the {read.read} records can be used, so nothing would be written "
                         f"({_reasons(read.skipped)})")


def _named(fields: FieldMap) -> list[tuple[str, str]]:
    """The fields given other names than the defaults: the ones a user typed."""
    default = FieldMap()
    return [(key, value) for key, value in fields.__dict__.items() if value != getattr(default, key)]


def _listing(seen: set[str], wanted: str) -> str:
    close = difflib.get_close_matches(wanted, seen, n=1, cutoff=0.8)   # a typo, not any field
    if close:
        return f" (did you mean {close[0]!r}?)"
    names = sorted(seen)
    more = f", ... ({len(names) - _SHOWN} more)" if len(names) > _SHOWN else ""
    return f" (fields in the records: {', '.join(names[:_SHOWN])}{more})" if names else ""


def _reasons(skipped: Counter) -> str:
    top = skipped.most_common(3)
    more = ", ..." if len(skipped) > 3 else ""
    return "skipped: " + "; ".join(f"{reason} ×{n}" for reason, n in top) + more
