"""The audit: targets -> load -> decode -> parse once -> one walk with the rules -> findings
-> suppressions -> fingerprints. Each page is independent, so pages can go to worker
processes; results come back in target order, so any --jobs gives the same bytes."""

from __future__ import annotations

import gc
import hashlib
import operator
import os
import pickle
import time
from collections import Counter
from dataclasses import replace
from datetime import date

from auditor import __version__, dom
from auditor.decoding import NotHTMLError, decode
from auditor.deferred import DeferredRule, Link, LinkRequest, merged_targets, page_anchors
from auditor.finding import Finding, Severity, finding_rows, findings_from_rows
from auditor.loading import LoadError, Loaded, load
from auditor.limits import Limits, PageTimeout, time_limit
from auditor.page import Page
from auditor.progress import Progress
from auditor.result import AuditResult, PageResult, ToolError
from auditor.resultcache import DEFAULT_PATH, ResultCache, page_key, ruleset_digest
from auditor.rule import Rule
from auditor.selector import fingerprint
from auditor.suppressions import is_suppressed, parse_directives
from auditor.targets import Target

UNUSED_SUPPRESSION = "unused-suppression"


class _Dispatch:
    """Which rules' `visit` an element goes to: the rules naming its tag in `elements` (or
    "*"), then those declaring one of its attributes in `attributes` ("aria-*" for a prefix),
    each group in the run's rule order, less the `broken` ones. Elements of one tag name with
    the same matching attributes get the same list, so it is worked out once for them."""

    def __init__(self, rules: list[Rule], broken: frozenset[str] = frozenset()):
        self.rules = rules
        self.broken = broken
        self.names: set[str] = set()
        prefixes: set[str] = set()
        for rule in rules:
            for name in rule.attributes:
                if name.endswith("*"):
                    prefixes.add(name[:-1])
                else:
                    self.names.add(name)
        self.prefixes = tuple(sorted(prefixes))
        self.lists: dict[tuple, list[Rule]] = {}

    def rules_for(self, tag: dom.Tag) -> list[Rule]:
        names, prefixes = self.names, self.prefixes
        hits = tuple(k for k in tag.attrs if k in names or k.startswith(prefixes)) if tag.attrs and (names or prefixes) else ()
        key = (tag.name, hits)
        found = self.lists.get(key)
        if found is None:
            found = self.lists[key] = self._build(tag.name, hits)
        return found

    def _build(self, name: str, hits: tuple) -> list[Rule]:
        live = [r for r in self.rules if r.id not in self.broken]
        first = [r for r in live if name in r.elements]
        rest = [r for r in live if r not in first
                and ("*" in r.elements or any(_attribute_matches(hit, a) for hit in hits for a in r.attributes))]
        return first + rest


# The last rule list's dispatch, so its lists carry over from page to page of a run. Keyed
# by the rules' identities; the dispatch holds the rules, so those ids cannot be reused.
_shared: list[tuple[tuple[int, ...], _Dispatch]] = []


def _dispatch_for(rules: list[Rule]) -> _Dispatch:
    key = tuple(map(id, rules))
    if not _shared or _shared[0][0] != key:
        _shared[:] = [(key, _Dispatch(list(rules)))]
    return _shared[0][1]


def _attribute_matches(name: str, wanted: str) -> bool:
    return name.startswith(wanted[:-1]) if wanted.endswith("*") else name == wanted


def _describe_crash(exc: BaseException) -> str:
    return f"rule crashed: {type(exc).__name__}: {exc}"


