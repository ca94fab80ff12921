"""Shards → preference data for TRL: DPO pairs ``{prompt, chosen, rejected}`` or KTO's unpaired
``{prompt, completion, label}``, as Parquet or JSON lines, loadable by ``datasets`` as they are.

A soft negative is a hard "rejected" answer: the gold rationale with one small edit that breaks it. The prompt is
the question in Multimodal-CoT's QCM layout (question, context, options, then ``Solution:``) for multiple-choice
rows, and the question alone for open ones (GSM8K). Completions start with ``separator`` (one space, TRL's
standard-format convention: ``{"prompt": "The sky is", "chosen": " blue."}``). ``kind``, ``rule``, ``id`` and
``split`` are kept so a run can filter. Shards are verified first, as ``snaug inspect`` does: a damaged or partial
directory is refused rather than half exported.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import SnaugError

FORMATS = ("dpo", "kto")
SHARD_COLUMNS = ["id", "split", "question", "context", "choices", "caption", "target", "negatives"]
TAGS = [pa.field("id", pa.string()), pa.field("split", pa.string()), pa.field("kind", pa.string()),
        pa.field("rule", pa.string())]
SCHEMAS = {
    "dpo": pa.schema([pa.field("prompt", pa.string()), pa.field("chosen", pa.string()),
                      pa.field("rejected", pa.string()), *TAGS]),
    "kto": pa.schema([pa.field("prompt", pa.string()), pa.field("completion", pa.string()),
                      pa.field("label", pa.bool_()), *TAGS]),
}


@dataclass
class ExportReport:
    path: Path
    rows: int = 0
    examples: int = 0                                   # examples read from the shards (after --split)
    exported: int = 0                                   # examples that gave at least one row
    skipped: Counter = field(default_factory=Counter)   # reason → examples
    kinds: Counter = field(default_factory=Counter)     # kind → negatives exported


def qcm_prompt(question: str, context: str, choices: list[str], caption: str | None = None) -> str:
    """Multimodal-CoT's input (as trainer/data.py writes it), followed by ``Solution:``.

    >>> print(qcm_prompt("Which is warmer?", "", ["ice", "soup"]))
    Question: Which is warmer?
    Context: N/A
    Options: (A) ice (B) soup
    Solution:
    """
    context = context or caption or "N/A"
    options = " ".join(f"({chr(65 + i)}) {c}" for i, c in enumerate(choices))
    return f"Question: {question}\nContext: {context}\nOptions: {options}\nSolution:"


def prompt_for(row: dict) -> str:
    if row["choices"]:
        return qcm_prompt(row["question"], row["context"], row["choices"], row["caption"])
    return row["question"]


def verified_shards(directory: Path) -> list[Path]:
    """The shard files of a complete, unmodified run, or a SnaugError saying what is wrong."""
    from .audit.check import check_shards, count_problems
    from .audit.summary import load_rows, recount

    verdict = check_shards(directory)
    if verdict.manifest and not verdict.problems:
        verdict.problems += count_problems(verdict.manifest, recount(load_rows(verdict.shards)))
    if not verdict.ok:
        why = verdict.problems[0] if verdict.problems else f"{len(verdict.missing)} planned shard(s) not written"
        raise SnaugError(f"{directory}: shards are {verdict.label} ({why}); see `snaug inspect {directory}`")
    return verdict.shards


def export(directory: str | Path, out: str | Path, fmt: str = "dpo", split: str | None = None,
           kinds: list[str] | None = None, per_example: int = 0, seed: int = 0, separator: str = " ") -> ExportReport:
    """Write ``out`` (``.parquet`` or ``.jsonl``) from the shards in ``directory``.

    ``per_example``: at most this many negatives per example (0: all), drawn with a generator seeded by
    (seed, id), so the choice does not depend on the shard layout. KTO rows: per exported example one desirable
    completion (the gold rationale, ``label`` true, no kind or rule), then one undesirable per negative.
    """
    if fmt not in FORMATS:
        raise SnaugError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".jsonl"):
        raise SnaugError(f"{out}: the output name must end in .parquet or .jsonl")
    if per_example < 0:
        raise SnaugError("--per-example must be 0 (all) or more")
    shards = verified_shards(Path(directory))
    manifest = json.loads((Path(directory) / "manifest.json").read_text())
    unknown = [k for k in kinds or () if k not in manifest.get("kinds", [])]
    if unknown:
        raise SnaugError(f"{directory}: no kind {', '.join(unknown)} in these shards "
                         f"(they have {', '.join(manifest.get('kinds', []))})")

    report = ExportReport(out)
    rows: list[dict] = []
    for shard in shards:
        for row in pq.read_table(shard, columns=SHARD_COLUMNS).to_pylist():
            if split is not None and row["split"] != split:
                continue
            report.examples += 1
            picked = _pick(row, kinds, per_example, seed)
            if not row["question"]:
                report.skipped["no question (the prompt)"] += 1
                continue
            if not picked:
                report.skipped["no negative" + (" of the chosen kinds" if kinds else "")] += 1
                continue
            report.exported += 1
            prompt, chosen = prompt_for(row), separator + row["target"]
            tags = {"id": row["id"], "split": row["split"]}
            if fmt == "kto":
                rows.append({"prompt": prompt, "completion": chosen, "label": True, **tags, "kind": None,
                             "rule": None})
            for neg in picked:
                report.kinds[neg["kind"]] += 1
                extra = {**tags, "kind": neg["kind"], "rule": neg["rule"]}
                if fmt == "dpo":
                    rows.append({"prompt": prompt, "chosen": chosen, "rejected": separator + neg["text"], **extra})
                else:
                    rows.append({"prompt": prompt, "completion": separator + neg["text"], "label": False, **extra})
    if split is not None and report.examples == 0:
        raise SnaugError(f"{directory}: no examples in split {split!r}")
    report.rows = len(rows)
    _write(out, rows, SCHEMAS[fmt])
    return report


def _pick(row: dict, kinds: list[str] | None, per_example: int, seed: int) -> list[dict]:
    pool = [n for n in row["negatives"] if not kinds or n["kind"] in kinds]
    if not per_example or len(pool) <= per_example:
        return pool
    digest = hashlib.blake2b(f"{seed}\x1f{row['id']}".encode(), digest_size=8).digest()
    chosen = random.Random(int.from_bytes(digest, "big")).sample(range(len(pool)), per_example)
    return [pool[i] for i in sorted(chosen)]


def _write(out: Path, rows: list[dict], schema: pa.Schema) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if out.suffix.lower() == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
    else:
        with open(tmp, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
