#!/usr/bin/env bash
# The first path, end to end on the embedded sample (data/sample/, 15 problems), on CPU in a few minutes, with real
# but tiny models made here (nothing is downloaded):
#   generate -> inspect -> images + extract-features -> tokenizer -> fit stage 1 (rationale, NLL + BML) -> evaluate
#   rationales -> fit stage 2 (answer) -> evaluate answers -> predict; both stages read the image features, as in
#   Multimodal-CoT
#
#   bash examples/sample_path.sh [WORKDIR]              # default runs/sample
#   STEPS=300 bash examples/sample_path.sh              # train longer (default 40 steps per stage)
#
# Scores stay near zero (8 training problems, a 2-layer model): the point is that every step runs and what each one
# writes. The same path on ScienceQA itself: examples/two_stage_cpu.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-runs/sample}; steps=${STEPS:-40}; tokens=${MAX_NEW_TOKENS:-64}
sample=$root/data/sample/problems.json
# `python -m`, so a checkout on PYTHONPATH works as well as `pip install -e .`
snaug() { python -m snaug.cli "$@"; }
trainer() { python -m trainer.cli "$@"; }
# One thread: a model this small gains nothing from more, and on a busy machine threads that wait for each other
# cost a lot (4 training steps: 4.7 s with 1 thread, 75 s with 2 on a loaded 2-core machine).
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
mkdir -p "$work"

echo "== 1. soft negatives for the sample, then a look at them"
snaug generate "$sample" --out "$work/shards" --overwrite
snaug inspect "$work/shards" --show 3 --kind negation --no-color
snaug inspect "$work/shards" --html "$work/report.html" > /dev/null

echo "== 2. images: a drawing per problem with an image, a random-init ViT, its features"
python "$root/examples/sample_images.py" "$sample" "$work"
trainer extract-features "$work/images" --model "$work/vit-tiny" -o "$work/features.npy" --ids-from "$sample"

echo "== 3. a tokenizer trained on the same shards"
trainer tokenizer build "$work/shards" -o "$work/tok" --vocab-size 300

echo "== 4. stage 1: rationales, NLL + BML, with the image features"
common=(--set "shards=$work/shards" --set "tokenizer=$work/tok" --set "max_steps=$steps" --set logging_steps=20)
trainer fit "$root/examples/fit.toml" "${common[@]}" --set "output_dir=$work/rationale" \
    --set "features=$work/features.npy"
trainer evaluate "$work/rationale" --shards "$work/shards" --split val -o "$work/val_rationales.jsonl" \
    --max-new-tokens "$tokens" --features "$work/features.npy"

echo "== 5. stage 2: answers from question + rationale (+ image), scored on stage 1's rationales"
trainer fit "$root/examples/fit.toml" "${common[@]}" --set "output_dir=$work/answer" --set stage=answer \
    --set "features=$work/features.npy"
trainer evaluate "$work/answer" --shards "$work/shards" --split val --stage answer \
    --rationales "$work/val_rationales.jsonl" -o "$work/val_answers.jsonl" --features "$work/features.npy"

echo "== 6. both stages on problems as given (ScienceQA problems.json or JSONL)"
trainer predict "$sample" --rationale-model "$work/rationale" --answer-model "$work/answer" \
    -o "$work/predictions.jsonl" --max-new-tokens "$tokens" --features "$work/features.npy"
echo "done: $work (report.html, val_rationales.jsonl, val_answers.jsonl.scores.csv, predictions.jsonl)"
