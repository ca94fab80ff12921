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
from .compute import one_blas_thread
from .nlp import ALL_COMPONENTS, Pipeline, components_for
from .rules import Rules
from .scope import ANYWHERE, EVERYTHING, holding, masked, ranked, scope_of, sentences
from .transforms import Candidate, Skip, build
from .validate import assess, screen


# Why a valid candidate is not kept: the kind has one in a sentence the answer rests on more directly.
LESS_CENTRAL = "a more central sentence has one"


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
    type declares them in ``needs``), and only the sentences they can edit (snaug/scope.py), and yields one Outcome
    per example, in order; ``process(example, doc)`` does one text already parsed whole. A text longer than ``max_chars`` is not parsed: every kind skips it with a reason.
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
        self.scopes = [scope_of(t) for t in self.transforms]
        for transform in self.transforms:
            warm = getattr(transform, "warm_up", None)
            if warm:
                warm()                   # load lazy lexicons now, once, not on some example's clock

    def run(self, examples: Iterable[Example]) -> Iterator[Outcome]:
        """Outcomes of ``examples``, in order. Each text is parsed in shares (snaug/scope.py): first the sentences
        the located kinds can edit and a first share of the rest; more shares, each parsed once, only for the texts
        where a kind that may edit anywhere (negation) has fewer than ``per_kind`` negatives so far. Each round of
        shares goes through ``nlp.pipe`` as one batch."""
        examples = list(examples)
        outcomes: list[Outcome | None] = [None] * len(examples)
        plans: dict[int, _Plan] = {}
        for i, example in enumerate(examples):
            why = self.unfit(example.target)
            if why:
                outcomes[i] = Outcome(example, skips=[(kind, why) for kind in self.kinds])
            else:
                plans[i] = self._plan(example)
        pending = list(plans)
        with one_blas_thread():         # the parse's BLAS beside other processes on the cores (compute.py)
            while pending:
                texts = (plans[i].next_text(examples[i].target) for i in pending)
                docs = self.pipeline.nlp.pipe(texts, batch_size=self.batch_size, disable=self.disabled)
                more = []
                for i, doc in zip(pending, docs):
                    plan, example = plans[i], examples[i]
                    kinds = self.transforms if plan.round == 1 else [t for t in self.transforms if t.kind in plan.lazy]
                    for transform in kinds:
                        proposal = self._propose(transform, doc, example)
                        plan.proposals.setdefault(transform.kind, []).append(proposal)
                        if transform.kind in plan.lazy and not isinstance(proposal, Skip):
                            valid = plan.valid.setdefault(transform.kind, set())
                            ranks = plan.ranks.setdefault(transform.kind, Counter())
                            for candidate in proposal:     # only this share's candidates: the earlier ones are counted
                                verdict = assess(example.target, candidate, self.validate)
                                plan.assessed[id(candidate)] = verdict
                                key, reason = screen(example.target, candidate, valid, self.validate, verdict)
                                if not reason:
                                    valid.add(key)
                                    ranks[candidate.rank] += 1
                    if plan.left and any(plan.wants_more(kind, self.per_kind) for kind in plan.lazy):
                        more.append(i)
                    else:
                        outcomes[i] = self._select(example, {k: _merged(p) for k, p in plan.proposals.items()},
                                                   plan.assessed)
                        del plans[i]
                pending = more
        yield from outcomes

    def _plan(self, example: Example) -> "_Plan":
        """The shares in which ``example.target`` is parsed: see snaug/scope.py."""
        text = example.target
        spans = sentences(text)
        located: set[int] = set()
        lazy: list[str] = []
        whole = len(spans) <= 1
        for transform, scope in zip(self.transforms, self.scopes):
            where = scope(transform, example) if not whole else EVERYTHING
            if where is EVERYTHING:
                whole = True
                break
            if where == ANYWHERE:
                lazy.append(transform.kind)
            else:
                located |= holding(spans, where)
        if whole:
            return _Plan(spans=[(0, len(text))], first=[0], left=[], lazy=[])
        rest = [k for k in range(len(spans)) if k not in located]
        rest = rng_for(self.seed, example.id, "\x1fsentences").sample(rest, len(rest)) if lazy else []
        # the sentences a lazy kind ranks best first (a stable sort: the seeded order within a rank)
        ranks = [min(r) for r in zip(*(ranked(t, example, spans) for t in self.transforms if t.kind in lazy))]
        if ranks:
            rest.sort(key=ranks.__getitem__)
        first = sorted(located)
        if not first and rest:
            first = [rest.pop(0)]
        return _Plan(spans=spans, first=first, left=rest, lazy=lazy, sentence_rank=ranks)

    def _propose(self, transform, doc, example: Example):
        kind = transform.kind
        try:
            return transform.propose(doc, example, rng_for(self.seed, example.id, kind))
        except Exception as exc:      # a transform bug: stop, naming the record, rather than write a guess
            raise SnaugError(f"kind {kind!r} failed on example {example.id!r} ({type(exc).__name__}: {exc}); "
                             f"this is a bug in snaug, please report it with that example") from exc

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
        """The outcome of one example from a parse of its whole text."""
        return self._select(example, {t.kind: self._propose(t, doc, example) for t in self.transforms})

    def _select(self, example: Example, proposals: dict, assessed: dict | None = None) -> Outcome:
        """Validate each kind's proposal (in the order of the kinds) and pick up to ``per_kind`` of what is kept.
        ``assessed``: id(candidate) → what ``validate.assess`` said of it already (candidates screened per share)."""
        outcome = Outcome(example)
        seen: set = set()                # keys (validate.screen) of the negatives kept so far
        for transform in self.transforms:
            kind = transform.kind
            proposal = proposals[kind]
            if isinstance(proposal, Skip):
                outcome.skips.append((kind, proposal.reason))
                continue
            outcome.triggered.append(kind)
            kept: list[tuple[Candidate, object]] = []
            seen_here = set(seen)        # negatives kept by earlier kinds, and by this kind so far
            for candidate in proposal:
                key, reason = screen(example.target, candidate, seen_here, self.validate,
                                     assessed.get(id(candidate)) if assessed else None)
                if reason:
                    outcome.dropped[(kind, reason)] += 1
                else:
                    kept.append((candidate, key))
                    seen_here.add(key)
            if not kept:
                worst = max((r for (k, r) in outcome.dropped if k == kind), key=lambda r: outcome.dropped[(kind, r)])
                outcome.skips.append((kind, f"all candidates dropped ({worst})"))
                continue
            best = min(candidate.rank for candidate, _ in kept)
            if any(candidate.rank != best for candidate, _ in kept):
                outcome.dropped[(kind, LESS_CENTRAL)] += sum(candidate.rank != best for candidate, _ in kept)
                kept = [pair for pair in kept if pair[0].rank == best]
            chosen = rng_for(self.seed, example.id, kind).sample(kept, min(self.per_kind, len(kept)))
            chosen.sort(key=lambda pair: pair[0].edits[0].start)
            seen.update(key for _, key in chosen)
            outcome.negatives += [Negative(kind, c.rule, c.text(example.target), c.edits) for c, _ in chosen]
        return outcome


