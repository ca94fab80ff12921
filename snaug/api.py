"""The public Python API: an ``Augmenter`` built once, called on one text or on a batch of columns.

It is a thin facade over the engine, and the CLI builds its engine through it, so a text gets the same negatives
from ``snaug generate``, from ``Augmenter.negatives``, from ``datasets.Dataset.map`` and from Ray Data: each
(example id, kind) draws from its own generator seeded by ``(seed, id, kind)``.

The spaCy pipeline is loaded lazily, on first use, and is never pickled (only its name travels), so an
``Augmenter`` handed to ``Dataset.map(num_proc=N)``, a process pool or a Ray actor loads it once per process.

>>> from snaug import Augmenter
>>> aug = Augmenter(pipeline="blank:en", kinds=["orientation"], per_kind=1)
>>> [neg.text for neg in aug.negatives("The magnet's north pole attracts the south pole.", id="m1")]
["The magnet's south pole attracts the south pole."]
"""
from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import SnaugError
from .engine import Engine, Negative, Outcome, resolve_kinds
from .io.example import Example
from .io.readers import DEFAULT_MAX_CHARS, TARGET_GUESSES, FieldMap, _Bad, _generic_example
from .nlp import Pipeline, load_pipeline
from .rules import Rules, load_rules

__all__ = ["Augmenter"]

COLUMNS = ("negatives", "skips")          # what map_batch adds (and "dropped" when asked)


def _warn(msg: str) -> None:
    print(msg, file=sys.stderr)


