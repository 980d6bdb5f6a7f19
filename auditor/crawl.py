"""Whole-site crawling: from start URLs (or local start pages), breadth-first over same-site
links, within limits, honouring robots.txt; or from a sitemap.

The crawl reads no page itself. Each page is fetched once by the load stage
(auditor.loading) and goes, batch by batch as the crawl finds them, through the page stage
(decoded, parsed and checked once: the `audit` callback the engine gives); the crawl goes on
from the links that stage resolved in its walk (`CheckedPage.hrefs`,
auditor.deferred.followed_hrefs: the link checks' resolution and their one list of ignored
URL schemes).

What is a page: a start page or a sitemap's page, read or not (else a page error); a page
reached by a link, when it could be read and is HTML. A link that fails is link-broken's to
report, and a PDF or an image is the link checks' business (PDF links are not even fetched).
`X/` and `X/index.html` answered with the same bytes are one page, named as it was found
first; so are two URLs that end, after redirects, at one address with the same bytes.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urldefrag, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from auditor.deferred import local_path
from auditor.limits import Limits
from auditor.loading import LoadError, Loaded, client, fetch, load_or_error
from auditor.pagestage import CheckedPage
from auditor.politeness import HostPoliteness
from auditor.targets import HTML_SUFFIXES, Target

HTML_TYPES = ("text/html", "application/xhtml+xml")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# The page stage over one batch of fetched pages, their results in the same order.
AuditBatch = Callable[[list[tuple[Target, Loaded | str]]], list[CheckedPage]]


@dataclass(frozen=True)
class CrawlSettings:
    max_pages: int = 1000
    max_depth: int = 10
    include: tuple[str, ...] = ()  # regular expressions on the URL; when set, a page must match one
    exclude: tuple[str, ...] = ()
    per_host: int = 4  # requests at once to one host
    delay: float = 0.0  # seconds between two requests to one host
    robots: bool = True


@dataclass(frozen=True)
class Crawl:
    """What to crawl: start URLs, local start pages and sitemaps, within `settings`."""

    urls: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    settings: CrawlSettings = CrawlSettings()
    limits: Limits = Limits()


@dataclass
class CrawlResult:
    pages: list[tuple[Target, CheckedPage]] = field(default_factory=list)
    skipped_by_robots: list[str] = field(default_factory=list)
    unvisited: int = 0  # same-site links found but not followed: --max-pages stopped the crawl


def crawl(plan: Crawl, audit: AuditBatch) -> CrawlResult:
    """The web pages first, then the local ones; raises LoadError for a sitemap that cannot be read."""
    result = CrawlResult()
    if plan.urls or plan.sitemaps:
        with _Web(plan.settings, plan.limits) as web:
            starts = [urldefrag(url)[0] for url in [*plan.urls, *web.sitemap_pages(plan.sitemaps)]]
            web.sites = {_site(url) for url in starts}  # the start pages and the sitemaps' pages make the site
            _breadth_first(starts, plan.settings, audit, web, result)
    if plan.files:
        _breadth_first(list(plan.files), plan.settings, audit, _Files(plan.files, plan.limits), result)
    return result


class _Filter:
    def __init__(self, settings: CrawlSettings):
        self.include = [re.compile(p) for p in settings.include]
        self.exclude = [re.compile(p) for p in settings.exclude]

    def wanted(self, url: str) -> bool:
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)


def _breadth_first(starts: list[str], settings: CrawlSettings, audit: AuditBatch, site, result: CrawlResult) -> None:
    """Level by level, each level in sorted order; within a level, in batches as large as
    the pages left under --max-pages (a link that turns out not to be a page does not count)."""
    wanted = _Filter(settings)
    seen: set[str] = set()
    level = []
    for start in starts:
        if site.key(start) not in seen:
            seen.add(site.key(start))
            level.append(start)
    depth = 0
    while level:
        next_level: list[str] = []
        done = 0  # of this level
        while done < len(level) and len(result.pages) < settings.max_pages:
            batch = []
            while done < len(level) and len(result.pages) + len(batch) < settings.max_pages:
                url = level[done]
                done += 1
                if not wanted.wanted(url):
                    continue
                if not site.allowed(url):
                    result.skipped_by_robots.append(url)
                    continue
                batch.append(url)
            found = [(target, loaded) for url, loaded in zip(batch, site.load(batch))
                     if (target := site.page(url, loaded, depth)) is not None]
            for (target, _), page in zip(found, audit(found) if found else ()):
                result.pages.append((target, page))
                if depth < settings.max_depth:
                    for url in site.follow(target, page):
                        key = site.key(url)
                        if key not in seen:
                            seen.add(key)
                            next_level.append(url)
        if len(result.pages) >= settings.max_pages:
            result.unvisited += sum(1 for url in [*level[done:], *next_level] if wanted.wanted(url))
            return
        level = sorted(next_level)
        depth += 1


def _site(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


def _is_html(loaded: Loaded) -> bool:
    kind = (loaded.headers.get("content-type") or "text/html").split(";")[0].strip().lower()
    return kind in HTML_TYPES


def _without_index(url: str) -> str:
    return url[: -len("index.html")] if url.endswith("/index.html") else url


class _Web:
    """A crawl over HTTP(S): one client and one event loop for the whole crawl."""

    def __init__(self, settings: CrawlSettings, limits: Limits):
        self.settings = settings
        self.limits = limits
        self.hosts = HostPoliteness(settings.per_host, settings.delay)
        self.sites: set[tuple[str, str]] = set()
        self.robots: dict[str, RobotFileParser] = {}
        self.bodies: dict[str, bytes] = {}  # address without index.html -> digest of the page audited there

    def __enter__(self):
        self.runner = asyncio.Runner()
        self.session = self.runner.run(self._open())
        return self

    async def _open(self) -> httpx.AsyncClient:
        return client(self.limits)

    def __exit__(self, *exc) -> None:
        try:
            self.runner.run(self.session.aclose())
        finally:
            self.runner.close()

    def sitemap_pages(self, sitemaps: Iterable[str]) -> list[str]:
        """The pages of these sitemaps (and of the sitemaps their indexes name)."""
        pages: list[str] = []
        seen: set[str] = set()
        queue = list(sitemaps)
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            loaded = self.load([url])[0]
            if isinstance(loaded, str):
                raise LoadError(f"sitemap {url}: {loaded.removeprefix('cannot read: ')}")
            found, children = parse_sitemap(loaded.data)
            queue += children
            pages += found
        return pages

    @staticmethod
    def key(url: str) -> str:
        return url

    def allowed(self, url: str) -> bool:
        if not self.settings.robots:
            return True
        scheme, host = _site(url)
        origin = f"{scheme}://{host}"
        if origin not in self.robots:
            self.robots[origin] = self.runner.run(self._robots(origin))
        return self.robots[origin].can_fetch("auditor", url)

    async def _robots(self, origin: str) -> RobotFileParser:
        parser = RobotFileParser()
        try:
            response = await self.session.get(origin + "/robots.txt")
            lines = response.text.splitlines() if response.status_code < 400 else []
        except httpx.HTTPError:
            lines = []
        parser.parse(lines)  # no robots.txt: everything is allowed
        return parser

    def load(self, urls: list[str]) -> list[Loaded | str]:
        async def all_of():
            return await asyncio.gather(*(self._get(url) for url in urls))

        return self.runner.run(all_of()) if urls else []

    async def _get(self, url: str) -> Loaded | str:
        host = _site(url)[1]
        await self.hosts.wait_turn(host)
        async with self.hosts.gate(host):
            try:
                return await fetch(self.session, url, self.limits)
            except LoadError as exc:
                return f"cannot read: {exc}"

    def page(self, url: str, loaded: Loaded | str, depth: int) -> Target | None:
        if isinstance(loaded, str):
            # A start page that cannot be read is a page error; a link that fails is link-broken's.
            return Target("url", url) if depth == 0 else None
        if not _is_html(loaded):
            return None
        address, digest = _without_index(loaded.url or url), hashlib.sha256(loaded.data).digest()
        if self.bodies.get(address) == digest:
            return None  # X/ and X/index.html, or a second way to one page: audited once
        self.bodies.setdefault(address, digest)
        return Target("url", url)

    def follow(self, target: Target, page: CheckedPage) -> list[str]:
        return [url for url in page.hrefs if _site(url) in self.sites]


class _Files:
    """A crawl of a local static site: links to .html/.htm files below a start page's folder;
    a root-relative link ("/x.html") is resolved against that folder."""

    def __init__(self, starts: Iterable[str], limits: Limits):
        self.limits = limits
        # (folder as given, real folder) of each start page: links are followed below it.
        self.roots = [(os.path.dirname(s), os.path.realpath(os.path.dirname(os.path.abspath(s)))) for s in starts]

    key = staticmethod(os.path.realpath)

    def allowed(self, path: str) -> bool:
        return True  # local files have no robots.txt

    def load(self, paths: list[str]) -> list[Loaded | str]:
        return [load_or_error(Target("file", path), True, self.limits) for path in paths]

    def page(self, path: str, loaded: Loaded | str, depth: int) -> Target:
        return Target("file", path)

    def _root_of(self, real: str) -> tuple[str, str] | None:
        return next((r for r in self.roots if real.startswith(r[1] + os.sep)), None)

    def follow(self, target: Target, page: CheckedPage) -> list[str]:
        found = []
        for href in page.hrefs:
            if href.startswith("/"):  # root-relative: below the folder of this page's start
                own = self._root_of(os.path.realpath(target.name))
                path = own[1] + local_path(href) if own else None
            else:
                path = local_path(href) if href.startswith("file:") else None
            if path is None:
                continue
            if path.endswith("/"):
                path += "index.html"
            real = os.path.realpath(path)
            root = self._root_of(real)
            if root and real.lower().endswith(HTML_SUFFIXES) and os.path.isfile(real):
                # Named like folder targets: the start's folder as given, then the path below it.
                named = os.path.join(root[0], os.path.relpath(os.path.abspath(path), root[1]))
                found.append(named.replace(os.sep, "/"))
        return found


def parse_sitemap(data: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) from a sitemap or a sitemap index."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise LoadError(f"sitemap is not valid XML: {exc}") from None
    pages = [e.text.strip() for e in root.iter(f"{SITEMAP_NS}loc") if e.text] if root.tag == f"{SITEMAP_NS}urlset" else []
    children = [e.text.strip() for e in root.iter(f"{SITEMAP_NS}loc") if e.text] if root.tag == f"{SITEMAP_NS}sitemapindex" else []
    if root.tag not in (f"{SITEMAP_NS}urlset", f"{SITEMAP_NS}sitemapindex"):
        raise LoadError(f"not a sitemap: root element is {root.tag!r}")
    return pages, children
