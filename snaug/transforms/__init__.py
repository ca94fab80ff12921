"""Transforms propose soft negatives; the registry maps a transform name (as used in rules files) to its class.

A transform is built once from its kind's rule table and then called per text. It sees the parsed text (a parse of
``example.target``: read the string there, since ``Doc.text`` rebuilds it token by token), the example and a random
generator, and returns candidates (each a tuple of edits) or an explicit ``Skip``. It knows
nothing of files, the CLI or other transforms, and it never falls back to another kind.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol

from ..edits import Edit, apply_edits

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..io.example import Example
    from ..rules import KindSpec


@dataclass(frozen=True)
class Candidate:
    rule: str
    edits: tuple[Edit, ...]
    # For a unit swap: (value, unit, new unit) in pint's names, so a validator can reject equivalent quantities.
    quantity: tuple[float, str, str] | None = None

    def text(self, source: str) -> str:
        return apply_edits(source, self.edits)


@dataclass(frozen=True)
class Skip:
    """No candidate for this text, and why (a short stable phrase: it is counted across the dataset)."""

    reason: str


class Transform(Protocol):
    kind: str
    # Which parts of the parse propose() reads, from snaug.nlp.ROLES ("tagger", "parser", "lemmatizer"); the engine
    # runs only the components some requested kind needs. A transform that does not say gets them all.
    needs: frozenset[str]

    def propose(self, doc: "Doc", example: "Example", rng: random.Random) -> list[Candidate] | Skip: ...


_REGISTRY: dict[str, Callable[["KindSpec"], Transform]] = {}


def register(name: str):
    """Register a transform class (built with ``cls(spec)``) under ``name``, the value of ``transform =``."""

    def deco(cls):
        _REGISTRY[name] = cls
        return cls

    return deco


def build(spec: "KindSpec") -> Transform:
    from ..rules import RulesError

    _load_builtin()
    if spec.transform not in _REGISTRY:
        raise RulesError(spec.table.source, f"kinds.{spec.name}.transform",
                         f"unknown transform {spec.transform!r} (known: {', '.join(sorted(_REGISTRY))})")
    return _REGISTRY[spec.transform](spec)


def _load_builtin() -> None:
    from . import lexicon, negation, number, option, unit  # noqa: F401  (registration side effect)


def known_transforms() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)
