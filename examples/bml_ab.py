"""A/B: does BML teach the generator to prefer the gold rationale over its soft negatives?

    PYTHONPATH=. nice -n 10 python examples/bml_ab.py runs/bml-ab            # CPU, all five arms: see below
    PYTHONPATH=. python examples/bml_ab.py runs/bml-ab --arms lambda0,span        # the default repr vs NLL only
    PYTHONPATH=. python examples/bml_ab.py runs/x --train 60 --val 20 --steps 5 --arms lambda0,loglik   # smoke
    PYTHONPATH=. python examples/bml_ab.py runs/bml-ab --arms lambda0,divergence-k5,loglik-a0.1-l2   # any setting
    PYTHONPATH=. python examples/bml_ab.py runs/bml-ab --finetune 375 --arms lambda0,span    # BML as a second stage

An arm's name is its setting: ``REPR`` alone takes the repr's defaults, and ``-aALPHA``, ``-bBETA``, ``-lLAMBDA``,
``-kK`` and ``-sum`` override them (``lambda0`` is NLL only, ``paper`` SNSE-CoT's setting).

The same data, tokenizer, model size, seed and steps for every arm; only the BML spec differs. λ = 0 is the
baseline (NLL only). Every arm is scored on the validation split by ``trainer evaluate``'s own code: the gold's
token NLL, ROUGE-L of greedy decodes, and the preference metric (share of (gold, negative) pairs where the model's
mean log-prob per token of the gold is higher) per kind. Output: WORKDIR/ab.json and WORKDIR/ab.md (a table).

WORKDIR keeps problems.json (the first N train and val ScienceQA problems with a solution), shards/ (snaug
generate), tok/ and one model folder per arm; steps already done are reused, so a rerun only trains missing arms.

``--finetune N`` asks the question a user with a trained generator asks: WORKDIR/base is trained with NLL alone for
``--steps``, then every arm (lambda0 too) continues from it for N steps at ``--finetune-lr`` with its own BML spec,
in WORKDIR/finetune-N/ (its own ab.json and ab.md).

Cost on 2 CPU cores at 750 steps (the default: every shared train problem, 400 val): preparing the data takes
about 2 min; λ = 0, divergence and embedding train in 3-4 min each plus about 1 min of scoring, decoder a little
more, span about 2x and loglik about 3x (they score 1 + K rows per example). lambda0 + span take about 15 min,
all six arms about 40.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ARMS = {   # named arms; any other "REPR[-aALPHA][-bBETA][-lLAMBDA][-kK][-sum]" name is read by arm_settings
    "lambda0": {"bml_lambda": 0.0},
    "paper": {"bml_repr": "embedding", "bml_reduction": "sum", "k": 5},
}
_ARM_KEYS = {"a": "bml_alpha", "b": "bml_beta", "l": "bml_lambda", "k": "k"}


def arm_settings(name: str) -> dict:
    """An arm's settings from its name: ``divergence`` (the repr's defaults), ``loglik-a0.1-l2`` (α 0.1, λ 2),
    ``divergence-a2-l0.03-k5`` (K = 5), ``embedding-sum``. Settings live in the name, so a table row says
    exactly what was run."""
    if name in ARMS:
        return ARMS[name]
    from trainer.config import REPRS

    repr_, *parts = name.split("-")
    if repr_ not in REPRS:
        raise SystemExit(f"bml_ab: unknown arm {name!r}: lambda0, paper, or REPR[-aALPHA][-bBETA][-lLAMBDA][-kK]"
                         f"[-sum] with REPR one of {', '.join(REPRS)}")
    settings: dict = {"bml_repr": repr_}
    for part in parts:
        try:
            if part == "sum":
                settings["bml_reduction"] = "sum"
            elif part[:1] in _ARM_KEYS:
                settings[_ARM_KEYS[part[:1]]] = int(part[1:]) if part[0] == "k" else float(part[1:])
            else:
                raise ValueError
        except ValueError:
            raise SystemExit(f"bml_ab: arm {name!r}: cannot read {part!r} (a0.1, b0.3, l2, k5 or sum)") from None
    return settings


# From scratch: tiny for 2 CPU cores; small has twice the width and about twice the step time on them; gpu for one
# H100/H200 in bf16 (examples/gpu_ab.sh).
SIZES = {
    "tiny": {"d_model": 128, "d_kv": 32, "d_ff": 256, "num_layers": 2, "num_decoder_layers": 2, "num_heads": 4,
             "dropout_rate": 0.0},
    "small": {"d_model": 256, "d_kv": 32, "d_ff": 512, "num_layers": 2, "num_decoder_layers": 2, "num_heads": 8,
              "dropout_rate": 0.0},
    "gpu": {"d_model": 512, "d_kv": 64, "d_ff": 1536, "num_layers": 4, "num_decoder_layers": 4, "num_heads": 8,
            "dropout_rate": 0.1},
}


def prepare(work: Path, problems: Path, n_train: int, n_val: int, vocab: int, workers: int = 2) -> None:
    from snaug.generate import GenerateConfig, generate
    from trainer.tokenizer import build

    work.mkdir(parents=True, exist_ok=True)
    subset = work / "problems.json"
    if not subset.is_file():
        data = json.loads(problems.read_text())
        pick = lambda split, n: [k for k, p in data.items() if p["split"] == split and p["solution"]][:n]  # noqa: E731
        subset.write_text(json.dumps({k: data[k] for k in pick("train", n_train) + pick("val", n_val)}))
    if not (work / "shards" / "manifest.json").is_file():
        generate(GenerateConfig(input=subset, out=work / "shards", workers=workers, overwrite=True, progress=False),
                 warn=lambda m: None)
    if not (work / "tok" / "tokenizer.json").is_file():
        build(work / "shards", work / "tok", vocab_size=vocab)


def run_arm(work: Path, name: str, overrides: dict, args) -> dict:
    from transformers import AutoTokenizer

    from trainer.data import Collator, ShardDataset
    from trainer.evaluate import evaluate
    from trainer.fit import fit
    from trainer.model import SnseT5
    from trainer.preference import measure

    import torch

    out = arms_dir(work, args) / name
    scores = out / "ab.metrics.json"
    if scores.is_file():
        return json.loads(scores.read_text())
    start = time.time()
    if args.finetune:           # every arm continues from the base (train_base), trained with NLL alone
        config = fit_config(work, out, overrides, args, model=str(work / "base"), tokenizer=None, model_config={},
                            max_steps=args.finetune, lr=args.finetune_lr, seed=args.seed + 1)
    else:
        config = fit_config(work, out, overrides, args)
    if not (out / "model.safetensors").is_file():           # a trained arm is reused: only scoring reruns
        fit(config)
    trained = time.time() - start
    # ROUGE-L needs decoding (the slow part): the first --rouge-val examples; the preference metric and the
    # gold NLL are teacher-forced, so they cover all --val examples.
    result = evaluate(out, config.shards, out / "val.jsonl", limit=args.rouge_val,
                      max_new_tokens=args.max_new_tokens, batch_size=args.eval_batch_size, preference=False)
    tok = AutoTokenizer.from_pretrained(out)
    model = SnseT5.from_pretrained(out).eval().to("cuda" if torch.cuda.is_available() else "cpu")
    val = ShardDataset(config.shards, tok, "val", k=0, prompt=config.prompt)
    result["preference"] = measure(model, val, Collator(tok.pad_token_id), limit=args.val,
                                   max_rows=args.eval_batch_size or 64)
    history = [json.loads(line) for line in (out / "log_history.jsonl").read_text().splitlines()]
    result |= {"arm": name, "spec": config.bml_spec().to_dict(), "k": config.k, "train_seconds": round(trained),
               "eval_seconds": round(time.time() - start - trained), "steps": args.steps, "finetune": args.finetune,
               "train_loss_last": [h for h in history if "nll" in h][-1]}
    scores.write_text(json.dumps(result, indent=2) + "\n")
    return result


def arms_dir(work: Path, args) -> Path:
    """Where the arms' folders and the tables go: fine-tuned arms apart from those trained from scratch, which a
    rerun would otherwise reuse."""
    return work / f"finetune-{args.finetune}" if args.finetune else work


def train_base(work: Path, args) -> None:
    """--finetune: the model every arm continues from, trained like the lambda0 arm (NLL alone, --steps)."""
    from trainer.fit import fit

    if not (work / "base" / "model.safetensors").is_file():
        fit(fit_config(work, work / "base", ARMS["lambda0"], args))


def fit_config(work: Path, out: Path, overrides: dict, args, **fixed):
    """The arm's training config: the A/B's shared settings, the arm's BML spec and k, then ``fixed``."""
    from trainer.config import FitConfig

    bml = {k[len("bml_"):]: v for k, v in overrides.items() if k.startswith("bml_")}   # [bml] keys
    values = dict(shards=str(work / "shards"), tokenizer=str(work / "tok"), model_config=SIZES[args.size],
                  output_dir=str(out), max_steps=args.steps, batch_size=args.batch_size, lr=args.lr,
                  warmup_steps=0.05, save_steps=10**6, logging_steps=25, max_input_len=256,
                  max_target_len=args.max_target, seed=args.seed, precision=args.precision, bml=bml,
                  dataloader_workers=args.loader_workers, max_grad_norm=args.max_grad_norm,
                  **{k: v for k, v in overrides.items() if not k.startswith("bml_")})
    config = FitConfig(**(values | fixed))
    config.check()
    return config


