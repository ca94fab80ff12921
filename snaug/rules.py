"""Rules as data: load ``rules/*.toml`` (and a user's ``--rules DIR``), validate, digest.

A rules file declares kinds (``[kinds.NAME]`` with ``transform = "..."`` and that transform's tables) and may set
validator options (``[validate]``) and the words that say which sentences carry a rationale's claim (``[claims]``,
one table for every kind: snaug/claims.py). A user directory adds kinds, replaces a kind of the same name whole, and
overrides validator and claims options key by key. The digest covers the merged rules, so two rule sets that mean the same
thing have the same digest whatever their file layout.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import SnaugError
from .claims import ClaimRules

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_MISSING = object()


class RulesError(SnaugError):
    def __init__(self, source: str, key: str, reason: str):
        super().__init__(f"bad rules file {source}: {key}: {reason}" if key else f"bad rules file {source}: {reason}")


class Table:
    """A TOML table that knows where it came from, so every complaint names file, key and reason."""

    def __init__(self, data: dict, source: str, path: str, sources: dict[str, str] | None = None):
        self.data, self.source, self.path = data, source, path
        self.sources = sources or {}       # key → the file that set it, where keys were merged from several files

    def _key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, reason: str) -> RulesError:
        source = self.sources.get(key.split("[", 1)[0].split(".", 1)[0], self.source)
        return RulesError(source, self._key(key), reason)

    def check_known(self, *allowed: str) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(key, f"unknown key (allowed: {', '.join(allowed)})")

    def _get(self, key: str, default, kinds: tuple[type, ...], what: str):
        if key not in self.data:
            if default is _MISSING:
                raise self.error(key, "required key is missing")
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in kinds:
            raise self.error(key, f"expected {what}, got {value!r}")
        if not isinstance(value, kinds):
            raise self.error(key, f"expected {what}, got {type(value).__name__} {value!r}")
        return value

    def str(self, key: str, default=_MISSING) -> str:
        return self._get(key, default, (str,), "a string")

    def bool(self, key: str, default=_MISSING) -> bool:
        return self._get(key, default, (bool,), "true or false")

    def int(self, key: str, default=_MISSING, minimum: int | None = None) -> int:
        value = self._get(key, default, (int,), "an integer")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum}, got {value}")
        return value

    def float(self, key: str, default=_MISSING, lo: float | None = None, hi: float | None = None) -> float:
        value = float(self._get(key, default, (int, float), "a number"))
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise self.error(key, f"must lie in [{lo}, {hi}], got {value}")
        return value

    def str_list(self, key: str, default=_MISSING) -> list[str]:
        value = self._get(key, default, (list,), "a list of strings")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item:
                raise self.error(f"{key}[{i}]", f"expected a non-empty string, got {item!r}")
        return list(value)

    def num_list(self, key: str, default=_MISSING, integers: bool = False) -> list:
        what = "a list of integers" if integers else "a list of numbers"
        value = self._get(key, default, (list,), what)
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, int if integers else (int, float)):
                raise self.error(f"{key}[{i}]", f"expected {'an integer' if integers else 'a number'}, got {item!r}")
        return list(value)

    def str_map(self, key: str, default=_MISSING) -> dict[str, str]:
        value = self._get(key, default, (dict,), "a table of strings")
        for k, v in value.items():
            if not isinstance(v, str):
                raise self.error(f"{key}.{k}", f"expected a string, got {v!r}")
        return dict(value)

    def pairs(self, key: str, default=_MISSING) -> list[tuple[str, str]]:
        """A list of ``[word, opposite]`` pairs of non-empty strings."""
        value = self._get(key, default, (list,), "a list of [word, opposite] pairs")
        for i, pair in enumerate(value):
            if (not isinstance(pair, list) or len(pair) != 2
                    or not all(isinstance(w, str) and w.strip() for w in pair)):
                raise self.error(f"{key}[{i}]", f"expected two non-empty strings, got {pair!r}")
        return [(a, b) for a, b in value]

    def table(self, key: str, default=_MISSING) -> "Table":
        value = self._get(key, default, (dict,), "a table")
        return Table(value, self.source, self._key(key))

    def tables(self, key: str, default=_MISSING) -> list["Table"]:
        value = self._get(key, default, (list,), "an array of tables ([[...]])")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{i}]", "expected a table")
            out.append(Table(item, self.source, f"{self._key(key)}[{i}]"))
        return out


@dataclass(frozen=True)
class KindSpec:
    name: str
    transform: str
    table: Table
    description: str
    # The run's one ``[claims]`` table, read once and shared by every kind that judges side details (None: off)
    claims: ClaimRules | None = None


@dataclass(frozen=True)
class ValidateConfig:
    """Validator options (``[validate]``); see snaug/validate.py for what each one drops."""

    max_edits: int = 2              # 0: no limit
    min_similarity: float = 0.5     # 0: no floor
    reject_equivalent: bool = True
    dedupe: bool = True


@dataclass
class Rules:
    kinds: dict[str, KindSpec]
    validate: ValidateConfig
    digest: str
    sources: list[str] = field(default_factory=list)
    claims: ClaimRules = field(default_factory=ClaimRules)


def default_rules_dir() -> Path:
    """The rules shipped with snaug: ``snaug/_rules`` once installed, ``rules/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    return installed if any(installed.glob("*.toml")) else here.parent / "rules"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RulesError(str(path), "", f"cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(str(path), "", f"not valid TOML: {exc}") from None


def load_rules(extra_dirs: list[str | Path] | tuple = ()) -> Rules:
    """Merge the shipped rules with ``extra_dirs`` (later wins) and validate the result."""
    dirs = [default_rules_dir()] + [Path(d) for d in extra_dirs]
    kinds: dict[str, tuple[dict, str]] = {}
    validate: dict[str, tuple[Any, str]] = {}
    claims: dict[str, tuple[Any, str]] = {}
    sources: list[str] = []
    for directory in dirs:
        if not directory.is_dir():
            raise RulesError(str(directory), "", "not a directory")
        declared_here: dict[str, str] = {}     # kind or validate.KEY → the file of this directory that set it
        for path in sorted(directory.glob("*.toml")):
            sources.append(str(path))
            data = _read_toml(path)
            top = Table(data, str(path), "")
            top.check_known("kinds", "validate", "claims")
            for name, spec in top.table("kinds", {}).data.items():
                if not isinstance(spec, dict):
                    raise RulesError(str(path), f"kinds.{name}", "expected a table")
                if not name.replace("_", "").isalnum() or not name[0].isalpha():
                    raise RulesError(str(path), f"kinds.{name}", "a kind name is letters, digits and '_'")
                if isinstance(spec.get("claims"), dict):
                    raise RulesError(str(path), f"kinds.{name}.claims", "the claims words are one top-level [claims] "
                                     "table for every kind now (rules/claims.toml); move them there, or set "
                                     "claims = false to turn them off for this kind")
                _once_per_dir(declared_here, f"kinds.{name}", path)
                kinds[name] = (spec, str(path))
            for section, entries in (("validate", validate), ("claims", claims)):
                for key, value in top.table(section, {}).data.items():
                    _once_per_dir(declared_here, f"{section}.{key}", path)
                    entries[key] = (value, str(path))

    validate_config = _validate_config(validate)
    claim_rules = ClaimRules(Table({k: v for k, (v, _) in claims.items()}, next(iter(claims.values()))[1], "claims",
                                   sources={k: src for k, (_, src) in claims.items()}) if claims else None)
    specs: dict[str, KindSpec] = {}
    for name in sorted(kinds):
        spec, source = kinds[name]
        table = Table(spec, source, f"kinds.{name}")
        specs[name] = KindSpec(name=name, transform=table.str("transform"), table=table,
                               description=table.str("description", ""), claims=claim_rules)
    merged = {"kinds": {name: kinds[name][0] for name in sorted(kinds)},
              "validate": {k: v for k, (v, _) in sorted(validate.items())},
              "claims": {k: v for k, (v, _) in sorted(claims.items())}}
    digest = hashlib.sha256(json.dumps(merged, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return Rules(kinds=specs, validate=validate_config, digest=digest, sources=sources, claims=claim_rules)


def _once_per_dir(declared: dict[str, str], key: str, path: Path) -> None:
    """A later --rules directory replaces a kind on purpose; two files of one directory doing so is a mistake
    (which one wins would depend on file names), so it is refused with both files named."""
    if key in declared:
        raise RulesError(str(path), key, f"also set in {declared[key]}, in the same directory; keep one")
    declared[key] = str(path)


def _validate_config(entries: dict[str, tuple[Any, str]]) -> ValidateConfig:
    defaults = ValidateConfig()
    values = {}
    for key, (value, source) in entries.items():
        table = Table({key: value}, source, "validate")
        if key == "max_edits":
            values[key] = table.int(key, minimum=0)
        elif key == "min_similarity":
            values[key] = table.float(key, lo=0.0, hi=1.0)
        elif key in ("reject_equivalent", "dedupe"):
            values[key] = table.bool(key)
        else:
            raise table.error(key, f"unknown key (allowed: {', '.join(ValidateConfig.__dataclass_fields__)})")
    return ValidateConfig(**{**defaults.__dict__, **values})
