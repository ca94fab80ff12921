"""`trainer evaluate` and `trainer predict`: real decoding, predictions streamed to JSONL by example id.

Stage 1 (rationale): ROUGE-L (rouge-score) and BLEU-1/4 (sacrebleu) against the shard's target, with nothing
teacher-forced. Stage 2 (answer): reads stage-1 predictions by id (never by position), extracts "The answer is (X)",
counts what it cannot parse, and scores per ScienceQA category.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch

from .data import Collator, DataError, Features, Item, ShardDataset, format_input, read_rationales
from .generation import generate
from .scorer import Truth, extract_answer, score


def _load(model_dir: str | Path):
    from transformers import AutoTokenizer

    from .model import SnseT5

    if not Path(model_dir).is_dir():
        raise DataError(f"{model_dir}: no such model directory")
    device = "cuda" if torch.cuda.is_available() else "cpu"
    return AutoTokenizer.from_pretrained(model_dir), SnseT5.from_pretrained(model_dir).eval().to(device)


def _decode_batches(model, tokenizer, items: list[Item], collator, batch_size, max_new_tokens, num_beams):
    device = next(model.parameters()).device
    for start in range(0, len(items), batch_size):
        chunk = items[start:start + batch_size]
        batch = {k: v.to(device) for k, v in collator(chunk).items() if k not in ("labels", "neg_labels", "neg_valid")}
        out = generate(model, batch, max_new_tokens=max_new_tokens, num_beams=num_beams)
        yield from zip(chunk, tokenizer.batch_decode(out, skip_special_tokens=True))


def strip_prefix(text: str) -> str:
    text = text.strip()
    return text[len("Solution:"):].strip() if text.startswith("Solution:") else text


def _use_caption(model_dir) -> bool:
    """Inputs are formatted as the model was trained (fit_config.json beside it); Multimodal-CoT's default else."""
    path = Path(model_dir) / "fit_config.json"
    return bool(json.loads(path.read_text()).get("use_caption", True)) if path.is_file() else True


def default_max_new_tokens(prompt: str) -> int:
    """Multimodal-CoT decodes QCM-LE (lecture + solution) with output_len 512; solutions alone are shorter."""
    return 512 if prompt == "QCM-LE" else 256


def evaluate(model_dir, shards, out, split="val", stage="rationale", rationales=None, batch_size=16,
             max_new_tokens=None, num_beams=1, features=None, feature_map=None, prompt="QCM-E", limit=None,
             preference=True) -> dict:
    if stage == "answer" and rationales is None:
        raise DataError("evaluating stage 'answer' needs --rationales (stage-1 predictions): gold rationales "
                        "would leak the answer")
    max_new_tokens = max_new_tokens or default_max_new_tokens(prompt)
    tokenizer, model = _load(model_dir)
    feats = Features.load(features, feature_map) if features else None
    ds = ShardDataset(shards, tokenizer, split, k=0, prompt=prompt, features=feats, stage=stage,
                      rationales=read_rationales(rationales) if rationales else None,
                      use_caption=_use_caption(model_dir))
    n = len(ds) if not limit else min(limit, len(ds))
    items = [ds[i] for i in range(n)]
    rows = {r["id"]: r for r in ds.rows[:n]}
    collator = Collator(tokenizer.pad_token_id, feats.shape if feats else None)
    hyps, refs, rouge, predicted = [], [], [], {}
    if stage == "rationale":
        from rouge_score import rouge_scorer

        scorer = rouge_scorer.RougeScorer(["rougeL"])
    with open(out, "w", encoding="utf-8") as fh:
        for item, text in _decode_batches(model, tokenizer, items, collator, batch_size, max_new_tokens, num_beams):
            row = rows[item.id]
            if stage == "rationale":
                prediction = strip_prefix(text)
                hyps.append(prediction)
                refs.append(row["target"])
                rouge.append(scorer.score(row["target"], prediction)["rougeL"].fmeasure)
                record = {"id": item.id, "prediction": prediction, "reference": row["target"]}
            else:
                index = extract_answer(text, len(row["choices"]))
                predicted[item.id] = index
                record = {"id": item.id, "prediction": text, "answer": index, "gold": row["answer"],
                          "parsed": index is not None}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    if stage == "rationale":
        from sacrebleu.metrics import BLEU

        result = {"n": n, "rougeL": round(100 * sum(rouge) / max(1, len(rouge)), 2),
                  "bleu1": round(BLEU(max_ngram_order=1).corpus_score(hyps, [refs]).score, 2),
                  "bleu4": round(BLEU().corpus_score(hyps, [refs]).score, 2)}
        if preference:
            from .preference import measure

            result["preference"] = measure(model, ds, collator, limit=n)
        return result
    truth = {r["id"]: Truth(r["answer"], r["subject"], r["context"], r["image"], r["grade"]) for r in rows.values()}
    result = score(predicted, truth)
    result["no_rationale"] = ds.no_rationale
    return result


def read_inputs(path: str | Path) -> list[dict]:
    """New problems: ScienceQA's problems.json (dict pid → problem) or JSONL with id, question, choices, context."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such input file")
    if path.suffix == ".json":
        data = json.loads(path.read_text())
        records = [{"id": k, **v} for k, v in data.items()] if isinstance(data, dict) else data
    else:
        records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    out = []
    for n, r in enumerate(records, 1):
        if not isinstance(r.get("choices"), list) or not r.get("question"):
            raise DataError(f"{path}: record {n} ({r.get('id', '?')}): needs 'question' and a list 'choices'")
        out.append({"id": str(r.get("id", n)), "question": r["question"], "choices": r["choices"],
                    "context": r.get("context") or r.get("hint") or "", "caption": r.get("caption"),
                    "image": r.get("image")})
    return out


def predict(inputs, rationale_model, answer_model, out, batch_size=16, max_new_tokens=256, num_beams=1,
            features=None, feature_map=None) -> int:
    """Rationale, then answer, for each new problem; JSONL by id."""
    records = read_inputs(inputs)
    feats = Features.load(features, feature_map) if features else None

    def items(tokenizer, texts):
        return [Item(r["id"], tokenizer(t)["input_ids"], [], [],
                     feats[r["id"]] if feats is not None and r["image"] and r["id"] in feats else None)
                for r, t in zip(records, texts)]

    tok1, model1 = _load(rationale_model)
    use_caption = _use_caption(rationale_model)
    sources = [format_input(r["question"], r["context"], r["choices"], r["caption"], use_caption) for r in records]
    collator = Collator(tok1.pad_token_id, feats.shape if feats else None)
    rationale = {i.id: strip_prefix(t) for i, t in
                 _decode_batches(model1, tok1, items(tok1, sources), collator, batch_size, max_new_tokens, num_beams)}
    tok2, model2 = _load(answer_model)
    stage2 = [s + f"Solution: {rationale[r['id']]}\n" for s, r in zip(sources, records)]
    collator = Collator(tok2.pad_token_id, feats.shape if feats else None)
    by_id = {r["id"]: r for r in records}
    with open(out, "w", encoding="utf-8") as fh:
        for item, text in _decode_batches(model2, tok2, items(tok2, stage2), collator, batch_size, 16, num_beams):
            choices = by_id[item.id]["choices"]
            index = extract_answer(text, len(choices))
            fh.write(json.dumps({"id": item.id, "rationale": rationale[item.id], "answer": index,
                                 "answer_text": choices[index] if index is not None else None,
                                 "raw": text}, ensure_ascii=False) + "\n")
    return len(records)
