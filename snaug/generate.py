"""``snaug generate`` as a library call: read → plan shards → (resume) → engine per shard → shards → manifest."""
from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import sys
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import SnaugError, __version__
from .api import Augmenter
from .engine import Engine
from .io.example import Example
from .io.guards import check_read
from .io.lock import OutputLock
from .io.readers import DEFAULT_MAX_CHARS, ExampleStream, FieldMap
from .io.schema import SCHEMA_VERSION
from .io.shards import (MANIFEST, PROGRESS_DIR, SHARDS_DIR, ShardPlan, Tally, assemble_manifest, atomic_write_json,
                        changed_settings, finished_sidecar, foreign_fingerprint, outcome_row, plan_shards, sha256_of,
                        shard_path, sidecar_path, write_parquet)
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
    max_chars: int = DEFAULT_MAX_CHARS     # longer targets are skipped with a counted reason
    unit_size: int = 64                    # examples per work unit: small, so every worker stays busy
    target_flag: str = "--target"          # how the user named ``target``, for messages (the CLI has an alias)
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
    wrote_manifest: bool = False           # False when another partition (or an earlier run) wrote the same one


def _warn(msg: str) -> None:
    print(msg, file=sys.stderr)


def generate(config: GenerateConfig, warn=_warn) -> GenerateReport:
    index, count = config.partition
    if not (count >= 1 and 0 <= index < count):
        raise SnaugError(f"--partition {index}/{count}: expected i/n with 0 <= i < n")
    for name in ("shard_size", "workers", "batch_size", "per_kind", "unit_size"):
        if getattr(config, name) < 1:
            raise SnaugError(f"--{name.replace('_', '-')} must be at least 1, got {getattr(config, name)}")
    lock = OutputLock(Path(config.out), config.partition)
    try:
        return _run(config, lock, warn)
    finally:
        lock.release()


def _run(config: GenerateConfig, lock: OutputLock, warn) -> GenerateReport:
    index, count = config.partition
    rules = load_rules(config.rules_dirs)
    for spec in rules.kinds.values():   # a bad rule table fails now, even for a kind not asked for
        build(spec)
    stream = ExampleStream(config.input, config.format, config.target, config.fields, config.splits_file,
                           config.default_split, config.strict, config.max_chars)
    # The one way an engine is built (the library's Augmenter): kinds are checked now, before the slow pipeline
    # load and before the first pass over the input.
    augmenter = Augmenter(rules, config.spacy_model, config.kinds, config.per_kind, config.seed,
                          batch_size=config.batch_size, max_chars=config.max_chars, warn=warn)
    out = Path(config.out)
    # First pass: count. Every malformed record (--strict) and every unreadable byte is found before any work.
    plans = plan_shards(stream, config.shard_size)
    records_read, records_skipped = stream.read, Counter(stream.skipped)
    # nothing to write, or a named field no record has
    check_read(stream, config.input, config.fields, config.target_flag)
    lock.acquire()                         # --out: created, and this partition is ours alone
    engine = augmenter.engine              # the pipeline loads here

    header = {
        "snaug_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "input": {"file": Path(config.input).name, "format": stream.format, "sha256": stream.sha256},
        "target": stream.target,
        "fields": config.fields.__dict__ if stream.format != "scienceqa" else None,
        "shard_size": config.shard_size,
        **augmenter.settings(),            # seed, kinds, per_kind, max_chars, rules, validate, spacy
    }
    fingerprint = hashlib.sha256(json.dumps(header, sort_keys=True).encode()).hexdigest()

    owned = [p for p in plans if p.ordinal % count == index]
    with lock.claim(fingerprint):
        _prepare_out(out, owned, fingerprint, config.overwrite, header)
    todo = [p for p in owned if finished_sidecar(out, p, fingerprint) is None]
    job = _ShardJob(out=out, fingerprint=fingerprint, kinds=engine.kinds, planned=tuple(p.name for p in plans),
                    settings=header)

    if todo:
        # Second pass: the examples of the shards still to do, in small work units; each shard is written as soon
        # as its last unit is back, so memory holds a few shards' rows whatever the size of the input.
        units = _work_units(stream, todo, config.shard_size, config.unit_size)
        with _pool(config.workers, augmenter) as run_units:
            progress = _progress(sum(p.rows for p in todo), config.progress, config.progress_every)   # its thread starts after the fork
            job.write_all(todo, run_units(units), progress.update)
            progress.close()

    with lock.door():                      # partitions finishing together: one writes the manifest
        sidecars, missing = [], []
        for plan in plans:
            stats = finished_sidecar(out, plan, fingerprint)
            (sidecars.append(stats) if stats else missing.append(plan.name))
        manifest, wrote = None, False
        if not missing:
            manifest = assemble_manifest(header, sidecars, records_read, records_skipped)
            wrote = atomic_write_json(out / MANIFEST, manifest, unless_same=True)
    return GenerateReport(out, len(plans), len(todo), len(owned) - len(todo), manifest, missing, wrote)


def _prepare_out(out: Path, owned: list[ShardPlan], fingerprint: str, overwrite: bool, header: dict) -> None:
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
class _Unit:
    shard: str
    part: int                          # its position within the shard
    examples: tuple[Example, ...]
    last: bool                         # the shard's last unit


