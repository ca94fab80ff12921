"""Progress for long loops: a tqdm bar on a terminal, a plain log line every ``every`` seconds otherwise (a log
file or a batch job gets a readable record, not carriage returns), and always a last line with the total time."""
from __future__ import annotations

import sys
import time


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m" if seconds >= 3600 else \
        f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    def __init__(self, total: int, desc: str, unit: str = "ex", every: float = 30.0, stream=None):
        self.total, self.desc, self.unit, self.every = total, desc, unit, every
        self.stream = stream or sys.stderr
        self.done, self.start = 0, time.monotonic()
        self.last = self.start
        self.bar = None
        if getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit=unit, file=self.stream, dynamic_ncols=True)

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if now - self.last >= self.every and self.done < self.total:
            self.last = now
            rate = self.done / (now - self.start)
            left = (self.total - self.done) / rate if rate else 0
            print(f"{self.desc}: {self.done}/{self.total} {self.unit} ({100 * self.done // max(1, self.total)}%), "
                  f"{_clock(now - self.start)} so far, ~{_clock(left)} left", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        print(f"{self.desc}: {self.done}/{self.total} {self.unit} in {_clock(time.monotonic() - self.start)}",
              file=self.stream, flush=True)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
