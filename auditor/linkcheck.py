"""The link checker: every unique target checked once per run, politely, in the main process.

HEAD first; a streamed GET (with `Range: bytes=0-1023`) when HEAD is refused or when the
first bytes are needed (the PDF magic, the size); a full GET, up to a byte limit, only when
a rule reads the document (pdf-inaccessible). Retries with exponential backoff and jitter
for connection errors, 429 and 5xx, honouring Retry-After up to a cap. Per-host concurrency
and an optional per-host interval. Results are cached between runs (auditor.linkcache).
Outcomes caused by the tool's own limits are "unverified", never "broken".
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import socket
import ssl
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, AsyncIterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from auditor.addresses import is_private_host, system_resolver
from auditor.deferred import NEEDS, Outcome, local_path
from auditor.loading import USER_AGENT
from auditor.politeness import HostPoliteness
from auditor.store import CACHE_DIR

if TYPE_CHECKING:
    import httpx

# asyncio and httpx are imported by the methods that go on the network: an offline audit
# checks local files only, and their import is a good part of a short run's start-up.

HEAD_REFUSED = (400, 403, 405, 501)
RETRY_STATUS = (429, 500, 502, 503, 504)
MAGIC_BYTES = 1024


@dataclass(frozen=True)
class LinkSettings:
    """`[tool.auditor.links]`: every knob of the checker (seconds, counts, bytes)."""

    timeout: float = 10.0  # one request: connect, read, write, pool
    url_budget: float = 30.0  # every attempt of one URL, backoff included
    run_budget: float = 900.0  # every link check of the run
    concurrency: int = 64
    per_host: int = 8
    host_interval: float = 0.0  # seconds between the starts of two requests to one host
    retries: int = 3
    backoff: float = 0.5
    retry_after_cap: float = 30.0
    max_redirects: int = 10
    allow_private: bool = False  # follow redirects from public hosts to private addresses (--allow-private)
    max_pdf_bytes: int = 20 * 1024 * 1024
    include: tuple[str, ...] = ()  # regular expressions; when set, only matching URLs are checked
    exclude: tuple[str, ...] = ()
    accept: dict[str, tuple[int, ...]] = field(default_factory=dict)  # regex -> accepted statuses
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # host -> header -> value
    head_hostile: tuple[str, ...] = ("www.linkedin.com", "linkedin.com", "twitter.com", "x.com")
    user_agent: str = USER_AGENT
    cache: bool = True
    cache_path: str = os.path.join(CACHE_DIR, "links.sqlite")
    cache_ttl: float = 24 * 3600.0  # good results
    cache_ttl_broken: float = 3600.0  # broken results are rechecked sooner
    root: str = ""  # local folder that "/" means for root-relative links in local files
    base_url: str = ""  # or the site's URL, to check root-relative links over the network


_TYPES = {"float": (int, float), "int": (int,), "str": (str,), "bool": (bool,)}


def parse_settings(table: Any, where: str = "config", environ: dict | None = None) -> LinkSettings:
    """Validate a `[links]` table strictly; raises ValueError with a one-line message."""
    if not isinstance(table, dict):
        raise ValueError(f"{where}: links must be a table")
    environ = os.environ if environ is None else environ
    defaults = LinkSettings()
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in LinkSettings.__dataclass_fields__:
            known = ", ".join(sorted(k.replace("_", "-") for k in LinkSettings.__dataclass_fields__))
            raise ValueError(f"{where}: links has no key {key!r} (keys: {known})")
        default = getattr(defaults, name)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{where}: links.{key} must be a list of strings")
            value = tuple(value)
            if name in ("include", "exclude"):
                for pattern in value:
                    _compile(pattern, f"{where}: links.{key}")
        elif isinstance(default, dict):
            value = _table(name, key, value, where, environ)
        else:
            kind = type(default).__name__
            if not isinstance(value, _TYPES[kind]) or (kind != "bool" and isinstance(value, bool)):
                raise ValueError(f"{where}: links.{key} must be {'a number' if kind in ('int', 'float') else 'a ' + kind}, not {value!r}")
            if kind in ("int", "float") and value < 0:
                raise ValueError(f"{where}: links.{key} must not be negative")
            value = type(default)(value)
        values[name] = value
    settings = LinkSettings(**values)
    if settings.concurrency < 1 or settings.per_host < 1:
        raise ValueError(f"{where}: links.concurrency and links.per-host must be at least 1")
    return settings


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _table(name: str, key: str, value: Any, where: str, environ) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: links.{key} must be a table")
    out = {}
    for k, v in value.items():
        if name == "accept":
            _compile(k, f"{where}: links.accept")
            if not isinstance(v, list) or not all(isinstance(c, int) and 100 <= c <= 999 for c in v):
                raise ValueError(f"{where}: links.accept.{k!r} must be a list of HTTP status codes")
            out[k] = tuple(v)
        else:  # headers: host -> {header: value}; "$NAME" reads environment variable NAME
            if not isinstance(v, dict) or not all(isinstance(h, str) and isinstance(x, str) for h, x in v.items()):
                raise ValueError(f"{where}: links.headers.{k!r} must be a table of header = value")
            headers = {}
            for header, text in v.items():
                if text.startswith("$"):
                    if text[1:] not in environ:
                        raise ValueError(f"{where}: links.headers.{k!r}.{header} names environment variable {text[1:]}, which is not set")
                    text = environ[text[1:]]
                headers[header] = text
            out[k.lower()] = headers
    return out


# --- approving a URL: the one place every request passes before it is made -------------

class Policy:
    def __init__(self, settings: LinkSettings, resolve=system_resolver):
        self.allow_private = settings.allow_private
        self.resolve = resolve
        self.include = [_compile(p, "links.include") for p in settings.include]
        self.exclude = [_compile(p, "links.exclude") for p in settings.exclude]
        self.accept = [(_compile(p, "links.accept"), codes) for p, codes in settings.accept.items()]
        self._private_hosts: dict[str, bool] = {}

    def refuse(self, url: str) -> str | None:
        """Why this URL must not be requested, or None. Redirect targets pass here too."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"cannot check {parts.scheme or 'scheme-less'} links"
        if not parts.hostname:
            return "the URL has no host"
        if self.include and not any(p.search(url) for p in self.include):
            return "not included by links.include"
        if any(p.search(url) for p in self.exclude):
            return "excluded by links.exclude"
        return None

    async def refuse_redirect(self, source: str, target: str) -> str | None:
        """A public host must not send the checker into a private network (SSRF)."""
        if self.allow_private:
            return None
        target_host, source_host = urlsplit(target).hostname or "", urlsplit(source).hostname or ""
        if await self._private(target_host) and not await self._private(source_host):
            return "a redirect from a public host to a private address (use --allow-private for intranet audits)"
        return None

    async def _private(self, host: str) -> bool:
        """is_private_host once per host and run: a site's redirects ask about the same few
        hosts again and again, and each answer is a DNS lookup."""
        known = self._private_hosts.get(host)
        if known is None:
            known = self._private_hosts[host] = await is_private_host(host, self.resolve)
        return known

    def accepted(self, url: str, status: int) -> bool:
        return any(status in codes for pattern, codes in self.accept if pattern.search(url))


