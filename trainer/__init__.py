"""The SNSE-CoT trainer: a T5 encoder-decoder with gated image fusion, trained on snaug shards with
NLL + λ·BML (``trainer fit``), then decoded and scored in two stages (``trainer evaluate`` / ``trainer predict``).
See docs/trainer.md. Of snaug it imports ``snaug.io.schema`` (the shard contract and its check) and ``snaug.console`` (the
command-line runner both commands share), nothing else."""


class DataError(ValueError):
    """Bad training input, named by file, key or record; the CLI prints it on one line and exits with 2."""
