"""Does the model reject soft negatives? The share of (gold, negative) pairs it prefers the gold in.

For each example, the gold rationale and every one of its negatives (of the requested kinds; those equal to the
gold after truncation are dropped and counted) are scored teacher-forced in one batched decoder call on the
fused encoder states. A pair's margin is

    m = lp̄(gold) − lp̄(negative)        lp̄ = mean log-probability per target token, pads excluded (nats/token)

Per kind and overall: ``accuracy`` = % of pairs with m > 1e-6 (a tie, up to float noise, is not a preference), ``margin`` = mean m,
``in_band`` = % of pairs with α ≤ m ≤ β, the BML band of the ``loglik`` repr (−β ≤ Δ ≤ −α with Δ = −m). The
pass also gives the gold's token NLL (``nll``), the number a language-model loss is compared by. Length
normalisation matters: a negation adds a token, and an unnormalised sum would prefer whichever text is shorter.
"""
from __future__ import annotations

import math
from collections import defaultdict

import torch
import torch.nn.functional as F

from .bml import DEFAULTS, BMLSpec, sequence_logprob
from .data import Collator, ShardDataset


TIE = 1e-6          # nats/token: margins this small are float noise (equal likelihoods), not a preference


def band_for(spec: BMLSpec | None) -> tuple[float, float]:
    """The model's own band when it was trained with mean-logprob loglik BML, else loglik's default band."""
    if spec is not None and spec.repr == "loglik" and spec.similarity == "mean-logprob":
        return spec.alpha, spec.beta
    return DEFAULTS["loglik"][0], DEFAULTS["loglik"][1]


def sequence_scores(model, batch: dict) -> torch.Tensor:
    """lp̄ of the gold (column 0) and of each negative (columns 1..K) of a collated batch: (B, 1 + K), nats/token.

    One encoder pass; one decoder call over B·(1 + K) rows on the repeated fused states. Invalid negative slots
    come back as NaN."""
    labels, neg = batch["labels"], batch["neg_labels"]
    b, k, length = neg.shape
    width = max(length, labels.shape[1])
    rows = torch.cat([F.pad(labels, (0, width - labels.shape[1]), value=-100).unsqueeze(1),
                      F.pad(neg, (0, width - length), value=-100)], dim=1).flatten(0, 1)
    mask = batch["attention_mask"]
    enc = model.encode(batch["input_ids"], mask, batch.get("image_features"), batch.get("has_image"))
    _, logits = model.decode(rows, enc.repeat_interleave(k + 1, dim=0), mask.repeat_interleave(k + 1, dim=0))
    scores = sequence_logprob(logits, rows).view(b, k + 1)
    gold = torch.ones((b, 1), dtype=torch.bool, device=labels.device)      # (not neg_valid[:, :1]: empty when K = 0)
    valid = torch.cat([gold, batch["neg_valid"]], dim=1)
    return scores.masked_fill(~valid, float("nan"))


@torch.no_grad()
def pair_margins(model, dataset: ShardDataset, indices: list[int], collator: Collator,
                 max_rows: int = 64) -> tuple[list[tuple[str, str, float]], float, int]:
    """(example id, kind, margin) for every (gold, negative) pair, with every negative of the example (not K);
    and the gold's summed token NLL and its token count. Examples are packed until their rows reach ``max_rows``."""
    device = next(model.parameters()).device
    pairs: list[tuple[str, str, float]] = []
    nll_sum, tokens = 0.0, 0
    chunks, chunk, rows = [], [], 0
    for index in indices:
        if chunk and rows + 1 + len(dataset.pools[index]) > max_rows:
            chunks.append(chunk)
            chunk, rows = [], 0
        chunk.append(index)
        rows += 1 + len(dataset.pools[index])
    chunks += [chunk] if chunk else []
    for chunk in chunks:
        items = [dataset[i] for i in chunk]
        for i, item in zip(chunk, items):
            item.negatives = [ids for _, ids in dataset.pools[i]]
        batch = {k: v.to(device) for k, v in collator(items).items()}
        scores = sequence_scores(model, batch).tolist()
        for i, item, row in zip(chunk, items, scores):
            nll_sum -= row[0] * len(item.labels)
            tokens += len(item.labels)
            pairs += [(item.id, kind, row[0] - row[1 + j]) for j, (kind, _) in enumerate(dataset.pools[i])]
    return pairs, nll_sum, tokens


def measure(model, dataset: ShardDataset, collator: Collator, limit: int | None = None,
            band: tuple[float, float] | None = None, max_rows: int = 64) -> dict:
    """The preference table for the first ``limit`` examples of ``dataset`` (all by default)."""
    alpha, beta = band or band_for(getattr(model.config, "bml_spec", None))
    n = len(dataset) if not limit else min(limit, len(dataset))
    cells: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])        # pairs, wins, margin sum, in band
    pairs, nll_sum, tokens = pair_margins(model, dataset, list(range(n)), collator, max_rows)
    for _, kind, m in pairs:
        for key in (kind, "ALL"):
            cell = cells[key]
            cell[0] += 1
            cell[1] += m > TIE
            cell[2] += m
            cell[3] += alpha <= m <= beta

    def row(cell):
        pairs, wins, total, inside = cell
        return {"pairs": pairs, "accuracy": round(100 * wins / pairs, 2) if pairs else None,
                "margin": round(total / pairs, 5) if pairs else None,
                "in_band": round(100 * inside / pairs, 2) if pairs else None}

    return {"examples": n, "nll": round(nll_sum / tokens, 5) if tokens else None,
            "band": [alpha, beta if not math.isinf(beta) else "inf"],
            "kinds": {k: row(cells[k]) for k in sorted(k for k in cells if k != "ALL")},
            "overall": row(cells["ALL"]),
            "dropped_identical": dict(sorted(dataset.dropped_identical.items()))}


def format_table(result: dict) -> str:
    alpha, beta = result["band"]
    lines = [f"preference for the gold over its soft negatives (mean log-prob per token; band "
             f"{alpha} <= margin <= {beta}):",
             f"{'kind':<14}{'pairs':>8}{'gold wins %':>13}{'margin':>10}{'in band %':>11}"]
    fmt = lambda v, f: "-" if v is None else format(v, f)  # noqa: E731
    for name, cell in [*result["kinds"].items(), ("ALL", result["overall"])]:
        lines.append(f"{name:<14}{cell['pairs']:>8}{fmt(cell['accuracy'], '.2f'):>13}"
                     f"{fmt(cell['margin'], '.4f'):>10}{fmt(cell['in_band'], '.2f'):>11}")
    dropped = result["dropped_identical"]
    lines.append(f"gold token NLL {fmt(result['nll'], '.4f')} over {result['examples']} examples; negatives equal "
                 f"to the gold after truncation, dropped: {sum(dropped.values())}")
    return "\n".join(lines)


def to_csv(result: dict) -> str:
    out = ["kind,pairs,accuracy,margin,in_band"]
    for name, cell in [*result["kinds"].items(), ("ALL", result["overall"])]:
        values = ["" if cell[k] is None else str(cell[k]) for k in ("pairs", "accuracy", "margin", "in_band")]
        out.append(",".join([name, *values]))
    return "\n".join(out) + "\n"