# --- PDF documents --------------------------------------------------------------------

def analyse_pdf(data: bytes, max_text_pages: int = 3) -> dict[str, Any]:
    """Accessibility facts about a PDF: tagged, structure tree, language, title, text layer."""
    from pypdf import PdfReader
    from pypdf.generic import NameObject

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                return {"error": "encrypted"}
        root = reader.trailer["/Root"].get_object()
        mark = root.get(NameObject("/MarkInfo"))
        mark = mark.get_object() if mark is not None else None
        marked = bool(mark is not None and mark.get("/Marked") in (True, "true"))
        struct = root.get(NameObject("/StructTreeRoot")) is not None
        lang = root.get(NameObject("/Lang"))
        lang = str(lang).strip() if lang is not None else ""
        title = ""
        try:
            title = (reader.metadata.title or "").strip() if reader.metadata else ""
        except Exception:
            title = ""
        pages = len(reader.pages)
        text = False
        for page in list(reader.pages)[:max_text_pages]:
            try:
                if (page.extract_text() or "").strip():
                    text = True
                    break
            except Exception:
                continue
        return {"tagged": marked and struct, "marked": marked, "struct_tree": struct, "lang": lang,
                "title": title, "text": text, "pages": pages, "error": None}
    except Exception as exc:  # a damaged PDF is a finding about the PDF, not a crash
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}


# --- checking --------------------------------------------------------------------------

class _RedirectLoop(Exception):
    pass


