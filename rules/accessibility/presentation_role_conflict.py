from __future__ import annotations

from auditor import aria
from auditor.accname import is_hidden, role_of
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


class PresentationRoleConflict(Rule):
    id = "presentation-role-conflict"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Elements marked decorative must not be exposed to assistive technology"
    wcag = ("1.1.1",)
    act = ("46ca7f",)
    impact = "minor"
    elements = ("img",)
    attributes = ("role",)
    what = """
        Reports an element marked decorative (`role="none"`, `role="presentation"`, or an
        image with `alt=""`) that browsers expose anyway because it is focusable, carries
        a global ARIA attribute such as `aria-label` or `aria-labelledby`, or (an image)
        has a `title`, which names it.
    """
    why = """
        Browsers ignore "decorative" when an element can take focus or has ARIA names or
        states, so the author's intent is lost: a screen reader announces an element the
        page meant to hide, often without a useful name.
    """
    fix = """
        Decide: if the element is decorative, drop its `aria-*` attributes and `tabindex`;
        if it means something, drop the decorative marking and give it a name.
    """

    def visit(self, element, page):
        marked = aria.explicit_role(element) in aria.PRESENTATIONAL_ROLES or (
            element.name == "img" and attr(element, "alt") == "" and aria.explicit_role(element) is None)
        if not marked or is_hidden(element, page):
            return
        role = role_of(element, page)
        if role not in aria.PRESENTATIONAL_ROLES:
            if aria.is_focusable(element):
                reason, remedy = "it can take focus", "remove those"
            elif aria.has_global_aria(element):
                reason, remedy = "it has global ARIA attributes", "remove those"
            else:  # <img alt="" title="...">: browsers name it by its title and expose it
                reason, remedy = "its title gives it a name", "remove the title"
            yield self.finding(page, element, f"<{element.name}> is marked decorative but is exposed as {role or 'an element'} because {reason}: "
                                              f"{remedy}, or drop the decorative marking")
