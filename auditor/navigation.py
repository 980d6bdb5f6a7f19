"""What the navigation rules share: same-page links, skip links, back-to-top links, and the
page's navigation regions.

A skip link is a same-page link whose text says it skips to the content, placed before what
it skips: before the page's first link to another page (axe-core's definition) or before
its first navigation region outside main and footer (WebAIM: at the top of the page, ahead
of the navigation). A same-page link further down whose text happens to start with "skip"
(`<a href="#doctest.SKIP">SKIP</a>` in prose) is an ordinary link.

Same-page links follow the HTML spec's "indicated part of the document": an element whose
id is the fragment, else an `<a name>` with it, each tried raw and percent-decoded; the
empty fragment and `top` (any case) scroll to the top and are always valid. Skip links and
back-to-top links are owned by their own rules, so a missing target is reported once.
"""

from __future__ import annotations

import re
from functools import cached_property
from urllib.parse import unquote

from auditor import dom
from auditor.linktext import link_name, normalize_link_text
from auditor.page import Page, attr, text_of

SKIP_TEXT = re.compile(
    r"^(skip|jump)\b|^(go|move) to (the )?(main )?content|^(aller|passer|accéder) (directement )?au contenu"
    r"|^(saltar|ir) (directamente )?al contenido", re.I)
BACK_TO_TOP_TEXT = re.compile(
    r"^((back|return|go|jump|scroll) )?(up )?to (the )?top( of (the )?page)?$|^top( of (the )?page)?$"
    r"|^(retour|revenir|remonter) en haut( de (la )?page)?$|^haut de (la )?page$|^remonter$"
    r"|^(volver|ir|subir) (arriba|al inicio)$|^arriba$|^inicio de (la )?página$", re.I)

NOWHERE = 1 << 62  # the document order of what the page does not have


# Class names that show an element at some screen sizes only: a word "mobile" or "desktop"
# ("mobile-nav", "menu_desktop"), and the visibility utilities of Bootstrap ("d-md-none",
# "visible-xs"), Foundation ("hide-for-small-only") and Tailwind ("md:hidden").
_ONE_SCREEN_SIZE = re.compile(
    r"(^|[-_])(mobile|desktop)([-_]|$)|^d-(sm|md|lg|xl|xxl)-\w+$|^(visible|hidden)-(xs|sm|md|lg|xl)\b"
    r"|^(show|hide)-for-(small|medium|large)\b|^(max-)?(sm|md|lg|xl|2xl):hidden$", re.I)
_BREAKPOINT_DISPLAY = re.compile(r"^(sm|md|lg|xl|2xl):(block|flex|grid|inline|inline-block|inline-flex|table)$")


def for_one_screen_size(element: dom.Tag) -> bool:
    """Whether the element or an ancestor is marked, by its classes, to show at some screen
    sizes only: a menu and its copy for small screens are never shown together."""
    node = element
    while isinstance(node, dom.Tag):
        classes = (attr(node, "class") or "").split()
        if any(_ONE_SCREEN_SIZE.search(c) for c in classes) or (
                "hidden" in classes and any(_BREAKPOINT_DISPLAY.match(c) for c in classes)):
            return True
        node = node.parent
    return False


class _PageFacts:
    """Facts derived from one page, each computed when first asked (most pages need only
    some), kept on the page."""

    def __init__(self, page: Page):
        self.page = page

    @cached_property
    def names(self) -> dict[str, dom.Tag]:
        names: dict[str, dom.Tag] = {}
        for anchor in (a for a in self.page.by_name("a") if a.has_attr("name")):
            names.setdefault(attr(anchor, "name"), anchor)
        return names

    @cached_property
    def navs(self) -> list[dom.Tag]:
        return [n for n in self.page.elements if n.name == "nav" or has_role(n, "navigation")]

    @cached_property
    def first_page_link(self) -> int:
        """Document order of the first link to another page (axe-core's skip links come before it)."""
        page_links = (a for a in self.page.by_name("a") if a.has_attr("href") and leads_elsewhere(a))
        return next((self.page.order_of(a) for a in page_links), NOWHERE)

    @cached_property
    def skip_links_before(self) -> int:
        """Document order a skip link must come before: the later of the first link to another
        page and the first navigation region outside main and footer (no limit without either)."""
        first_nav = next((self.page.order_of(n) for n in self.navs
                          if not inside(n, ("footer", "main"), ("contentinfo", "main"))), NOWHERE)
        return max((o for o in (self.first_page_link, first_nav) if o != NOWHERE), default=NOWHERE)

    @cached_property
    def text_length(self) -> int:
        return len(text_of(self.page.soup.body or self.page.soup))


def page_facts(page: Page) -> _PageFacts:
    return page.derived("navigation-facts", _PageFacts)


def fragment_of(link: dom.Tag) -> str | None:
    """The fragment of a same-page link (`href="#..."`), or None for other links."""
    href = (attr(link, "href") or "").strip()
    return href[1:] if href.startswith("#") else None


def leads_elsewhere(link: dom.Tag) -> bool:
    """A link to another page: not a same-page fragment (`#x`, Angular's `/#x`) nor a script."""
    href = (attr(link, "href") or "").strip()
    return not href.startswith(("#", "/#")) and not href.lower().startswith("javascript:")


def scrolls_to_top(fragment: str) -> bool:
    return fragment == "" or fragment.lower() == "top"


def indicated_element(fragment: str, page: Page) -> dom.Tag | None:
    names = page_facts(page).names
    for candidate in dict.fromkeys((fragment, unquote(fragment))):
        target = page.ids.get(candidate) or names.get(candidate)
        if target is not None:
            return target
    return None


def is_skip_link(link: dom.Tag, page: Page) -> bool:
    return (fragment_of(link) is not None and page.order_of(link) < page_facts(page).skip_links_before
            and bool(SKIP_TEXT.search(normalize_link_text(link_name(link, page)))))


def is_back_to_top(link: dom.Tag, page: Page) -> bool:
    fragment = fragment_of(link)
    if fragment is None:
        return False
    text = normalize_link_text(link_name(link, page))
    if BACK_TO_TOP_TEXT.search(text):
        return True
    # An arrow alone ("↑", "^") pointing at the top of the page.
    return scrolls_to_top(fragment) and not text and bool(text_of(link))


def end_order(element: dom.Tag, page: Page) -> int:
    """Document order of the element's last descendant (its own when it has none)."""
    last = element
    while isinstance(last, dom.Tag) and last.contents:
        last = last.contents[-1]
    return page.order_of(last)


def inside(element: dom.Tag, names: tuple[str, ...], roles: tuple[str, ...] = ()) -> bool:
    """Whether the element or an ancestor has one of these tag names or roles."""
    node = element
    while isinstance(node, dom.Tag):
        if node.name in names or any(has_role(node, r) for r in roles):
            return True
        node = node.parent
    return False


def has_role(element: dom.Tag, role: str) -> bool:
    """Whether `role` is one of the element's role tokens, as written (case counts)."""
    return "role" in element.attrs and role in (attr(element, "role") or "").split()
