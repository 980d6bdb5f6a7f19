"""Landmarks, as the landmark rules find them, and the base classes of the rules that allow
one banner, contentinfo or main, at the top level.

Landmarks (`<header>`, `<nav>`, `<main>`, `<footer>`, `<aside>`, or the same roles) are the
regions screen reader users jump between; a page without them must be read from the top.
"""

from __future__ import annotations

from auditor import dom
from auditor.accname import accessible_name, is_hidden, role_of
from auditor.aria import ROLES, explicit_role, role_is_a, tags_with_implicit_role
from auditor.finding import Severity
from auditor.rule import Rule
from auditor.tags import tag_with_role

# The elements that can be a landmark without a role attribute.
LANDMARK_TAGS = frozenset(tags_with_implicit_role(r for r in ROLES if role_is_a(r, "landmark")))


def landmark_role(element: dom.Tag, page) -> str | None:
    """The landmark role an element exposes, or None. A <form> is a landmark only when named."""
    role = role_of(element, page)
    if role is None or not role_is_a(role, "landmark"):
        return None
    if role == "form" and explicit_role(element) is None and not accessible_name(element, page):
        return None
    return role


def landmarks(page) -> list[tuple[dom.Tag, str]]:
    """(element, role) for every landmark exposed to assistive technology, in document order."""
    return page.derived("landmarks", _find_landmarks)


def _find_landmarks(page) -> list[tuple[dom.Tag, str]]:
    found = []
    for element in page.elements:
        if element.name not in LANDMARK_TAGS and "role" not in element.attrs:
            continue
        role = landmark_role(element, page)
        if role and not is_hidden(element, page):
            found.append((element, role))
    return found


class NoDuplicateLandmark(Rule):
    family = "accessibility"
    severity = Severity.WARNING
    impact = "moderate"
    role: str
    tag: str

    def check(self, page):
        found = [element for element, role in landmarks(page) if role == self.role]
        for element in found[1:]:
            first = page.location(found[0])
            yield self.finding(
                page, element,
                f"Another {self.role} landmark ({tag_with_role(element)}); the first is at line {first.line}: "
                f"keep one, and make the others plain elements",
            )


class TopLevelLandmark(Rule):
    family = "accessibility"
    severity = Severity.WARNING
    impact = "moderate"
    role: str

    def check(self, page):
        for element, role in landmarks(page):
            if role != self.role:
                continue
            node = element.parent
            while isinstance(node, dom.Tag):
                outer = landmark_role(node, page)
                # A <form> is not counted as a container here, named or not (as axe-core does).
                if outer and not (node.name == "form" and explicit_role(node) is None):
                    yield self.finding(
                        page, element,
                        f"The {self.role} landmark {tag_with_role(element)} is inside a {outer} landmark "
                        f"({tag_with_role(node)} at line {page.location(node).line}): move it to the top level",
                    )
                    break
                node = node.parent
