"""The public API: `snaug.Augmenter` gives an example the negatives `snaug generate` gives it, on one text, on
batches, inside `datasets.Dataset.map(num_proc=N)` and through `write_shards`; its docstrings run."""
import doctest
import json
import pickle
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLE

import snaug
from snaug import SnaugError
from snaug.generate import GenerateConfig, generate
from snaug.io.readers import FieldMap

SQA_FIELDS = FieldMap(id="pid", context="hint")


def sample_records() -> list[dict]:
    """The sample problems as flat records (what a Hugging Face ScienceQA copy holds), pid as a column."""
    problems = json.loads(SAMPLE.read_text())
    return [{"pid": pid, **{k: v for k, v in rec.items() if k != "caption"}} for pid, rec in problems.items()]


def shard_rows(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in pq.read_table(out / "shards").to_pylist()}


def as_dicts(negatives) -> list[dict]:
    return [{"kind": n.kind, "rule": n.rule, "text": n.text,
             "edits": [{"start": e.start, "end": e.end, "before": e.before, "after": e.after} for e in n.edits]}
            for n in negatives]


def test_public_names_are_listed_and_import_lazily():
    assert set(snaug.__all__) >= {"Augmenter", "Negative", "Outcome", "Edit", "FieldMap", "SnaugError",
                                  "write_shards"}
    for name in snaug.__all__:
        assert getattr(snaug, name) is not None
    with pytest.raises(AttributeError):
        snaug.Engine  # noqa: B018  (internal: not part of the API)


