"""The ``trainer`` command: ``trainer fit`` and ``trainer tokenizer build``."""
from __future__ import annotations

from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Train SNSE-CoT models on snaug shards."""


@cli.command()
@click.argument("config_path", required=False, type=click.Path(path_type=Path))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="Override a config key (repeatable), e.g. --set bml.lambda=0.2 --set epochs=3.")
@click.option("--resume", "resume", is_flag=False, flag_value="latest", default=None,
              help="Continue from the latest checkpoint in output_dir (or from the given checkpoint path).")
def fit(config_path, overrides, resume):
    """Train stage 1 (rationale generation) with NLL + λ·BML, as configured in CONFIG_PATH (TOML)."""
    from .config import FitConfig
    from .fit import fit as run

    config = FitConfig.load(config_path, list(overrides))
    result = run(config, resume=True if resume == "latest" else (resume or False))
    click.echo(f"done: {result['global_step']} steps, mean training loss {result['training_loss']:.4f}; "
               f"model in {config.output_dir}", err=True)


@cli.command()
@click.argument("model_dir", type=click.Path(path_type=Path))
@click.option("--shards", required=True, type=click.Path(path_type=Path), help="An snaug generate --out directory.")
@click.option("--split", default="val", show_default=True)
@click.option("--stage", type=click.Choice(["rationale", "answer"]), default="rationale", show_default=True)
@click.option("--rationales", type=click.Path(path_type=Path), help="Stage 2: stage-1 predictions (JSONL by id).")
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="Predictions, JSONL by id.")
@click.option("--batch-size", default=16, show_default=True)
@click.option("--max-new-tokens", type=int, help="Default: 512 for QCM-LE (Multimodal-CoT's output_len), else 256.")
@click.option("--beams", default=1, show_default=True, help="1: greedy; more: beam search.")
@click.option("--features", type=click.Path(path_type=Path))
@click.option("--feature-map", type=click.Path(path_type=Path))
@click.option("--prompt", default="QCM-E", show_default=True)
@click.option("--limit", type=int, help="First N examples only.")
def evaluate(model_dir, shards, split, stage, rationales, out, batch_size, max_new_tokens, beams, features,
             feature_map, prompt, limit):
    """Decode SPLIT with MODEL_DIR and score it: ROUGE-L/BLEU for rationales, ScienceQA categories for answers."""
    import json

    from .evaluate import evaluate as run
    from .scorer import format_table, to_csv

    result = run(model_dir, shards, out, split, stage, rationales, batch_size, max_new_tokens, beams, features,
                 feature_map, prompt, limit)
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
@click.option("--rationale-model", required=True, type=click.Path(path_type=Path))
@click.option("--answer-model", required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True)
@click.option("--batch-size", default=16, show_default=True)
@click.option("--max-new-tokens", default=256, show_default=True)
@click.option("--beams", default=1, show_default=True)
@click.option("--features", type=click.Path(path_type=Path))
@click.option("--feature-map", type=click.Path(path_type=Path))
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
@click.option("--batch-size", default=16, show_default=True)
def extract_features(images, model_dir, out, ids_from, batch_size):
    """Encode every image under IMAGES with a vision backbone, for `trainer fit --set features=...`."""
    import json

    from .features import extract

    ids = None
    if ids_from:
        problems = json.loads(Path(ids_from).read_text())
        ids = [k for k, p in problems.items() if p.get("image")]
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
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True)
@click.option("--vocab-size", default=8000, show_default=True)
def tokenizer_build(shards, out, vocab_size):
    """Train a T5-style Unigram tokenizer on the prompts, rationales and negatives in SHARDS."""
    from .data import read_manifest
    from .tokenizer import build

    read_manifest(shards)
    tok = build(shards, out, vocab_size)
    click.echo(f"tokenizer: {len(tok)} pieces in {out}", err=True)


def main() -> None:
    from snaug import SnaugError
    from snaug.cli import run_command

    from .data import DataError

    run_command(cli, (DataError, SnaugError))


if __name__ == "__main__":
    main()
