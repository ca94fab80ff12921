"""Training examples from snaug shards: prompts, K soft negatives per epoch, image features, a padding collator.

The shards are checked against their manifest first (``snaug.io.schema.check_shards``, the check `snaug inspect`
runs): a shard edited, added or lost since `snaug generate` wrote it stops the run before a row is read. The
text format is trainer/prompts.py's. ``QCM-E`` expects shards made from the solution alone, ``QCM-LE`` from
lecture+solution; the manifest says which, and a mismatch is an error rather than a silently different task.
Negatives get the same "Solution: " prefix, so a negative differs from the positive only where snaug edited it.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import torch

from snaug.io.schema import MANIFEST, SnaugError, check_shards

from . import DataError
from .prompts import PROMPTS, STAGES, answer_text, format_input, solution, stage2_input

COLUMNS = ["id", "split", "question", "context", "choices", "answer", "caption", "image", "subject", "grade", "target",
           "negatives"]


def read_rationales(path: str | Path) -> dict[str, str]:
    """Stage-1 predictions (JSONL with ``id`` and ``prediction``) by example id."""
    out = {}
    if not Path(path).is_file():
        raise DataError(f"{path}: no such rationales file")
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                    out[str(record["id"])] = str(record["prediction"])
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise DataError(f"{path}: line {n}: expected JSON with 'id' and 'prediction' "
                                    f"({type(exc).__name__}: {exc})") from None
    return out


def open_shards(shards: str | Path, verify: bool = True) -> tuple[dict, list[Path]]:
    """The manifest of an `snaug generate --out` directory and its shard files, verified unless ``verify`` is
    False (then the manifest's list is taken on trust, but still only the files it lists are read)."""
    shards = Path(shards)
    if not (shards / MANIFEST).is_file():
        raise DataError(f"{shards}: no {MANIFEST}; is this a finished `snaug generate --out` directory?")
    if verify:
        try:
            verdict = check_shards(shards)
        except SnaugError as exc:
            raise DataError(str(exc)) from None
        if verdict.problems:
            more = f" (and {len(verdict.problems) - 1} more)" if len(verdict.problems) > 1 else ""
            raise DataError(f"shards fail verification: {verdict.problems[0]}{more}; `snaug inspect {shards}` "
                            f"lists every problem, --no-verify reads them anyway")
        return verdict.manifest, verdict.shards
    path = shards / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = [shards / entry["file"] for entry in manifest["shards"]]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path}: unreadable manifest ({type(exc).__name__}: {exc})") from None
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise DataError(f"{missing[0]}: listed in {path} but missing")
    return manifest, files


def read_manifest(shards: str | Path, verify: bool = True) -> dict:
    return open_shards(shards, verify)[0]


def read_rows(files: list[Path], columns: list[str], split: str | None = None) -> list[dict]:
    """Rows of the given shard files (one split, or all), in file order."""
    try:
        data = pads.dataset([str(f) for f in files], format="parquet")
        table = data.to_table(columns=columns, filter=(pads.field("split") == split) if split else None)
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"{files[0].parent if files else 'shards'}: cannot read the shards "
                        f"({str(exc).splitlines()[0]})") from None
    return table.to_pylist()


class Features:
    """Image features by example id: Multimodal-CoT's ``.npy`` (N, P, D) + an id → row JSON, or Parquet (id, features)."""

    def __init__(self, rows: dict[str, object], source: str, array=None):
        self.rows, self.source, self.array = rows, source, array
        first = self[next(iter(rows))] if rows else None
        self.shape = tuple(first.shape) if first is not None else (0, 0)

    @classmethod
    def load(cls, path: str | Path, id_map: str | Path | None = None) -> "Features":
        path = Path(path)
        if not path.is_file():
            raise DataError(f"{path}: no such feature file")
        if path.suffix == ".npy":
            map_path = Path(id_map) if id_map else path.with_name("name_map.json")
            if not map_path.is_file():
                raise DataError(f"{path}: needs an id → row map ({map_path} not found; pass feature_map)")
            try:
                array = np.load(path, mmap_mode="r", allow_pickle=False)
            except ValueError as exc:               # object arrays are refused here: never unpickled
                raise DataError(f"{path}: not a numeric .npy array ({exc})") from None
            if array.dtype.kind not in "fiu":
                raise DataError(f"{path}: features must be numbers, got dtype {array.dtype}")
            if array.ndim != 3:
                raise DataError(f"{path}: expected an array (N, patches, dim), got shape {array.shape}")
            try:
                rows = {str(k): int(v) for k, v in json.loads(map_path.read_text(encoding="utf-8")).items()}
            except (ValueError, AttributeError, TypeError) as exc:
                raise DataError(f"{map_path}: expected a JSON object id → row number ({exc})") from None
            bad = [k for k, v in rows.items() if not 0 <= v < len(array)]
            if bad:
                raise DataError(f"{map_path}: id {bad[0]!r} points past the {len(array)} rows of {path.name}")
            return cls(rows, str(path), array)
        if path.suffix == ".parquet":
            try:
                table = pq.read_table(path)
            except (pa.ArrowException, OSError) as exc:
                raise DataError(f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]})") from None
            if "id" not in table.column_names or "features" not in table.column_names:
                raise DataError(f"{path}: expected columns 'id' and 'features', got {table.column_names}")
            ids = [str(i) for i in table.column("id").to_pylist()]
            try:
                feats = [np.asarray(f, dtype=np.float32) for f in table.column("features").to_pylist()]
            except (ValueError, TypeError) as exc:
                raise DataError(f"{path}: 'features' must be equal-sized lists of numbers ({exc})") from None
            if feats and (feats[0].ndim != 2 or any(f.shape != feats[0].shape for f in feats)):
                raise DataError(f"{path}: every 'features' value must be patches × dim of one shape; the first "
                                f"is {feats[0].shape}")
            return cls(dict(zip(ids, feats)), str(path))
        raise DataError(f"{path}: feature files are .npy (+ id map) or .parquet")

    def __contains__(self, key: str) -> bool:
        return key in self.rows

    def __getitem__(self, key: str) -> np.ndarray:
        value = self.rows[key]
        arr = self.array[value] if self.array is not None else value
        return np.asarray(arr, dtype=np.float32)


