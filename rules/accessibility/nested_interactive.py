from __future__ import annotations

from auditor import dom
from auditor.accname import in_sequential_focus, is_hidden
from auditor.aria import explicit_role, role_is_a
from auditor.finding import Severity
from auditor.rule import Rule


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
