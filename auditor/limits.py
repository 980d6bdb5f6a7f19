"""The time budget of one page: parsing and checking a hostile page must not hang the run."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

PAGE_SECONDS = 60.0


@dataclass(frozen=True)
class Limits:
    """The tool's own limits; hitting one makes a page error, never a crash."""

    max_page_bytes: int = 50 * 1024 * 1024  # read, and decompressed for HTTP
    page_seconds: float = PAGE_SECONDS  # parse and check one page
    fetch_seconds: float = 30.0  # fetch one page over HTTP
    run_seconds: float | None = None  # the whole audit; pages not begun by then are page errors


class PageTimeout(BaseException):  # not Exception: a rule's crash guard must not swallow it
    pass


@contextmanager
def time_limit(seconds: float | None):
    """Raise PageTimeout in this thread after `seconds` (the interval timer interrupts pure
    Python code such as html5lib; only the main thread of a process can take signals, and
    every worker process runs pages on its main thread)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise PageTimeout(f"over the time budget of {seconds:g} s per page")

    previous = signal.signal(signal.SIGALRM, expire)
    # Repeating after the first expiry: an exception raised while Python runs a finalizer
    # (__del__, a weakref callback) is swallowed as "unraisable", so keep raising until one
    # gets through.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
