"""The preference metric of `trainer evaluate`: checked against models whose preferences are known."""
import math
from collections import defaultdict
from types import SimpleNamespace

import pytest
import torch
from test_trainer import tiny_model

from trainer.bml import DEFAULTS
from trainer.data import Collator, ShardDataset
from trainer.preference import format_table, measure, pair_margins, to_csv


class FixedLogProbs(torch.nn.Module):
    """Every position of every sequence predicts the same distribution, log p(token) = log_softmax(w)[token]: the
    mean log-prob of a sequence is then a mean over its token ids, computable by hand."""

    def __init__(self, weights: torch.Tensor):
        super().__init__()
        self.w = torch.nn.Parameter(weights)
        self.config = SimpleNamespace()

    def encode(self, input_ids, mask, image=None, has_image=None):
        return torch.zeros(*input_ids.shape, 1)

    def decode(self, labels, states, mask):
        return None, self.w.expand(labels.shape[0], labels.shape[1], -1)


@pytest.fixture(scope="module")
def tok(sample_run):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(sample_run / "tok")


def by_hand(rows, tok, logp, max_target=512):
    """Per kind and per rule: pairs, wins, margin sum, in-band count, from the shard rows, the tokenizer and log p
    per token."""
    cells, rules = defaultdict(lambda: [0, 0, 0.0, 0]), defaultdict(lambda: [0, 0, 0.0, 0])
    nll, tokens, dropped = 0.0, 0, 0
    mean = lambda ids: sum(logp[i] for i in ids) / len(ids)  # noqa: E731
    for row in rows:
        gold = tok("Solution: " + row["target"], truncation=True, max_length=max_target)["input_ids"]
        nll -= mean(gold) * len(gold)
        tokens += len(gold)
        for neg in row["negatives"]:
            ids = tok("Solution: " + neg["text"], truncation=True, max_length=max_target)["input_ids"]
            if ids == gold:
                dropped += 1
                continue
            m = mean(gold) - mean(ids)
            for cell in (cells[neg["kind"]], cells["ALL"], rules[neg["rule"]]):
                cell[0] += 1
                cell[1] += m > 0
                cell[2] += m
                cell[3] += DEFAULTS["loglik"][0] <= m
    return cells, rules, nll / tokens, dropped


@pytest.mark.parametrize("max_target", [512, 12])
def test_the_table_equals_a_hand_count_on_a_model_with_known_token_probabilities(sample_run, tok, max_target):
    torch.manual_seed(3)
    weights = torch.randn(len(tok)) * 2
    model = FixedLogProbs(weights)
    ds = ShardDataset(sample_run / "shards", tok, "train", k=0, max_target=max_target)
    result = measure(model, ds, Collator(tok.pad_token_id), max_rows=7)        # packs several examples per call
    cells, rules, nll, dropped = by_hand(ds.rows, tok, torch.log_softmax(weights, -1).tolist(), max_target)
    assert result["nll"] == pytest.approx(nll, abs=1e-4)
    assert sum(result["dropped_identical"].values()) == dropped and (dropped > 0) == (max_target == 12)
    assert set(result["kinds"]) == set(cells) - {"ALL"} and set(result["rules"]) == set(rules)
    for kind, got in [*result["kinds"].items(), ("ALL", result["overall"]), *result["rules"].items()]:
        pairs, wins, total, inside = cells[kind] if kind in cells else rules[kind]
        assert got["pairs"] == pairs
        assert got["accuracy"] == pytest.approx(100 * wins / pairs, abs=0.01)
        assert got["margin"] == pytest.approx(total / pairs, abs=1e-4)
        assert got["in_band"] == pytest.approx(100 * inside / pairs, abs=0.01)
    assert result["band"] == [DEFAULTS["loglik"][0], "inf"]
    table = format_table(result)
    assert "gold wins %" in table and "ALL" in table
    csv = to_csv(result).splitlines()
    assert f"ALL,,{result['overall']['pairs']}," in "\n".join(csv)
    assert sum(int(row.split(",")[2]) for row in csv[1:] if row.split(",")[1]) == result["overall"]["pairs"]
    # under each kind with more than one rule, its rules (untruncated, with or without a parser, the number kind
    # has several; cut at 12 tokens most negatives equal their gold and are dropped)
    several = {k for k in result["kinds"] if sum(r.startswith(f"{k}.") for r in rules) > 1}
    assert (several or max_target == 12) and all((f"  {r.partition('.')[2]} " in table) == (r.partition(".")[0] in several) for r in rules)


def test_equal_likelihoods_are_not_a_preference(sample_run, tok):
    ds = ShardDataset(sample_run / "shards", tok, "train", k=0)
    result = measure(FixedLogProbs(torch.zeros(len(tok))), ds, Collator(tok.pad_token_id))
    assert result["overall"]["accuracy"] == 0.0 and result["overall"]["margin"] == pytest.approx(0.0, abs=1e-6)
    assert result["nll"] == pytest.approx(math.log(len(tok)), rel=1e-5)


def memorise(model, ds, tok, index, target_ids, steps=60):
    """NLL on one (input, target) pair until the model has it by heart."""
    item = ds[index]
    item.labels, item.negatives = target_ids, []
    batch = Collator(tok.pad_token_id)([item])
    opt = torch.optim.Adam(model.parameters(), 1e-2)
    for _ in range(steps):
        model(**batch).loss.backward()
        opt.step()
        opt.zero_grad()
    return model.eval()


def test_a_model_taught_the_gold_prefers_it_and_one_taught_a_negative_prefers_that(sample_run, tok):
    ds = ShardDataset(sample_run / "shards", tok, "train", k=0)
    index = next(i for i, pool in enumerate(ds.pools) if len(pool) >= 2)
    gold = ds[index].labels
    taught_gold = memorise(tiny_model(vocab_size=len(tok), bml={"lam": 0}), ds, tok, index, gold)
    pairs, _, _ = pair_margins(taught_gold, ds, [index], Collator(tok.pad_token_id))
    assert len(pairs) == len(ds.pools[index]) and all(m > 0.1 for _, _, m in pairs)
    kind, negative = ds.pools[index][0]
    taught_negative = memorise(tiny_model(vocab_size=len(tok), bml={"lam": 0}), ds, tok, index, negative)
    pairs, _, _ = pair_margins(taught_negative, ds, [index], Collator(tok.pad_token_id))
    assert pairs[0][1] == kind and pairs[0][2] < -0.1
