"""Focus that contradicts semantics: focusable content inside elements whose children are
presentational or hidden with aria-hidden, and frames removed from the tab order although
their document has things to operate."""

from __future__ import annotations

import re

from auditor import aria, dom
from auditor.accname import in_sequential_focus, is_focusable, is_hidden, is_rendered, role_of
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


def _describe(element: dom.Tag) -> str:
    return f"<{element.name}>"


def _focusable_descendants(element: dom.Tag, page, sequential: bool):
    test = in_sequential_focus if sequential else is_focusable
    for node in element.descendants:
        if isinstance(node, dom.Tag) and test(node, page):
            yield node


class PresentationalChildrenFocusable(Rule):
    id = "presentational-children-focusable"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Elements whose children are presentational must not contain focusable content"
    wcag = ("4.1.2",)
    act = ("307n5z",)
    impact = "serious"
    elements = aria.tags_with_implicit_role(r for r, info in aria.ROLES.items() if info.children_presentational)
    attributes = ("role",)
    what = """
        Reports an element whose role makes its children presentational (button, checkbox,
        img, tab, menuitemcheckbox, option, slider, switch...) when something inside it can
        take focus: a link, a form field, an element with `tabindex`.
    """
    why = """
        Assistive technology flattens the children of such a role into plain text, so a
        link or button inside is focusable but has no role or name: keyboard users land on
        an element a screen reader cannot describe.
    """
    bad_example = """
        <div role="tab"><a href="#panel-1">Overview</a></div>
    """
    good_example = """
        <a role="tab" href="#panel-1">Overview</a>
    """
    fix = """
        Move the focusable element out, or make the outer element itself the control (put
        the role on the link, drop the nested tabindex).
    """

    def visit(self, element, page):
        info = aria.ROLES.get(role_of(element, page) or "")
        if info is None or not info.children_presentational or is_hidden(element, page):
            return
        inner = next(_focusable_descendants(element, page, sequential=False), None)
        if inner is not None:
            yield self.finding(page, element, f"{_describe(element).capitalize()} with role {info.name} contains focusable "
                                              f"{_describe(inner)}, which loses its role and name: move it out")


class AriaHiddenFocus(Rule):
    id = "aria-hidden-focus"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Content hidden with aria-hidden must not be reachable with the keyboard"
    wcag = ("4.1.2",)
    act = ("6cfa84",)
    impact = "serious"
    attributes = ("aria-hidden",)
    what = """
        Reports an element with `aria-hidden="true"` that is, or contains, something in the
        tab order (a link, a form field, `tabindex="0"`) that is rendered. `aria-hidden="false"`
        inside does not undo it.
    """
    why = """
        aria-hidden removes the content from screen readers but not from the keyboard: a
        Tab press lands on an element that the screen reader cannot announce, so the user
        hears nothing, or the wrong thing.
    """
    bad_example = """
        <div aria-hidden="true"><a href="/old-menu">Menu</a></div>
    """
    good_example = """
        <div aria-hidden="true"><a href="/old-menu" tabindex="-1">Menu</a></div>
    """
    fix = """
        Take the focusable content out of the tab order (`tabindex="-1"`, `disabled`, or
        `inert` on the container), hide it from everyone (`hidden`), or drop `aria-hidden`.
    """

    def visit(self, element, page):
        if (attr(element, "aria-hidden") or "").strip().lower() != "true" or not is_rendered(element, page):
            return
        # Report the outermost aria-hidden container only: one problem, one finding.
        parent = element.parent
        while isinstance(parent, dom.Tag):
            if (attr(parent, "aria-hidden") or "").strip().lower() == "true":
                return
            parent = parent.parent
        if in_sequential_focus(element, page):
            yield self.finding(page, element, f"{_describe(element).capitalize()} has aria-hidden=\"true\" but is in the tab order: "
                                              "remove aria-hidden or set tabindex=\"-1\"")
            return
        inner = next(_focusable_descendants(element, page, sequential=True), None)
        if inner is not None:
            yield self.finding(page, element, f"{_describe(element).capitalize()} has aria-hidden=\"true\" but contains focusable "
                                              f"{_describe(inner)}: take it out of the tab order or drop aria-hidden")


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


def _tiny(element: dom.Tag) -> bool:
    """Width or height of at most one pixel: the frame's content cannot be seen."""
    for name in ("width", "height"):
        match = _SIZE.match(attr(element, name) or "")
        if match and float(match.group(1)) <= 1:
            return True
    return False


class FrameFocusableContent(Rule):
    id = "frame-focusable-content"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Frames with interactive content must not be removed from the tab order"
    wcag = ("2.1.1",)
    act = ("akn7bn",)
    impact = "serious"
    elements = ("iframe",)
    what = """
        Reports an `<iframe>` with a negative `tabindex` whose document, given inline in
        `srcdoc`, contains links, form fields or other content in the tab order. Frames
        loaded from `src` are not fetched, so they are not judged.
    """
    why = """
        `tabindex="-1"` on an iframe removes everything inside it from the keyboard tab
        sequence: keyboard users can see the links and buttons but never reach them.
    """
    bad_example = """
        <iframe tabindex="-1" title="Newsletter" srcdoc="<a href='/subscribe'>Subscribe</a>"></iframe>
    """
    good_example = """
        <iframe title="Newsletter" srcdoc="<a href='/subscribe'>Subscribe</a>"></iframe>
    """
    fix = """
        Remove the negative `tabindex` from the frame, or make its content non-interactive.
    """

    def visit(self, element, page):
        index = aria.tabindex(element)
        if index is None or index >= 0 or not element.has_attr("srcdoc"):
            return
        if not is_rendered(element, page) or _tiny(element):
            return
        inner = page.srcdoc(element)
        if inner is None:
            return
        for node in inner.find_all(True):
            if aria.in_tab_order(node) and not node.find_parent(attrs={"hidden": True}):
                yield self.finding(page, element, f"<iframe> has tabindex=\"{index}\" but its document contains focusable "
                                                  f"{_describe(node)}, which keyboard users cannot reach: remove the tabindex")
                return
