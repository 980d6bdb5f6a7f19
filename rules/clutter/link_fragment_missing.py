from __future__ import annotations

from auditor.finding import Severity
from auditor.navigation import fragment_of, indicated_element, is_back_to_top, is_skip_link, scrolls_to_top
from auditor.rule import Rule


class LinkFragmentMissing(Rule):
    id = "link-fragment-missing"
    family = "clutter"
    severity = Severity.ERROR
    summary = "Same-page links must point to an element that exists"
    wcag = ("2.4.4",)
    impact = "moderate"
    elements = ("a", "area")
    what = """
        Reports a same-page link (`href="#name"`) when no element has that id and no
        `<a name>` has that name. `#` and `#top` scroll to the top of the page by the HTML
        spec and are valid; fragments that look like client-side routes (`#/...`, `#!...`)
        are skipped. Skip links and back-to-top links are reported by `skip-link-broken`
        and `back-to-top`.
    """
    why = """
        A link to a missing anchor does nothing when activated: the reader of a long page
        who clicked "Funding" in the table of contents stays where they are, and a
        keyboard user's focus does not move.
    """
    fix = """
        Give the target element the id the link uses, or correct the link. Ids are case
        sensitive.
    """

    def visit(self, element, page):
        fragment = fragment_of(element)
        if fragment is None or scrolls_to_top(fragment) or fragment[:1] in ("/", "!"):
            return
        if indicated_element(fragment, page) is not None:
            return
        if is_skip_link(element, page) or is_back_to_top(element, page):
            return
        yield self.finding(page, element, f"No element has id or name {fragment!r}: add that id to the target, "
                                          "or fix the link")