def check_page(page: Page, rules: list[Rule]) -> PageResult:
    """Run every rule over one parsed page, with one walk of the tree."""
    result = PageResult(page=page.name)
    tags: list[dom.Tag] = []
    comments: list[dom.Comment] = []
    order = page.order
    for index, node in enumerate(page.soup.descendants, start=1):
        order[id(node)] = index
        if isinstance(node, dom.Tag):
            tags.append(node)
        elif isinstance(node, dom.Comment):
            comments.append(node)
    total = len(order)
    page.walked = tags

    raw: list[Finding] = []
    broken: set[str] = set()

    def run(rule: Rule, produce) -> None:
        try:
            raw.extend(produce())
        except Exception as exc:  # one rule's bug must not take the page or the run down
            broken.add(rule.id)
            result.tool_errors.append(ToolError(rule.id, _describe_crash(exc)))

    dispatch = _dispatch_for(rules)
    for tag in tags:
        for rule in dispatch.rules_for(tag):
            mark = len(raw)
            try:
                raw.extend(rule.visit(tag, page))
            except Exception as exc:  # as in run(): the crashed visit's findings are dropped
                del raw[mark:]
                broken.add(rule.id)
                dispatch = _Dispatch(rules, frozenset(broken))  # later elements of this page skip it
                result.tool_errors.append(ToolError(rule.id, _describe_crash(exc)))
    for rule in rules:
        if rule.id not in broken:
            run(rule, lambda: list(rule.check(page)))

    directives = parse_directives(comments, order, total)
    requests = [r for r in raw if isinstance(r, LinkRequest)]
    if requests:  # deferred link checks: a suppressed one is never made
        raw = [f for f in raw if not isinstance(f, LinkRequest)]
        result.pack_requests([r for r in requests if not is_suppressed(directives, r.rule, r.order)])
    if any(isinstance(r, DeferredRule) for r in rules):  # for #fragment links from other pages
        result.link_base, result.anchors = page_anchors(page)
    kept = [f for f in raw if not is_suppressed(directives, f.rule, f.order)]
    unused_rule = next((r for r in rules if r.id == UNUSED_SUPPRESSION), None)
    if unused_rule is not None:
        for directive in directives:
            if directive.kind != "enable" and not directive.used:
                what = ", ".join(sorted(directive.rules)) or "all rules"
                finding = unused_rule.finding(page, directive.comment.parent, f"auditor-{directive.kind} for {what} suppressed nothing")
                loc = page.line_column(page.text.find(f"<!--{directive.comment}-->"))
                kept.append(replace(finding, line=loc[0], column=loc[1], snippet=f"<!--{directive.comment}-->"[:240]))

    result.findings = _fingerprinted(kept, page.name)
    return result


def _fingerprinted(findings: list[Finding], page_name: str) -> list[Finding]:
    """Replace each finding's identity with a fingerprint; repeats of one identity are numbered."""
    findings = sorted(findings, key=lambda f: (f.order, f.sort_key()))
    seen: Counter = Counter()
    out = []
    for f in findings:
        key = (f.rule, f.fingerprint)
        seen[key] += 1
        out.append(replace(f, fingerprint=fingerprint(f.rule, page_name, f.fingerprint, seen[key])))
    return sorted(out, key=Finding.sort_key)


def audit_loaded(target: Target, loaded: Loaded | str, rules: list[Rule], as_of: date,
                 page_seconds: float | None = Limits.page_seconds) -> PageResult:
    """Decode, parse and check one page; any failure before the rules is a page error."""
    from auditor.parsing import normalize_newlines, parse  # bs4 and html5lib: only when a page is parsed

    if isinstance(loaded, str):
        return PageResult(page=target.name, error=loaded)
    if not loaded.data.strip():
        return PageResult(page=target.name, error="empty file" if loaded.data == b"" else "blank page (whitespace only)")
    try:
        decoded = decode(loaded.data, loaded.http_charset)
    except NotHTMLError as exc:
        return PageResult(page=target.name, error=str(exc))
    text = normalize_newlines(decoded.text)
    try:
        with time_limit(page_seconds):
            try:
                soup = parse(text)
            except RecursionError:
                return PageResult(page=target.name, error="cannot parse: elements nested too deeply")
            except Exception as exc:  # the parser is third-party code; a page it chokes on is a page error
                return PageResult(page=target.name, error=f"cannot parse: {type(exc).__name__}: {exc}")
            page = Page(name=target.name, text=text, soup=soup, as_of=as_of, url=loaded.url,
                        path=loaded.path, headers=loaded.headers, encoding=decoded.encoding)
            return check_page(page, rules)
    except PageTimeout as exc:
        return PageResult(page=target.name, error=f"not audited: {exc}")


