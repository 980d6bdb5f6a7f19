"""Landmarks: one main, at most one banner and contentinfo, each at the top level, and the
page's content inside landmarks.

Landmarks (`<header>`, `<nav>`, `<main>`, `<footer>`, `<aside>`, or the same roles) are the
regions screen reader users jump between; a page without them must be read from the top.
"""

from __future__ import annotations

from auditor import dom
from auditor.accname import accessible_name, is_hidden, role_of
from auditor.aria import ROLES, explicit_role, role_is_a, tags_with_implicit_role
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule

# The elements that can be a landmark without a role attribute.
_LANDMARK_TAGS = frozenset(tags_with_implicit_role(r for r in ROLES if role_is_a(r, "landmark")))
# Roles whose content axe-core and screen readers treat as a region of its own.
_REGION_LIKE = frozenset({"dialog", "alertdialog", "alert", "log", "status"})
# Elements that are content by themselves, even without text.
_CONTENT_ELEMENTS = frozenset({"img", "iframe", "object", "embed", "video", "audio", "canvas", "svg", "math",
                               "button", "select", "textarea", "input", "progress", "meter"})


def landmark_role(element: dom.Tag, page) -> str | None:
    """The landmark role an element exposes, or None. A <form> is a landmark only when named."""
    role = role_of(element, page)
    if role is None or not role_is_a(role, "landmark"):
        return None
    if role == "form" and explicit_role(element) is None and not accessible_name(element, page):
        return None
    return role


def landmarks(page) -> list[tuple[dom.Tag, str]]:
    """(element, role) for every landmark exposed to assistive technology, in document order."""
    return page.derived("landmarks", _find_landmarks)


def _find_landmarks(page) -> list[tuple[dom.Tag, str]]:
    found = []
    for element in page.elements:
        if element.name not in _LANDMARK_TAGS and "role" not in element.attrs:
            continue
        role = landmark_role(element, page)
        if role and not is_hidden(element, page):
            found.append((element, role))
    return found


def _describe(element: dom.Tag) -> str:
    explicit = explicit_role(element)
    return f"<{element.name} role=\"{explicit}\">" if explicit else f"<{element.name}>"


def _root(page) -> dom.Tag | None:
    return page.soup.find("html") or page.soup.find("body")


class LandmarkOneMain(Rule):
    id = "landmark-one-main"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "The page should have a main landmark"
    impact = "moderate"
    what = """
        Reports a page with no main landmark: no `<main>` element and no element with
        `role="main"` exposed to assistive technology. Frameset pages are not checked.
    """
    why = """
        Screen reader users jump to the main landmark to skip the header and navigation
        that repeat on every page. Without one they must tab or read through all of it, or
        rely on a skip link.
    """
    bad_example = """
        <body>
          <table id="wrapper"><tr><td id="content">
            <h1>Trafficking in Persons</h1> ...
          </td></tr></table>
        </body>
    """
    good_example = """
        <body>
          <table id="wrapper" role="presentation"><tr><td id="content">
            <main><h1>Trafficking in Persons</h1> ...</main>
          </td></tr></table>
        </body>
    """
    fix = """
        Wrap the page's main content (not the header, navigation or footer) in `<main>`.
        On a legacy template, putting `role="main"` on the content cell or container works
        too.
    """

    def check(self, page):
        if page.first("body") is None or page.first("frameset") is not None:
            return
        if any(role == "main" for _, role in landmarks(page)):
            return
        yield self.finding(page, _root(page), "The page has no main landmark: wrap its main content in <main>")


class _NoDuplicate(Rule):
    family = "accessibility"
    severity = Severity.WARNING
    impact = "moderate"
    role: str
    tag: str

    def check(self, page):
        found = [element for element, role in landmarks(page) if role == self.role]
        for element in found[1:]:
            first = page.location(found[0])
            yield self.finding(
                page, element,
                f"Another {self.role} landmark ({_describe(element)}); the first is at line {first.line}: "
                f"keep one, and make the others plain elements",
            )


