"""`trainer evaluate` and `trainer predict`: real decoding, predictions streamed to JSONL by example id.

Stage 1 (rationale): ROUGE-L (rouge-score) and BLEU-1/4 (sacrebleu) against the shard's target, with nothing
teacher-forced. Stage 2 (answer): reads stage-1 predictions by id (never by position), extracts "The answer is (X)",
counts what it cannot parse, and scores per ScienceQA category.

Batches are formed from inputs of similar length (sorted, longest first, so an out-of-memory error comes at the
start rather than the end, and little of a batch is padding); lines are written as batches finish, so their order
is the decode order and readers join by id. Progress goes to stderr (trainer/progress.py).
"""
from __future__ import annotations

import json
from pathlib import Path

import torch

from . import DataError
from .data import Collator, Features, Item, ShardDataset, read_rationales
from .generation import generate
from .progress import Progress
from .prompts import default_max_new_tokens, extract_answer, format_input, stage2_input, strip_solution
from .scorer import Truth, score


def default_batch_size() -> int:
    """Decoding batch when none is given: wide on a GPU, where a batch costs little more than one row."""
    return 64 if torch.cuda.is_available() else 16


def _load(model_dir: str | Path):
    from transformers import AutoTokenizer

    from .model import SnseT5

    if not Path(model_dir).is_dir():
        raise DataError(f"{model_dir}: no such model directory")
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if not (Path(model_dir) / "config.json").is_file():
        raise DataError(f"{model_dir}: not a trained model directory (no config.json; `trainer fit` writes one)")
    try:
        tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        model = SnseT5.from_pretrained(model_dir, local_files_only=True)
    except Exception as exc:                # damaged files surface as any of several types, by class
        raise DataError(f"{model_dir}: not a trained model directory with its tokenizer "
                        f"({str(exc).strip().splitlines()[0]})") from None
    return tokenizer, model.eval().to(device)


def _decode_batches(model, tokenizer, items: list[Item], collator, batch_size, max_new_tokens, num_beams,
                    desc: str = "decode"):
    device = next(model.parameters()).device
    order = sorted(items, key=lambda i: -len(i.input_ids))
    with Progress(len(items), desc) as bar:
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            batch = {k: v.to(device) for k, v in collator(chunk).items()
                     if k not in ("labels", "neg_labels", "neg_valid")}
            out = generate(model, batch, max_new_tokens=max_new_tokens, num_beams=num_beams)
            yield from zip(chunk, tokenizer.batch_decode(out, skip_special_tokens=True))
            bar.update(len(chunk))


def _use_caption(model_dir) -> bool:
    """Inputs are formatted as the model was trained (fit_config.json beside it); Multimodal-CoT's default else."""
    path = Path(model_dir) / "fit_config.json"
    return bool(json.loads(path.read_text()).get("use_caption", True)) if path.is_file() else True


def evaluate(model_dir, shards, out, split="val", stage="rationale", rationales=None, batch_size=None,
             max_new_tokens=None, num_beams=1, features=None, feature_map=None, prompt="QCM-E", limit=None,
             verify=True, preference=True) -> dict:
    if stage == "answer" and rationales is None:
        raise DataError("evaluating stage 'answer' needs --rationales (stage-1 predictions): gold rationales "
                        "would leak the answer")
    max_new_tokens = max_new_tokens or default_max_new_tokens(prompt)
    tokenizer, model = _load(model_dir)
    feats = Features.load(features, feature_map) if features else None
    ds = ShardDataset(shards, tokenizer, split, k=0, prompt=prompt, features=feats, stage=stage,
                      rationales=read_rationales(rationales) if rationales else None, verify=verify,
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
        for item, text in _decode_batches(model, tokenizer, items, collator, batch_size or default_batch_size(),
                                          max_new_tokens, num_beams, f"evaluate {stage}"):
            row = rows[item.id]
            if stage == "rationale":
                prediction = strip_solution(text)
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
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            records = [{"id": k, **v} for k, v in data.items()] if isinstance(data, dict) else data
        else:
            records = []
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise DataError(f"{path}: line {n}: not JSON ({exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as exc:
        raise DataError(f"{path}: not a problems.json or JSONL file ({exc})") from None
    if not isinstance(records, list):
        raise DataError(f"{path}: expected a JSON object pid → problem, or a list of problems")
    out = []
    for n, r in enumerate(records, 1):
        if not isinstance(r, dict) or not isinstance(r.get("choices"), list) or not r.get("question"):
            r = r if isinstance(r, dict) else {}
            raise DataError(f"{path}: record {n} ({r.get('id', '?')}): needs 'question' and a list 'choices'")
        out.append({"id": str(r.get("id", n)), "question": r["question"], "choices": r["choices"],
                    "context": r.get("context") or r.get("hint") or "", "caption": r.get("caption"),
                    "image": r.get("image")})
    return out


def predict(inputs, rationale_model, answer_model, out, batch_size=None, max_new_tokens=256, num_beams=1,
            features=None, feature_map=None) -> int:
    """Rationale, then answer, for each new problem; JSONL by id."""
    records = read_inputs(inputs)
    batch_size = batch_size or default_batch_size()
    feats = Features.load(features, feature_map) if features else None

    def items(tokenizer, texts):
        return [Item(r["id"], tokenizer(t)["input_ids"], [], [],
                     feats[r["id"]] if feats is not None and r["image"] and r["id"] in feats else None)
                for r, t in zip(records, texts)]

    tok1, model1 = _load(rationale_model)
    use_caption = _use_caption(rationale_model)
    sources = [format_input(r["question"], r["context"], r["choices"], r["caption"], use_caption) for r in records]
    collator = Collator(tok1.pad_token_id, feats.shape if feats else None)
    rationale = {i.id: strip_solution(t) for i, t in
                 _decode_batches(model1, tok1, items(tok1, sources), collator, batch_size, max_new_tokens, num_beams,
                                 "predict rationales")}
    tok2, model2 = _load(answer_model)
    stage2 = [stage2_input(s, rationale[r["id"]]) for s, r in zip(sources, records)]
    collator = Collator(tok2.pad_token_id, feats.shape if feats else None)
    by_id = {r["id"]: r for r in records}
    with open(out, "w", encoding="utf-8") as fh:
        for item, text in _decode_batches(model2, tok2, items(tok2, stage2), collator, batch_size, 16, num_beams,
                                          "predict answers"):
            choices = by_id[item.id]["choices"]
            index = extract_answer(text, len(choices))
            fh.write(json.dumps({"id": item.id, "rationale": rationale[item.id], "answer": index,
                                 "answer_text": choices[index] if index is not None else None,
                                 "raw": text}, ensure_ascii=False) + "\n")
    return len(records)
