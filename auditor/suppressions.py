"""Inline directives in HTML comments, in the style of html-validate.

    <!-- auditor-disable rule-a, rule-b -- reason -->   off until the end of the page
    <!-- auditor-enable rule-a -->                      back on
    <!-- auditor-disable-block rule-a -->               off to the end of the enclosing element
    <!-- auditor-disable-next rule-a -->                off for the next element (and inside it)

Without rule ids a directive covers every rule. Directives work on document order (the
engine numbers every node in its one walk), so they apply to findings by element, not line.
A disable that suppressed nothing is reported by the engine as `unused-suppression`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor import dom

_DIRECTIVE = re.compile(
    r"^\s*auditor-(disable-block|disable-next|disable|enable)\b(.*?)(?:\s--\s?(.*))?\s*$", re.DOTALL
)


@dataclass
class Directive:
    kind: str
    rules: frozenset[str]  # empty: every rule
    comment: dom.Comment
    start: int  # document order where it takes effect
    end: int  # last document order it covers
    used: bool = field(default=False)

    def covers(self, rule: str, order: int) -> bool:
        if self.rules and rule not in self.rules:
            return False
        if order < 0:  # a finding about the whole page: only a page-wide disable covers it
            return self.kind == "disable"
        return self.start <= order <= self.end


def _last_order(node, order: dict[int, int]) -> int:
    last = node
    while isinstance(last, dom.Tag) and last.contents:
        last = last.contents[-1]
    return order.get(id(last), 0)


def parse_directives(comments: list[dom.Comment], order: dict[int, int], total: int) -> list[Directive]:
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    for comment in comments:
        match = _DIRECTIVE.match(str(comment))
        if not match:
            continue
        kind, names = match.group(1), match.group(2)
        rules = frozenset(n for n in re.split(r"[\s,]+", names.strip()) if n)
        here = order.get(id(comment), 0)
        if kind == "enable":
            for d in open_ranges:
                if d.end == total and (not rules or not d.rules or d.rules & rules):
                    if rules and d.rules - rules:
                        # Enabling some of the rules keeps the others disabled.
                        directives.append(Directive("disable", d.rules - rules, d.comment, here, total, used=True))
                    d.end = here
            continue
        if kind == "disable":
            end = total
        elif kind == "disable-block":
            parent = comment.parent
            end = _last_order(parent, order) if parent is not None and parent.name != "[document]" else total
        else:  # disable-next: the next element and its subtree
            nxt = comment.find_next(lambda t: isinstance(t, dom.Tag))
            if nxt is None:
                here = end = -1
            else:
                here, end = order.get(id(nxt), 0), _last_order(nxt, order)
        directive = Directive(kind, rules, comment, here, end)
        directives.append(directive)
        if kind == "disable":
            open_ranges.append(directive)
    return directives


def is_suppressed(directives: list[Directive], rule: str, order: int) -> bool:
    hit = False
    for d in directives:
        if d.covers(rule, order):
            d.used = True
            hit = True
    return hit
