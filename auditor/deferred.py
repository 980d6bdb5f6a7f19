"""Link checks: what a link rule asks of a page, and what it gets back.

Rules cannot wait for the network, so a link rule (`LinkRule`) has no findings in the walk:
for each link element it is given, `requests(element, page)` says what it needs checked
(a `LinkRequest`: its rule id, what it needs read of the target, its own context, and the
element's `Link`). A page makes one `Link` per link element, shared by every rule that
asks: the target (URL, fragment, local or not) and the spot a finding about it points at
(location, selector, snippet, identity, document order), taken once during the walk so no
rule needs the tree again. The page stage keeps a page's requests as its links, by target,
each with the rules that want it (`pack_links`).

After every page is audited the link stage (auditor.linkstage) checks each unique target
once (auditor.linkcheck). For each link and each rule that wants it, the rule's
`may_report(outcome)`, asked once per outcome, says from the outcome alone whether any
request could get a finding from it (most links are fine: no call for them); only then is
`judge(request, outcome)` called, which turns the pair into findings with `link_finding`.
"""

from __future__ import annotations

import os
import pickle
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from auditor.finding import Finding
from auditor.page import Page, attr

# What a request needs read: the status only, the first bytes (PDF magic) and size, or the body.
NEEDS = ("status", "magic", "body")
_NEEDS_RANK = {needs: rank for rank, needs in enumerate(NEEDS)}
# Links with these schemes lead to no document: neither checked nor crawled.
IGNORED_SCHEMES = ("mailto", "tel", "javascript", "data", "sms", "callto", "about", "blob", "urn", "news", "skype")


class Link(NamedTuple):
    """One link element of a page: its target, and the spot a finding about it points at."""

    url: str  # absolute, without the fragment; a file: URL for a link from a local file
    fragment: str
    kind: str  # a, area, iframe, img, link
    local: bool  # resolved against a local file: read from disk, never the network
    root_relative: bool  # "/path" from a local file: the site root is unknown
    pdf: bool  # looks like a PDF link (its extension or type attribute)
    same_page: bool  # the target is the page itself
    page: str
    order: int
    line: int
    column: int
    selector: str
    snippet: str
    identity: str
    # Once packed: ((rule id, needs, context or None), ...) for every rule that wants the link.
    wants: tuple = ()

    @property
    def key(self) -> tuple[str, bool]:
        return self.url, self.local



class LinkRequest(NamedTuple):
    """One rule's deferred check of one link."""

    rule: str
    link: Link
    needs: str = "status"
    context: dict | None = None  # the rule's own, read-only

    url = property(lambda self: self.link.url)
    fragment = property(lambda self: self.link.fragment)
    kind = property(lambda self: self.link.kind)
    local = property(lambda self: self.link.local)
    root_relative = property(lambda self: self.link.root_relative)
    pdf = property(lambda self: self.link.pdf)
    same_page = property(lambda self: self.link.same_page)
    order = property(lambda self: self.link.order)
    key = property(lambda self: self.link.key)

    @property
    def shown(self) -> str:
        """The target as messages show it: a local file as a path, else the URL."""
        if self.local and not self.root_relative:
            return _shown_path(local_path(self.url), os.getcwd())
        return urlsplit(self.url).path if self.root_relative else self.url


@lru_cache(maxsize=4096)
def _shown_path(path: str, cwd: str) -> str:
    """A local target as messages show it: relative below the working folder `cwd`, else
    absolute. (Remembered: one missing file linked from every page of a site is named thousands of times.)"""
    try:
        relative = os.path.relpath(path, cwd).replace(os.sep, "/")
    except ValueError:
        return path
    return path if relative.startswith("../") else relative


# What the page stage hands on (and the result cache keeps) of a page's links: one entry per
# unique target, a plain tuple (url, local, needs, root_relative, rules, fragments, end): what
# the checker must read of the target (the most any link to it needs), the ids of the rules
# that want links to it, the distinct #fragments those links name (joined), and where its links end in
# the page's block. The block holds each entry's links (tuples in Link's field order, with
# their `wants`), pickled and compressed entry by entry, one after the other. The link stage
# unpacks an entry's links only when its outcome may give one of them a finding (most links
# are fine, and an offline run skips every external target): a warm run of a large site
# reads back every page's entries, and unpickles and judges next to none of its links.
URL, LOCAL, NEEDS_READ, ROOT_RELATIVE, RULES, FRAGMENTS, END = range(7)
# The fragments of an entry are one string (a page names thousands): NUL never reaches an
# attribute value (the parser replaces it, as browsers do).
FRAGMENT_SEPARATOR = "\0"


