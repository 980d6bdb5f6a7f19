"""ARIA: role values, aria-* attributes (defined, valid, permitted, required, prohibited),
required context and owned elements, and required id references.

All role and attribute knowledge comes from auditor.aria (WAI-ARIA 1.2); these rules only
decide what to report.
"""

from __future__ import annotations

from auditor import aria, dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.page import Page, attr
from auditor.rule import Rule


def _aria_attributes(element: dom.Tag) -> list[str]:
    return [name for name in element.attrs if name.startswith("aria-")]


def _targeted_explicit_role(element: dom.Tag, page: Page) -> str | None:
    """The explicit role when it is a target of the "explicit role" ARIA rules.

    ACT applies these rules to explicit roles that change something: a role equal to the
    implicit one (`<input type="checkbox" role="checkbox">`) brings nothing to check, and
    hidden elements are outside the accessibility tree.
    """
    role = aria.explicit_role(element)
    if role is None or role == aria.implicit_role(element) or is_hidden(element, page):
        return None
    return role


class _Ownership:
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
    def passes_through(element: dom.Tag) -> bool:
        """No node of its own in the accessibility tree: its children move up to its parent."""
        role = aria.effective_role(element)
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

    def owned(self, element: dom.Tag) -> list[dom.Tag]:
        """Elements owned by `element`, in order, skipping hidden ones and looking through pass-throughs."""
        found: list[dom.Tag] = []
        children = [c for c in element.children if isinstance(c, dom.Tag) and id(c) not in self.owned_by]
        for ref in aria.id_refs(attr(element, "aria-owns")):
            target = self.page.ids.get(ref)
            if target is not None and self.owned_by.get(id(target)) is element:
                children.append(target)
        for child in children:
            if child.name in ("script", "style", "template") or is_hidden(child, self.page):
                continue
            if self.passes_through(child):
                found.extend(self.owned(child))
            else:
                found.append(child)
        return found


class _OwnershipRule(Rule):
    """Shares one _Ownership per page with the other rules that need it."""

    def ownership(self, page: Page) -> _Ownership:
        return page.derived("aria-ownership", _Ownership)


class AriaValidRole(Rule):
    id = "aria-roles"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The role attribute must contain a valid, non-abstract WAI-ARIA role"
    wcag = ("1.3.1", "4.1.2")
    act = ("674b10",)
    impact = "critical"
    attributes = ("role",)
    what = """
        Reports an element whose `role` attribute has no token that is a defined,
        non-abstract role of WAI-ARIA 1.2, DPUB-ARIA or Graphics ARIA (a typo such as
        `role="lnik"`, or an abstract role such as `role="widget"`).
    """
    why = """
        Browsers ignore a role they do not know, so the element keeps its plain semantics:
        a span meant as a link is announced as text, and a screen reader user cannot tell
        that it does anything.
    """
    bad_example = """
        <span role="buton" onclick="save()">Save</span>
    """
    good_example = """
        <span role="button" tabindex="0" onclick="save()">Save</span>
    """
    fix = """
        Correct the role's spelling, or use a native element (`<button>`, `<a href>`).
        Several tokens act as fallbacks: the first valid one is used.
    """

    def visit(self, element, page):
        tokens = aria.role_tokens(element)
        if not tokens or is_hidden(element, page):
            return
        if not any(aria.is_valid_role(token) for token in tokens):
            yield self.finding(page, element, f"role=\"{attr(element, 'role').strip()}\" is not a valid WAI-ARIA role: use a defined, non-abstract role")


class AriaValidAttr(Rule):
    id = "aria-valid-attr"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "aria-* attributes must be defined in WAI-ARIA"
    wcag = ()
    act = ("5f99a7",)
    impact = "critical"
    attributes = ("aria-*",)
    what = """
        Reports an attribute that starts with `aria-` but is not a WAI-ARIA state or
        property, such as `aria-labeledby` (one l) or `aria-not-checked`.
    """
    why = """
        Assistive technology ignores unknown aria-* attributes: the label, state or
        relationship the author meant to give is silently lost.
    """
    bad_example = """
        <input aria-labeledby="name-label">
    """
    good_example = """
        <input aria-labelledby="name-label">
    """
    fix = """
        Correct the attribute's spelling, or remove it. The WAI-ARIA 1.2 list of states and
        properties is the reference.
    """

    def visit(self, element, page):
        for name in _aria_attributes(element):
            if name not in aria.ATTRIBUTES:
                yield self.finding(page, element, f"{name} is not a WAI-ARIA attribute: correct its spelling or remove it")


