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
    # How directly the answer rests on the edited sentence (snaug/claims.py ``centrality``): 0 most. Of a kind's
    # valid candidates the engine keeps those of the best rank there is.
    rank: int = 0

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


# What a transform type declares, as class attributes (a plug-in's too):
#   options   the keys its [kinds.NAME] table may hold besides `transform` and `description`; build() rejects any
#             other key, naming file and key. None: the class checks its table itself.
#   needs     pipeline components whose annotations it reads when present (the engine keeps them running).
#   requires  components it cannot work without: where the pipeline gives none (e.g. blank:en has no parser),
#             the kind skips every text with "needs a parser" instead of being called. Implies needs.
PIPELINE_COMPONENTS = frozenset({"tagger", "parser", "lemmatizer"})
_ANNOTATION = {"tagger": ("TAG", "POS"), "parser": ("DEP",), "lemmatizer": ("LEMMA",)}
ENTRY_POINT_GROUP = "snaug.transforms"     # [project.entry-points."snaug.transforms"] NAME = "module:Class"

_REGISTRY: dict[str, Callable[["KindSpec"], Transform]] = {}
_ORIGIN: dict[str, str] = {}               # transform name → "snaug" or "DISTRIBUTION VERSION"


def register(name: str, options: tuple[str, ...] | None = None):
    """Register a transform class (built with ``cls(spec)``) under ``name``, the value of ``transform =``."""

    def deco(cls):
        if options is not None:
            cls.options = tuple(options)
        _REGISTRY[name] = cls
        _ORIGIN.setdefault(name, "snaug")
        return cls

    return deco


def build(spec: "KindSpec") -> Transform:
    from ..rules import RulesError

    cls = _lookup(spec.transform)
    if cls is None:
        raise RulesError(spec.table.source, f"kinds.{spec.name}.transform",
                         f"unknown transform {spec.transform!r} (known: {', '.join(known_transforms())})")
    options = getattr(cls, "options", None)
    if options is not None:
        spec.table.check_known("transform", "description", *options)
    transform = cls(spec)
    requires = frozenset(getattr(cls, "requires", ()))
    return _Requiring(transform, requires) if requires else transform


class _Requiring:
    """A transform that cannot work without some pipeline components: skips, uniformly, where they are absent."""

    def __init__(self, inner, requires: frozenset[str]):
        self.inner, self.requires = inner, requires
        self.kind = inner.kind
        self.needs = frozenset(getattr(inner, "needs", ())) | requires

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def propose(self, doc, example, rng):
        for component in sorted(self.requires):
            if not any(doc.has_annotation(a) for a in _ANNOTATION[component]):
                return Skip(f"needs a {component}")
        return self.inner.propose(doc, example, rng)


def _load_builtin() -> None:
    from . import lexicon, negation, number, option, unit  # noqa: F401  (registration side effect)


def _entry_points() -> dict[str, "object"]:
    from importlib.metadata import entry_points

    found = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep)           # the first distribution on sys.path wins, as importlib finds it
    return found


def _origin(ep) -> str:
    dist = getattr(ep, "dist", None)
    return f"{dist.metadata['Name']} {dist.version}" if dist is not None else ep.value


def _lookup(name: str):
    """The class for a transform name: snaug's own first, then a plug-in's entry point (loaded once)."""
    from .. import SnaugError

    _load_builtin()
    if name in _REGISTRY:
        return _REGISTRY[name]
    ep = _entry_points().get(name)
    if ep is None:
        return None
    origin = _origin(ep)
    try:
        cls = ep.load()
    except Exception as exc:        # a broken plug-in: say which, never a traceback
        raise SnaugError(f"transform {name!r} from {origin} ({ep.value}) failed to load: "
                         f"{type(exc).__name__}: {exc}") from None
    problem = _declaration_problem(cls)
    if problem:
        raise SnaugError(f"transform {name!r} from {origin} ({ep.value}): {problem}")
    _REGISTRY[name], _ORIGIN[name] = cls, origin
    return cls


def _declaration_problem(cls) -> str:
    if not callable(cls) or not hasattr(cls, "propose"):
        return "not a transform class (it needs __init__(spec) and propose(doc, example, rng))"
    for attr in ("needs", "requires"):
        unknown = set(getattr(cls, attr, ())) - PIPELINE_COMPONENTS
        if unknown:
            return f"{attr} names {', '.join(sorted(unknown))} (known: {', '.join(sorted(PIPELINE_COMPONENTS))})"
    options = getattr(cls, "options", None)
    if options is not None and (isinstance(options, str) or not all(isinstance(o, str) for o in options)):
        return "options must be a tuple of key names"
    return ""


def known_transforms() -> list[str]:
    _load_builtin()
    return sorted(set(_REGISTRY) | set(_entry_points()))


def transform_info(name: str) -> dict:
    """Where a transform type comes from and what it declares (for `snaug kinds`)."""
    from .. import SnaugError

    try:
        cls = _lookup(name)
    except SnaugError as exc:          # listed, with why it cannot be used, rather than hiding the others
        ep = _entry_points()[name]
        return {"name": name, "origin": _origin(ep), "needs": [], "requires": [], "options": None,
                "error": str(exc)}
    if cls is None:
        return {"name": name, "origin": "?", "needs": [], "requires": [], "options": None}
    requires = frozenset(getattr(cls, "requires", ()))
    return {"name": name, "origin": _ORIGIN.get(name, "?"),
            "needs": sorted(frozenset(getattr(cls, "needs", ())) | requires), "requires": sorted(requires),
            "options": getattr(cls, "options", None)}


def shadowed_plugins() -> list[str]:
    """Plug-in entry points that name a transform snaug ships (snaug's own wins): "NAME from DIST"."""
    _load_builtin()
    return [f"{name} from {_origin(ep)}" for name, ep in _entry_points().items() if _ORIGIN.get(name) == "snaug"]
