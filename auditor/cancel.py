"""A stopped run ends whole. SIGTERM, SIGINT and SIGHUP raise Interrupted in the main thread,
so every stage unwinds as from an error: worker processes are killed, a cache write in
progress is rolled back (auditor.store), a report being written is dropped (auditor.output),
and the command exits 128 + the signal number, as shells report a process a signal ended.
A worker ends with its run even when the run is killed outright (SIGKILL), which no handler
sees: the kernel tells it, or on other systems a thread watches for its parent to go."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

# linux/prctl.h: deliver a signal to this process when the thread that forked it ends.
PR_SET_PDEATHSIG = 1
ORPHAN_EXIT = 1  # a worker whose run is gone; nobody reads its exit status
PARENT_POLL_SECONDS = 1.0

_received: int | None = None  # the first stop signal, for a run that has not yet unwound


class Interrupted(SystemExit):
    """A stop signal arrived. A SystemExit, with the exit status as its code: asyncio's event
    loop and tasks let it through (an ordinary exception raised inside a callback would be
    logged there and dropped), click lets it through (a KeyboardInterrupt becomes its own
    "Aborted!" and exit status 1), and uncaught it still exits with the right status."""

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum

    @property
    def signal_name(self) -> str:
        return signal.Signals(self.signum).name


def stop_on_signals() -> None:
    """In the main thread of a process that runs one command (auditor.cli.main)."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop)


def _stop(signum, frame):
    global _received
    _received = signum
    loop = _running_loop()
    if loop is None:
        raise Interrupted(signum)
    # Raised here, it would end whichever task step is running as that task's failure, to be
    # logged when nobody retrieves it. Raised from a callback of the loop, it ends the loop
    # between steps, and asyncio.run then cancels every task (the link checks).
    loop.call_soon_threadsafe(_raise_interrupted, signum)


def _running_loop():
    asyncio = sys.modules.get("asyncio")  # imported only by a run that checks links
    if asyncio is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _raise_interrupted(signum: int):
    raise Interrupted(signum)


def ignore_signals() -> None:
    """While the command reports that it was stopped: a second signal must not cut that short."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def raise_if_stopped() -> None:
    """Raise Interrupted if a stop signal arrived but its exception was lost: one raised while
    Python runs a finalizer (__del__, a weakref callback) is swallowed as "unraisable"."""
    if _received is not None:
        _raise_interrupted(_received)


@contextmanager
def worker_pool(workers: int, initializer, initargs: tuple = ()):
    """A ProcessPoolExecutor whose workers are killed, not waited for, when the block ends
    with an exception (Interrupted among them): the pages being audited are of no more use.
    `initializer` must call as_worker()."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    others = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=initargs)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        # The pool has no public way to end running workers before Python 3.14 (kill_workers),
        # but they are children of this process. Killed: a worker only reads the caches.
        for child in set(multiprocessing.active_children()) - others:
            child.kill()
        raise
    pool.shutdown()


def as_worker(run_pid: int) -> None:
    """In a worker process of the run whose main process is `run_pid`, before its first page."""
    # The run stops its workers itself; a Ctrl-C reaches every process of the terminal's
    # process group, and a worker's own KeyboardInterrupt would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)  # not the run's handler, inherited by a fork
    parent = os.getppid()
    # A forkserver is the parent of the workers it forks; otherwise the run is.
    if parent != run_pid and _start_method() != "forkserver":
        os._exit(ORPHAN_EXIT)  # the run ended before this worker began
    if _kernel_signals_parent_death():
        if os.getppid() != parent:
            os._exit(ORPHAN_EXIT)  # the parent ended before the kernel was asked to tell
        return
    threading.Thread(target=_end_with, args=(parent,), name="auditor-parent-watch", daemon=True).start()


def _start_method() -> str:
    import multiprocessing

    return multiprocessing.get_start_method()


def _kernel_signals_parent_death() -> bool:
    """Linux: SIGKILL this process when its parent ends."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _end_with(parent: int) -> None:
    while os.getppid() == parent:  # an orphan is adopted by another process
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(ORPHAN_EXIT)