def _load_or_error(target: Target, offline: bool, limits: Limits) -> Loaded | str:
    try:
        return load(target, offline=offline, limits=limits)
    except LoadError as exc:
        return f"cannot read: {exc}"


# What every task of a run shares, set once per worker process (not pickled with each page).
_RUN: dict = {}


# A parse makes objects by the hundred thousand, nearly all alive until the page is done;
# at the collector's default first threshold (700 new objects) it runs thousands of times
# a page and frees almost nothing. At 10,000 a page stage spends about a sixth less CPU
# (benchmarks/corpus.py --profile) for a few more MB at the peak.
PAGE_GC_THRESHOLDS = (10_000, 10, 10)


def _start_run(context: dict) -> None:
    _RUN.clear()
    _RUN.update(context)
    gc.set_threshold(*PAGE_GC_THRESHOLDS)


def _audit_target(item) -> tuple[PageResult, str | None]:
    """One page: load, then the cached result or a fresh audit. Returns the result and, for
    a fresh result worth caching, its cache key."""
    target, preloaded = item
    offline, limits, cache, digest = _RUN["offline"], _RUN["limits"], _RUN["cache"], _RUN["digest"]
    deadline = _RUN["deadline"]
    if deadline is not None and time.monotonic() > deadline:  # CLOCK_MONOTONIC: one clock for all processes
        return PageResult(page=target.name, error=f"not audited: the run's time budget of {limits.run_seconds:g} s ran out"), None
    loaded = preloaded if preloaded is not None else _load_or_error(target, offline, limits)
    key = None
    if cache is not None and isinstance(loaded, Loaded):
        key = page_key(digest, target.name, loaded.data, loaded.headers, loaded.url)
        cached = cache.get(key)
        if cached is not None:
            return cached, None
    result = audit_loaded(target, loaded, _RUN["rules"], _RUN["as_of"], limits.page_seconds)
    # Page errors and crashes may depend on the machine (a time budget) or be fixed by the
    # next version: only clean results are kept.
    cacheable = key is not None and result.error is None and not result.tool_errors
    if cacheable:
        result.cache_key = key
    return result, key if cacheable else None


def _audit_chunk(items: list) -> list[tuple[PageResult, str | None]]:
    return [_audit_target(item) for item in items]


# Below this many bytes of pages in all, workers cost more than they save (each is a new
# process that loads the rules' data on its first page): the run stays in one process.
IN_PROCESS_BYTES = 256 * 1024


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


