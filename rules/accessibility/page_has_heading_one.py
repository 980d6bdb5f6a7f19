from __future__ import annotations

from auditor.finding import Severity
from auditor.headings import heading_level, headings
from auditor.rule import Rule


class PageHasHeadingOne(Rule):
    id = "page-has-heading-one"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "The page should have a level-one heading"
    impact = "moderate"
    what = """
        Reports a page that has no level-one heading (`<h1>`, or `role="heading"` with
        `aria-level="1"`) exposed to assistive technology. Pages without a `<body>` (frameset
        documents, fragments) are not checked.
    """
    why = """
        The `<h1>` tells screen reader users where the main content starts and what the page
        is about; many jump straight to it. Without one they have to guess among lower-level
        headings or read from the top.
    """
    fix = "Mark the page's main title, at the start of the main content, as `<h1>`."

    def check(self, page):
        body = page.first("body")
        if body is None or any(any(up is body for up in f.parents) for f in page.by_name("frameset")):
            return
        if any(heading_level(h) == 1 for h in headings(page)):
            return
        root = page.first("html") or body
        yield self.finding(page, root, "The page has no level-one heading: mark its main title as <h1>")
