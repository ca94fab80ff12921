"""The two loss terms: NLL on the gold rationale, and the bidirectional margin loss (BML) over soft negatives.

For an example with anchor a, positive p and soft negatives n_1..n_K (valid ones only):

    Δ_k  = sim(a, n_k) − sim(a, p)
    BML  = mean_k [ ReLU(Δ_k + α) + ReLU(−Δ_k − β) ]        zero exactly when −β ≤ Δ_k ≤ −α
    L    = NLL + λ · mean over examples with ≥ 1 negative of BML

The negative must sit below the positive by at least α (else the first term pushes it down) and by at most β
(else the second pulls it back: a soft negative is a near miss, not an unrelated text). See docs/trainer.md for
what a, p and n are under each ``bml.repr``.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F


def bml(delta: torch.Tensor, valid: torch.Tensor, alpha: float, beta: float) -> tuple[torch.Tensor, torch.Tensor]:
    """BML from Δ (B, K) with a validity mask (B, K); returns (loss, share of valid Δ inside [−β, −α])."""
    valid = valid.to(delta.dtype)
    per = (F.relu(delta + alpha) + F.relu(-delta - beta)) * valid
    counts = valid.sum(dim=1)
    has = counts > 0
    if not bool(has.any()):
        zero = delta.sum() * 0.0
        return zero, zero.detach()
    per_example = per.sum(dim=1)[has] / counts[has]
    inside = (((delta >= -beta) & (delta <= -alpha)).to(delta.dtype) * valid).sum() / valid.sum()
    return per_example.mean(), inside.detach()


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
