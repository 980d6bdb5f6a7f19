"""Markup that parsers repair silently: repeated ids and repeated attributes."""

from __future__ import annotations

from auditor.finding import Severity
from auditor.page import attr
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
    bad_example = """
        <img src="logo.png" alt="" alt="Women in Development">
    """
    good_example = """
        <img src="logo.png" alt="Women in Development">
    """
    fix = """
        Keep one of the attributes, with the value you mean.
    """

    def check(self, page):
        for element in page.elements:
            repeated = page.duplicate_attributes(element)
            if repeated:
                listed = ", ".join(repeated)
                yield self.finding(page, element, f"<{element.name}> repeats the attribute{'s' if len(repeated) > 1 else ''} {listed}: keep one (only the first counts)")


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
    bad_example = """
        <div id="label">Name</div>
        <span id="label">City</span>
    """
    good_example = """
        <div id="name-label">Name</div>
        <span id="city-label">City</span>
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