@dataclass
class Item:
    id: str
    input_ids: list[int]
    labels: list[int]
    negatives: list[list[int]]
    image: np.ndarray | None


class ShardDataset(torch.utils.data.Dataset):
    """One split of a shard directory; ``epoch`` (set by the trainer) changes which K negatives an item gets."""

    def __init__(self, shards: str | Path, tokenizer, split: str = "train", kinds: list[str] | None = None, k: int = 3,
                 seed: int = 0, prompt: str = "QCM-E", features: Features | None = None, max_input: int = 512,
                 max_target: int = 512, stage: str = "rationale", rationales: dict[str, str] | None = None,
                 verify: bool = True, use_caption: bool = True):
        """``stage="answer"``: input + "Solution: <rationale>" → "The answer is (X).", with the rationale from
        ``rationales`` (stage-1 predictions by id; ids without one are left out and listed in ``no_rationale``)
        or, when None, the gold target. ``verify=False`` skips the check of the shards against their manifest.

        A negative whose tokens equal the gold's after truncation to ``max_target`` (its edit lies past the cut)
        teaches nothing and scores nothing: it is dropped, counted per kind in ``dropped_identical``."""
        shards = Path(shards)
        manifest, files = open_shards(shards, verify)
        if prompt not in PROMPTS:
            raise DataError(f"prompt must be one of {', '.join(PROMPTS)}, got {prompt!r}")
        # ScienceQA shards say which of the two tasks they hold; other inputs (GSM8K's "answer") have one rationale.
        if manifest.get("target") in PROMPTS.values() and manifest["target"] != PROMPTS[prompt]:
            raise DataError(f"{shards}: shards were made from {manifest['target']!r} but prompt {prompt} trains on "
                            f"{PROMPTS[prompt]!r}; regenerate with --target {PROMPTS[prompt]} or change the prompt")
        available = manifest.get("kinds", [])
        self.kinds = list(kinds) if kinds else list(available)
        unknown = [k for k in self.kinds if k not in available]
        if unknown:
            raise DataError(f"{shards}: no kind {', '.join(unknown)} in these shards (they have {', '.join(available)})")
        self.rows = read_rows(files, COLUMNS, split)
        if not self.rows:
            raise DataError(f"{shards}: no examples in split {split!r}")
        if stage not in STAGES:
            raise DataError(f"stage must be one of {', '.join(STAGES)}, got {stage!r}")
        self.stage, self.rationales, self.no_rationale = stage, rationales, []
        if stage == "answer":
            k = 0
            unanswerable = [r["id"] for r in self.rows if r["answer"] is None or not r["choices"]]
            if unanswerable:
                raise DataError(f"{shards}: stage 'answer' needs choices and an answer; {len(unanswerable)} "
                                f"example(s) lack them (first: {', '.join(unanswerable[:5])})")
            if rationales is not None:
                self.no_rationale = [r["id"] for r in self.rows if r["id"] not in rationales]
                self.rows = [r for r in self.rows if r["id"] in rationales]
        self.tokenizer, self.k, self.seed, self.features = tokenizer, k, seed, features
        self.max_input, self.max_target, self.use_caption = max_input, max_target, use_caption
        self.epoch = 0
        self.pools: list[list[tuple[str, list[int]]]] = [[] for _ in self.rows]   # (kind, token ids) per row
        self.pool_rules: list[list[str]] = [[] for _ in self.rows]     # the rule that made each, in the same order
        self.dropped_identical: dict[str, int] = {}
        self.negatives_kept = 0
        if stage == "rationale":
            self._tokenize_negatives()
        if k > 0 and self.kinds and not any(n["kind"] in self.kinds for r in self.rows for n in r["negatives"]):
            raise DataError(f"{shards}: split {split!r} has no negatives of kind(s) {', '.join(self.kinds)}")
        if features is not None:
            missing = [r["id"] for r in self.rows if r["image"] and r["id"] not in features]
            if missing:
                raise DataError(f"{features.source}: no features for {len(missing)} example(s) with an image "
                                f"(first: {', '.join(missing[:5])})")

    def __len__(self) -> int:
        return len(self.rows)

    def _target(self, texts: list[str]) -> list[list[int]]:
        return self.tokenizer([solution(t) for t in texts], truncation=True,
                              max_length=self.max_target)["input_ids"] if texts else []

    def _tokenize_negatives(self) -> None:
        golds = self._target([r["target"] for r in self.rows])
        for row, gold, pool, rules in zip(self.rows, golds, self.pools, self.pool_rules):
            negatives = [n for n in row["negatives"] if n["kind"] in self.kinds]
            for n, ids in zip(negatives, self._target([n["text"] for n in negatives])):
                if ids == gold:
                    self.dropped_identical[n["kind"]] = self.dropped_identical.get(n["kind"], 0) + 1
                else:
                    pool.append((n["kind"], ids))
                    rules.append(n["rule"])
                    self.negatives_kept += 1

    def negatives_for(self, index: int) -> list[list[int]]:
        """The K negatives (token ids) of this item in this epoch: drawn from (seed, epoch, id), never padded
        with copies."""
        row = self.rows[index]
        pool = [ids for _, ids in self.pools[index]]
        digest = hashlib.blake2b(f"{self.seed}\x1f{self.epoch}\x1f{row['id']}".encode(), digest_size=8).digest()
        rng = random.Random(int.from_bytes(digest, "big"))
        return rng.sample(pool, min(self.k, len(pool)))

    def source(self, index: int) -> str:
        row = self.rows[index]
        return format_input(row["question"], row["context"], row["choices"], row["caption"], self.use_caption)

    def __getitem__(self, index: int) -> Item:
        row = self.rows[index]
        tok = self.tokenizer
        source = self.source(index)
        target = lambda text: self._target([text])[0]  # noqa: E731
        if self.stage == "answer":
            rationale = self.rationales[row["id"]] if self.rationales is not None else row["target"]
            source = stage2_input(source, rationale)
            labels = tok(answer_text(row["answer"]), truncation=True, max_length=self.max_target)["input_ids"]
        else:
            labels = target(row["target"])
        image = self.features[row["id"]] if self.features is not None and row["image"] and row["id"] in self.features \
            else None
        return Item(id=row["id"], input_ids=tok(source, truncation=True, max_length=self.max_input)["input_ids"],
                    labels=labels, negatives=self.negatives_for(index) if self.stage == "rationale" else [],
                    image=image)


