"""Inline directives in HTML comments, in the style of html-validate.

    <!-- auditor-disable rule-a, rule-b -- reason -->   off until the end of the page
    <!-- auditor-enable rule-a -->                      back on
    <!-- auditor-disable-block rule-a -->               off to the end of the enclosing element
    <!-- auditor-disable-next rule-a -->                off for the next element (and inside it)

Without rule ids a directive covers every rule. Directives work on document order (the
engine numbers every node in its one walk), so they apply to findings by element, not line.

The page stage reads a page's directives (`parse_directives`) and keeps them with its
result; they are applied once (`apply`), to the page's findings and its link findings
together, after the link stage. A disable that suppressed nothing, or that names a rule
that does not exist, is then reported as `unused-suppression`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from auditor import dom
from auditor.finding import Finding

_DIRECTIVE = re.compile(
    r"^\s*auditor-(disable-block|disable-next|disable|enable)\b(.*?)(?:\s--\s?(.*))?\s*$", re.DOTALL
)


@dataclass(frozen=True)
class Directive:
    kind: str  # disable, disable-block or disable-next (an enable ends the ranges it meets)
    rules: frozenset[str]  # empty: every rule
    start: int  # document order where it takes effect
    end: int  # last document order it covers
    # The unused-suppression finding to report when it suppresses nothing; None when that
    # is never reported (the rule is off, or the directive is what is left of a partial enable).
    unused: Finding | None = None
    # Where the page's <html> element is: a finding on it is about the page as a whole.
    root: int = -1
    # It names a rule that does not exist: `unused` says so, and is reported even if the
    # directive's other rules suppressed something.
    misnamed: bool = False

    def covers(self, rule: str, order: int) -> bool:
        if self.rules and rule not in self.rules:
            return False
        if order < 0:  # a finding about the whole page: only a page-wide disable covers it
            return self.kind == "disable"
        if order == self.root and self.kind == "disable":  # one on <html>, about the page too
            return True
        return self.start <= order <= self.end


# Reports a directive that suppressed nothing: (its comment, kind, rules) -> the finding.
# (Not spelled with dom.Comment: that would import bs4 with this module.)
UnusedFinding = Callable[[object, str, frozenset], Finding]


def last_order(node, order: dict[int, int]) -> int:
    last = node
    while isinstance(last, dom.Tag) and last.contents:
        last = last.contents[-1]
    return order.get(id(last), 0)


def parse_directives(comments: list[dom.Comment], order: dict[int, int], total: int,
                     unused: UnusedFinding | None = None) -> tuple[Directive, ...]:
    """The page's directives, in the order of their comments. With `unused`, each one that
    can be reported carries its unused-suppression finding, made here while the tree is at hand."""
    # [kind, rules, comment, start, end, reportable]; an enable moves the end of open ranges.
    found: list[list] = []
    open_ranges: list[list] = []
    for comment in comments:
        match = _DIRECTIVE.match(str(comment))
        if not match:
            continue
        kind, names = match.group(1), match.group(2)
        rules = frozenset(n for n in re.split(r"[\s,]+", names.strip()) if n)
        here = order.get(id(comment), 0)
        if kind == "enable":
            for d in open_ranges:
                if d[4] == total and (not rules or not d[1] or d[1] & rules):
                    if rules and d[1] - rules:
                        # Enabling some of the rules keeps the others disabled.
                        found.append(["disable", d[1] - rules, d[2], here, total, False])
                    d[4] = here
            continue
        if kind == "disable":
            end = total
        elif kind == "disable-block":
            parent = comment.parent
            end = last_order(parent, order) if parent is not None and parent.name != "[document]" else total
        else:  # disable-next: the next element and its subtree
            nxt = comment.find_next(lambda t: isinstance(t, dom.Tag))
            if nxt is None:
                here = end = -1
            else:
                here, end = order.get(id(nxt), 0), last_order(nxt, order)
        directive = [kind, rules, comment, here, end, True]
        found.append(directive)
        if kind == "disable":
            open_ranges.append(directive)
    root = _root_order(comments[0], order) if found else -1
    return tuple(_directive(kind, rules, start, end, unused(comment, kind, rules) if unused and reportable else None, root)
                 for kind, rules, comment, start, end, reportable in found)


def _root_order(comment: dom.Comment, order: dict[int, int]) -> int:
    root = comment.find_parent("html") or comment.find_next("html")
    return order.get(id(root), -1) if root is not None else -1


def _directive(kind: str, rules: frozenset[str], start: int, end: int, unused: Finding | None, root: int) -> Directive:
    if unused is None:
        return Directive(kind, rules, start, end, None, root)
    from auditor.registry import all_rules  # only for a page with directives

    known = all_rules()
    unknown = sorted(r for r in rules if r not in known)
    if not unknown:
        return Directive(kind, rules, start, end, unused, root)
    message = f"auditor-{kind} names unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: `auditor rules` lists them"
    return Directive(kind, rules, start, end, replace(unused, message=message), root, misnamed=True)


def apply(directives: tuple[Directive, ...], findings: list[Finding]) -> list[Finding]:
    """The findings no directive covers, then the unused-suppression finding of each
    directive that covered none of them."""
    if not directives:
        return findings
    used = [False] * len(directives)
    kept = []
    for finding in findings:
        hit = False
        for index, directive in enumerate(directives):
            if directive.covers(finding.rule, finding.order):
                used[index] = hit = True
        if not hit:
            kept.append(finding)
    kept += [d.unused for d, was_used in zip(directives, used) if d.unused is not None and (d.misnamed or not was_used)]
    return kept
