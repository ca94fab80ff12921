"""snaug: rule-driven soft negatives for chain-of-thought rationales (SNSE-CoT).

The stable public API is what ``__all__`` lists; every other module is internal and may change between
versions. Names are imported on first use, so ``import snaug`` stays light (no spaCy until you build an
``Augmenter``). See docs/api.md.
"""

__version__ = "0.1.0"

__all__ = ["Augmenter", "Negative", "Outcome", "Edit", "FieldMap", "SnaugError", "write_shards", "read_shards",
           "__version__"]


class SnaugError(Exception):
    """An error the user can act on: the CLI prints its message alone and exits with code 2."""


_LAZY = {
    "Augmenter": ("snaug.api", "Augmenter"),
    "Negative": ("snaug.engine", "Negative"),
    "Outcome": ("snaug.engine", "Outcome"),
    "Edit": ("snaug.edits", "Edit"),
    "FieldMap": ("snaug.io.readers", "FieldMap"),
    "write_shards": ("snaug.sink", "write_shards"),
    "read_shards": ("snaug.io.frame", "read_shards"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'snaug' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
