"""The link stage: after every page is checked, collect the link targets of all pages, check
each unique target once (auditor.linkcheck), and let the link rules judge each page's links
from the outcomes. A page's own findings are not touched here; suppressions are applied to
both afterwards (auditor.engine)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from auditor.deferred import FRAGMENT, LOCAL, URL, WANTS, Link, LinkRequest, LinkRule, Outcome, merged_targets
from auditor.finding import Finding
from auditor.pagestage import CheckedPage, describe_crash
from auditor.progress import Progress
from auditor.result import ToolError
from auditor.rule import Rule

if TYPE_CHECKING:
    from auditor.linkcheck import LinkSettings


@dataclass(frozen=True)
class LinkVerdicts:
    """What the link rules made of one page's links."""

    findings: tuple[Finding, ...] = ()
    tool_errors: tuple[ToolError, ...] = ()


NONE = LinkVerdicts()


@dataclass(frozen=True)
class LinkStageResult:
    verdicts: tuple[LinkVerdicts, ...]  # one per page, in the pages' order
    skipped: int  # network checks skipped (--offline), root-relative links of local files with no root


def run_link_stage(pages: list[CheckedPage], rules: tuple[Rule, ...], settings: LinkSettings | None,
                   offline: bool, use_cache: bool, progress: Progress) -> LinkStageResult:
    if not any(p.links for p in pages):
        return LinkStageResult(tuple(NONE for _ in pages), 0)
    from auditor.linkcheck import LinkChecker  # httpx and pypdf only when needed

    anchors = {p.location: p.anchors for p in pages if p.location and p.anchors is not None}
    checker = LinkChecker(settings, offline=offline, use_cache=use_cache)
    targets = merged_targets(page.targets for page in pages)
    if progress.enabled and not offline:
        # The total counts unique targets; cached and local ones finish without a tick.
        progress.stage("links", len(targets))
        checker.on_checked = progress.advance
    outcomes = checker.check_requests(targets, audited=anchors)
    judge = _Judge(rules, outcomes, anchors)
    return LinkStageResult(tuple(judge.page(page) if page.links else NONE for page in pages), checker.stats.skipped)


class _Judge:
    def __init__(self, rules: tuple[Rule, ...], outcomes: dict[tuple[str, bool], Outcome], anchors: dict):
        from auditor.linkcheck import fragment_names

        self.by_id = {r.id: r for r in rules if isinstance(r, LinkRule)}
        # Per target, once: its outcome, the rules silent on it, the anchors its fragments need.
        self.targets = {key: (outcome, self.silent(outcome), fragment_names(key[0], outcome, anchors))
                        for key, outcome in outcomes.items()}

    def silent(self, outcome: Outcome) -> frozenset[str]:
        """The rules that can report nothing on this outcome (most links are fine)."""
        return frozenset(rule_id for rule_id, rule in self.by_id.items() if not rule.may_report(outcome))

    def page(self, page: CheckedPage) -> LinkVerdicts:
        from auditor.linkcheck import fragment_missing

        made: list[Finding] = []
        errors: list[ToolError] = []
        crashed: set[str] = set()
        wanted: dict[int, frozenset[str]] = {}  # a page's links share their few `wants` tuples
        for row in page.links:
            target = self.targets.get((row[URL], row[LOCAL]))
            if target is None:  # not checked (skipped)
                continue
            outcome, quiet, names = target
            fragment = row[FRAGMENT]
            if fragment and names is not None and fragment_missing(fragment, names):
                outcome = replace(outcome, missing_fragment=True)
                quiet = self.silent(outcome)
            wants = row[WANTS]
            ids = wanted.get(id(wants))
            if ids is None:
                ids = wanted[id(wants)] = frozenset(rule_id for rule_id, _, _ in wants)
            if ids <= quiet:
                continue
            link = Link._make(row)
            for rule_id, needs, context in wants:
                rule = self.by_id.get(rule_id)
                if rule is None or rule_id in quiet or rule_id in crashed:
                    continue
                try:
                    made.extend(rule.judge(LinkRequest(rule_id, link, needs, context), outcome))
                except Exception as exc:  # as in the walk: a rule's bug is a tool error, not a crash
                    crashed.add(rule_id)
                    errors.append(ToolError(rule_id, describe_crash(exc)))
        return LinkVerdicts(tuple(made), tuple(errors))