def pack_links(requests: Iterable[LinkRequest]) -> tuple[tuple[tuple, ...], bytes]:
    """A page's requests as its link entries (above), by target in the order first linked,
    and the block of their links."""
    links: dict[int, tuple[Link, list]] = {}
    for r in requests:
        entry = links.get(id(r.link))
        if entry is None:
            entry = links[id(r.link)] = (r.link, [])
        entry[1].append((r.rule, r.needs, r.context or None))
    by_target: dict[tuple[str, bool], list[tuple]] = {}
    for link, wants in links.values():
        by_target.setdefault(link.key, []).append((*link[:-1], tuple(wants)))
    shared: dict[tuple, tuple] = {}  # the few rule lists of a page, once each
    entries, chunks, end = [], [], 0
    rank = _NEEDS_RANK.__getitem__
    for (url, local), rows in by_target.items():
        # As the checker is asked: the first link needing the most gives root_relative.
        first = max(rows, key=lambda row: max(rank(needs) for _, needs, _ in row[-1]))
        needs = max((needs for _, needs, _ in first[-1]), key=rank)
        rules = tuple(sorted({rule for row in rows for rule, _, _ in row[-1]}))
        fragments = FRAGMENT_SEPARATOR.join(sorted({row[1] for row in rows if row[1]}))
        chunks.append(zlib.compress(pickle.dumps(tuple(rows), pickle.HIGHEST_PROTOCOL), 1))
        end += len(chunks[-1])
        entries.append((url, local, needs, first[4], shared.setdefault(rules, rules), fragments, end))
    return tuple(entries), b"".join(chunks)


def unpack_links(block: bytes, entries: tuple[tuple, ...], index: int) -> tuple[tuple, ...]:
    """The links of the page's entry `index`, as rows in Link's field order (`Link._make(row)`
    gives the Link)."""
    start = entries[index - 1][END] if index else 0
    return pickle.loads(zlib.decompress(block[start:entries[index][END]]))


class LinkTarget(NamedTuple):
    """What the checker needs of a link: the run's links, boiled down to their unique targets."""

    url: str
    local: bool
    needs: str
    root_relative: bool

    @property
    def key(self) -> tuple[str, bool]:
        return self.url, self.local


def merged_targets(per_page: Iterable[tuple[tuple, ...]]) -> tuple[LinkTarget, ...]:
    """The run's unique targets from every page's link entries, needing the most any needs."""
    found: dict[tuple[str, bool], tuple] = {}
    rank = _NEEDS_RANK
    for entries in per_page:
        for entry in entries:
            key = entry[:2]
            kept = found.get(key)
            if kept is None or rank[entry[NEEDS_READ]] > rank[kept[NEEDS_READ]]:
                found[key] = entry
    return tuple(LinkTarget._make(entry[:4]) for entry in found.values())


