"""`snaug inspect`: exact summary numbers, the verdict on damaged or partial output, diffs, the HTML report."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

from snaug.audit.check import check_shards, count_problems
from snaug.audit.diff import html, plain, rich_text, segments
from snaug.audit.summary import load_rows, recount, sample, summarize
from snaug.generate import GenerateConfig, generate
from snaug.io import sha256_of
from snaug.io.schema import SCHEMA_VERSION
from snaug.io.shards import atomic_write_json, write_parquet


def row(id, target, negatives=(), skips=(), split="train"):
    """A shard row; each negative is (kind, rule, [(before, after), ...]) located in ``target`` left to right."""
    negs = []
    for kind, rule, changes in negatives:
        edits, text, pos = [], target, 0
        for before, after in changes:
            start = target.index(before, pos)
            edits.append({"start": start, "end": start + len(before), "before": before, "after": after})
            pos = start + len(before)
        for e in reversed(edits):
            text = text[:e["start"]] + e["after"] + text[e["end"]:]
        negs.append({"kind": kind, "rule": rule, "text": text, "edits": edits})
    return {"id": id, "split": split, "question": "", "context": "", "choices": [], "answer": None, "lecture": None,
            "solution": target, "image": None, "caption": None, "subject": None, "grade": None, "target": target,
            "negatives": negs, "skips": [{"kind": k, "reason": r} for k, r in skips]}


ROWS = [
    row("a", "The rock is hot and dry.", [("negation", "negation.aux_insert", [("is", "is not")])],
        [("number", "no number")]),
    row("b", "A spider has 8 legs and 2 eyes.", [("number", "number.shift", [("8", "6")]),
                                                 ("number", "number.swap", [("8", "2"), ("2", "8")]),
                                                 ("negation", "negation.do_insert", [("has", "does not have")])]),
    row("c", "Ohio is north of Kentucky.", [("negation", "negation.aux_insert", [("is", "is not")])],
        [("number", "no number")], split="val"),
    row("d", "Nothing to change here", [], [("negation", "no auxiliary"), ("number", "no number")], split="val"),
]


def write_dir(out: Path, rows=ROWS, kinds=("negation", "number")) -> Path:
    """A shard directory as `snaug generate` lays it out, with a manifest that matches the rows."""
    (out / "shards").mkdir(parents=True)
    (out / "progress").mkdir()
    shards = []
    for split in ("train", "val"):
        part = [r for r in rows if r["split"] == split]
        path = out / "shards" / f"{split}-00000.parquet"
        write_parquet(path, part)
        shards.append({"file": f"shards/{path.name}", "split": split, "rows": len(part), "sha256": sha256_of(path)})
        atomic_write_json(out / "progress" / f"{split}-00000.json",
                          {**shards[-1], "fingerprint": "f", "planned": ["train-00000", "val-00000"]})
    counts = {}
    for r in rows:
        c = counts.setdefault(r["split"], {"examples": 0, "kinds": {k: {"with_negative": 0, "negatives": 0}
                                                                     for k in kinds}})
        c["examples"] += 1
        for k in kinds:
            n = sum(neg["kind"] == k for neg in r["negatives"])
            c["kinds"][k]["negatives"] += n
            c["kinds"][k]["with_negative"] += n > 0
    manifest = {"schema_version": SCHEMA_VERSION, "kinds": list(kinds), "records": {"read": len(rows), "written": len(rows), "skipped": {}},
                "counts": counts, "shards": shards, "dropped": {"number": {"duplicate": 2}}, "seed": 0,
                "input": {"file": "x.json", "format": "json"}, "rules": {"digest": "0" * 64, "files": []}}
    atomic_write_json(out / "manifest.json", manifest)
    return out


def test_summary_numbers_are_exact(tmp_path):
    verdict = check_shards(write_dir(tmp_path / "o"))
    assert verdict.label == "OK" and len(verdict.shards) == 2
    rows = load_rows(verdict.shards)
    s = summarize(rows, verdict.manifest["kinds"])
    assert (s["examples"], s["splits"], s["negatives"]) == (4, {"train": 2, "val": 2}, 5)
    neg, num = s["kinds"]["negation"], s["kinds"]["number"]
    assert (neg["negatives"], neg["examples_with_negative"], neg["coverage"]) == (3, 3, 0.75)
    assert (num["negatives"], num["examples_with_negative"], num["coverage"]) == (2, 1, 0.25)
    assert neg["rules"] == {"negation.aux_insert": 2, "negation.do_insert": 1}
    assert num["rules"] == {"number.shift": 1, "number.swap": 1}
    assert num["skips"] == {"no number": 3} and neg["skips"] == {"no auxiliary": 1}
    # similarity = 1 - touched / longer length: "8"→"6" in 31 chars; two 1-char edits
    assert num["similarity"]["median"] == round(((1 - 1 / 31) + (1 - 2 / 31)) / 2, 4)
    assert num["similarity"]["min"] == round(1 - 2 / 31, 4)
    assert neg["similarity"]["min"] == round(1 - 13 / 41, 4)     # "has" → "does not have": 31 + 10 chars
    assert sum(neg["similarity"]["histogram"]) == 3
    assert count_problems(verdict.manifest, recount(rows)) == []


def test_sampling_filters_and_is_seeded(tmp_path):
    rows = load_rows(check_shards(write_dir(tmp_path / "o")).shards)
    assert [(r.id, n["rule"]) for r, n in sample(rows, 10, kind="number")] == [("b", "number.shift"),
                                                                              ("b", "number.swap")]
    assert [n["rule"] for _, n in sample(rows, 10, rule="negation.do_insert")] == ["negation.do_insert"]
    assert {r.id for r, _ in sample(rows, 10, example_id="c")} == {"c"}
    assert sample(rows, 2, seed=1) == sample(rows, 2, seed=1)
    assert len({tuple(r.id for r, _ in sample(rows, 2, seed=s)) for s in range(20)}) > 1


# -- the verdict ---------------------------------------------------------------------------------------------

def damage(out: Path, how: str) -> None:
    shard = out / "shards" / "train-00000.parquet"
    manifest = json.loads((out / "manifest.json").read_text())
    if how == "corrupt":
        data = bytearray(shard.read_bytes())
        data[len(data) // 2] ^= 0xFF
        shard.write_bytes(bytes(data))
    elif how == "missing":
        shard.unlink()
    elif how == "counts":
        manifest["counts"]["train"]["kinds"]["number"]["negatives"] = 99
    elif how == "rows":
        manifest["shards"][0]["rows"] = 7
        manifest["records"]["written"] = 9
    elif how == "extra":
        shutil.copy(shard, out / "shards" / "train-00001.parquet")
    (out / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("how,message", [
    ("corrupt", "train-00000.parquet: sha256 differs"),
    ("missing", "train-00000.parquet: listed but missing"),
    ("counts", "manifest: split 'train', kind 'number': negatives is 99, the shards hold 2"),
    ("rows", "train-00000.parquet: 2 rows, the record says 7"),
    ("extra", "train-00001.parquet: not listed in the manifest"),
])
def test_damage_is_detected_and_exits_1(tmp_path, how, message):
    out = write_dir(tmp_path / "o")
    damage(out, how)
    proc = cli("inspect", out, "--json")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["verdict"]["label"] == "FAILED"
    assert any(message in p for p in report["verdict"]["problems"]), report["verdict"]["problems"]


def test_a_partial_run_names_the_missing_shards(tmp_path):
    out = write_dir(tmp_path / "o")
    (out / "manifest.json").unlink()
    (out / "progress" / "val-00000.json").unlink()
    (out / "shards" / "val-00000.parquet").unlink()
    verdict = check_shards(out)
    assert (verdict.label, verdict.missing, verdict.problems) == ("INCOMPLETE", ["val-00000"], [])
    write_parquet(out / "shards" / "val-00000.parquet", ROWS[2:])        # written, killed before its sidecar
    assert (check_shards(out).label, check_shards(out).missing) == ("INCOMPLETE", ["val-00000"])
    write_parquet(out / "shards" / "other-00000.parquet", ROWS[:1])       # no sidecar plans it
    assert any("other-00000.parquet: not planned" in p for p in check_shards(out).problems)
    (out / "shards" / "other-00000.parquet").unlink()
    (out / "shards" / "val-00000.parquet").unlink()
    proc = cli("inspect", out)
    assert proc.returncode == 1 and "INCOMPLETE" in proc.stdout and "val-00000" in proc.stdout
    assert "2 examples" in proc.stdout                           # what is there is still summarised


def test_not_a_shard_directory_is_one_clear_line(tmp_path):
    proc = cli("inspect", tmp_path)
    assert proc.returncode == 2 and "no shards/ folder here" in proc.stderr and "Traceback" not in proc.stderr


# -- diffs ---------------------------------------------------------------------------------------------------

EDITS = [{"start": 9, "end": 11, "before": "is", "after": "is not"}]


def test_plain_and_html_diffs():
    assert plain("The rock is <hot>.", EDITS) == "The rock [[is->is not]] <hot>."
    # word by word: "is" stays, " not" is added (not "<del>is</del><ins>is not</ins>", which reads "isis not")
    assert html("The rock is <hot>.", EDITS) == 'The rock <span class="edit">is<ins> not</ins></span> &lt;hot&gt;.'
    has = [{"start": 2, "end": 5, "before": "has", "after": "does not have"}]
    assert html("A has b.", has) == 'A <span class="edit"><del>has</del><ins>does not have</ins></span> b.'
    assert str(rich_text("A has b.", has)) == "A has does not have b."      # two words in a terminal too
    long = "x" * 200 + "The rock is hot." + "y" * 200
    shifted = [{**EDITS[0], "start": 209, "end": 211}]
    trimmed = plain(long, shifted, context=5)
    assert trimmed == " … rock [[is->is not]] hot. … "
    assert segments("abc", []) == [("same", "abc", "")]


def test_context_is_cut_between_words():
    before = "Look at the compass rose on the map of the harbor. " * 3
    target = before + "The lighthouse is north of the harbor." + " It stands on a rocky point by the sea." * 3
    start = len(before) + len("The lighthouse ")
    shown = plain(target, [{"start": start, "end": start + 2, "before": "is", "after": "is not"}], context=20)
    head, tail = shown.split("[[is->is not]]")
    assert head == " … The lighthouse " and tail == " north of the … "
    words = set(target.split())
    assert all(w in words for w in shown.replace("[[is->is not]]", " ").replace("…", " ").split())


def test_show_prints_markers_when_piped(tmp_path):
    out = write_dir(tmp_path / "o")
    proc = cli("inspect", out, "--show", "5", "--kind", "number")
    assert proc.returncode == 0
    assert "A spider has [[8->6]] legs and 2 eyes." in proc.stdout
    assert "A spider has [[8->2]] legs and [[2->8]] eyes." in proc.stdout
    assert "\x1b[" not in proc.stdout


def test_a_reader_that_stops_early_leaves_the_verdict_as_the_exit_status(tmp_path):
    """`snaug inspect DIR --show 3000 | head`: the closed pipe is the reader's choice, not a failed check (exit 0 for
    OK shards, as without the pipe), and no error or traceback is printed."""
    many = [row(f"r{i}", f"The rock {i} is hot and dry.", [("negation", "negation.aux_insert", [("is", "is not")])])
            for i in range(3000)]
    out = write_dir(tmp_path / "o", rows=many, kinds=("negation",))
    for args in (["--show", "3000"], ["--show", "3000", "--no-color"]):
        proc = subprocess.Popen([sys.executable, "-m", "snaug.cli", "inspect", out, *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout.readline().startswith("OK")
        proc.stdout.close()                               # what head does after its lines
        assert proc.wait(timeout=120) == 0
        assert proc.stderr.read() == ""


# -- the HTML report -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("insp") / "sample"
    generate(GenerateConfig(input=SAMPLE, out=out, progress=False), warn=lambda m: None)
    report = out.parent / "report.html"
    proc = cli("inspect", out, "--html", report)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return report


def test_html_report_is_self_contained_with_every_section(sample_report):
    page = sample_report.read_text()
    for section in ('id="verdict"', 'id="summary"', 'id="plots"', 'id="rules"', 'id="samples"'):
        assert section in page
    assert '<meta name="viewport" content="width=device-width' in page
    assert "Negatives per kind" in page and "Coverage" in page and "problems.json" in page
    assert "<del>" in page and "<ins>" in page
    assert page.count("<svg") == 4 + page.count("skips and validator drops") and \
        "number: skips and validator drops" in page                    # a plot of skip/drop reasons per kind
    assert "minmax(460px" not in page and 'class="scroll"' in page
    for kind in ("negation", "number", "option", "orientation", "unit"):
        assert f"<summary>{kind} (" in page
    for fetch in ('src="', "<link", 'href="http', "url(http", "@import"):     # nothing to fetch from anywhere
        assert fetch not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--allow-file-access-from-files"]
# Headless Chromium will not make a window narrower than 500 px, so the page is laid out in an iframe of the
# phone's width; a script in the host page writes what the report's layout measures where --dump-dom shows it.
HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:3000px;border:0;display:block"></iframe>
<script>window.addEventListener("load", function () {{
  var d = document.getElementById("f").contentDocument.documentElement;
  document.body.setAttribute("data-width", d.scrollWidth + "/" + d.clientWidth);
}});</script></body></html>"""


def chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"      # a fresh profile every run
    return subprocess.run([CHROMIUM, *HEADLESS, f"--user-data-dir={profile}", *map(str, args)], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (Debian: apt install chromium)")
@pytest.mark.parametrize("width", [1200, 390])
def test_html_report_fits_a_desktop_and_a_phone_in_headless_chromium(sample_report, tmp_path, width):
    """The report paints in a real browser, and nothing is wider than the screen: wide tables scroll inside
    their own box, plots shrink, long words wrap."""
    host = tmp_path / "host.html"
    host.write_text(HOST.format(src=sample_report.as_uri(), width=width))
    shot = tmp_path / f"report-{width}.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={width},3000", host.as_uri())
    assert shot.is_file() and shot.stat().st_size > 20_000
    dom = chromium(tmp_path, f"--window-size={width},3000", "--dump-dom", host.as_uri()).stdout
    measured = re.search(r'data-width="(\d+)/(\d+)"', dom)
    assert measured, dom[-2000:]
    scroll, client = map(int, measured.groups())
    assert 0 < client <= width and scroll <= client, f"the page is {scroll} px wide in a {client} px viewport"
    page = chromium(tmp_path, "--dump-dom", sample_report.as_uri()).stdout
    assert "Rules and skips per kind" in page and page.count("<svg") == sample_report.read_text().count("<svg")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "snaug.cli", *map(str, args)], capture_output=True, text=True)


def test_a_schema_version_this_snaug_does_not_read_fails(tmp_path):
    out = write_dir(tmp_path / "o")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["schema_version"] = SCHEMA_VERSION + 1
    atomic_write_json(out / "manifest.json", manifest)
    verdict = check_shards(out)
    assert verdict.label == "FAILED" and any(f"schema_version {SCHEMA_VERSION + 1}" in p for p in verdict.problems)
    import pyarrow.parquet as pq

    shard = out / "shards" / "train-00000.parquet"       # a shard whose own metadata names another version
    table = pq.read_table(shard)
    pq.write_table(table.replace_schema_metadata({"snaug.schema_version": "0"}), shard)
    manifest["schema_version"] = SCHEMA_VERSION
    manifest["shards"][0]["sha256"] = sha256_of(shard)
    atomic_write_json(out / "manifest.json", manifest)
    assert check_shards(out).problems == [f"{shard}: schema version 0, this snaug reads version {SCHEMA_VERSION}"]
