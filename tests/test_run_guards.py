"""Run-level bad input (issue 12): one clear line and exit 2, never a traceback, never a silent empty success."""
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SAMPLE

from snaug import SnaugError
from snaug.audit.check import check_shards
from snaug.generate import GenerateConfig, generate
from snaug.io.readers import FieldMap
from snaug.rules import RulesError, load_rules


@pytest.fixture
def cli(capsys, monkeypatch):
    """The console entry point in this process (one import of spaCy for the whole file): exit code, stdout, stderr."""
    from snaug.cli import main

    def invoke(*args, cwd=None):
        if cwd:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["snaug", *map(str, args)])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return invoke


def one_clear_line(proc, message):
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0, proc.stderr
    assert message in proc.stderr, proc.stderr


def jsonl(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


# -- 4: an --out that cannot be created ---------------------------------------------------------------------

@pytest.mark.parametrize("out,message", [
    ("/proc/snaug-x", "--out /proc/snaug-x: cannot create the directory (No such file or directory)"),
    ("a-file/sub", "--out a-file/sub: cannot create the directory (Not a directory)"),
    ("a-file", "--out a-file exists and is not a directory"),
])
def test_out_that_cannot_be_created_is_one_line(tmp_path, out, message, cli):
    (tmp_path / "a-file").write_text("x")
    one_clear_line(cli("generate", SAMPLE, "-o", out, cwd=tmp_path), message)


def test_out_where_no_file_can_be_made_is_one_line_not_a_hang():
    """A bad-input run: /proc/1 exists as a folder, but creating a file there says "No such file or directory",
    which the lock library took for a race and retried forever. A subprocess, so that a hang fails the test."""
    if sys.platform != "linux" or not Path("/proc/1").is_dir():
        pytest.skip("no /proc/1 here")
    proc = subprocess.run([sys.executable, "-m", "snaug.cli", "generate", SAMPLE, "-o", "/proc/1", "-q"],
                          capture_output=True, text=True, timeout=120, check=False)
    one_clear_line(proc, "error: --out /proc/1: cannot write there (No such file or directory)")


def test_out_on_a_read_only_file_system_is_one_line(tmp_path):
    """A real read-only mount (a private mount namespace): needs root and unshare, else skipped."""
    ro = tmp_path / "ro"
    ro.mkdir()
    script = f"mount -t tmpfs -o ro tmpfs {ro} && {sys.executable} -m snaug.cli generate {SAMPLE} -o {ro} -q"
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], check=False).returncode != 0:
        pytest.skip("cannot make a private mount namespace here (needs root and unshare)")
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, check=False)
    one_clear_line(proc, f"error: --out {ro}: cannot write there (Read-only file system)")


# -- 7: non-positive sizes are refused before anything runs --------------------------------------------------

@pytest.mark.parametrize("option", ["--batch-size", "--shard-size", "--workers", "--per-kind"])
@pytest.mark.parametrize("value", ["0", "-3"])
def test_non_positive_sizes_are_refused_up_front(tmp_path, option, value, cli):
    proc = cli("generate", SAMPLE, "-o", tmp_path / "out", option, value)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"Invalid value for '{option}': {value} is not in the range x>=1" in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["batch_size", "shard_size", "workers", "per_kind"])
def test_the_library_refuses_them_too(tmp_path, name):
    with pytest.raises(SnaugError, match=f"--{name.replace('_', '-')} must be at least 1, got 0"):
        generate(GenerateConfig(input=SAMPLE, out=tmp_path, progress=False, **{name: 0}))


# -- 8, 9: a run that would write nothing, and a named field no record has ----------------------------------

def test_target_no_record_has_is_an_error_naming_the_fields_there(tmp_path, cli):
    proc = cli("generate", SAMPLE, "-o", tmp_path / "out", "--target", "rationale")
    one_clear_line(proc, "problems.json: --target 'rationale': no record has a field 'rationale' "
                         "(fields in the records: answer, caption, category, choices,")
    assert not (tmp_path / "out" / "manifest.json").exists()
    one_clear_line(cli("generate", SAMPLE, "-o", tmp_path / "out", "--target", "lecture+soluton"),
                   "problems.json: --target 'lecture+soluton': no record has a field 'soluton' (did you mean "
                   "'solution'?)")
    path = jsonl(tmp_path / "d.jsonl", {"answer": "It is hot."})
    one_clear_line(cli("generate", path, "-o", tmp_path / "o2", "--target", "answer+explanation"),
                   "d.jsonl: --target 'answer+explanation': no record has a field 'explanation' "
                   "(fields in the records: answer)")
    one_clear_line(cli("generate", path, "-o", tmp_path / "o3", "--text-field", "explanation"),   # the alias typed
                   "d.jsonl: --text-field 'explanation': no record has a field 'explanation' "
                   "(fields in the records: answer)")


