"""The one config object of `trainer fit`: a TOML file, then ``--set key=value`` overrides, checked as read.

Every key has a type and a range (pydantic, strict: TOML says what a value is, so ``batch_size = "eight"`` and
``bml.alpha = "0.1"`` are refused rather than guessed at), and a bad value is one line naming the key, the value
and what was expected, before any data or model is loaded. The ``[bml]`` table is its own model so the loss can
grow settings without touching the rest. Imports neither torch nor transformers: `trainer fit --help` lists these
keys from here.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib

from . import DataError
from .prompts import PROMPTS

# What bml.repr may be (here, not in trainer.bml: that imports torch, and this module must not).
REPRS = ("span", "divergence", "loglik", "embedding", "decoder")

STRICT = ConfigDict(strict=True, extra="forbid", populate_by_name=True, protected_namespaces=())
SCHEDULERS = Literal["linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup",
                     "inverse_sqrt"]


class BmlConfig(BaseModel):
    """The ``[bml]`` table: the bidirectional margin loss over soft negatives (trainer/bml.py, docs/trainer.md).

    Unset α/β/λ/similarity take the repr's defaults (trainer.bml.DEFAULTS); ``beta = inf`` is the one-sided hinge."""

    model_config = STRICT
    repr: str = Field("span", description="what is compared: span (the default: mean log-prob over the edited "
                                         "span, each text on its own prefix), divergence (log-prob of gold vs "
                                         "negative token where the texts part), loglik (mean log-prob per token), "
                                         "embedding or decoder (cosine, the paper's)")
    similarity: str | None = Field(None, description="span: span-logprob; divergence: token-logprob; "
                                                     "loglik: mean-logprob | sum-logprob; others: cosine")
    alpha: float | None = Field(None, ge=0, description="lower margin: a negative must sit at least α below the gold")
    beta: float | None = Field(None, ge=0, description="upper margin: and at most β below it (inf: one-sided)")
    lambda_: float | None = Field(None, ge=0, alias="lambda", description="weight of BML in L = NLL + λ·BML")
    reduction: str = Field("mean", description="over an example's negatives (the reference: sum)")

    @field_validator("beta", mode="before")
    @classmethod
    def _inf(cls, value):
        """``--set bml.beta=inf`` arrives as the string "inf"."""
        return math.inf if isinstance(value, str) and value.strip().lower() in ("inf", "infinity") else value


