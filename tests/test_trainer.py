"""The trainer on CPU with tiny models: BML values, pads, gradients, image masking, data, fit, resume, DDP."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import torch

from snaug.generate import GenerateConfig, generate
from trainer.data import Collator, DataError, Features, ShardDataset
from trainer.bml import REPRS, BMLSpec, edited_spans, first_divergence, margin_loss
from trainer.losses import masked_mean, token_nll
from trainer.model import SnseT5, SnseT5Config
from trainer.objective import compute

TINY = {"d_model": 32, "d_kv": 8, "d_ff": 64, "num_layers": 2, "num_decoder_layers": 2, "num_heads": 4}


def tiny_model(image_dim=16, vocab_size=64, **kw) -> SnseT5:
    torch.manual_seed(0)
    return SnseT5(SnseT5Config(vocab_size=vocab_size, image_dim=image_dim, pad_token_id=0, eos_token_id=1,
                               decoder_start_token_id=0, dropout_rate=0.0, **TINY, **kw))


def batch(b=2, k=3, images=True):
    g = torch.Generator().manual_seed(1)
    out = {"input_ids": torch.randint(3, 64, (b, 7), generator=g), "attention_mask": torch.ones(b, 7, dtype=torch.long),
           "labels": torch.randint(3, 64, (b, 5), generator=g), "neg_labels": torch.randint(3, 64, (b, k, 6), generator=g),
           "neg_valid": torch.ones(b, k, dtype=torch.bool)}
    out["neg_labels"][:, :, -1] = -100
    out["neg_valid"][1, 1:] = False
    out["neg_labels"][1, 1:] = -100
    if images:
        out["image_features"] = torch.randn(b, 4, 16, generator=g)
        out["has_image"] = torch.tensor([True] * (b - 1) + [False])
    return out


# -- the loss terms ------------------------------------------------------------------------------------------

def test_bml_is_zero_inside_the_band_and_linear_outside():
    delta = torch.tensor([[-0.2, 0.0, 0.5, -0.5, -0.1, -0.3]])
    terms = [0.0, 0.1, 0.6, 0.2, 0.0, 0.0]                       # ReLU(Δ+α) + ReLU(−Δ−β), α=0.1, β=0.3
    for j, expected in enumerate(terms):
        valid = torch.zeros(1, 6, dtype=torch.bool)
        valid[0, j] = True
        loss, inside = margin_loss(delta, valid, 0.1, 0.3)
        assert loss.item() == pytest.approx(expected, abs=1e-6)
        assert inside.item() == (1.0 if expected == 0 else 0.0)
    # mean over an example's valid negatives, then over examples that have any
    delta = torch.tensor([[0.0, 0.5, 9.0], [-0.5, 9.0, 9.0], [9.0, 9.0, 9.0]])
    valid = torch.tensor([[True, True, False], [True, False, False], [False, False, False]])
    loss, inside = margin_loss(delta, valid, 0.1, 0.3)
    assert loss.item() == pytest.approx(((0.1 + 0.6) / 2 + 0.2) / 2)
    assert inside.item() == 0.0
    # the reference sums over an example's negatives; β = inf is the one-sided hinge (no pull back from below)
    loss, _ = margin_loss(delta, valid, 0.1, 0.3, reduction="sum")
    assert loss.item() == pytest.approx(((0.1 + 0.6) + 0.2) / 2)
    loss, inside = margin_loss(torch.tensor([[-5.0, 0.0]]), torch.ones(1, 2, dtype=torch.bool), 0.1, float("inf"))
    assert loss.item() == pytest.approx(0.1 / 2) and inside.item() == 0.5


def test_the_spec_fills_per_repr_defaults_and_refuses_nonsense():
    assert BMLSpec().repr == "span" and BMLSpec().similarity == "span-logprob" and BMLSpec().one_sided
    paper = BMLSpec.paper()
    assert (paper.repr, paper.similarity, paper.alpha, paper.beta, paper.lam, paper.reduction) == \
        ("embedding", "cosine", 0.1, 0.3, 0.1, "sum")
    assert BMLSpec("decoder").to_dict() == {"repr": "decoder", "similarity": "cosine", "alpha": 0.1, "beta": 0.3,
                                            "lam": 0.1, "reduction": "mean"}
    assert BMLSpec.from_dict({"repr": "loglik", "beta": "inf", "lambda": 2}).lam == 2.0
    for bad in ({"repr": "cosine"}, {"repr": "embedding", "similarity": "mean-logprob"}, {"alpha": 0.5, "beta": 0.1},
                {"reduction": "max"}, {"lam": -1}):
        with pytest.raises(ValueError):
            BMLSpec.from_dict(bad)


def test_pads_never_count():
    states = torch.randn(2, 4, 3)
    mask = torch.tensor([[1, 1, 0, 0], [1, 1, 1, 1]])
    changed = states.clone()
    changed[0, 2:] = 1e6
    assert torch.allclose(masked_mean(states, mask), masked_mean(changed, mask))
    logits = torch.randn(1, 3, 10)
    labels = torch.tensor([[4, 5, -100]])
    assert torch.allclose(token_nll(logits, labels), token_nll(logits[:, :2], labels[:, :2]))


@pytest.mark.parametrize("repr", REPRS)
def test_what_lies_beyond_a_pad_does_not_change_the_loss(repr):
    model = tiny_model().eval()
    b = batch()
    base = compute(model, b, BMLSpec(repr))
    other = {**b, "neg_labels": b["neg_labels"].clone()}
    other["neg_labels"][1, 1:] = -100                 # invalid negatives: their content is irrelevant
    other["neg_labels"][1, 2, :3] = 7
    assert torch.allclose(compute(model, other, BMLSpec(repr)).loss, base.loss, atol=1e-6)


@pytest.mark.parametrize("repr", REPRS)
def test_bml_alone_sends_gradients_to_encoder_fusion_and_decoder(repr):
    model = tiny_model()
    parts = compute(model, batch(), BMLSpec(repr, alpha=2.0, beta=2.0, lam=1.0))     # every Δ is outside
    assert parts.bml.item() > 0
    parts.bml.backward()
    for name, module in (("encoder", model.encoder), ("fusion", model.fusion), ("decoder", model.decoder)):
        grads = [p.grad.abs().sum().item() for p in module.parameters() if p.grad is not None]
        assert grads and sum(grads) > 0, f"no BML gradient reaches the {name} with repr={repr}"


def test_span_compares_the_edited_spans_each_on_its_own_prefix():
    # gold 5 6 7 8 1; a substitution (one token -> two), an insertion ("not"), a deletion, and the gold itself
    labels = torch.tensor([[5, 6, 7, 8, 1]])
    neg = torch.tensor([[[5, 20, 21, 7, 8, 1], [5, 6, 30, 7, 8, 1], [5, 6, 8, 1, -100, -100],
                         [5, 6, 7, 8, 1, -100]]])
    gold, negative = edited_spans(labels, neg)
    on = lambda mask: [[i for i, x in enumerate(row) if x] for row in mask[0].tolist()]  # noqa: E731
    # the substitution's whole span; the inserted token against the gold's token at c (the gold has no span of its
    # own); the deleted token against what follows it; nothing where the texts are equal
    assert on(gold) == [[1], [2], [2], []]
    assert on(negative) == [[1, 2], [2], [2], []]
    model = tiny_model().eval()
    b = {"input_ids": torch.randint(3, 64, (1, 7)), "attention_mask": torch.ones(1, 7, dtype=torch.long),
         "labels": labels, "neg_labels": neg, "neg_valid": torch.ones(1, 4, dtype=torch.bool)}
    enc = model.encode(b["input_ids"], b["attention_mask"])
    with torch.no_grad():
        def span_mean(row, positions):
            row = row[row != -100].unsqueeze(0)
            _, logits = model.decode(row, enc, b["attention_mask"])
            logp = logits[0].log_softmax(-1)
            return sum(logp[p, row[0, p]].item() for p in positions) / len(positions)
        deltas = [span_mean(neg[0, k], on(negative)[k]) - span_mean(labels[0], on(gold)[k]) for k in range(3)]
        got = compute(model, b, BMLSpec("span", alpha=50.0, lam=1.0)).bml.item()
    assert got == pytest.approx(sum(d + 50.0 for d in deltas) / 3, abs=1e-4)      # the equal pair never counts


def test_divergence_reads_both_tokens_where_the_texts_part_from_the_gold_pass():
    # The gold and a negative share their prefix up to c, so the gold's pass must give the negative's log-prob at c
    # exactly as the negative's own pass does; Δ is that token's log-prob minus the gold's. Equal texts, and a
    # negative that is the gold cut short by truncation, have no such token and never count.
    labels = torch.tensor([[5, 6, 7, 8, 1], [9, 10, 11, 1, -100]])
    neg = torch.tensor([[[5, 6, 20, 7, 8, 1], [5, 6, 7, 8, 1, -100], [30, 6, 7, 8, 1, -100]],
                        [[9, 10, 12, 1, -100, -100], [9, 10, 11, -100, -100, -100], [9, 10, 11, 40, 1, -100]]])
    c, defined, _, _ = first_divergence(labels, neg)
    assert c.tolist() == [[2, 0, 0], [2, 3, 3]] and defined.tolist() == [[True, False, True], [True, False, True]]
    model = tiny_model().eval()
    b = {"input_ids": torch.randint(3, 64, (2, 7)), "attention_mask": torch.ones(2, 7, dtype=torch.long),
         "labels": labels, "neg_labels": neg, "neg_valid": torch.ones(2, 3, dtype=torch.bool)}
    spec = BMLSpec("divergence", alpha=50.0, lam=1.0)                  # every Δ outside: the loss is mean(Δ + α)
    enc = model.encode(b["input_ids"], b["attention_mask"])
    with torch.no_grad():
        expected = []
        for i in range(2):
            for j in range(3):
                if not defined[i, j]:
                    continue
                pos = int(c[i, j])
                for row, sign in ((neg[i, j], 1), (labels[i], -1)):
                    row = row[row != -100].unsqueeze(0)
                    _, logits = model.decode(row, enc[i:i + 1], b["attention_mask"][i:i + 1])
                    expected.append((i, sign * logits[0, pos].log_softmax(-1)[row[0, pos]].item()))
        per = [sum(v for i, v in expected if i == e) / 2 for e in range(2)]    # two defined negatives each
        got = compute(model, b, spec).bml.item()
    assert got == pytest.approx(sum(d + 50.0 for d in per) / 2, abs=1e-4)


def toy_task(n=16, k=3, length=6, seed=0) -> dict:
    """Copy the input; each negative is the gold with one token replaced by another: only copying tells them apart."""
    g = torch.Generator().manual_seed(seed)
    src = torch.randint(3, 64, (n, length), generator=g)
    labels = torch.cat([src, torch.ones(n, 1, dtype=torch.long)], 1)
    neg = labels.unsqueeze(1).repeat(1, k, 1)
    for i in range(n):
        for j in range(k):
            p = int(torch.randint(0, length, (1,), generator=g))
            neg[i, j, p] = 3 + (neg[i, j, p] - 3 + int(torch.randint(1, 61, (1,), generator=g))) % 61
    return {"input_ids": src, "attention_mask": torch.ones_like(src), "labels": labels, "neg_labels": neg,
            "neg_valid": torch.ones(n, k, dtype=torch.bool)}


def gold_preference(model, b) -> float:
    from trainer.preference import sequence_scores

    with torch.no_grad():
        scores = sequence_scores(model, b)
    return (scores[:, :1] > scores[:, 1:]).float().mean().item()


@pytest.mark.parametrize("repr", REPRS)
def test_bml_alone_raises_the_preference_for_the_gold_on_a_toy_task(repr):
    # What the old free `bml_head` failed: the loss falls only if the model's own likelihoods of gold vs
    # negative move. Trained on BML alone (no NLL), every repr must raise the share of pairs the model prefers.
    model, b, spec = tiny_model(), toy_task(), BMLSpec(repr, lam=1.0)
    before, loss_before = gold_preference(model, b), compute(model, b, spec).bml.item()
    opt = torch.optim.Adam(model.parameters(), 3e-3)
    for _ in range(30):
        compute(model, b, spec).bml.backward()
        opt.step()
        opt.zero_grad()
    after = gold_preference(model, b)
    assert 0.35 < before < 0.65                                     # a random model has no preference
    assert compute(model, b, spec).bml.item() < 0.2 * loss_before
    assert after >= 0.85, f"{repr}: BML fell but the preference only went {before:.2f} -> {after:.2f}"


@pytest.mark.parametrize("repr", REPRS)
def test_head_swap_finds_nothing_bml_trains_only_what_nll_trains(repr):
    # The review's check moved the parameters BML trained into a λ = 0 model. There must be none to move: every
    # parameter the BML gradient reaches is one the NLL gradient reaches too.
    model, b = tiny_model(), toy_task()
    parts = compute(model, b, BMLSpec(repr, alpha=2.0, beta=2.0, lam=1.0))
    grads = {}
    for name, term in (("bml", parts.bml), ("nll", parts.nll)):
        model.zero_grad()
        term.backward(retain_graph=True)
        grads[name] = {n for n, p in model.named_parameters() if p.grad is not None and p.grad.abs().sum() > 0}
    assert grads["bml"] and grads["bml"] <= grads["nll"], sorted(grads["bml"] - grads["nll"])
    assert not [n for n, _ in model.named_parameters() if "bml" in n]


@pytest.mark.parametrize("repr", ["embedding", "decoder"])
def test_the_vocabulary_vectors_standing_for_gold_and_negatives_are_constants(repr):
    # Moving token vectors would satisfy a cosine margin without changing what the model writes. The matrix the
    # objective reads p, n (and the embedding anchor) from is handed over as a separate copy: it gets no gradient,
    # while the generator (decoder, tied lm_head) does.
    model, b = tiny_model(), toy_task()
    source = model.get_input_embeddings() if repr == "embedding" else model.get_output_embeddings()
    copy = torch.nn.Parameter(source.weight.detach().clone())
    holder = torch.nn.Module()
    holder.weight = copy
    getter = "get_input_embeddings" if repr == "embedding" else "get_output_embeddings"
    setattr(model, getter, lambda: holder)
    compute(model, b, BMLSpec(repr, alpha=2.0, beta=2.0, lam=1.0)).bml.backward()
    assert copy.grad is None
    assert model.decoder.block[0].layer[0].SelfAttention.q.weight.grad.abs().sum() > 0


def test_a_missing_image_is_masked_not_attended():
    model = tiny_model().eval()
    b = batch()
    text_only = model.get_encoder()(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).last_hidden_state
    fused = model.encode(b["input_ids"], b["attention_mask"], b["image_features"], b["has_image"])
    assert torch.allclose(fused[1], text_only[1])                  # row 1 has no image: untouched
    assert not torch.allclose(fused[0], text_only[0])              # row 0 has one: fused
    other = b["image_features"].clone()
    other[1] = 100.0                                               # whatever sits in the missing image's slot
    again = model.encode(b["input_ids"], b["attention_mask"], other, b["has_image"])
    assert torch.allclose(again, fused)


def test_loss_of_the_model_forward_matches_the_objective():
    model = tiny_model(bml={"repr": "decoder", "lam": 0.5}).eval()
    b = batch()
    out = model(**b)
    parts = compute(model, b, BMLSpec("decoder", lam=0.5))
    assert torch.allclose(out.loss, parts.loss) and torch.allclose(out.nll, parts.nll)
    ref = torch.nn.functional.cross_entropy(parts.logits.flatten(0, 1), b["labels"].flatten(), ignore_index=-100)
    assert torch.allclose(parts.nll, ref)


# -- data ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tokenizer(sample_run):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(sample_run / "tok")


def test_dataset_draws_k_negatives_per_epoch_deterministically(sample_run, tokenizer):
    ds = ShardDataset(sample_run / "shards", tokenizer, k=2, seed=5)
    again = ShardDataset(sample_run / "shards", tokenizer, k=2, seed=5)
    assert [ds.negatives_for(i) for i in range(len(ds))] == [again.negatives_for(i) for i in range(len(ds))]
    epoch0 = [ds.negatives_for(i) for i in range(len(ds))]
    ds.epoch = 1
    assert [ds.negatives_for(i) for i in range(len(ds))] != epoch0
    assert all(len(set(map(tuple, n))) == len(n) <= 2 for n in epoch0)   # distinct, never padded with copies
    item = ds[0]
    assert tokenizer.decode(item.labels, skip_special_tokens=True).startswith("Solution:")
    assert "Question:" in tokenizer.decode(item.input_ids) and "Options: (A)" in tokenizer.decode(item.input_ids)


def test_negatives_equal_to_the_gold_after_truncation_are_dropped_and_counted(sample_run, tokenizer):
    full = ShardDataset(sample_run / "shards", tokenizer, k=3)
    cut = ShardDataset(sample_run / "shards", tokenizer, k=3, max_target=10)
    total = sum(len(r["negatives"]) for r in full.rows)
    assert full.dropped_identical == {} and full.negatives_kept == total
    assert sum(cut.dropped_identical.values()) > 0                          # edits past token 10 vanish
    assert cut.negatives_kept + sum(cut.dropped_identical.values()) == total
    for i in range(len(cut)):
        item = cut[i]
        assert all(neg != item.labels for neg in item.negatives)


def test_the_caption_joins_the_context_as_multimodal_cot_use_caption():
    from trainer.data import format_input

    assert "Context: A hint. A map of Asia.\n" in format_input("Q?", "A hint.", ["a", "b"], "A map of Asia.")
    assert "Context: A map of Asia.\n" in format_input("Q?", "", ["a", "b"], "A map of Asia.")
    assert "Context: A hint.\n" in format_input("Q?", "A hint.", ["a", "b"], "A map.", use_caption=False)
    assert "Context: N/A\n" in format_input("Q?", "", ["a", "b"], "A map.", use_caption=False)


def test_collator_pads_and_masks(sample_run, tokenizer):
    ds = ShardDataset(sample_run / "shards", tokenizer, k=3)
    items = [ds[i] for i in range(4)]
    items[1].image = np.ones((4, 16), dtype=np.float32)
    out = Collator(tokenizer.pad_token_id, (4, 16))(items)
    b = len(items)
    k = max(len(i.negatives) for i in items)
    assert out["input_ids"].shape == out["attention_mask"].shape == (b, max(len(i.input_ids) for i in items))
    assert out["neg_labels"].shape[:2] == out["neg_valid"].shape == (b, k)
    assert out["neg_valid"].sum().item() == sum(len(i.negatives) for i in items)
    assert out["image_features"].shape == (b, 4, 16) and out["has_image"].tolist() == [False, True, False, False]
    for row, item in enumerate(items):
        assert (out["labels"][row] != -100).sum().item() == len(item.labels)
        assert out["attention_mask"][row].sum().item() == len(item.input_ids)


def test_features_from_parquet_and_npy(tmp_path):
    pq.write_table(pa.table({"id": ["a", "b"], "features": [np.ones((3, 4)).tolist(), np.zeros((3, 4)).tolist()]}),
                   tmp_path / "f.parquet")
    feats = Features.load(tmp_path / "f.parquet")
    assert feats.shape == (3, 4) and feats["a"].sum() == 12 and "c" not in feats
    np.save(tmp_path / "detr.npy", np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4))
    (tmp_path / "name_map.json").write_text(json.dumps({"7": 1, "9": 0}))
    feats = Features.load(tmp_path / "detr.npy")
    assert feats.shape == (3, 4) and feats["7"][0, 0] == 12.0


# -- trainer fit ---------------------------------------------------------------------------------------------

def write_config(sample_run, out, **extra):
    lines = [f'shards = "{sample_run / "shards"}"', f'output_dir = "{out}"', f'tokenizer = "{sample_run / "tok"}"',
             "k = 3", "batch_size = 4", "lr = 3e-3", "logging_steps = 1", "save_steps = 5", "seed = 1"]
    bml = extra.pop("bml", {})
    lines += [f"{k} = {json.dumps(v)}" for k, v in extra.items()]
    lines += ["[model_config]"] + [f"{k} = {v}" for k, v in TINY.items()]
    lines += ["[bml]"] + [f"{k} = {json.dumps(v)}" for k, v in bml.items()]
    path = out.parent / f"{out.name}.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def run_cli(*args, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "trainer.cli", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, **kw)


def losses(out: Path) -> list[tuple[int, float]]:
    rows = [json.loads(line) for line in (out / "log_history.jsonl").read_text().splitlines()]
    return [(r["step"], r["loss"]) for r in rows if "loss" in r]


def test_fit_lowers_the_loss_and_saves_a_model_that_loads_the_same(sample_run, tmp_path, tokenizer):
    out = tmp_path / "run"
    proc = run_cli("fit", write_config(sample_run, out, max_steps=30))
    assert proc.returncode == 0, proc.stderr[-2000:]
    curve = losses(out)
    assert curve[-1][0] == 30 and np.mean([l for _, l in curve[-5:]]) < np.mean([l for _, l in curve[:5]])
    history = [json.loads(line) for line in (out / "log_history.jsonl").read_text().splitlines()]
    assert {"nll", "bml", "inside"} <= set(history[0])             # logged separately
    model = SnseT5.from_pretrained(out).eval()
    saved = SnseT5.from_pretrained(out).eval()
    b = Collator(tokenizer.pad_token_id)([ShardDataset(sample_run / "shards", tokenizer)[i] for i in range(3)])
    with torch.no_grad():
        assert torch.equal(model(**b).logits, saved(**b).logits)
        gen = model.generate(input_ids=b["input_ids"], attention_mask=b["attention_mask"], max_new_tokens=8)
    assert gen.shape[0] == 3
    assert model.config.bml_spec == BMLSpec()                     # the spec it was trained with travels with it


def test_a_killed_run_resumes_to_the_same_loss_curve(sample_run, tmp_path):
    straight = tmp_path / "straight"
    assert run_cli("fit", write_config(sample_run, straight, max_steps=40)).returncode == 0
    killed = tmp_path / "killed"
    config = write_config(sample_run, killed, max_steps=40)
    proc = subprocess.Popen([sys.executable, "-m", "trainer.cli", "fit", str(config)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not (killed / "checkpoint-10" / "trainer_state.json").exists() and time.time() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (killed / "log_history.jsonl").exists(), "the run finished before it could be killed"
    resumed = run_cli("fit", config, "--resume")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    a, b = dict(losses(straight)), dict(losses(killed))
    assert max(b) == 40 and all(b[s] == pytest.approx(a[s], rel=1e-4) for s in b)


def test_torchrun_two_processes_on_gloo(sample_run, tmp_path):
    out = tmp_path / "ddp"
    config = write_config(sample_run, out, max_steps=3)
    with socket.socket() as probe:               # a free port: a fixed one collides with any other run of this test
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2",
                           "--master_port", str(port), "-m", "trainer.cli", "fit", str(config)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (out / "model.safetensors").is_file() and losses(out)[-1][0] == 3
    assert proc.stderr.count("done: 3 steps") == 1                  # rank 0 reports, once


@pytest.mark.parametrize("extra,message", [
    ({"kinds": ["bogus"]}, "no kind bogus in these shards"),
    ({"model": "/no/such/model"}, "model = '/no/such/model': no such directory"),
    ({"features": "FEATS"}, "no features for"),
    ({"prompt": "QCM-LE"}, "shards were made from 'solution'"),
    ({"bml": {"repr": "cosine"}}, "bml.repr must be one of"),
    ({"bml": {"reduction": "max"}}, "bml.reduction must be one of"),
])
def test_bad_setups_are_one_clear_line(sample_run, tmp_path, extra, message):
    if extra.get("features") == "FEATS":
        pq.write_table(pa.table({"id": ["1"], "features": [np.ones((2, 4)).tolist()]}), tmp_path / "f.parquet")
        extra = {"features": str(tmp_path / "f.parquet")}
    proc = run_cli("fit", write_config(sample_run, tmp_path / "bad", max_steps=1, **extra))
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr, proc.stderr[-1500:]


def test_the_bml_spec_is_read_from_toml_and_set_overrides(tmp_path):
    from trainer.config import FitConfig

    path = tmp_path / "c.toml"
    (tmp_path / "s").mkdir()
    (tmp_path / "t").mkdir()
    path.write_text(f'shards = "{tmp_path / "s"}"\ntokenizer = "{tmp_path / "t"}"\n[model_config]\nd_model = 8\n'
                    '[bml]\nrepr = "embedding"\nbeta = inf\nreduction = "sum"\n')
    spec = FitConfig.load(path).bml_spec()
    assert (spec.repr, spec.similarity, spec.alpha, spec.one_sided, spec.lam, spec.reduction) == \
        ("embedding", "cosine", 0.1, True, 0.1, "sum")
    spec = FitConfig.load(path, ["bml.repr=loglik", "bml.beta=1.5", "bml.lambda=2"]).bml_spec()
    assert (spec.repr, spec.similarity, spec.beta, spec.lam) == ("loglik", "mean-logprob", 1.5, 2.0)
    assert FitConfig.load(path, ["bml.beta=inf"]).bml_spec().one_sided


def test_no_negatives_of_the_requested_kinds_is_an_error(tmp_path, tokenizer):
    data = tmp_path / "d.jsonl"
    data.write_text('{"id": "1", "rationale": "Plants need light."}\n')
    generate(GenerateConfig(input=data, out=tmp_path / "s", kinds=["orientation"], progress=False),
             warn=lambda m: None)
    with pytest.raises(DataError, match="has no negatives of kind"):
        ShardDataset(tmp_path / "s", tokenizer, prompt="QCM-E")


def test_a_pretrained_t5_directory_loads_with_new_fusion(tmp_path):
    from transformers import T5Config, T5ForConditionalGeneration

    torch.manual_seed(0)
    plain = T5ForConditionalGeneration(T5Config(vocab_size=64, **TINY, decoder_start_token_id=0))
    plain.save_pretrained(tmp_path / "t5")
    model = SnseT5.from_pretrained(tmp_path / "t5", image_dim=8)
    assert torch.equal(model.shared.weight, plain.shared.weight)
    assert model.fusion.project.in_features == 8
