"""The SNSE-CoT trainer: a T5 encoder-decoder with gated image fusion, trained on snaug shards with
NLL + λ·BML (``trainer fit``), then decoded and scored in two stages (``trainer evaluate`` / ``trainer predict``).
See docs/trainer.md."""
