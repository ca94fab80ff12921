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


# -- bad input (issue 12): a counted skip or one clear line, never a traceback, never a silent loss ----------------

def test_bytes_that_are_not_utf8_are_a_counted_skip_in_jsonl_and_csv(tmp_path):
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_bytes(b'{"id": "a", "rationale": "It is hot."}\n{"id": "b", "rationale": "caf\xe9 is hot."}\n'
                      b'{"id": "c", "rationale": "It is cold."}\n')
    result = read_examples(jsonl)
    assert [e.id for e in result.examples] == ["a", "c"] and result.read == 3
    assert dict(result.skipped) == {"not UTF-8 text (invalid continuation byte at byte 30 of the line)": 1}
    with pytest.raises(RecordError, match=r"d.jsonl: line 2: not UTF-8 text"):
        read_examples(jsonl, strict=True)
    csv_path = tmp_path / "d.csv"
    csv_path.write_bytes(b"id,rationale\na,It is hot.\nb,caf\xe9 is hot.\n")
    result = read_examples(csv_path)
    assert [e.id for e in result.examples] == ["a"]
    (reason,) = result.skipped
    assert reason.startswith("rationale: not valid text") and "not UTF-8" in reason
    with pytest.raises(RecordError, match=r"d.csv: line 3, field 'rationale': not valid text"):
        read_examples(csv_path, strict=True)


def test_bytes_that_are_not_utf8_in_a_json_file_are_one_clear_error(tmp_path):
    path = tmp_path / "problems.json"
    path.write_bytes(b'{"1": {"question": "Q?", "choices": ["a", "b"], "answer": 0, "solution": "It is hot.", '
                     b'"split": "train"}, "2": {"solution": "caf\xe9"}}')
    with pytest.raises(SnaugError, match=r"problems.json: not valid JSON after record '2': .*UTF8") as err:
        read_examples(path)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("where", ["target", "question", "choice", "id"])
def test_a_lone_surrogate_in_any_field_or_id_is_a_counted_skip(tmp_path, where):
    bad = "It is hot\ud800."
    good = {"id": "ok", "rationale": "It is hot.", "question": "Q?", "choices": ["hot", "cold"], "answer": 0}
    record = dict(good, id="x")
    record.update({"target": {"rationale": bad}, "question": {"question": bad},
                   "choice": {"choices": ["hot", bad]}, "id": {"id": "x\udfff"}}[where])
    for name, text in [("d.jsonl", json.dumps(good) + "\n" + json.dumps(record) + "\n"),
                       ("d.json", json.dumps([good, record]))]:
        path = tmp_path / name
        path.write_text(text)                      # json.dumps writes the surrogate as a \ud800 escape
        result = read_examples(path)
        assert [e.id for e in result.examples] == ["ok"] and result.read == 2
        (reason,) = result.skipped
        assert "lone surrogate" in reason
    problems = tmp_path / "problems.json"
    sqa = {"question": "Q?", "choices": ["hot", "cold"], "answer": 0, "solution": "It is hot.", "split": "train"}
    problems.write_text(json.dumps({"1": sqa, "2\ud800": sqa, "3": dict(sqa, solution=bad)}))
    result = read_examples(problems)
    assert [e.id for e in result.examples] == ["1"]
    assert sorted(result.skipped) == [
        "pid: not valid text: '\\ud800' at character 1 is a lone surrogate (an unpaired \\ud800-\\udfff escape, "
        "or a byte that is not UTF-8)",
        "solution: not valid text: '\\ud800' at character 9 is a lone surrogate (an unpaired \\ud800-\\udfff escape, "
        "or a byte that is not UTF-8)"]


def test_a_surrogate_pair_escape_is_text_not_a_skip(tmp_path):
    path = tmp_path / "problems.json"
    path.write_text('{"1": {"question": "Q?", "choices": ["a", "b"], "answer": 0, "split": "train", '
                    '"solution": "A smile \\ud83d\\ude00 is not hot."}}')
    assert read_examples(path).examples[0].target == "A smile \U0001F600 is not hot."


