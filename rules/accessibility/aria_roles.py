from __future__ import annotations

from auditor import aria
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


class AriaValidRole(Rule):
    id = "aria-roles"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The role attribute must contain a valid, non-abstract WAI-ARIA role"
    wcag = ("1.3.1", "4.1.2")
    act = ("674b10",)
    impact = "critical"
    attributes = ("role",)
    what = """
        Reports an element whose `role` attribute has no token that is a defined,
        non-abstract role of WAI-ARIA 1.2, DPUB-ARIA or Graphics ARIA (a typo such as
        `role="lnik"`, or an abstract role such as `role="widget"`).
    """
    why = """
        Browsers ignore a role they do not know, so the element keeps its plain semantics:
        a span meant as a link is announced as text, and a screen reader user cannot tell
        that it does anything.
    """
    fix = """
        Correct the role's spelling, or use a native element (`<button>`, `<a href>`).
        Several tokens act as fallbacks: the first valid one is used.
    """

    def visit(self, element, page):
        tokens = aria.role_tokens(element)
        if not tokens or is_hidden(element, page):
            return
        if not any(aria.is_valid_role(token) for token in tokens):
            yield self.finding(page, element, f"role=\"{attr(element, 'role').strip()}\" is not a valid WAI-ARIA role: use a defined, non-abstract role")
