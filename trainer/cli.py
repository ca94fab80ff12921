"""The ``trainer`` command: fit, evaluate, predict, extract-features, tokenizer build.

Nothing heavy is imported at module level: help and bad options answer at once, and torch and transformers load
only in the command that runs.
"""
from __future__ import annotations

import os
from pathlib import Path

import click

from snaug.console import run_command

from . import DataError


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("snaug")                   # the trainer ships in the snaug distribution
    except PackageNotFoundError:                  # pragma: no cover - a source tree that was never installed
        return "unknown"


class FitCommand(click.Command):
    """`trainer fit --help` ends with every config key, its type, meaning and default (from trainer/config.py)."""

    def format_epilog(self, ctx, formatter) -> None:
        from .config import describe_keys

        rows = describe_keys()
        with formatter.section("Config keys (TOML; [bml] is a table, --set bml.alpha=0.2)"):
            formatter.write_dl([(key, f"{kind}: {what}") for key, kind, what in rows])


def _rank_zero() -> bool:
    """Under torchrun only rank 0 reports; alone, this process is rank 0."""
    return os.environ.get("RANK", "0") == "0"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), prog_name="trainer")
def cli() -> None:
    """Train and evaluate SNSE-CoT models on snaug shards (docs/trainer.md)."""


@cli.command(cls=FitCommand)
@click.argument("config_path", required=False, type=click.Path(path_type=Path))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="Override a config key (repeatable; the value is read as JSON, else as a string), "
                   "e.g. --set bml.lambda=0.2 --set epochs=3.")
@click.option("--resume", "resume", is_flag=False, flag_value="latest", default=None,
              help="Continue from the latest checkpoint in output_dir (or from the given checkpoint path).")
@click.option("--no-verify", is_flag=True,
              help="Do not check the shards against their manifest (sha256, rows, schema) before training.")
def fit(config_path, overrides, resume, no_verify):
    """Train a model with the settings in CONFIG_PATH (TOML) and --set overrides.

    Stage 1 (stage = "rationale", the default) learns to write rationales with NLL + λ·BML over soft negatives;
    stage 2 (stage = "answer") learns to answer from the question and a rationale. The config is checked in full
    before any data or model is loaded.
    """
    from .config import FitConfig

    config = FitConfig.load(config_path, list(overrides) + (["verify=false"] if no_verify else []))
    from .fit import fit as run

    result = run(config, resume=True if resume == "latest" else (resume or False))
    if _rank_zero():
        click.echo(f"done: {result['global_step']} steps, mean training loss {result['training_loss']:.4f}; "
                   f"model in {config.output_dir}", err=True)


@cli.command()
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.option("--shards", required=True, type=click.Path(path_type=Path), help="An snaug generate --out directory.")
@click.option("--split", default="val", show_default=True, help="The split to decode and score.")
@click.option("--stage", type=click.Choice(["rationale", "answer"]), default="rationale", show_default=True,
              help="rationale: MODEL_DIR writes rationales, scored by ROUGE-L/BLEU; answer: it answers, scored "
                   "per ScienceQA category.")
@click.option("--rationales", type=click.Path(path_type=Path),
              help="Stage answer: the stage-1 predictions (JSONL by id) to answer from.")
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True,
              help="Predictions, JSONL by id; metrics are written beside it.")
@click.option("--batch-size", type=int, help="Examples per decoding batch.  [default: 64 on a GPU, 16 on CPU]")
@click.option("--max-new-tokens", type=int,
              help="Longest output decoded.  [default: 512 for QCM-LE (Multimodal-CoT's output_len), else 256]")
@click.option("--beams", default=1, show_default=True, help="1: greedy; more: beam search.")
@click.option("--features", type=click.Path(path_type=Path),
              help="Image features the model was trained with: .npy (+ --feature-map) or .parquet.")
@click.option("--feature-map", type=click.Path(path_type=Path),
              help="The .npy's id → row JSON.  [default: name_map.json beside it]")
@click.option("--prompt", type=click.Choice(["QCM-E", "QCM-LE"]), default="QCM-E", show_default=True,
              help="The input/target format the model was trained with.")
