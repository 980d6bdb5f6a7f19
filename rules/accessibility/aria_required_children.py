from __future__ import annotations

from auditor import aria, dom
from auditor.aria_rules import Ownership, OwnershipRule, checked_for_children, owned_role
from auditor.finding import Severity


class AriaRequiredChildren(OwnershipRule):
    id = "aria-required-children"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Roles that need owned elements must own only those"
    wcag = ("1.3.1",)
    act = ("bc4a75",)
    impact = "critical"
    attributes = ("role",)
    what = """
        Reports an element whose explicit role requires particular children, when it owns
        none of them or owns something else: a list must own listitems, a tablist tabs, a
        menu menuitems (optionally in groups), a grid or table rows, a row cells. Elements
        with `aria-busy="true"` are skipped while they load.
    """
    why = """
        Assistive technology counts and navigates the children of lists, menus and grids by
        their roles; a child with another role breaks the count and the keyboard pattern.
    """
    fix = """
        Give each child the role the parent expects (or use `<ul>`/`<li>`), and wrap other
        content outside the composite.
    """

    def _bad_children(self, element: dom.Tag, allowed: frozenset[str], ownership: Ownership) -> tuple[list[str], int]:
        bad, count = [], 0
        owner_role = aria.effective_role(element)
        for child in ownership.owned(element):
            role = owned_role(child, owner_role)
            count += 1
            if role not in allowed:
                bad.append(role or f"<{child.name}>")
            elif role == "group":
                # A group within a menu, listbox or tree holds the same kind of items.
                inner_bad, _ = self._bad_children(child, allowed, ownership)
                bad.extend(inner_bad)
        return bad, count

    def visit(self, element, page):
        role = checked_for_children(element, page)
        if role is None:
            return
        allowed = aria.ROLES[role].required_owned
        bad, count = self._bad_children(element, allowed, self.ownership(page))
        wanted = " or ".join(sorted(allowed - {"group"})) or " or ".join(sorted(allowed))
        if bad:
            yield self.finding(page, element, f"role {role} owns {', '.join(sorted(set(bad)))}, but may only own {wanted}: fix the children's roles")
        elif count == 0:
            yield self.finding(page, element, f"role {role} owns no {wanted}: add them or remove the role")
