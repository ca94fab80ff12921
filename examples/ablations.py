"""A small ablation grid over the BML settings, gathered into one CSV.

    python examples/ablations.py WORKDIR [--steps 200] [--grid examples/ablations.toml]

WORKDIR is what examples/two_stage_cpu.sh leaves: shards/, tok/ and answer/ (a stage-2 model trained on gold
rationales). Each grid point trains a stage-1 model with its overrides, decodes the validation rationales, and
scores them with the same stage-2 model, so the rows differ only in how stage 1 was trained. Output:
WORKDIR/ablations.csv with one row per point: its settings, ROUGE-L, BLEU-4 and the accuracy per category.
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from trainer.config import FitConfig
from trainer.evaluate import evaluate
from trainer.fit import fit

DEFAULT_GRID = [
    {"name": "nll-only", "bml_lambda": 0.0},
    {"name": "divergence-default", "bml_repr": "divergence"},
    {"name": "loglik-default", "bml_repr": "loglik"},
    {"name": "loglik-two-sided", "bml_repr": "loglik", "bml_alpha": 0.05, "bml_beta": 0.5},
    {"name": "loglik-lambda-0.3", "bml_repr": "loglik", "bml_lambda": 0.3},
    {"name": "paper-embedding", "bml_repr": "embedding", "bml_reduction": "sum", "k": 5},
    {"name": "no-option-kind", "kinds": ["negation", "number", "orientation", "unit"]},
]
TINY = {"d_model": 128, "d_kv": 32, "d_ff": 256, "num_layers": 2, "num_decoder_layers": 2, "num_heads": 4}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("work", type=Path)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--grid", type=Path, help="TOML with [[points]] tables: name + FitConfig keys")
    p.add_argument("--max-new-tokens", type=int, default=96)
    args = p.parse_args()
    grid = tomllib.loads(args.grid.read_text())["points"] if args.grid else DEFAULT_GRID
    rows = []
    for point in grid:
        settings = {k: v for k, v in point.items() if k != "name"}
        bml = {k[len("bml_"):]: v for k, v in settings.items() if k.startswith("bml_")}   # [bml] keys
        out = args.work / "ablations" / point["name"]
        config = FitConfig(shards=str(args.work / "shards"), tokenizer=str(args.work / "tok"), model_config=TINY,
                           output_dir=str(out), max_steps=args.steps, batch_size=16, lr=0.002, save_steps=10**6,
                           logging_steps=50, bml=bml, **{k: v for k, v in settings.items() if not k.startswith("bml_")})
        config.check()
        fit(config)
        rationale = evaluate(out, config.shards, out / "val_rationales.jsonl", max_new_tokens=args.max_new_tokens)
        answers = evaluate(args.work / "answer", config.shards, out / "val_answers.jsonl", stage="answer",
                           rationales=out / "val_rationales.jsonl")
        row = {"name": point["name"], "settings": json.dumps(settings), "rougeL": rationale["rougeL"],
               "bleu4": rationale["bleu4"], "unparseable": len(answers["unparseable"])}
        row |= {cat: ("absent" if cell["absent"] else cell["accuracy"]) for cat, cell in answers["table"].items()}
        rows.append(row)
        print(json.dumps(row))
    with open(args.work / "ablations.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.work / 'ablations.csv'}")


if __name__ == "__main__":
    main()
