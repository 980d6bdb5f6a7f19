"""Navigation chrome: skip links, same-page fragments, breadcrumbs, back-to-top links and
repeated menus.

Same-page links follow the HTML spec's "indicated part of the document": an element whose
id is the fragment, else an `<a name>` with it, each tried raw and percent-decoded; the
empty fragment and `top` (any case) scroll to the top and are always valid. Skip links and
back-to-top links are owned by their own rules, so a missing target is reported once.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from urllib.parse import unquote, urlsplit

from auditor import dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.page import Page, attr, text_of
from auditor.rule import Option, Rule
from auditor.rules.link_text import link_name, link_text, normalize_link_text

# A "screen" of text, for back-to-top: about 300 words, what a laptop shows in one column.
SCREEN_CHARS = 2000

_SKIP_TEXT = re.compile(
    r"^(skip|jump)\b|^(go|move) to (the )?(main )?content|^(aller|passer|accéder) (directement )?au contenu"
    r"|^(saltar|ir) (directamente )?al contenido", re.I)
_BACK_TO_TOP_TEXT = re.compile(
    r"^((back|return|go|jump|scroll) )?(up )?to (the )?top( of (the )?page)?$|^top( of (the )?page)?$"
    r"|^(retour|revenir|remonter) en haut( de (la )?page)?$|^haut de (la )?page$|^remonter$"
    r"|^(volver|ir|subir) (arriba|al inicio)$|^arriba$|^inicio de (la )?página$", re.I)
_BREADCRUMB_LABEL = re.compile(r"breadcrumb|crumbs|fil d.ariane|miga", re.I)
_SEPARATORS = set("»›>→/|\\·•:-–—")
_STRONG_SEPARATORS = set("»›>→")
_HOME_TEXT = frozenset({"home", "home page", "homepage", "accueil", "inicio", "portada"})
# The elements a breadcrumb trail is written in.
_TRAIL_ELEMENTS = frozenset({"nav", "div", "ol", "ul", "p", "span", "td", "li", "section", "header"})


# --------------------------------------------------------------------------- per-page facts

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
        return [n for n in self.page.elements if n.name == "nav" or _has_role(n, "navigation")]

    @cached_property
    def text_length(self) -> int:
        return len(text_of(self.page.soup.body or self.page.soup))


def _facts(page: Page) -> _PageFacts:
    return page.derived("navigation-facts", _PageFacts)


def fragment_of(link: dom.Tag) -> str | None:
    """The fragment of a same-page link (`href="#..."`), or None for other links."""
    href = (attr(link, "href") or "").strip()
    return href[1:] if href.startswith("#") else None


def scrolls_to_top(fragment: str) -> bool:
    return fragment == "" or fragment.lower() == "top"


def indicated_element(fragment: str, page: Page) -> dom.Tag | None:
    names = _facts(page).names
    for candidate in dict.fromkeys((fragment, unquote(fragment))):
        target = page.ids.get(candidate) or names.get(candidate)
        if target is not None:
            return target
    return None


def is_skip_link(link: dom.Tag, page: Page) -> bool:
    return fragment_of(link) is not None and bool(_SKIP_TEXT.search(normalize_link_text(link_name(link, page))))


def is_back_to_top(link: dom.Tag, page: Page) -> bool:
    fragment = fragment_of(link)
    if fragment is None:
        return False
    text = normalize_link_text(link_name(link, page))
    if _BACK_TO_TOP_TEXT.search(text):
        return True
    # An arrow alone ("↑", "^") pointing at the top of the page.
    return scrolls_to_top(fragment) and not text and bool(text_of(link))


def _end_order(element: dom.Tag, page: Page) -> int:
    """Document order of the element's last descendant (its own when it has none)."""
    last = element
    while isinstance(last, dom.Tag) and last.contents:
        last = last.contents[-1]
    return page.order_of(last)


def _has_role(element: dom.Tag, role: str) -> bool:
    """Whether `role` is one of the element's role tokens, as written (case counts)."""
    return "role" in element.attrs and role in (attr(element, "role") or "").split()


def _inside(element: dom.Tag, names: tuple[str, ...], roles: tuple[str, ...] = ()) -> bool:
    node = element
    while isinstance(node, dom.Tag):
        if node.name in names or any(_has_role(node, r) for r in roles):
            return True
        node = node.parent
    return False