def test_a_target_over_max_chars_is_a_counted_skip_not_an_abort(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "long", "rationale": "It is hot. " * 100_000}) + "\n"
                    + json.dumps({"id": "short", "rationale": "It is hot."}) + "\n")
    result = read_examples(path, strict=True)               # not malformed: --strict does not stop on it
    assert [e.id for e in result.examples] == ["short"]
    assert dict(result.skipped) == {"rationale: longer than --max-chars (500,000 characters)": 1}
    result = read_examples(path, max_chars=2_000_000)
    assert [e.id for e in result.examples] == ["long", "short"]
    assert dict(read_examples(path, max_chars=5).skipped) == {"rationale: longer than --max-chars (5 characters)": 2}


def test_a_long_csv_field_is_read_and_an_over_long_target_counted(tmp_path):
    """A bad-input run: the csv module's 128 KiB field limit stopped the whole file at the first long field, even
    one under --max-chars."""
    path = tmp_path / "d.csv"
    path.write_text("id,rationale\n" f"long,{'It is hot. ' * 20_000}\n" f"longer,{'It is hot. ' * 60_000}\n"
                    "short,It is hot.\n")
    result = read_examples(path)
    assert [e.id for e in result.examples] == ["long", "short"]
    assert dict(result.skipped) == {"rationale: longer than --max-chars (500,000 characters)": 1}


def test_a_csv_record_is_named_by_the_line_it_starts_on(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('id,question,rationale\na,"Q\non two lines?",It is hot.\nb,"Q\n?"\n')
    with pytest.raises(RecordError, match=r"d.csv: line 4: 2 cells, fewer than the 3 header columns"):
        read_examples(path, strict=True)


def test_a_folder_of_csv_files_is_read_and_a_folder_of_two_formats_refused(tmp_path):
    """A bad-input run: CSV files in a folder given as INPUT were passed over without a word."""
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "train.csv").write_text("id,rationale\na,It is hot.\nb,It is cold.\n")
    (tmp_path / "d" / "val.csv").write_text("id,rationale\nc,It is warm.\n")
    result = read_examples(tmp_path / "d")
    assert [(e.id, e.split) for e in result.examples] == [("a", "train"), ("b", "train"), ("c", "val")]
    (tmp_path / "d" / "more.jsonl").write_text(json.dumps({"id": "x", "rationale": "It is dry."}) + "\n")
    with pytest.raises(SnaugError, match=r"holds files of more than one format \(csv, jsonl\); pass --format"):
        read_examples(tmp_path / "d")
    assert [e.id for e in read_examples(tmp_path / "d", fmt="csv").examples] == ["a", "b", "c"]


