"""snaug: rule-driven soft negatives for chain-of-thought rationales (SNSE-CoT)."""

__version__ = "0.1.0"


class SnaugError(Exception):
    """An error the user can act on: the CLI prints its message alone and exits with code 2."""
