"""The base class of the rules that ask an element of some kind for an accessible name."""

from __future__ import annotations

from auditor.accname import accessible_name, is_hidden
from auditor.finding import Severity
from auditor.rule import Rule
from auditor.tags import tag_text


class NameRule(Rule):
    """An element of some kind must have a non-empty accessible name."""

    family = "accessibility"
    severity = Severity.ERROR
    impact = "critical"
    noun = "element"
    advice = "give it an aria-label or visible text"

    def applies(self, element, page) -> bool:  # pragma: no cover - every subclass overrides
        return False

    def visit(self, element, page):
        if not self.applies(element, page) or is_hidden(element, page):
            return
        if not accessible_name(element, page).strip():
            yield self.finding(page, element, f"{self.noun[0].upper()}{self.noun[1:]} {tag_text(element)} has no accessible name: {self.advice}")