class FitConfig(BaseModel):
    model_config = STRICT

    shards: str = Field(description="an `snaug generate --out` directory")
    output_dir: str = Field("runs/snse", description="checkpoints, the final model and its tokenizer")
    model: str | None = Field(None, description="a local pretrained T5 directory (save_pretrained layout)")
    t5_config: dict[str, Any] = Field(default_factory=dict, alias="model_config",
                                      description="or a T5 config table to build a model from scratch")
    tokenizer: str | None = Field(None, description="a local tokenizer directory; default: the model's "
                                                    "(required from scratch: `trainer tokenizer build`)")
    features: str | None = Field(None, description="image features: .npy (+ feature_map) or .parquet")
    feature_map: str | None = Field(None, description="the .npy's id → row JSON (default: name_map.json beside it)")
    image_dim: int | None = Field(None, ge=1, description="image feature width (default: from the features)")
    stage: Literal["rationale", "answer"] = Field("rationale", description="rationale (stage 1, NLL + BML) or "
                                                                          "answer (stage 2, NLL)")
    rationales: str | None = Field(None, description="stage 2: train on stage-1 predictions (JSONL), not gold")
    prompt: Literal[tuple(PROMPTS)] = Field("QCM-E", description="QCM-E (solution) or QCM-LE (lecture+solution)")
    split: str = Field("train", description="the split to train on")
    kinds: list[str] | None = Field(None, description="negative kinds to draw from (default: all in the shards)")
    k: int = Field(5, ge=0, description="negatives per example per epoch (the reference's 5; see docs/trainer.md)")
    use_caption: bool = Field(True, description="the image caption joins the context, as Multimodal-CoT's "
                                                "--use_caption")
    bml: BmlConfig = Field(default_factory=BmlConfig, description="the [bml] table: repr, similarity, alpha, "
                                                                  "beta, lambda, reduction")
    seed: int = Field(0, description="seeds the model init, data order and negative draws")
    epochs: float = Field(1.0, gt=0, description="training epochs (max_steps wins when set)")
    max_steps: int = Field(-1, ge=-1, description="stop after this many optimizer steps (-1: use epochs)")
    batch_size: int = Field(8, ge=1, description="examples per device per step")
    grad_accum: int = Field(1, ge=1, description="gradient accumulation steps")
    lr: float = Field(5e-5, gt=0, description="peak learning rate (AdamW)")
    weight_decay: float = Field(0.0, ge=0, description="AdamW weight decay")
    warmup_steps: float = Field(0, ge=0, description="warmup: steps, or a fraction of the run below 1")
    max_grad_norm: float = Field(1.0, ge=0, description="clip the gradient's global norm to this (0: no "
                                                        "clipping); NLL and BML share one clip")
    scheduler: SCHEDULERS = Field("linear", description="learning-rate schedule (transformers' names)")
    precision: Literal["auto", "bf16", "fp16", "fp32"] = Field(
        "auto", description="auto: bf16 on a GPU that has it, else fp32; fp16 only when asked")
    max_input_len: int = Field(512, ge=1, description="input tokens kept")
    max_target_len: int = Field(512, ge=1, description="rationale / answer tokens kept")
    logging_steps: int = Field(10, ge=1, description="log loss, nll, bml, inside every N steps")
    save_steps: int = Field(500, ge=1, description="checkpoint every N steps")
    save_total_limit: int | None = Field(2, ge=1, description="checkpoints kept")
    dataloader_workers: int = Field(0, ge=0, description="DataLoader worker processes")
    verify: bool = Field(True, description="check the shards against their manifest first (--no-verify: skip)")

    @field_validator("kinds", mode="before")
    @classmethod
    def _one_kind_is_a_list(cls, value):
        """``kinds = "negation"`` (or ``--set kinds=negation,number``) is a list, not letters."""
        if isinstance(value, str):
            return [k.strip() for k in value.split(",") if k.strip()]
        return value

    @classmethod
    def load(cls, path: str | Path | None = None, overrides: list[str] = ()) -> "FitConfig":
        values: dict = {}
        origin: dict[str, str] = {}                  # key (dotted) → where its value came from, for messages
        if path:
            path = Path(path)
            if not path.is_file():
                raise DataError(f"{path}: no such config file")
            try:
                with open(path, "rb") as fh:
                    values = tomllib.load(fh)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise DataError(f"{path}: not valid TOML: {exc}") from None
            origin = {key: str(path) for key in values}
        for item in overrides:
            key, sep, text = item.partition("=")
            key = key.strip()
            if not sep or not key:
                raise DataError(f"--set {item!r}: expected KEY=VALUE")
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = text                          # a bare string: --set model=runs/x
            *parents, leaf = key.split(".")
            slot = values
            for part in parents:
                slot = slot.setdefault(part, {})
                if not isinstance(slot, dict):
                    raise DataError(f"--set {item!r}: {part} is not a table")
            slot[leaf] = value
            origin[key] = "--set"
        try:
            config = cls.model_validate(values)
        except ValidationError as exc:
            raise DataError("; ".join(_describe(e, origin, path) for e in exc.errors())) from None
        config.check(str(path) if path else "config")
        return config

    def check(self, where: str = "config") -> None:
        """What the types cannot say: relations between keys and local paths that must exist."""
        try:
            self.bml_spec()
        except ValueError as exc:
            raise DataError(f"{where}: {exc}") from None
        if self.rationales and self.stage != "answer":
            raise DataError(f"{where}: `rationales` (stage-1 predictions) feed stage 'answer' only")
        if not self.model and not self.t5_config:
            raise DataError(f"{where}: give `model` (a pretrained directory) or `model_config` (to build from scratch)")
        if not self.model and not self.tokenizer:
            raise DataError(f"{where}: a model built from scratch needs `tokenizer` (see `trainer tokenizer build`)")
        # Local paths are local: a missing directory is an error here, never a name looked up on the Hub.
        for key, kind in (("shards", "dir"), ("model", "dir"), ("tokenizer", "dir"), ("features", "file"),
                          ("feature_map", "file"), ("rationales", "file")):
            value = getattr(self, key)
            if value and not (Path(value).is_dir() if kind == "dir" else Path(value).is_file()):
                what = "directory" if kind == "dir" else "file"
                raise DataError(f"{where}: {key} = {value!r}: no such {what}")

    def bml_spec(self):
        """The trainer.bml.BMLSpec these keys describe (defaults filled in per repr)."""
        from .bml import BMLSpec

        b = self.bml
        return BMLSpec(b.repr, b.similarity, b.alpha, b.beta, b.lambda_, b.reduction)

    def dump(self) -> dict:
        return self.model_dump(by_alias=True)


def _describe(error: dict, origin: dict[str, str], path) -> str:
    loc = ".".join(str(p) for p in error["loc"])
    where = origin.get(loc) or origin.get(str(error["loc"][0])) or (str(path) if path else "config")
    if error["type"] == "extra_forbidden":
        known = FitConfig.model_fields if len(error["loc"]) == 1 else BmlConfig.model_fields
        names = sorted(f.alias or name for name, f in known.items())
        return f"{where}: unknown key {loc!r} (known: {', '.join(names)})"
    if error["type"] == "missing":
        return f"{where}: `{loc}` is required ({FitConfig.model_fields[loc].description})"
    value = error["input"]
    toml = {str: "a string", bool: "a boolean", int: "an integer", float: "a float", dict: "a table",
            list: "an array"}.get(type(value), type(value).__name__)
    return f"{where}: {loc} = {value!r} ({toml}): {error['msg'].replace('Input should', 'should')}"


def describe_keys() -> list[tuple[str, str, str]]:
    """(key, type, what) for every config key, for `trainer fit --help` and the docs."""
    rows = []
    for prefix, model in (("", FitConfig), ("bml.", BmlConfig)):
        for name, f in model.model_fields.items():
            if name == "bml" and model is FitConfig:
                continue
            if get_origin(f.annotation) is Literal:
                kind = " | ".join(get_args(f.annotation))
            else:
                kind = getattr(f.annotation, "__name__", None) or str(f.annotation).replace("typing.", "")
            default = "required" if f.is_required() else f"default {f.get_default(call_default_factory=True)!r}"
            rows.append((prefix + (f.alias or name), kind, f"{f.description} [{default}]"))
    return rows
