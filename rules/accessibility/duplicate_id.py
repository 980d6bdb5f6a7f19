from __future__ import annotations

from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


class DuplicateId(Rule):
    id = "duplicate-id"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "id values must be unique in the page"
    wcag = ("4.1.1",)
    act = ("3ea0c8",)
    impact = "minor"
    attributes = ("id",)
    what = """
        Reports an element whose `id` is already used by an earlier element of the page
        (ids of frames' documents and shadow trees are separate and not compared).
    """
    why = """
        Labels, `aria-labelledby`, `aria-describedby` and in-page links find the first
        element with the id; the others are unreachable, and a form field may be named by
        the wrong label. (WCAG 2.2 removed 4.1.1; the broken references remain.)
    """
    fix = """
        Give each element its own id, and update the references (`for`, `aria-*`, `#links`).
    """

    def visit(self, element, page):
        value = attr(element, "id")
        if not value:
            return
        first = page.ids.get(value)
        if first is not None and first is not element:
            yield self.finding(page, element, f"id=\"{value}\" is already used by an earlier <{first.name}>: give each element its own id")
