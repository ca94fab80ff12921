"""`snaug.read_shards`: the negatives of a run as a pandas DataFrame, one row per negative."""
import pytest
from test_inspect import write_dir

import snaug
from snaug import SnaugError


def test_one_row_per_negative_with_its_edits_and_similarity(tmp_path):
    out = write_dir(tmp_path / "o")
    frame = snaug.read_shards(out)
    assert list(frame.columns) == ["id", "split", "kind", "rule", "target", "negative", "edits", "similarity"]
    assert len(frame) == 5 and frame.groupby("kind").size().to_dict() == {"negation": 3, "number": 2}
    swap = frame[frame["rule"] == "number.swap"].iloc[0]
    assert (swap["id"], swap["split"], swap["negative"]) == ("b", "train", "A spider has 2 legs and 8 eyes.")
    assert [(e["before"], e["after"]) for e in swap["edits"]] == [("8", "2"), ("2", "8")]
    assert swap["similarity"] == pytest.approx(1 - 2 / 31)
    assert frame["id"].tolist() == ["a", "b", "b", "b", "c"]            # shard order, as the manifest lists them


def test_extra_columns_a_single_file_and_a_clear_error(tmp_path):
    out = write_dir(tmp_path / "o")
    frame = snaug.read_shards(out / "shards" / "val-00000.parquet", columns=["question", "answer"])
    assert frame[["id", "question"]].values.tolist() == [["c", ""]] and frame["answer"].isna().all()
    with pytest.raises(SnaugError, match="no shards here"):
        snaug.read_shards(tmp_path)
