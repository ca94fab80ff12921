"""The bidirectional margin loss (BML) as one named spec: what is compared, how, the band, the weight, and how the
K negatives of an example are combined.

    Δ_k  = sim(a, n_k) − sim(a, p)                        per soft negative n_k of an example
    BML  = reduce_k [ ReLU(Δ_k + α) + ReLU(−Δ_k − β) ]     zero exactly when −β ≤ Δ_k ≤ −α
    L    = NLL + λ · mean over examples with ≥ 1 negative of BML

β = inf is the one-sided hinge (push the negative down by α, never pull it back). What a, p, n and sim are is the
``repr`` (docs/trainer.md):

- ``span`` (default): Δ_k = the negative's mean log-prob over its edited span − the gold's over its own, each
  read on its own teacher-forced pass (``edited_spans``): from c, the first target position where the two differ,
  to where their common suffix begins, at least the token at c on each side. The shared words before and after the
  edit are left alone (after it they are the gold's own words on a shifted prefix: pushing them down would fight
  NLL), and the whole option name or number is scored (*iron wire* for *copper*), not only its first token. The
  band is in nats per token of the span; 1 + K decoder rows. The default: in the A/B it gave the largest
  preference gain within the NLL budget, over three training seeds.
- ``divergence``: Δ_k = log p(n_k[c]) − log p(g[c]) at c alone. Before c the two share their prefix, so the gold's
  own teacher-forced pass gives both log-probs: one decoder pass, no extra rows, K for free. The cheap choice:
  about 1.7 points of preference less than ``span`` in the A/B, at the same NLL cost.
- ``loglik``: Δ_k = lp̄(n_k) − lp̄(p), lp̄ the model's mean log-probability per target token (pads
  excluded), teacher-forced. The band is in nats per token. This is exactly what the preference metric of
  ``trainer evaluate`` measures, and its gradient reaches only what NLL trains (decoder, lm_head, encoder, fusion).
- ``embedding``: the paper's cosine construction, made differentiable: a = pooled expected input embedding of
  the model's teacher-forced output distribution, p/n = pooled input embeddings of their tokens.
- ``decoder``: a = pooled final decoder states on the gold rationale (the generator's own representation of the
  rationale), p/n = pooled rows of the output projection (lm_head) for their tokens: the space logits live in.

In ``embedding`` and ``decoder`` the token embeddings on the p/n side (and the anchor's embedding matrix) are
constants: the only way to lower the loss is to change the model's output distribution or its decoder states, not
to move the vocabulary. There is no projection head: a free head trained by BML alone absorbed the whole loss.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import NamedTuple

import torch
import torch.nn.functional as F

from .config import REPRS  # noqa: E402  (kept beside the config keys, which must not import torch)
SIMILARITIES = {"divergence": ("token-logprob",), "span": ("span-logprob",), "loglik": ("mean-logprob", "sum-logprob"),
                "embedding": ("cosine",), "decoder": ("cosine",)}
REDUCTIONS = ("mean", "sum")
# Per repr defaults for (α, β, λ). Cosine reprs keep SNSE-CoT's numbers; span's α is in nats per span token,
# divergence's in nats at one token, loglik's in nats per token. span, divergence and loglik: the settings of the
# A/B in examples/bml_ab.py with the largest preference gain at a val NLL cost under 3 % (docs/trainer.md).
DEFAULTS = {"span": (2.0, math.inf, 0.1), "divergence": (1.0, math.inf, 0.1), "loglik": (0.05, math.inf, 1.0),
            "embedding": (0.1, 0.3, 0.1), "decoder": (0.1, 0.3, 0.1)}


@dataclass(frozen=True)
class BMLSpec:
    repr: str = "span"
    similarity: str | None = None          # default: the repr's first (token-logprob / mean-logprob / cosine)
    alpha: float | None = None             # default: DEFAULTS[repr]
    beta: float | None = None              # inf: one-sided
    lam: float | None = None
    reduction: str = "mean"                # over an example's valid negatives; the reference sums over K = 5

    def __post_init__(self):
        if self.repr not in REPRS:
            raise ValueError(f"bml.repr must be one of {', '.join(REPRS)}, got {self.repr!r}")
        alpha, beta, lam = DEFAULTS[self.repr]
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731  (frozen)
        set_("similarity", self.similarity or SIMILARITIES[self.repr][0])
        for name, default in (("alpha", alpha), ("beta", beta), ("lam", lam)):
            value = getattr(self, name)
            try:
                set_(name, default if value is None else float(value))
            except (TypeError, ValueError):
                raise ValueError(f"bml.{name}: expected a number, got {value!r}") from None
        if self.similarity not in SIMILARITIES[self.repr]:
            raise ValueError(f"bml.similarity for repr {self.repr!r} must be one of "
                             f"{', '.join(SIMILARITIES[self.repr])}, got {self.similarity!r}")
        if not 0 <= self.alpha <= self.beta:
            raise ValueError(f"need 0 <= bml.alpha <= bml.beta, got {self.alpha}, {self.beta}")
        if self.lam < 0 or math.isinf(self.lam):
            raise ValueError(f"bml.lambda must be a finite number >= 0, got {self.lam}")
        if self.reduction not in REDUCTIONS:
            raise ValueError(f"bml.reduction must be one of {', '.join(REDUCTIONS)}, got {self.reduction!r}")

    @classmethod
    def paper(cls) -> "BMLSpec":
        """SNSE-CoT's reference setting: cosine on embeddings, α 0.1, β 0.3, λ 0.1, summed over K = 5 negatives."""
        return cls("embedding", "cosine", 0.1, 0.3, 0.1, "sum")

    @classmethod
    def from_dict(cls, values: dict | None) -> "BMLSpec":
        values = dict(values or {})
        if "lambda" in values:
            values["lam"] = values.pop("lambda")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown bml key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**values)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def one_sided(self) -> bool:
        return math.isinf(self.beta)

    def __str__(self) -> str:
        band = f"[-inf, -{self.alpha:g}]" if self.one_sided else f"[-{self.beta:g}, -{self.alpha:g}]"
        return f"{self.repr}/{self.similarity} band {band} lambda {self.lam:g} {self.reduction} over negatives"

    def margin(self, delta: torch.Tensor, valid: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return margin_loss(delta, valid, self.alpha, self.beta, self.reduction)


def margin_loss(delta: torch.Tensor, valid: torch.Tensor, alpha: float, beta: float,
                reduction: str = "mean") -> tuple[torch.Tensor, torch.Tensor]:
    """BML from Δ (B, K) with a validity mask (B, K); returns (loss, share of valid Δ inside [−β, −α]).

    Per example the valid negatives' terms are averaged (``mean``) or summed (``sum``, the reference); the loss is
    the mean over examples that have at least one valid negative. β = inf drops the lower side."""
    valid = valid.to(delta.dtype)
    per = F.relu(delta + alpha)
    if not math.isinf(beta):
        per = per + F.relu(-delta - beta)
    per = per * valid
    counts = valid.sum(dim=1)
    has = counts > 0
    if not bool(has.any()):
        zero = delta.sum() * 0.0
        return zero, zero.detach()
    per_example = per.sum(dim=1)[has]
    if reduction == "mean":
        per_example = per_example / counts[has]
    inside = (((delta >= -beta) & (delta <= -alpha)).to(delta.dtype) * valid).sum() / valid.sum()
    return per_example.mean(), inside.detach()


def token_logprob(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """log p of each target token, teacher-forced: (..., L, V), (..., L) → (..., L); pads (−100) read as 0."""
    logp = logits.float().log_softmax(-1).gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return logp * (labels != -100)


def sequence_logprob(logits: torch.Tensor, labels: torch.Tensor, normalise: bool = True) -> torch.Tensor:
    """log p of each target sequence, teacher-forced: (N, L, V), (N, L) with −100 pads → (N,).

    ``normalise``: the mean per non-pad token (nats/token), else the sum. Pads never count."""
    mask = labels != -100
    total = token_logprob(logits, labels).sum(-1)
    return total / mask.sum(-1).clamp(min=1) if normalise else total


class Divergence(NamedTuple):
    position: torch.Tensor     # (B, K): c, the first target position whose token differs
    defined: torch.Tensor      # (B, K): false when there is no single token that tells the two apart
    gold: torch.Tensor         # (B, K): the gold's token at c (−100 where not defined)
    negative: torch.Tensor     # (B, K): the negative's token at c


def first_divergence(labels: torch.Tensor, neg_labels: torch.Tensor) -> Divergence:
    """Where each negative parts from its gold, (B, Lg), (B, K, Ln) with −100 pads, and the two tokens there.

    ``defined`` is false when the two are equal (or one is a pad-padded prefix of the other, which truncation can
    make)."""
    width = max(labels.shape[1], neg_labels.shape[2])
    gold = F.pad(labels, (0, width - labels.shape[1]), value=-100).unsqueeze(1)
    neg = F.pad(neg_labels, (0, width - neg_labels.shape[2]), value=-100)
    differs = neg != gold
    c = differs.to(torch.int8).argmax(-1)                       # the first True (argmax returns the first maximum)
    at_gold = gold.expand_as(neg).gather(-1, c.unsqueeze(-1)).squeeze(-1)
    at_neg = neg.gather(-1, c.unsqueeze(-1)).squeeze(-1)
    defined = differs.any(-1) & (at_gold != -100) & (at_neg != -100)
    return Divergence(c, defined, at_gold, at_neg)


def edited_spans(labels: torch.Tensor, neg_labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Masks of the edited span of each pair: (B, K, Lg) on the gold, (B, K, Ln) on the negative. The span runs
    from c, the first position where the two differ, to the start of their common suffix, and holds at least the
    token at c on each side (an inserted "not" has no gold span of its own: the gold's token at c stands for it)."""
    b, k, ln = neg_labels.shape
    lg = labels.shape[1]
    d = first_divergence(labels, neg_labels)
    c = d.position                                                   # (B, K)
    glen = (labels != -100).sum(-1).unsqueeze(1).expand(b, k)         # (B, K)
    nlen = (neg_labels != -100).sum(-1)
    gold = labels.unsqueeze(1).expand(b, k, lg)
    # the common suffix, read from each text's end at once: t tokens back, both still at or after c and equal
    back = torch.arange(max(lg, ln), device=labels.device)
    gi, ni = (glen.unsqueeze(-1) - 1 - back), (nlen.unsqueeze(-1) - 1 - back)     # (B, K, T)
    same = (gi >= c.unsqueeze(-1)) & (ni >= c.unsqueeze(-1)) & \
        (gold.gather(-1, gi.clamp(0, lg - 1)) == neg_labels.gather(-1, ni.clamp(0, ln - 1)))
    suffix = same.long().cumprod(-1).sum(-1)
    gend = torch.maximum(glen - suffix, c + 1)
    nend = torch.maximum(nlen - suffix, c + 1)
    pos_g = torch.arange(lg, device=labels.device).view(1, 1, lg)
    pos_n = torch.arange(ln, device=labels.device).view(1, 1, ln)
    gmask = (pos_g >= c.unsqueeze(-1)) & (pos_g < gend.unsqueeze(-1)) & d.defined.unsqueeze(-1)
    nmask = (pos_n >= c.unsqueeze(-1)) & (pos_n < nend.unsqueeze(-1)) & d.defined.unsqueeze(-1)
    return gmask, nmask
