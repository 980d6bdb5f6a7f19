from __future__ import annotations

from auditor.finding import Severity
from auditor.rule import Rule


class Blink(Rule):
    id = "blink"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "<blink> must not be used"
    wcag = ("2.2.2",)
    impact = "serious"
    elements = ("blink",)
    what = "Reports every `<blink>` element."
    why = """
        Blinking text cannot be paused by the user, is hard to read, and distracts people
        with attention or cognitive disabilities. Browsers no longer blink it, but the
        element shows the author meant it to, and it is obsolete in HTML.
    """
    fix = "Replace `<blink>` with `<strong>` or styled static text."

    def visit(self, element, page):
        yield self.finding(page, element, "<blink> makes text flash: replace it with <strong> or static styling")
