"""The audit, stage by stage: targets -> load -> page stage (decode, parse once, one walk with
the rules: auditor.pagestage) -> link stage (auditor.linkstage) -> suppressions, applied
once to each page's findings and link findings together -> fingerprints -> the result every
report renders. Pages are independent until the link stage, so the page stage can run in
worker processes; results come back in target order, so any --jobs gives the same bytes.
A crawl (auditor.crawl) is the targets and load stages fed by the page stage: each batch
of pages it fetches is checked before it follows their links."""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Callable

from auditor import __version__, cancel, suppressions
from auditor.finding import Finding, Severity
from auditor.grouping import group_link_findings
from auditor.linkstage import LinkVerdicts, run_link_stage
from auditor.loading import Loaded, load_or_error
from auditor.limits import PAGE_SECONDS, Limits
from auditor.options import RunOptions
from auditor.pagestage import CheckedPage, PageStage
from auditor.progress import Progress
from auditor.result import AuditResult, PageResult
from auditor.resultcache import ResultCache, page_key, ruleset_digest
from auditor.rule import Rule
from auditor.selector import fingerprint
from auditor.targets import Target

if TYPE_CHECKING:
    from auditor.crawl import Crawl, CrawlResult

# A parse makes objects by the hundred thousand, nearly all alive until the page is done;
# at the collector's default first threshold (700 new objects) it runs thousands of times
# a page and frees almost nothing. At 10,000 a page stage spends about a sixth less CPU
# (benchmarks/corpus.py --profile) for a few more MB at the peak; reading 10,000 cached
# pages back, it spent two thirds of its time in the collector at the default.
PAGE_GC_THRESHOLDS = (10_000, 10, 10)

# Below this many bytes of pages in all, workers cost more than they save (each is a new
# process that loads the rules' data on its first page): the run stays in one process.
IN_PROCESS_BYTES = 256 * 1024


def run_audit(targets: list[Target], options: RunOptions, preloaded: dict[Target, Loaded | str] | None = None) -> AuditResult:
    """Audit `targets`. `preloaded` holds pages already read: their bytes, or why they could not be read."""
    progress = Progress(enabled=options.progress)
    deadline = _deadline(options)
    with _collector_tuned():
        checked = _page_stage(targets, options, dict(preloaded or {}), deadline, progress)
        return _after_pages(checked, options, deadline, progress)


def run_crawl(plan: Crawl, options: RunOptions,
              chosen: Callable[[list[Target]], list[Target]] | None = None) -> tuple[AuditResult, CrawlResult]:
    """Crawl and audit at once: each batch of pages the crawler fetches goes through the page
    stage before it goes on, from the links that stage found (CheckedPage.hrefs). `chosen`
    picks the crawled pages to report (--shard, --changed-since). Raises LoadError for a
    sitemap that cannot be read."""
    from auditor.crawl import crawl  # httpx: only for a crawl

    progress = Progress(enabled=options.progress)
    deadline = _deadline(options)
    with _collector_tuned():
        found = crawl(plan, lambda batch: _page_stage([t for t, _ in batch], options, dict(batch), deadline,
                                                      progress, follow=True))
        kept = set(chosen([t for t, _ in found.pages])) if chosen else None
        checked = [page for target, page in found.pages if kept is None or target in kept]
        return _after_pages(checked, options, deadline, progress, unvisited=found.unvisited), found


def _deadline(options: RunOptions) -> float | None:
    # time.monotonic is CLOCK_MONOTONIC: one clock for all processes.
    return time.monotonic() + options.limits.run_seconds if options.limits.run_seconds else None


def _after_pages(checked: list[CheckedPage], options: RunOptions, deadline: float | None, progress: Progress,
                 unvisited: int = 0) -> AuditResult:
    """The link stage over every page, then each page finished; the run's result."""
    linked = run_link_stage(checked, options.rules, _link_settings(options, deadline), options.offline,
                            options.use_cache, progress)
    pages = [finish_page(page, verdicts) for page, verdicts in zip(checked, linked.verdicts)]
    progress.finish()
    return group_link_findings(AuditResult(version=__version__, as_of=options.as_of.isoformat(), pages=pages,
                                           rules={type(r).id: type(r) for r in options.rules},
                                           skipped_checks=len(linked.skipped), skipped_targets=linked.skipped,
                                           unvisited_pages=unvisited))


