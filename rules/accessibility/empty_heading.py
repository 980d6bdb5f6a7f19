from __future__ import annotations

from auditor import dom
from auditor.accname import accessible_name, is_hidden, role_of
from auditor.finding import Severity
from auditor.headings import HEADING_TAGS, heading_level
from auditor.rule import Rule


def _tag(element: dom.Tag) -> str:
    return f"<{element.name}>" if element.name in HEADING_TAGS and not element.has_attr("aria-level") \
        else f"level-{heading_level(element)} heading"


class EmptyHeading(Rule):
    id = "empty-heading"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Headings must have text"
    impact = "minor"
    elements = HEADING_TAGS
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
    fix = """
        Give the heading text, or remove it; use CSS margins instead of empty headings for
        spacing.
    """

    def visit(self, element, page):
        if element.name not in HEADING_TAGS and not element.has_attr("role"):
            return
        if role_of(element, page) != "heading" or is_hidden(element, page):
            return
        if not accessible_name(element, page):
            yield self.finding(page, element, f"{_tag(element).capitalize()} is empty: give it text or remove it")
