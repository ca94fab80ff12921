"""The `snaug` command as a newcomer meets it: help that shows examples, typos that are errors, a fast `kinds`."""
import re
import subprocess
import sys

import pytest
from test_inspect import write_dir


def cli(*args):
    return subprocess.run([sys.executable, "-m", "snaug.cli", *map(str, args)], capture_output=True, text=True)


def test_top_level_help_lists_whole_sentences_and_a_first_path():
    out = cli("--help").stdout
    commands = out.split("Commands:")[1]
    for line in commands.strip().splitlines()[:5]:
        assert line.split()[0] in ("export", "generate", "inspect", "kinds", "try") and \
            not line.rstrip().endswith("..."), line
    assert "snaug generate data/sample/problems.json" in out and "examples/sample_path.sh" in out


@pytest.mark.parametrize("command", ["generate", "inspect", "kinds", "try", "export"])
def test_every_command_help_has_examples(command):
    out = cli(command, "--help").stdout
    assert "Examples:" in out and f"snaug {command}" in out.split("Examples:")[1]


def test_generate_help_groups_its_options_and_describes_each():
    out = cli("generate", "--help").stdout
    headings = ["Input: reading the records:", "Negatives: what is made:", "Output and running:", "Other options:"]
    assert [out.index(h) for h in headings] == sorted(out.index(h) for h in headings)
    inputs = out[out.index(headings[0]):out.index(headings[1])]
    for option in ("--id-field", "--question-field", "--choices-field", "--split-field", "--target"):
        assert option in inputs
    assert re.search(r"--seed INTEGER\s+Random seed", out)
    for option in ("--question-field", "--context-field", "--choices-field", "--split-field"):
        described = out.split(option)[1].split("\n")[0]
        assert "Field holding" in described, option


def test_inspect_typos_are_errors_that_list_what_there_is(tmp_path):
    out = write_dir(tmp_path / "o")
    proc = cli("inspect", out, "--kind", "numbr")
    assert proc.returncode == 2 and "no kind 'numbr'" in proc.stderr and "its kinds: negation, number" in proc.stderr
    proc = cli("inspect", out, "--rule", "number.swapp")
    assert proc.returncode == 2 and "its rules: negation.aux_insert, negation.do_insert, number.shift" in proc.stderr
    proc = cli("inspect", out, "--id", "zz")
    assert proc.returncode == 2 and "no example with id 'zz'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_filter_without_show_shows(tmp_path):
    proc = cli("inspect", write_dir(tmp_path / "o"), "--kind", "number")
    assert proc.returncode == 0 and "A spider has [[8->6]] legs and 2 eyes." in proc.stdout


def test_kinds_lists_without_loading_spacy():
    """`snaug kinds` answers in about a second: the seconds-long spaCy import waits for a command that parses."""
    code = ("import sys; from snaug.cli import cli; cli(['kinds'], standalone_mode=False); "
            "print('spacy' in sys.modules, 'torch' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("negation") and proc.stdout.splitlines()[-1] == "False False"
