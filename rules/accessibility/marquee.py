from __future__ import annotations

from auditor.finding import Severity
from auditor.rule import Rule


class Marquee(Rule):
    id = "marquee"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "<marquee> must not be used"
    wcag = ("2.2.2",)
    impact = "serious"
    elements = ("marquee",)
    what = "Reports every `<marquee>` element."
    why = """
        Scrolling text cannot be paused, stopped or hidden by the user. It is hard or
        impossible to read for people with low vision, reading or attention difficulties,
        and distracts from the rest of the page. The element is obsolete in HTML.
    """
    fix = "Replace the `<marquee>` with static text."

    def visit(self, element, page):
        yield self.finding(page, element, "<marquee> scrolls text that users cannot pause: replace it with static text")