def run_audit(targets: list[Target], rules: list[Rule], as_of: date, offline: bool = False,
              jobs: int | None = None, limits: Limits = Limits(), links=None,
              use_cache: bool = True, preloaded: dict | None = None,
              progress: Progress | None = None, cache_path: str | None = None) -> AuditResult:
    progress = progress or Progress(enabled=False)
    # Standard input and the network are read here, in one process; files are read by workers.
    preloaded = dict(preloaded or {})
    for t in targets:
        if t.kind in ("stdin", "url") and t not in preloaded:
            preloaded[t] = _load_or_error(t, offline, limits)
    cache = ResultCache(cache_path or DEFAULT_PATH) if use_cache else None
    digest = ruleset_digest(rules, as_of) if cache is not None else ""
    progress.stage("pages", len(targets))
    # A file whose size and modification time are unchanged is answered here, from the
    # cache, without reading it or starting a worker (a warm run of a large site).
    stamps: dict[Target, str] = {}
    done: dict[Target, PageResult] = {}
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
    deadline = time.monotonic() + limits.run_seconds if limits.run_seconds else None
    context = {"rules": rules, "as_of": as_of, "offline": offline, "limits": limits, "cache": cache, "digest": digest,
               "deadline": deadline}
    work = [(t, preloaded.get(t)) for t in todo]
    jobs = jobs or os.cpu_count() or 1
    fresh: list[tuple[str, PageResult]] = []
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
        from concurrent.futures import ProcessPoolExecutor, as_completed  # multiprocessing: only with work for it

        chunks = _chunks(sizes, jobs)
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=_start_run, initargs=(context,)) as pool:
            running = {pool.submit(_audit_chunk, [work[i] for i in chunk]): chunk for chunk in chunks}
            for future in as_completed(running):
                collect(running.pop(future), future.result())
    else:
        thresholds = gc.get_threshold()
        _start_run(context)
        try:
            collect(range(len(work)), map(_audit_target, work))
        finally:
            gc.set_threshold(*thresholds)  # the rest of this process keeps its own
    pages = [done[t] for t in targets]
    if cache is not None:
        cache.put_many(fresh, fresh_stamps)  # before the link stage, which empties each page's requests
    if deadline is not None:  # the link checks get what is left of the run's budget
        from auditor.linkcheck import LinkSettings

        left = max(0.0, deadline - time.monotonic())
        links = replace(links or LinkSettings(), run_budget=min((links or LinkSettings()).run_budget, left))
    skipped = run_deferred(pages, rules, offline=offline, links=links, use_cache=use_cache, progress=progress,
                           cache=cache)
    if cache is not None:
        cache.close()
    _RUN.clear()  # the run's context (rules, cache) is not kept past it
    progress.finish()
    return AuditResult(version=__version__, as_of=as_of.isoformat(), pages=pages,
                       rules={type(r).id: type(r) for r in rules}, skipped_checks=skipped)


# Fields of a packed link row (PageResult.links): most rows are judged without making a Link.
_URL, _FRAGMENT, _LOCAL, _WANTS = (Link._fields.index(name) for name in ("url", "fragment", "local", "wants"))


def run_deferred(pages: list[PageResult], rules: list[Rule], offline: bool = False,
                 links=None, use_cache: bool = True, progress: Progress | None = None,
                 cache: ResultCache | None = None) -> int:
    """Check every unique link target once, then let each rule judge its requests.

    With a result cache, what the rules made of a page's links is kept with a signature of
    its targets' state (each outcome, the anchors of each audited target page, the working
    folder that messages name files from): a later run whose signature is the same takes the
    page's link findings from there, without unpacking its links.

    Returns the number of checks skipped (network checks with --offline, root-relative
    links in local files with no site root configured)."""
    if not any(p.packed_requests for p in pages):
        return 0
    from auditor.linkcheck import LinkChecker, fragment_missing, fragment_names  # httpx and pypdf only when needed

    anchors = {p.link_base: p.anchors for p in pages if p.link_base and p.anchors is not None}
    checker = LinkChecker(links, offline=offline, use_cache=use_cache)
    # One target per (url, local), with the most any page needs read.
    targets = merged_targets([t for page in pages for t in page.link_targets])
    if progress is not None and progress.enabled and not offline:
        # The total counts unique targets; cached and local ones finish without a tick.
        progress.stage("links", len(targets))
        checker.on_checked = progress.advance
    outcomes = checker.check_requests(targets, audited=anchors)
    del targets
    by_id = {r.id: r for r in rules}
    deferred = [r for r in rules if isinstance(r, DeferredRule)]

    def silent(outcome) -> frozenset[str]:
        """The rules that can report nothing on this outcome (most links are fine)."""
        return frozenset(r.id for r in deferred if not r.may_report(outcome))

    # Per target, once: its outcome, the rules silent on it, the anchors its fragments need.
    judged_targets = {key: (outcome, silent(outcome), fragment_names(key[0], outcome, anchors))
                      for key, outcome in outcomes.items()}
    state = _TargetState(judged_targets)
    keyed = [p.cache_key for p in pages if p.cache_key and p.packed_requests] if cache is not None else []
    stored = cache.get_judged(keyed) if keyed else {}
    to_store: list[tuple[str, str, bytes]] = []
    for page in pages:
        if not page.packed_requests:
            continue
        signature = state.signature(page) if cache is not None and page.cache_key else None
        kept = stored.get(page.cache_key) if signature is not None else None
        if kept is not None and kept[0] == signature:
            made = findings_from_rows(pickle.loads(kept[1]))
            if made:
                page.findings = sorted(page.findings + made, key=Finding.sort_key)
            page.packed_requests, page.link_targets = b"", ()
            continue
        made: list[Finding] = []
        crashed: set[str] = set()
        wanted: dict[int, frozenset[str]] = {}  # a page's links share their few `wants` tuples
        for row in page.links():
            target = judged_targets.get((row[_URL], row[_LOCAL]))
            if target is None:
                continue
            judged, quiet, names = target
            fragment = row[_FRAGMENT]
            if fragment and names is not None and fragment_missing(fragment, names):
                judged = replace(judged, missing_fragment=True)
                quiet = silent(judged)
            wants = row[_WANTS]
            ids = wanted.get(id(wants))
            if ids is None:
                ids = wanted[id(wants)] = frozenset(rule_id for rule_id, _, _ in wants)
            if ids <= quiet:
                continue
            link = Link._make(row)
            for rule_id, needs, context in wants:
                rule = by_id.get(rule_id)
                if rule is None or rule_id in quiet or rule_id in crashed:
                    continue
                try:
                    made.extend(rule.evaluate(LinkRequest(rule_id, link, needs, context), judged))
                except Exception as exc:  # as in the walk: a rule's bug is a tool error, not a crash
                    crashed.add(rule_id)
                    page.tool_errors.append(ToolError(rule_id, _describe_crash(exc)))
        page.packed_requests, page.link_targets = b"", ()
        if made:
            made = _fingerprinted(made, page.page)
            page.findings = sorted(page.findings + made, key=Finding.sort_key)
        if signature is not None and not crashed:
            # Only what this stage adds (a stage that crashed is not kept): the page's own
            # findings are in its cached result.
            to_store.append((page.cache_key, signature, pickle.dumps(finding_rows(made), pickle.HIGHEST_PROTOCOL)))
    if cache is not None:
        cache.put_judged(to_store)
    return checker.stats.skipped


