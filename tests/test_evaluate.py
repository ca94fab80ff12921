"""Inference: cached generation equals a step-by-step greedy decode; stage 2 joins by id; the scorer; predict."""
import json
import random
import subprocess
import sys

import torch
from conftest import SAMPLE
from test_trainer import TINY, batch, tiny_model

from trainer.data import ShardDataset
from trainer.generation import generate
from trainer.scorer import Truth, extract_answer, format_table, score, to_csv


def test_generation_uses_the_cache_and_matches_a_step_by_step_greedy_decode():
    model = tiny_model().eval()
    b = batch(b=3)
    b["has_image"] = torch.tensor([True, False, True])
    calls = {"encoder": 0, "decoder_inputs": []}
    model.encoder.register_forward_hook(lambda *a: calls.__setitem__("encoder", calls["encoder"] + 1))
    model.decoder.register_forward_pre_hook(
        lambda mod, args, kw: calls["decoder_inputs"].append(kw["input_ids"].shape[1]), with_kwargs=True)
    out = generate(model, b, max_new_tokens=8)
    assert calls["encoder"] == 1                          # fused states computed once, reused by every step
    assert set(calls["decoder_inputs"]) == {1}            # each step feeds one new token: the KV cache is on
    with torch.no_grad():                                 # reference: re-decode the whole prefix, no cache
        states = model.encode(b["input_ids"], b["attention_mask"], b["image_features"], b["has_image"])
        seq = torch.zeros(3, 1, dtype=torch.long)
        finished = torch.zeros(3, dtype=torch.bool)
        for _ in range(8):
            logits = model(encoder_outputs=(states,), attention_mask=b["attention_mask"], decoder_input_ids=seq,
                           use_cache=False).logits
            nxt = logits[:, -1].argmax(-1)
            nxt = torch.where(finished, torch.zeros_like(nxt), nxt)
            seq = torch.cat([seq, nxt[:, None]], dim=1)
            finished |= nxt == model.config.eos_token_id
            if finished.all():
                break
    assert torch.equal(out, seq[:, :out.shape[1]])
    beams = generate(model, b, max_new_tokens=8, num_beams=3)            # beam search on the same fused states
    assert beams.shape[0] == 3 and beams.shape[1] <= 9


def test_model_generate_with_image_features_decodes_from_the_fused_states():
    model = tiny_model().eval()
    b = batch(b=2)
    seen = []
    model.decoder.register_forward_pre_hook(
        lambda mod, args, kw: seen.append(kw["encoder_hidden_states"]), with_kwargs=True)
    with torch.no_grad():
        fused = model.encode(b["input_ids"], b["attention_mask"], b["image_features"], torch.tensor([True, True]))
        text = model.get_encoder()(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).last_hidden_state
    model.generate(b["input_ids"], image_features=b["image_features"], max_new_tokens=3)
    assert torch.allclose(seen[0], fused) and not torch.allclose(seen[0], text)
    seen.clear()
    model.generate(b["input_ids"], max_new_tokens=3)                       # no image: the text states
    assert torch.allclose(seen[0], text)


def test_answers_are_extracted_or_reported_never_guessed():
    assert extract_answer("Because ... The answer is (B).", 3) == 1
    assert extract_answer("the answer is (B).", 3) is None                              # the trained pattern only
    assert extract_answer("The answer is (A). The answer is (C).", 3) == 2              # the last statement
    assert extract_answer("The answer is (D).", 3) is None                              # no option D
    assert extract_answer("I think B", 3) is None and extract_answer("", 2) is None


def test_scorer_numbers_are_exact():
    truth = {
        "1": Truth(0, "natural science", "", "img.png", "grade3"),       # NAT IMG G1-6
        "2": Truth(1, "natural science", "A passage.", None, "grade8"),  # NAT TXT G7-12
        "3": Truth(2, "social science", "", None, "grade5"),             # SOC NO G1-6
        "4": Truth(0, "language science", "Text.", "i.png", "grade11"),  # LAN TXT IMG G7-12
        "5": Truth(1, "natural science", "", None, "grade2"),            # NAT NO G1-6, no prediction
    }
    predicted = {"1": 0, "2": 0, "3": 2, "4": None}
    result = score(predicted, truth)
    t = result["table"]
    assert (t["ALL"]["correct"], t["ALL"]["n"], t["ALL"]["accuracy"]) == (2, 4, 50.0)
    assert (t["NAT"]["correct"], t["NAT"]["n"]) == (1, 2) and (t["SOC"]["correct"], t["SOC"]["n"]) == (1, 1)
    assert (t["LAN"]["correct"], t["LAN"]["n"]) == (0, 1)
    assert (t["TXT"]["n"], t["IMG"]["n"], t["NO"]["n"]) == (2, 2, 1) and t["NO"]["accuracy"] == 100.0
    assert (t["G1-6"]["correct"], t["G1-6"]["n"]) == (2, 2) and (t["G7-12"]["correct"], t["G7-12"]["n"]) == (0, 2)
    assert result["unparseable"] == ["4"] and result["missing"] == ["5"]
    assert "unparseable answers: 1" in format_table(result)
    assert to_csv(result).splitlines()[1] == "ALL,50.0,2,4,False"


