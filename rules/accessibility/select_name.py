from __future__ import annotations

from auditor.accname import accessible_name, is_hidden, role_of
from auditor.finding import Severity
from auditor.rule import Rule


class SelectName(Rule):
    id = "select-name"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Select boxes must have an accessible name (also checked by `label`)"
    wcag = ("4.1.2",)
    impact = "critical"
    elements = ("select",)
    enabled_by_default = False
    what = """
        Reports a `<select>` with no accessible name: no `<label>`, `aria-label`,
        `aria-labelledby` or `title`. The `label` rule (ACT e086e5) already reports
        unnamed select boxes along with every other form field, so this rule is off by
        default to avoid reporting one problem twice; select it for axe-core's
        `select-name` on its own.
    """
    why = """
        A screen reader announces an unnamed select box as "combo box" and its current
        option, so the user hears "combo box, 2008" and cannot tell what the choice is for.
    """
    fix = """
        Tie a visible `<label for>` to the select box (or wrap it in the label); use
        `aria-labelledby` when the visible label is elsewhere.
    """

    def visit(self, element, page):
        if is_hidden(element, page) or role_of(element, page) in (None, "presentation", "none"):
            return
        if not accessible_name(element, page):
            yield self.finding(page, element, "<select> has no accessible name: give it a <label>")
