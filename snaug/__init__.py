"""snaug: rule-driven soft negatives for chain-of-thought rationales (SNSE-CoT)."""

__version__ = "0.1.0"


class SnaugError(Exception):
    """An error the user can act on: the CLI prints its message alone and exits with code 2."""


def read_shards(path, columns=None):
    """The negatives of an `snaug generate --out` directory as a pandas DataFrame, one row per negative.

    See snaug.io.frame.read_shards; pandas is imported only when this is called.
    """
    from .io.frame import read_shards as read

    return read(path, columns)
