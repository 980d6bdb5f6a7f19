from __future__ import annotations

from auditor import dom
from auditor.accname import is_hidden
from auditor.aria import explicit_role
from auditor.finding import Severity
from auditor.lists import has_role_attr
from auditor.rule import Rule


class DefinitionListItem(Rule):
    id = "dlitem"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Terms and descriptions (<dt>, <dd>) must be inside a <dl>"
    wcag = ("1.3.1",)
    impact = "serious"
    elements = ("dt", "dd")
    what = """
        Reports a `<dt>` or `<dd>` (without a `role` attribute) whose parent is not a
        `<dl>`, nor a `<div>` directly inside a `<dl>`.
    """
    why = """
        Outside a definition list a term and its description are not announced as a pair;
        users hear loose text with no relation between the two.
    """
    fix = "Wrap the terms and descriptions in a `<dl>`."

    def visit(self, element, page):
        if has_role_attr(element) or is_hidden(element):
            return
        parent = element.parent
        if not isinstance(parent, dom.Tag):
            return
        if parent.name == "dl" and explicit_role(parent) in (None, "list"):
            return
        if parent.name == "div" and explicit_role(parent) in (None, "presentation", "none"):
            grand = parent.parent
            if isinstance(grand, dom.Tag) and grand.name == "dl" and explicit_role(grand) in (None, "list"):
                return
        yield self.finding(
            page, element, f"<{element.name}> is inside <{parent.name}>, not a <dl>: wrap the group in a <dl>",
        )