class _Refused(Exception):
    pass


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # an HTTP date: rare, and email is slow to import

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _content_range_total(value: str | None) -> int | None:
    match = re.match(r"\s*bytes\s+[\d*\-]+/(\d+)", value or "")
    return int(match.group(1)) if match else None


@dataclass
class CheckStats:
    checked: int = 0
    cached: int = 0
    skipped: set[str] = field(default_factory=set)  # the targets not checked


# A body this short is read to its end before its response is closed, so that the connection
# serves another request: HTTP/1.1 reuses a connection only after its response was read
# through (a HEAD answer's empty body too), and HTTP/2 gives back the flow-control window of
# what was read (see Clients).
DRAIN_BYTES = 64 * 1024
DRAIN_SECONDS = 1.0
# httpcore's HTTP/2 connection grants the server a receive window of this size (plus HTTP/2's
# initial 64 KB), on the connection as on each stream.
H2_WINDOW = 16 * 1024 * 1024


class Clients:
    """The run's httpx client, and a new one when an HTTP/2 connection may run out of window.

    httpcore's HTTP/2 connection drops the unread rest of a response closed before its end
    without giving its bytes back to the connection's receive window (encode/httpcore#943,
    closed upstream without a fix). The checker reads a kilobyte of documents whose server
    ignores Range: once their unread bytes fill the window, every later response on that
    connection stalls. So the bytes left unread are counted per origin, and past half the
    window later requests go through a new client, on new connections; the retired clients
    are closed at the end of the run."""

    def __init__(self, settings: LinkSettings, http2: bool):
        import httpx

        self._options = dict(http2=http2, timeout=httpx.Timeout(settings.timeout), follow_redirects=False,
                             limits=httpx.Limits(max_connections=settings.concurrency,
                                                 max_keepalive_connections=settings.concurrency),
                             headers={"User-Agent": settings.user_agent})
        self.current = httpx.AsyncClient(**self._options)
        self._clients = [self.current]
        self._unread: dict[tuple, int] = {}  # origin -> bytes left unread on the current client's connection

    async def __aenter__(self) -> Clients:
        return self

    async def __aexit__(self, *exc) -> None:
        for client in self._clients:
            await client.aclose()

    @asynccontextmanager
    async def response(self, method: str, url: str, headers: dict[str, str]):
        """(response, its body's chunks not yet read); on leaving, the rest of a short body is
        read, and the response closed."""
        import httpx

        client = self.current
        request = client.build_request(method, url, headers=headers)
        try:
            response = await client.send(request, stream=True)
        except (httpx.RemoteProtocolError, httpx.ReadError):
            # Closed before any answer: what a server does when its keep-alive timer fires as the
            # request arrives on a kept connection. Nothing was judged; sent once more at once,
            # on another connection (HEAD and GET are safe to repeat).
            response = await client.send(request, stream=True)
        body = response.aiter_bytes()
        try:
            yield response, body
            await _drain(response, body)
        finally:
            if not response.is_closed and response.http_version == "HTTP/2" and client is self.current:
                self._count_unread(response)
            await response.aclose()

    def _count_unread(self, response: httpx.Response) -> None:
        import httpx

        left = _body_left(response)
        url = response.url
        origin = (url.scheme, url.host, url.port)
        unread = self._unread[origin] = self._unread.get(origin, 0) + (H2_WINDOW if left is None else left)
        if unread > H2_WINDOW // 2:
            self.current = httpx.AsyncClient(cookies=self.current.cookies, **self._options)
            self._clients.append(self.current)
            self._unread.clear()


def _body_left(response: httpx.Response) -> int | None:
    """How much of a response's body is still to come, when it can be told."""
    if response.request.method == "HEAD" or response.status_code in (204, 304):
        return 0
    length = response.headers.get("content-length", "")
    return int(length) - response.num_bytes_downloaded if length.isdigit() else None


async def _drain(response: httpx.Response, body: AsyncIterator[bytes]) -> None:
    """Read the rest of a body (`body`: its chunks) when it is short, within DRAIN_SECONDS: a
    slow body must not turn a link already judged into a timeout."""
    import asyncio

    import httpx

    left = _body_left(response)
    if response.is_closed or (left is not None and left > DRAIN_BYTES):
        return
    start = response.num_bytes_downloaded
    try:
        async with asyncio.timeout(DRAIN_SECONDS):
            async for _ in body:
                if response.num_bytes_downloaded - start > DRAIN_BYTES:
                    return
    except (TimeoutError, httpx.HTTPError, httpx.StreamError):
        pass


