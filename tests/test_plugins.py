"""Plug-in transform types: a distribution registers one under the `snaug.transforms` entry point, snaug uses it
without being edited, `snaug kinds` says where it came from, and its declared options and pipeline needs are
enforced the same way for every transform."""
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, needs_parser

import snaug
from snaug import SnaugError
from snaug.rules import RulesError

PLUGIN = '''
from snaug.edits import Edit
from snaug.transforms import Candidate, Skip


class SwapWord:
    """Swap words listed in the kind's table (a stand-in for a third-party transform)."""

    options = ("words",)
    needs = frozenset({"tagger"})
    requires = frozenset({"parser"})

    def __init__(self, spec):
        self.kind = spec.name
        self.words = spec.table.str_map("words")

    def propose(self, doc, example, rng):
        out = [Candidate(f"{self.kind}.swap", (Edit(t.idx, t.idx + len(t.text), t.text, self.words[t.lower_]),))
               for t in doc if t.lower_ in self.words]
        return out or Skip("no listed word")


class BadNeeds(SwapWord):
    needs = frozenset({"ner"})
'''
ENTRY_POINTS = """\
[snaug.transforms]
swapword = fake_swap:SwapWord
broken = fake_swap:Missing
badneeds = fake_swap:BadNeeds
negation = fake_swap:SwapWord
"""


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """An installed distribution, as pip leaves one: a module and its *.dist-info with entry_points.txt."""
    site = tmp_path / "site"
    (site / "fake_snaug_swap-0.1.dist-info").mkdir(parents=True)
    (site / "fake_snaug_swap-0.1.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fake-snaug-swap\nVersion: 0.1\n")
    (site / "fake_snaug_swap-0.1.dist-info" / "entry_points.txt").write_text(ENTRY_POINTS)
    (site / "fake_swap.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(site))
    return site


def rules_dir(tmp_path, transform="swapword", extra=""):
    d = tmp_path / f"rules-{transform}"
    d.mkdir(exist_ok=True)
    (d / "swap.toml").write_text(textwrap.dedent(f"""\
        [kinds.swap]
        transform = "{transform}"
        description = "Swap listed words."
        words = {{ always = "never" }}
        {extra}"""))
    return d


def cli(site, *args):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "snaug.cli", *map(str, args)], capture_output=True, text=True,
                          env=env)


def test_a_plugin_kind_runs_and_skips_uniformly_without_its_required_parser(plugin, tmp_path):
    aug = snaug.Augmenter(rules=rules_dir(tmp_path), pipeline="blank:en", kinds=["swap", "orientation"])
    outcome = aug.augment("It always rains up north.")
    assert ("swap", "needs a parser") in outcome.skips
    assert [n.kind for n in outcome.negatives] == ["orientation"]


@needs_parser
def test_a_plugin_kind_makes_negatives_with_a_parser(plugin, tmp_path):
    aug = snaug.Augmenter(rules=rules_dir(tmp_path), kinds=["swap"])
    assert [(n.rule, n.text) for n in aug.negatives("It always rains.")] == [("swap.swap", "It never rains.")]


def test_declared_options_are_checked_for_plugins_and_builtins(plugin, tmp_path):
    with pytest.raises(RulesError, match=r"swap.toml: kinds.swap.colour: unknown key \(allowed: transform, "
                                         r"description, words\)"):
        snaug.Augmenter(rules=rules_dir(tmp_path, extra="colour = 1"), pipeline="blank:en").engine
    builtin = tmp_path / "b"
    builtin.mkdir()
    (builtin / "n.toml").write_text('[kinds.neg2]\ntransform = "negation"\nfull = {}\ncolour = 1\n')
    with pytest.raises(RulesError, match="kinds.neg2.colour: unknown key"):
        snaug.Augmenter(rules=builtin, pipeline="blank:en", kinds=["neg2"]).engine


def test_broken_plugins_are_named_in_one_line(plugin, tmp_path):
    with pytest.raises(SnaugError, match=r"transform 'broken' from fake-snaug-swap 0.1 \(fake_swap:Missing\) "
                                         r"failed to load: AttributeError"):
        snaug.Augmenter(rules=rules_dir(tmp_path, "broken"), pipeline="blank:en").engine
    with pytest.raises(SnaugError, match="badneeds.*needs names ner"):
        snaug.Augmenter(rules=rules_dir(tmp_path, "badneeds"), pipeline="blank:en").engine


def test_snaug_kinds_lists_where_each_transform_came_from(plugin, tmp_path):
    proc = cli(plugin, "kinds", "--rules", rules_dir(tmp_path))
    assert proc.returncode == 0, proc.stderr
    line = next(l for l in proc.stdout.splitlines() if l.startswith("swap "))
    assert line.split()[:4] == ["swap", "swapword", "fake-snaug-swap", "0.1"] and "swap.toml" in line
    assert next(l for l in proc.stdout.splitlines() if l.startswith("negation ")).split()[2] == "snaug"
    assert "plug-in transform negation from fake-snaug-swap 0.1 is ignored" in proc.stderr
    proc = cli(plugin, "kinds", "--transforms")
    assert proc.returncode == 0, proc.stderr
    broken = next(l for l in proc.stdout.splitlines() if l.startswith("broken "))
    assert "fake-snaug-swap 0.1" in broken and "BROKEN: " in broken
    line = next(l for l in proc.stdout.splitlines() if l.startswith("swapword "))
    assert "fake-snaug-swap 0.1" in line and "needs parser,tagger (requires parser)" in line
    assert line.endswith("options: words")


def test_generate_uses_a_plugin_kind_end_to_end(plugin, tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "rationale": "It always rains."}\n')
    proc = cli(plugin, "generate", tmp_path / "in.jsonl", "--rules", rules_dir(tmp_path), "--kinds", "swap",
               "--spacy-model", "blank:en", "-o", tmp_path / "o", "-q")
    assert proc.returncode == 0, proc.stderr
    import json

    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert manifest["skip_reasons"] == {"swap": {"needs a parser": 1}}
