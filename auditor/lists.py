"""What the list rules share: the children of a list that matter, and how to name them.

Screen readers announce "list, 4 items" from this structure and let users jump between
items; stray children break the count, and stray items lose their list.
"""

from __future__ import annotations

from auditor import dom
from auditor.tags import tag_with_role

# Children that never render, so they may sit anywhere in a list.
SCRIPT_SUPPORTING = frozenset({"script", "template"})


def has_role_attr(element: dom.Tag) -> bool:
    return bool((element.get("role") or "") and str(element.get("role")).strip())


def significant_children(element: dom.Tag):
    """Direct children that matter: elements and non-blank text (comments dropped)."""
    for child in element.children:
        if isinstance(child, dom.Comment):
            continue
        if isinstance(child, dom.NavigableString):
            if str(child).strip():
                yield child
        elif isinstance(child, dom.Tag):
            yield child


def described(items: list) -> str:
    seen: list[str] = []
    for item in items:
        text = tag_with_role(item)
        if text not in seen:
            seen.append(text)
    return ", ".join(seen[:4]) + (", ..." if len(seen) > 4 else "")
