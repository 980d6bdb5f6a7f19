from __future__ import annotations

from auditor.finding import Severity
from auditor.rule import Rule


class DuplicateAttribute(Rule):
    id = "duplicate-attribute"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "An element must not repeat an attribute"
    wcag = ("4.1.1",)
    act = ("e6952f",)
    impact = "minor"
    what = """
        Reports a start tag that gives the same attribute twice, read from the page source
        (parsers keep the first value and drop the rest without a word).
    """
    why = """
        Only the first value counts, so a second `alt`, `class` or `aria-label` added by a
        template or an editor is silently lost; what the author meant is not what users get.
        (WCAG 2.2 removed 4.1.1, but the lost values remain real bugs.)
    """
    fix = """
        Keep one of the attributes, with the value you mean.
    """

    def check(self, page):
        # html5lib reports each repeated attribute as a parse error; the page keeps them.
        for element in page.elements:
            repeated = page.duplicate_attributes(element)
            if repeated:
                listed = ", ".join(repeated)
                yield self.finding(page, element, f"<{element.name}> repeats the attribute{'s' if len(repeated) > 1 else ''} {listed}: keep one (only the first counts)")
