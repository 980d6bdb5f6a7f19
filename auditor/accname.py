"""Accessible names and hidden content, computed from HTML alone.

Follows the W3C Accessible Name and Description Computation: aria-labelledby, aria-label,
then the host language's own label (alt, title, ...). Every rule that needs a name asks here.
"""

from __future__ import annotations

import re

from bs4 import Tag

from auditor.page import Page, attr, text_of

_HIDDEN_STYLE = re.compile(r"(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\s*(!important)?\s*(;|$)", re.I)


def _normalize(text: str) -> str:
    return " ".join(text.split())


def is_hidden(element: Tag) -> bool:
    """Hidden from everyone, or from assistive technology: `hidden`, aria-hidden, inline CSS."""
    node = element
    while isinstance(node, Tag):
        if node.has_attr("hidden") or attr(node, "aria-hidden") == "true":
            return True
        style = attr(node, "style")
        if style and _HIDDEN_STYLE.search(style):
            return True
        node = node.parent
    return False


def roles(element: Tag) -> list[str]:
    return (attr(element, "role") or "").lower().split()


def is_decorative(element: Tag) -> bool:
    """Marked decorative: alt="" on an image, or role presentation/none."""
    first = next(iter(roles(element)), None)
    if first in ("presentation", "none"):
        return True
    return element.name == "img" and attr(element, "alt") == "" and not roles(element)


def accessible_name(element: Tag, page: Page) -> str:
    labelledby = attr(element, "aria-labelledby")
    if labelledby:
        parts = []
        for ref in labelledby.split():
            target = page.ids.get(ref)
            if target is not None:
                parts.append(_normalize(attr(target, "aria-label") or text_of(target)))
        name = _normalize(" ".join(p for p in parts if p))
        if name:
            return name
    label = _normalize(attr(element, "aria-label") or "")
    if label:
        return label
    if element.name in ("img", "area") or (element.name == "input" and attr(element, "type") == "image"):
        alt = attr(element, "alt")
        if alt is not None and _normalize(alt):
            return _normalize(alt)
    return _normalize(attr(element, "title") or "")
