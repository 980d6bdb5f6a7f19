"""A CSS path for an element, and the identity used in fingerprints.

The selector helps people find the element; the identity must survive unrelated edits
(moved lines, a paragraph added above), so it uses what the element *is* (tag, a few
telling attributes, its text) and never its line or position among siblings.
"""

from __future__ import annotations

import hashlib
import re

from auditor import dom
from auditor.page import attr, text_of

_SIMPLE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_IDENTITY_ATTRS = ("id", "name", "href", "src", "alt", "type", "role", "aria-label", "for", "content", "http-equiv", "lang", "class")


def css_path(element: dom.Tag | None, same_name=None, known: dict[int, str] | None = None) -> str:
    """`same_name(node)` gives (position, count) among same-named siblings; pages pass a cached
    one, and `known` (element id -> its path), so siblings share their parent's path."""
    if element is None:
        return ""
    same_name = same_name or _same_name
    steps = []  # (node, its part), from the element up
    path = ""
    node = element
    while isinstance(node, dom.Tag) and node.name != "[document]":
        if known is not None and id(node) in known:
            path = known[id(node)]
            break
        ident = attr(node, "id")
        if ident and _SIMPLE_ID.match(ident):
            steps.append((node, f"{node.name}#{ident}"))  # an id is unique enough: the path starts there
            break
        part = node.name
        if isinstance(node.parent, dom.Tag) and node.name not in ("html", "head", "body"):
            position, count = same_name(node)
            if count > 1:
                part += f":nth-of-type({position})"
        steps.append((node, part))
        node = node.parent
    for node, part in reversed(steps):
        path = f"{path} > {part}" if path else part
        if known is not None:
            known[id(node)] = path
    return path


def _same_name(node: dom.Tag) -> tuple[int, int]:
    same = [c for c in node.parent.children if isinstance(c, dom.Tag) and c.name == node.name]
    # By identity: bs4's == compares structure, so two identical siblings would share a position.
    return next(i for i, c in enumerate(same, start=1) if c is node), len(same)


def identity(element: dom.Tag | None) -> str:
    if element is None:
        return "page"
    bits = [element.name]
    present = element.attrs
    for name in _IDENTITY_ATTRS:
        value = attr(element, name) if name in present else None
        if value is not None:
            bits.append(f"{name}={value[:200]}")
    if element.name not in ("html", "head", "body"):  # their text is the whole page
        bits.append(text_of(element)[:80])
    return "\x1f".join(bits)


def fingerprint(rule: str, page: str, ident: str, occurrence: int) -> str:
    raw = "\x1e".join((rule, page, ident, str(occurrence)))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]
