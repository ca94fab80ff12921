"""L = NLL + λ·BML for one batch, with the three choices of representation (``bml.repr``).

The encoder and the image fusion run once per example. ``embedding`` needs one decoder pass (the positive's);
``decoder`` and ``loglik`` run the positive and its K negatives through the decoder in one batched call.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .losses import bml, masked_mean, token_nll

REPRS = ("embedding", "decoder", "loglik")


@dataclass
class LossParts:
    loss: torch.Tensor
    nll: torch.Tensor             # mean token NLL of the gold rationale
    bml: torch.Tensor             # the margin term before λ (still attached: tests check its gradients)
    inside: torch.Tensor          # share of valid Δ inside [−β, −α], detached
    logits: torch.Tensor | None = None


def compute(model, batch: dict, repr: str = "embedding", alpha: float = 0.1, beta: float = 0.3,
            lam: float = 0.1) -> LossParts:
    labels = batch["labels"]
    mask = batch["attention_mask"]
    enc = model.encode(batch["input_ids"], mask, batch.get("image_features"), batch.get("has_image"))
    neg_labels = batch.get("neg_labels")
    use_bml = lam > 0 and neg_labels is not None and neg_labels.shape[1] > 0

    if not use_bml or repr == "embedding":
        states, logits = model.decode(labels, enc, mask)
        nll = F.cross_entropy(logits.flatten(0, 1).float(), labels.flatten(), ignore_index=-100)
        if not use_bml:
            zero = nll.detach() * 0
            return LossParts(nll, nll, zero, zero, logits)
        emb = model.get_input_embeddings().weight
        gold = labels != -100
        anchor = model.bml_head(masked_mean(logits.softmax(-1).to(emb.dtype) @ emb, gold))
        positive = model.bml_head(masked_mean(emb[labels.clamp(min=0)], gold))
        negatives = model.bml_head(masked_mean(emb[neg_labels.clamp(min=0)], neg_labels != -100))
        delta = _cos(anchor.unsqueeze(1), negatives) - _cos(anchor, positive).unsqueeze(1)
    elif repr in ("decoder", "loglik"):
        b, k, length = neg_labels.shape
        width = max(length, labels.shape[1])
        rows = torch.cat([F.pad(labels, (0, width - labels.shape[1]), value=-100).unsqueeze(1),
                          F.pad(neg_labels, (0, width - length), value=-100)], dim=1)         # (B, 1+K, L)
        flat = rows.flatten(0, 1)
        states, logits_all = model.decode(flat, enc.repeat_interleave(k + 1, dim=0),
                                          mask.repeat_interleave(k + 1, dim=0))
        logits_all = logits_all.view(b, k + 1, width, -1)
        logits = logits_all[:, 0, :labels.shape[1]]
        nll = F.cross_entropy(logits.flatten(0, 1).float(), labels.flatten(), ignore_index=-100)
        if repr == "decoder":
            pooled = model.bml_head(masked_mean(states, flat != -100)).view(b, k + 1, -1)
            anchor = model.bml_head(masked_mean(enc, mask))
            sims = _cos(anchor.unsqueeze(1), pooled)
            delta = sims[:, 1:] - sims[:, :1]
        else:
            logp = -token_nll(logits_all.flatten(0, 1), flat).view(b, k + 1)
            delta = logp[:, 1:] - logp[:, :1]
    else:
        raise ValueError(f"bml.repr must be one of {', '.join(REPRS)}, got {repr!r}")
    margin, inside = bml(delta.float(), batch["neg_valid"], alpha, beta)
    return LossParts(nll + lam * margin, nll, margin, inside, logits)


def _cos(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return F.cosine_similarity(a.float(), b.float(), dim=-1)
