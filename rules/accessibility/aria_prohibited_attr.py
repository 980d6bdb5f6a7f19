from __future__ import annotations

from auditor import aria
from auditor.accname import is_hidden
from auditor.aria_rules import aria_attributes
from auditor.finding import Severity
from auditor.rule import Rule


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
    fix = """
        Put the text in the content (visually hidden if need be), or give the element a role
        that takes a name (for example `role="group"` or `role="img"`).
    """

    def visit(self, element, page):
        names = [n for n in aria_attributes(element) if n in aria.ATTRIBUTES]
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
