"""``snaug export SHARDS --format dpo|kto -o OUT``: preference data for TRL from verified shards."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("export", short_help="Write DPO/KTO preference rows for TRL from shards.", epilog="""\b
Examples:
  snaug export sample-shards --format dpo -o pairs.parquet
  snaug export sqa --format kto --split train --kinds negation,option -o kto.jsonl""")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["dpo", "kto"]), default="dpo", show_default=True,
              help="dpo: {prompt, chosen, rejected} pairs; kto: unpaired {prompt, completion, label}.")
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True,
              help="Output file, .parquet or .jsonl.")
@click.option("--split", help="Only this split (default: every split, in a `split` column).")
@click.option("--kinds", help="Comma-separated kinds to export (default: all in the shards).")
@click.option("--per-example", default=0, show_default=True,
              help="At most N negatives per example, drawn by (seed, id); 0 exports all.")
@click.option("--seed", default=0, show_default=True)
@click.option("--separator", default=" ", show_default=True,
              help="Put before each completion (TRL's standard format: the prompt 'The sky is', the completion "
                   "' blue.').")
def export_command(directory, fmt, out, split, kinds, per_example, seed, separator):
    """Write preference rows for TRL (DPO or KTO) from DIRECTORY, an `snaug generate --out`.

    The prompt is the question (QCM layout for multiple choice, as the trainer's), chosen the gold rationale,
    rejected a soft negative; kind and rule are kept. The shards are verified first.
    """
    from ..export import export

    kind_list = [k.strip() for k in kinds.split(",") if k.strip()] if kinds else None
    report = export(directory, out, fmt, split, kind_list, per_example, seed, separator)
    click.echo(f"{report.path}: {report.rows} {fmt} row(s) from {report.exported} of {report.examples} examples",
               err=True)
    for reason, n in sorted(report.skipped.items()):
        click.echo(f"  skipped {n:>6}  {reason}", err=True)
    if report.kinds:
        click.echo("  negatives: " + ", ".join(f"{k} {n}" for k, n in sorted(report.kinds.items())), err=True)
