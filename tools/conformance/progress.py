"""A one-line progress bar on stderr (only when stderr is a terminal)."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, width: int = 30) -> None:
        self.label = label
        self.total = total
        self.width = width
        self.start = time.monotonic()
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def update(self, done: int, note: str = "") -> None:
        now = time.monotonic()
        if not self.enabled:
            # In a log: one line per 10%, not a bar.
            step = max(1, self.total // 10)
            if done % step == 0 or done == self.total:
                sys.stderr.write(f"{self.label}: {done}/{self.total} "
                                 f"{_clock(now - self.start)} {note}\n")
            return
        if now - self.last < 0.1 and done < self.total:
            return
        self.last = now
        total = max(self.total, 1)
        filled = int(self.width * done / total)
        elapsed = now - self.start
        eta = elapsed / done * (total - done) if done else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        sys.stderr.write(f"\r{self.label} [{bar}] {done}/{self.total} "
                         f"{_clock(elapsed)} eta {_clock(eta)} {note}   ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.total:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m:d}:{s:02d}"
