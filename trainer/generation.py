"""Deterministic decoding of a collated batch: greedy or beam search on the fused encoder states.

``SnseT5.generate`` computes the fused states once and hands them to transformers' ``generate`` as
``encoder_outputs``, so the decoder runs with its KV cache and beams expand the states themselves.
"""
from __future__ import annotations

import torch


@torch.no_grad()
def generate(model, batch: dict, max_new_tokens: int = 256, num_beams: int = 1, **kwargs) -> torch.Tensor:
    return model.generate(batch["input_ids"], attention_mask=batch["attention_mask"],
                          image_features=batch.get("image_features"), has_image=batch.get("has_image"),
                          max_new_tokens=max_new_tokens, num_beams=num_beams, do_sample=False, use_cache=True,
                          **kwargs)