@dataclass
class _Plan:
    """The sentences of one text and which of them are parsed in each round (snaug/scope.py)."""
    spans: list[tuple[int, int]]
    first: list[int]                    # sentence indices parsed in the first round
    left: list[int]                     # the rest, in the seeded order they are taken in
    lazy: list[str]                     # kinds that may edit any sentence
    sentence_rank: list[int] = field(default_factory=list)   # per sentence: the best rank a lazy kind gives it
    round: int = 0
    step: int = 1
    proposals: dict = field(default_factory=dict)   # kind → one proposal per round
    valid: dict = field(default_factory=dict)       # lazy kind → keys of its candidates that pass validation
    ranks: dict = field(default_factory=dict)       # lazy kind → Counter of its valid candidates' ranks
    assessed: dict = field(default_factory=dict)    # id(candidate) → validate.assess of it (candidates are held)

    def wants_more(self, kind: str, per_kind: int) -> bool:
        """Whether a sentence not parsed yet could still change what ``kind`` keeps: one of a better rank than
        its best so far, or of that rank while it has fewer than ``per_kind`` there (only the best rank is kept)."""
        ranks = self.ranks.get(kind)
        if not ranks:
            return True
        best = min(ranks)
        if not self.sentence_rank:
            return ranks[best] < per_kind
        need = best if ranks[best] < per_kind else best - 1
        return any(self.sentence_rank[k] <= need for k in self.left)

    def next_text(self, text: str) -> str:
        """The text of the next round's share (the text itself when that share is all of it)."""
        self.round += 1
        if self.round == 1:
            share = self.first
        else:
            share, self.left = self.left[:self.step], self.left[self.step:]
            self.step *= 2              # few rounds even for a long text whose negatives are all at its end
        if len(share) == len(self.spans):
            return text
        return masked(text, self.spans, set(share))


def _merged(proposals: list):
    """One kind's proposals from several shares of a text as one: every candidate, in text order; or, when no share
    gave any, the first skip that found something to reject (a reason not starting "no ...") else the first."""
    if len(proposals) == 1:
        return proposals[0]
    candidates = [c for p in proposals if not isinstance(p, Skip) for c in p]
    if candidates:
        return sorted(candidates, key=lambda c: c.edits[0].start)
    return next((p for p in proposals if not p.reason.startswith("no ")), proposals[0])
