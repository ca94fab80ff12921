"""The one record type that flows from readers through the engine to the shard writer."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    id: str
    split: str
    target: str                      # the exact positive text negatives are made from
    question: str = ""
    context: str = ""                # ScienceQA "hint"
    choices: tuple[str, ...] = ()
    answer: int | None = None        # index into choices
    lecture: str | None = None
    solution: str | None = None
    image: str | None = None         # image reference as given by the input (ScienceQA: file name)
    caption: str | None = None
    subject: str | None = None
    grade: str | None = None