def decoder_rows(overrides: dict) -> int:
    """Decoder rows per example in one training step: loglik and span score the gold and each of its K negatives."""
    from trainer.config import FitConfig

    return 1 + overrides.get("k", FitConfig.model_fields["k"].default) \
        if overrides.get("bml_repr") in ("loglik", "span") else 1


def train_answer_stage(work: Path, args) -> Path:
    """Stage 2, trained once on gold rationales; every arm's decoded val rationales are then answered by it."""
    from trainer.config import FitConfig
    from trainer.fit import fit

    out = work / "answer"
    if not (out / "model.safetensors").is_file():
        fit(FitConfig(shards=str(work / "shards"), tokenizer=str(work / "tok"), model_config=SIZES[args.size],
                      output_dir=str(out), stage="answer", max_steps=args.answer_steps, batch_size=args.batch_size,
                      lr=args.lr, warmup_steps=0.05, save_steps=10**6, logging_steps=25, max_input_len=512,
                      max_target_len=16, seed=0, precision=args.precision, dataloader_workers=args.loader_workers))
    return out


def answer_arm(work: Path, answer_model: Path, result: dict, args) -> None:
    """Stage-2 accuracy when the answer model reads this arm's generated (not gold) val rationales."""
    from trainer.evaluate import evaluate

    if "answer_accuracy" not in result:
        out = arms_dir(work, args) / result["arm"]
        scores = evaluate(answer_model, work / "shards", out / "val_answers.jsonl", stage="answer",
                          rationales=out / "val.jsonl", batch_size=args.eval_batch_size)
        result["answer_accuracy"] = scores["table"]["ALL"]["accuracy"]


