"""The shard contract: what ``snaug generate`` writes and the trainer reads. Documented in docs/schema.md.

The trainer may import this module (it needs pyarrow only) and nothing else of snaug.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1

EDIT = pa.struct([
    pa.field("start", pa.int32(), nullable=False),   # code-point offset into `target`
    pa.field("end", pa.int32(), nullable=False),
    pa.field("before", pa.string(), nullable=False),  # == target[start:end]
    pa.field("after", pa.string(), nullable=False),
])

NEGATIVE = pa.struct([
    pa.field("kind", pa.string(), nullable=False),
    pa.field("rule", pa.string(), nullable=False),
    pa.field("text", pa.string(), nullable=False),   # target with `edits` applied
    pa.field("edits", pa.list_(EDIT), nullable=False),
])

SKIP = pa.struct([
    pa.field("kind", pa.string(), nullable=False),
    pa.field("reason", pa.string(), nullable=False),
])

SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("split", pa.string(), nullable=False),
    pa.field("question", pa.string(), nullable=False),
    pa.field("context", pa.string(), nullable=False),
    pa.field("choices", pa.list_(pa.string()), nullable=False),
    pa.field("answer", pa.int32()),
    pa.field("lecture", pa.string()),
    pa.field("solution", pa.string()),
    pa.field("image", pa.string()),
    pa.field("caption", pa.string()),
    pa.field("subject", pa.string()),
    pa.field("grade", pa.string()),
    pa.field("target", pa.string(), nullable=False),
    pa.field("negatives", pa.list_(NEGATIVE), nullable=False),
    pa.field("skips", pa.list_(SKIP), nullable=False),
], metadata={"snaug.schema_version": str(SCHEMA_VERSION)})
