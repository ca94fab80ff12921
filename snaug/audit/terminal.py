"""Printing `snaug inspect` results in a terminal (rich tables; plain text when piped)."""
from __future__ import annotations

from .check import Verdict
from .diff import plain, rich_text
from .summary import Row


def console(no_color: bool):
    from rich.console import Console

    from ..console import stdout_closed

    class _Console(Console):
        def on_broken_pipe(self) -> None:       # rich's own exits with 1, which for inspect means "not OK"
            self.quiet = True
            stdout_closed()

    return _Console(no_color=no_color, highlight=False, soft_wrap=True)


def print_summary(con, verdict: Verdict, summary: dict, manifest: dict | None) -> None:
    from rich.table import Table

    style = {"OK": "bold green", "FAILED": "bold red", "INCOMPLETE": "bold yellow"}[verdict.label]
    source = "the manifest" if manifest else "their sidecars (no manifest: partial run)"
    con.print(f"[{style}]{verdict.label}[/]  {len(verdict.shards)} shard(s) checked against {source}")
    for problem in verdict.problems:
        con.print(f"  [red]problem[/]  {problem}", markup=True)
    if verdict.missing:
        con.print(f"  [yellow]missing[/]  {len(verdict.missing)} planned shard(s) not written: "
                  f"{', '.join(verdict.missing[:8])}{' ...' if len(verdict.missing) > 8 else ''}")
    if manifest:
        rec = manifest.get("records", {})
        skipped = sum(rec.get("skipped", {}).values())
        con.print(f"input {manifest['input']['file']}: {rec.get('read')} records read, {rec.get('written')} written, "
                  f"{skipped} skipped; seed {manifest.get('seed')}, rules {manifest['rules']['digest'][:12]}")
    splits = ", ".join(f"{s} {n:,}" for s, n in summary["splits"].items())
    con.print(f"{summary['examples']:,} examples ({splits}), {summary['negatives']:,} negatives")

    table = Table(box=None, pad_edge=False)
    for col, just in (("kind", "left"), ("negatives", "right"), ("examples", "right"), ("coverage", "right"),
                      ("sim median", "right"), ("sim p5", "right"), ("sim min", "right")):
        table.add_column(col, justify=just)
    fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    for kind, k in summary["kinds"].items():
        sim = k["similarity"]
        table.add_row(kind, f"{k['negatives']:,}", f"{k['examples_with_negative']:,}", f"{100 * k['coverage']:.1f}%",
                      fmt(sim["median"]), fmt(sim["p5"]), fmt(sim["min"]))
    con.print(table)

    dropped = (manifest or {}).get("dropped", {})
    for kind, k in summary["kinds"].items():
        rules = ", ".join(f"{r} {n:,}" for r, n in list(k["rules"].items())[:5])
        con.print(f"[bold]{kind}[/]  top rules: {rules or '-'}")
        skips = ", ".join(f"{r} {n:,}" for r, n in list(k["skips"].items())[:5])
        if skips:
            con.print(f"  skipped: {skips}")
        if dropped.get(kind):
            con.print("  dropped: " + ", ".join(f"{r} {n:,}" for r, n in dropped[kind].items()))


def print_samples(con, picked: list[tuple[Row, dict]], context: int, color: bool) -> None:
    from rich.text import Text

    for row, neg in picked:
        con.print(Text(f"{row.id} · {row.split} · {neg['rule']}", style="dim" if color else ""))
        con.print(rich_text(row.target, neg["edits"], context) if color else
                  Text(plain(row.target, neg["edits"], context)))
        con.print()
