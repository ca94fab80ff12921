"""The ``snaug`` command: parse options, call the library, print. No logic a library user would have to copy."""
from __future__ import annotations

from pathlib import Path

import click

from . import SnaugError, __version__
from .console import run_command, stdout_closed


def _partition(ctx, param, value: str) -> tuple[int, int]:
    try:
        i, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise click.BadParameter("expected i/n, e.g. 0/4") from None
    if not (n >= 1 and 0 <= i < n):
        raise click.BadParameter("expected i/n with 0 <= i < n")
    return i, n


def _kinds(ctx, param, value: str | None) -> list[str] | None:
    if value is None:
        return None
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    if not kinds:
        raise click.BadParameter(f"{value!r} names no kind; give e.g. negation,number (`snaug kinds` lists them), "
                                 f"or leave --kinds out for every kind")
    return kinds


POSITIVE = click.IntRange(min=1)


class _SectionOption(click.Option):
    """An option that names the heading it is listed under in --help."""

    def __init__(self, *args, section: str = "Other options", **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section


class _SectionedCommand(click.Command):
    """--help lists the options under their headings, in the order the headings first appear; --help last."""

    def format_options(self, ctx, formatter) -> None:
        sections: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record:
                sections.setdefault(getattr(param, "section", "Other options"), []).append(record)
        other = sections.pop("Other options", [])
        for title, records in [*sections.items(), *([("Other options", other)] if other else [])]:
            with formatter.section(title):
                formatter.write_dl(records)


def _option_in(section: str):
    """``click.option`` for options listed under ``section`` in --help."""
    return lambda *decls, **attrs: click.option(*decls, cls=_SectionOption, section=section, **attrs)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


@click.group(context_settings=CONTEXT, epilog="""\b
The first hour:
  snaug generate data/sample/problems.json --out sample-shards
  snaug inspect sample-shards --show 5 --kind negation
  snaug inspect sample-shards --html report.html
  bash examples/sample_path.sh           # generate -> inspect -> train -> evaluate -> predict

Run `snaug COMMAND --help` for a command's options and examples.""")
@click.version_option(__version__, prog_name="snaug")
def cli() -> None:
    """Soft negatives for chain-of-thought rationales (SNSE-CoT)."""


_input = _option_in("Input: reading the records")
_negatives = _option_in("Negatives: what is made")
_output = _option_in("Output and running")


@cli.command(cls=_SectionedCommand, short_help="Make soft-negative shards from a dataset.", epilog="""\b
Examples:
  snaug generate data/sample/problems.json --out sample-shards
  snaug generate problems.json --out sqa --kinds negation,number --per-kind 3 --seed 0
  snaug generate train.jsonl --out gsm8k --target answer
  snaug generate data.csv --id-field qid --text-field explanation --choices-field options --answer-field gold
  snaug generate problems.json --out shared-dir --partition "$SLURM_ARRAY_TASK_ID/8"

A rerun with the same settings resumes: finished shards are kept, the rest are made.""")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@_input("--format", "fmt", type=click.Choice(["scienceqa", "jsonl", "json", "csv", "parquet"]),
        help="Input format (default: from the extension; a .json object of problems is ScienceQA).")
@_input("--target", help="Positive text: a field, or fields joined by '+' (ScienceQA: solution [default], "
                         "lecture+solution; GSM8K: answer).")
@_input("--text-field", help="Same as --target, for generic inputs.")
@_input("--id-field", default="id", show_default=True,
        help="Field holding the record id (absent: the record's position).")
@_input("--question-field", default="question", show_default=True, help="Field holding the question.")
@_input("--context-field", default="context", show_default=True,
        help="Field holding the context (ScienceQA: hint).")
@_input("--choices-field", default="choices", show_default=True,
        help="Field holding the answer options, a list (absent: no options, no `option` kind).")
@_input("--answer-field", default="answer", show_default=True,
        help="Index, letter or text of the correct choice (read only when there are choices).")
@_input("--split-field", default="split", show_default=True, help="Field holding the split (train, val, ...).")
@_input("--split", "default_split", default="train", show_default=True,
        help="Split of records that have no split field.")
@_input("--splits", "splits_file", type=click.Path(path_type=Path),
        help="ScienceQA pid_splits.json (default: the one beside the input, if any).")
@_input("--strict", is_flag=True, help="Stop (exit 2) at the first malformed record instead of counting it.")
@_negatives("--kinds", callback=_kinds, help="Comma-separated kinds (default: every kind in the rules; "
                                             "`snaug kinds` lists them).")
@_negatives("--per-kind", default=3, show_default=True, type=POSITIVE, help="Distinct negatives kept per kind and example.")
@_negatives("--seed", default=0, show_default=True,
            help="Random seed: which candidates are kept. Same input + seed + rules give identical shards.")
@_negatives("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
            help="Directory of *.toml rules that add kinds or override shipped ones (repeatable).")
@_negatives("--spacy-model", help="spaCy pipeline name or path (default: en_core_web_sm or another installed "
                                  "English parser; 'blank:en' for tokenizer-only).")
@_output("-o", "--out", type=click.Path(path_type=Path), default=Path("shards"), show_default=True,
         help="Directory for the Parquet shards and manifest.json.")
@_output("--overwrite", is_flag=True, help="Redo shards that already exist.")
@_output("--shard-size", default=1000, show_default=True, type=POSITIVE, help="Examples per shard.")
@_output("--workers", default=1, show_default=True, type=POSITIVE, help="Processes (output is identical for any number).")
@_output("--partition", default="0/1", callback=_partition, show_default=True,
         help="i/n: write only shards k with k mod n == i (cluster job arrays); the last to finish writes the "
              "manifest.")
@_output("--batch-size", default=256, show_default=True, type=POSITIVE, help="Texts per nlp.pipe batch.")
@_input("--max-chars", default=500_000, show_default=True, type=POSITIVE,
        help="Skip (counted in the manifest) a rationale longer than this many characters.")
@_output("-q", "--quiet", is_flag=True, help="No progress or summary.")
def generate(input_path, out, fmt, target, text_field, id_field, question_field, context_field, choices_field,
             answer_field, split_field, default_split, splits_file, kinds, per_kind, seed, workers, partition,
             shard_size, spacy_model, rules_dirs, overwrite, strict, batch_size, max_chars, quiet):
    """Make soft-negative shards from INPUT (ScienceQA problems.json, JSONL, JSON, CSV or Parquet, or a dataset
    folder: Hugging Face save_to_disk, or Parquet / JSON-lines files).

    Each record's rationale gets up to --per-kind negatives of each kind; every record is written or counted as
    skipped with its reason in OUT/manifest.json. Progress goes to stderr: a bar in a terminal, a line every
    30 s in a log file (SLURM).
    """
    from .generate import GenerateConfig, generate as run
    from .io.readers import FieldMap

    if target and text_field and target != text_field:
        raise click.UsageError("--target and --text-field disagree; give one")
    config = GenerateConfig(
        input=input_path, out=out, format=fmt, target=target or text_field,
        fields=FieldMap(id=id_field, question=question_field, context=context_field, choices=choices_field,
                        answer=answer_field, split=split_field),
        splits_file=splits_file, default_split=default_split, kinds=kinds, per_kind=per_kind, seed=seed,
        workers=workers, partition=partition, shard_size=shard_size, spacy_model=spacy_model,
        rules_dirs=tuple(rules_dirs), overwrite=overwrite, strict=strict, batch_size=batch_size, max_chars=max_chars,
        progress=False if quiet else None, target_flag="--text-field" if text_field and not target else "--target",
    )
    report = run(config)
    if quiet:
        return
    echo = lambda msg="": click.echo(msg, err=True)  # noqa: E731
    echo(f"{report.out}: {report.shards_done_now} shard(s) written, {report.shards_resumed} already done, "
         f"{report.shards_total} planned")
    if report.manifest is None:
        echo(f"waiting for other partitions: {len(report.missing)} shard(s) missing "
             f"({', '.join(report.missing[:5])}{', ...' if len(report.missing) > 5 else ''}); the manifest is "
             f"written by the run that finishes the last one")
        return
    m = report.manifest
    rec = m["records"]
    echo(f"records: {rec['read']} read, {rec['written']} written, {sum(rec['skipped'].values())} skipped")
    for reason, n in rec["skipped"].items():
        echo(f"  skipped {n:>6}  {reason}")
    totals: dict[str, dict[str, int]] = {}
    for split in m["counts"].values():
        for kind, c in split["kinds"].items():
            for key, n in c.items():
                totals.setdefault(kind, {}).setdefault(key, 0)
                totals[kind][key] += n
    echo(f"{'kind':<14}{'examples':>10}{'triggered':>11}{'with neg':>10}{'negatives':>11}")
    for kind, c in totals.items():
        echo(f"{kind:<14}{c['examples']:>10}{c['triggered']:>11}{c['with_negative']:>10}{c['negatives']:>11}")
    echo(f"manifest: {report.out / 'manifest.json'}"
         f"{'' if report.wrote_manifest else ' (already written, the same, by another partition or run)'}")


@cli.command("inspect", short_help="Check shards against their manifest; summarise, show, report.", epilog="""\b
Examples:
  snaug inspect sample-shards                         # verdict + summary
  snaug inspect sample-shards --show 5 --kind number  # 5 negatives as diffs
  snaug inspect sample-shards --rule unit.temperature --id 13
  snaug inspect sample-shards --html report.html      # one self-contained page
  snaug inspect sample-shards --json | jq .summary.kinds.negation.coverage""")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--show", "show", default=None, type=click.IntRange(min=0),
              help="Print N negatives as inline diffs [default: 0, or 5 with --kind/--rule/--id].")
