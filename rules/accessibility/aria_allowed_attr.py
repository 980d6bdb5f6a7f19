from __future__ import annotations

from auditor import aria
from auditor.accname import is_hidden
from auditor.aria_rules import aria_attributes
from auditor.finding import Severity
from auditor.rule import Rule


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
    fix = """
        Use the attribute that belongs to the role (`aria-pressed` for toggle buttons), or
        give the element the role that supports the state.
    """

    def visit(self, element, page):
        names = [n for n in aria_attributes(element) if n in aria.ATTRIBUTES and n not in aria.GLOBAL_ATTRIBUTES]
        if not names or is_hidden(element, page):
            return
        role = aria.effective_role(element)
        if role is None and element.name == "input":
            role = "textbox"  # date, time, color, file...: no ARIA role, but field states apply
        for name in names:
            if not aria.is_supported(role, name):
                what = f"role {role}" if role else f"<{element.name}>"
                yield self.finding(page, element, f"{name} is not supported on {what}: remove it or use a role that supports it")
