"""L = NLL + λ·BML for one batch, under a BMLSpec (trainer/bml.py says what each ``repr`` compares).

The encoder and the image fusion run once per example. ``divergence``, ``embedding`` and ``decoder`` need one
decoder pass (the gold's); ``span`` and ``loglik`` run the gold and its K negatives through the decoder in one
batched call. Whatever the repr, the BML gradient reaches only parameters that NLL trains too: no head of its own,
and the vocabulary rows that stand for the positive and the negatives are constants (``detach``), so the loss falls
only if what the model predicts changes.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .bml import BMLSpec, edited_spans, first_divergence, sequence_logprob, token_logprob
from .losses import masked_mean


@dataclass
class LossParts:
    loss: torch.Tensor
    nll: torch.Tensor             # mean token NLL of the gold rationale
    bml: torch.Tensor             # the margin term before λ (still attached: tests check its gradients)
    inside: torch.Tensor          # share of valid Δ inside [−β, −α], detached
    logits: torch.Tensor | None = None


def compute(model, batch: dict, spec: BMLSpec | None = None) -> LossParts:
    spec = spec or BMLSpec()
    labels = batch["labels"]
    mask = batch["attention_mask"]
    enc = model.encode(batch["input_ids"], mask, batch.get("image_features"), batch.get("has_image"))
    neg_labels = batch.get("neg_labels")
    use_bml = spec.lam > 0 and neg_labels is not None and neg_labels.shape[1] > 0
    valid = batch.get("neg_valid")

    if not use_bml or spec.repr in ("embedding", "decoder", "divergence"):
        states, logits = model.decode(labels, enc, mask)
        nll = F.cross_entropy(logits.flatten(0, 1).float(), labels.flatten(), ignore_index=-100)
        if not use_bml:
            zero = nll.detach() * 0
            return LossParts(nll, nll, zero, zero, logits)
        if spec.repr == "divergence":
            # Before c gold and negative share the prefix, so the gold's pass scores both next tokens.
            d = first_divergence(labels, neg_labels)
            rows = d.position.clamp(max=labels.shape[1] - 1).unsqueeze(-1).expand(-1, -1, logits.shape[-1])
            logp = logits.gather(1, rows).float().log_softmax(-1)             # (B, K, V): only the rows at c
            pick = lambda tokens: logp.gather(-1, tokens.clamp(min=0).unsqueeze(-1)).squeeze(-1)  # noqa: E731
            delta = pick(d.negative) - pick(d.gold)
            margin, inside = spec.margin(delta, valid & d.defined)
            return LossParts(nll + spec.lam * margin, nll, margin, inside, logits)
        gold = labels != -100
        if spec.repr == "embedding":
            vocab = model.get_input_embeddings().weight.detach()
            anchor = masked_mean(logits.softmax(-1).to(vocab.dtype) @ vocab, gold)
        else:
            vocab = model.get_output_embeddings().weight.detach()
            anchor = masked_mean(states, gold)
        positive = masked_mean(vocab[labels.clamp(min=0)], gold)
        negatives = masked_mean(vocab[neg_labels.clamp(min=0)], neg_labels != -100)
        delta = _cos(anchor.unsqueeze(1), negatives) - _cos(anchor, positive).unsqueeze(1)
    else:                                                                          # span, loglik
        b, k, length = neg_labels.shape
        width = max(length, labels.shape[1])
        rows = torch.cat([F.pad(labels, (0, width - labels.shape[1]), value=-100).unsqueeze(1),
                          F.pad(neg_labels, (0, width - length), value=-100)], dim=1)         # (B, 1+K, L)
        flat = rows.flatten(0, 1)
        _, logits_all = model.decode(flat, enc.repeat_interleave(k + 1, dim=0), mask.repeat_interleave(k + 1, dim=0))
        logits = logits_all.view(b, k + 1, width, -1)[:, 0, :labels.shape[1]]
        nll = F.cross_entropy(logits.flatten(0, 1).float(), labels.flatten(), ignore_index=-100)
        if spec.repr == "span":                  # each text's mean log-prob over its own edited span
            tok = token_logprob(logits_all, flat).view(b, k + 1, width)
            gold_span, neg_span = edited_spans(labels, neg_labels)
            gold_tok = tok[:, :1, :gold_span.shape[-1]].expand(b, k, -1)
            mean = lambda x, m: (x * m).sum(-1) / m.sum(-1).clamp(min=1)  # noqa: E731
            delta = mean(tok[:, 1:, :neg_span.shape[-1]], neg_span.float()) - mean(gold_tok, gold_span.float())
            valid = valid & gold_span.any(-1)    # a negative equal to its gold has no span
        else:
            logp = sequence_logprob(logits_all, flat, normalise=spec.similarity == "mean-logprob").view(b, k + 1)
            delta = logp[:, 1:] - logp[:, :1]
    margin, inside = spec.margin(delta.float(), valid)
    return LossParts(nll + spec.lam * margin, nll, margin, inside, logits)


def _cos(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return F.cosine_similarity(a.float(), b.float(), dim=-1)
