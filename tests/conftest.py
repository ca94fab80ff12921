import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCIENCEQA = SHARED / "data" / "scienceqa" / "problems.json"
GSM8K = SHARED / "data" / "gsm8k" / "train.jsonl"
SAMPLE = ROOT / "data" / "sample" / "problems.json"


def parser_installed() -> bool:
    import importlib.util

    return any(importlib.util.find_spec(n) for n in ("en_core_web_sm", "en_ud_ewt_sm"))


def needs_parser(test):
    """Skip without an English pipeline that parses; marked `parser`, so CI runs these alone once it installs one."""
    skip = pytest.mark.skipif(not parser_installed(), reason="no English spaCy pipeline with a parser installed")
    return pytest.mark.parser(skip(test))


def needs_shared(test):
    """Skip without ../shared; marked `shared`, so CI runs these again once a parser is installed: with one, the
    engine takes paths (negation's sentence shares) it never takes without."""
    skip = pytest.mark.skipif(not SCIENCEQA.is_file(), reason="../shared data not present")
    return pytest.mark.shared(skip(test))


@pytest.fixture(scope="session")
def rules():
    from snaug.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def kinds(rules):
    from snaug.transforms import build

    return {name: build(spec) for name, spec in rules.kinds.items()}


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The sample generated to shards/ and a tokenizer trained on them in tok/: what trainer tests start from."""
    from snaug.generate import GenerateConfig, generate
    from trainer.tokenizer import build

    root = tmp_path_factory.mktemp("sample-run")
    generate(GenerateConfig(input=SAMPLE, out=root / "shards", progress=False), warn=lambda m: None)
    build(root / "shards", root / "tok", vocab_size=300)
    return root
