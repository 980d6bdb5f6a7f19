"""How findings name an element: by its tag, and with its explicit role when it has one."""

from __future__ import annotations

from auditor import dom
from auditor.aria import explicit_role


def tag_text(element: dom.Tag) -> str:
    return f"<{element.name}>"


def tag_with_role(node) -> str:
    """`<div role="list">`, `<li>`, or "text" for a text node."""
    if isinstance(node, dom.Tag):
        role = explicit_role(node)
        return f"<{node.name} role=\"{role}\">" if role else f"<{node.name}>"
    return "text"