def test_categories_without_metadata_are_reported_absent():
    truth = {"1": Truth(0, None, "", None, None), "2": Truth(1, "", "ctx", None, "")}
    t = score({"1": 0, "2": 1}, truth)["table"]
    assert t["NAT"]["absent"] and t["G1-6"]["absent"] and not t["TXT"]["absent"]
    assert "absent" in format_table(score({"1": 0, "2": 1}, truth))


def test_stage_two_reads_rationales_by_id_whatever_their_order(sample_run):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(sample_run / "tok")
    ids = [r["id"] for r in ShardDataset(sample_run / "shards", tok, "val", k=0).rows]
    lines = [{"id": i, "prediction": f"rationale number {n} for this"} for n, i in enumerate(ids[1:])]
    random.Random(0).shuffle(lines)
    path = sample_run / "preds.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    from trainer.data import read_rationales

    ds = ShardDataset(sample_run / "shards", tok, "val", stage="answer", rationales=read_rationales(path))
    assert ds.no_rationale == [ids[0]] and len(ds) == len(ids) - 1
    expected = {x["id"]: x["prediction"] for x in lines}
    for i, row in enumerate(ds.rows):
        text = tok.decode(ds[i].input_ids, skip_special_tokens=True)
        assert f"Solution: {expected[row['id']]}" in text
        assert tok.decode(ds[i].labels, skip_special_tokens=True) == f"The answer is ({chr(65 + row['answer'])})."


def trainer_cli(*args):
    return subprocess.run([sys.executable, "-m", "trainer.cli", *map(str, args)], capture_output=True, text=True)


def test_both_stages_evaluate_and_predict_end_to_end_on_the_sample(sample_run, tmp_path):
    model_config = json.dumps({**TINY})
    common = ["--set", f"shards={sample_run / 'shards'}", "--set", f"tokenizer={sample_run / 'tok'}", "--set", "max_steps=3",
              "--set", f"model_config={model_config}", "--set", "batch_size=4"]
    assert trainer_cli("fit", *common, "--set", f"output_dir={tmp_path / 's1'}").returncode == 0
    fit2 = trainer_cli("fit", *common, "--set", f"output_dir={tmp_path / 's2'}", "--set", "stage=answer")
    assert fit2.returncode == 0, fit2.stderr[-1500:]
    ev1 = trainer_cli("evaluate", tmp_path / "s1", "--shards", sample_run / "shards", "-o", tmp_path / "r.jsonl",
                      "--max-new-tokens", "12")
    assert ev1.returncode == 0, ev1.stderr[-1500:]
    assert "ROUGE-L" in ev1.stdout and "BLEU-4" in ev1.stdout
    assert "evaluate rationale: 6/6 ex in " in ev1.stderr                # progress, as log lines off a terminal
    assert "gold wins %" in ev1.stdout and "negation" in ev1.stdout           # the preference table, printed
    metrics = json.loads((tmp_path / "r.jsonl.metrics.json").read_text())
    assert metrics["preference"]["overall"]["pairs"] > 0 and metrics["preference"]["nll"] > 0
    assert (tmp_path / "r.jsonl.preference.csv").read_text().startswith("kind,rule,pairs,accuracy,margin,in_band")
    preds = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert len(preds) == 6 and all({"id", "prediction", "reference"} <= set(p) for p in preds)
    ev2 = trainer_cli("evaluate", tmp_path / "s2", "--shards", sample_run / "shards", "--stage", "answer",
                      "--rationales", tmp_path / "r.jsonl", "-o", tmp_path / "a.jsonl")
    assert ev2.returncode == 0, ev2.stderr[-1500:]
    assert "G7-12" in ev2.stdout and "unparseable answers:" in ev2.stdout
    scores = json.loads((tmp_path / "a.jsonl.scores.json").read_text())
    assert scores["table"]["ALL"]["n"] + len(scores["unparseable"]) >= 6 - len(scores["missing"])
    pr = trainer_cli("predict", SAMPLE, "--rationale-model", tmp_path / "s1", "--answer-model", tmp_path / "s2",
                     "-o", tmp_path / "p.jsonl", "--max-new-tokens", "12")
    assert pr.returncode == 0, pr.stderr[-1500:]
    out = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert len(out) == 15 and {"id", "rationale", "answer", "answer_text", "raw"} <= set(out[0])


def test_evaluating_answers_without_stage_one_predictions_is_refused(sample_run, tmp_path):
    proc = trainer_cli("evaluate", tmp_path / "nomodel", "--shards", sample_run / "shards", "--stage", "answer",
                       "-o", tmp_path / "a.jsonl")
    assert proc.returncode == 2 and "needs --rationales" in proc.stderr and "Traceback" not in proc.stderr
    proc = trainer_cli("evaluate", tmp_path / "nomodel", "--shards", sample_run / "shards", "-o", tmp_path / "r.jsonl")
    assert proc.returncode == 2 and "no such model directory" in proc.stderr