def negation_direction(rules: dict, suffix: str) -> str:
    """Preference on the negation rules that insert (or remove) a negation: a gain on insertions with a loss on
    removals is a model that learnt "not" is rare, not when it is right."""
    cells = [c for r, c in rules.items() if r.startswith("negation.") and r.endswith(suffix) and c["pairs"]]
    pairs = sum(c["pairs"] for c in cells)
    return f"{sum(c['accuracy'] * c['pairs'] for c in cells) / pairs:.1f}" if pairs else "-"


def table(results: list[dict]) -> str:
    kinds = sorted({k for r in results for k in r["preference"]["kinds"]})
    base = next((r for r in results if r["arm"] == "lambda0"), None)
    head = ["arm", "BML spec", "val NLL", "ΔNLL %", "ROUGE-L", "pref. ALL %", "Δ pts", "margin", *kinds,
            "neg. insert", "neg. remove"]
    head += ["stage-2 acc. %"] if "answer_accuracy" in results[0] else []
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        p = r["preference"]
        spec = r["spec"]
        label = "NLL only" if spec["lam"] == 0 else (f"{spec['repr']} {spec['similarity']} α {spec['alpha']:g} "
                                                     f"β {spec['beta']:g} λ {spec['lam']:g} {spec['reduction']}"
                                                     f" K {r['k']}")
        d_nll = f"{100 * (p['nll'] / base['preference']['nll'] - 1):+.1f}" if base else "-"
        d_acc = f"{p['overall']['accuracy'] - base['preference']['overall']['accuracy']:+.1f}" if base else "-"
        cells = [r["arm"], label, f"{p['nll']:.4f}", d_nll, f"{r['rougeL']:.2f}", f"{p['overall']['accuracy']:.1f}",
                 d_acc, f"{p['overall']['margin']:+.4f}"]
        cells += [f"{p['kinds'][k]['accuracy']:.1f}" if k in p["kinds"] else "-" for k in kinds]
        cells += [negation_direction(p.get("rules", {}), "_insert"), negation_direction(p.get("rules", {}), "_remove")]
        cells += [f"{r['answer_accuracy']:.1f}"] if "answer_accuracy" in r else []
        lines.append("| " + " | ".join(cells) + " |")
    pairs = {k: results[0]["preference"]["kinds"][k]["pairs"] for k in kinds if k in results[0]["preference"]["kinds"]}
    lines.append("")
    lines.append(f"val pairs per kind: {', '.join(f'{k} {n}' for k, n in pairs.items())}; "
                 f"{results[0]['preference']['examples']} val examples (ROUGE-L on the first {results[0]['n']})")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("work", type=Path)
    p.add_argument("--problems", type=Path, default=Path("../shared/data/scienceqa/problems.json"))
    p.add_argument("--train", type=int, default=100000, help="train problems (with a solution; the shared file "
                   "has 6,169, all used by default: BML generalises to val with more of them)")
    p.add_argument("--val", type=int, default=400, help="val problems (preference metric and NLL on all)")
    p.add_argument("--steps", type=int, default=750)
    p.add_argument("--batch-size", type=int, default=12)
    p.add_argument("--vocab", type=int, default=1000)
    p.add_argument("--max-target", type=int, default=96)
    p.add_argument("--rouge-val", type=int, default=100, help="val problems decoded for ROUGE-L")
    p.add_argument("--max-new-tokens", type=int, default=64)
    p.add_argument("--arms", default="lambda0,span,divergence,loglik,embedding,decoder", help="lambda0, paper, or REPR[-aALPHA][-bBETA][-lLAMBDA][-kK][-sum], e.g. divergence-a2-l0.3-k5")
    p.add_argument("--threads", type=int, help="torch threads (1 is faster on a CPU shared with other jobs)")
    p.add_argument("--size", choices=SIZES, default="tiny", help="model size (from scratch)")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--max-grad-norm", type=float, default=1.0, help="gradient clipping for every arm (0: none)")
    p.add_argument("--seed", type=int, default=0, help="training seed (init, order, negatives drawn): rerun the "
                   "arms in another WORKDIR with another seed to see how much of a difference is noise")
    p.add_argument("--finetune", type=int, default=0, help="> 0: BML as a fine-tuning stage. A model is trained "
                   "with NLL alone for --steps (WORKDIR/base), then every arm, lambda0 too, continues from it for "
                   "this many steps with its own BML spec")
    p.add_argument("--finetune-lr", type=float, default=1e-3, help="peak learning rate of the fine-tuning stage")
    p.add_argument("--precision", default="auto", help="auto: bf16 on a GPU that has it, fp32 on CPU")
    p.add_argument("--answer-steps", type=int, default=0, help="> 0: also train stage 2 and score every arm's answers")
    p.add_argument("--workers", type=int, default=2, help="snaug generate workers")
    p.add_argument("--loader-workers", type=int, default=0, help="DataLoader worker processes while training")
    p.add_argument("--eval-batch-size", type=int, help="decoding and scoring batch (default: 64 on a GPU, 16 on CPU)")
    p.add_argument("--deadline", type=float, help="seconds for the whole run: an arm that would end past it is not "
                   "started (estimated from the arms done so far); the table keeps the arms that finished")
    args = p.parse_args()
    began = time.time()
    settings = {name: arm_settings(name) for name in args.arms.split(",")}     # a typo stops before any work
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    prepare(args.work, args.problems, args.train, args.val, args.vocab, args.workers)
    answer_model = train_answer_stage(args.work, args) if args.answer_steps > 0 else None
    if args.finetune:
        train_base(args.work, args)
    results, arms, per_row = [], args.arms.split(","), 0.0
    for i, name in enumerate(arms):          # the table is rewritten after every arm: a cut-off run keeps its arms
        rows = decoder_rows(settings[name])
        if args.deadline and results and time.time() - began + per_row * rows > args.deadline:
            print(f"bml_ab: --deadline {args.deadline:g} s: {', '.join(arms[i:])} not started "
                  f"({time.time() - began:.0f} s used; {name} would take about {per_row * rows:.0f} s)", flush=True)
            break
        arm_start = time.time()
        results.append(run_arm(args.work, name, settings[name], args))
        per_row = max(per_row, (time.time() - arm_start) / rows)
        if answer_model:
            answer_arm(args.work, answer_model, results[-1], args)
        print(json.dumps({"arm": name, "nll": results[-1]["preference"]["nll"], "rougeL": results[-1]["rougeL"],
                          "preference": results[-1]["preference"]["overall"],
                          "seconds": [results[-1]["train_seconds"], results[-1]["eval_seconds"]]}), flush=True)
        tables = arms_dir(args.work, args)
        (tables / "ab.json").write_text(json.dumps(results, indent=2) + "\n")
        (tables / "ab.md").write_text(table(results) + "\n")
    print(table(results))


if __name__ == "__main__":
    main()
