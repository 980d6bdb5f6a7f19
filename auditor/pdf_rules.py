"""The base class of the PDF link rules, which links are PDF links, and what a link's label
says about its PDF.

A link is a PDF link by its extension or `type` attribute (and, for the broken check, by
the Content-Type it answers with). Network outcomes come from the deferred stage
(auditor.deferred, auditor.linkcheck); the label rule needs only the page.
"""

from __future__ import annotations

import re

from auditor import dom
from auditor.deferred import LinkRule, element_link
from auditor.page import attr
from auditor.rule import Rule

PDF_KINDS = ("a", "area", "iframe")
_CONTEXT_BLOCKS = ("li", "td", "th", "dd", "dt", "caption", "figcaption", "option")
_SENTENCE_BLOCKS = ("p", "div", "span", "blockquote", "section", "article", "main", "body", "font", "center", "form")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
# "2.5MB", "310 KB", "525K", "1,234 bytes", "1.22 MB", "3 Mo"; bare "k"/"m" are too ambiguous.
_SIZE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)\s?(bytes?|[kmgKMG]i?[bB]|[kKmM]o|K|M)(?![\w])")


def is_pdf_link(element, page) -> bool:
    link = element_link(element, page)
    return link is not None and link[0] in PDF_KINDS and link[5]


def _texts(node, link, parts: list, state: dict) -> None:
    """Text of `node` in order, with img alt text, marking where `link` starts and ends."""
    for child in node.children:
        if child is link:
            state["start"] = sum(len(p) for p in parts)
        if isinstance(child, dom.NavigableString):
            if type(child) is dom.NavigableString or child.__class__.__name__ == "CData":
                parts.append(str(child))
        elif isinstance(child, dom.Tag):
            if child.name in ("script", "style", "template"):
                continue
            if child.name in ("img", "area", "input") and attr(child, "alt"):
                parts.append(f" {attr(child, 'alt')} ")
            else:
                if child.name in ("br", "p", "div", "li", "tr", "td"):
                    parts.append(" ")
                _texts(child, link, parts, state)
        if child is link:
            state["end"] = sum(len(p) for p in parts)


def _ancestor(element, names: tuple[str, ...]):
    node = element.parent
    while node is not None and node.name not in names:
        node = node.parent
    return node


def label_context(element) -> tuple[str, str, str]:
    """(text before the link, the link's text, text after) within its list item, cell or sentence."""
    block = _ancestor(element, _CONTEXT_BLOCKS)
    sentence = False
    if block is None:
        block = _ancestor(element, _SENTENCE_BLOCKS) or element.parent
        sentence = True
    if block is None:
        return "", "", ""
    parts: list[str] = []
    state: dict = {}
    _texts(block, element, parts, state)
    text = "".join(parts)
    start, end = state.get("start", 0), state.get("end", 0)
    before, inside, after = text[:start], text[start:end], text[end:]
    if sentence:
        cut = list(_SENTENCE_END.finditer(before))
        before = before[cut[-1].end():] if cut else before
        nxt = _SENTENCE_END.search(after)
        after = after[: nxt.start()] if nxt else after
    squash = lambda s: " ".join(s.split())  # noqa: E731
    return squash(before), squash(inside), squash(after)


def stated_size(before: str, inside: str, after: str) -> re.Match | None:
    """The size the label states: in the link text, else just after it, else just before it."""
    for text, last in ((inside, False), (after, False), (before, True)):
        found = list(_SIZE.finditer(text))
        if found:
            return found[-1] if last else found[0]
    return None


class PdfRule(Rule):
    family = "pdf"
    elements = PDF_KINDS


class PdfLinkRule(LinkRule, PdfRule):
    """A PDF rule that judges what the link checker found at the link's target."""
