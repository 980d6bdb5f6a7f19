from __future__ import annotations

from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.navigation import (
    end_order,
    fragment_of,
    indicated_element,
    inside,
    is_skip_link,
    page_facts,
    scrolls_to_top,
)
from auditor.rule import Rule


class SkipLinkBroken(Rule):
    id = "skip-link-broken"
    family = "clutter"
    severity = Severity.ERROR
    summary = "A \"skip to content\" link must lead past the navigation to an element that exists"
    wcag = ("2.4.1",)
    impact = "serious"
    elements = ("a",)
    what = """
        Reports a skip link (a same-page link whose text starts with "Skip", "Jump to",
        "Go to content", "Aller au contenu", "Saltar al contenido"..., placed before the
        page's first link to another page or before its first navigation region, as
        axe-core and WebAIM define skip links) whose target does not exist, that goes to the top of the page (`#` or `#top`), whose target comes
        before the link itself, or whose target lands before the end of the first
        navigation block that follows the link (inside `<nav>` or `role="navigation"`,
        outside `<main>`). A same-page link further down whose text starts with "skip"
        (`<a href="#doctest.SKIP">SKIP</a>` in prose) is not a skip link.
    """
    why = """
        Keyboard and screen-reader users rely on the skip link to jump past dozens of menu
        links on every page. When its target is gone (a template change renamed the id),
        activating it does nothing, or moves focus back to the top, and they have to tab
        through the whole menu again.
    """
    fix = """
        Point the skip link at the element that starts the main content, usually
        `<main id="main">`, and check it again after template changes.
    """

    def visit(self, element, page):
        if not is_skip_link(element, page) or is_hidden(element, page):
            return
        fragment = fragment_of(element)
        target = indicated_element(fragment, page)
        if target is None:
            if scrolls_to_top(fragment):
                yield self.finding(page, element, f"Skip link goes to {'#' + fragment!r}, the top of the page: "
                                                  "point it at the main content")
            else:
                yield self.finding(page, element, f"Skip link target #{fragment} does not exist: point it at "
                                                  "the element that starts the main content")
            return
        if page.order_of(target) <= page.order_of(element):
            yield self.finding(page, element, f"Skip link target #{fragment} comes before the link: point it "
                                              "at the main content, after the navigation")
            return
        if inside(target, ("main",), ("main",)):
            return
        link_order = page.order_of(element)
        for nav in page_facts(page).navs:
            if page.order_of(nav) <= link_order or inside(nav, ("footer", "main"), ("contentinfo", "main")):
                continue
            if page.order_of(target) <= end_order(nav, page):
                yield self.finding(page, element, f"Skip link target #{fragment} is before the end of the "
                                                  "navigation it should skip: point it at the main content")
            return