def audit_loaded(target: Target, loaded: Loaded | str, rules: list[Rule], as_of: date, offline: bool = True,
                 page_seconds: float | None = PAGE_SECONDS) -> PageResult:
    """One page already in hand through every stage, in this process, without caches (tests, scripts)."""
    options = RunOptions(rules=tuple(rules), as_of=as_of, offline=offline, jobs=1, use_cache=False,
                         limits=Limits(page_seconds=page_seconds))
    return run_audit([target], options, preloaded={target: loaded}).pages[0]


def finish_page(page: CheckedPage, verdicts: LinkVerdicts) -> PageResult:
    """The last stage of a page: its findings and link findings, suppressed once, numbered."""
    findings = suppressions.apply(page.directives, [*page.findings, *verdicts.findings])
    return PageResult(page=page.page, error=page.error, findings=_fingerprinted(findings, page.page),
                      tool_errors=[*page.tool_errors, *verdicts.tool_errors])


def _fingerprinted(findings: list[Finding], page_name: str) -> list[Finding]:
    """Replace each finding's identity with a fingerprint; repeats of one identity are numbered."""
    findings = sorted(findings, key=lambda f: (f.order, f.sort_key()))
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in findings:
        key = (f.rule, f.fingerprint)
        seen[key] = occurrence = seen.get(key, 0) + 1
        out.append(f.with_fingerprint(fingerprint(f.rule, page_name, f.fingerprint, occurrence)))
    out.sort(key=Finding.sort_key)
    return out


@contextmanager
def _collector_tuned():
    thresholds = gc.get_threshold()
    gc.set_threshold(*PAGE_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)  # the rest of the process keeps its own


def _start_worker(run_pid: int) -> None:
    gc.set_threshold(*PAGE_GC_THRESHOLDS)
    cancel.as_worker(run_pid)


def _link_settings(options: RunOptions, deadline: float | None):
    """The link checker's settings; under a run time budget, the link checks get what is
    left of it."""
    if deadline is None:
        return options.links
    from auditor.linkcheck import LinkSettings  # httpx: only when links are checked

    settings = options.links or LinkSettings()
    return replace(settings, run_budget=min(settings.run_budget, max(0.0, deadline - time.monotonic())))


# --- the page stage over every target ---------------------------------------------------


@dataclass(frozen=True)
class _PageRun:
    """What every page of a run shares in the page stage; sent to each worker with its batch."""

    options: RunOptions
    cache: ResultCache | None
    digest: str  # the rule set's part of every cache key
    deadline: float | None  # time.monotonic() past which pages are not begun
    follow: bool = False  # a crawl: each page says where the crawl goes on from it

    def audit(self, stage: PageStage, target: Target, preloaded: Loaded | str | None) -> tuple[CheckedPage, str | None]:
        """One page: load, then the cached result or a fresh audit. Returns the result and,
        for a fresh result worth caching, its cache key."""
        limits = self.options.limits
        if self.deadline is not None and time.monotonic() > self.deadline:
            return CheckedPage(page=target.name, error=f"not audited: the run's time budget of {limits.run_seconds:g} s ran out"), None
        loaded = preloaded if preloaded is not None else load_or_error(target, self.options.offline, limits)
        key = None
        if self.cache is not None and isinstance(loaded, Loaded):
            key = page_key(self.digest, target.name, loaded.data, loaded.headers, loaded.url)
            cached = self.cache.get(key)
            if cached is not None:
                return cached, None
        result = stage.audit(target, loaded)
        # Page errors and crashes may depend on the machine (a time budget) or be fixed by the
        # next version: only clean results are kept.
        return result, key if key is not None and result.error is None and not result.tool_errors else None

    def stage(self) -> PageStage:
        return PageStage(self.options.rules, self.options.as_of, self.options.limits.page_seconds, self.follow)


