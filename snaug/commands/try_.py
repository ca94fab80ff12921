"""``snaug try TEXT``: every kind's negatives of one text as coloured diffs, or why the kind made none.

The fastest way to see what snaug does, and to debug a rule: it runs the same Augmenter as ``snaug generate``
(same rules, pipeline, seed and id give the same negatives) and also shows what the validators dropped.
"""
from __future__ import annotations

from pathlib import Path

import click


@click.command("try", short_help="Show each kind's negatives of one text, or why it made none.", epilog="""\b
Examples:
  snaug try "The magnet's north pole attracts the south pole."
  snaug try "So, these magnets will repel." --choice repel --choice attract --answer repel""")
@click.argument("text")
@click.option("--question", default=None, help="The question the text answers.")
@click.option("--choice", "choices", multiple=True, help="An answer option (repeat for each, in order).")
@click.option("--answer", default=None, help="The correct option: index, letter or text (with --choice).")
@click.option("--id", "example_id", default=None, help="Example id; with --seed it picks the negatives, as in "
                                                       "`snaug generate` (default: the text itself).")
@click.option("--kinds", help="Comma-separated kinds (default: every kind in the rules).")
@click.option("--per-kind", default=3, show_default=True, help="Distinct negatives kept per kind.")
@click.option("--seed", default=0, show_default=True)
@click.option("--spacy-model", help="spaCy pipeline name or path ('blank:en' for tokenizer-only).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Directory of *.toml rules that add kinds or override shipped ones (repeatable).")
@click.option("--no-color", is_flag=True, help="Plain [[before->after]] markers (also when not a terminal).")
def try_command(text, question, choices, answer, example_id, kinds, per_kind, seed, spacy_model, rules_dirs,
                no_color):
    """Show the soft negatives of TEXT, kind by kind, or why a kind made none."""
    from rich.text import Text

    from ..api import Augmenter
    from ..audit.diff import plain, rich_text
    from ..audit.terminal import console

    if answer is not None and answer.strip().isdigit():
        answer = int(answer)
    kind_list = [k.strip() for k in kinds.split(",") if k.strip()] if kinds else None
    aug = Augmenter(rules=tuple(rules_dirs), pipeline=spacy_model, kinds=kind_list, per_kind=per_kind, seed=seed,
                    warn=lambda msg: click.echo(msg, err=True))
    outcome = aug.augment(text, question=question, choices=choices or None, answer=answer, id=example_id)
    con = console(no_color)
    color = not no_color and con.is_terminal
    pipeline = aug.pipeline
    con.print(Text(f"pipeline {pipeline.name} {pipeline.version} ({'parser' if pipeline.has_parser else 'no parser'}), "
                   f"seed {seed}, id {outcome.example.id if example_id is not None else '(the text)'}", style="dim"))
    skips = dict(outcome.skips)
    for kind in aug.kinds:
        negatives = [n for n in outcome.negatives if n.kind == kind]
        dropped = {r: n for (k, r), n in sorted(outcome.dropped.items()) if k == kind}
        head = Text()
        head.append(kind, style="bold" if color else "")
        if not negatives:
            head.append(f"  skipped: {skips.get(kind, 'no negative')}", style="yellow" if color else "")
        con.print(head)
        for neg in negatives:
            edits = [e.__dict__ for e in neg.edits]
            line = Text()
            line.append(f"  {neg.rule:<24} ", style="dim" if color else "")
            line.append_text(rich_text(text, edits) if color else Text(plain(text, edits)))
            con.print(line)
        if dropped:
            con.print(Text("  dropped: " + ", ".join(f"{r} {n}" for r, n in dropped.items()),
                           style="dim" if color else ""))
