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
