"""A progress line on standard error for long audits: pages done of total, links checked,
elapsed time and an estimate of what is left. Only on a terminal, and never with --quiet."""

from __future__ import annotations

import sys
import time

WIDTH = 24


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    def __init__(self, enabled: bool, stream=None, min_interval: float = 0.1):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.min_interval = min_interval
        self.start = time.monotonic()
        self.last = 0.0
        self.total = 0
        self.done = 0
        self.what = "pages"

    def stage(self, what: str, total: int) -> None:
        self.what, self.total, self.done = what, total, 0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw(force=self.done >= self.total)

    def line(self) -> str:
        elapsed = time.monotonic() - self.start
        share = self.done / self.total if self.total else 1.0
        bar = "#" * int(share * WIDTH)
        eta = ""
        if 0 < self.done < self.total:
            eta = f", about {_clock(elapsed / self.done * (self.total - self.done))} left"
        return f"[{bar:<{WIDTH}}] {self.done}/{self.total} {self.what}, {_clock(elapsed)} elapsed{eta}"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < self.min_interval:
            return
        self.last = now
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
