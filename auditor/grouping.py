"""One problem, one finding, across pages: a link rule's finding is about the link's target
(a missing file, a dead host), so every link to it is the same problem. The first place in
report order keeps the finding; the others become its related places. Run once on a whole
result, after suppressions (a suppressed link is not a place) and fingerprints; and again
by `auditor merge` on the findings of every shard, related places included, which gives
the whole run's result."""

from __future__ import annotations

from dataclasses import replace

from auditor.deferred import LinkRule
from auditor.finding import Finding, Related
from auditor.result import AuditResult


def group_link_findings(result: AuditResult) -> AuditResult:
    """`result` with each link rule's findings of one (rule, message) made one finding, at the
    first place in report order (page order, then line and column), with the other places
    as its `related`, in report order. The rules that are link rules are those of
    `result.rules` (rule id -> class) that are `LinkRule`s; a rule's message names the
    target and what happened at it, so equal messages are one problem."""
    link_rules = {rid for rid, rule in result.rules.items() if isinstance(rule, type) and issubclass(rule, LinkRule)}
    rank = {page.page: i for i, page in enumerate(result.pages)}

    def place(item: Finding | Related) -> tuple:
        return rank.get(item.page, len(rank)), item.line, item.column

    groups: dict[tuple[str, str], list[Finding]] = {}
    for page in result.pages:
        for f in page.findings:
            if f.rule in link_rules:
                groups.setdefault((f.rule, f.message), []).append(f)
    kept: dict[int, Finding] = {}  # id of a group's first finding -> that finding with its related places
    dropped: set[int] = set()
    for findings in groups.values():
        if len(findings) == 1:
            continue
        first = min(findings, key=place)
        others = [Related(f.page, f.line, f.column, f.snippet, f.fingerprint) for f in findings if f is not first]
        others += [r for f in findings for r in f.related]
        kept[id(first)] = replace(first, related=tuple(sorted(others, key=place)))
        dropped.update(id(f) for f in findings if f is not first)
    if not kept:
        return result
    pages = [replace(page, findings=[kept.get(id(f), f) for f in page.findings if id(f) not in dropped])
             for page in result.pages]
    return replace(result, pages=pages)
