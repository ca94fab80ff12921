#!/usr/bin/env bash
# Both stages end to end on a slice of ScienceQA, on CPU, with a tiny model trained from scratch (about 5 min for
# 300 + 100 problems on 2 cores). The numbers are low (a 2-layer model, a few hundred examples); the point is that
# the whole path runs on real data:
# generate -> tokenizer -> fit rationale (NLL + BML) -> evaluate rationale -> fit answer -> evaluate answer.
# The first run on a new machine is examples/sample_path.sh, which needs nothing but this checkout.
#   bash examples/two_stage_cpu.sh [WORKDIR] [N_TRAIN] [N_VAL] [LAMBDA]
#   SCIENCEQA=path/to/problems.json bash examples/two_stage_cpu.sh      # default: ../shared/data/scienceqa/
# The tokenizer is trained on WORKDIR/shards and every evaluation reads the same shards' val split.
set -euo pipefail
work=${1:-runs/two-stage}; ntrain=${2:-300}; nval=${3:-100}; lam=${4:-0.1}
problems=${SCIENCEQA:-../shared/data/scienceqa/problems.json}
if [[ ! -f $problems ]]; then
    echo "error: $problems: no such file; set SCIENCEQA=path/to/problems.json (ScienceQA's layout)" >&2
    exit 2
fi
snaug() { python -m snaug.cli "$@"; }
trainer() { python -m trainer.cli "$@"; }
mkdir -p "$work"
python - "$problems" "$work/problems.json" "$ntrain" "$nval" <<'PY'
import json, sys
src, dst, ntrain, nval = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
problems = json.load(open(src))
train = [k for k, p in problems.items() if p.get("split") == "train" and p.get("solution")][:ntrain]
val = [k for k, p in problems.items() if p.get("split") == "val" and p.get("solution")][:nval]
if not train or not val:
    sys.exit(f"error: {src}: no train or no val problems with a solution (ScienceQA's layout expected)")
json.dump({k: problems[k] for k in train + val}, open(dst, "w"))
PY
snaug generate "$work/problems.json" --out "$work/shards" --workers 2 --overwrite -q
trainer tokenizer build "$work/shards" -o "$work/tok" --vocab-size 2000
tiny='{"d_model": 128, "d_kv": 32, "d_ff": 256, "num_layers": 2, "num_decoder_layers": 2, "num_heads": 4}'
common=(--set "shards=$work/shards" --set "tokenizer=$work/tok" --set model=null --set "model_config=$tiny"
        --set batch_size=16 --set lr=0.002 --set save_steps=100000 --set logging_steps=20)
# BML with divergence, the one-pass repr: the default (span) scores every negative on its own decoder rows, about
# 4.6x the step time at these rationale lengths, for about 1.7 points of preference in the A/B (docs/trainer.md)
trainer fit examples/fit.toml "${common[@]}" --set "output_dir=$work/rationale" --set max_steps=200 \
    --set bml.repr=divergence --set "bml.lambda=$lam"
trainer evaluate "$work/rationale" --shards "$work/shards" --split val -o "$work/val_rationales.jsonl" \
    --max-new-tokens 96 --batch-size 32
trainer fit examples/fit.toml "${common[@]}" --set "output_dir=$work/answer" --set max_steps=200 --set stage=answer
trainer evaluate "$work/answer" --shards "$work/shards" --split val --stage answer \
    --rationales "$work/val_rationales.jsonl" -o "$work/val_answers.jsonl" --batch-size 32