class NoDuplicateBanner(_NoDuplicate):
    id = "landmark-no-duplicate-banner"
    role = "banner"
    tag = "header"
    summary = "The page should have at most one banner landmark"
    what = """
        Reports every banner landmark after the first: a `<header>` that is not inside an
        `<article>`, `<aside>`, `<main>`, `<nav>` or `<section>`, or an element with
        `role="banner"`.
    """
    why = """
        The banner is the site-wide header (logo, site search, main menu). Screen readers
        offer a shortcut to it; with two, users cannot tell which is the real one.
    """
    bad_example = """
        <header><img src="/images/usaid_logo.gif" alt="USAID"></header>
        <div role="banner"><img src="wid_banner.jpg" alt="Women in Development"></div>
    """
    good_example = """
        <header>
          <img src="/images/usaid_logo.gif" alt="USAID">
          <img src="wid_banner.jpg" alt="Women in Development">
        </header>
        <main><article><header><h1>Trafficking in Persons</h1></header></article></main>
    """
    fix = """
        Keep one site header; a section or article may have its own `<header>` (inside
        `<article>` or `<section>` it is not a banner). Remove extra `role="banner"`.
    """


class NoDuplicateContentinfo(_NoDuplicate):
    id = "landmark-no-duplicate-contentinfo"
    role = "contentinfo"
    tag = "footer"
    summary = "The page should have at most one contentinfo landmark"
    what = """
        Reports every contentinfo landmark after the first: a `<footer>` that is not inside
        an `<article>`, `<aside>`, `<main>`, `<nav>` or `<section>`, or an element with
        `role="contentinfo"`.
    """
    why = """
        The contentinfo landmark is the site-wide footer (copyright, contact, privacy
        links). Screen readers offer a shortcut to it; two of them make users guess.
    """
    bad_example = """
        <footer><a href="/privacy/">Privacy</a></footer>
        <div role="contentinfo">&copy; 2008 USAID</div>
    """
    good_example = """
        <footer>
          <a href="/privacy/">Privacy</a>
          <p>&copy; 2008 USAID</p>
        </footer>
    """
    fix = """
        Merge the footers into one; a section or article may have its own `<footer>`
        inside `<article>` or `<section>`. Remove extra `role="contentinfo"`.
    """


class NoDuplicateMain(_NoDuplicate):
    id = "landmark-no-duplicate-main"
    role = "main"
    tag = "main"
    summary = "The page should have at most one main landmark"
    what = """
        Reports every main landmark after the first: a second visible `<main>` or
        `role="main"` element. (A `<main hidden>` kept for a single-page app is ignored.)
    """
    why = """
        The main landmark is where screen reader users jump to skip the navigation. With
        two, the shortcut lands on one of them and the other is easily missed.
    """
    bad_example = """
        <main><h1>Trafficking in Persons</h1></main>
        <div role="main"><h2>Key Publications</h2></div>
    """
    good_example = """
        <main>
          <h1>Trafficking in Persons</h1>
          <section aria-labelledby="pubs"><h2 id="pubs">Key Publications</h2></section>
        </main>
    """
    fix = "Keep one main landmark around all of the main content; use `<section>` for its parts."


class _TopLevel(Rule):
    family = "accessibility"
    severity = Severity.WARNING
    impact = "moderate"
    role: str

    def check(self, page):
        for element, role in landmarks(page):
            if role != self.role:
                continue
            node = element.parent
            while isinstance(node, dom.Tag):
                outer = landmark_role(node, page)
                # A <form> is not counted as a container here, named or not (as axe-core does).
                if outer and not (node.name == "form" and explicit_role(node) is None):
                    yield self.finding(
                        page, element,
                        f"The {self.role} landmark {_describe(element)} is inside a {outer} landmark "
                        f"({_describe(node)} at line {page.location(node).line}): move it to the top level",
                    )
                    break
                node = node.parent


