from __future__ import annotations

from auditor import aria
from auditor.aria_rules import aria_attributes
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


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
    fix = """
        Use one of the values the attribute allows (see WAI-ARIA 1.2, "Characteristics").
    """

    def visit(self, element, page):
        for name in aria_attributes(element):
            info = aria.ATTRIBUTES.get(name)
            value = attr(element, name) or ""
            if info is None or aria.valid_value(name, value):
                continue
            allowed = {"true/false": "true or false", "true/false/undefined": "true, false or undefined",
                       "tristate": "true, false or mixed", "integer": "an integer", "number": "a number",
                       "idref": "a single id"}.get(info.kind) or "one of " + ", ".join(info.values)
            yield self.finding(page, element, f"{name}=\"{value.strip()}\" is not a valid value: use {allowed}")
