"""Images and a vision backbone for the sample, made here: no download, so the image path runs anywhere.

    python examples/sample_images.py data/sample/problems.json WORKDIR

Writes WORKDIR/images/<pid>/image.png (ScienceQA's layout) for every sample problem that has an image: a small
drawing seeded by the pid, not the real picture. And WORKDIR/vit-tiny: a ViT with random weights (1 layer,
hidden size 32, 32 × 32 pixels, 16 patches) saved with its image processor, the layout `trainer extract-features
--model` loads. The features it gives carry no meaning; they exercise the multimodal path (extraction, the
projection, cross-attention and the gate) end to end. For real features pass a pretrained DETR, CLIP or ViT.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path


def draw(pid: str, path: Path) -> None:
    from PIL import Image, ImageDraw

    rng = random.Random(f"snaug-sample-{pid}")
    image = Image.new("RGB", (96, 72), (250, 250, 245))
    pen = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(0, 80), rng.randrange(0, 56)
        w, h = rng.randrange(8, 30), rng.randrange(8, 30)
        colour = tuple(rng.randrange(0, 256) for _ in range(3))
        (pen.ellipse if rng.random() < 0.5 else pen.rectangle)([x, y, x + w, y + h], fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def tiny_vit(out: Path) -> None:
    import torch
    from transformers import ViTConfig, ViTImageProcessor, ViTModel

    torch.manual_seed(0)
    model = ViTModel(ViTConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                               image_size=32, patch_size=8))
    model.save_pretrained(out)
    ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(out)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    problems, work = Path(sys.argv[1]), Path(sys.argv[2])
    with_image = [pid for pid, p in json.loads(problems.read_text()).items() if p.get("image")]
    for pid in with_image:
        draw(pid, work / "images" / pid / "image.png")
    tiny_vit(work / "vit-tiny")
    print(f"{len(with_image)} image(s) in {work / 'images'}, a random-init ViT in {work / 'vit-tiny'}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