@click.option("--kind", help="Only negatives of this kind (implies --show).")
@click.option("--rule", help="Only negatives of this rule, e.g. number.swap (implies --show).")
@click.option("--id", "example_id", help="Only this example (implies --show).")
@click.option("--seed", default=0, show_default=True,
              help="Random seed: which negatives --show and --html sample (same seed, same sample).")
@click.option("--context", default=120, show_default=True,
              help="Characters kept around each edit, cut between words (0: the whole rationale).")
@click.option("--no-color", is_flag=True, help="Plain [[before->after]] markers (also when not a terminal).")
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Write a self-contained HTML report.")
@click.option("--per-kind", "html_per_kind", default=25, show_default=True, help="Samples per kind in the report.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary and verdict as JSON on stdout.")
def inspect_command(directory, show, kind, rule, example_id, seed, context, no_color, html_path, html_per_kind,
                    as_json):
    """Check DIRECTORY (an `snaug generate --out`) against its manifest and summarise it.

    Exit status 0 when the shards are complete and match the manifest, 1 otherwise.
    """
    import json

    from .audit.check import check_shards, count_problems
    from .audit.summary import load_rows, recount, sample, summarize

    verdict = check_shards(directory)
    rows = load_rows(verdict.shards)
    if verdict.manifest and not verdict.problems:
        verdict.problems += count_problems(verdict.manifest, recount(rows))
    summary = summarize(rows, (verdict.manifest or {}).get("kinds"))
    _check_filters(directory, rows, summary, kind, rule, example_id)
    if show is None:
        show = 5 if kind or rule or example_id else 0
    if as_json:
        try:
            click.echo(json.dumps({"verdict": {"label": verdict.label, "ok": verdict.ok, "problems": verdict.problems,
                                               "missing": verdict.missing, "shards_checked": len(verdict.shards)},
                                   "summary": summary,
                                   "dropped": (verdict.manifest or {}).get("dropped"),
                                   "records": (verdict.manifest or {}).get("records")}, indent=2))
        except BrokenPipeError:
            stdout_closed()
    else:
        from .audit.terminal import console, print_samples, print_summary

        con = console(no_color)
        print_summary(con, verdict, summary, verdict.manifest)
        if show:
            picked = sample(rows, show, seed, kind, rule, example_id)
            if not picked:
                con.print("no negative matches those filters")
            con.print()
            print_samples(con, picked, context, color=not no_color and con.is_terminal)
    if html_path:
        from .audit.html import render

        render(html_path, Path(directory), verdict, summary, rows, per_kind=html_per_kind, seed=seed)
        click.echo(f"report: {html_path}", err=True)
    return 0 if verdict.ok else 1


