"""Masked reductions the objective and the metrics share: pads never count. The margin term itself, and the spec
that names it, live in ``trainer/bml.py``."""
from __future__ import annotations

import torch


def masked_mean(states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean over positions where ``mask`` is true: (..., L, d), (..., L) → (..., d). Pads never count."""
    mask = mask.to(states.dtype).unsqueeze(-1)
    return (states * mask).sum(dim=-2) / mask.sum(dim=-2).clamp(min=1.0)


def token_nll(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Sum of −log p over non-pad positions per sequence: (N, L, V), (N, L) with −100 pads → (N,)."""
    logp = logits.float().log_softmax(-1)
    mask = labels != -100
    picked = logp.gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return -(picked * mask).sum(-1)
