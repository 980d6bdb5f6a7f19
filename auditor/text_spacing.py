"""The base class of the text-spacing rules: letter spacing, word spacing and line height
that users cannot override, set with `!important` in `style` attributes below WCAG 1.4.12's
values.

A user style sheet can only override an author's `!important` inline declaration if it is
itself important and wins; WCAG 1.4.12 asks that text stays readable when users set 0.12em
letter spacing, 0.16em word spacing and 1.5 line height, so an important inline value must
already be at least that.
"""

from __future__ import annotations

import re

from auditor import dom
from auditor.accname import declared_style, inline_style, is_rendered, page_styles
from auditor.finding import Severity
from auditor.page import Page
from auditor.rule import Rule

DEFAULT_FONT_PX = 16.0
_LENGTH = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))(px|em|rem|pt|pc|%|ex|ch|in|cm|mm|q)?$")
_ABSOLUTE = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 9.6 / 2.54, "q": 2.4 / 2.54}


def _number_unit(value: str) -> tuple[float, str] | None:
    match = _LENGTH.match(value.strip().lower())
    return (float(match.group(1)), match.group(2) or "") if match else None


def font_size_px(element: dom.Tag, page: Page) -> float:
    """The computed font size, from declared font sizes (px, pt, em, %, rem) up the tree."""
    chain = []
    node = element
    while isinstance(node, dom.Tag):
        chain.append(node)
        node = node.parent
    size = DEFAULT_FONT_PX
    for node in reversed(chain):
        value = declared_style(node, page, "font-size")
        parsed = _number_unit(value) if value else None
        if parsed is None:
            continue
        number, unit = parsed
        if unit in ("em", ""):
            size = size * number if unit == "em" else size
        elif unit == "%":
            size = size * number / 100
        elif unit == "rem":
            size = DEFAULT_FONT_PX * number
        elif unit in ("ex", "ch"):
            size = size * number / 2
        elif unit in _ABSOLUTE:
            size = number * _ABSOLUTE[unit]
    return size


def _offscreen(element: dom.Tag, page: Page) -> bool:
    """Positioned far off the page (a common "visually hidden" technique)."""
    node = element
    while isinstance(node, dom.Tag):
        decls = inline_style(node, page)
        if decls.get("position", ("",))[0] in ("absolute", "fixed"):
            for side in ("top", "left"):
                parsed = _number_unit(decls.get(side, ("",))[0])
                if parsed and parsed[0] < 0 and (abs(parsed[0]) >= 999 or parsed[1] in ("em", "rem") and abs(parsed[0]) >= 50):
                    return True
        node = node.parent
    return False


def _sheet_important(element: dom.Tag, page: Page, prop: str) -> bool:
    return any(prop in decls and decls[prop][1] and selector.matches(element)
               for selector, _, decls in page_styles(page).rules)


class ImportantSpacing(Rule):
    family = "accessibility"
    severity = Severity.ERROR
    wcag = ("1.4.12",)
    impact = "serious"
    elements = ("*",)
    prop: str
    minimum: float  # times the font size

    def _source(self, element: dom.Tag, page: Page) -> tuple[dom.Tag, str] | None:
        """The element whose style attribute gives the computed value, with that value, when it
        is an !important inline declaration; None when the value comes from elsewhere."""
        node = element
        while isinstance(node, dom.Tag):
            inline = inline_style(node, page).get(self.prop)
            if inline is not None and inline[1]:
                if inline[0] in ("inherit", "unset"):
                    return None  # the value comes from the parent's declarations
                return node, inline[0]
            if inline is not None or _sheet_important(node, page, self.prop) or declared_style(node, page, self.prop):
                return None
            node = node.parent
        return None

    def _px(self, value: str, source: dom.Tag, target: dom.Tag, page: Page) -> float | None:
        if value in ("normal", "initial", "revert", "revert-layer"):
            return self.normal * font_size_px(target, page)
        parsed = _number_unit(value)
        if parsed is None:
            return None
        number, unit = parsed
        if unit == "":
            return number * font_size_px(target, page) if self.prop == "line-height" else (number if number == 0 else None)
        if unit in ("em", "%"):
            return number * font_size_px(source, page) / (100 if unit == "%" else 1)
        if unit == "rem":
            return number * DEFAULT_FONT_PX
        if unit in ("ex", "ch"):
            return number * font_size_px(source, page) / 2
        return number * _ABSOLUTE.get(unit, 1.0)

    def _page_has_important(self, page: Page) -> bool:
        """Whether any markup declares the property !important (most pages never do)."""
        return page.derived(f"important-{self.prop}", lambda page: bool(
            re.search(re.escape(self.prop) + r"\s*:[^;>]*!\s*important", page.text, re.I)))

    def visit(self, element, page):
        if not self._page_has_important(page):
            return
        has_text = any(type(c) is dom.NavigableString and c.strip() for c in element.children)
        if not has_text or not is_rendered(element, page) or _offscreen(element, page):
            return
        found = self._source(element, page)
        if found is None:
            return
        source, value = found
        px = self._px(value, source, element, page)
        if px is None:
            return
        size = font_size_px(element, page)
        if px < self.minimum * size - 1e-6:
            where = "" if source is element else f" (from <{source.name}>)"
            yield self.finding(page, element, f"{self.prop}: {value} !important{where} is below {self.minimum:g} times the font size and cannot be overridden: raise it or drop !important")