class AriaValidAttrValue(Rule):
    id = "aria-valid-attr-value"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "aria-* attributes must have values allowed by their type"
    wcag = ("1.3.1", "4.1.2")
    act = ("6a7281",)
    impact = "critical"
    attributes = ("aria-*",)
    what = """
        Reports a WAI-ARIA state or property whose value does not fit its type: true/false,
        tristate, a number or integer, one of the allowed tokens (for `aria-live`,
        `aria-current`, `aria-relevant`, ...), or a single id where one is expected.
    """
    why = """
        A value outside the type is ignored or read as the default, so the state a user
        hears is not the one the page shows: `aria-pressed="yes"` is not pressed.
    """
    bad_example = """
        <div role="button" aria-pressed="yes">Bold</div>
        <div aria-live="loud"></div>
    """
    good_example = """
        <div role="button" aria-pressed="true">Bold</div>
        <div aria-live="polite"></div>
    """
    fix = """
        Use one of the values the attribute allows (see WAI-ARIA 1.2, "Characteristics").
    """

    def visit(self, element, page):
        for name in _aria_attributes(element):
            info = aria.ATTRIBUTES.get(name)
            value = attr(element, name) or ""
            if info is None or aria.valid_value(name, value):
                continue
            allowed = {"true/false": "true or false", "true/false/undefined": "true, false or undefined",
                       "tristate": "true, false or mixed", "integer": "an integer", "number": "a number",
                       "idref": "a single id"}.get(info.kind) or "one of " + ", ".join(info.values)
            yield self.finding(page, element, f"{name}=\"{value.strip()}\" is not a valid value: use {allowed}")


class AriaAllowedAttr(Rule):
    id = "aria-allowed-attr"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "aria-* attributes must be supported by the element's role"
    wcag = ("1.3.1", "4.1.2")
    act = ("5c01ea",)
    impact = "critical"
    attributes = ("aria-*",)
    what = """
        Reports a WAI-ARIA state or property that is neither global nor supported by the
        element's role (explicit or implicit), such as `aria-checked` on a button or
        `aria-sort` outside a column or row header.
    """
    why = """
        A state the role does not support is ignored or misreported: users hear no sort
        order, or a button announced with a state it cannot have.
    """
    bad_example = """
        <button aria-checked="true">Bold</button>
    """
    good_example = """
        <button aria-pressed="true">Bold</button>
    """
    fix = """
        Use the attribute that belongs to the role (`aria-pressed` for toggle buttons), or
        give the element the role that supports the state.
    """

    def visit(self, element, page):
        names = [n for n in _aria_attributes(element) if n in aria.ATTRIBUTES and n not in aria.GLOBAL_ATTRIBUTES]
        if not names or is_hidden(element, page):
            return
        role = aria.effective_role(element)
        if role is None and element.name == "input":
            role = "textbox"  # date, time, color, file...: no ARIA role, but field states apply
        for name in names:
            if not aria.is_supported(role, name):
                what = f"role {role}" if role else f"<{element.name}>"
                yield self.finding(page, element, f"{name} is not supported on {what}: remove it or use a role that supports it")


class AriaProhibitedAttr(Rule):
    id = "aria-prohibited-attr"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "aria-* attributes must not be used on roles that prohibit them"
    wcag = ("1.3.1",)
    act = ("kb1m8s",)
    impact = "serious"
    attributes = ("aria-*",)
    what = """
        Reports `aria-label`, `aria-labelledby` (and the braille and role-description
        attributes) on roles that cannot be named: generic containers (`<div>`, `<span>`),
        paragraphs, `role="none"` or `presentation`, `<code>`, `<strong>`, `<em>`, ...
    """
    why = """
        Screen readers do not read a name on such elements, or read it inconsistently: the
        text in the label is lost for some users and duplicated for others.
    """
    bad_example = """
        <div aria-label="Price: 1 euro, was 100">€1 <s>€100</s></div>
    """
    good_example = """
        <div>€1 <s>€100</s><span class="visually-hidden">Price: 1 euro, was 100</span></div>
    """
    fix = """
        Put the text in the content (visually hidden if need be), or give the element a role
        that takes a name (for example `role="group"` or `role="img"`).
    """

    def visit(self, element, page):
        names = [n for n in _aria_attributes(element) if n in aria.ATTRIBUTES]
        if not names or is_hidden(element, page):
            return
        role = aria.explicit_role(element)
        # role none/presentation is kept (not resolved to the native role) unless focusable.
        if role not in aria.PRESENTATIONAL_ROLES or aria.is_focusable(element):
            role = aria.effective_role(element)
        for name in names:
            if aria.is_prohibited(role, name):
                what = f"role {role}" if aria.explicit_role(element) == role else f"<{element.name}> (role {role})"
                yield self.finding(page, element, f"{name} is prohibited on {what}: move the text into the content or use a role that can be named")


