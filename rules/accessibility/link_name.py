from __future__ import annotations

from auditor import aria
from auditor.accname import has_content, role_of
from auditor.name_rules import NameRule


class LinkName(NameRule):
    id = "link-name"
    summary = "Links with content must have an accessible name"
    wcag = ("2.4.4", "4.1.2")
    act = ("c487ae",)
    impact = "serious"
    noun = "link"
    elements = aria.tags_with_implicit_role(r for r in aria.ROLES if aria.role_is_a(r, "link"))
    attributes = ("role",)
    advice = "give its image alt text, or add aria-label"
    what = """
        Reports a link (`<a href>`, `<area href>` or `role="link"`) that has content, such as
        an image or an icon, but no accessible name: the image has no alt or `alt=""`, the icon
        is hidden, an `aria-labelledby` points at nothing. An `<a href>` with no content at all
        is reported by `empty-link` instead.
    """
    why = """
        Screen readers announce a link by its name; without one they read the URL or just
        "link", and a list of links on the page is useless. Image-only links are the usual
        cause: the image is the link's only text.
    """
    fix = """
        Give the image inside the link alt text saying where the link goes, or add
        `aria-label` to the link.
    """

    def applies(self, element, page):
        if not aria.role_is_a(role_of(element, page), "link"):
            return False
        # empty-link owns <a href> with nothing inside: one problem, one finding.
        return not (element.name == "a" and element.has_attr("href") and not has_content(element))
