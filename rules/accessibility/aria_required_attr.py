from __future__ import annotations

from auditor import aria, dom
from auditor.aria_rules import targeted_explicit_role
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


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
        role = targeted_explicit_role(element, page)
        if role is None:
            return
        missing = [name for name in self.required(element, role)
                   if not (attr(element, name) or "").strip()
                   and not (name in self._NATIVE and self._NATIVE[name](element))]
        if missing:
            yield self.finding(page, element, f"role {role} requires {', '.join(missing)}: add {'it' if len(missing) == 1 else 'them'}")