@dataclass
class Outcome:
    """What happened to one target URL (shared by every request for it)."""

    url: str
    status: int | None = None
    reason: str = ""
    final_url: str | None = None
    error: str | None = None  # error class: "ConnectError", "timed out", "redirect loop", "missing file", ...
    unverified: str | None = None  # why the tool could not decide (its own limits)
    redirects: list[tuple[int, str]] = field(default_factory=list)
    content_type: str | None = None
    size: int | None = None  # Content-Length, the Content-Range total, or the bytes of a complete body
    head: bytes | None = None  # the first bytes of the body, when read
    pdf: dict[str, Any] | None = None  # pypdf findings about the document, when read
    too_large: bool = False  # the body is larger than the read limit
    attempts: int = 0
    elapsed: float = 0.0
    accepted: bool = False  # an accepted status by configuration
    local: bool = False
    cached: bool = False
    missing_fragment: bool = False  # set per request: the audited target page has no such id

    @property
    def broken(self) -> bool:
        if self.unverified:
            return False
        if self.error is not None:
            return True
        return self.status is not None and self.status >= 400 and not self.accepted

    @property
    def ok(self) -> bool:
        return not self.broken and not self.unverified and (self.status is not None or self.local)

    @property
    def permanent_redirect(self) -> str | None:
        """The new URL when the first hop is a permanent redirect (301, 308)."""
        if self.redirects and self.redirects[0][0] in (301, 308):
            return self.final_url
        return None

    @property
    def is_pdf(self) -> bool:
        ctype = (self.content_type or "").split(";")[0].strip().lower()
        return ctype in ("application/pdf", "application/x-pdf") or (self.head or b"").startswith(b"%PDF-")

    def describe(self) -> str:
        """What happened, in a few words: status or error, final URL, attempts.

        Not the elapsed time, nor whether the answer came from the cache: reports must be
        byte-identical for the same inputs (a timeout still names the limit it hit)."""
        if self.local:
            return self.error or "local file"
        if self.unverified:
            what = self.unverified
        elif self.error:
            what = self.error
        else:
            what = f"HTTP {self.status} {self.reason}".rstrip()
        final = f", ended at {self.final_url}" if self.final_url and self.final_url != self.url else ""
        if not self.attempts:  # decided without a request (a malformed URL, an excluded host)
            return f"{what}{final}"
        return f"{what}{final} ({self.attempts} attempt{'s' if self.attempts != 1 else ''})"

    def to_dict(self) -> dict:
        data = {k: v for k, v in vars(self).items() if k not in ("head", "cached", "missing_fragment")}
        data["head"] = self.head.hex() if self.head is not None else None
        data["redirects"] = [list(r) for r in self.redirects]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Outcome":
        data = dict(data)
        data["head"] = bytes.fromhex(data["head"]) if data.get("head") is not None else None
        data["redirects"] = [(int(s), u) for s, u in data.get("redirects", [])]
        return cls(**data)


class LinkRule:
    """Mixin for rules about the targets of links. In the walk, the page stage asks
    `requests(element, page)` for each element the rule's `elements` give (instead of
    `visit`); after the link stage has checked every target, `judge(request, outcome)`
    turns each request's outcome into findings."""

    # True when no local file can show the rule's bad sample: the sample test serves it over HTTP.
    needs_network = False

    def requests(self, element, page: Page) -> LinkRequest | None:
        """What this rule needs checked about the element's link (see `link_request`), or None."""
        return None

    def may_report(self, outcome: Outcome) -> bool:
        """False when `judge` reports nothing for any request whose outcome this is: a
        cheap test on the outcome alone that spares the calls for the many fine links."""
        return True

    def judge(self, request: LinkRequest, outcome: Outcome) -> Iterable[Finding]:
        return ()

    def link_finding(self, request: LinkRequest, message: str) -> Finding:
        link = request.link
        return Finding(rule=self.id, severity=self.active_severity, page=link.page, line=link.line,
                       column=link.column, selector=link.selector, message=message, snippet=link.snippet,
                       fingerprint=link.identity, order=link.order)


# --- resolving a link during the walk -------------------------------------------------

_LINK_ATTR = {"a": "href", "area": "href", "iframe": "src", "img": "src", "link": "href"}
_PDF_PATH = re.compile(r"\.pdf$", re.I)


def link_of(element) -> tuple[str, str] | None:
    """(kind, raw URL) for a checkable link element, or None."""
    name = element.name
    key = _LINK_ATTR.get(name)
    if key is None:
        return None
    if name == "link":
        rels = (attr(element, "rel") or "").lower().split()
        if "stylesheet" not in rels:
            return None
    value = attr(element, key)
    if value is None:
        return None
    value = value.strip()
    return (name, value) if value else None


class _PageLinks:
    """What the link rules derive from a page, computed once however many rules ask: the
    base URL, the page's own location, each href resolved, and per element its resolved
    link and its `Link` (the spot is the costly part: location, selector, snippet, identity)."""

    def __init__(self, page: Page):
        self.base = _page_base(page)
        self.location = page_location(page)
        self.targets: dict[str, Any] = {}
        self.resolved: dict[int, Any] = {}
        self.links: dict[int, Link] = {}


