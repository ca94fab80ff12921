"""Is a shard directory whole and unmodified? ``check_shards`` and ``Verdict`` live in ``snaug.io.schema`` (the
trainer runs the same check before it trains); here is what only `snaug inspect` adds: manifest counts that the
shards' rows must reproduce.
"""
from __future__ import annotations

from ..io.schema import Verdict, check_shards  # noqa: F401  (re-exported for inspect, its reports and tests)


def count_problems(manifest: dict, recomputed: dict) -> list[str]:
    """Manifest counts that the shards do not reproduce (``recomputed`` as summary.recount returns it)."""
    problems = []
    for split, stats in manifest.get("counts", {}).items():
        got = recomputed.get(split, {})
        if stats.get("examples") != got.get("examples", 0):
            problems.append(f"manifest: split {split!r} has {stats.get('examples')} examples, the shards "
                            f"{got.get('examples', 0)}")
        for kind, counts in stats.get("kinds", {}).items():
            for key in ("with_negative", "negatives"):
                have = got.get("kinds", {}).get(kind, {}).get(key, 0)
                if counts.get(key) != have:
                    problems.append(f"manifest: split {split!r}, kind {kind!r}: {key} is {counts.get(key)}, the "
                                    f"shards hold {have}")
    return problems
