from __future__ import annotations

from auditor.aria import tabindex
from auditor.finding import Severity
from auditor.rule import Rule


class TabindexAboveZero(Rule):
    id = "tabindex"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Elements should not have a tabindex greater than 0"
    impact = "serious"
    attributes = ("tabindex",)
    what = """
        Reports an element whose `tabindex` is a positive number (`tabindex="1"`,
        `tabindex="5"`). `0` (focusable in document order) and `-1` (focusable by script
        only) are fine.
    """
    why = """
        A positive tabindex moves the element to the front of the Tab order, ahead of
        everything in document order. Keyboard and screen reader users then jump around
        the page in an order that matches neither the layout nor the reading order, and
        every later edit to the page makes it worse.
    """
    fix = """
        Remove the tabindex (or use `tabindex="0"`) and put the elements in the order they
        should be reached in the source.
    """

    def visit(self, element, page):
        if not element.has_attr("tabindex"):
            return
        value = tabindex(element)
        if value is not None and value > 0:
            yield self.finding(
                page, element,
                f"tabindex=\"{value}\" moves <{element.name}> ahead of the page's natural Tab order: "
                "use 0 or remove it, and order the source instead",
            )
