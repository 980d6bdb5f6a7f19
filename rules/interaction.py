"""Keyboard and motion: tab order, access keys, nested controls, server-side image maps, and
the moving text of <marquee> and <blink>.
"""

from __future__ import annotations

from auditor import dom
from auditor.accname import in_sequential_focus, is_hidden
from auditor.aria import explicit_role, role_is_a, tabindex
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


class TabindexAboveZero(Rule):
    id = "tabindex"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Elements should not have a tabindex greater than 0"
    impact = "serious"
    attributes = ("tabindex",)
    what = """
        Reports an element whose `tabindex` is a positive number (`tabindex="1"`,
        `tabindex="5"`). `0` (focusable in document order) and `-1` (focusable by script
        only) are fine.
    """
    why = """
        A positive tabindex moves the element to the front of the Tab order, ahead of
        everything in document order. Keyboard and screen reader users then jump around
        the page in an order that matches neither the layout nor the reading order, and
        every later edit to the page makes it worse.
    """
    bad_example = """
        <input type="text" name="q" tabindex="1">
        <a href="/about/" tabindex="2">About USAID</a>
    """
    good_example = """
        <input type="text" name="q" aria-label="Search USAID">
        <a href="/about/">About USAID</a>
    """
    fix = """
        Remove the tabindex (or use `tabindex="0"`) and put the elements in the order they
        should be reached in the source.
    """

    def visit(self, element, page):
        if not element.has_attr("tabindex"):
            return
        value = tabindex(element)
        if value is not None and value > 0:
            yield self.finding(
                page, element,
                f"tabindex=\"{value}\" moves <{element.name}> ahead of the page's natural Tab order: "
                "use 0 or remove it, and order the source instead",
            )


class DuplicateAccesskeys(Rule):
    id = "accesskeys"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Access keys must be unique"
    impact = "serious"
    what = """
        Reports an element whose `accesskey` value (compared without regard to case) is
        already used by an earlier element on the page.
    """
    why = """
        When two elements share an access key, browsers either focus only the first one or
        cycle between them, and which one depends on the browser: the shortcut no longer
        does what the page says it does. Access keys also clash with browser and screen
        reader shortcuts, so use them sparingly.
    """
    bad_example = """
        <a href="/" accesskey="h">Home</a>
        <a href="/help/" accesskey="H">Help</a>
    """
    good_example = """
        <a href="/" accesskey="h">Home</a>
        <a href="/help/" accesskey="p">Help</a>
    """
    fix = "Give each element its own access key, or remove the ones that are not needed."

    def check(self, page):
        first: dict[str, dom.Tag] = {}
        for element in (e for e in page.elements if e.has_attr("accesskey")):
            key = " ".join((attr(element, "accesskey") or "").split()).lower()
            if not key:
                continue
            earlier = first.get(key)
            if earlier is None:
                first[key] = element
                continue
            yield self.finding(
                page, element,
                f"accesskey \"{attr(element, 'accesskey').strip()}\" is already used by <{earlier.name}> at line "
                f"{page.location(earlier).line}: give each element its own key",
            )


def _is_link(element: dom.Tag) -> bool:
    role = explicit_role(element)
    if role is not None:
        return role in ("link", "menuitem") or role_is_a(role, "link")
    return element.name == "a" and element.has_attr("href")


