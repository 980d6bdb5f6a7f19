"""Per-host politeness for everything that makes requests (the crawler, the link checker):
at most `per_host` requests at once to one host, and at least `interval` seconds between
the starts of two requests to it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio


class HostPoliteness:
    def __init__(self, per_host: int, interval: float = 0.0):
        self.per_host = per_host
        self.interval = interval
        self._gates: dict[str, asyncio.Semaphore] = {}
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def gate(self, host: str) -> asyncio.Semaphore:
        gate = self._gates.get(host)
        if gate is None:
            import asyncio  # here, not at the top: importing this module must not cost asyncio's import

            gate = self._gates[host] = asyncio.Semaphore(self.per_host)
        return gate

    async def wait_turn(self, host: str) -> None:
        if self.interval <= 0:
            return
        import asyncio

        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)