@click.option("--limit", type=int, help="First N examples only.")
@click.option("--no-verify", is_flag=True, help="Do not check the shards against their manifest first.")
def evaluate(model_dir, shards, split, stage, rationales, out, batch_size, max_new_tokens, beams, features,
             feature_map, prompt, limit, no_verify):
    """Decode SPLIT with MODEL_DIR and score it: ROUGE-L/BLEU for rationales, ScienceQA categories for answers."""
    import json

    from .evaluate import evaluate as run
    from .scorer import format_table, to_csv

    result = run(model_dir, shards, out, split, stage, rationales, batch_size, max_new_tokens, beams, features,
                 feature_map, prompt, limit, verify=not no_verify)
    if stage == "rationale":
        from .preference import format_table as preference_table, to_csv as preference_csv

        click.echo(f"{result['n']} rationales: ROUGE-L {result['rougeL']:.2f}, BLEU-1 {result['bleu1']:.2f}, "
                   f"BLEU-4 {result['bleu4']:.2f}; predictions in {out}")
        click.echo(preference_table(result["preference"]))
        Path(f"{out}.metrics.json").write_text(json.dumps(result, indent=2) + "\n")
        Path(f"{out}.preference.csv").write_text(preference_csv(result["preference"]))
        return
    click.echo(format_table(result))
    if result["no_rationale"]:
        click.echo(f"{len(result['no_rationale'])} example(s) had no stage-1 rationale and were not scored "
                   f"(first: {', '.join(result['no_rationale'][:5])})")
    Path(f"{out}.scores.json").write_text(json.dumps(result, indent=2) + "\n")
    Path(f"{out}.scores.csv").write_text(to_csv(result))


@cli.command()
@click.argument("inputs", type=click.Path(path_type=Path))
@click.option("--rationale-model", required=True, type=click.Path(path_type=Path),
              help="A stage-1 model directory (trainer fit, stage = \"rationale\").")
@click.option("--answer-model", required=True, type=click.Path(path_type=Path),
              help="A stage-2 model directory (trainer fit, stage = \"answer\").")
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True,
              help="JSONL: id, rationale, answer (index), answer_text, raw.")
@click.option("--batch-size", type=int, help="Problems per decoding batch.  [default: 64 on a GPU, 16 on CPU]")
@click.option("--max-new-tokens", default=256, show_default=True, help="Longest rationale decoded.")
@click.option("--beams", default=1, show_default=True, help="1: greedy; more: beam search.")
@click.option("--features", type=click.Path(path_type=Path),
              help="Image features for the problems: .npy (+ --feature-map) or .parquet.")
@click.option("--feature-map", type=click.Path(path_type=Path),
              help="The .npy's id → row JSON.  [default: name_map.json beside it]")
def predict(inputs, rationale_model, answer_model, out, batch_size, max_new_tokens, beams, features, feature_map):
    """Rationale then answer for new problems (ScienceQA problems.json or JSONL), written as JSONL."""
    from .evaluate import predict as run

    n = run(inputs, rationale_model, answer_model, out, batch_size, max_new_tokens, beams, features, feature_map)
    click.echo(f"{n} prediction(s) in {out}", err=True)


@cli.command("extract-features")
@click.argument("images", type=click.Path(path_type=Path))
@click.option("--model", "model_dir", required=True, type=click.Path(path_type=Path),
              help="A local DETR, CLIP or ViT directory (save_pretrained layout, with its image processor).")
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="features.npy or features.parquet")
@click.option("--ids-from", type=click.Path(path_type=Path),
              help="ScienceQA problems.json: extract exactly the problems that have an image; report the absent.")
@click.option("--batch-size", default=16, show_default=True, help="Images per forward pass.")
def extract_features(images, model_dir, out, ids_from, batch_size):
    """Encode every image under IMAGES with a vision backbone, for `trainer fit --set features=...`."""
    from .features import extract, image_ids

    ids = image_ids(ids_from) if ids_from else None
    report = extract(images, model_dir, out, batch_size, ids)
    click.echo(f"{report['backbone']}: {report['written']} image(s) → {out} ({' × '.join(map(str, report['shape']))} "
               f"each); missing {len(report['missing'])}, unreadable {len(report['corrupt'])}", err=True)
    for label in ("missing", "corrupt"):
        if report[label]:
            click.echo(f"  {label}: {', '.join(report[label][:10])}{' ...' if len(report[label]) > 10 else ''}",
                       err=True)


@cli.group()
def tokenizer() -> None:
    """Tokenizers for from-scratch runs."""


@tokenizer.command("build")
@click.argument("shards", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="The tokenizer directory to write.")
@click.option("--vocab-size", default=8000, show_default=True, help="Unigram pieces, specials included.")
@click.option("--no-verify", is_flag=True, help="Do not check the shards against their manifest first.")
def tokenizer_build(shards, out, vocab_size, no_verify):
    """Train a T5-style Unigram tokenizer on the prompts, rationales and negatives in SHARDS."""
    from .tokenizer import build

    tok = build(shards, out, vocab_size, verify=not no_verify)
    click.echo(f"tokenizer: {len(tok)} pieces in {out}", err=True)


def main() -> None:
    """The console script: an expected error (bad data, a file that cannot be written) is one line and exit status
    2, never a traceback."""
    run_command(cli, (DataError,))


if __name__ == "__main__":
    main()
