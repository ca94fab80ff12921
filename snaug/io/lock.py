"""One ``--out``, several runs: who may write there, and what runs that died left behind.

Partitions of one run (same input, settings and rules: the same fingerprint) write side by side, on one machine
or on many sharing a file system. Refused while the other is alive: a second run of the same partition (it would
do the same work twice) and a run with other settings (its shards would be mixed with, or replace, the other's).

Locks (``filelock``: ``flock`` where the file system has it), all hidden files in OUT so the shards folder stays
a clean dataset:

- ``.snaug-part-I-of-N.lock``, held by partition I/N for its whole run; ``.snaug-part-I-of-N.json`` beside it
  says who holds it (pid, host) and, once read, with which fingerprint.
- ``.snaug.lock``, the door, held briefly: to take a partition lock, to see who else is alive, clear what dead
  runs left and prepare this partition's shards, and to assemble the manifest, so that it is written once.

Partition locks are taken, probed and removed only behind the door, so probing a lock (taking it for a moment
to see that its holder is gone) never makes a starting run think it is already taken.

A temporary file (``.NAME.tmp-PID``) is left by a run killed while writing. It is removed behind the door when
no other run is alive, or when every live run is on this host and process PID is gone. (A PID says nothing
about a process on another machine, so with live runs elsewhere such files wait for a later run.)
"""
from __future__ import annotations

import json
import os
import re
import socket
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .. import SnaugError
from .shards import PROGRESS_DIR, SHARDS_DIR, atomic_write_json

DOOR = ".snaug.lock"
_TEMP = re.compile(r"^\..+\.tmp-(\d+)$")


class OutputLock:
    """Partition i/n's hold on ``out``: ``acquire()`` before writing anything, ``release()`` when done (or use
    ``with``). ``release()`` of a lock never acquired does nothing, so it can sit in a ``finally``."""

    def __init__(self, out: Path, partition: tuple[int, int]):
        self.out = Path(out)
        self.partition = partition
        i, n = partition
        self._part = self.out / f".snaug-part-{i}-of-{n}.lock"
        self._info = self._part.with_suffix(".json")
        self._held: FileLock | None = None
        self._me = {"pid": os.getpid(), "host": socket.gethostname(), "partition": f"{i}/{n}", "fingerprint": None}

    # -- the run's own lock ------------------------------------------------------------------------------------

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def acquire(self) -> OutputLock:
        _make_dir(self.out)
        with self.door():
            lock = FileLock(self._part)
            try:
                lock.acquire(timeout=0)
            except Timeout:
                raise SnaugError(f"--out {self.out}: partition {self._me['partition']} is being written by another "
                                 f"snaug generate{_who(self._info)}; wait for it to finish, or choose another "
                                 f"--out") from None
            self._held = lock
            atomic_write_json(self._info, self._me)
        return self

    def release(self) -> None:
        if self._held is None:
            return
        with self.door():
            self._info.unlink(missing_ok=True)
            self._held.release()
            self._part.unlink(missing_ok=True)     # safe: nobody takes or probes a partition lock outside the door
            self._held = None

    @contextmanager
    def door(self):
        try:
            lock = FileLock(self.out / DOOR)
            lock.acquire()
        except OSError as exc:
            raise SnaugError(f"--out {self.out}: cannot write there ({exc.strerror or exc})") from None
        try:
            yield
        finally:
            lock.release()

    # -- behind the door ---------------------------------------------------------------------------------------

    @contextmanager
    def claim(self, fingerprint: str):
        """Behind the door: refuse a live run with other settings, clear dead runs' temp files, record ours.

        The body (preparing this partition's folders and shards) runs behind the door too.
        """
        with self.door():
            others = self._live_others()
            for info in others:
                if info.get("fingerprint") not in (None, fingerprint):
                    raise SnaugError(
                        f"--out {self.out} is being written by another snaug generate with other settings or input "
                        f"(partition {info.get('partition')}, pid {info.get('pid')} on {info.get('host')}); wait "
                        f"for it to finish, or choose another --out")
            same_host = all(info.get("host") == self._me["host"] for info in others)
            for temp in self._temp_files():
                pid = int(_TEMP.match(temp.name).group(1))
                if not others or (same_host and not _alive(pid)):
                    temp.unlink(missing_ok=True)
            self._me["fingerprint"] = fingerprint
            atomic_write_json(self._info, self._me)
            yield

    def _live_others(self) -> list[dict]:
        """Records of the other partitions whose run is alive; records of dead ones are removed."""
        live = []
        for info_path in sorted(self.out.glob(".snaug-part-*-of-*.json")):
            if info_path == self._info:
                continue
            lock_path = info_path.with_suffix(".lock")
            probe = FileLock(lock_path)
            try:
                probe.acquire(timeout=0)
            except Timeout:
                live.append(_read(info_path))
                continue
            info_path.unlink(missing_ok=True)      # its run died (a live run holds its lock)
            probe.release()
            lock_path.unlink(missing_ok=True)
        return live

    def _temp_files(self) -> list[Path]:
        found = []
        for folder in (self.out, self.out / SHARDS_DIR, self.out / PROGRESS_DIR):
            if folder.is_dir():
                found += [p for p in folder.iterdir() if _TEMP.match(p.name) and p.is_file()]
        return found


def _make_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise SnaugError(f"--out {out} exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SnaugError(f"--out {out}: cannot create the directory ({exc.strerror or exc})") from None
    # filelock retries forever where it cannot create its file for a reason other than a denied permission
    # (/proc/1 answers "No such file or directory"), so a folder nothing can be written in is found out here
    probe = out / f".snaug-probe-{os.getpid()}"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        probe.unlink()
    except FileExistsError:
        pass
    except OSError as exc:
        raise SnaugError(f"--out {out}: cannot write there ({exc.strerror or exc})") from None


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _who(info_path: Path) -> str:
    info = _read(info_path)
    return f" (pid {info['pid']} on {info['host']})" if "pid" in info and "host" in info else ""


def _alive(pid: int) -> bool:
    if os.name == "nt":                            # os.kill there ends the process: never judge, never delete
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True                                # exists, owned by someone else
    return True
