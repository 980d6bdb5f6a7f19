from __future__ import annotations

from auditor import dom
from auditor.accname import in_sequential_focus, is_rendered
from auditor.finding import Severity
from auditor.focus import focusable_descendants
from auditor.tags import tag_text
from auditor.page import attr
from auditor.rule import Rule


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
            yield self.finding(page, element, f"{tag_text(element).capitalize()} has aria-hidden=\"true\" but is in the tab order: "
                                              "remove aria-hidden or set tabindex=\"-1\"")
            return
        inner = next(focusable_descendants(element, page, sequential=True), None)
        if inner is not None:
            yield self.finding(page, element, f"{tag_text(element).capitalize()} has aria-hidden=\"true\" but contains focusable "
                                              f"{tag_text(inner)}: take it out of the tab order or drop aria-hidden")