class NestedInteractive(Rule):
    id = "nested-interactive"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Links must not contain other interactive controls"
    wcag = ("4.1.2",)
    impact = "serious"
    elements = ("a",)
    attributes = ("role",)
    what = """
        Reports a link (`<a href>`, `role="link"` or `role="menuitem"`) that contains
        another control: a link, button, form field, `<iframe>`, media with controls, an
        element with a non-negative `tabindex`, or an element with a widget role. Controls
        whose children are presentational (`<button>`, `role="checkbox"`, `role="tab"`...)
        are checked by the ACT rule for presentational children (307n5z) instead, so one
        nesting is reported once.
    """
    why = """
        Screen readers announce a link by its text and treat what is inside as part of that
        text: a button or field nested in a link is not announced as a control of its own,
        and keyboard users meet two Tab stops for what looks like one. Browsers also differ
        in which of the two a click activates. HTML forbids interactive content in `<a>`.
    """
    bad_example = """
        <a href="/stories/dairy_farmers.html">
          Dairy farmers in Kenya
          <button type="button">Share</button>
        </a>
    """
    good_example = """
        <a href="/stories/dairy_farmers.html">Dairy farmers in Kenya</a>
        <button type="button">Share</button>
    """
    fix = "Place the controls side by side instead of one inside the other."

    def visit(self, element, page):
        if not _is_link(element) or is_hidden(element, page):
            return
        for inner in element.descendants:  # find_all(True) without bs4's filter machinery
            if not isinstance(inner, dom.Tag):
                continue
            role = explicit_role(inner)
            if in_sequential_focus(inner, page) or (role is not None and role_is_a(role, "widget")):
                what = f"<{inner.name} role=\"{role}\">" if role else f"<{inner.name}>"
                yield self.finding(
                    page, element,
                    f"This link contains {what}, another control: place the two side by side instead of nesting them",
                )
                return


class ServerSideImageMap(Rule):
    id = "server-side-image-map"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Server-side image maps must not be used"
    wcag = ("2.1.1",)
    impact = "minor"
    elements = ("img",)
    what = "Reports an `<img ismap>`: an image whose link target depends on where it is clicked."
    why = """
        A server-side image map sends the coordinates of a mouse click to the server. A
        keyboard user cannot click a point, and a screen reader cannot tell what the
        regions are, so the links in the image are out of reach.
    """
    bad_example = """
        <a href="/cgi-bin/map"><img src="/images/world_map.gif" alt="Where we work" ismap></a>
    """
    good_example = """
        <img src="/images/world_map.gif" alt="Where we work" usemap="#regions">
        <map name="regions">
          <area shape="rect" coords="0,0,120,80" href="/locations/africa/" alt="Africa">
        </map>
    """
    fix = """
        Use a client-side image map (`usemap` with `<area>` elements that each have alt
        text), or plain links next to the image.
    """

    def visit(self, element, page):
        if element.has_attr("ismap"):
            yield self.finding(
                page, element,
                "Server-side image map (ismap) is unusable from the keyboard: use <map> with <area> links instead",
            )


class Marquee(Rule):
    id = "marquee"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "<marquee> must not be used"
    wcag = ("2.2.2",)
    impact = "serious"
    elements = ("marquee",)
    what = "Reports every `<marquee>` element."
    why = """
        Scrolling text cannot be paused, stopped or hidden by the user. It is hard or
        impossible to read for people with low vision, reading or attention difficulties,
        and distracts from the rest of the page. The element is obsolete in HTML.
    """
    bad_example = """
        <marquee>New: Trafficking in Persons report 2008</marquee>
    """
    good_example = """
        <p class="news"><strong>New:</strong> Trafficking in Persons report 2008</p>
    """
    fix = "Replace the `<marquee>` with static text."

    def visit(self, element, page):
        yield self.finding(page, element, "<marquee> scrolls text that users cannot pause: replace it with static text")


class Blink(Rule):
    id = "blink"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "<blink> must not be used"
    wcag = ("2.2.2",)
    impact = "serious"
    elements = ("blink",)
    what = "Reports every `<blink>` element."
    why = """
        Blinking text cannot be paused by the user, is hard to read, and distracts people
        with attention or cognitive disabilities. Browsers no longer blink it, but the
        element shows the author meant it to, and it is obsolete in HTML.
    """
    bad_example = """
        <blink>Deadline: November 14</blink>
    """
    good_example = """
        <strong>Deadline: November 14</strong>
    """
    fix = "Replace `<blink>` with `<strong>` or styled static text."

    def visit(self, element, page):
        yield self.finding(page, element, "<blink> makes text flash: replace it with <strong> or static styling")
