"""`trainer extract-features`: an image folder → one feature array per example, from a local vision model.

Backbones (transformers, loaded with from_pretrained from a local directory): DETR (the decoder's object queries,
e.g. 100 × 256, Multimodal-CoT's default), CLIP's vision tower and ViT (their patch tokens, e.g. 50 × 768). The
output is either Multimodal-CoT's layout (``.npy`` of shape (N, P, D) + ``name_map.json`` id → row beside it) or a
Parquet file (id, features); `trainer fit` reads both. An example's id is its folder name in ScienceQA's layout
(``images/<pid>/image.png``), else the file's stem. Images that are missing or cannot be decoded are reported and
left out, never replaced by zeros.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from . import DataError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}


def find_images(folder: str | Path) -> dict[str, Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: no such image folder")
    found: dict[str, Path] = {}
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES):
        key = path.parent.name if path.stem == "image" and path.parent != folder else path.stem
        found.setdefault(key, path)
    return found


def image_ids(problems_path: str | Path) -> list[str]:
    """The ids of the problems that have an image, from a ScienceQA ``problems.json`` (dict pid → problem)."""
    path = Path(problems_path)
    if not path.is_file():
        raise DataError(f"--ids-from {path}: no such file")
    try:
        problems = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"--ids-from {path}: not valid JSON ({exc})") from None
    if not isinstance(problems, dict) or not all(isinstance(p, dict) for p in problems.values()):
        raise DataError(f"--ids-from {path}: expected ScienceQA's problems.json, an object of pid -> problem")
    return [pid for pid, problem in problems.items() if problem.get("image")]


def load_backbone(model_dir: str | Path):
    from transformers import AutoConfig, AutoImageProcessor, AutoModel, CLIPVisionModel

    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise DataError(f"{model_dir}: no such model directory")
    try:
        config = AutoConfig.from_pretrained(model_dir, local_files_only=True)
        processor = AutoImageProcessor.from_pretrained(model_dir, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise DataError(f"{model_dir}: not a vision model directory ({str(exc).strip().splitlines()[0]})") from None
    if config.model_type == "clip":
        # the vision tower of a full CLIP checkpoint
        model = CLIPVisionModel.from_pretrained(model_dir, local_files_only=True)
    elif config.model_type in ("detr", "clip_vision_model", "vit"):
        model = AutoModel.from_pretrained(model_dir, local_files_only=True)
    else:
        raise DataError(f"{model_dir}: model type {config.model_type!r} is not one of detr, clip, vit")
    return processor, model.eval(), config.model_type


@torch.no_grad()
def extract(images: str | Path, model_dir: str | Path, out: str | Path, batch_size: int = 16,
            ids: list[str] | None = None, progress: bool = True) -> dict:
    from PIL import Image, UnidentifiedImageError
    from tqdm import tqdm

    processor, model, kind = load_backbone(model_dir)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device)
    found = find_images(images)
    wanted = ids if ids is not None else list(found)
    missing = [i for i in wanted if i not in found]
    corrupt: list[str] = []
    keys: list[str] = []
    chunks: list[np.ndarray] = []
    todo = [i for i in wanted if i in found]
    bar = tqdm(total=len(todo), unit="img", disable=not progress, desc="extract-features")
    for start in range(0, len(todo), batch_size):
        pictures, names = [], []
        for key in todo[start:start + batch_size]:
            try:
                with Image.open(found[key]) as im:
                    pictures.append(im.convert("RGB"))
                names.append(key)
            except (UnidentifiedImageError, OSError):
                corrupt.append(key)
        bar.update(len(todo[start:start + batch_size]))
        if not pictures:
            continue
        inputs = {k: v.to(device) for k, v in processor(images=pictures, return_tensors="pt").items()}
        states = model(**inputs).last_hidden_state
        chunks.append(states.float().cpu().numpy())
        keys += names
    bar.close()
    if not keys:
        raise DataError(f"{images}: no readable image among {len(wanted)} wanted")
    array = np.concatenate(chunks)
    out = Path(out)
    if out.suffix == ".npy":
        np.save(out, array)
        (out.with_name("name_map.json")).write_text(json.dumps({k: i for i, k in enumerate(keys)}, indent=0))
    elif out.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"id": keys, "features": [a.tolist() for a in array]}), out)
    else:
        raise DataError(f"{out}: write .npy (with name_map.json beside it) or .parquet")
    return {"backbone": kind, "written": len(keys), "shape": list(array.shape[1:]), "missing": missing,
            "corrupt": corrupt}