def test_a_file_none_of_whose_records_can_be_read_says_why_not_which_field_is_missing(tmp_path, cli):
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"id": "1", "rationale": "It is hot\xff."}\n')
    one_clear_line(cli("generate", path, "-o", tmp_path / "out"),
                   "d.jsonl: none of the 1 records can be read, so nothing would be written (skipped: not UTF-8 text")


def test_every_record_skipped_is_an_error_with_the_reasons(tmp_path, cli):
    path = jsonl(tmp_path / "d.jsonl", {"rationale": ""}, {"rationale": " "}, {"rationale": None})
    proc = cli("generate", path, "-o", tmp_path / "out")
    one_clear_line(proc, "d.jsonl: none of the 3 records can be used, so nothing would be written "
                         "(skipped: rationale: empty target ×3)")
    assert not (tmp_path / "out" / "manifest.json").exists()


@pytest.mark.parametrize("option,name,hint", [
    ("--choices-field", "options", "(fields in the records: answer, opts, rationale)"),
    ("--choices-field", "chioces", "(did you mean 'choices'?)"),
    ("--question-field", "prompt", "(fields in the records: answer, opts, rationale)"),
    ("--id-field", "qid", "(fields in the records: answer, opts, rationale)"),
    ("--split-field", "part", "(fields in the records: answer, opts, rationale)"),
    ("--context-field", "hint", "(fields in the records: answer, opts, rationale)"),
    ("--answer-field", "gold", "(fields in the records: answer, opts, rationale)"),
])
def test_a_named_field_no_record_has_is_an_error(tmp_path, option, name, hint, cli):
    """Left alone, --choices-field options would turn every multiple-choice record into an open question."""
    path = jsonl(tmp_path / "d.jsonl", {"rationale": "It is north.", "opts": ["north", "south"], "answer": 0})
    if name == "chioces":
        path = jsonl(path, {"rationale": "It is north.", "choices": ["north", "south"], "answer": 0})
    one_clear_line(cli("generate", path, "-o", tmp_path / "out", option, name),
                   f"d.jsonl: {option} {name!r}: no record has this field {hint}")


def test_a_named_field_some_records_have_is_fine(tmp_path):
    path = jsonl(tmp_path / "d.jsonl", {"rationale": "It is north.", "opts": ["north", "south"], "answer": 0},
                 {"rationale": "It is cold."})
    report = generate(GenerateConfig(input=path, out=tmp_path / "out", fields=FieldMap(choices="opts"),
                                     kinds=["option"], spacy_model="blank:en", progress=False), warn=lambda m: None)
    assert report.manifest["records"] == {"read": 2, "written": 2, "skipped": {}}


def test_inspect_does_not_say_ok_for_a_run_that_wrote_nothing(tmp_path, cli):
    """A manifest as older snaug wrote it for a mistyped --target: every record skipped, no shard, exit 0."""
    out = tmp_path / "out"
    generate(GenerateConfig(input=SAMPLE, out=out, spacy_model="blank:en", kinds=["negation"], progress=False),
             warn=lambda m: None)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest.update(records={"read": 15, "written": 0, "skipped": {"nope: missing target field": 15}}, shards=[],
                    counts={})
    (out / "manifest.json").write_text(json.dumps(manifest))
    for shard in (out / "shards").iterdir():
        shard.unlink()
    verdict = check_shards(out)
    assert not verdict.ok and verdict.label == "FAILED"
    assert verdict.problems == [(f"{out / 'manifest.json'}: 15 records read and none written (every one "
                                 f"skipped: see records.skipped); nothing here to train on")]
    proc = cli("inspect", out, "--no-color")
    assert proc.returncode == 1 and "FAILED" in proc.stdout and "none written" in proc.stdout


