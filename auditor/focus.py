"""Focus that contradicts semantics, as the focus rules find it: focusable content inside an
element whose children are presentational or hidden with aria-hidden.
"""

from __future__ import annotations

from auditor import dom
from auditor.accname import in_sequential_focus, is_focusable


def focusable_descendants(element: dom.Tag, page, sequential: bool):
    test = in_sequential_focus if sequential else is_focusable
    for node in element.descendants:
        if isinstance(node, dom.Tag) and test(node, page):
            yield node
