from __future__ import annotations

import re

from auditor.finding import Severity
from auditor.rule import Rule

_SPACE = " \t\n\f\r"
_NAME_END = re.compile(r"[\s/>=]")
# A plain start tag: ASCII attribute names, each once (the lookahead after a name finds it
# again later in the tag), values quoted after "=" and optional spaces or unquoted without
# anything odd. Page.location and start_tag_attribute_names cut and read such a tag the same
# way, so it cannot repeat an attribute; every other "<" + letter is checked in full.
_WS = r"[ \t\n\f\r]"
_ATTR_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = rf"""{_WS}*=[ \t\n]*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_ONCE = (rf"{_WS}+(?P<name>{_ATTR_NAME})"
         rf"(?!(?:{_VALUE})?(?:{_WS}+{_ATTR_NAME}(?:{_VALUE})?)*?{_WS}+(?i:(?P=name))(?![-a-zA-Z0-9_:.]))"
         rf"(?:{_VALUE})?")
# U+212A (Kelvin sign) lower-cases to "k": Page.location may start a tag there.
_NOT_PLAIN = re.compile(rf"""<(?=[A-Za-z\u212a])(?![A-Za-z][^\s/>"'=<]*(?:{_ONCE})*{_WS}*/?>)""")


def start_tag_attribute_names(source: str) -> list[str]:
    """Attribute names in a start tag as written (`<input a=1 a>` -> ["a", "a"]), lower-cased.

    Follows the HTML tokenizer's attribute states: names end at whitespace, `/`, `>` or `=`;
    values are quoted or run to whitespace or `>`.
    """
    names: list[str] = []
    i = 1
    n = len(source)
    while i < n and source[i] not in _SPACE + "/>":  # the tag name
        i += 1
    while i < n:
        ch = source[i]
        if ch in _SPACE or ch == "/":
            i += 1
            continue
        if ch == ">":
            break
        match = _NAME_END.search(source, i + 1)  # a name may start with "="
        end = match.start() if match else n
        names.append(source[i:end].lower())
        i = end
        while i < n and source[i] in _SPACE:
            i += 1
        if i < n and source[i] == "=":
            i += 1
            while i < n and source[i] in _SPACE:
                i += 1
            if i < n and source[i] in "\"'":
                close = source.find(source[i], i + 1)
                i = n if close == -1 else close + 1
            else:
                while i < n and source[i] not in _SPACE + ">":
                    i += 1
    return names


def _repeated(names: list[str]) -> list[str]:
    """The names given more than once, in the order of their first repeat."""
    seen, repeated = set(), []
    for name in names:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


class DuplicateAttribute(Rule):
    id = "duplicate-attribute"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "An element must not repeat an attribute"
    wcag = ("4.1.1",)
    act = ("e6952f",)
    impact = "minor"
    what = """
        Reports a start tag that gives the same attribute twice, read from the page source
        (parsers keep the first value and drop the rest without a word).
    """
    why = """
        Only the first value counts, so a second `alt`, `class` or `aria-label` added by a
        template or an editor is silently lost; what the author meant is not what users get.
        (WCAG 2.2 removed 4.1.1, but the lost values remain real bugs.)
    """
    fix = """
        Keep one of the attributes, with the value you mean.
    """

    @staticmethod
    def _suspect_ends(page) -> set[int] | None:
        """Where start tags that repeat an attribute end, found in one pass over the page
        source (a superset: each element still gets the full check); None when offsets in
        the lower-cased text differ, and every element must be checked."""
        if not page.lowered_in_step():
            return None
        ends = set()
        for match in _NOT_PLAIN.finditer(page.text):
            end = page.end_of_tag(match.start())
            if end != -1 and _repeated(start_tag_attribute_names(page.text[match.start(): end + 1])):
                ends.add(end)
        return ends

    def check(self, page):
        # A page-level pass: most pages repeat no attribute, and then no element is looked at.
        ends = self._suspect_ends(page)
        if ends is not None and not ends:
            return
        for element in page.elements:
            if ends is not None and page.parsed_tag_end(element) not in ends:
                continue
            source = page.start_tag_source(element)
            if source is None:
                continue
            repeated = _repeated(start_tag_attribute_names(source))
            if repeated:
                listed = ", ".join(repeated)
                yield self.finding(page, element, f"<{element.name}> repeats the attribute{'s' if len(repeated) > 1 else ''} {listed}: keep one (only the first counts)")
