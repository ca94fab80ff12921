"""The ``snaug`` command: parse options, call the library, print. No logic a library user would have to copy."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import SnaugError, __version__


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="snaug")
def cli() -> None:
    """Soft negatives for chain-of-thought rationales (SNSE-CoT)."""


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("shards"), show_default=True,
              help="Directory for the Parquet shards and manifest.json.")
@click.option("--format", "fmt", type=click.Choice(["scienceqa", "jsonl", "json", "csv", "parquet"]),
              help="Input format (default: from the extension; a .json object of problems is ScienceQA).")
@click.option("--target", help="Positive text: a field, or fields joined by '+' (ScienceQA: solution "
                                "[default], lecture+solution; GSM8K: answer).")
@click.option("--text-field", help="Same as --target, for generic inputs.")
@click.option("--id-field", default="id", show_default=True, help="Record id (absent: the record's position).")
@click.option("--question-field", default="question", show_default=True)
@click.option("--context-field", default="context", show_default=True)
@click.option("--choices-field", default="choices", show_default=True)
@click.option("--answer-field", default="answer", show_default=True,
              help="Index, letter or text of the correct choice (read only when there are choices).")
@click.option("--split-field", default="split", show_default=True)
@click.option("--split", "default_split", default="train", show_default=True,
              help="Split of records that have no split field.")
@click.option("--splits", "splits_file", type=click.Path(path_type=Path),
              help="ScienceQA pid_splits.json (default: the one beside the input, if any).")
@click.option("--kinds", callback=_kinds, help="Comma-separated kinds (default: every kind in the rules).")
@click.option("--per-kind", default=3, show_default=True, type=POSITIVE,
              help="Distinct negatives kept per kind and example.")
@click.option("--seed", default=0, show_default=True)
@click.option("--workers", default=1, show_default=True, type=POSITIVE,
              help="Processes (output is identical for any number).")
@click.option("--partition", default="0/1", callback=_partition, show_default=True,
              help="i/n: write only shards k with k mod n == i (cluster job arrays); the last to finish "
                   "writes the manifest.")
@click.option("--shard-size", default=1000, show_default=True, type=POSITIVE, help="Examples per shard.")
@click.option("--spacy-model", help="spaCy pipeline name or path (default: en_core_web_sm or another installed "
                                    "English parser; 'blank:en' for tokenizer-only).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Directory of *.toml rules that add kinds or override shipped ones (repeatable).")
@click.option("--overwrite", is_flag=True, help="Redo shards that already exist.")
@click.option("--strict", is_flag=True, help="Stop (exit 2) at the first malformed record.")
@click.option("--batch-size", default=256, show_default=True, type=POSITIVE, help="Texts per nlp.pipe batch.")
@click.option("--max-chars", default=500_000, show_default=True, type=POSITIVE,
              help="Skip (counted in the manifest) a target longer than this many characters.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def generate(input_path, out, fmt, target, text_field, id_field, question_field, context_field, choices_field,
             answer_field, split_field, default_split, splits_file, kinds, per_kind, seed, workers, partition,
             shard_size, spacy_model, rules_dirs, overwrite, strict, batch_size, max_chars, quiet):
    """Make soft-negative shards from INPUT (ScienceQA problems.json, JSONL, JSON, CSV or Parquet)."""
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
        progress=False if quiet else None,
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


@cli.command("inspect")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--show", "show", default=0, show_default=True, help="Print N negatives as inline diffs.")
@click.option("--kind", help="Only negatives of this kind (with --show).")
@click.option("--rule", help="Only negatives of this rule, e.g. number.swap (with --show).")
@click.option("--id", "example_id", help="Only this example (with --show).")
@click.option("--seed", default=0, show_default=True, help="Which negatives --show and --html sample.")
@click.option("--context", default=120, show_default=True,
              help="Characters kept around each edit (0: the whole rationale).")
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
    if as_json:
        click.echo(json.dumps({"verdict": {"label": verdict.label, "ok": verdict.ok, "problems": verdict.problems,
                                           "missing": verdict.missing, "shards_checked": len(verdict.shards)},
                               "summary": summary,
                               "dropped": (verdict.manifest or {}).get("dropped"),
                               "records": (verdict.manifest or {}).get("records")}, indent=2))
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


@cli.command("kinds")
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


def run_command(group: click.Group, expected: tuple[type[Exception], ...]) -> None:
    """Run a click group as a console script: expected errors are one line and exit 2, never a traceback."""
    try:
        status = group.main(standalone_mode=False)
        if isinstance(status, int) and status:
            sys.exit(status)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except expected as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:            # disk full, permissions, a file system gone: the file and the reason
        click.echo(f"error: {f'{exc.filename}: ' if exc.filename else ''}{exc.strerror or exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


def main() -> None:
    run_command(cli, (SnaugError,))


if __name__ == "__main__":
    main()
