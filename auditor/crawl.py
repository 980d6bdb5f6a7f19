"""Whole-site crawling: from a start URL (or a local start page), breadth-first over
same-site links, within limits, honouring robots.txt; or from a sitemap.

Each page is fetched once by the audit's load stage (auditor.loading), and its bytes go to
the audit as they are (parsed once there); the crawler reads their text through the same
decoding (auditor.decoding.decode_page), skips the same URL schemes as the link checks
(auditor.deferred.IGNORED_SCHEMES), and finds the links to follow with the standard
library's tokenizer, not a second tree.
"""

from __future__ import annotations

import asyncio
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from auditor.decoding import NotHTMLError, decode_page
from auditor.deferred import IGNORED_SCHEMES, href_scheme
from auditor.limits import Limits
from auditor.loading import LoadError, Loaded, client, fetch, read_file
from auditor.politeness import HostPoliteness
from auditor.targets import HTML_SUFFIXES, Target

HTML_TYPES = ("text/html", "application/xhtml+xml")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class CrawlSettings:
    max_pages: int = 1000
    max_depth: int = 10
    include: tuple[str, ...] = ()  # regular expressions on the URL; when set, a page must match one
    exclude: tuple[str, ...] = ()
    per_host: int = 4  # requests at once to one host
    delay: float = 0.0  # seconds between two requests to one host
    robots: bool = True


@dataclass
class CrawlResult:
    pages: list[tuple[Target, Loaded | str]] = field(default_factory=list)
    skipped_by_robots: list[str] = field(default_factory=list)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        elif tag in ("a", "area") and values.get("href"):
            self.hrefs.append(values["href"])
        elif tag in ("frame", "iframe") and values.get("src"):
            self.hrefs.append(values["src"])


def extract_links(text: str, base: str) -> list[str]:
    parser = _Links()
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # a tokenizer hiccup loses this page's links, never the crawl
        pass
    base = urljoin(base, parser.base) if parser.base else base
    found = []
    for href in parser.hrefs:
        href = href.strip()
        if href_scheme(href) in IGNORED_SCHEMES:
            continue
        found.append(urldefrag(urljoin(base, href))[0])
    return found


def _site(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


class _Filter:
    def __init__(self, settings: CrawlSettings):
        self.include = [re.compile(p) for p in settings.include]
        self.exclude = [re.compile(p) for p in settings.exclude]

    def wanted(self, url: str) -> bool:
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)


def _text(loaded: Loaded) -> str:
    try:
        return decode_page(loaded.data, loaded.http_charset).text
    except NotHTMLError:
        return ""  # the audit reports it as a page error; it has no links to follow


def _is_html(loaded: Loaded) -> bool:
    kind = (loaded.headers.get("content-type") or "text/html").split(";")[0].strip().lower()
    return kind in HTML_TYPES


async def _robots(session: httpx.AsyncClient, origin: str) -> RobotFileParser:
    parser = RobotFileParser()
    try:
        response = await session.get(origin + "/robots.txt")
        lines = response.text.splitlines() if response.status_code < 400 else []
    except httpx.HTTPError:
        lines = []
    parser.parse(lines)  # no robots.txt: everything is allowed
    return parser


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


