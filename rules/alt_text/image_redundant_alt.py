from __future__ import annotations

import re

from auditor import dom
from auditor.accname import is_hidden, visible_text
from auditor.aria import explicit_role
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule

_PUNCTUATION = re.compile(r"[^\w]+")
# Where an image's alt text is read together with the text around it (axe-core's choice).
_CONTAINERS = frozenset({"button", "p", "li", "td", "th"})


def _words(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def _container(element: dom.Tag) -> dom.Tag | None:
    node = element.parent
    while isinstance(node, dom.Tag):
        role = explicit_role(node)
        if role in ("button", "link") or node.name in _CONTAINERS or (node.name == "a" and node.has_attr("href")):
            return node
        node = node.parent
    return None


class ImageRedundantAlt(Rule):
    id = "image-redundant-alt"
    family = "alt-text"
    severity = Severity.WARNING
    summary = "Alt text should not repeat the text next to the image"
    impact = "minor"
    elements = ("img",)
    what = """
        Reports an image whose alt text is the same (ignoring case and punctuation) as the
        rest of the text of the link, button, paragraph, list item or table cell it sits in.
    """
    why = """
        A screen reader reads the alt text and then the text beside it, so users hear
        everything twice: "Home Home". It adds noise to every visit of a menu, and is
        usually a sign that the image is decorative there.
    """
    fix = """
        When the text next to an image already says what the image says, give the image
        `alt=""`; otherwise write an alt that adds what the text does not.
    """

    def visit(self, element, page):
        alt = _words(attr(element, "alt") or "")
        if not alt or is_hidden(element, page):
            return
        container = _container(element)
        if container is None or is_hidden(container, page):
            return
        if _words(visible_text(container, page)) == alt:
            yield self.finding(
                page, element,
                f"Alt text {(attr(element, 'alt') or '').strip()!r} repeats the text beside the image: use alt=\"\" "
                "or describe what the text does not say",
            )
