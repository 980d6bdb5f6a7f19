"""List structure: ul/ol/dl hold only their items, and items sit in their lists.

Screen readers announce "list, 4 items" from this structure and let users jump between
items; stray children break the count, and stray items lose their list.
"""

from __future__ import annotations

from auditor import dom
from auditor.accname import is_hidden
from auditor.aria import explicit_role
from auditor.finding import Severity
from auditor.rule import Rule

# Children that never render, so they may sit anywhere in a list.
_SCRIPT_SUPPORTING = frozenset({"script", "template"})


def _has_role_attr(element: dom.Tag) -> bool:
    return bool((element.get("role") or "") and str(element.get("role")).strip())


def _describe(child) -> str:
    if isinstance(child, dom.Tag):
        role = explicit_role(child)
        return f"<{child.name} role=\"{role}\">" if role else f"<{child.name}>"
    return "text"


def _children(element: dom.Tag):
    """Direct children that matter: elements and non-blank text (comments dropped)."""
    for child in element.children:
        if isinstance(child, dom.Comment):
            continue
        if isinstance(child, dom.NavigableString):
            if str(child).strip():
                yield child
        elif isinstance(child, dom.Tag):
            yield child


def _names(items: list) -> str:
    seen: list[str] = []
    for item in items:
        text = _describe(item)
        if text not in seen:
            seen.append(text)
    return ", ".join(seen[:4]) + (", ..." if len(seen) > 4 else "")


class ListStructure(Rule):
    id = "list"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Lists (<ul>, <ol>) must contain only <li>, <script> and <template> elements"
    wcag = ("1.3.1",)
    impact = "serious"
    elements = ("ul", "ol")
    what = """
        Reports a `<ul>` or `<ol>` (without a `role` attribute) that has a direct child other
        than `<li>`, `<script>` or `<template>`: another element, a nested list placed
        directly in the list, loose text, or an `<li>` whose `role` takes its list-item
        meaning away. Hidden children are ignored.
    """
    why = """
        Screen readers announce a list with its number of items and let users move item by
        item. Children that are not list items are skipped in that count or announced out
        of place, so the structure the page shows is not the one users hear.
    """
    bad_example = """
        <ul>
          <li><a href="/econ/">Economic Growth</a></li>
          <ul><li><a href="/econ/trade/">Trade</a></li></ul>
          <span>More soon</span>
        </ul>
    """
    good_example = """
        <ul>
          <li><a href="/econ/">Economic Growth</a>
            <ul><li><a href="/econ/trade/">Trade</a></li></ul>
          </li>
          <li>More soon</li>
        </ul>
    """
    fix = """
        Wrap each piece of content in its own `<li>`; put a nested list inside the `<li>`
        it belongs to. If the element is not really a list, use another element.
    """

    def visit(self, element, page):
        if _has_role_attr(element):
            return
        # is_hidden climbs to the root: asked last, only of what would be reported.
        bad = []
        for child in _children(element):
            if isinstance(child, dom.NavigableString):
                bad.append(child)
            elif child.name not in _SCRIPT_SUPPORTING:
                role = explicit_role(child)
                stray = role not in (None, "listitem") if child.name == "li" else role != "listitem"
                if stray and not is_hidden(child):
                    bad.append(child)
        if bad and not is_hidden(element):
            yield self.finding(
                page, element,
                f"<{element.name}> has direct children that are not list items ({_names(bad)}): wrap them in <li>",
            )


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
    bad_example = """
        <div class="nav">
          <li><a href="/about/">About USAID</a></li>
          <li><a href="/careers/">Careers</a></li>
        </div>
        <ul role="navigation"><li><a href="/press/">Press</a></li></ul>
    """
    good_example = """
        <ul class="nav">
          <li><a href="/about/">About USAID</a></li>
          <li><a href="/careers/">Careers</a></li>
        </ul>
        <nav><ul><li><a href="/press/">Press</a></li></ul></nav>
    """
    fix = """
        Put the items in a `<ul>` or `<ol>`. To make a list a landmark, wrap it in `<nav>`
        rather than giving the list itself a role.
    """

    def visit(self, element, page):
        if _has_role_attr(element):
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


def _dl_content(dl: dom.Tag) -> list:
    """The children of a <dl> with <div> groups flattened (HTML allows dt/dd wrapped in div)."""
    out = []
    for child in _children(dl):
        if isinstance(child, dom.Tag) and child.name == "div" and not _has_role_attr(child):
            out.extend(_children(child))
        else:
            out.append(child)
    return out


class DefinitionList(Rule):
    id = "definition-list"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Definition lists (<dl>) must contain only <dt> and <dd> groups"
    wcag = ("1.3.1",)
    impact = "serious"
    elements = ("dl",)
    what = """
        Reports a `<dl>` (without a `role` attribute) that directly contains anything but
        `<dt>` and `<dd>` (optionally grouped in `<div>`), `<script>` and `<template>`, or
        whose terms and descriptions are out of order: it must start with a `<dt>` and end
        with a `<dd>`.
    """
    why = """
        Screen readers pair each term with its descriptions. Other elements inside the list,
        or a description with no term before it, break that pairing, and the glossary or
        key-value list becomes a run of unrelated text.
    """
    bad_example = """
        <dl>
          <p>Terms used in this report:</p>
          <dd>Trafficking in persons</dd>
          <dt>TIP</dt>
        </dl>
    """
    good_example = """
        <p>Terms used in this report:</p>
        <dl>
          <dt>TIP</dt>
          <dd>Trafficking in persons</dd>
        </dl>
    """
    fix = """
        Keep only `<dt>` and `<dd>` elements (or `<div>` wrappers around a `<dt>`/`<dd>`
        group) in the `<dl>`, each term before its descriptions; move other content out.
    """

    def visit(self, element, page):
        if _has_role_attr(element) or is_hidden(element):
            return
        bad = []
        items = []
        for child in _dl_content(element):
            if isinstance(child, dom.NavigableString):
                bad.append(child)
            elif child.name in _SCRIPT_SUPPORTING or is_hidden(child):
                continue
            elif child.name in ("dt", "dd") and not _has_role_attr(child):
                items.append(child.name)
            elif explicit_role(child) in ("term", "definition"):
                items.append("dt" if explicit_role(child) == "term" else "dd")
            else:
                bad.append(child)
        if bad:
            yield self.finding(
                page, element,
                f"<dl> contains {_names(bad)}, which are not <dt> or <dd>: move them out of the list",
            )
        elif items and (items[0] != "dt" or items[-1] != "dd"):
            yield self.finding(
                page, element,
                "<dl> must start with a <dt> and end with a <dd>: put each term before its descriptions",
            )


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
    bad_example = """
        <div class="glossary">
          <dt>WID</dt>
          <dd>Women in Development</dd>
        </div>
    """
    good_example = """
        <dl class="glossary">
          <div><dt>WID</dt><dd>Women in Development</dd></div>
        </dl>
    """
    fix = "Wrap the terms and descriptions in a `<dl>`."

    def visit(self, element, page):
        if _has_role_attr(element) or is_hidden(element):
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
