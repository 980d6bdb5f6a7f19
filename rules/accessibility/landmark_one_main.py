from __future__ import annotations

from auditor import dom
from auditor.finding import Severity
from auditor.landmarks import landmarks
from auditor.rule import Rule


def _root(page) -> dom.Tag | None:
    return page.soup.find("html") or page.soup.find("body")


class LandmarkOneMain(Rule):
    id = "landmark-one-main"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "The page should have a main landmark"
    impact = "moderate"
    what = """
        Reports a page with no main landmark: no `<main>` element and no element with
        `role="main"` exposed to assistive technology. Frameset pages are not checked.
    """
    why = """
        Screen reader users jump to the main landmark to skip the header and navigation
        that repeat on every page. Without one they must tab or read through all of it, or
        rely on a skip link.
    """
    fix = """
        Wrap the page's main content (not the header, navigation or footer) in `<main>`.
        On a legacy template, putting `role="main"` on the content cell or container works
        too.
    """

    def check(self, page):
        if page.first("body") is None or page.first("frameset") is not None:
            return
        if any(role == "main" for _, role in landmarks(page)):
            return
        yield self.finding(page, _root(page), "The page has no main landmark: wrap its main content in <main>")