class Augmenter:
    """Soft negatives for texts, with the settings of one ``snaug generate`` run.

    Args:
        rules: ``None`` for the shipped rules; a directory (or a list of them) of ``*.toml`` rules that add or
            override kinds, as ``--rules``; or a ``Rules`` object from ``snaug.rules.load_rules``.
        pipeline: a spaCy pipeline name or path, ``"blank:en"`` (tokenizer only: rules that need tags or a parse
            skip, with a reason), or ``None`` for the best installed English pipeline with a parser.
        kinds: the kinds to make (default: every kind in the rules); an unknown name fails here.
        per_kind: distinct negatives kept per kind and example.
        seed: with the example id and the kind, decides which negatives are picked.
        target: for batches, the column with the text to make negatives from (``a+b`` joins columns, as
            ``--target``); default: the first of ``rationale``, ``solution``, ``explanation``, ``answer`` present.
        fields: for batches, where the id, question, choices, answer, context and split live (``FieldMap``).
        strict: a malformed batch row raises ``SnaugError``; otherwise the row gets no negatives and its reason
            in ``skips`` for every kind (``write_shards`` then counts it as a skipped record).

    >>> aug = Augmenter(pipeline="blank:en", kinds=["orientation", "option"], per_kind=2)
    >>> aug.kinds
    ['orientation', 'option']
    >>> Augmenter(kinds=["paraphrase"])
    Traceback (most recent call last):
    ...
    snaug.SnaugError: unknown kind(s) paraphrase (known: negation, number, option, orientation, unit)
    """

    def __init__(self, rules: Rules | str | Path | Sequence[str | Path] | None = None,
                 pipeline: str | Pipeline | None = None, kinds: Sequence[str] | None = None, per_kind: int = 3,
                 seed: int = 0, *, target: str | None = None, fields: FieldMap | None = None,
                 strict: bool = False, batch_size: int = 256,
                 max_chars: int = DEFAULT_MAX_CHARS, warn: Callable[[str], None] = _warn):
        if isinstance(rules, Rules):
            self.rules = rules
        else:
            dirs = () if rules is None else (rules,) if isinstance(rules, (str, Path)) else tuple(rules)
            self.rules = load_rules(dirs)
        self.kinds: list[str] = resolve_kinds(self.rules, list(kinds) if kinds else None)
        if per_kind < 1:
            raise SnaugError("--per-kind must be at least 1")
        self.per_kind, self.seed, self.batch_size, self.max_chars = per_kind, seed, batch_size, max_chars
        self.target, self.fields, self.strict = target, fields or FieldMap(), strict
        self._pipeline_arg = pipeline
        self._warn = warn
        self._engine: Engine | None = None

    # -- lazy state, and pickling without it ------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        """The engine, built (and the pipeline loaded) on first use in this process."""
        if self._engine is None:
            pipeline = self._pipeline_arg
            if not isinstance(pipeline, Pipeline):
                pipeline = load_pipeline(pipeline, warn=self._warn)
            self._engine = Engine(self.rules, pipeline, self.kinds, self.per_kind, self.seed, self.batch_size,
                                  max_chars=self.max_chars)
        return self._engine

    @property
    def pipeline(self) -> Pipeline:
        """The loaded spaCy pipeline (loads it if needed)."""
        return self.engine.pipeline

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_engine"] = None
        state["_warn"] = _warn
        if isinstance(state["_pipeline_arg"], Pipeline) and state["_pipeline_arg"].ref:
            state["_pipeline_arg"] = state["_pipeline_arg"].ref      # reload by name in the other process
        elif self._engine is not None and state["_pipeline_arg"] is None:
            state["_pipeline_arg"] = self._engine.pipeline.ref        # the same pipeline the parent picked
        return state

    def settings(self) -> dict:
        """What decides the negatives, as the manifest records it: seed, kinds, per_kind, rules, validators and
        the spaCy pipeline (loads it)."""
        import spacy

        pipeline = self.pipeline
        return {
            "seed": self.seed, "kinds": list(self.kinds), "per_kind": self.per_kind, "max_chars": self.max_chars,
            "rules": {"digest": self.rules.digest, "files": sorted({Path(s).name for s in self.rules.sources})},
            "validate": self.rules.validate.__dict__,
            "spacy": {"version": spacy.__version__, "pipeline": pipeline.name, "pipeline_version": pipeline.version,
                      "has_parser": pipeline.has_parser},
        }

    def __repr__(self) -> str:
        return (f"Augmenter(kinds={self.kinds!r}, per_kind={self.per_kind}, seed={self.seed}, "
                f"rules={self.rules.digest[:12]!r}, pipeline={self._pipeline_ref()!r})")

    def _pipeline_ref(self) -> str | None:
        arg = self._pipeline_arg
        return arg.ref if isinstance(arg, Pipeline) else arg

    # -- one text ----------------------------------------------------------------------------------------------
    def augment(self, text: str, question: str | None = None, choices: Sequence[str] | None = None,
                answer: int | str | None = None, id: str | None = None) -> Outcome:
        """Everything the engine decided for one text: ``negatives``, ``skips`` (kind, reason) for each kind
        that made none, ``triggered`` kinds and ``dropped`` candidates by (kind, validator reason).

        ``answer`` is the index, letter or text of the correct choice. ``id`` seeds the draw together with the
        seed and kind; without one the text itself does, so a text always gets the same negatives.

        >>> aug = Augmenter(pipeline="blank:en", kinds=["orientation", "option"])
        >>> out = aug.augment("So, these magnets will repel.", choices=["repel", "attract"], answer=0)
        >>> [(n.kind, n.rule, n.text) for n in out.negatives]
        [('option', 'option.last', 'So, these magnets will attract.')]
        >>> out.skips
        [('orientation', 'no trigger word')]
        """
        example = self._one_example(text, question, choices, answer, id)
        return next(iter(self.engine.run([example])))

    def negatives(self, text: str, question: str | None = None, choices: Sequence[str] | None = None,
                  answer: int | str | None = None, id: str | None = None) -> list[Negative]:
        """The soft negatives of ``text``: each has ``kind``, ``rule``, ``text`` and ``edits`` (character spans
        of ``text`` with what replaced them). ``augment`` also says why a kind made none.

        >>> aug = Augmenter(pipeline="blank:en", kinds=["orientation"], per_kind=3)
        >>> for neg in aug.negatives("The lighthouse is north of the harbor.", id="1"):
        ...     print(neg.rule, neg.edits)
        orientation.compass (Edit(start=18, end=23, before='north', after='south'),)
        """
        return self.augment(text, question, choices, answer, id).negatives

    def _one_example(self, text, question, choices, answer, id) -> Example:
        if not isinstance(text, str) or not text.strip():
            raise SnaugError(f"text: expected a non-empty string, got {text!r}")
        record = {"id": text if id is None else str(id), "text": text, "question": question,
                  "choices": list(choices) if choices else None, "answer": answer}
        try:
            return _generic_example(record["id"], record, "text", FieldMap(), "train")
        except _Bad as bad:
            raise SnaugError(f"{bad.field}: {bad.reason}") from None

    # -- batches -----------------------------------------------------------------------------------------------
    def map_batch(self, batch: Any, indices: Sequence[int] | None = None, *, dropped: bool = False) -> Any:
        """A batch of columns with ``negatives`` and ``skips`` columns added (in the shard schema).

        ``batch`` is what ``datasets.Dataset.map(batched=True)`` passes (a dict of lists; a ``pyarrow.Table``
        under ``.with_format("arrow")``) or what Ray Data's ``map_batches`` passes (``batch_format="pyarrow"``,
        ``"pandas"`` or ``"numpy"``); the result has the same type. ``indices`` (``with_indices=True``) stand in
        for ids when the batch has no id column, as a record's position does in ``snaug generate``; with
        neither, the text is its own id. ``dropped=True`` adds a ``dropped`` column (candidates the validators
        removed, per kind and reason) that ``write_shards`` copies into the manifest.

        >>> aug = Augmenter(pipeline="blank:en", kinds=["orientation"], per_kind=1)
        >>> out = aug.map_batch({"id": ["a", "b"], "rationale": ["North is up.", "It is red."]})
        >>> [[n["text"] for n in negs] for negs in out["negatives"]]
        [['South is up.'], []]
        >>> out["skips"][1]
        [{'kind': 'orientation', 'reason': 'no trigger word'}]
        """
        kind_of_batch, columns, rows = _rows_of(batch)
        if not rows:
            return _with_columns(batch, kind_of_batch, {c: [] for c in self._output_columns(dropped)})
        target = self.target or _guess_target(columns)
        results: list[dict | None] = [None] * len(rows)
        examples: list[tuple[int, Example]] = []
        for i, record in enumerate(rows):
            default_id = str(indices[i]) if indices is not None else None
            try:
                if default_id is None and self.fields.id not in record:
                    default_id = _text_id(record, target)
                examples.append((i, _generic_example(default_id, record, target, self.fields, "train")))
            except _Bad as bad:
                if self.strict and bad.malformed:
                    rid = record.get(self.fields.id, default_id)
                    raise SnaugError(f"batch row {i} (id {rid!r}), field {bad.field!r}: {bad.reason}") from None
                reason = bad.reason if not bad.malformed else f"record skipped: {bad.field}: {bad.reason}"
                results[i] = {"negatives": [], "skips": [{"kind": k, "reason": reason} for k in self.kinds],
                              "dropped": []}
        outcomes = self.engine.run(ex for _, ex in examples)
        for (i, _), outcome in zip(examples, outcomes):
            results[i] = _outcome_columns(outcome)
        new = {c: [r[c] for r in results] for c in self._output_columns(dropped)}
        return _with_columns(batch, kind_of_batch, new)

    __call__ = map_batch          # so the class itself is Ray Data's callable class: map_batches(Augmenter, ...)

    @staticmethod
    def _output_columns(dropped: bool) -> tuple[str, ...]:
        return COLUMNS + ("dropped",) if dropped else COLUMNS

    def hf_features(self, features, dropped: bool = False):
        """``datasets.Features`` of ``map_batch``'s output for a dataset with ``features``: pass it as
        ``Dataset.map(..., features=...)`` when mapping dict batches, so a first batch without any negative
        does not fix the column's type to null. (Under ``.with_format("arrow")`` the types travel by themselves.)
        """
        from datasets import Features

        schema = features.arrow_schema
        for name, type_ in _new_types(dropped).items():
            if name in schema.names:
                schema = schema.remove(schema.get_field_index(name))
            schema = schema.append(_field(name, type_))
        return Features.from_arrow_schema(schema)


