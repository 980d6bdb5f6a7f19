"""A stopped run ends whole (issue 24). A real `auditor check` process, in a session of its
own, is sent SIGTERM, SIGINT, SIGHUP or SIGKILL while its two workers parse, while it checks
links against the loopback server (held by its slow endpoint), or while it writes its result
cache (SIGKILL). Then no process of the run may remain, and the next run's JSON report must
be byte-identical to one made from empty caches.

Each wait is a poll with a deadline on something the run shows (its worker processes, a
request reaching the server, the cache's write-ahead log growing), never a fixed sleep."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import AS_OF_ARG
from linkserver import LinkServer

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table in /proc")

STOPS = [signal.SIGTERM, signal.SIGINT, signal.SIGHUP]
REPORT = "report.json"
# 80 pages of 4 KB: over the size at which a run uses workers (IN_PROCESS_BYTES), a few
# seconds' work for two, and with their findings more result cache than SQLite holds in
# memory for one write.
PAGES, IMAGES = 80, 60
WORKERS = ["--jobs", "2"]


def _write_site(folder) -> str:
    site = folder / "site"
    site.mkdir()
    paragraphs = "".join(f"<p>Paragraph {i}, <a href='p{i % PAGES}.html'>page {i % PAGES}</a> <img src='i{i}.png'></p>\n"
                         for i in range(IMAGES))
    for n in range(PAGES):
        (site / f"p{n}.html").write_text(f"<!doctype html><html lang=en><title>Page {n}</title><h1>Page {n}</h1>"
                                         f"{paragraphs}</html>")
    return "site"


def _write_linked_pages(folder, server: LinkServer) -> str:
    """Three small pages (one process, no workers) whose links the run checks over the network."""
    site = folder / "linked"
    site.mkdir()
    paths = ["/ok/a", "/missing.html", "/gone.html", "/moved", "/doc.pdf", "/slow"]
    for n in range(3):
        links = "".join(f'<li><a href="{server.url(path)}?from={n}">link {i}</a></li>' for i, path in enumerate(paths))
        (site / f"p{n}.html").write_text(f"<!doctype html><html lang=en><title>Links {n}</title><ul>{links}</ul></html>")
    return "linked"


def _start(folder, *args) -> subprocess.Popen:
    """`auditor check` in `folder`, leading a process group of its own (its pid is the group's)."""
    return subprocess.Popen([sys.executable, "-m", "auditor", "check", "--format", "json", "--output", REPORT,
                             *AS_OF_ARG, *args], cwd=folder, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _report(folder, *args) -> bytes:
    run = _start(folder, *args)
    _, err = run.communicate(timeout=120)
    assert run.returncode in (0, 1), err
    return (folder / REPORT).read_bytes()


def _live(group: int) -> list[int]:
    """The processes of a process group that have not ended. A zombie has (killpg(group, 0)
    still finds it): it waits for init, which here may take a second or two to reap it."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state not in "ZX":
            pids.append(int(entry))
    return pids


def _wait_for(condition, what: str, seconds: float = 60.0, run: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {seconds:g} s")
        if run is not None and run.poll() is not None:
            pytest.fail(f"the run ended (exit status {run.returncode}) before any {what}")
        time.sleep(0.005)


def _stop(run: subprocess.Popen, signum: int) -> str:
    """Send `signum` to the run; wait for it and for every process of its group. Its standard error."""
    os.kill(run.pid, signum)
    _, err = run.communicate(timeout=30)
    _wait_for(lambda: not _live(run.pid), "end of every process of the run", seconds=5)
    return err


def _assert_stopped(run: subprocess.Popen, signum: int, err: str) -> None:
    if signum == signal.SIGKILL:
        assert run.returncode == -signal.SIGKILL
    else:
        assert run.returncode == 128 + signum
        assert err == f"auditor: interrupted by {signal.Signals(signum).name}; nothing written\n"


@pytest.fixture(scope="module")
def cold_site_report(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("cold")
    return _report(folder, *WORKERS, "--no-cache", _write_site(folder))


@pytest.mark.parametrize("signum", [*STOPS, signal.SIGKILL], ids=lambda s: signal.Signals(s).name)
def test_a_run_stopped_while_its_workers_parse_leaves_no_process_and_no_report(tmp_path, cold_site_report, signum):
    site = _write_site(tmp_path)
    (tmp_path / REPORT).write_text("the previous report\n")
    run = _start(tmp_path, *WORKERS, site)
    _wait_for(lambda: len(_live(run.pid)) >= 3, "two worker processes", run=run)
    _assert_stopped(run, signum, _stop(run, signum))  # SIGKILL: the workers end by themselves
    assert (tmp_path / REPORT).read_text() == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([REPORT, ".auditor-cache", site])  # no temporary file
    assert _report(tmp_path, *WORKERS, site) == cold_site_report


@pytest.mark.parametrize("signum", [*STOPS, signal.SIGKILL], ids=lambda s: signal.Signals(s).name)
def test_a_run_stopped_while_it_checks_links_ends_at_once(tmp_path, signum):
    # The slow endpoint answers after a minute: a run that waited for it would fail the deadline.
    with LinkServer(slow_seconds=60.0) as server:
        pages = _write_linked_pages(tmp_path, server)
        run = _start(tmp_path, pages)
        _wait_for(lambda: server.hits[("HEAD", "/slow")] + server.hits[("GET", "/slow")] > 0, "request to /slow", run=run)
        stopped = time.monotonic()
        _assert_stopped(run, signum, _stop(run, signum))
        assert time.monotonic() - stopped < 10
        assert not (tmp_path / REPORT).exists()
        server.httpd.slow_seconds = 0.0  # for the next runs, which check it again
        warm = _report(tmp_path, pages)
        cold = tmp_path / "cold"
        cold.mkdir()
        _write_linked_pages(cold, server)
        assert warm == _report(cold, "--no-cache", pages)


def test_a_run_killed_while_it_writes_its_result_cache_leaves_one_the_next_run_uses(tmp_path, cold_site_report):
    site = _write_site(tmp_path)
    _report(tmp_path, "--jobs", "1", f"{site}/p0.html")  # the cache, made, closed: its log emptied
    wal = tmp_path / ".auditor-cache" / "results.sqlite-wal"
    run = _start(tmp_path, *WORKERS, site)

    def writing() -> bool:  # the first pages written to the log: the one transaction of the run's results
        try:
            return wal.stat().st_size > 0
        except FileNotFoundError:
            return False

    _wait_for(writing, "write to the result cache", run=run)
    _assert_stopped(run, signal.SIGKILL, _stop(run, signal.SIGKILL))
    # Killed before the commit record or after it, never in between: the page of the first
    # run, or every page.
    assert _cached_pages(tmp_path, copy=True) in (1, PAGES)
    assert _report(tmp_path, *WORKERS, site) == cold_site_report
    assert _cached_pages(tmp_path) == PAGES  # the next run stored its pages in it
    assert _report(tmp_path, *WORKERS, site) == cold_site_report  # and a warm run reads them


def _cached_pages(folder, copy: bool = False) -> int:
    """The result cache's page count; of a copy, to leave a killed run's files as they are
    for the next run (the last connection to close a cache file checkpoints its log)."""
    path = folder / ".auditor-cache" / "results.sqlite"
    if copy:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(f"{path}{suffix}"):
                shutil.copyfile(f"{path}{suffix}", folder / f"copy.sqlite{suffix}")
        path = folder / "copy.sqlite"
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT count(*) FROM pages").fetchone()[0]
    finally:
        db.close()
