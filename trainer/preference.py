"""Does the model reject soft negatives? The share of (gold, negative) pairs it prefers the gold in.

For each example, the gold rationale and every one of its negatives (of the requested kinds; those equal to the
gold after truncation are dropped and counted) are scored teacher-forced in one batched decoder call on the
fused encoder states. A pair's margin is

    m = lp̄(gold) − lp̄(negative)        lp̄ = mean log-probability per target token, pads excluded (nats/token)

Per kind, per rule and overall: ``accuracy`` = % of pairs with m > 1e-6 (a tie, up to float noise, is not a preference), ``margin`` = mean m,
``in_band`` = % of pairs with α ≤ m ≤ β, the BML band of the ``loglik`` repr (−β ≤ Δ ≤ −α with Δ = −m). The
pass also gives the gold's token NLL (``nll``), the number a language-model loss is compared by. Length
normalisation matters: a negation adds a token, and an unnormalised sum would prefer whichever text is shorter.

Per rule, because a kind's rules can move apart: BML on a small model can learn that "not" is rare (negatives that
insert a negation, ``negation.aux_insert``, are rejected more often) while getting worse on the negatives that
remove one (``negation.aux_remove``): a lexical prior, not an understanding of when the negation is right. The
kind's row alone hides that.
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
    by_rule: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
    pairs, nll_sum, tokens = pair_margins(model, dataset, list(range(n)), collator, max_rows)
    rules = [rule for i in range(n) for rule in dataset.pool_rules[i]]       # pair_margins' order
    for (_, kind, m), rule in zip(pairs, rules, strict=True):
        for cell in (cells[kind], cells["ALL"], by_rule[rule]):
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
            "rules": {r: row(by_rule[r]) for r in sorted(by_rule)},
            "overall": row(cells["ALL"]),
            "dropped_identical": dict(sorted(dataset.dropped_identical.items()))}


def format_table(result: dict) -> str:
    alpha, beta = result["band"]
    lines = [f"preference for the gold over its soft negatives (mean log-prob per token; band "
             f"{alpha} <= margin <= {beta}):",
             f"{'kind':<24}{'pairs':>8}{'gold wins %':>13}{'margin':>10}{'in band %':>11}"]
    fmt = lambda v, f: "-" if v is None else format(v, f)  # noqa: E731
    line = lambda name, cell: (f"{name:<24}{cell['pairs']:>8}{fmt(cell['accuracy'], '.2f'):>13}"  # noqa: E731
                               f"{fmt(cell['margin'], '.4f'):>10}{fmt(cell['in_band'], '.2f'):>11}")
    by_kind = defaultdict(list)
    for rule, cell in result.get("rules", {}).items():
        kind, _, name = rule.partition(".")
        by_kind[kind].append((name, cell))
    for kind, cell in [*result["kinds"].items(), ("ALL", result["overall"])]:
        lines.append(line(kind, cell))
        if len(by_kind[kind]) > 1:                  # each kind's rules under it: where a kind's rules move apart
            lines += [line(f"  {name}", sub) for name, sub in by_kind[kind]]
    dropped = result["dropped_identical"]
    lines.append(f"gold token NLL {fmt(result['nll'], '.4f')} over {result['examples']} examples; negatives equal "
                 f"to the gold after truncation, dropped: {sum(dropped.values())}")
    return "\n".join(lines)


def to_csv(result: dict) -> str:
    out = ["kind,rule,pairs,accuracy,margin,in_band"]         # rule empty: the kind's (or ALL's) own row
    rows = [(kind, "", cell) for kind, cell in result["kinds"].items()] + [("ALL", "", result["overall"])]
    rows += [(rule.partition(".")[0], rule.partition(".")[2], cell) for rule, cell in result.get("rules", {}).items()]
    for kind, rule, cell in rows:
        values = ["" if cell[k] is None else str(cell[k]) for k in ("pairs", "accuracy", "margin", "in_band")]
        out.append(",".join([kind, rule, *values]))
    return "\n".join(out) + "\n"
