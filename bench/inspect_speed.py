"""How long `snaug inspect` takes on a full shard directory (default: the shared ScienceQA, generated first).

    python bench/inspect_speed.py [SHARDS_DIR]

Times the three stages separately: the verdict (sha256 + schema of every shard, counts against the manifest),
the summary, and the HTML report (plots + samples). One process, back to back.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from snaug.audit.check import check_shards, count_problems
from snaug.audit.html import render
from snaug.audit.summary import load_rows, recount, summarize
from snaug.generate import GenerateConfig, generate


def main() -> None:
    if len(sys.argv) > 1:
        out = Path(sys.argv[1])
    else:
        out = Path(tempfile.mkdtemp(prefix="snaug-inspect-")) / "sqa"
        source = Path(__file__).resolve().parent.parent.parent / "shared/data/scienceqa/problems.json"
        generate(GenerateConfig(input=source, out=out, workers=2, progress=False))
    t0 = time.perf_counter()
    verdict = check_shards(out)
    rows = load_rows(verdict.shards)
    verdict.problems += count_problems(verdict.manifest or {}, recount(rows))
    t1 = time.perf_counter()
    summary = summarize(rows, (verdict.manifest or {}).get("kinds"))
    t2 = time.perf_counter()
    render(out.parent / "report.html", out, verdict, summary, rows)
    t3 = time.perf_counter()
    print(f"{out}: {len(rows)} examples, {summary['negatives']} negatives, verdict {verdict.label}")
    print(f"verdict + load  {t1 - t0:6.2f} s")
    print(f"summary         {t2 - t1:6.2f} s")
    print(f"html report     {t3 - t2:6.2f} s   ({(out.parent / 'report.html').stat().st_size / 1024:.0f} KiB)")
    print(f"total           {t3 - t0:6.2f} s")


if __name__ == "__main__":
    main()