async def _crawl_web(starts: list[str], sitemaps: list[str], settings: CrawlSettings, limits: Limits) -> CrawlResult:
    result = CrawlResult()
    wanted = _Filter(settings)
    hosts = HostPoliteness(settings.per_host, settings.delay)
    sites = {_site(u) for u in starts}
    robots: dict[str, RobotFileParser] = {}
    async with client(limits) as session:

        async def allowed(url: str) -> bool:
            if not settings.robots:
                return True
            scheme, host = _site(url)
            origin = f"{scheme}://{host}"
            if origin not in robots:
                robots[origin] = await _robots(session, origin)
            return robots[origin].can_fetch("auditor", url)

        async def get(url: str) -> Loaded | str:
            host = _site(url)[1]
            await hosts.wait_turn(host)
            async with hosts.gate(host):
                try:
                    return await fetch(session, url, limits)
                except LoadError as exc:
                    return f"cannot read: {exc}"

        # Sitemaps (and sitemap indexes) give pages at depth 0 and widen the site to their hosts.
        seen_maps: set[str] = set()
        queue_maps = list(sitemaps)
        while queue_maps:
            url = queue_maps.pop(0)
            if url in seen_maps:
                continue
            seen_maps.add(url)
            loaded = await get(url)
            if isinstance(loaded, str):
                raise LoadError(f"sitemap {url}: {loaded.removeprefix('cannot read: ')}")
            pages, children = parse_sitemap(loaded.data)
            queue_maps += children
            starts += pages
            sites |= {_site(u) for u in pages}

        level, seen = _first_level([urldefrag(url)[0] for url in starts], key=lambda url: url)
        depth = 0
        while level and len(result.pages) < settings.max_pages:
            fetched = []
            for url in level:
                if len(result.pages) + len(fetched) >= settings.max_pages:
                    break
                if not wanted.wanted(url):
                    continue
                if not await allowed(url):
                    result.skipped_by_robots.append(url)
                    continue
                fetched.append(url)
            loads = await asyncio.gather(*(get(u) for u in fetched))
            next_level = []
            for url, loaded in zip(fetched, loads):
                if isinstance(loaded, Loaded) and not _is_html(loaded):
                    continue  # a PDF or an image reached by a link is the link checker's business
                result.pages.append((Target("url", url), loaded))
                if isinstance(loaded, str) or depth >= settings.max_depth:
                    continue
                for link in extract_links(_text(loaded), loaded.url or url):
                    if _site(link) in sites and link not in seen:
                        seen.add(link)
                        next_level.append(link)
            level = sorted(next_level)
            depth += 1
    return result


def _first_level(starts: list[str], key) -> tuple[list[str], set[str]]:
    """The start pages, each once (by `key`: the URL without fragment, a file's real path),
    and the set of keys seen, which the crawl goes on filling."""
    seen: set[str] = set()
    level = []
    for start in starts:
        if key(start) not in seen:
            seen.add(key(start))
            level.append(start)
    return level, seen


def crawl_urls(starts: list[str], sitemaps: list[str], settings: CrawlSettings, limits: Limits) -> CrawlResult:
    return asyncio.run(_crawl_web(list(starts), list(sitemaps), settings, limits))


def crawl_files(starts: list[str], settings: CrawlSettings, limits: Limits) -> CrawlResult:
    """The same for a local static site: follow relative links to .html/.htm files below the
    start page's folder."""
    result = CrawlResult()
    wanted = _Filter(settings)
    # (folder as given, real folder) of each start page: links are followed below it.
    roots = [(os.path.dirname(s), os.path.realpath(os.path.dirname(os.path.abspath(s)))) for s in starts]
    level, seen = _first_level(starts, key=os.path.realpath)
    depth = 0
    while level and len(result.pages) < settings.max_pages:
        next_level = []
        for path in level:
            if len(result.pages) >= settings.max_pages:
                break
            if not wanted.wanted(path):
                continue
            try:
                loaded: Loaded | str = read_file(path, limits.max_page_bytes)
            except LoadError as exc:
                loaded = f"cannot read: {exc}"
            result.pages.append((Target("file", path), loaded))
            if isinstance(loaded, str) or depth >= settings.max_depth:
                continue
            base = "file://" + os.path.abspath(path)
            for link in extract_links(_text(loaded), base):
                if not link.startswith("file://"):
                    continue
                target = urlsplit(link).path
                if target.endswith("/"):
                    target += "index.html"
                real = os.path.realpath(target)
                root = next((r for r in roots if real.startswith(r[1] + os.sep)), None)
                if root and real.lower().endswith(HTML_SUFFIXES) and os.path.isfile(real) and real not in seen:
                    seen.add(real)
                    # Named like folder targets: the start's folder as given, then the path below it.
                    named = os.path.join(root[0], os.path.relpath(os.path.abspath(target), root[1]))
                    next_level.append(named.replace(os.sep, "/"))
        level = sorted(next_level)
        depth += 1
    return result
