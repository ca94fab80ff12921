"""`trainer extract-features` with tiny random-init backbones on generated images (DETR, CLIP vision, ViT)."""
import json
import subprocess
import sys

import numpy as np
import pyarrow.parquet as pq
import pytest

from trainer.data import Features


def save_backbone(kind, path):
    import torch
    from transformers import (CLIPImageProcessor, CLIPVisionConfig, CLIPVisionModel, DetrConfig, DetrImageProcessor,
                              DetrModel, ResNetConfig, ViTConfig, ViTImageProcessor, ViTModel)

    torch.manual_seed(0)
    if kind == "detr":
        backbone = ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[1, 1], out_features=["stage2"])
        model = DetrModel(DetrConfig(use_timm_backbone=False, backbone_config=backbone, use_pretrained_backbone=False,
                                     d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                                     decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                                     num_queries=10))
        processor = DetrImageProcessor(size={"shortest_edge": 64, "longest_edge": 64})
    elif kind == "clip":
        model = CLIPVisionModel(CLIPVisionConfig(hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                                                 num_attention_heads=2, image_size=32, patch_size=8))
        processor = CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    else:
        model = ViTModel(ViTConfig(hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
                                   image_size=32, patch_size=8), add_pooling_layer=False)
        processor = ViTImageProcessor(size={"height": 32, "width": 32})
    model.save_pretrained(path)
    processor.save_pretrained(path)


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    from PIL import Image

    root = tmp_path_factory.mktemp("images")
    rng = np.random.default_rng(0)
    for pid in ("1", "2", "5"):
        (root / pid).mkdir()
        Image.fromarray(rng.integers(0, 255, (40, 50, 3), dtype=np.uint8)).save(root / pid / "image.png")
    (root / "7").mkdir()
    (root / "7" / "image.png").write_bytes(b"not a png")               # corrupt
    problems = {p: {"image": "image.png"} for p in ("1", "2", "5", "7", "9")} | {"3": {"image": None}}
    (root / "problems.json").write_text(json.dumps(problems))
    return root


@pytest.mark.parametrize("kind,shape", [("detr", (10, 16)), ("clip", (17, 16)), ("vit", (17, 16))])
def test_extract_features_for_each_backbone(images, tmp_path, kind, shape):
    save_backbone(kind, tmp_path / kind)
    out = tmp_path / "f.npy"
    proc = subprocess.run([sys.executable, "-m", "trainer.cli", "extract-features", images, "--model",
                           tmp_path / kind, "-o", out, "--ids-from", images / "problems.json", "--batch-size", "2"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "missing 1, unreadable 1" in proc.stderr and "missing: 9" in proc.stderr and "corrupt: 7" in proc.stderr
    feats = Features.load(out)                                           # name_map.json beside it
    assert feats.shape == shape and set(feats.rows) == {"1", "2", "5"}
    assert not np.allclose(feats["1"], feats["2"])


def test_parquet_output_and_a_bad_model_dir(images, tmp_path):
    save_backbone("vit", tmp_path / "vit")
    out = tmp_path / "f.parquet"
    proc = subprocess.run([sys.executable, "-m", "trainer.cli", "extract-features", images, "--model",
                           tmp_path / "vit", "-o", out], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert sorted(pq.read_table(out).column("id").to_pylist()) == ["1", "2", "5"]
    bad = subprocess.run([sys.executable, "-m", "trainer.cli", "extract-features", images, "--model",
                          tmp_path / "nope", "-o", out], capture_output=True, text=True)
    assert bad.returncode == 2 and "no such model directory" in bad.stderr


@pytest.mark.parametrize("content,message", [
    (None, "no such file"),
    ("{oops", "not valid JSON"),
    ('[{"image": "image.png"}]', "expected ScienceQA's problems.json"),
])
def test_a_bad_ids_from_is_one_clear_line(images, tmp_path, content, message):
    ids_from = tmp_path / "problems.json"
    if content is not None:
        ids_from.write_text(content)
    proc = subprocess.run([sys.executable, "-m", "trainer.cli", "extract-features", images, "--model", tmp_path,
                           "-o", tmp_path / "f.npy", "--ids-from", ids_from], capture_output=True, text=True)
    assert proc.returncode == 2 and f"--ids-from {ids_from}: {message}" in proc.stderr, proc.stderr[-1500:]
    assert "Traceback" not in proc.stderr and proc.stderr.strip().count("\n") == 0
