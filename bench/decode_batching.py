"""What sorting decode batches by input length buys: `trainer evaluate` / `predict` batch inputs of similar length.

    python bench/decode_batching.py [N] [BATCH]

The first N (default 512) val problems of the shared ScienceQA as stage-1 inputs, a tokenizer trained on them
and a small random-init SnseT5 (d_model 128, 2 + 2 layers) on CPU. Reports the share of input positions that are
padding, and the decode time (16 new tokens), for batches in file order and in length order. One process.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import torch

from trainer.data import Collator, Item
from trainer.generation import generate
from trainer.model import SnseT5, SnseT5Config
from trainer.prompts import format_input

ROOT = Path(__file__).resolve().parent.parent


def tokenizer_for(texts: list[str]):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer, tok.decoder = pre_tokenizers.Metaspace(), decoders.Metaspace()
    tok.train_from_iterator(texts, trainers.UnigramTrainer(vocab_size=2000, special_tokens=["<pad>", "</s>", "<unk>"],
                                                           unk_token="<unk>"))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    fast.save_pretrained(tempfile.mkdtemp())
    return fast


def run(model, items, collator, batch: int) -> tuple[float, float]:
    padded = real = 0
    t0 = time.perf_counter()
    for start in range(0, len(items), batch):
        b = collator(items[start:start + batch])
        padded += b["input_ids"].numel()
        real += int(b["attention_mask"].sum())
        generate(model, b, max_new_tokens=16)
    return 1 - real / padded, time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    problems = json.loads((ROOT.parent / "shared/data/scienceqa/problems.json").read_text())
    val = [p for p in problems.values() if p.get("split") == "val"][:n]
    texts = [format_input(p["question"], p.get("hint") or "", p["choices"]) for p in val]
    tok = tokenizer_for(texts)
    torch.manual_seed(0)
    model = SnseT5(SnseT5Config(vocab_size=len(tok), d_model=128, d_kv=32, d_ff=256, num_layers=2,
                                num_decoder_layers=2, num_heads=4, pad_token_id=0, eos_token_id=1,
                                decoder_start_token_id=0)).eval()
    items = [Item(str(i), tok(t)["input_ids"], [], [], None) for i, t in enumerate(texts)]
    collator = Collator(tok.pad_token_id)
    torch.set_num_threads(2)
    run(model, items[:batch], collator, batch)                                      # warm-up
    for label, order in (("file order", items), ("length order", sorted(items, key=lambda i: -len(i.input_ids)))):
        pad, seconds = run(model, order, collator, batch)
        print(f"{label:<13} padding {100 * pad:5.1f} % of input positions, decode {seconds:6.2f} s")


if __name__ == "__main__":
    main()