# -- batch plumbing --------------------------------------------------------------------------------------------

def _text_id(record: dict, target: str) -> str:
    parts = [record.get(name) for name in target.split("+")]
    return " ".join(str(p) for p in parts if p is not None)


def _guess_target(columns: Iterable[str]) -> str:
    columns = list(columns)
    for name in TARGET_GUESSES:
        if name in columns:
            return name
    raise SnaugError(f"no target column: the batch has {', '.join(columns)} and none of "
                     f"{', '.join(TARGET_GUESSES)}; pass Augmenter(target=COLUMN)")


def _plain(value):
    """numpy scalars and arrays (Ray's numpy batches) as Python values, which the record reader expects."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return value.tolist()
    return value


def _rows_of(batch) -> tuple[str, list[str], list[dict]]:
    import pyarrow as pa

    if isinstance(batch, (pa.Table, pa.RecordBatch)):
        return "arrow", list(batch.schema.names), batch.to_pylist()
    if type(batch).__name__ == "DataFrame" and hasattr(batch, "to_dict"):
        return "pandas", [str(c) for c in batch.columns], [{k: _plain(v) for k, v in r.items()}
                                                           for r in batch.to_dict("records")]
    if isinstance(batch, Mapping):        # a dict, or datasets' LazyBatch
        columns = list(batch)
        n = len(batch[columns[0]]) if columns else 0
        if any(len(batch[c]) != n for c in columns):
            raise SnaugError("batch columns have different lengths")
        return "dict", columns, [{c: _plain(batch[c][i]) for c in columns} for i in range(n)]
    raise SnaugError(f"map_batch takes a dict of columns, a pyarrow Table or a pandas DataFrame, "
                     f"got {type(batch).__name__}")


def _outcome_columns(outcome: Outcome) -> dict:
    from .io.shards import outcome_row

    row = outcome_row(outcome)
    dropped = [{"kind": k, "reason": r, "count": n} for (k, r), n in sorted(outcome.dropped.items())]
    return {"negatives": row["negatives"], "skips": row["skips"], "dropped": dropped}


def _new_types(dropped: bool) -> dict:
    import pyarrow as pa

    from .io.schema import NEGATIVE, SKIP

    types = {"negatives": pa.list_(NEGATIVE), "skips": pa.list_(SKIP)}
    if dropped:
        types["dropped"] = pa.list_(pa.struct([("kind", pa.string()), ("reason", pa.string()),
                                               ("count", pa.int64())]))
    return types


def _field(name, type_):
    import pyarrow as pa

    return pa.field(name, type_)


def _with_columns(batch, kind: str, new: dict[str, list]):
    import pyarrow as pa

    types = _new_types("dropped" in new)
    if kind == "arrow":
        table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
        for name, values in new.items():
            if name in table.schema.names:
                table = table.drop_columns([name])
            table = table.append_column(_field(name, types[name]), pa.array(values, type=types[name]))
        return table if isinstance(batch, pa.Table) else table.combine_chunks().to_batches()[0]
    if kind == "pandas":
        return batch.assign(**new)
    out = {k: batch[k] for k in batch}
    out.update(new)
    return out


def dropped_counter(values: Iterable[dict] | None) -> Counter:
    """The ``dropped`` column of one row back as the engine's Counter of (kind, reason) → n."""
    return Counter({(d["kind"], d["reason"]): d["count"] for d in values or ()})