class LinkChecker:
    def __init__(self, settings: LinkSettings | None = None, offline: bool = False, use_cache: bool = True):
        self.settings = settings or LinkSettings()
        self.offline = offline
        self.use_cache = use_cache and self.settings.cache and not offline
        self.policy = Policy(self.settings)
        self.stats = CheckStats()
        self._hosts = HostPoliteness(self.settings.per_host, self.settings.host_interval)
        self.on_checked = None  # called once per URL checked over the network (progress)
        self._reading: set[int] = set()  # outcomes whose response has begun and whose body is being read
        self._pdfs: dict[bytes, dict] = {}  # digest of a PDF -> analyse_pdf's facts

    def check_requests(self, requests, audited: dict[str, frozenset] | None = None) -> dict[tuple[str, bool], Outcome]:
        """Outcomes for every request's target; an audited page needs no request (it was read)."""
        audited = audited or {}
        targets: dict[tuple[str, bool], str] = {}
        root_relative = set()
        known: dict[tuple[str, bool], Outcome] = {}
        for request in requests:
            if request.url in audited and not request.root_relative:
                known[request.key] = Outcome(url=request.url, status=200, reason="OK (audited page)",
                                             final_url=request.url, local=request.local)
                continue
            targets[request.key] = _max_needs(targets.get(request.key), request.needs)
            if request.root_relative:
                root_relative.add(request.url)
        results = self.check(targets, frozenset(root_relative))
        results.update(known)
        return results

    # Public entry: {(url, local): needs} -> {(url, local): Outcome}; skipped targets are absent.
    def check(self, targets: dict[tuple[str, bool], str], root_relative: frozenset[str] = frozenset()) -> dict[tuple[str, bool], Outcome]:
        self._root_relative = root_relative
        results: dict[tuple[str, bool], Outcome] = {}
        network: dict[str, str] = {}
        owners: dict[str, list[tuple[str, bool]]] = {}
        for (url, local), needs in targets.items():
            if local:
                mapped = self._map_local(url)
                if mapped is None:
                    self.stats.skipped.add(url)  # a root-relative link from a file, with no root configured
                    continue
                if not mapped.startswith("file:"):
                    owners.setdefault(mapped, []).append((url, local))
                    network[mapped] = _max_needs(network.get(mapped), needs)
                    continue
                results[(url, local)] = self._check_file(mapped, needs, original=url)
                continue
            malformed = _malformed(url)
            if malformed:  # no browser can follow it either: broken, with no request, even offline
                results[(url, local)] = Outcome(url=url, error=malformed)
                continue
            refused = self.policy.refuse(url)
            if refused:  # decided by the tool's own limits or config: no request, even offline
                results[(url, local)] = Outcome(url=url, unverified=refused)
                continue
            owners.setdefault(url, []).append((url, local))
            network[url] = _max_needs(network.get(url), needs)
        if network:
            for url, outcome in self._check_network(network).items():
                for key in owners[url]:
                    results[key] = outcome
        return results

    def _map_local(self, url: str) -> str | None:
        """A local link's file: URL; "/path" from a local file maps through links.root or links.base-url."""
        if url not in self._root_relative:
            return url
        path = local_path(url)
        if self.settings.root:
            return Path(os.path.abspath(os.path.join(self.settings.root, path.lstrip("/")))).as_uri()
        if self.settings.base_url:
            return urljoin(self.settings.base_url, path)
        return None

    def _check_network(self, targets: dict[str, str]) -> dict[str, Outcome]:
        if self.offline:
            self.stats.skipped.update(targets)
            return {}
        from auditor.linkcache import LinkCache

        cache = LinkCache(self.settings.cache_path) if self.use_cache else None
        results: dict[str, Outcome] = {}
        todo = dict(targets)
        if cache is not None:
            for url, outcome in cache.lookup(targets, self.settings.cache_ttl, self.settings.cache_ttl_broken).items():
                outcome.cached = True
                results[url] = outcome
                todo.pop(url, None)
            self.stats.cached += len(results)
        if todo:
            import asyncio

            fresh = _without_network(asyncio.run(self._check_all(todo)))
            results.update(fresh)
            if cache is not None:
                cache.store([(url, todo[url], o) for url, o in fresh.items() if not o.unverified])
        if cache is not None:
            cache.close()
        self.stats.checked += len(todo)
        return results

    async def _check_all(self, targets: dict[str, str]) -> dict[str, Outcome]:
        import asyncio

        s = self.settings
        deadline = asyncio.get_running_loop().time() + s.run_budget
        # The global limit applies per request, not per URL: a URL waiting out a backoff
        # or a Retry-After must not hold a slot that another URL could use.
        self._gate = asyncio.Semaphore(s.concurrency)
        # A PDF's digest -> the future of its analysis: of this event loop only (a checker may run more than once).
        self._pdf_readings: dict[bytes, Any] = {}
        # HTTP/2 is negotiated over TLS only: for plain http targets its module need not load.
        http2 = any(url[:6].lower() == "https:" for url in targets)
        async with Clients(s, http2) as clients:
            async def one(url: str, needs: str) -> tuple[str, Outcome]:
                outcome = await self._check_url(clients, url, needs, deadline)
                if self.on_checked is not None:
                    self.on_checked()
                return url, outcome

            pairs = await asyncio.gather(*(one(u, n) for u, n in targets.items()))
        return dict(pairs)

    async def _check_url(self, clients: Clients, url: str, needs: str, deadline: float) -> Outcome:
        import asyncio

        outcome = Outcome(url=url)
        refused = self.policy.refuse(url)
        if refused:
            outcome.unverified = refused
            return outcome
        loop = asyncio.get_running_loop()
        left = deadline - loop.time()
        if left <= 0:
            outcome.unverified = "the run's time budget for link checks ran out before this link was checked"
            return outcome
        budget = min(self.settings.url_budget, left)
        start = time.monotonic()
        try:
            # asyncio.timeout, not wait_for: it runs the attempts in this task instead of a new one per URL.
            async with asyncio.timeout(budget):
                await self._attempts(clients, url, needs, outcome)
        except TimeoutError:
            if budget < self.settings.url_budget:
                outcome.unverified = "the run's time budget for link checks ran out while checking this link"
            elif id(outcome) in self._reading:
                outcome.unverified = (f"it answered HTTP {outcome.status}, but the body was too slow to read "
                                      f"within the {budget:g} s budget per link")
                self._reading.discard(id(outcome))
            else:
                outcome.error = f"timed out after {budget:g} s"
                outcome.status = None
        self._reading.discard(id(outcome))
        outcome.elapsed = time.monotonic() - start
        return outcome

    async def _attempts(self, clients: Clients, url: str, needs: str, outcome: Outcome) -> None:
        import asyncio

        import httpx

        s = self.settings
        host = (urlsplit(url).hostname or "").lower()
        method = "HEAD" if needs == "status" and host not in s.head_hostile else "GET"
        use_range = needs != "body"
        retries = 0
        same_attempt = False
        while True:
            # A GET after a refused HEAD, or without a range the file cannot satisfy, is the same
            # attempt asked another way: "2 attempts" would read as a retry.
            outcome.attempts += 0 if same_attempt else 1
            same_attempt = False
            wait = None
            try:
                status, retry_after = await self._request(clients, method, url, needs, use_range, outcome)
            except httpx.TimeoutException:
                if id(outcome) in self._reading:  # headers came, the body stalled: our limit, not a dead link
                    self._reading.discard(id(outcome))
                    outcome.unverified = (f"it answered HTTP {outcome.status}, but the body stalled for more "
                                          f"than the {s.timeout:g} s request timeout")
                    return
                outcome.error, status = f"timed out after {s.timeout:g} s", None
            except _RedirectLoop:
                outcome.error, outcome.status = "redirect loop", None
                return
            except _Refused as exc:
                outcome.unverified, outcome.status = str(exc), None
                return
            except httpx.TooManyRedirects:
                outcome.error, outcome.status = "too many redirects", None
                return
            except httpx.InvalidURL as exc:  # urllib took it, httpx does not (a redirect's Location too)
                outcome.error, outcome.status = f"malformed URL: {exc}", None
                return
            except (httpx.TransportError, httpx.DecodingError) as exc:
                outcome.error, status = _error_class(exc), None
                if isinstance(exc, httpx.UnsupportedProtocol):
                    return
            else:
                outcome.error = None
                if method == "HEAD" and status in HEAD_REFUSED:
                    method, same_attempt = "GET", True  # the server refuses HEAD: ask again with a GET, not a retry
                    continue
                if status == 416 and use_range:
                    use_range, same_attempt = False, True  # a range the file cannot satisfy (an empty file): plain GET
                    continue
                if status not in RETRY_STATUS or self.policy.accepted(outcome.final_url or url, status):
                    return
                wait = _retry_after(retry_after)
            if retries >= s.retries:
                if status == 429:
                    outcome.unverified = f"rate limited: HTTP 429 did not clear after {outcome.attempts} attempts"
                return
            if wait is not None and wait > s.retry_after_cap:
                if status == 429:
                    outcome.unverified = f"rate limited: Retry-After of {wait:g} s is beyond the cap of {s.retry_after_cap:g} s"
                return
            if wait is None:
                wait = s.backoff * (2 ** retries) * (1 + random.random() * 0.25)
            retries += 1
            await asyncio.sleep(wait)

    async def _request(self, clients: Clients, method: str, url: str, needs: str, use_range: bool,
                       outcome: Outcome) -> tuple[int, str | None]:
        """One request, following redirects by hand so the chain (and any loop) is recorded."""
        import httpx

        s = self.settings
        current, seen = url, {url}
        self._reading.discard(id(outcome))  # a new attempt
        outcome.redirects = []
        outcome.head = None
        outcome.size = None
        outcome.pdf = None
        outcome.too_large = False
        for _ in range(s.max_redirects + 1):
            host = (urlsplit(current).hostname or "").lower()
            headers = dict(s.headers.get(host, {}))
            if method == "GET" and use_range:
                headers["Range"] = f"bytes=0-{MAGIC_BYTES - 1}"
            await self._hosts.wait_turn(host)
            async with self._gate, self._hosts.gate(host), clients.response(method, current, headers) as (response, body):
                status = response.status_code
                location = response.headers.get("location")
                if status in (301, 302, 303, 307, 308) and location:
                    target = urljoin(current, location.strip())
                    outcome.redirects.append((status, target))
                    if target in seen:
                        raise _RedirectLoop()
                    refused = self.policy.refuse(target) or await self.policy.refuse_redirect(current, target)
                    if refused:
                        raise _Refused(f"redirects to {target}, which is not checked: {refused}")
                    seen.add(target)
                    current = target
                    if status == 303:
                        method = "GET"
                    continue
                outcome.status = 200 if status == 206 else status
                outcome.reason = response.reason_phrase if status != 206 else "OK"
                outcome.final_url = current
                outcome.content_type = response.headers.get("content-type")
                outcome.accepted = self.policy.accepted(current, status)
                length = response.headers.get("content-length")
                total = _content_range_total(response.headers.get("content-range"))
                if total is not None:
                    outcome.size = total
                elif status == 200 and length and length.isdigit():
                    outcome.size = int(length)
                if method == "GET" and status < 300:
                    # The server has answered; from here a timeout is the body's slowness.
                    # (No `finally`: a cancelled read must stay marked for the budget's handler.)
                    self._reading.add(id(outcome))
                    await self._read(body, needs, outcome)
                    self._reading.discard(id(outcome))
                return status, response.headers.get("retry-after")
        raise httpx.TooManyRedirects("too many redirects", request=None)

    async def _read(self, body: AsyncIterator[bytes], needs: str, outcome: Outcome) -> None:
        """The first bytes of a response body (`body`: its chunks), or all of it when a rule reads the document."""
        limit = MAGIC_BYTES if needs != "body" else self.settings.max_pdf_bytes
        chunks, size = [], 0
        async for chunk in body:
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                break
            if needs == "body" and size >= 8 and not (chunks[0] if len(chunks[0]) >= 5 else b"".join(chunks)).startswith(b"%PDF-"):
                break  # not a PDF: the rest of the body is not needed
        data = b"".join(chunks)
        outcome.head = data[:MAGIC_BYTES]
        if needs != "body":
            return
        if size > limit:
            outcome.too_large = True
            return
        if outcome.size is None and data.startswith(b"%PDF-"):
            outcome.size = len(data)
        if data.startswith(b"%PDF-"):
            import asyncio

            # A new document is analysed in a thread, so that a large one does not stall the other
            # requests, and once: the URLs that serve it while it is being read wait for that reading.
            key = _pdf_key(data)
            reading = self._pdf_readings.get(key)
            if reading is None:
                reading = self._pdf_readings[key] = asyncio.ensure_future(asyncio.to_thread(self._pdf_facts, data))
            outcome.pdf = dict(await asyncio.shield(reading))

    def _pdf_facts(self, data: bytes) -> dict[str, Any]:
        """analyse_pdf once per distinct document: a site's many URLs often serve the same PDF."""
        key = _pdf_key(data)
        facts = self._pdfs.get(key)
        if facts is None:
            facts = self._pdfs[key] = analyse_pdf(data)
        return dict(facts)  # each outcome its own copy

    def _check_file(self, url: str, needs: str, original: str) -> Outcome:
        path = local_path(url)
        outcome = Outcome(url=original, local=True, final_url=original)
        try:
            if os.path.isdir(path):
                outcome.status = 200
                return outcome
            size = os.path.getsize(path)
            outcome.status, outcome.size = 200, size
            with open(path, "rb") as handle:
                if needs == "body" and size <= self.settings.max_pdf_bytes:
                    data = handle.read()
                    outcome.head = data[:MAGIC_BYTES]
                    if data.startswith(b"%PDF-"):
                        outcome.pdf = self._pdf_facts(data)
                else:
                    outcome.head = handle.read(MAGIC_BYTES)
                    outcome.too_large = needs == "body"
        except FileNotFoundError:
            outcome.status, outcome.error = None, "no such file"
        except OSError as exc:
            outcome.status, outcome.error = None, f"cannot read {path}: {exc.strerror or exc}"
        return outcome


