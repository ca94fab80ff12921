"""`snaug try TEXT`: each kind's negatives as diffs, or why it made none; the same negatives as the API."""
import subprocess
import sys

from conftest import needs_parser

import snaug


def cli(*args):
    return subprocess.run([sys.executable, "-m", "snaug.cli", *map(str, args)], capture_output=True, text=True)


def test_try_shows_every_kind_with_negatives_or_a_reason():
    proc = cli("try", "The magnet's north pole attracts the south pole.", "--spacy-model", "blank:en")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "orientation.compass" in out and "The magnet's [[north->south]] pole attracts the south pole." in out
    for kind in ("negation", "number", "option", "unit"):
        assert any(line.startswith(kind) for line in out.splitlines()), kind
    assert "number  skipped: no number" in out and "option  skipped: no choices" in out


@needs_parser
def test_try_with_choices_and_an_id_matches_the_api():
    text = "So, these magnets will repel."
    proc = cli("try", text, "--choice", "repel", "--choice", "attract", "--answer", "repel", "--id", "7",
               "--kinds", "option,negation")
    assert proc.returncode == 0, proc.stderr
    assert "So, these magnets will [[repel->attract]]." in proc.stdout
    aug = snaug.Augmenter(kinds=["option", "negation"])
    for neg in aug.negatives(text, choices=["repel", "attract"], answer="repel", id="7"):
        assert neg.rule in proc.stdout


def test_try_bad_options_are_one_line():
    proc = cli("try", "It is hot.", "--kinds", "bogus")
    assert proc.returncode == 2 and "unknown kind(s) bogus" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("try", "It is hot.", "--choice", "hot", "--answer", "9", "--spacy-model", "blank:en")
    assert proc.returncode == 2 and "answer: index 9 outside the 1 choices" in proc.stderr