def _check_filters(directory, rows, summary: dict, kind, rule, example_id) -> None:
    """A --kind, --rule or --id that names nothing in these shards is a typo: say what there is (exit 2)."""
    if kind and kind not in summary["kinds"]:
        raise click.BadParameter(f"no kind {kind!r} in {directory}; its kinds: {', '.join(summary['kinds'])}",
                                 param_hint="--kind")
    if rule:
        rules = sorted({neg["rule"] for row in rows for neg in row.negatives})
        if rule not in rules:
            raise click.BadParameter(f"no negative in {directory} was made by rule {rule!r}; its rules: "
                                     f"{', '.join(rules) or '(none)'}", param_hint="--rule")
    if example_id and not any(row.id == example_id for row in rows):
        raise click.BadParameter(f"no example with id {example_id!r} in {directory}", param_hint="--id")


@cli.command("kinds", short_help="List the kinds of negative a run can make.", epilog="""\b
Examples:
  snaug kinds
  snaug kinds --rules docs/examples/rules   # adds `comparison`, declared in a rules file alone""")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Directory of *.toml rules that add kinds or override shipped ones (repeatable).")
@click.option("--transforms", "show_transforms", is_flag=True,
              help="List transform types instead: where each comes from (snaug or a plug-in), what it needs from "
                   "the pipeline, its options.")