# -- 12: one kind in two files of one --rules directory -------------------------------------------------------

def test_a_kind_declared_twice_in_one_rules_directory_is_refused_naming_both_files(tmp_path, cli):
    kind = """
        [kinds.comparison]
        transform = "lexicon"
        [[kinds.comparison.groups]]
        rule = "temperature"
        pairs = [["hotter", "colder"]]
        """
    (tmp_path / "a.toml").write_text(textwrap.dedent(kind))
    (tmp_path / "b.toml").write_text(textwrap.dedent(kind).replace("hotter", "warmer"))
    with pytest.raises(RulesError) as err:
        load_rules([tmp_path])
    assert str(err.value) == (f"bad rules file {tmp_path / 'b.toml'}: kinds.comparison: also set in "
                              f"{tmp_path / 'a.toml'}, in the same directory; keep one")
    one_clear_line(cli("kinds", "--rules", tmp_path), "kinds.comparison: also set in")
    # the same kind in a later --rules directory replaces the earlier one on purpose: allowed
    later = tmp_path / "later"
    later.mkdir()
    shutil.move(tmp_path / "b.toml", later / "b.toml")
    assert load_rules([tmp_path, later]).kinds["comparison"].table.source == str(later / "b.toml")


def test_a_validator_option_set_twice_in_one_directory_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text("[validate]\nmax_edits = 1\n")
    (tmp_path / "b.toml").write_text("[validate]\nmax_edits = 3\n")
    with pytest.raises(RulesError, match=r"b.toml: validate.max_edits: also set in .*a.toml"):
        load_rules([tmp_path])


# -- 16: messages ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("make,args,message", [
    (lambda d: (d / "in").mkdir(), ["in"], "error: in: a directory with no dataset in it"),
    (lambda d: (d / "e.jsonl").write_text(""), ["e.jsonl"], "error: e.jsonl: the file is empty"),
    (lambda d: (d / "e.jsonl").write_text("\n\n"), ["e.jsonl", "--target", "rationale"],
     "error: e.jsonl: the file holds no records; nothing to write"),
    (lambda d: (d / "c.jsonl").write_text('{"rationale": "a\tb"}\n'), ["c.jsonl", "--target", "rationale", "--strict"],
     "error: c.jsonl: line 1: invalid JSON (Invalid control character) at column 17"),
    (lambda d: (d / "c.json").write_text('{"x": {"rationale": "a\tb"}}'), ["c.json"],
     "error: c.json: not valid JSON: Invalid control character at line 1, column 23"),
    (lambda d: (d / "u.json").write_text('{"x": {"rationale": "a'), ["u.json"],
     "error: u.json: not valid JSON: Unterminated string starting at line 1, column 21"),
])
def test_messages_say_what_is_wrong(tmp_path, make, args, message, cli):
    make(tmp_path)
    proc = cli("generate", *args, "-o", tmp_path / "out", cwd=tmp_path)
    one_clear_line(proc, message)
    assert " at at " not in proc.stderr and "first record" not in proc.stderr


def test_a_control_character_skip_is_counted_under_one_reason(tmp_path):
    from snaug.io.readers import read_examples

    path = tmp_path / "c.jsonl"
    path.write_text('{"rationale": "a\tb"}\n{"rationale": "ab\tc"}\n{"rationale": "It is hot."}\n')
    assert dict(read_examples(path).skipped) == {"invalid JSON (Invalid control character)": 2}


@pytest.mark.parametrize("value", [",", " , ,", ""])
def test_kinds_naming_no_kind_is_an_error_not_every_kind(tmp_path, value, cli):
    proc = cli("generate", SAMPLE, "-o", tmp_path / "out", "--kinds", value)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"Invalid value for '--kinds': {value!r} names no kind" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_an_os_error_mid_run_is_one_line_naming_the_file(tmp_path, monkeypatch, cli):
    """A full disk while writing a shard."""
    import errno

    import snaug.generate

    def full(path, rows):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(snaug.generate, "write_parquet", full)
    one_clear_line(cli("generate", SAMPLE, "-o", tmp_path / "o", "--spacy-model", "blank:en", "-q"),
                   f"error: {tmp_path / 'o' / 'shards' / 'train-00000.parquet'}: No space left on device")