def _memo(page: Page) -> _PageLinks:
    # Asked by several rules for every link element: the dict first, the method only to build it.
    return page._derived.get("links") or page.derived("links", _PageLinks)


def page_base(page: Page) -> tuple[str, bool]:
    """The URL links resolve against, and whether it is a local file."""
    return _memo(page).base


def _page_base(page: Page) -> tuple[str, bool]:
    if page.url:
        base, local = page.url, False
    elif page.path:
        base, local = page_location(page), True
    else:
        base, local = "", False
    tag = next((t for t in page.by_name("base") if t.has_attr("href")), None)
    declared = attr(tag, "href").strip() if tag is not None else ""
    if declared:
        joined = urljoin(base, declared) if base else declared
        if urlsplit(joined).scheme in ("http", "https"):
            base, local = joined, False
        elif local and urlsplit(joined).scheme == "file":
            base = joined
    return base, local


def resolve(raw: str, page: Page) -> tuple[str, str, bool, bool] | None:
    """(absolute URL without fragment, fragment, local, root_relative), or None when not checkable."""
    try:
        return _resolve(raw, page)
    except ValueError:  # urllib refuses it (an unclosed IPv6 bracket): kept as written, for the checker to report
        url, _, fragment = raw.partition("#")
        return url, fragment, False, False


def href_scheme(raw: str) -> str:
    """The scheme of an href as written, lower-cased; "" for a relative reference."""
    return urlsplit(raw).scheme.lower() if ":" in raw.split("/", 1)[0] else ""


def _resolve(raw: str, page: Page) -> tuple[str, str, bool, bool] | None:
    scheme = href_scheme(raw)
    if scheme in IGNORED_SCHEMES:
        return None
    base, local = page_base(page)
    if scheme:
        # An explicit file: URL in a page is not read (it would name the auditor's own disk).
        url, fragment = urldefrag(raw)
        return (url, fragment, False, False) if scheme != "file" else None
    if not base:
        return None
    # A reference with a path of its own resolves against the base's folder alone, which
    # the pages of one folder share, with their hrefs: join each (folder, href without its
    # fragment) once a run. The fragment is the href's own, after its first "#".
    # (urllib drops tabs and newlines anywhere in a URL, fragment included: such an href is
    # joined whole.)
    folder = (_base_folder(base) if raw[:1] not in ("", "#", "?") and not raw.startswith("//")
              and not _TAB_OR_NEWLINE.search(raw) else None)
    if folder is None:
        url, fragment = urldefrag(urljoin(base, raw))
        root_relative = local and raw.startswith("/") and not raw.startswith("//")
        if raw.startswith("//"):
            local = False
        return url, fragment, local and urlsplit(url).scheme == "file", root_relative
    reference, _, fragment = raw.partition("#")
    key = (folder, local, reference)
    memo = page.derived("joined", JoinedHrefs)
    joined = memo.get(key)
    if joined is None:
        url = urljoin(base, reference)
        joined = url, local and urlsplit(url).scheme == "file", local and raw.startswith("/")
        memo.put(key, joined)
    return joined[0], fragment, joined[1], joined[2]


class JoinedHrefs:
    """(folder, local, href) -> what `_resolve` joined it to. The page stage gives one to
    every page of a run (`page.derived("joined", ...)`), so the pages of a folder share it;
    a page made elsewhere gets its own."""

    LIMIT = 20_000  # kept small for a run's whole life (a miss only costs a join)

    def __init__(self, page: Page | None = None):
        self.joined: dict[tuple, tuple] = {}

    def get(self, key: tuple) -> tuple | None:
        return self.joined.get(key)

    def put(self, key: tuple, joined: tuple) -> None:
        if len(self.joined) > self.LIMIT:
            self.joined.clear()
        self.joined[key] = joined

_TAB_OR_NEWLINE = re.compile(r"[\t\r\n]")


