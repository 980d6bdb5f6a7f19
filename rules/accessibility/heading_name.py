from __future__ import annotations

from auditor import aria
from auditor.accname import role_of
from auditor.name_rules import NameRule


class HeadingName(NameRule):
    id = "heading-name"
    summary = "Headings must have an accessible name"
    wcag = ("1.3.1", "2.4.6")
    act = ("ffd0e9",)
    impact = "minor"
    noun = "heading"
    elements = aria.tags_with_implicit_role(("heading",))
    attributes = ("role",)
    advice = "give it text or remove it"
    enabled_by_default = False
    what = """
        Reports a heading (`<h1>`-`<h6>`, `role="heading"`) with no accessible name. This
        is the strict ACT form of `empty-heading`, off by default so one problem is not
        reported twice; select it to check ACT rule ffd0e9 alone.
    """
    why = """
        Screen readers list headings for navigation; an empty one is a stop that leads
        nowhere.
    """
    fix = """
        Give the heading text (or an image with alt text), or remove it.
    """

    def applies(self, element, page):
        return role_of(element, page) == "heading"
