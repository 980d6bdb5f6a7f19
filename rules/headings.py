"""Heading structure: levels that do not skip, a level-one heading, and no empty headings.

Screen reader users skim a page by its headings (a list of them, or jumping from one to the
next); the levels are the page's outline.
"""

from __future__ import annotations

import re

from auditor import dom
from auditor.accname import accessible_name, is_hidden, role_of
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule

_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEVEL = re.compile(r"^\s*\+?(\d+)\s*$")


def heading_level(element: dom.Tag) -> int:
    """The outline level: a valid aria-level wins, then the h1-h6 number, else 2 (ARIA's default)."""
    match = _LEVEL.match(attr(element, "aria-level") or "")
    if match and int(match.group(1)) >= 1:
        return int(match.group(1))
    if element.name in _HEADING_TAGS:
        return int(element.name[1])
    return 2


def headings(page) -> list[dom.Tag]:
    """The page's headings exposed to assistive technology, in document order; found once
    per page (kept on it) for the rules that ask."""
    return page.derived("headings", _find_headings)


def _find_headings(page) -> list[dom.Tag]:
    return [element for element in page.elements
            if (element.name in _HEADING_TAGS or "role" in element.attrs)
            and role_of(element, page) == "heading" and not is_hidden(element, page)]


def _tag(element: dom.Tag) -> str:
    return f"<{element.name}>" if element.name in _HEADING_TAGS and not element.has_attr("aria-level") \
        else f"level-{heading_level(element)} heading"


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
    bad_example = """
        <h1>Trafficking in Persons</h1>
        <h3>Current Activities</h3>
    """
    good_example = """
        <h1>Trafficking in Persons</h1>
        <h2>Current Activities</h2>
        <h3>Technical Assistance</h3>
        <h2>Key Publications</h2>
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


class EmptyHeading(Rule):
    id = "empty-heading"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Headings must have text"
    impact = "minor"
    elements = _HEADING_TAGS
    attributes = ("role",)
    what = """
        Reports a heading (`<h1>`-`<h6>` or `role="heading"`) that has no accessible name:
        no text, no image with alt text inside, no `aria-label`. Hidden headings are not
        reported.
    """
    why = """
        Screen readers list headings for navigation; an empty one is announced as "heading
        level 2" with nothing after it, a stop that leads nowhere. Empty headings are often
        left over from a content editor, or used only for spacing.
    """
    bad_example = """
        <h2></h2>
        <h3><img src="/images/spacer.gif" alt=""></h3>
    """
    good_example = """
        <h2>Key Publications</h2>
        <h3><img src="/images/pubs_title.gif" alt="Publications"></h3>
    """
    fix = """
        Give the heading text, or remove it; use CSS margins instead of empty headings for
        spacing.
    """

    def visit(self, element, page):
        if element.name not in _HEADING_TAGS and not element.has_attr("role"):
            return
        if role_of(element, page) != "heading" or is_hidden(element, page):
            return
        if not accessible_name(element, page):
            yield self.finding(page, element, f"{_tag(element).capitalize()} is empty: give it text or remove it")


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
    bad_example = """
        <h2>Trafficking in Persons</h2>
        <p>USAID plays a key role...</p>
    """
    good_example = """
        <h1>Trafficking in Persons</h1>
        <p>USAID plays a key role...</p>
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
