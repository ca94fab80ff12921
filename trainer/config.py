"""The one config object of `trainer fit`: a TOML file, then ``--set key=value`` overrides, then checks.

Keys are flat; a ``[bml]`` table is read as ``bml_repr``, ``bml_alpha``, ... so the file can group them.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib

from .data import PROMPTS, STAGES, DataError
from .bml import BMLSpec


@dataclass
class FitConfig:
    shards: str = ""                       # an `snaug generate --out` directory
    output_dir: str = "runs/snse"
    model: str | None = None               # a local pretrained T5 directory (from_pretrained), e.g. flan-t5-base
    model_config: dict = field(default_factory=dict)   # or a T5 config to build from scratch (tiny ones for tests)
    tokenizer: str | None = None           # default: the model's; required from scratch (`trainer tokenizer build`)
    features: str | None = None            # .npy (+ feature_map) or .parquet; none: text only
    feature_map: str | None = None
    image_dim: int | None = None           # taken from the features when absent
    stage: str = "rationale"               # rationale (stage 1, NLL + BML) or answer (stage 2, NLL)
    rationales: str | None = None          # stage 2: train on stage-1 predictions (JSONL id, prediction), not gold
    prompt: str = "QCM-E"
    split: str = "train"
    kinds: list[str] | None = None         # default: every kind in the shards
    k: int = 3                             # negatives per example per epoch (the reference: 5)
    use_caption: bool = True               # the image caption joins the context, as Multimodal-CoT's --use_caption
    bml_repr: str = "loglik"               # [bml]: the fields of trainer.bml.BMLSpec; None = the repr's default
    bml_similarity: str | None = None
    bml_alpha: float | None = None
    bml_beta: float | None = None          # inf: one-sided
    bml_lambda: float | None = None
    bml_reduction: str = "mean"            # over an example's negatives; the reference sums
    seed: int = 0
    epochs: float = 1.0
    max_steps: int = -1
    batch_size: int = 8
    grad_accum: int = 1
    lr: float = 5e-5
    weight_decay: float = 0.0
    warmup_steps: float = 0                # an int, or a fraction of the run below 1
    scheduler: str = "linear"
    precision: str = "auto"                # auto (bf16 on a GPU that has it, else fp16 on GPU, fp32 on CPU), bf16, fp16, fp32
    max_input_len: int = 512
    max_target_len: int = 512
    logging_steps: int = 10
    save_steps: int = 500
    save_total_limit: int | None = 2
    dataloader_workers: int = 0

    def bml_spec(self) -> BMLSpec:
        return BMLSpec(self.bml_repr, self.bml_similarity, self.bml_alpha, self.bml_beta, self.bml_lambda,
                       self.bml_reduction)

    @classmethod
    def load(cls, path: str | Path | None = None, overrides: list[str] = ()) -> "FitConfig":
        values: dict = {}
        if path:
            path = Path(path)
            if not path.is_file():
                raise DataError(f"{path}: no such config file")
            with open(path, "rb") as fh:
                try:
                    raw = tomllib.load(fh)
                except tomllib.TOMLDecodeError as exc:
                    raise DataError(f"{path}: not valid TOML: {exc}") from None
            for key, value in raw.items():
                if key == "bml" and isinstance(value, dict):
                    values.update({f"bml_{k}": v for k, v in value.items()})
                else:
                    values[key] = value
        for item in overrides:
            key, sep, text = item.partition("=")
            if not sep:
                raise DataError(f"--set {item!r}: expected key=value")
            key = key.strip().replace("bml.", "bml_")
            try:
                values[key] = json.loads(text)
            except json.JSONDecodeError:
                values[key] = text                  # a bare string: --set model=runs/x
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise DataError(f"unknown config key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        config = cls(**values)
        config.check()
        return config

    def check(self) -> None:
        if not self.shards:
            raise DataError("config: `shards` (an snaug generate --out directory) is required")
        try:
            self.bml_spec()
        except ValueError as exc:
            raise DataError(f"config: {exc}") from None
        if self.prompt not in PROMPTS:
            raise DataError(f"config: prompt must be one of {', '.join(PROMPTS)}, got {self.prompt!r}")
        if self.stage not in STAGES:
            raise DataError(f"config: stage must be one of {', '.join(STAGES)}, got {self.stage!r}")
        if self.rationales and self.stage != "answer":
            raise DataError("config: `rationales` (stage-1 predictions) feed stage 'answer' only")
        if self.precision not in ("auto", "bf16", "fp16", "fp32"):
            raise DataError(f"config: precision must be auto, bf16, fp16 or fp32, got {self.precision!r}")
        if self.model and not Path(self.model).is_dir():
            raise DataError(f"config: model {self.model!r} is not a directory (a local pretrained T5, e.g. "
                            f"flan-t5-base saved with save_pretrained)")
        if not self.model and not self.model_config:
            raise DataError("config: give `model` (a pretrained directory) or `model_config` (to build from scratch)")
        if not self.model and not self.tokenizer:
            raise DataError("config: a model built from scratch needs `tokenizer` (see `trainer tokenizer build`)")