def _work_units(stream, todo: list[ShardPlan], shard_size: int, unit_size: int) -> Iterator[_Unit]:
    """Cut the examples of the ``todo`` shards into units of at most ``unit_size``, in input order."""
    wanted = {(p.split, p.index): p for p in todo}
    position: dict[str, int] = {}                   # split → examples of it seen so far
    buffers: dict[str, list[Example]] = {}          # shard → examples of its unit being filled
    parts: dict[str, int] = {}
    for example in stream:
        k = position.get(example.split, 0)
        position[example.split] = k + 1
        plan = wanted.get((example.split, k // shard_size))
        if plan is None:
            continue                                # done already, or another partition's
        buf = buffers.setdefault(plan.name, [])
        buf.append(example)
        last = k % shard_size == plan.rows - 1
        if len(buf) == unit_size or last:
            part = parts.get(plan.name, 0)
            parts[plan.name] = part + 1
            yield _Unit(plan.name, part, tuple(buf), last)
            buffers[plan.name] = []


def run_unit(engine: Engine, unit: _Unit, kinds: list[str]) -> tuple[str, int, bool, list[dict], Tally]:
    tally = Tally(kinds)
    rows = []
    for outcome in engine.run(unit.examples):
        tally.add(outcome)
        rows.append(outcome_row(outcome))
    return unit.shard, unit.part, unit.last, rows, tally


@dataclass(frozen=True)
class _ShardJob:
    out: Path
    fingerprint: str
    kinds: list[str]
    planned: tuple[str, ...]       # every shard of the run, so `snaug inspect` can name the missing ones
    settings: dict = field(default_factory=dict)   # the run's header: a refused rerun names what changed

    def write_all(self, todo: list[ShardPlan], results, tick=lambda n: None) -> None:
        """Gather unit results (in any order) per shard; write each shard and its sidecar once it is whole."""
        plans = {p.name: p for p in todo}
        parts: dict[str, dict[int, tuple[list[dict], Tally]]] = {}
        expected: dict[str, int] = {}
        for shard, part, last, rows, tally in results:
            parts.setdefault(shard, {})[part] = (rows, tally)
            if last:
                expected[shard] = part + 1
            tick(len(rows))
            if expected.get(shard) == len(parts[shard]):
                self.write(plans[shard], [parts[shard][i] for i in range(expected[shard])])
                del parts[shard]

    def write(self, plan: ShardPlan, pieces: list[tuple[list[dict], Tally]]) -> None:
        tally = Tally(self.kinds)
        rows: list[dict] = []
        for piece_rows, piece_tally in pieces:
            rows += piece_rows
            tally.merge(piece_tally)
        shard = shard_path(self.out, plan.name)
        write_parquet(shard, rows)
        atomic_write_json(sidecar_path(self.out, plan.name), {
            "file": f"{SHARDS_DIR}/{shard.name}", "split": plan.split, "rows": len(rows), "sha256": sha256_of(shard),
            "fingerprint": self.fingerprint, "tally": tally.as_dict(), "planned": list(self.planned),
            "settings": self.settings,
        })


@contextmanager
def _pool(workers: int, augmenter: Augmenter):
    """A function units → results: in this process, or over a pool of workers started once for the whole run.

    Where the OS can fork, workers inherit the loaded pipeline (no start-up per worker, let alone per shard);
    elsewhere they load it once each. At most a few units per worker are in flight, so reading never runs ahead.
    """
    engine = augmenter.engine
    with _frozen():
        if workers == 1:
            yield lambda units: (run_unit(engine, u, engine.kinds) for u in units)
        else:
            with _workers(workers, augmenter, engine) as run:
                yield run


@contextmanager
def _frozen():
    """The pipeline, lexicons and tables loaded so far live as long as the run: moved out of the garbage
    collector's sight (``gc.freeze``), full collections need not walk them again and again, and forked workers do
    not write to their pages (the copy-on-write the gc docs warn of). Back in sight when the run ends."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _workers(workers: int, augmenter: Augmenter, engine: Engine):
    if "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux"):
        ctx, init, args = multiprocessing.get_context("fork"), _worker_adopt, (engine,)
    else:
        ctx, init, args = multiprocessing.get_context("spawn"), _worker_init, (augmenter,)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init, initargs=args) as pool:
        pool.submit(int).result()      # start the workers now, before this process has any other thread

        def run(units):
            pending: set = set()
            for unit in units:
                if len(pending) >= 3 * workers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (f.result() for f in done)
                pending.add(pool.submit(_worker_run, unit))
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        yield run


_WORKER: dict = {}


def _worker_adopt(engine: Engine) -> None:
    _WORKER["engine"] = engine


def _worker_init(augmenter: Augmenter) -> None:
    _WORKER["engine"] = augmenter.engine     # pickled without its pipeline: each worker loads it once
    gc.freeze()                              # and keeps it for its life (see _frozen)


def _worker_run(unit: _Unit):
    engine = _WORKER["engine"]
    return run_unit(engine, unit, engine.kinds)


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