class Collator:
    """Pads to the longest in the batch: inputs with the pad id, labels and negatives with −100 (never scored)."""

    def __init__(self, pad_id: int, image_shape: tuple[int, int] | None = None):
        self.pad_id, self.image_shape = pad_id, image_shape

    def __call__(self, items: list[Item]) -> dict[str, torch.Tensor]:
        b = len(items)
        t = max(len(i.input_ids) for i in items)
        length = max([len(i.labels) for i in items] + [len(n) for i in items for n in i.negatives])
        k = max(len(i.negatives) for i in items)
        batch = {
            "input_ids": torch.full((b, t), self.pad_id, dtype=torch.long),
            "attention_mask": torch.zeros((b, t), dtype=torch.long),
            "labels": torch.full((b, max(len(i.labels) for i in items)), -100, dtype=torch.long),
            "neg_labels": torch.full((b, k, length), -100, dtype=torch.long),
            "neg_valid": torch.zeros((b, k), dtype=torch.bool),
        }
        for row, item in enumerate(items):
            batch["input_ids"][row, :len(item.input_ids)] = torch.tensor(item.input_ids)
            batch["attention_mask"][row, :len(item.input_ids)] = 1
            batch["labels"][row, :len(item.labels)] = torch.tensor(item.labels)
            for j, neg in enumerate(item.negatives):
                batch["neg_labels"][row, j, :len(neg)] = torch.tensor(neg)
                batch["neg_valid"][row, j] = True
        if self.image_shape is not None:
            batch["image_features"] = torch.zeros((b, *self.image_shape), dtype=torch.float32)
            batch["has_image"] = torch.zeros(b, dtype=torch.bool)
            for row, item in enumerate(items):
                if item.image is not None:
                    batch["image_features"][row] = torch.tensor(item.image)     # a copy: features may be read-only
                    batch["has_image"][row] = True
        return batch