_KEY = operator.itemgetter(slice(0, 2))  # a LinkTarget's (url, local), as its key property gives it


class _TargetState:
    """A signature of what the link stage's result for a page depends on besides the page:
    the outcome of each of its targets and, for a target that is an audited page, its
    anchors (a #fragment's fate), with the working folder (messages show local files
    relative to it). The page's own links are in its cache key already."""

    def __init__(self, judged_targets: dict):
        self.judged = judged_targets  # key -> (outcome, rules silent on it, anchors or None)
        self.known: dict[tuple[str, bool], str] = {}
        self.anchor_digests: dict[int, str] = {}
        self.folder = os.getcwd()

    def of_target(self, key: tuple[str, bool]) -> str:
        found = self.known.get(key)
        if found is None:
            judged = self.judged.get(key)
            if judged is None:
                found = "unchecked"
            else:
                outcome, _, names = judged
                data = outcome.to_dict()
                data.pop("elapsed", None)  # how long it took is not what it found
                found = repr(sorted(data.items())) + "|" + (self._anchors(names) if names is not None else "-")
                found = hashlib.sha256(found.encode("utf-8", "surrogatepass")).hexdigest()
            self.known[key] = found
        return found

    def _anchors(self, names: frozenset) -> str:
        digest = self.anchor_digests.get(id(names))
        if digest is None:
            joined = "\x1f".join(sorted(names)).encode("utf-8", "surrogatepass")
            digest = self.anchor_digests[id(names)] = hashlib.sha256(joined).hexdigest()
        return digest

    def signature(self, page: PageResult) -> str:
        # The page's targets, in their order, are fixed by its cache key: their states suffice.
        known, of_target = self.known, self.of_target
        states = "".join([known.get(key) or of_target(key) for key in map(_KEY, page.link_targets)])
        return hashlib.sha256(f"{self.folder}\x1e{states}".encode("utf-8", "surrogatepass")).hexdigest()


def fails(result: AuditResult, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    worst = result.worst()
    return worst is not None and worst >= Severity.parse(fail_on)
