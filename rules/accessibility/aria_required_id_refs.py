from __future__ import annotations

from auditor import aria
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


class AriaIdRefs(Rule):
    id = "aria-required-id-refs"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "aria-controls of an expanded combobox or a scrollbar must point at an existing element"
    wcag = ("1.3.1", "4.1.2")
    act = ("in6db8",)
    impact = "serious"
    attributes = ("aria-controls",)
    what = """
        Reports `aria-controls` on an expanded combobox (`aria-expanded="true"`) or on a
        scrollbar when none of the ids it lists exists in the page.
    """
    why = """
        The popup or scrolled region is how assistive technology reaches the options; a
        reference to nothing leaves the user with a combobox that opens onto nothing.
    """
    fix = """
        Point `aria-controls` at the id of the popup or content, and render that element
        whenever the combobox says it is expanded.
    """

    def visit(self, element, page):
        refs = aria.id_refs(attr(element, "aria-controls"))
        if not refs:
            return
        role = aria.effective_role(element)
        expanded = (attr(element, "aria-expanded") or "").strip().lower() == "true"
        if not (role == "scrollbar" or (role == "combobox" and expanded)):
            return
        if not any(ref in page.ids for ref in refs):
            yield self.finding(page, element, f"aria-controls refers to {', '.join(refs)}, which is not in the page: point it at the element it controls")
