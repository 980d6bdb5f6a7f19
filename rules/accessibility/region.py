from __future__ import annotations

from auditor import dom
from auditor.accname import is_hidden
from auditor.aria import explicit_role
from auditor.finding import Severity
from auditor.landmarks import landmark_role, landmarks
from auditor.navigation import page_facts
from auditor.page import attr
from auditor.rule import Rule

# Roles whose content axe-core and screen readers treat as a region of its own.
_REGION_LIKE = frozenset({"dialog", "alertdialog", "alert", "log", "status"})
# Elements that are content by themselves, even without text.
_CONTENT_ELEMENTS = frozenset({"img", "iframe", "object", "embed", "video", "audio", "canvas", "svg", "math",
                               "button", "select", "textarea", "input", "progress", "meter"})


def _has_own_content(element: dom.Tag, page) -> bool:
    """Content at this level: its own non-blank text, or an element that is content by itself."""
    if element.name in _CONTENT_ELEMENTS:
        return not (element.name == "input" and (attr(element, "type") or "").lower() == "hidden")
    if (attr(element, "aria-label") or "").strip():
        return True
    # Exact type: comments and other NavigableString subclasses are not content.
    return any(type(c) is dom.NavigableString and c.strip() for c in element.children)


def _is_skip_link(element: dom.Tag, page, skip_before: int) -> bool:
    if element.name != "a":
        return False
    href = (attr(element, "href") or "").strip()
    if len(href) < 2 or not href.startswith("#") or page.order_of(element) > skip_before:
        return False
    target = href[1:]
    return target in page.ids or any(attr(a, "name") == target for a in page.by_name("a"))


class Region(Rule):
    id = "region"
    family = "accessibility"
    severity = Severity.NOTICE
    summary = "All content should be inside a landmark"
    impact = "moderate"
    what = """
        Reports content that is outside every landmark: the outermost element that holds
        text, images or controls and has no landmark inside it. A skip link at the top of
        the page is allowed, and so is content in dialogs and live regions. A page with no
        landmark at all gets one notice (on `<body>`) instead of one per block. This is a
        notice: legacy layout-table pages have no landmarks, and it is a best practice,
        not a WCAG failure.
    """
    why = """
        Screen reader users move around a page by landmark. Content outside every landmark
        is skipped by that navigation, and can only be found by reading linearly.
    """
    fix = """
        Put every part of the page in a landmark: `<header>` for the site header, `<nav>`
        for menus and breadcrumbs, `<main>` for the content, `<aside>` for related
        material, `<footer>` for the footer.
    """

    def check(self, page):
        body = page.soup.find("body")
        if body is None:
            return
        skip_before = page_facts(page).first_page_link
        try:
            found, _ = self._walk(body, body, page, skip_before)
        except RecursionError:
            return
        if not found:
            return
        if not landmarks(page):
            yield self.finding(
                page, body,
                "None of the page's content is inside a landmark: mark up the header, navigation, main content "
                "and footer with <header>, <nav>, <main> and <footer>",
            )
            return
        for element in found:
            yield self.finding(
                page, element,
                f"<{element.name}> holds content outside every landmark: move it into one, or make it a landmark",
            )

    def _walk(self, element: dom.Tag, body: dom.Tag, page, skip_before: int) -> tuple[list[dom.Tag], bool]:
        """(outermost elements with content outside landmarks, whether a region is inside)."""
        if element is not body and (self._is_region(element, page) or is_hidden(element, page)
                                    or _is_skip_link(element, page, skip_before)):
            return [], True
        if element is not body and _has_own_content(element, page):
            return [element], False
        found: list[dom.Tag] = []
        has_region = False
        for child in element.children:
            if isinstance(child, dom.Tag):
                sub, region = self._walk(child, body, page, skip_before)
                found.extend(sub)
                has_region = has_region or region
        if found and not has_region and element is not body:
            return [element], False
        return found, has_region

    @staticmethod
    def _is_region(element: dom.Tag, page) -> bool:
        live = (attr(element, "aria-live") or "").strip().lower()
        if live in ("polite", "assertive") or explicit_role(element) in _REGION_LIKE:
            return True
        if element.name == "dialog":
            return True
        return landmark_role(element, page) is not None
