from __future__ import annotations

from auditor import dom
from auditor.document import html_root
from auditor.finding import Severity
from auditor.page import text_of
from auditor.rule import Rule


def _outside_document(element: dom.Tag) -> bool:
    """Inside <template> (inert) or <svg> (an SVG's own title)."""
    return any(p.name in ("template", "svg", "math") for p in element.parents if isinstance(p, dom.Tag))


class DocumentTitle(Rule):
    id = "document-title"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The page must have a non-empty <title>"
    wcag = ("2.4.2",)
    act = ("2779a5",)
    impact = "serious"
    what = """
        Reports an HTML page with no `<title>` element, or whose first `<title>` holds only
        whitespace. Titles inside `<template>` or `<svg>` do not count.
    """
    why = """
        The title is the first thing a screen reader announces and what tabs, bookmarks,
        history and search results show; without it users cannot tell pages apart.
    """
    fix = """
        Put one `<title>` in `<head>` that says what the page is, most specific part first.
    """

    def check(self, page):
        root = html_root(page)
        if root is None:
            return
        titles = [t for t in page.by_name("title") if not _outside_document(t)]
        if not titles:
            yield self.finding(page, root, "The page has no <title>: add one that says what the page is")
        elif not text_of(titles[0]):
            yield self.finding(page, titles[0], "The page's <title> is empty: say what the page is")
