"""What several ARIA rules share: an element's aria-* attributes, the explicit roles the
rules target, and ownership in the accessibility tree (aria-required-parent and
aria-required-children). Role and attribute knowledge is auditor.aria's (WAI-ARIA 1.2).
"""

from __future__ import annotations

from auditor import aria, dom
from auditor.accname import is_hidden
from auditor.page import Page, attr
from auditor.rule import Rule


def aria_attributes(element: dom.Tag) -> list[str]:
    return [name for name in element.attrs if name.startswith("aria-")]


def targeted_explicit_role(element: dom.Tag, page: Page) -> str | None:
    """The explicit role when it is a target of the "explicit role" ARIA rules.

    ACT applies these rules to explicit roles that change something: a role equal to the
    implicit one (`<input type="checkbox" role="checkbox">`) brings nothing to check, and
    hidden elements are outside the accessibility tree.
    """
    role = aria.explicit_role(element)
    if role is None or role == aria.implicit_role(element) or is_hidden(element, page):
        return None
    return role


LIST_ROLES = frozenset({"list", "directory"})


def owned_role(child: dom.Tag, owner_role: str | None) -> str | None:
    """The role of an element owned by an element of role `owner_role`: an `<li>` owned by a
    list is its listitem wherever it sits (`<div role="list"><li>`), as browsers expose it
    and axe-core and the listitem rule accept it, though HTML-AAM makes an `<li>` outside
    `<ul>`, `<ol>` and `<menu>` generic."""
    if owner_role in LIST_ROLES and child.name == "li" and aria.explicit_role(child) is None:
        return "listitem"
    return aria.effective_role(child)


def checked_for_children(owner: dom.Tag, page: Page) -> str | None:
    """The explicit role of `owner` when aria-required-children checks what it owns: a role
    that requires owned elements, on an element not busy loading (`aria-busy="true"`)."""
    role = targeted_explicit_role(owner, page)
    if role is None or not aria.ROLES[role].required_owned or (attr(owner, "aria-busy") or "").strip().lower() == "true":
        return None
    return role


def required_children_report(owner: dom.Tag, child_role: str | None, page: Page) -> bool:
    """Whether aria-required-children reports `owner` for owning an element of `child_role`:
    it then owns the problem, and aria-required-parent does not report that element too."""
    role = checked_for_children(owner, page)
    return role is not None and child_role not in aria.ROLES[role].required_owned


class Ownership:
    """The accessibility-tree parent and children of elements, honouring aria-owns.

    Built once per page (lazily, by the rules that need it); elements without their own
    node in the tree (generic containers without ARIA, role none) are looked through.
    """

    def __init__(self, page: Page):
        self.page = page
        self.owned_by: dict[int, dom.Tag] = {}
        for owner in (e for e in page.elements if e.has_attr("aria-owns")):
            for ref in aria.id_refs(attr(owner, "aria-owns")):
                target = page.ids.get(ref)
                if target is not None and target is not owner:
                    self.owned_by.setdefault(id(target), owner)

    @staticmethod
    def passes_through(element: dom.Tag, role: str | None = None) -> bool:
        """No node of its own in the accessibility tree: its children move up to its parent.
        `role` is the element's role where its owner changes it (`owned_role`)."""
        role = role or aria.effective_role(element)
        if role is None or role in aria.PRESENTATIONAL_ROLES:
            return True
        return (role == "generic" and aria.explicit_role(element) is None
                and not aria.has_global_aria(element) and not aria.is_focusable(element))

    def owner(self, element: dom.Tag) -> dom.Tag | None:
        """The closest element that owns `element` in the accessibility tree."""
        node = element
        while True:
            owner = self.owned_by.get(id(node))
            parent = owner if owner is not None else node.parent
            if not isinstance(parent, dom.Tag) or parent.name in ("[document]", "body", "html"):
                return None
            if not self.passes_through(parent):
                return parent
            node = parent

    def owned(self, element: dom.Tag, owner_role: str | None = None) -> list[dom.Tag]:
        """Elements owned by `element`, in order, skipping hidden ones and looking through
        pass-throughs (whose children belong to the owner, of role `owner_role`)."""
        owner_role = owner_role or aria.effective_role(element)
        found: list[dom.Tag] = []
        children = [c for c in element.children if isinstance(c, dom.Tag) and id(c) not in self.owned_by]
        for ref in aria.id_refs(attr(element, "aria-owns")):
            target = self.page.ids.get(ref)
            if target is not None and self.owned_by.get(id(target)) is element:
                children.append(target)
        for child in children:
            if child.name in ("script", "style", "template") or is_hidden(child, self.page):
                continue
            if self.passes_through(child, owned_role(child, owner_role)):
                found.extend(self.owned(child, owner_role))
            else:
                found.append(child)
        return found


class OwnershipRule(Rule):
    """Shares one Ownership per page with the other rules that need it."""

    def ownership(self, page: Page) -> Ownership:
        return page.derived("aria-ownership", Ownership)