def test_deeply_nested_json_is_a_counted_skip_or_one_clear_line(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text('{"id": "a", "rationale": "It is hot."}\n' f'{{"id": "b", "rationale": "x", "extra": {deep}}}\n')
    result = read_examples(jsonl)
    assert [e.id for e in result.examples] == ["a"]
    assert dict(result.skipped) == {"invalid JSON (nested too deeply)": 1}
    listing = tmp_path / "d.json"
    listing.write_text(f'[{{"id": "b", "rationale": "x", "extra": {deep}}}, {{"id": "a", "rationale": "It is hot."}}]')
    result = read_examples(listing)
    assert [e.id for e in result.examples] == ["a"]
    assert dict(result.skipped) == {"nested deeper than 100 levels": 1}
    whole = tmp_path / "whole.json"
    whole.write_text(deep)
    result = read_examples(whole, target="rationale")
    assert result.examples == [] and dict(result.skipped) == {"nested deeper than 100 levels": 1}
    side = tmp_path / "problems.json"
    side.write_text(json.dumps({"1": {"question": "Q?", "choices": ["a", "b"], "answer": 0, "solution": "It is."}}))
    (tmp_path / "pid_splits.json").write_text(deep)
    with pytest.raises(SnaugError, match="pid_splits.json: not valid JSON: nested too deeply"):
        read_examples(side)


def test_duplicate_keys_in_problems_json_are_counted_not_silently_dropped(tmp_path):
    path = tmp_path / "problems.json"
    rec = '{"question": "Q?", "choices": ["a", "b"], "answer": 0, "solution": "It is hot.", "split": "train"}'
    path.write_text(f'{{"1": {rec}, "2": {rec}, "1": {rec}}}')
    result = read_examples(path)
    assert result.read == 3 and [e.id for e in result.examples] == ["1", "2"]
    assert dict(result.skipped) == {"pid: duplicate id '1'": 1}
    with pytest.raises(RecordError, match=r"problems.json: record '1', field 'pid': duplicate id '1'"):
        read_examples(path, strict=True)


def test_an_answer_equal_to_a_one_letter_choice_is_that_choice(tmp_path):
    path = tmp_path / "d.jsonl"
    lines = [{"id": "1", "rationale": "It is y.", "choices": ["x", "y"], "answer": "y"},
             {"id": "2", "rationale": "It is B.", "choices": ["a", "b"], "answer": "B"},      # a letter still
             {"id": "3", "rationale": "It is 7.", "choices": ["7", "8"], "answer": "1"}]      # digits: an index
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    assert [e.answer for e in read_examples(path).examples] == [1, 1, 1]
    # a one-letter answer that is no choice and no letter among them is named as the text it is, not "index 25"
    path.write_text(json.dumps({"id": "4", "rationale": "It is z.", "choices": ["x", "y"], "answer": "z"}) + "\n")
    assert dict(read_examples(path).skipped) == {
        "answer: 'z' is neither one of the 2 choices nor a letter among them (A-B)": 1}


def test_a_utf8_byte_order_mark_loses_no_record(tmp_path):
    for name, body in [("d.jsonl", '{"id": "a", "rationale": "It is hot."}\n{"id": "b", "rationale": "Cold."}\n'),
                       ("d.csv", "id,rationale\na,It is hot.\nb,Cold.\n"),
                       ("d.json", '[{"id": "a", "rationale": "It is hot."}, {"id": "b", "rationale": "Cold."}]')]:
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + body.encode())
        result = read_examples(path)
        assert [e.id for e in result.examples] == ["a", "b"] and not result.skipped, name
    problems = tmp_path / "problems.json"
    problems.write_bytes(b"\xef\xbb\xbf" + json.dumps({"1": {"question": "Q?", "choices": ["a", "b"], "answer": 0,
                                                             "solution": "It is.", "split": "train"}}).encode())
    assert [e.id for e in read_examples(problems).examples] == ["1"]


def test_a_csv_row_with_too_few_cells_is_malformed(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id,question,rationale\na,Q?,It is hot.\nb,Q?\nc,Q?,It is cold.\n")
    result = read_examples(path)
    assert [e.id for e in result.examples] == ["a", "c"]
    assert dict(result.skipped) == {"2 cells, fewer than the 3 header columns": 1}
    with pytest.raises(RecordError, match=r"d.csv: line 3: 2 cells, fewer than the 3 header columns"):
        read_examples(path, strict=True)


def test_examples_stream_without_holding_the_file(tmp_path):
    """ExampleStream reads again on every pass and counts each pass afresh; nothing is kept between passes."""
    from snaug.io.readers import ExampleStream

    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "rationale": f"It is {i}."}) + "\n" for i in range(5))
                    + "{oops\n")
    stream = ExampleStream(path)
    first = next(iter(stream))
    assert first.id == "0" and stream.read == 1          # one record read: the rest is still on disk
    assert [e.id for e in stream] == ["0", "1", "2", "3", "4"] and stream.read == 6
    assert [e.id for e in stream] == ["0", "1", "2", "3", "4"] and sum(stream.skipped.values()) == 1