# --------------------------------------------------------------------------- the rules

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
        "Go to content", "Aller au contenu", "Saltar al contenido"...) whose target does
        not exist, that goes to the top of the page (`#` or `#top`), whose target comes
        before the link itself, or whose target lands before the end of the first
        navigation block that follows the link (inside `<nav>` or `role="navigation"`,
        outside `<main>`).
    """
    why = """
        Keyboard and screen-reader users rely on the skip link to jump past dozens of menu
        links on every page. When its target is gone (a template change renamed the id),
        activating it does nothing, or moves focus back to the top, and they have to tab
        through the whole menu again.
    """
    bad_example = """
        <a href="#content" class="skip">Skip to main content</a>
        <nav>...</nav>
        <main id="main">...</main>   <!-- no element with id="content" -->
    """
    good_example = """
        <a href="#main" class="skip">Skip to main content</a>
        <nav>...</nav>
        <main id="main">...</main>
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
        if _inside(target, ("main",), ("main",)):
            return
        link_order = page.order_of(element)
        for nav in _facts(page).navs:
            if page.order_of(nav) <= link_order or _inside(nav, ("footer", "main"), ("contentinfo", "main")):
                continue
            if page.order_of(target) <= _end_order(nav, page):
                yield self.finding(page, element, f"Skip link target #{fragment} is before the end of the "
                                                  "navigation it should skip: point it at the main content")
            return


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
    bad_example = """
        <a href="#funding">Funding</a>
        <h2 id="funds">Funding</h2>
    """
    good_example = """
        <a href="#funding">Funding</a>
        <h2 id="funding">Funding</h2>
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


class BackToTop(Rule):
    id = "back-to-top"
    family = "clutter"
    severity = Severity.NOTICE
    summary = "Back-to-top links belong on long pages only, and must lead to the top"
    elements = ("a",)
    options = {
        "min-screens": Option(3.0, f"Pages with less text than this many screens (of about {SCREEN_CHARS} "
                                   "characters each) are too short to need back-to-top links."),
    }
    what = """
        Reports a "Back to top" link ("Top", "Return to top", "Haut de page", "Volver
        arriba", or an arrow alone pointing at `#top`) on a page with less than
        `min-screens` screens of text (default 3; a screen is about 2,000 characters), or
        whose target does not exist. `href="#top"` is valid by the HTML spec even without
        an element of that id: it scrolls to the top.
    """
    why = """
        On a short page the link is one more item to tab past and hear ("Back to Top
        caret, link") for no gain: the top is one key press (Home) away. It is usually a
        leftover from a template designed for long pages.
    """
    bad_example = """
        <p>Two paragraphs of text.</p>
        <p class="backtotop"><a href="#top">Back to Top ^</a></p>
    """
    good_example = """
        <p>Two paragraphs of text.</p>
        <!-- no back-to-top link on a short page -->
    """
    fix = """
        Remove the link from short pages (or from the template); on long pages keep it and
        point it at `#top` or an element that exists.
    """

    def visit(self, element, page):
        if not is_back_to_top(element, page) or is_hidden(element, page):
            return
        fragment = fragment_of(element)
        name = link_name(element, page) or text_of(element)
        if not scrolls_to_top(fragment) and indicated_element(fragment, page) is None:
            yield self.finding(page, element, f"Back-to-top link {name!r} targets #{fragment}, which does not "
                                              "exist: point it at #top")
            return
        screens = _facts(page).text_length / SCREEN_CHARS
        if screens < self.config["min-screens"]:
            yield self.finding(page, element, f"Back-to-top link {name!r} on a page of about {screens:.1f} "
                                              "screens of text: a page this short does not need it")


# --------------------------------------------------------------------------- breadcrumbs

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
    bad_example = """
        <div class="breadcrumb">
          <a href="/">Home</a> &raquo;
          <a href="/wid/">Gender at USAID</a> &raquo;
        </div>
    """
    good_example = """
        <nav aria-label="Breadcrumb"><ol>
          <li><a href="/">Home</a></li>
          <li><a href="/wid/">Gender at USAID</a></li>
          <li><a href="/wid/trafficking.html" aria-current="page">Trafficking in Persons</a></li>
        </ol></nav>
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
        last_order = _end_order(last, page)
        trailing = "".join(str(t) for t in _own_texts(element) if page.order_of(t) > last_order).strip()
        if trailing and _is_separator(trailing):
            yield self.finding(page, element, f"Breadcrumb ends in {trailing!r} with no current page: end it with "
                                              "the current page's name, or remove the separator")
        elif not trailing and attr(last, "aria-current") in (None, "false") and _is_current_page(last, page):
            yield self.finding(page, element, "Breadcrumb ends with a link to the current page: mark it "
                                              "aria-current=\"page\" or make it plain text")


# --------------------------------------------------------------------------- repeated menus

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
        of at least `min-links` links (default 5) found earlier on the page. Hidden copies
        (a mobile menu with `display:none` or `hidden`) are not counted.
    """
    why = """
        Keyboard and screen-reader users go through every copy: a menu repeated in the
        header, the sidebar and the footer triples the links they tab past and the length
        of the links list their screen reader shows.
    """
    bad_example = """
        <nav><ul><li><a href="/a">About</a></li> ... 6 links ... </ul></nav>
        <footer><ul><li><a href="/a">About</a></li> ... the same 6 links ... </ul></footer>
    """
    good_example = """
        <nav><ul><li><a href="/a">About</a></li> ... 6 links ... </ul></nav>
        <footer><ul><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
    """
    fix = """
        Keep one copy of the menu; if a second is needed for small screens, hide the unused
        one with `display:none` or `hidden` so assistive technology skips it.
    """

    def check(self, page):
        seen: dict[tuple, list[dom.Tag]] = {}
        # The links of a block are those between it and its last descendant in document
        # order: found by bisection, each link's signature made once (menus nest in menus).
        links = [a for a in page.by_name("a") if a.has_attr("href")]
        orders = [page.order_of(a) for a in links]
        signatures: list[tuple[str, str] | None] = [None] * len(links)
        blocks = [t for t in page.elements if t.name in ("nav", "ul", "ol", "menu") or _has_role(t, "navigation")]
        for block in blocks:
            first = bisect.bisect_right(orders, page.order_of(block))
            end = bisect.bisect_right(orders, _end_order(block, page))
            if end - first < self.config["min-links"] or is_hidden(block, page):
                continue
            for i in range(first, end):
                if signatures[i] is None:
                    signatures[i] = _link_signature(links[i], page)
            signature = tuple(signatures[first:end])
            earlier = seen.setdefault(signature, [])
            if any(e in block.parents for e in earlier):
                continue  # the same block nested in itself (nav > ul)
            if earlier:
                line = page.location(earlier[0]).line
                yield self.finding(page, block, f"This block of {len(signature)} navigation links repeats the one "
                                                f"on line {line}: keep one copy")
            earlier.append(block)