def _audit_batch(run: _PageRun, items: list) -> list[tuple[CheckedPage, str | None]]:
    stage = run.stage()
    try:
        return [run.audit(stage, target, loaded) for target, loaded in items]
    finally:
        if run.cache is not None:
            run.cache.close()  # this batch's connection (a worker's copy of the cache)


def _page_stage(targets: list[Target], options: RunOptions, preloaded: dict, deadline: float | None,
                progress: Progress, *, follow: bool = False) -> list[CheckedPage]:
    # Standard input and the network are read here, in one process; files are read by workers.
    for t in targets:
        if t.kind in ("stdin", "url") and t not in preloaded:
            preloaded[t] = load_or_error(t, options.offline, options.limits)
    cache = ResultCache(options.cache_path) if options.use_cache else None
    digest = ruleset_digest(options.rules, options.as_of, follow) if cache is not None else ""
    progress.stage("pages", len(targets))
    # A file whose size and modification time are unchanged is answered here, from the
    # cache, without reading it or starting a worker (a warm run of a large site).
    stamps: dict[Target, str] = {}
    done: dict[Target, CheckedPage] = {}
    if cache is not None:
        for t in targets:
            if t.kind == "file" and t not in preloaded:
                stamp = _file_stamp(t)
                if stamp is not None:
                    stamps[t] = stamp
        answered = cache.get_by_stamps(digest, {t.name: stamp for t, stamp in stamps.items()})
        for t in stamps:
            cached = answered.get(t.name)
            if cached is not None:
                done[t] = cached
                progress.advance()
    todo = [t for t in targets if t not in done]
    run = _PageRun(options, cache, digest, deadline, follow)
    work = [(t, preloaded.get(t)) for t in todo]
    jobs = options.jobs or os.cpu_count() or 1
    fresh: list[tuple[str, CheckedPage]] = []
    fresh_stamps: list[tuple[str, str, str, str]] = []

    def collect(indices, outcomes):
        for index, (result, key) in zip(indices, outcomes):
            target = todo[index]
            done[target] = result
            if key is not None:
                fresh.append((key, result))
                if target in stamps:
                    fresh_stamps.append((target.name, digest, stamps[target], key))
            progress.advance()

    sizes = [_size_of(target, loaded) for target, loaded in work]
    if jobs > 1 and len(work) > 1 and sum(sizes) >= IN_PROCESS_BYTES:
        from concurrent.futures import as_completed  # multiprocessing: only with work for it

        chunks = _chunks(sizes, jobs)
        with cancel.worker_pool(min(jobs, len(chunks)), _start_worker, (os.getpid(),)) as pool:
            running = {pool.submit(_audit_batch, run, [work[i] for i in chunk]): chunk for chunk in chunks}
            for future in as_completed(running):
                collect(running.pop(future), future.result())
    else:
        stage = run.stage()
        collect(range(len(work)), (run.audit(stage, target, loaded) for target, loaded in work))
    if cache is not None:
        cache.put_many(fresh, fresh_stamps)
        cache.close()
    return [done[t] for t in targets]


def _size_of(target: Target, loaded) -> int:
    if isinstance(loaded, Loaded):
        return len(loaded.data)
    if target.kind == "file":
        try:
            return os.stat(target.name).st_size
        except OSError:
            pass
    return 0


def _chunks(sizes: list[int], jobs: int) -> list[list[int]]:
    """Page indices in batches for the workers, largest pages first (a large page started
    last would keep one worker busy while the others wait), each batch about an eighth of
    a worker's share of the bytes (fewer round trips for small pages, and a large page
    alone in its batch) and at most 16 pages."""
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    share = max(1, sum(sizes) // (jobs * 8))
    chunks: list[list[int]] = []
    batch: list[int] = []
    batch_bytes = 0
    for i in order:
        batch.append(i)
        batch_bytes += sizes[i]
        if batch_bytes >= share or len(batch) == 16:
            chunks.append(batch)
            batch, batch_bytes = [], 0
    if batch:
        chunks.append(batch)
    return chunks


def _file_stamp(target: Target) -> str | None:
    try:
        info = os.stat(target.name)
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}"


def fails(result: AuditResult, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    worst = result.worst()
    return worst is not None and worst >= Severity.parse(fail_on)
