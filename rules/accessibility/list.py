from __future__ import annotations

from auditor import dom
from auditor.accname import is_hidden
from auditor.aria import explicit_role
from auditor.finding import Severity
from auditor.lists import SCRIPT_SUPPORTING, described, has_role_attr, significant_children
from auditor.rule import Rule


class ListStructure(Rule):
    id = "list"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Lists (<ul>, <ol>) must contain only <li>, <script> and <template> elements"
    wcag = ("1.3.1",)
    impact = "serious"
    elements = ("ul", "ol")
    what = """
        Reports a `<ul>` or `<ol>` (without a `role` attribute) that has a direct child other
        than `<li>`, `<script>` or `<template>`: another element, a nested list placed
        directly in the list, loose text, or an `<li>` whose `role` takes its list-item
        meaning away. Hidden children are ignored.
    """
    why = """
        Screen readers announce a list with its number of items and let users move item by
        item. Children that are not list items are skipped in that count or announced out
        of place, so the structure the page shows is not the one users hear.
    """
    fix = """
        Wrap each piece of content in its own `<li>`; put a nested list inside the `<li>`
        it belongs to. If the element is not really a list, use another element.
    """

    def visit(self, element, page):
        if has_role_attr(element):
            return
        # is_hidden climbs to the root: asked last, only of what would be reported.
        bad = []
        for child in significant_children(element):
            if isinstance(child, dom.NavigableString):
                bad.append(child)
            elif child.name not in SCRIPT_SUPPORTING:
                role = explicit_role(child)
                stray = role not in (None, "listitem") if child.name == "li" else role != "listitem"
                if stray and not is_hidden(child):
                    bad.append(child)
        if bad and not is_hidden(element):
            yield self.finding(
                page, element,
                f"<{element.name}> has direct children that are not list items ({described(bad)}): wrap them in <li>",
            )