class BannerIsTopLevel(_TopLevel):
    id = "landmark-banner-is-top-level"
    role = "banner"
    summary = "The banner landmark should not be inside another landmark"
    what = """
        Reports a banner landmark (`role="banner"`, or a page-level `<header>`) that is
        inside another landmark such as `<main>` or `<nav>`.
    """
    why = """
        Screen readers present landmarks as the page's top-level map. A site banner tucked
        inside the main content or navigation is announced in the wrong place and is hard
        to find with the banner shortcut.
    """
    bad_example = """
        <main>
          <div role="banner"><img src="/images/usaid_logo.gif" alt="USAID"></div>
          <h1>Trafficking in Persons</h1>
        </main>
    """
    good_example = """
        <header><img src="/images/usaid_logo.gif" alt="USAID"></header>
        <main><h1>Trafficking in Persons</h1></main>
    """
    fix = """
        Move the banner out of the other landmark, or, if it is only the header of a
        section, drop `role="banner"` (a `<header>` inside `<main>` is not a banner).
    """


class ContentinfoIsTopLevel(_TopLevel):
    id = "landmark-contentinfo-is-top-level"
    role = "contentinfo"
    summary = "The contentinfo landmark should not be inside another landmark"
    what = """
        Reports a contentinfo landmark (`role="contentinfo"`, or a page-level `<footer>`)
        that is inside another landmark such as `<main>` or `<aside>`.
    """
    why = """
        The site footer belongs at the top level of the landmark map; inside the main
        content screen reader users find it in the wrong place, or take it for part of
        the article.
    """
    bad_example = """
        <main>
          <h1>Trafficking in Persons</h1>
          <div role="contentinfo">&copy; 2008 USAID</div>
        </main>
    """
    good_example = """
        <main><h1>Trafficking in Persons</h1></main>
        <footer>&copy; 2008 USAID</footer>
    """
    fix = """
        Move the site footer out of the other landmark, or drop `role="contentinfo"` if
        it is only the footer of a section.
    """


class MainIsTopLevel(_TopLevel):
    id = "landmark-main-is-top-level"
    role = "main"
    summary = "The main landmark should not be inside another landmark"
    what = """
        Reports a main landmark (`<main>` or `role="main"`) that is inside another landmark,
        such as a `<nav>`, `<aside>` or `role="banner"` container.
    """
    why = """
        The main landmark is the shortcut past the navigation; nested inside a navigation or
        banner landmark it is announced as part of it, and users skip it with the rest.
    """
    bad_example = """
        <div role="navigation">
          <ul><li><a href="/about/">About</a></li></ul>
          <main><h1>Trafficking in Persons</h1></main>
        </div>
    """
    good_example = """
        <nav><ul><li><a href="/about/">About</a></li></ul></nav>
        <main><h1>Trafficking in Persons</h1></main>
    """
    fix = "Move `<main>` out of the other landmark so it sits at the top level beside it."


def _has_own_content(element: dom.Tag, page) -> bool:
    """Content at this level: its own non-blank text, or an element that is content by itself."""
    if element.name in _CONTENT_ELEMENTS:
        return not (element.name == "input" and (attr(element, "type") or "").lower() == "hidden")
    if (attr(element, "aria-label") or "").strip():
        return True
    # Exact type: comments and other NavigableString subclasses are not content.
    return any(type(c) is dom.NavigableString and c.strip() for c in element.children)


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
    bad_example = """
        <header><img src="/images/usaid_logo.gif" alt="USAID"></header>
        <div class="breadcrumb"><a href="/">Home</a> &raquo; Gender</div>
        <main><h1>Trafficking in Persons</h1></main>
    """
    good_example = """
        <header><img src="/images/usaid_logo.gif" alt="USAID"></header>
        <nav aria-label="Breadcrumb"><a href="/">Home</a> &raquo; Gender</nav>
        <main><h1>Trafficking in Persons</h1></main>
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
        skip_before = _first_external_link(page)
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


def _first_external_link(page) -> int:
    """Document order of the first link that goes somewhere else (skip links come before it)."""
    for link in (a for a in page.by_name("a") if a.has_attr("href")):
        href = (attr(link, "href") or "").strip()
        if not href.startswith("#") and not href.lower().startswith("javascript:"):
            return page.order_of(link)
    return 1 << 62


def _is_skip_link(element: dom.Tag, page, skip_before: int) -> bool:
    if element.name != "a":
        return False
    href = (attr(element, "href") or "").strip()
    if len(href) < 2 or not href.startswith("#") or page.order_of(element) > skip_before:
        return False
    target = href[1:]
    return target in page.ids or any(attr(a, "name") == target for a in page.by_name("a"))
