from __future__ import annotations

from auditor import dom
from auditor.accname import is_hidden
from auditor.aria import explicit_role
from auditor.finding import Severity
from auditor.lists import has_role_attr
from auditor.rule import Rule


class ListItem(Rule):
    id = "listitem"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "List items (<li>) must be inside a <ul>, <ol> or <menu>"
    wcag = ("1.3.1",)
    impact = "serious"
    elements = ("li",)
    what = """
        Reports an `<li>` (without a `role` attribute) whose parent is not a `<ul>`, `<ol>`
        or `<menu>`, or whose parent list has a `role` other than `list`, which removes its
        list semantics.
    """
    why = """
        A list item outside a list is not announced as part of a list: screen reader users
        lose the "item 2 of 5" context and cannot jump between items.
    """
    fix = """
        Put the items in a `<ul>` or `<ol>`. To make a list a landmark, wrap it in `<nav>`
        rather than giving the list itself a role.
    """

    def visit(self, element, page):
        if has_role_attr(element):
            return
        parent = element.parent
        if not isinstance(parent, dom.Tag):
            return
        role = explicit_role(parent)
        # is_hidden climbs to the root: asked last, only of an item that would be reported.
        if role == "list" or (parent.name in ("ul", "ol", "menu") and role is None) or is_hidden(element):
            return
        if parent.name in ("ul", "ol", "menu"):
            yield self.finding(
                page, element,
                f"<li> is in a <{parent.name}> whose role=\"{role}\" removes its list semantics: "
                "drop the role or move it to a wrapper",
            )
            return
        yield self.finding(page, element, f"<li> is inside <{parent.name}>, not a list: put it in a <ul> or <ol>")
