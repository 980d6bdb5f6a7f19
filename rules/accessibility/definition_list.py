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
            elif explicit_role(child) in ("term", "definition"):
                items.append("dt" if explicit_role(child) == "term" else "dd")
            else:
                bad.append(child)
        if bad:
            yield self.finding(
                page, element,
                f"<dl> contains {described(bad)}, which are not <dt> or <dd>: move them out of the list",
            )
        elif items and (items[0] != "dt" or items[-1] != "dd"):
            yield self.finding(
                page, element,
                "<dl> must start with a <dt> and end with a <dd>: put each term before its descriptions",
            )
