"""`trainer fit`: build data and model from a FitConfig and train with transformers' Seq2SeqTrainer.

The Trainer does what it does well (optimiser, schedule, accumulation, mixed precision, checkpoints, resume,
DDP under torchrun); this module adds only the SNSE-CoT parts: the loss lives in the model's forward (one forward
per step, as DDP expects), NLL / BML / in-band share are logged separately (averaged over every rank under DDP, as
the Trainer does for the loss), and each epoch draws new negatives.
"""
from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import torch
from transformers import AutoTokenizer, Seq2SeqTrainer, Seq2SeqTrainingArguments, T5Config, TrainerCallback

from . import DataError
from .config import FitConfig
from .data import Collator, Features, ShardDataset, read_rationales
from .model import SnseT5, SnseT5Config


class SnseTrainer(Seq2SeqTrainer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The loss is already a mean over tokens; let the Trainer scale it for gradient accumulation itself.
        self.model_accepts_loss_kwargs = False
        self._parts: dict[str, list[torch.Tensor]] = defaultdict(list)

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        outputs = model(**inputs)
        if model.training:
            for key in ("nll", "bml", "inside"):
                self._parts[key].append(outputs[key].detach().float())
        return (outputs.loss, outputs) if return_outputs else outputs.loss

    def log(self, logs: dict[str, float], start_time: float | None = None) -> None:
        # Every rank reaches a training log (the Trainer gathers the loss there too), so the parts are averaged
        # over all ranks here, not reported from rank 0's batches alone.
        if "loss" in logs:
            logs.update(mean_across_ranks(self._parts, self.args.device))
            self._parts.clear()
        super().log(logs, start_time)


def mean_across_ranks(parts: dict[str, list[torch.Tensor]], device) -> dict[str, float]:
    """The mean of each logged part over every step of every rank since the last log (one all-reduce under DDP;
    every rank must call it)."""
    keys = ("nll", "bml", "inside")
    totals = torch.tensor([float(torch.stack(parts[k]).sum()) if parts.get(k) else 0.0 for k in keys]
                          + [float(len(parts.get("nll", [])))], dtype=torch.float64, device=device)
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        torch.distributed.all_reduce(totals)
    count = totals[-1].item()
    return {k: round(t / count, 6) for k, t in zip(keys, totals[:-1].tolist())} if count else {}


class NewNegativesEachEpoch(TrainerCallback):
    def __init__(self, dataset: ShardDataset):
        self.dataset = dataset

    def on_epoch_begin(self, args, state, control, **kwargs):
        self.dataset.epoch = int(state.epoch or 0)


def _precision(config: FitConfig) -> dict:
    """auto: bf16 where the GPU has it, else fp32. fp16 overflows in T5's feed-forward layers (its activations
    outgrow 65,504), so it is used only when asked for."""
    cuda = torch.cuda.is_available()
    choice = config.precision
    if choice == "auto":
        choice = "bf16" if cuda and torch.cuda.is_bf16_supported() else "fp32"
    if choice != "fp32" and not cuda:
        raise DataError(f"precision {choice} needs a GPU; use fp32 (or auto) on CPU")
    return {"bf16": choice == "bf16", "fp16": choice == "fp16"}


def _distributed_on_cpu() -> bool:
    """Under torchrun without GPUs DDP needs gloo (NCCL is GPU-only)."""
    return not torch.cuda.is_available() and int(os.environ.get("WORLD_SIZE", "1")) > 1


def check_t5_config(values: dict) -> None:
    """model_config keys are T5Config's, with values of the type of its defaults: a typo is an error, not ignored."""
    defaults = T5Config().to_dict()
    for key, value in values.items():
        if key not in defaults:
            raise DataError(f"config: model_config.{key} is not a T5Config key (e.g. d_model, num_layers, "
                            f"num_heads, d_ff, d_kv, num_decoder_layers, dropout_rate)")
        default = defaults[key]
        expected = float if isinstance(default, float) else type(default)
        ok = value is None or default is None or (isinstance(value, expected) and not
                                                  (isinstance(value, bool) and expected is not bool)) \
            or (expected is float and isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            raise DataError(f"config: model_config.{key} = {value!r}: should be {expected.__name__}")


TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "spiece.model")


def local_tokenizer(path: str):
    """A tokenizer from a local directory; never a name looked up on the Hugging Face Hub."""
    if not Path(path).is_dir():
        raise DataError(f"tokenizer {path!r}: no such directory")
    if not any((Path(path) / name).is_file() for name in TOKENIZER_FILES):
        raise DataError(f"tokenizer {path!r}: no tokenizer there (none of {', '.join(TOKENIZER_FILES)})")
    try:
        return AutoTokenizer.from_pretrained(path, local_files_only=True)
    except Exception as exc:                # a damaged file surfaces as any of several types, by tokenizer class
        raise DataError(f"tokenizer {path!r}: no tokenizer there ({str(exc).strip().splitlines()[0]})") from None


def build_model(config: FitConfig, tokenizer, image_dim: int) -> SnseT5:
    bml = {"bml": config.bml_spec().to_dict()}
    if config.model:
        try:
            return SnseT5.from_pretrained(config.model, image_dim=image_dim, local_files_only=True, **bml)
        except (OSError, ValueError) as exc:
            raise DataError(f"model {config.model!r}: not a pretrained T5 directory "
                            f"({str(exc).strip().splitlines()[0]})") from None
    check_t5_config(config.t5_config)
    model_config = SnseT5Config(**{**config.t5_config, "vocab_size": len(tokenizer), "image_dim": image_dim,
                                   "pad_token_id": tokenizer.pad_token_id, "eos_token_id": tokenizer.eos_token_id,
                                   "decoder_start_token_id": tokenizer.pad_token_id, **bml})
    torch.manual_seed(config.seed)
    return SnseT5(model_config)


def fit(config: FitConfig, resume: bool | str = False) -> dict:
    out = Path(config.output_dir)
    if resume and not (isinstance(resume, str) or any(out.glob("checkpoint-*"))):
        raise DataError(f"--resume: no checkpoint in {out}")
    tokenizer = local_tokenizer(config.tokenizer or config.model)
    features = Features.load(config.features, config.feature_map) if config.features else None
    image_dim = config.image_dim or (features.shape[1] if features else 256)
    dataset = ShardDataset(config.shards, tokenizer, config.split, config.kinds, config.k, config.seed,
                           config.prompt, features, config.max_input_len, config.max_target_len, config.stage,
                           read_rationales(config.rationales) if config.rationales else None, config.verify,
                           config.use_caption)
    if dataset.dropped_identical and int(os.environ.get("RANK", "0")) == 0:
        dropped = sum(dataset.dropped_identical.values())
        print(f"{dropped} of {dropped + dataset.negatives_kept} negatives equal their gold after truncation to "
              f"max_target_len {config.max_target_len} and were dropped ("
              + ", ".join(f"{k} {v}" for k, v in sorted(dataset.dropped_identical.items())) + ")", file=sys.stderr)
    model = build_model(config, tokenizer, image_dim)
    args = Seq2SeqTrainingArguments(
        output_dir=str(out), per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum, learning_rate=config.lr, weight_decay=config.weight_decay,
        warmup_steps=config.warmup_steps, lr_scheduler_type=config.scheduler, num_train_epochs=config.epochs,
        max_grad_norm=config.max_grad_norm,
        max_steps=config.max_steps, logging_steps=config.logging_steps, logging_first_step=True,
        save_strategy="steps", save_steps=config.save_steps, save_total_limit=config.save_total_limit,
        seed=config.seed, data_seed=config.seed, report_to=[], remove_unused_columns=False,
        dataloader_num_workers=config.dataloader_workers, use_cpu=not torch.cuda.is_available(),
        ddp_backend="gloo" if _distributed_on_cpu() else None, **_precision(config),
    )
    trainer = SnseTrainer(model=model, args=args, train_dataset=dataset,
                          data_collator=Collator(tokenizer.pad_token_id, features.shape if features else None),
                          callbacks=[NewNegativesEachEpoch(dataset)])
    result = trainer.train(resume_from_checkpoint=resume or None)
    if trainer.is_world_process_zero():
        trainer.save_model(str(out))
        tokenizer.save_pretrained(str(out))
        (out / "fit_config.json").write_text(json.dumps(config.dump(), indent=2) + "\n")
        with open(out / "log_history.jsonl", "w") as fh:
            for entry in trainer.state.log_history:
                fh.write(json.dumps(entry) + "\n")
    return {"global_step": result.global_step, "training_loss": result.training_loss,
            "log_history": trainer.state.log_history}
