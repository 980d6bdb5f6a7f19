from __future__ import annotations

import bisect

from auditor import dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.linktext import link_text, normalize_link_text
from auditor.navigation import end_order, for_one_screen_size, has_role
from auditor.page import Page, attr
from auditor.rule import Option, Rule


def _link_signature(link: dom.Tag, page: Page) -> tuple[str, str]:
    return (attr(link, "href") or "").strip(), normalize_link_text(link_text(link, page))


class NavDuplicate(Rule):
    id = "nav-duplicate"
    family = "clutter"
    severity = Severity.NOTICE
    summary = "The same block of navigation links should appear once per page"
    impact = "minor"
    options = {
        "min-links": Option(5, "Blocks with fewer links than this are not compared."),
    }
    what = """
        Reports a navigation block (`<nav>`, `role="navigation"`, or a `ul`/`ol`/`menu`
        list) that repeats, link for link (same addresses and texts, same order), a block
        of at least `min-links` links (default 5) found earlier on the page. One repeated
        menu is one finding, on its outermost repeated block, not one per nested list.
        Hidden copies (a mobile menu with `display:none` or `hidden`) are not counted, nor
        are copies in an element whose classes show it at some screen sizes only (a class
        word "mobile" or "desktop", Bootstrap's `d-md-none` or `visible-xs`, Foundation's
        `hide-for-small`, Tailwind's `md:hidden`): a responsive menu and its small-screen
        copy are never shown together.
    """
    why = """
        Keyboard and screen-reader users go through every copy: a menu repeated in the
        header, the sidebar and the footer triples the links they tab past and the length
        of the links list their screen reader shows.
    """
    fix = """
        Keep one copy of the menu; if a second is needed for small screens, hide the unused
        one with `display:none` or `hidden` so assistive technology skips it.
    """

    def check(self, page):
        seen: dict[tuple, list[tuple[dom.Tag, int]]] = {}  # signature -> (block, end order) found so far
        repeat_ends = -1  # end order of the last repeat reported: the lists inside it are part of it
        # The links of a block are those between it and its last descendant in document
        # order: found by bisection, each link's signature made once (menus nest in menus).
        links = [a for a in page.by_name("a") if a.has_attr("href")]
        orders = [page.order_of(a) for a in links]
        signatures: list[tuple[str, str] | None] = [None] * len(links)
        blocks = [t for t in page.elements if t.name in ("nav", "ul", "ol", "menu") or has_role(t, "navigation")]
        for block in blocks:
            start, last = page.order_of(block), end_order(block, page)
            first = bisect.bisect_right(orders, start)
            end = bisect.bisect_right(orders, last)
            if end - first < self.config["min-links"] or start <= repeat_ends:
                continue  # too small, or inside a repeat already reported
            if is_hidden(block, page) or for_one_screen_size(block):
                continue  # not shown, or a copy shown at some screen sizes only
            for i in range(first, end):
                if signatures[i] is None:
                    signatures[i] = _link_signature(links[i], page)
            signature = tuple(signatures[first:end])
            earlier = seen.setdefault(signature, [])
            if any(page.order_of(e) < start <= e_last for e, e_last in earlier):
                continue  # the same block nested in itself (nav > ul)
            if earlier:
                line = page.location(earlier[0][0]).line
                yield self.finding(page, block, f"This block of {len(signature)} navigation links repeats the one "
                                                f"on line {line}: keep one copy")
                repeat_ends = last
            earlier.append((block, last))
