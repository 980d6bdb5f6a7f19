"""Which elements are headings, and their levels, for the heading rules.

Screen reader users skim a page by its headings (a list of them, or jumping from one to the
next); the levels are the page's outline.
"""

from __future__ import annotations

import re

from auditor import dom
from auditor.accname import is_hidden, role_of
from auditor.page import attr

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEVEL = re.compile(r"^\s*\+?(\d+)\s*$")


def heading_level(element: dom.Tag) -> int:
    """The outline level: a valid aria-level wins, then the h1-h6 number, else 2 (ARIA's default)."""
    match = _LEVEL.match(attr(element, "aria-level") or "")
    if match and int(match.group(1)) >= 1:
        return int(match.group(1))
    if element.name in HEADING_TAGS:
        return int(element.name[1])
    return 2


def headings(page) -> list[dom.Tag]:
    """The page's headings exposed to assistive technology, in document order; found once
    per page (kept on it) for the rules that ask."""
    return page.derived("headings", _find_headings)


def _find_headings(page) -> list[dom.Tag]:
    return [element for element in page.elements
            if (element.name in HEADING_TAGS or "role" in element.attrs)
            and role_of(element, page) == "heading" and not is_hidden(element, page)]
