from __future__ import annotations

from auditor import aria
from auditor.aria_rules import aria_attributes
from auditor.finding import Severity
from auditor.rule import Rule


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
    fix = """
        Correct the attribute's spelling, or remove it. The WAI-ARIA 1.2 list of states and
        properties is the reference.
    """

    def visit(self, element, page):
        for name in aria_attributes(element):
            if name not in aria.ATTRIBUTES:
                yield self.finding(page, element, f"{name} is not a WAI-ARIA attribute: correct its spelling or remove it")