def _malformed(url: str) -> str | None:
    """Why urllib cannot take this URL apart (an unclosed IPv6 bracket, a port out of range),
    or None."""
    try:
        urlsplit(url).port
    except ValueError as exc:
        return f"malformed URL: {exc}"
    return None


def _pdf_key(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


# Errors that say this machine reached nothing, rather than that one host is gone.
_UNREACHABLE = ("DNS failure", "network unreachable")


def _without_network(fresh: dict[str, Outcome]) -> dict[str, Outcome]:
    """The outcomes of a run in which no server answered at all and names did not resolve:
    the machine has no network (a CI runner without egress, a laptop on a train), so those
    links could not be verified; a dead host is only told apart when some other host
    answers in the same run. Precision first: "could not verify", never "broken"."""
    if any(o.status is not None for o in fresh.values()):
        return fresh
    if not any((o.error or "").startswith(_UNREACHABLE) for o in fresh.values()):
        return fresh
    for outcome in fresh.values():
        if (outcome.error or "").startswith(_UNREACHABLE):
            outcome.unverified = f"no network: no server answered in this run ({outcome.error.split(':')[0]})"
    return fresh


def _max_needs(a: str | None, b: str) -> str:
    return b if a is None or NEEDS.index(b) > NEEDS.index(a) else a


def _error_class(exc: Exception) -> str:
    import httpx

    text = str(exc).strip()
    name = type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        causes = []
        cause = exc
        while cause is not None and len(causes) < 8:  # httpx wraps the OS error; its text is vague
            causes.append(cause)
            cause = cause.__cause__ or cause.__context__
        lowered = " ".join(str(c) for c in causes).lower()
        if any(isinstance(c, socket.gaierror) for c in causes) or "name or service not known" in lowered \
                or "nodename nor servname" in lowered or "getaddrinfo" in lowered:
            name = "DNS failure"
        elif "network is unreachable" in lowered:
            name = "network unreachable"
        elif any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in lowered:
            name = "connection refused"
        elif any(isinstance(c, ssl.SSLError) for c in causes) or "certificate" in lowered or "ssl" in lowered:
            name = "TLS error"
    return f"{name}: {text[:160]}" if text else name


def fragment_names(url: str, outcome: Outcome, audited: dict[str, frozenset]) -> frozenset | None:
    """The anchors a #fragment of a link to `url` must be among, or None when fragments are
    not checked for it (the target is not fine, or is not an audited page)."""
    if not outcome.ok:
        return None
    return audited.get(outcome.final_url or url)


def fragment_missing(fragment: str, names: frozenset) -> bool:
    """Whether a #fragment finds no anchor among `names` ("top" always does, as in browsers)."""
    return fragment not in names and fragment.lower() != "top" and unquote(fragment) not in names
