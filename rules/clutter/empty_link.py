"""Ownership with the accessibility family's `link-name` rule (ACT c487ae): `empty-link` owns
links with no content at all (no text, no child elements) and no name from attributes;
`link-name` owns links that have content (an image, an icon, a span) yet no name. One
problem is therefore reported once.
"""

from __future__ import annotations

from auditor.accname import accessible_name, has_content, is_hidden
from auditor.finding import Severity
from auditor.rule import Rule


class EmptyLink(Rule):
    id = "empty-link"
    family = "clutter"
    severity = Severity.ERROR
    summary = "Links must not be empty"
    wcag = ("2.4.4", "4.1.2")
    act = ("c487ae",)
    impact = "serious"
    elements = ("a",)
    what = """
        Reports a link (`<a href>`) with no content at all (no text, no child element) and
        no accessible name from `aria-label`, `aria-labelledby` or `title`, typically an
        icon font link or a leftover from a removed widget. A link that has content but no
        name (an image without alt, an icon `<span>`) is reported by the accessibility
        family's `link-name` rule instead, so one problem yields one finding. Hidden links
        and named anchors without `href` (`<a name="top"></a>`) are not links here.
    """
    why = """
        Screen readers announce an empty link as "link" followed by its address, or skip
        it; keyboard users land on a focus ring around nothing. It usually means a widget
        was removed and its link left behind.
    """
    fix = """
        Delete the link if it is a leftover; otherwise give it text, or an `aria-label`
        when the visible part is an icon drawn by CSS.
    """

    def visit(self, element, page):
        if not element.has_attr("href") or has_content(element) or is_hidden(element, page):
            return
        if accessible_name(element, page):
            return
        yield self.finding(page, element, "Link has no content and no accessible name: give it text or an "
                                          "aria-label, or delete it")
