from __future__ import annotations

import re
from urllib.parse import urlsplit

from auditor import dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.linktext import normalize_link_text
from auditor.navigation import end_order
from auditor.page import Page, attr, text_of
from auditor.rule import Rule

_BREADCRUMB_LABEL = re.compile(r"breadcrumb|crumbs|fil d.ariane|miga", re.I)
_SEPARATORS = set("»›>→/|\\·•:-–—")
_STRONG_SEPARATORS = set("»›>→")
_HOME_TEXT = frozenset({"home", "home page", "homepage", "accueil", "inicio", "portada"})
# The elements a breadcrumb trail is written in.
_TRAIL_ELEMENTS = frozenset({"nav", "div", "ol", "ul", "p", "span", "td", "li", "section", "header"})
_MARKING = ("aria-label", "class", "id", "itemtype")
# Those attributes hold the source's text with character references decoded. A page whose
# source spells no hint of _BREADCRUMB_LABEL, and writes none of its letters as a reference,
# has no marked element, so none of its elements is asked (most pages). The hints are looked
# for with `in` in the lower-cased source (a case-blind regex over a whole page costs more than
# the check it saves); "İ" and "ı", which the label's regex reads as "i" but which do not
# lower-case to it, send the page to the full check.
_BREADCRUMB_HINTS = ("crumb", "miga", "ariane", "&idot;", "&imath;", "&inodot;")
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))")
_HINT_LETTERS = re.compile(r"[abceginmru]", re.I)


def _may_mark_breadcrumbs(page: Page) -> bool:
    text = page.text
    if "İ" in text or "ı" in text:
        return True
    lowered = text.lower()
    if any(hint in lowered for hint in _BREADCRUMB_HINTS):
        return True
    for match in _NUMERIC_REFERENCE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if code < 0x110000 and _HINT_LETTERS.search(chr(code)):
            return True
    return False


def _is_marked_breadcrumb(element: dom.Tag) -> bool:
    attrs = element.attrs
    # Most elements are asked, most have a class: read attrs directly rather than by attr().
    labels = []
    for key in _MARKING:
        if key in attrs:
            value = attrs[key]
            text = " ".join(value) if isinstance(value, list) else value
            if text:
                labels.append(text)
    return bool(labels) and bool(_BREADCRUMB_LABEL.search(" ".join(labels)))


def _is_separator(text: str) -> bool:
    text = "".join(text.split())
    return bool(text) and all(ch in _SEPARATORS for ch in text)


def _own_texts(container: dom.Tag):
    """Text nodes of the container that are not inside one of its links."""
    for node in container.descendants:
        if isinstance(node, dom.NavigableString) and not isinstance(node, dom.Comment) and node.strip():
            if node.find_parent("a") is None or container.find_parent("a") is not None:
                yield node


def _is_link_run(element: dom.Tag) -> bool:
    """A run of 2+ links joined only by separators, that looks like a trail from the home page."""
    links, separators = [], ""
    for child in element.children:
        if isinstance(child, dom.Comment):
            continue
        if isinstance(child, dom.NavigableString):
            if child.strip() and not _is_separator(child):
                return False
            separators += child.strip()
        elif child.name == "a" and child.has_attr("href"):
            links.append(child)
        elif child.name not in ("br", "span"):
            return False
        else:
            text = text_of(child)
            if text and not _is_separator(text):
                return False
    if len(links) < 2 or not separators:
        return False
    if any(ch in _STRONG_SEPARATORS for ch in separators):
        return True
    # "/" and "|" also join footer menus: ask for a trail that starts at the home page.
    first = links[0]
    return attr(first, "href").strip() in ("/", "./", "index.html") or text_of(first).lower() in _HOME_TEXT


def _is_current_page(link: dom.Tag, page: Page) -> bool:
    href = (attr(link, "href") or "").strip()
    if href in ("", "#"):
        return True
    if page.url and href == page.url:
        return True
    try:
        link_file = urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]
    except ValueError:
        return False
    own_file = (page.path or page.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    if link_file and own_file and link_file == own_file:
        return True
    heading = page.soup.find("h1")
    return heading is not None and normalize_link_text(text_of(heading)) == normalize_link_text(text_of(link))


class BreadcrumbDangling(Rule):
    id = "breadcrumb-dangling"
    family = "clutter"
    severity = Severity.WARNING
    summary = "Breadcrumbs must end with the current page, not a separator"
    wcag = ("2.4.8",)
    impact = "minor"
    what = """
        Finds breadcrumb trails (an element whose `aria-label`, class, id or `itemtype`
        says breadcrumb, or a run of two or more links joined only by `»`, `›`, `>`, or by
        `/` or `|` when the first link is the home page) and reports one that ends in a
        separator with no current page after it ("Home » Gender » Integrating Gender »"),
        or whose last item links to the current page without `aria-current="page"`.
    """
    why = """
        A trail that ends in "»" reads as cut off: screen readers announce the stray
        character, and nobody can tell which page they are on. A link to the page itself
        without `aria-current` is announced as one more place to go, and reloads the page.
    """
    fix = """
        End the trail with the current page's name, as plain text or as a link marked
        `aria-current="page"`, and draw separators with CSS so they are not read aloud.
    """

    def check(self, page):
        # A page-level pass, not a visit of every container: a trail is marked, or has two
        # or more links as children (a run of links), and few elements are either.
        link_children: dict[int, int] = {}
        for link in page.by_name("a"):
            if link.has_attr("href"):
                link_children[id(link.parent)] = link_children.get(id(link.parent), 0) + 1
        marks = _may_mark_breadcrumbs(page)
        for element in page.elements:
            if element.name in _TRAIL_ELEMENTS and (link_children.get(id(element), 0) >= 2
                                                    or (marks and _is_marked_breadcrumb(element))):
                yield from self._judge(element, page)

    def _judge(self, element, page):
        marked = _is_marked_breadcrumb(element)
        if not marked and not _is_link_run(element):
            return
        if any(_is_marked_breadcrumb(a) for a in element.parents if isinstance(a, dom.Tag)):
            return  # the outer breadcrumb is the one reported
        if not marked and isinstance(element.parent, dom.Tag) and _is_link_run(element.parent):
            return
        links = element.find_all("a", href=True)
        if not links or is_hidden(element, page):
            return
        last = links[-1]
        last_order = end_order(last, page)
        trailing = "".join(str(t) for t in _own_texts(element) if page.order_of(t) > last_order).strip()
        if trailing and _is_separator(trailing):
            yield self.finding(page, element, f"Breadcrumb ends in {trailing!r} with no current page: end it with "
                                              "the current page's name, or remove the separator")
        elif not trailing and attr(last, "aria-current") in (None, "false") and _is_current_page(last, page):
            yield self.finding(page, element, "Breadcrumb ends with a link to the current page: mark it "
                                              "aria-current=\"page\" or make it plain text")
