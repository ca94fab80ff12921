"""`trainer fit`: build data and model from a FitConfig and train with transformers' Seq2SeqTrainer.

The Trainer does what it does well (optimiser, schedule, accumulation, mixed precision, checkpoints, resume,
DDP under torchrun); this module adds only the SNSE-CoT parts: the loss lives in the model's forward (one forward
per step, as DDP expects), NLL / BML / in-band share are logged separately, and each epoch draws new negatives.
"""
from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

import torch
from transformers import (AutoTokenizer, Seq2SeqTrainer, Seq2SeqTrainingArguments, TrainerCallback)

from .config import FitConfig
from .data import Collator, DataError, Features, ShardDataset, read_rationales
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
        if "loss" in logs and self._parts:
            for key, values in self._parts.items():
                logs[key] = round(torch.stack(values).mean().item(), 6)
            self._parts.clear()
        super().log(logs, start_time)


class NewNegativesEachEpoch(TrainerCallback):
    def __init__(self, dataset: ShardDataset):
        self.dataset = dataset

    def on_epoch_begin(self, args, state, control, **kwargs):
        self.dataset.epoch = int(state.epoch or 0)


def _precision(config: FitConfig) -> dict:
    cuda = torch.cuda.is_available()
    choice = config.precision
    if choice == "auto":
        choice = ("bf16" if torch.cuda.is_bf16_supported() else "fp16") if cuda else "fp32"
    if choice != "fp32" and not cuda:
        raise DataError(f"precision {choice} needs a GPU; use fp32 (or auto) on CPU")
    return {"bf16": choice == "bf16", "fp16": choice == "fp16"}


def _distributed_on_cpu() -> bool:
    """Under torchrun without GPUs DDP needs gloo (NCCL is GPU-only)."""
    return not torch.cuda.is_available() and int(os.environ.get("WORLD_SIZE", "1")) > 1


def build_model(config: FitConfig, tokenizer, image_dim: int) -> SnseT5:
    bml = {"bml": config.bml_spec().to_dict()}
    if config.model:
        return SnseT5.from_pretrained(config.model, image_dim=image_dim, **bml)
    model_config = SnseT5Config(**{**config.model_config, "vocab_size": len(tokenizer), "image_dim": image_dim,
                                   "pad_token_id": tokenizer.pad_token_id, "eos_token_id": tokenizer.eos_token_id,
                                   "decoder_start_token_id": tokenizer.pad_token_id, **bml})
    torch.manual_seed(config.seed)
    return SnseT5(model_config)


def fit(config: FitConfig, resume: bool | str = False) -> dict:
    out = Path(config.output_dir)
    if resume and not (isinstance(resume, str) or any(out.glob("checkpoint-*"))):
        raise DataError(f"--resume: no checkpoint in {out}")
    tokenizer = AutoTokenizer.from_pretrained(config.tokenizer or config.model)
    features = Features.load(config.features, config.feature_map) if config.features else None
    image_dim = config.image_dim or (features.shape[1] if features else 256)
    dataset = ShardDataset(config.shards, tokenizer, config.split, config.kinds, config.k, config.seed,
                           config.prompt, features, config.max_input_len, config.max_target_len, config.stage,
                           read_rationales(config.rationales) if config.rationales else None, config.use_caption)
    if dataset.dropped_identical:
        dropped = sum(dataset.dropped_identical.values())
        print(f"{dropped} of {dropped + dataset.negatives_kept} negatives equal their gold after truncation to "
              f"max_target_len {config.max_target_len} and were dropped ("
              + ", ".join(f"{k} {v}" for k, v in sorted(dataset.dropped_identical.items())) + ")", file=sys.stderr)
    model = build_model(config, tokenizer, image_dim)
    args = Seq2SeqTrainingArguments(
        output_dir=str(out), per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum, learning_rate=config.lr, weight_decay=config.weight_decay,
        warmup_steps=config.warmup_steps, lr_scheduler_type=config.scheduler, num_train_epochs=config.epochs,
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
        (out / "fit_config.json").write_text(json.dumps(asdict(config), indent=2) + "\n")
        with open(out / "log_history.jsonl", "w") as fh:
            for entry in trainer.state.log_history:
                fh.write(json.dumps(entry) + "\n")
    return {"global_step": result.global_step, "training_loss": result.training_loss,
            "log_history": trainer.state.log_history}