def test_docstring_examples_run():
    import snaug.api

    result = doctest.testmod(snaug.api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0


def test_one_text_gets_the_negatives_snaug_generate_wrote(sample_run):
    """Same example, same negatives and skip reasons, whichever way it was run (RNG per seed, id and kind)."""
    rows = shard_rows(sample_run / "shards")
    aug = snaug.Augmenter()
    for rid, row in rows.items():
        outcome = aug.augment(row["target"], question=row["question"], choices=row["choices"],
                              answer=row["answer"], id=rid)
        assert as_dicts(outcome.negatives) == row["negatives"], rid
        assert [{"kind": k, "reason": r} for k, r in outcome.skips] == row["skips"], rid
    assert sum(len(r["negatives"]) for r in rows.values()) >= 20


def test_augmenter_checks_its_settings_and_bad_input_in_one_line():
    with pytest.raises(SnaugError, match="unknown kind"):
        snaug.Augmenter(kinds=["negation", "bogus"])
    with pytest.raises(SnaugError, match="per-kind"):
        snaug.Augmenter(per_kind=0)
    aug = snaug.Augmenter(pipeline="blank:en", kinds=["option"])
    with pytest.raises(SnaugError, match="answer: index 5 outside the 2 choices"):
        aug.negatives("So, it is hot.", choices=["hot", "cold"], answer=5)
    with pytest.raises(SnaugError, match="text: expected a non-empty string"):
        aug.negatives("  ")
    with pytest.raises(SnaugError, match="no target column"):
        aug.map_batch({"id": ["1"], "body": ["It is hot."]})
    strict = snaug.Augmenter(pipeline="blank:en", kinds=["option"], strict=True)
    with pytest.raises(SnaugError, match=r"batch row 1 \(id '2'\), field 'choices'"):
        strict.map_batch({"id": ["1", "2"], "rationale": ["It is hot.", "It is cold."], "choices": [[], "x"]})
    lenient = aug.map_batch({"id": ["1", "2"], "rationale": ["It is hot.", "It is cold."], "choices": [[], "x"]})
    assert lenient["skips"][1] == [{"kind": "option", "reason": "record skipped: choices: expected a JSON list "
                                                                "of strings"}]


def test_pickled_augmenter_leaves_the_pipeline_behind_and_reloads_it():
    aug = snaug.Augmenter(pipeline="blank:en", kinds=["orientation"])
    before = aug.negatives("North is up.")
    clone = pickle.loads(pickle.dumps(aug))
    assert clone._engine is None and len(pickle.dumps(aug)) < 200_000
    assert clone.negatives("North is up.") == before


def test_map_batch_keeps_the_batch_type(sample_run):
    records = sample_records()
    aug = snaug.Augmenter(target="solution", fields=SQA_FIELDS)
    columns = {k: [r.get(k) for r in records] for k in records[0]}
    as_dict = aug.map_batch(columns)
    table = aug.map_batch(pa.Table.from_pylist(records))
    frame = aug(pa.Table.from_pylist(records).to_pandas())
    assert list(as_dict) == list(columns) + ["negatives", "skips"]
    assert table.column_names == list(columns) + ["negatives", "skips"]
    assert table.column("negatives").to_pylist() == as_dict["negatives"] == list(frame["negatives"])
    rows = shard_rows(sample_run / "shards")
    for rid, negatives in zip(columns["pid"], as_dict["negatives"]):
        if rid in rows:
            assert negatives == rows[rid]["negatives"]
        else:
            assert negatives == []             # the record with an empty solution: no negatives, skipped in shards


# -- Hugging Face datasets ------------------------------------------------------------------------------------

def test_generate_reads_a_datasets_folder_and_dataset_map_writes_the_same_shards(tmp_path):
    datasets = pytest.importorskip("datasets", reason="datasets is not installed (pip install snaug[hf])")
    ds = datasets.Dataset.from_list(sample_records())
    ds.save_to_disk(str(tmp_path / "hf"))
    cli_run = generate(GenerateConfig(input=tmp_path / "hf", out=tmp_path / "cli", target="solution",
                                      fields=SQA_FIELDS, shard_size=4, progress=False), warn=lambda m: None)
    assert cli_run.manifest["input"]["format"] == "hf"
    assert cli_run.manifest["records"] == {"read": 15, "written": 14, "skipped": {"solution: empty target": 1}}

    aug = snaug.Augmenter(target="solution", fields=SQA_FIELDS)
    mapped = ds.with_format("arrow").map(aug.map_batch, batched=True, batch_size=4, num_proc=2,
                                         fn_kwargs={"dropped": True})
    manifest = snaug.write_shards(mapped, tmp_path / "api", aug, source="hf", shard_size=4)
    # Everything but the input's description: counts, skips, validator drops, shard list with sha256s.
    assert manifest["input"] == {"file": "hf", "format": "records", "sha256": None}
    assert {**manifest, "input": None} == {**cli_run.manifest, "input": None}
    assert sum(n for kind in manifest["dropped"].values() for n in kind.values()) > 0
    cli_shards = sorted((tmp_path / "cli" / "shards").iterdir())
    assert [p.name for p in cli_shards] == [p.name for p in sorted((tmp_path / "api" / "shards").iterdir())]
    for path in cli_shards:          # the same bytes: same rows, same writer
        assert path.read_bytes() == (tmp_path / "api" / "shards" / path.name).read_bytes()

    # Plain dict batches need the output features (a first batch without negatives would type them as null).
    plain = ds.map(aug.map_batch, batched=True, batch_size=2, features=aug.hf_features(ds.features))
    assert plain["negatives"] == mapped.with_format(None)["negatives"]
    assert plain.column_names == ds.column_names + ["negatives", "skips"]


def test_generate_reads_a_datasetdict_and_parquet_json_folders(tmp_path):
    datasets = pytest.importorskip("datasets", reason="datasets is not installed (pip install snaug[hf])")
    records = [{k: v for k, v in r.items() if k != "split"} for r in sample_records()]
    dd = datasets.DatasetDict({"train": datasets.Dataset.from_list(records[:9]),
                               "validation": datasets.Dataset.from_list(records[9:])})
    dd.save_to_disk(str(tmp_path / "dd"))
    (tmp_path / "pq").mkdir()
    dd["train"].to_parquet(str(tmp_path / "pq" / "train-00000.parquet"))
    dd["validation"].to_parquet(str(tmp_path / "pq" / "validation-00000.parquet"))
    (tmp_path / "js" / "data").mkdir(parents=True)
    dd["train"].to_json(str(tmp_path / "js" / "data" / "train.json"))
    dd["validation"].to_json(str(tmp_path / "js" / "data" / "validation.json"))
    counts = {}
    for name in ("dd", "pq", "js"):
        report = generate(GenerateConfig(input=tmp_path / name, out=tmp_path / f"out-{name}", target="solution",
                                         fields=SQA_FIELDS, kinds=["orientation"], progress=False),
                          warn=lambda m: None)
        counts[name] = report.manifest["counts"]
    assert set(counts["dd"]) == {"train", "validation"}
    assert counts["dd"] == counts["pq"] == counts["js"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(SnaugError, match="no dataset in it"):
        generate(GenerateConfig(input=tmp_path / "empty", out=tmp_path / "x", progress=False))


def test_write_shards_refuses_unmapped_records_and_existing_output(tmp_path):
    aug = snaug.Augmenter(pipeline="blank:en", kinds=["orientation"])
    with pytest.raises(SnaugError, match="map them with Augmenter.map_batch first"):
        snaug.write_shards([{"id": "1", "rationale": "North."}], tmp_path, aug)
    batch = aug.map_batch({"id": ["1", "2", "2"], "rationale": ["North is up.", "It is red.", "Go east."]})
    manifest = snaug.write_shards([batch_row(batch, i) for i in range(3)], tmp_path / "o", aug)
    assert manifest["records"] == {"read": 3, "written": 2, "skipped": {"id: duplicate id '2'": 1}}
    with pytest.raises(SnaugError, match="already holds shards"):
        snaug.write_shards([batch_row(batch, 0)], tmp_path / "o", aug)


def batch_row(batch: dict, i: int) -> dict:
    return {k: v[i] for k, v in batch.items()}


# -- Ray Data -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install snaug[ray])")
    pytest.importorskip("ray.data", reason="ray[data] is not installed")
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    except Exception as exc:  # no shared memory, no sockets: a sandbox where Ray cannot start
        pytest.skip(f"a local Ray cluster cannot start here: {type(exc).__name__}: {exc}")
    yield ray
    ray.shutdown()


def test_ray_map_batches_writes_the_shards_snaug_generate_writes(ray_local, tmp_path):
    """docs/scale-ray.md's recipe on a local cluster: the callable class loads its pipeline once per actor."""
    import ray.data

    records = sample_records()
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    cli_run = generate(GenerateConfig(input=tmp_path / "in.jsonl", out=tmp_path / "cli", target="solution",
                                      fields=SQA_FIELDS, shard_size=4, progress=False), warn=lambda m: None)

    ray.data.DataContext.get_current().execution_options.preserve_order = True
    settings = dict(target="solution", fields=SQA_FIELDS)
    ds = ray.data.from_items(records, override_num_blocks=3).map_batches(
        snaug.Augmenter, fn_constructor_kwargs=settings, batch_format="pyarrow", batch_size=4, concurrency=2)
    manifest = snaug.write_shards(ds, tmp_path / "ray", snaug.Augmenter(**settings), source="in.jsonl",
                                  shard_size=4)
    assert manifest["counts"] == cli_run.manifest["counts"]
    assert manifest["records"] == cli_run.manifest["records"]
    for path in sorted((tmp_path / "cli" / "shards").iterdir()):
        assert path.read_bytes() == (tmp_path / "ray" / "shards" / path.name).read_bytes()

    from snaug.audit.check import check_shards

    assert check_shards(tmp_path / "ray").ok