def _base_folder(base: str) -> str | None:
    """The base URL up to the last "/" of its path; None when it has no path, a query or a
    fragment (rare; a relative path drops them, but they would make the key unsafe)."""
    if "?" in base or "#" in base:
        return None
    scheme_end = base.find("://")
    path_start = base.find("/", scheme_end + 3) if scheme_end != -1 else -1
    if path_start == -1:  # no path (or not a URL we know): join it every time
        return None
    return base[: base.rfind("/") + 1]


def link_request(rule, element, page: Page, needs: str = "status", kinds: tuple[str, ...] | None = None,
                 **context: Any) -> LinkRequest | None:
    """The rule's check of this element's link; None if not a link (of `kinds`). Several
    rules ask of every link element of every page: the memo is looked up once here."""
    memo = _memo(page)
    resolved = _element_link(element, page, memo)
    if resolved is None or (kinds is not None and resolved[0] not in kinds):
        return None
    key = id(element)
    link = memo.links.get(key)
    if link is None:
        kind, url, fragment, local, root_relative, pdf = resolved
        spot = rule.finding(page, element, "")
        link = memo.links[key] = Link(url, fragment, kind, local, root_relative, pdf, url == memo.location,
                                      spot.page, spot.order, spot.line, spot.column, spot.selector,
                                      spot.snippet, spot.fingerprint)
    return LinkRequest(rule.id, link, needs, context)


def element_link(element, page: Page) -> tuple[str, str, str, bool, bool, bool] | None:
    """(kind, URL, fragment, local, root_relative, looks like a PDF) of a link element, once per page."""
    return _element_link(element, page, _memo(page))


def _element_link(element, page: Page, memo: _PageLinks):
    key = id(element)
    if key in memo.resolved:
        return memo.resolved[key]
    found = link_of(element)
    resolved = None
    if found is not None:  # pages repeat their hrefs: resolve each once
        if found[1] not in memo.targets:
            memo.targets[found[1]] = resolve(found[1], page)
        resolved = memo.targets[found[1]]
    link = None
    if resolved is not None:
        link = (found[0], *resolved, looks_like_pdf(element, resolved[0]))
    memo.resolved[key] = link
    return link


def looks_like_pdf(element, url: str) -> bool:
    kind = (attr(element, "type") or "").lower()
    if "pdf" in kind:
        return True
    try:
        path = urlsplit(url).path
    except ValueError:  # a malformed URL (the link checker reports it): its text up to the query
        path = url.partition("?")[0]
    return bool(_PDF_PATH.search(unquote(path)))


# The elements a crawl follows to further pages, and the attribute naming the page.
_FOLLOWED = {"a": "href", "area": "href", "frame": "src", "iframe": "src"}


def followed_hrefs(tags, page: Page) -> tuple[str, ...]:
    """Where a crawl may go on from this page: the targets of its a, area, frame and iframe
    elements (`tags`, the walked elements), resolved as the link checks resolve them, each
    once and without its fragment; not PDF links (link targets, not pages). A root-relative
    link from a local file stays as written ("/x"): the crawl resolves it against its root folder."""
    found: dict[str, None] = {}
    for tag in tags:
        key = _FOLLOWED.get(tag.name)
        value = (attr(tag, key) or "").strip() if key is not None else ""
        resolved = resolve(value, page) if value else None
        if resolved is None or looks_like_pdf(tag, resolved[0]):
            continue
        url, _, _, root_relative = resolved
        found[urlsplit(url).path if root_relative else url] = None
    return tuple(found)


def local_path(url: str) -> str:
    """The file system path of a file: URL."""
    return unquote(urlsplit(url).path)


def page_location(page: Page) -> str | None:
    """The page's own address, as links to it resolve (its URL, or its file as a file: URL)."""
    return page.derived("location", _page_location)


def _page_location(page: Page) -> str | None:
    if page.url:
        return urldefrag(page.url)[0]
    if page.path:
        return Path(os.path.abspath(page.path)).as_uri()
    return None


def page_anchors(page: Page) -> tuple[str | None, frozenset[str]]:
    """The page's own location and the fragments it can answer (ids, a[name])."""
    where = page_location(page)
    names = set(page.ids)
    names.update(attr(a, "name") for a in (a for a in page.by_name("a") if a.has_attr("name")))
    return where, frozenset(names)
