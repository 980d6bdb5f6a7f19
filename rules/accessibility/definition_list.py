from __future__ import annotations

from auditor import dom
from auditor.accname import is_hidden
from auditor.aria import explicit_role
from auditor.finding import Severity
from auditor.lists import SCRIPT_SUPPORTING, described, has_role_attr, significant_children
from auditor.rule import Rule


def _dl_content(dl: dom.Tag) -> list:
    """The children of a <dl> with <div> groups flattened (HTML allows dt/dd wrapped in div)."""
    out = []
    for child in significant_children(dl):
        if isinstance(child, dom.Tag) and child.name == "div" and not has_role_attr(child):
            out.extend(significant_children(child))
        else:
            out.append(child)
    return out


# Explicit roles axe-core accepts for a child of <dl>, and what each stands for.
_ITEM_ROLES = {"term": "dt", "definition": "dd", "listitem": "dd"}


def _term_then_description(items: list[str]) -> bool:
    """Whether some term comes before some description: what axe-core asks of a <dl> with items."""
    return "dt" in items and "dd" in items[items.index("dt"):]


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
        that has terms or descriptions but no term followed by a description (only `<dt>`s,
        only `<dd>`s, or every `<dd>` before every `<dt>`), as axe-core's definition-list
        (its only-dlitems and structured-dlitems checks) does.
    """
    why = """
        Screen readers pair each term with its descriptions. Other elements inside the list,
        or a description with no term before it, break that pairing, and the glossary or
        key-value list becomes a run of unrelated text.
    """
    fix = """
        Keep only `<dt>` and `<dd>` elements (or `<div>` wrappers around a `<dt>`/`<dd>`
        group) in the `<dl>`, each term before its descriptions; move other content out.
    """

    def visit(self, element, page):
        if has_role_attr(element) or is_hidden(element):
            return
        bad = []
        items = []
        for child in _dl_content(element):
            if isinstance(child, dom.NavigableString):
                bad.append(child)
            elif child.name in SCRIPT_SUPPORTING or is_hidden(child):
                continue
            elif child.name in ("dt", "dd") and not has_role_attr(child):
                items.append(child.name)
            elif explicit_role(child) in _ITEM_ROLES:
                items.append(_ITEM_ROLES[explicit_role(child)])
            else:
                bad.append(child)
        if bad:
            yield self.finding(
                page, element,
                f"<dl> contains {described(bad)}, which are not <dt> or <dd>: move them out of the list",
            )
        elif items and not _term_then_description(items):
            yield self.finding(
                page, element,
                "<dl> has no term followed by a description: put each <dt> before its <dd>",
            )
