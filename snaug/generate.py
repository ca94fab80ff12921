"""``snaug generate`` as a library call: read → plan shards → (resume) → engine per shard → shards → manifest."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import spacy

from . import SnaugError, __version__
from .engine import Engine, resolve_kinds
from .io.readers import FieldMap, read_examples
from .io.schema import SCHEMA_VERSION
from .io.shards import (MANIFEST, PROGRESS_DIR, SHARDS_DIR, ShardPlan, Tally, assemble_manifest, atomic_write_json,
                        changed_settings, finished_sidecar, foreign_fingerprint, outcome_row, plan_shards, sha256_of,
                        shard_path, sidecar_path, write_parquet)
from .nlp import load_pipeline
from .rules import load_rules
from .transforms import build


@dataclass
class GenerateConfig:
    input: Path
    out: Path = Path("shards")
    format: str | None = None
    target: str | None = None
    fields: FieldMap = field(default_factory=FieldMap)
    splits_file: Path | None = None
    default_split: str = "train"
    kinds: list[str] | None = None
    per_kind: int = 3
    seed: int = 0
    workers: int = 1
    partition: tuple[int, int] = (0, 1)
    shard_size: int = 1000
    spacy_model: str | None = None
    rules_dirs: tuple = ()
    overwrite: bool = False
    strict: bool = False
    batch_size: int = 256
    progress: bool | None = None           # None: a bar in a terminal, a line every progress_every s otherwise
    progress_every: float = 30.0


@dataclass
class GenerateReport:
    out: Path
    shards_total: int
    shards_done_now: int
    shards_resumed: int
    manifest: dict | None                  # None while other partitions still have shards to write
    missing: list[str]


def _warn(msg: str) -> None:
    print(msg, file=sys.stderr)


def generate(config: GenerateConfig, warn=_warn) -> GenerateReport:
    index, count = config.partition
    if not (count >= 1 and 0 <= index < count):
        raise SnaugError(f"--partition {index}/{count}: expected i/n with 0 <= i < n")
    if config.shard_size < 1 or config.workers < 1:
        raise SnaugError("--shard-size and --workers must be at least 1")
    rules = load_rules(config.rules_dirs)
    for spec in rules.kinds.values():   # a bad rule table fails now, even for a kind not asked for
        build(spec)
    read = read_examples(config.input, config.format, config.target, config.fields, config.splits_file,
                         config.default_split, config.strict)
    resolve_kinds(rules, config.kinds)     # fail on a typo before the slow pipeline load
    pipeline = load_pipeline(config.spacy_model, warn=warn)
    engine = Engine(rules, pipeline, config.kinds, config.per_kind, config.seed, config.batch_size)

    header = {
        "snaug_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "input": {"file": Path(config.input).name, "format": read.format, "sha256": read.sha256},
        "target": read.target,
        "fields": config.fields.__dict__ if read.format != "scienceqa" else None,
        "seed": config.seed,
        "kinds": engine.kinds,
        "per_kind": config.per_kind,
        "shard_size": config.shard_size,
        "rules": {"digest": rules.digest, "files": sorted({Path(s).name for s in rules.sources})},
        "validate": rules.validate.__dict__,
        "spacy": {"version": spacy.__version__, "pipeline": pipeline.name, "pipeline_version": pipeline.version,
                  "has_parser": pipeline.has_parser},
    }
    fingerprint = hashlib.sha256(json.dumps(header, sort_keys=True).encode()).hexdigest()

    out = Path(config.out)
    plans = plan_shards(read.examples, config.shard_size)
    owned = [p for p in plans if p.ordinal % count == index]
    _prepare_out(out, owned, fingerprint, config.overwrite, header)
    todo = [p for p in owned if finished_sidecar(out, p, fingerprint) is None]
    job = _ShardJob(out=out, fingerprint=fingerprint, kinds=engine.kinds, planned=tuple(p.name for p in plans),
                    settings=header)

    progress = _progress(sum(len(p.examples) for p in todo), config.progress, config.progress_every)
    if config.workers == 1 or len(todo) <= 1:
        for plan in todo:
            job.run(engine, plan, progress.update)
    else:
        settings = (tuple(config.rules_dirs), pipeline.ref, engine.kinds, config.per_kind, config.seed,
                    config.batch_size, job)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(config.workers, len(todo)), mp_context=ctx,
                                 initializer=_worker_init, initargs=settings) as pool:
            futures = {pool.submit(_worker_run, plan): plan for plan in todo}
            for future in as_completed(futures):
                future.result()
                progress.update(len(futures[future].examples))
    progress.close()

    sidecars, missing = [], []
    for plan in plans:
        stats = finished_sidecar(out, plan, fingerprint)
        (sidecars.append(stats) if stats else missing.append(plan.name))
    manifest = None
    if not missing:
        manifest = assemble_manifest(header, sidecars, read.read, read.skipped)
        atomic_write_json(out / MANIFEST, manifest)
    return GenerateReport(out, len(plans), len(todo), len(owned) - len(todo), manifest, missing)


def _prepare_out(out: Path, owned: list[ShardPlan], fingerprint: str, overwrite: bool, header: dict) -> None:
    if out.exists() and not out.is_dir():
        raise SnaugError(f"--out {out} exists and is not a directory")
    for sub in (SHARDS_DIR, PROGRESS_DIR):
        (out / sub).mkdir(parents=True, exist_ok=True)
    if overwrite:
        # Only this partition's shards: partitions running side by side must not delete each other's work.
        for plan in owned:
            for path in (shard_path(out, plan.name), sidecar_path(out, plan.name)):
                path.unlink(missing_ok=True)
        (out / MANIFEST).unlink(missing_ok=True)
        return
    other = foreign_fingerprint(out, fingerprint)
    if other:
        changed = changed_settings(out / PROGRESS_DIR / other, header)
        what = f"changed: {'; '.join(changed)}" if changed else "other settings or input"
        raise SnaugError(f"{out} holds shards made with other settings ({PROGRESS_DIR}/{other}, {what}); pass "
                         f"--overwrite to replace them, or choose another --out")


@dataclass(frozen=True)
class _ShardJob:
    out: Path
    fingerprint: str
    kinds: list[str]
    planned: tuple[str, ...]       # every shard of the run, so `snaug inspect` can name the missing ones
    settings: dict = field(default_factory=dict)   # the run's header: a refused rerun names what changed

    def run(self, engine: Engine, plan: ShardPlan, tick=lambda n: None) -> None:
        tally = Tally(self.kinds)
        rows = []
        for outcome in engine.run(plan.examples):
            tally.add(outcome)
            rows.append(outcome_row(outcome))
            tick(1)
        shard = shard_path(self.out, plan.name)
        write_parquet(shard, rows)
        atomic_write_json(sidecar_path(self.out, plan.name), {
            "file": f"{SHARDS_DIR}/{shard.name}", "split": plan.split, "rows": len(rows), "sha256": sha256_of(shard),
            "fingerprint": self.fingerprint, "tally": tally.as_dict(), "planned": list(self.planned),
            "settings": self.settings,
        })


_WORKER: dict = {}


def _worker_init(rules_dirs, pipeline_ref, kinds, per_kind, seed, batch_size, job) -> None:
    rules = load_rules(rules_dirs)
    pipeline = load_pipeline(pipeline_ref)
    _WORKER["engine"] = Engine(rules, pipeline, kinds, per_kind, seed, batch_size)
    _WORKER["job"] = job


def _worker_run(plan: ShardPlan) -> str:
    _WORKER["job"].run(_WORKER["engine"], plan)
    return plan.name


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class _LogProgress:
    """Progress off a terminal (a SLURM log, a pipe): a plain line at most every ``every`` seconds, no bar."""

    def __init__(self, total: int, every: float, clock=time.monotonic):
        self.total, self.every, self.clock = total, every, clock
        self.done = 0
        self.start = self.last = clock()
        _warn(f"snaug generate: {total:,} example(s) to do; a progress line every {every:g} s")

    def update(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if now - self.last < self.every and self.done < self.total:
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        _warn(f"snaug generate: {self.done:,}/{self.total:,} examples ({100 * self.done / self.total:.1f}%), "
              f"{rate:,.1f} ex/s, about {_duration(left)} left")

    def close(self) -> None:
        pass


def _duration(seconds: float) -> str:
    minutes, sec = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{sec:02d}s" if minutes else f"{sec}s"


def _progress(total: int, enabled: bool | None, every: float = 30.0):
    if enabled is False or total == 0:
        return _NoProgress()
    if enabled is None and not sys.stderr.isatty():
        return _LogProgress(total, every)
    from tqdm import tqdm

    return tqdm(total=total, unit="ex", desc="snaug generate", file=sys.stderr, dynamic_ncols=True)