class AriaRequiredAttr(Rule):
    id = "aria-required-attr"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Elements with a role must have the states and properties the role requires"
    wcag = ("1.3.1", "4.1.2")
    act = ("4e8ab6",)
    impact = "critical"
    attributes = ("role",)
    what = """
        Reports an element with an explicit role that lacks a state or property the role
        requires: `aria-checked` for checkbox, radio and switch, `aria-expanded` for
        combobox (and `aria-controls` when expanded), `aria-level` for heading,
        `aria-valuenow` for slider, scrollbar, meter and a focusable separator.
    """
    why = """
        Without the required state, assistive technology cannot say whether the checkbox
        is checked, the heading's level, or a slider's value.
    """
    bad_example = """
        <div role="checkbox" tabindex="0">Accept the terms</div>
    """
    good_example = """
        <div role="checkbox" tabindex="0" aria-checked="false">Accept the terms</div>
    """
    fix = """
        Add the required attribute and keep it up to date from script, or use the native
        element (`<input type="checkbox">`), which has the state built in.
    """

    # Native features that carry a required state (so the aria-* attribute is not needed).
    _NATIVE = {
        "aria-checked": lambda el: el.name == "input" and (attr(el, "type") or "").lower() in ("checkbox", "radio"),
        "aria-valuenow": lambda el: el.name in ("input", "meter", "progress") and el.has_attr("value")
        or el.name == "input" and (attr(el, "type") or "").lower() == "range",
        "aria-level": lambda el: el.name in ("h1", "h2", "h3", "h4", "h5", "h6"),
        "aria-expanded": lambda el: el.name == "select",
    }

    def required(self, element: dom.Tag, role: str) -> list[str]:
        needed = set(aria.ROLES[role].required)
        if role == "combobox" and (attr(element, "aria-expanded") or "").strip().lower() != "true":
            needed.discard("aria-controls")  # only an expanded combobox must say what it controls
        if role == "scrollbar":
            needed.discard("aria-controls")
        if role == "separator" and aria.is_focusable(element):
            needed.add("aria-valuenow")
        return sorted(needed)

    def visit(self, element, page):
        role = _targeted_explicit_role(element, page)
        if role is None:
            return
        missing = [name for name in self.required(element, role)
                   if not (attr(element, name) or "").strip()
                   and not (name in self._NATIVE and self._NATIVE[name](element))]
        if missing:
            yield self.finding(page, element, f"role {role} requires {', '.join(missing)}: add {'it' if len(missing) == 1 else 'them'}")


class AriaRequiredParent(_OwnershipRule):
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
        without ARIA and `role="none"` are looked through; `aria-owns` is honoured.
    """
    why = """
        Screen readers announce "item 2 of 5" or "tab 1 of 3" from the parent; without it
        the item is announced alone, and keyboard patterns of the widget do not apply.
    """
    bad_example = """
        <div role="tablist">
          <div aria-live="polite"><div role="tab">Overview</div></div>
        </div>
    """
    good_example = """
        <div role="tablist">
          <div role="tab">Overview</div>
        </div>
    """
    fix = """
        Put the element directly in its context role (wrappers may only be plain
        `<div>`/`<span>` or `role="none"`), or point the parent's `aria-owns` at it.
    """

    def visit(self, element, page):
        role = _targeted_explicit_role(element, page)
        if role is None or not aria.ROLES[role].required_context:
            return
        context = aria.ROLES[role].required_context
        owner = self.ownership(page).owner(element)
        owner_role = aria.effective_role(owner) if owner is not None else None
        if owner_role not in context:
            wanted = " or ".join(sorted(context))
            found = f"role {owner_role}" if owner_role else "no such parent"
            yield self.finding(page, element, f"role {role} must be owned by {wanted}, found {found}: move it into one")


class AriaRequiredChildren(_OwnershipRule):
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
    bad_example = """
        <div role="list"><span>Apples</span><span>Pears</span></div>
    """
    good_example = """
        <div role="list"><span role="listitem">Apples</span><span role="listitem">Pears</span></div>
    """
    fix = """
        Give each child the role the parent expects (or use `<ul>`/`<li>`), and wrap other
        content outside the composite.
    """

    def _bad_children(self, element: dom.Tag, allowed: frozenset[str], ownership: _Ownership) -> tuple[list[str], int]:
        bad, count = [], 0
        for child in ownership.owned(element):
            role = aria.effective_role(child)
            count += 1
            if role not in allowed:
                bad.append(role or f"<{child.name}>")
            elif role == "group":
                # A group within a menu, listbox or tree holds the same kind of items.
                inner_bad, _ = self._bad_children(child, allowed, ownership)
                bad.extend(inner_bad)
        return bad, count

    def visit(self, element, page):
        role = _targeted_explicit_role(element, page)
        if role is None or not aria.ROLES[role].required_owned:
            return
        if (attr(element, "aria-busy") or "").strip().lower() == "true":
            return
        allowed = aria.ROLES[role].required_owned
        bad, count = self._bad_children(element, allowed, self.ownership(page))
        wanted = " or ".join(sorted(allowed - {"group"})) or " or ".join(sorted(allowed))
        if bad:
            yield self.finding(page, element, f"role {role} owns {', '.join(sorted(set(bad)))}, but may only own {wanted}: fix the children's roles")
        elif count == 0:
            yield self.finding(page, element, f"role {role} owns no {wanted}: add them or remove the role")


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
    bad_example = """
        <input role="combobox" aria-expanded="true" aria-controls="suggestions">
    """
    good_example = """
        <input role="combobox" aria-expanded="true" aria-controls="suggestions">
        <ul role="listbox" id="suggestions"><li role="option">Zebra</li></ul>
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
