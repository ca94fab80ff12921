#!/usr/bin/env bash
# The BML A/B (examples/bml_ab.py) sized for one H100/H200: the full shared ScienceQA (6,169 train / 2,091 val
# problems with a solution), a 4+4-layer d_model-512 T5 from scratch in bf16, λ = 0 vs each bml.repr, and stage 2
# (trained once on gold rationales) answering from every arm's decoded val rationales.
#   bash examples/gpu_ab.sh [WORKDIR]          # on the GPU machine; target: under 8 minutes (not yet measured)
#   SMOKE=1 bash examples/gpu_ab.sh runs/smoke # the same path on CPU with tiny settings: checks it starts and runs
# Output: WORKDIR/ab.md (the table) and WORKDIR/ab.json; every arm's model, predictions and metrics beside them.
set -euo pipefail
work=${1:-runs/gpu-ab}
export PYTHONPATH=.${PYTHONPATH:+:$PYTHONPATH}   # the repository first, then what the caller set
if [ "${SMOKE:-0}" = 1 ]; then
    args=(--train 40 --val 12 --rouge-val 6 --steps 2 --answer-steps 2 --size tiny --vocab 400 --max-new-tokens 8
          --batch-size 4 --arms lambda0,span --threads 1 --precision fp32)
else
    args=(--train 100000 --val 100000 --rouge-val 100000 --steps 600 --answer-steps 300 --size gpu --lr 1e-3
          --batch-size 48 --vocab 8000 --max-target 256 --max-new-tokens 256 --workers 16 --precision bf16
          --loader-workers 6 --eval-batch-size 256 --deadline "${DEADLINE:-420}"
          --arms lambda0,span,divergence,decoder,embedding,loglik)
    export TQDM_DISABLE=1                   # progress bars of every step would bury the log
fi
start=$(date +%s)
python examples/bml_ab.py "$work" --problems "${SCIENCEQA:-../shared/data/scienceqa/problems.json}" "${args[@]}"
echo "gpu_ab: $(( $(date +%s) - start )) s in all" >&2
