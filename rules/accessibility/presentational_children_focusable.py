from __future__ import annotations

from auditor import aria
from auditor.accname import is_hidden, role_of
from auditor.finding import Severity
from auditor.focus import focusable_descendants
from auditor.tags import tag_text
from auditor.rule import Rule


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
    fix = """
        Move the focusable element out, or make the outer element itself the control (put
        the role on the link, drop the nested tabindex).
    """

    def visit(self, element, page):
        info = aria.ROLES.get(role_of(element, page) or "")
        if info is None or not info.children_presentational or is_hidden(element, page):
            return
        inner = next(focusable_descendants(element, page, sequential=False), None)
        if inner is not None:
            yield self.finding(page, element, f"{tag_text(element).capitalize()} with role {info.name} contains focusable "
                                              f"{tag_text(inner)}, which loses its role and name: move it out")
