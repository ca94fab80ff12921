"""Autoregressive decoding with the fused encoder states computed once and handed to ``generate``.

transformers' ``generate`` would otherwise run the bare T5 encoder itself and skip the image fusion. With
``encoder_outputs`` given it runs the decoder only, with its KV cache (greedy or beam search from the caller's
settings), and expands the states for beams itself.
"""
from __future__ import annotations

import torch
from transformers.modeling_outputs import BaseModelOutput


@torch.no_grad()
def generate(model, batch: dict, max_new_tokens: int = 256, num_beams: int = 1, **kwargs) -> torch.Tensor:
    mask = batch["attention_mask"]
    states = model.encode(batch["input_ids"], mask, batch.get("image_features"), batch.get("has_image"))
    return model.generate(encoder_outputs=BaseModelOutput(last_hidden_state=states), attention_mask=mask,
                          max_new_tokens=max_new_tokens, num_beams=num_beams, do_sample=False, use_cache=True,
                          **kwargs)
