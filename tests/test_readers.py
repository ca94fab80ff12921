"""Readers: every record is an Example or a counted skip; malformed ones stop --strict with file/record/field."""
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import GSM8K, SAMPLE, SCIENCEQA, needs_shared

from snaug import SnaugError
from snaug.io.readers import FieldMap, RecordError, read_examples


def test_sample_problems_read_with_splits_and_empty_target_skipped():
    result = read_examples(SAMPLE)
    assert result.format == "scienceqa" and result.target == "solution"
    assert result.read == 15 and len(result.examples) == 14
    assert dict(result.skipped) == {"solution: empty target": 1}
    first = result.examples[0]
    assert first.id == "1" and first.split == "train" and first.answer == 0 and first.choices[0] == "north"
    assert first.image == "image.png" and first.caption and first.subject == "social science"


def test_lecture_plus_solution_joins_with_a_space():
    ex = read_examples(SAMPLE, target="lecture+solution").examples[0]
    assert ex.target.startswith("A compass rose shows") and ex.target.endswith("north of the harbor.")
    assert ex.target == f"{ex.lecture} {ex.solution}"


@needs_shared
def test_shared_scienceqa_counts():
    result = read_examples(SCIENCEQA)
    assert result.read == 8375
    assert len(result.examples) + sum(result.skipped.values()) == result.read
    assert {e.split for e in result.examples} == {"train", "val"}


@needs_shared
def test_gsm8k_jsonl_guesses_the_rationale_field():
    result = read_examples(GSM8K)
    assert result.format == "jsonl" and result.target == "answer"
    assert result.read == len(result.examples) == 7473
    assert result.examples[0].id == "0" and result.examples[0].target.endswith("#### 72")
    assert result.examples[0].question.startswith("Natalia") and result.examples[0].choices == ()


def test_jsonl_malformed_lines_are_counted_and_strict_names_file_line_and_field(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "a", "rationale": "It is hot.", "extra": {"x": 1}}\n'
                    '{"id": "b", "rationale": "It is hot."\n'
                    '[1, 2]\n'
                    '{"id": "c", "rationale": "It is hot.", "choices": ["x", "y"], "answer": 5}\n'
                    '{"id": "a", "rationale": "again"}\n'
                    '{"id": "d", "rationale": ""}\n')
    result = read_examples(path)
    assert [e.id for e in result.examples] == ["a"]
    assert dict(result.skipped) == {
        "invalid JSON (Expecting ',' delimiter)": 1, "expected an object, got list": 1,
        "answer: index 5 outside the 2 choices": 1, "id: duplicate id 'a'": 1, "rationale: empty target": 1}
    with pytest.raises(RecordError) as err:
        read_examples(path, strict=True)
    assert str(err.value) == f"{path}: line 2: invalid JSON (Expecting ',' delimiter) at column 39"
    path.write_text('{"id": "c", "rationale": "It is hot.", "choices": ["x", "y"], "answer": "zebra"}\n')
    with pytest.raises(RecordError, match=r"line 1, field 'answer': 'zebra' is neither an index"):
        read_examples(path, strict=True)


def test_strict_does_not_stop_at_an_empty_target(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"rationale": ""}\n{"rationale": "It is hot."}\n')
    result = read_examples(path, strict=True)
    assert len(result.examples) == 1 and sum(result.skipped.values()) == 1


def test_csv_with_field_mapping_and_answer_as_text(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('qid,expl,opts,gold,part\n'
                    'q1,"The rock is hot, not cold.","[""hot"", ""cold""]",hot,dev\n'
                    'q2,It is north.,"[""north"", ""south""]",B,dev\n')
    fields = FieldMap(id="qid", choices="opts", answer="gold", split="part")
    result = read_examples(path, target="expl", fields=fields)
    assert [(e.id, e.split, e.answer, e.target) for e in result.examples] == [
        ("q1", "dev", 0, "The rock is hot, not cold."), ("q2", "dev", 1, "It is north.")]


def test_parquet_input(tmp_path):
    path = tmp_path / "d.parquet"
    pq.write_table(pa.table({"id": ["1", "2"], "solution": ["It is hot.", "It is north."],
                             "choices": [["a", "b"], ["c", "d"]], "answer": [1, 0]}), path)
    result = read_examples(path)
    assert result.target == "solution" and [e.answer for e in result.examples] == [1, 0]
    assert result.examples[0].choices == ("a", "b") and result.examples[0].split == "train"


@pytest.mark.parametrize("content,suffix,message", [
    (None, ".json", "no such input file"),
    ("{not json", ".json", "not valid JSON"),
    ("\"text\"", ".json", "expected a JSON object of problems or a list"),
    ("x", ".txt", "cannot tell the format"),
    ("not parquet", ".parquet", "not a readable Parquet file"),
])
def test_unreadable_input_is_one_clear_error(tmp_path, content, suffix, message):
    path = tmp_path / f"in{suffix}"
    if content is not None:
        path.write_text(content)
    with pytest.raises(SnaugError, match=message):
        read_examples(path)


def test_scienceqa_record_without_choices_is_malformed(tmp_path):
    path = tmp_path / "problems.json"
    path.write_text(json.dumps({"7": {"question": "Q?", "choices": [], "answer": 0, "solution": "It is hot.",
                                      "split": "train"}}))
    assert dict(read_examples(path).skipped) == {"choices: missing or empty": 1}
    with pytest.raises(RecordError, match=r"problems.json: record '7', field 'choices': missing or empty"):
        read_examples(path, strict=True)
