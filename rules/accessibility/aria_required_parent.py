from __future__ import annotations

from auditor import aria
from auditor.aria_rules import OwnershipRule, required_children_report, targeted_explicit_role
from auditor.finding import Severity


class AriaRequiredParent(OwnershipRule):
    id = "aria-required-parent"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Roles that need a context role must be inside it"
    wcag = ("1.3.1",)
    act = ("ff89c9",)
    impact = "critical"
    attributes = ("role",)
    what = """
        Reports an element whose explicit role needs a particular parent in the
        accessibility tree and does not have it: a listitem outside a list, a tab outside a
        tablist, a menuitem outside a menu, a row outside a table or grid. Generic wrappers
        without ARIA and `role="none"` are looked through; `aria-owns` is honoured. An
        element whose parent is reported by `aria-required-children` for owning it (a
        `doc-biblioentry` in a `role="list"`) is left to that finding: one structure, one
        finding.
    """
    why = """
        Screen readers announce "item 2 of 5" or "tab 1 of 3" from the parent; without it
        the item is announced alone, and keyboard patterns of the widget do not apply.
    """
    fix = """
        Put the element directly in its context role (wrappers may only be plain
        `<div>`/`<span>` or `role="none"`), or point the parent's `aria-owns` at it.
    """

    def visit(self, element, page):
        role = targeted_explicit_role(element, page)
        if role is None or not aria.ROLES[role].required_context:
            return
        context = aria.ROLES[role].required_context
        owner = self.ownership(page).owner(element)
        owner_role = aria.effective_role(owner) if owner is not None else None
        if owner_role not in context and not (owner is not None and required_children_report(owner, role, page)):
            wanted = " or ".join(sorted(context))
            found = f"role {owner_role}" if owner_role else "no such parent"
            yield self.finding(page, element, f"role {role} must be owned by {wanted}, found {found}: move it into one")
