from __future__ import annotations

import re

from auditor import aria, dom
from auditor.accname import is_rendered
from auditor.finding import Severity
from auditor.tags import tag_text
from auditor.page import attr
from auditor.rule import Rule

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
                                                  f"{tag_text(node)}, which keyboard users cannot reach: remove the tabindex")
                return
