"""The link stage: after every page is checked, collect the link targets of all pages, check
each unique target once (auditor.linkcheck), and let the link rules judge each page's links
from the outcomes. A page's own findings are not touched here; suppressions are applied to
both afterwards (auditor.engine)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from auditor.deferred import (FRAGMENT_SEPARATOR, FRAGMENTS, LOCAL, RULES, URL, Link, LinkRequest, LinkRule, Outcome,
                              merged_targets, unpack_links)
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
    skipped: tuple[str, ...]  # the targets of network checks skipped (--offline), root-relative links of local files with no root


def run_link_stage(pages: list[CheckedPage], rules: tuple[Rule, ...], settings: LinkSettings | None,
                   offline: bool, use_cache: bool, progress: Progress) -> LinkStageResult:
    if not any(p.links for p in pages):
        return LinkStageResult(tuple(NONE for _ in pages), ())
    from auditor.linkcheck import LinkChecker  # httpx and pypdf only when needed

    anchors = {p.location: p.anchors for p in pages if p.location and p.anchors is not None}
    checker = LinkChecker(settings, offline=offline, use_cache=use_cache)
    targets = merged_targets(page.links for page in pages)
    if progress.enabled and not offline:
        # The total counts unique targets; cached and local ones finish without a tick.
        progress.stage("links", len(targets))
        checker.on_checked = progress.advance
    outcomes = checker.check_requests(targets, audited=anchors)
    judge = _Judge(rules, outcomes, anchors)
    return LinkStageResult(tuple(judge.page(page) if page.links else NONE for page in pages),
                           tuple(sorted(checker.stats.skipped)))


class _Judge:
    """The link rules over each page's links. Per target, once a run: its outcome and the rules
    that can report nothing on it; a page's links to a target are unpacked only when one of
    the rules that want them may report on its outcome (or on a #fragment it lacks)."""

    def __init__(self, rules: tuple[Rule, ...], outcomes: dict[tuple[str, bool], Outcome], anchors: dict):
        from auditor.linkcheck import fragment_names

        self.by_id = {r.id: r for r in rules if isinstance(r, LinkRule)}
        self.targets = {key: self.target(outcome, fragment_names(key[0], outcome, anchors))
                        for key, outcome in outcomes.items()}
        self.rule_sets: dict[tuple, frozenset[str]] = {}  # a page entry's rule ids, as a set, once a run

    def silent(self, outcome: Outcome) -> frozenset[str]:
        """The rules that can report nothing on this outcome (most links are fine)."""
        return frozenset(rule_id for rule_id, rule in self.by_id.items() if not rule.may_report(outcome))

    def target(self, outcome: Outcome, names: frozenset[str] | None) -> _Target:
        missing = replace(outcome, missing_fragment=True) if names is not None else None
        return _Target(outcome, self.silent(outcome), names, missing, self.silent(missing) if missing else None)

    def page(self, page: CheckedPage) -> LinkVerdicts:
        from auditor.linkcheck import fragment_missing

        made: list[Finding] = []
        errors: list[ToolError] = []
        crashed: set[str] = set()
        for index, entry in enumerate(page.links):
            target = self.targets.get((entry[URL], entry[LOCAL]))
            if target is None:  # not checked (skipped)
                continue
            rules = self.rule_sets.get(entry[RULES])
            if rules is None:
                rules = self.rule_sets[entry[RULES]] = frozenset(entry[RULES])
            names = target.names
            missing = False
            if names is not None and entry[FRAGMENTS]:
                fragments = entry[FRAGMENTS].split(FRAGMENT_SEPARATOR)
                # Nearly every #fragment is among the target's anchors: one test for all of them first.
                missing = not names.issuperset(fragments) and any(fragment_missing(f, names) for f in fragments)
            if rules <= target.quiet and not (missing and not rules <= target.quiet_missing):
                continue
            for row in unpack_links(page.link_block, page.links, index):
                link = Link._make(row)
                outcome, quiet = target.outcome, target.quiet
                if link.fragment and names is not None and fragment_missing(link.fragment, names):
                    outcome, quiet = target.missing, target.quiet_missing
                for rule_id, needs, context in link.wants:
                    rule = self.by_id.get(rule_id)
                    if rule is None or rule_id in quiet or rule_id in crashed:
                        continue
                    try:
                        made.extend(rule.judge(LinkRequest(rule_id, link, needs, context), outcome))
                    except Exception as exc:  # as in the walk: a rule's bug is a tool error, not a crash
                        crashed.add(rule_id)
                        errors.append(ToolError(rule_id, describe_crash(exc)))
        return LinkVerdicts(tuple(made), tuple(errors))


class _Target(NamedTuple):
    outcome: Outcome
    quiet: frozenset[str]  # the rules silent on it
    names: frozenset[str] | None  # the anchors its #fragments must be among; None: not checked
    # The same for a link whose #fragment is not among them (when they are checked).
    missing: Outcome | None
    quiet_missing: frozenset[str] | None
