"""The engine: parse each text once, let every kind propose, filter with the validators, pick K per kind.

Randomness is explicit: each (example, kind) gets its own generator seeded from (seed, example id, kind), so an
example's negatives do not depend on which other examples ran, in which order, or in which process.
"""
from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from . import SnaugError
from .edits import Edit
from .io.example import Example
from .nlp import Pipeline
from .rules import Rules
from .transforms import Candidate, Skip, build
from .validate import screen


@dataclass(frozen=True)
class Negative:
    kind: str
    rule: str
    text: str
    edits: tuple[Edit, ...]


@dataclass
class Outcome:
    example: Example
    negatives: list[Negative] = field(default_factory=list)
    skips: list[tuple[str, str]] = field(default_factory=list)       # (kind, reason)
    triggered: list[str] = field(default_factory=list)               # kinds that proposed anything
    dropped: Counter = field(default_factory=Counter)                # (kind, validator reason) → count


def rng_for(seed: int, example_id: str, kind: str) -> random.Random:
    digest = hashlib.blake2b(f"{seed}\x1f{example_id}\x1f{kind}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def resolve_kinds(rules: Rules, kinds: list[str] | None) -> list[str]:
    """The requested kinds (default: all in the rules), or a SnaugError naming the unknown ones."""
    names = list(kinds) if kinds else list(rules.kinds)
    unknown = [k for k in names if k not in rules.kinds]
    if unknown:
        raise SnaugError(f"unknown kind(s) {', '.join(unknown)} (known: {', '.join(rules.kinds)})")
    return names


class Engine:
    def __init__(self, rules: Rules, pipeline: Pipeline, kinds: list[str] | None = None, per_kind: int = 1,
                 seed: int = 0, batch_size: int = 256):
        names = resolve_kinds(rules, kinds)
        if per_kind < 1:
            raise SnaugError("--per-kind must be at least 1")
        self.kinds = names
        self.transforms = [build(rules.kinds[name]) for name in names]
        self.validate = rules.validate
        self.pipeline = pipeline
        self.per_kind, self.seed, self.batch_size = per_kind, seed, batch_size

    def run(self, examples: Iterable[Example]) -> Iterator[Outcome]:
        examples = list(examples)
        docs = self.pipeline.nlp.pipe((ex.target for ex in examples), batch_size=self.batch_size)
        for example, doc in zip(examples, docs):
            yield self.process(example, doc)

    def process(self, example: Example, doc) -> Outcome:
        outcome = Outcome(example)
        seen: set = set()                # keys (validate.screen) of the negatives kept so far
        for transform in self.transforms:
            kind = transform.kind
            rng = rng_for(self.seed, example.id, kind)
            try:
                proposal = transform.propose(doc, example, rng)
            except Exception as exc:      # a transform bug: stop, naming the record, rather than write a guess
                raise SnaugError(f"kind {kind!r} failed on example {example.id!r} ({type(exc).__name__}: {exc}); "
                                 f"this is a bug in snaug, please report it with that example") from exc
            if isinstance(proposal, Skip):
                outcome.skips.append((kind, proposal.reason))
                continue
            outcome.triggered.append(kind)
            kept: list[tuple[Candidate, object]] = []
            seen_here = set(seen)        # negatives kept by earlier kinds, and by this kind so far
            for candidate in proposal:
                key, reason = screen(example.target, candidate, seen_here, self.validate)
                if reason:
                    outcome.dropped[(kind, reason)] += 1
                else:
                    kept.append((candidate, key))
                    seen_here.add(key)
            if not kept:
                worst = max((r for (k, r) in outcome.dropped if k == kind), key=lambda r: outcome.dropped[(kind, r)])
                outcome.skips.append((kind, f"all candidates dropped ({worst})"))
                continue
            chosen = rng.sample(kept, min(self.per_kind, len(kept)))
            chosen.sort(key=lambda pair: pair[0].edits[0].start)
            seen.update(key for _, key in chosen)
            outcome.negatives += [Negative(kind, c.rule, c.text(example.target), c.edits) for c, _ in chosen]
        return outcome
