"""The page stage: one loaded page -> decode -> parse -> one walk with the rules -> a
CheckedPage. Each page is independent of the others, so pages can go to worker processes.

A CheckedPage is what the result cache keeps: the rules' findings (before suppressions,
identities not yet numbered), the rules' crashes, the page's links by target with the link
rules that want each checked (each target's links packed until an outcome may report on
them), its suppression directives, and its anchors (for #fragment links from other pages).
The link stage (auditor.linkstage) judges the links of every page, and
then suppressions are applied once to both (auditor.engine).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, fields, replace
from datetime import date

from auditor import dom
from auditor.decoding import NotHTMLError, decode_page
from auditor.deferred import JoinedHrefs, LinkRequest, LinkRule, followed_hrefs, pack_links, page_anchors
from auditor.finding import Finding, finding_rows, findings_from_rows
from auditor.limits import PageTimeout, time_limit
from auditor.loading import Loaded
from auditor.page import Page
from auditor.result import ToolError
from auditor.rule import Rule
from auditor.suppressions import Directive, last_order, parse_directives
from auditor.targets import Target

UNUSED_SUPPRESSION = "unused-suppression"


@dataclass(frozen=True)
class CheckedPage:
    page: str
    error: str | None = None
    findings: tuple[Finding, ...] = ()  # before suppressions; `fingerprint` still the identity
    tool_errors: tuple[ToolError, ...] = ()
    links: tuple[tuple, ...] = ()  # by unique target, with the link rules that want each (auditor.deferred.pack_links)
    link_block: bytes = b""  # the links themselves, packed by target (auditor.deferred.unpack_links)
    directives: tuple[Directive, ...] = ()
    location: str | None = None  # the page's own address, as links to it resolve
    anchors: frozenset[str] | None = None  # the #fragments it answers; None without link rules
    hrefs: tuple[str, ...] = ()  # in a crawl: where it may go on from this page (auditor.deferred.followed_hrefs)

    # Pickled (the result cache, results from workers) with its findings as plain rows
    # (auditor.finding.finding_rows): a warm run of a large site reads back a great many.
    def __getstate__(self):
        return tuple(finding_rows(value) if name == "findings" else value
                     for name, value in ((f.name, getattr(self, f.name)) for f in _FIELDS))

    def __setstate__(self, state) -> None:
        for f, value in zip(_FIELDS, state):
            object.__setattr__(self, f.name, tuple(findings_from_rows(value)) if f.name == "findings" else value)


_FIELDS = fields(CheckedPage)


class _Dispatch:
    """Which rules an element goes to: the rules naming its tag in `elements` (or "*"), then
    those declaring one of its attributes in `attributes` ("aria-*" for a prefix), each group
    in the run's rule order, less the `broken` ones. Elements of one tag name with the same
    matching attributes get the same list, so it is worked out once for them. Each entry is
    (rule, whether it is a link rule: asked for `requests`, not `visit`)."""

    def __init__(self, rules: tuple[Rule, ...], broken: frozenset[str] = frozenset()):
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
        self.lists: dict[tuple, list[tuple[Rule, bool]]] = {}

    def rules_for(self, tag: dom.Tag) -> list[tuple[Rule, bool]]:
        names, prefixes = self.names, self.prefixes
        hits = tuple(k for k in tag.attrs if k in names or k.startswith(prefixes)) if tag.attrs and (names or prefixes) else ()
        key = (tag.name, hits)
        found = self.lists.get(key)
        if found is None:
            found = self.lists[key] = self._build(tag.name, hits)
        return found

    def _build(self, name: str, hits: tuple) -> list[tuple[Rule, bool]]:
        live = [r for r in self.rules if r.id not in self.broken]
        first = [r for r in live if name in r.elements]
        rest = [r for r in live if r not in first
                and ("*" in r.elements or any(_attribute_matches(hit, a) for hit in hits for a in r.attributes))]
        return [(rule, isinstance(rule, LinkRule)) for rule in first + rest]


def _attribute_matches(name: str, wanted: str) -> bool:
    return name.startswith(wanted[:-1]) if wanted.endswith("*") else name == wanted


def describe_crash(exc: BaseException) -> str:
    return f"rule crashed: {type(exc).__name__}: {exc}"


class PageStage:
    """The page stage of one run, in one process: the rules, and what carries over from page
    to page (which rules each kind of element goes to, hrefs already joined to their folder).
    In a crawl (`follow`), each page also says where the crawl may go on from it."""

    def __init__(self, rules: tuple[Rule, ...], as_of: date, page_seconds: float | None, follow: bool = False):
        self.rules = rules
        self.follow = follow
        self.as_of = as_of
        self.page_seconds = page_seconds
        self.dispatch = _Dispatch(rules)
        self.joined = JoinedHrefs()
        self.link_rules = any(isinstance(r, LinkRule) for r in rules)
        self.unused_rule = next((r for r in rules if r.id == UNUSED_SUPPRESSION), None)
        self.superseding = {r.id: frozenset(r.supersedes) for r in rules if r.supersedes}

    def audit(self, target: Target, loaded: Loaded | str) -> CheckedPage:
        """Decode, parse and check one page; any failure before the rules is a page error."""
        from auditor.parsing import normalize_newlines, parse  # bs4 and html5lib: only when a page is parsed

        if isinstance(loaded, str):
            return CheckedPage(page=target.name, error=loaded)
        try:
            decoded = decode_page(loaded.data, loaded.http_charset)
        except NotHTMLError as exc:
            return CheckedPage(page=target.name, error=str(exc))
        text = normalize_newlines(decoded.text)
        try:
            with time_limit(self.page_seconds):
                try:
                    soup = parse(text)
                except RecursionError:
                    return CheckedPage(page=target.name, error="cannot parse: elements nested too deeply")
                except Exception as exc:  # the parser is third-party code; a page it chokes on is a page error
                    return CheckedPage(page=target.name, error=f"cannot parse: {type(exc).__name__}: {exc}")
                page = Page(name=target.name, text=text, soup=soup, as_of=self.as_of, url=loaded.url,
                            path=loaded.path, headers=loaded.headers, encoding=decoded.encoding)
                return self.check(page)
        except PageTimeout as exc:
            return CheckedPage(page=target.name, error=f"not audited: {exc}")

    def check(self, page: Page) -> CheckedPage:
        """Run every rule over one parsed page, with one walk of the tree."""
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
        page.derived("joined", lambda _: self.joined)  # the run's, shared by its pages

        findings: list[Finding] = []
        requests: list[LinkRequest] = []
        errors: list[ToolError] = []
        broken: set[str] = set()

        def crashed(rule: Rule, exc: Exception) -> None:
            broken.add(rule.id)
            errors.append(ToolError(rule.id, describe_crash(exc)))

        dispatch = self.dispatch
        for tag in tags:
            for rule, asks_links in dispatch.rules_for(tag):
                mark = len(findings)
                try:
                    if asks_links:
                        request = rule.requests(tag, page)
                        if request is not None:
                            requests.append(request)
                    else:
                        findings.extend(rule.visit(tag, page))
                except Exception as exc:  # one rule's bug must not take the page or the run down
                    del findings[mark:]  # the crashed visit's findings are dropped
                    crashed(rule, exc)
                    dispatch = _Dispatch(self.rules, frozenset(broken))  # later elements of this page skip it
        for rule in self.rules:
            if rule.id not in broken:
                try:
                    findings.extend(list(rule.check(page)))
                except Exception as exc:
                    crashed(rule, exc)

        claims = self._claims(findings, tags, order)
        if claims:  # one problem, one finding: what a superseding finding covers is not reported
            findings = [f for f in findings if not _claimed(claims, f.rule, f.order)]
            requests = [r for r in requests if not _claimed(claims, r.rule, r.order)]

        directives = parse_directives(comments, order, total, self._unused_finding(page) if self.unused_rule else None)
        # A request whose findings would be suppressed, by directives that are never reported
        # as unused, need not be checked; the others are, to tell whether theirs suppressed anything.
        if directives:
            requests = [r for r in requests if not _suppressed_quietly(directives, r)]
        location, anchors = page_anchors(page) if self.link_rules else (None, None)
        links, block = pack_links(requests)
        return CheckedPage(page=page.name, findings=tuple(findings), tool_errors=tuple(errors), links=links,
                           link_block=block, directives=directives, location=location, anchors=anchors,
                           hrefs=followed_hrefs(tags, page) if self.follow else ())

    def _claims(self, findings: list[Finding], tags: list[dom.Tag], order: dict[int, int]) -> list[tuple[frozenset, int, int]]:
        """(rules superseded, first order, last order) of each element a superseding rule
        reported: the element and everything it holds."""
        if not self.superseding:
            return []
        claims = []
        for finding in findings:
            superseded = self.superseding.get(finding.rule)
            if superseded and finding.order > 0:
                at = bisect.bisect_left(tags, finding.order, key=lambda tag: order[id(tag)])
                if at < len(tags) and order[id(tags[at])] == finding.order:
                    claims.append((superseded, finding.order, last_order(tags[at], order)))
        return claims

    def _unused_finding(self, page: Page):
        rule = self.unused_rule

        def unused(comment: dom.Comment, kind: str, rules: frozenset) -> Finding:
            what = ", ".join(sorted(rules)) or "all rules"
            finding = rule.finding(page, comment.parent, f"auditor-{kind} for {what} suppressed nothing")
            # The comment's own place (of two identical directives, the one that is unused).
            where = page.location(comment)
            return replace(finding, line=where.line, column=where.column, snippet=page.snippet(comment))

        return unused


def _claimed(claims: list[tuple[frozenset, int, int]], rule: str, at: int) -> bool:
    return any(rule in superseded and first <= at <= last for superseded, first, last in claims)


def _suppressed_quietly(directives: tuple[Directive, ...], request: LinkRequest) -> bool:
    covering = [d for d in directives if d.covers(request.rule, request.order)]
    return bool(covering) and all(d.unused is None for d in covering)
