from __future__ import annotations

from auditor.finding import Severity
from auditor.headings import heading_level, headings
from auditor.rule import Rule


class HeadingOrder(Rule):
    id = "heading-order"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Heading levels should increase by one at a time"
    impact = "moderate"
    what = """
        Reports a heading whose level is more than one deeper than the heading before it,
        in document order: an `<h2>` followed by an `<h4>`. Going back up any number of
        levels is fine, and the page's first heading may have any level. `role="heading"`
        with `aria-level` counts; hidden headings do not.
    """
    why = """
        Screen reader users navigate by heading and hear each level. A jump from level 2 to
        level 4 suggests a missing section, and makes them wonder what they skipped. The
        outline is also what search engines and reader modes use.
    """
    fix = """
        Choose heading levels by the outline, not by their default size: use the next level
        down for a subsection, and restyle it with CSS if it looks too big.
    """

    def check(self, page):
        previous = None
        for element in headings(page):
            level = heading_level(element)
            if previous is not None and level > heading_level(previous) + 1:
                prev_level = heading_level(previous)
                yield self.finding(
                    page, element,
                    f"Heading level jumps from {prev_level} to {level}: use a level-{prev_level + 1} heading here, "
                    "or restructure the outline",
                )
            previous = element