def kinds_command(rules_dirs, show_transforms):
    """List the kinds --kinds accepts: shipped ones and those a --rules directory declares.

    Columns: kind, transform type, where the type comes from (snaug, or the plug-in distribution that registered
    it under the `snaug.transforms` entry point), rules file, description.
    """
    from .rules import load_rules
    from .transforms import build, known_transforms, shadowed_plugins, transform_info

    if show_transforms:
        for name in known_transforms():
            info = transform_info(name)
            if "error" in info:
                click.echo(f"{name:<12}{info['origin']:<24}BROKEN: {info['error']}")
                continue
            needs = ",".join(info["needs"]) or "-"
            requires = f" (requires {','.join(info['requires'])})" if info["requires"] else ""
            options = ", ".join(info["options"]) if info["options"] is not None else "(checked by the class)"
            click.echo(f"{name:<12}{info['origin']:<24}needs {needs}{requires}; options: {options}")
    else:
        rules = load_rules(tuple(rules_dirs))
        for name, spec in rules.kinds.items():
            build(spec)                       # a kind that is listed is a kind that loads
            origin = transform_info(spec.transform)["origin"]
            click.echo(f"{name:<14}{spec.transform:<10}{origin:<20}{Path(spec.table.source).name:<18}"
                       f"{spec.description}")
    for shadowed in shadowed_plugins():
        click.echo(f"note: plug-in transform {shadowed} is ignored: snaug ships a transform of that name", err=True)


from .commands.export import export_command  # noqa: E402  (commands in their own modules)
from .commands.try_ import try_command  # noqa: E402

cli.add_command(try_command)
cli.add_command(export_command)


def main() -> None:
    run_command(cli, (SnaugError,))


if __name__ == "__main__":
    main()
