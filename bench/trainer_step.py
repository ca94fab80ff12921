"""Training step time: NLL alone vs NLL + λ·BML (K negatives) for each ``bml.repr``, ratios measured in one run.

    python bench/trainer_step.py                         # small config on CPU (the issue's target: embedding <= 1.3x)
    python bench/trainer_step.py --size base --device cuda --bf16   # flan-t5-base shape, random init, on a GPU

One step = forward + backward + AdamW step on a random batch (inputs 128 tokens, rationale and negatives 64,
DETR-shaped image features 100 x 256). The NLL-only step runs the same model without negatives.
"""
from __future__ import annotations

import argparse
import time

import torch

from trainer.model import SnseT5, SnseT5Config

SIZES = {
    "small": dict(d_model=256, d_kv=32, d_ff=1024, num_layers=4, num_decoder_layers=4, num_heads=8, vocab_size=8000),
    # flan-t5-base: gated-GELU, untied head, 12 + 12 layers
    "base": dict(d_model=768, d_kv=64, d_ff=2048, num_layers=12, num_decoder_layers=12, num_heads=12,
                 vocab_size=32128, feed_forward_proj="gated-gelu", tie_word_embeddings=False),
}


def make_batch(b, k, cfg, device, t_in=128, t_out=64):
    v = cfg.vocab_size
    batch = {"input_ids": torch.randint(3, v, (b, t_in)), "attention_mask": torch.ones(b, t_in, dtype=torch.long),
             "labels": torch.randint(3, v, (b, t_out)), "image_features": torch.randn(b, 100, 256),
             "has_image": torch.ones(b, dtype=torch.bool)}
    if k:
        batch["neg_labels"] = torch.randint(3, v, (b, k, t_out))
        batch["neg_valid"] = torch.ones(b, k, dtype=torch.bool)
    return {name: t.to(device) for name, t in batch.items()}


def time_steps(model, batch, steps, warmup, dtype):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    device = next(model.parameters()).device
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    for i in range(warmup + steps):
        if i == warmup:
            sync()
            start = time.perf_counter()
        with torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32):
            loss = model(**batch).loss
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
    sync()
    return (time.perf_counter() - start) / steps


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--size", choices=SIZES, default="small")
    p.add_argument("--device", default="cpu")
    p.add_argument("--bf16", action="store_true")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    args = p.parse_args()
    torch.manual_seed(0)
    dtype = torch.bfloat16 if args.bf16 else torch.float32
    base = None
    print(f"size {args.size}, device {args.device}, {'bf16' if args.bf16 else 'fp32'}, batch {args.batch}, "
          f"K {args.k}, torch {torch.__version__}, threads {torch.get_num_threads()}")
    for name, repr_, k in [("nll only", "embedding", 0), ("nll+bml span", "span", args.k),
                           ("nll+bml divergence", "divergence", args.k), ("nll+bml embedding", "embedding", args.k),
                           ("nll+bml decoder", "decoder", args.k), ("nll+bml loglik", "loglik", args.k)]:
        cfg = SnseT5Config(image_dim=256, bml={"repr": repr_}, pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,
                           **SIZES[args.size])
        model = SnseT5(cfg).to(args.device).train()
        batch = make_batch(args.batch, k, cfg, args.device)
        sec = time_steps(model, batch, args.steps, args.warmup, dtype)
        base = base or sec
        tokens = args.batch * (128 + 64)
        print(f"{name:<20} {sec * 1000:9.1f} ms/step  {sec / base:5.2f}x  {tokens / sec:10.0f} tokens/s")
        del model


if __name__ == "__main__":
    main()
