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
from .io.readers import DEFAULT_MAX_CHARS
from .nlp import ALL_COMPONENTS, Pipeline, components_for
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
    # surrogatepass: an id with a lone surrogate still gets its own generator (valid text encodes as plain UTF-8)
    key = f"{seed}\x1f{example_id}\x1f{kind}".encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(key, digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def resolve_kinds(rules: Rules, kinds: list[str] | None) -> list[str]:
    """The requested kinds (default: all in the rules), or a SnaugError naming the unknown ones."""
    names = list(kinds) if kinds else list(rules.kinds)
    unknown = [k for k in names if k not in rules.kinds]
    if unknown:
        raise SnaugError(f"unknown kind(s) {', '.join(unknown)} (known: {', '.join(rules.kinds)})")
    return names


class Engine:
    """Soft negatives for examples: built once from the rules, the pipeline and the requested kinds.

    ``run(examples)`` parses in batches with only the pipeline components the requested kinds read (each transform
    type declares them in ``needs``) and yields one Outcome per example, in order; ``process(example, doc)`` does
    one already parsed text. A text longer than ``max_chars`` is not parsed: every kind skips it with a reason.
    """

    def __init__(self, rules: Rules, pipeline: Pipeline, kinds: list[str] | None = None, per_kind: int = 1,
                 seed: int = 0, batch_size: int = 256, max_chars: int = DEFAULT_MAX_CHARS):
        names = resolve_kinds(rules, kinds)
        if per_kind < 1:
            raise SnaugError("--per-kind must be at least 1")
        if max_chars < 1:
            raise SnaugError("--max-chars must be at least 1")
        self.kinds = names
        self.transforms = [build(rules.kinds[name]) for name in names]
        self.validate = rules.validate
        self.pipeline = pipeline
        self.per_kind, self.seed, self.batch_size, self.max_chars = per_kind, seed, batch_size, max_chars
        needs = frozenset().union(*(getattr(t, "needs", ALL_COMPONENTS) for t in self.transforms))
        self.components = components_for(pipeline.nlp, needs)
        self.disabled = [name for name in pipeline.nlp.pipe_names if name not in self.components]
        # spaCy refuses texts over nlp.max_length; the guard above it is max_chars, so a run never aborts on length
        pipeline.nlp.max_length = max(pipeline.nlp.max_length, max_chars + 1)
        for transform in self.transforms:
            warm = getattr(transform, "warm_up", None)
            if warm:
                warm()                   # load lazy lexicons now, once, not on some example's clock

    def run(self, examples: Iterable[Example]) -> Iterator[Outcome]:
        examples = list(examples)
        unfit = [self.unfit(ex.target) for ex in examples]
        docs = iter(self.pipeline.nlp.pipe((ex.target for ex, why in zip(examples, unfit) if not why),
                                           batch_size=self.batch_size, disable=self.disabled))
        for example, why in zip(examples, unfit):
            if why:
                yield Outcome(example, skips=[(kind, why) for kind in self.kinds])
            else:
                yield self.process(example, next(docs))

    def unfit(self, text: str) -> str:
        """Why a text is not parsed ("" if it is): spaCy aborts on a text over its length limit, and on a lone
        surrogate. ``snaug generate`` never gets here with either (the reader skips them); a library caller may."""
        if len(text) > self.max_chars:
            return f"text longer than max_chars ({self.max_chars:,})"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"not valid text (a lone surrogate at character {exc.start})"
        return ""

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
