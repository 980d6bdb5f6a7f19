"""Link text as the link-text and navigation rules read it: the name or visible text of a
link, normalized for comparison, and the vague phrases (data/vague-link-text.csv).
"""

from __future__ import annotations

import re
from functools import cache

from auditor import dom
from auditor.accname import accessible_name
from auditor.datafiles import csv_rows
from auditor.page import Page, attr, text_of

_EDGE_PUNCTUATION = "\"'“”‘’«»‹›<>[](){}.,;:!?…-–—_*|/\\^~=+↑↓→←▲►▶▸»·•#"
SPACES = re.compile(r"\s+")


def normalize_link_text(text: str) -> str:
    """Lower-cased, whitespace collapsed, punctuation and arrows trimmed from both ends."""
    return SPACES.sub(" ", text).strip().strip(_EDGE_PUNCTUATION + " ").lower()


def link_text(link: dom.Tag, page: Page) -> str:
    """`text_of(link)`, read once per link and page: several rules read the same links."""
    texts = page.derived("link-texts", lambda page: {})
    found = texts.get(id(link))
    if found is None:
        found = texts[id(link)] = text_of(link)
    return found


def link_name(link: dom.Tag, page: Page) -> str:
    """The link's accessible name, with its content as the fallback (text plus image alts)."""
    name = accessible_name(link, page)
    if name:
        return name
    parts = []
    for node in link.descendants:
        if isinstance(node, dom.NavigableString) and not isinstance(node, dom.Comment):
            if node.parent is not None and node.parent.name not in ("script", "style", "template"):
                parts.append(str(node))
        elif isinstance(node, dom.Tag) and node.name in ("img", "area", "input"):
            parts.append(" " + (attr(node, "alt") or "") + " ")
    return SPACES.sub(" ", "".join(parts)).strip() or (attr(link, "title") or "").strip()


@cache
def vague_phrases() -> frozenset[str]:
    return frozenset(normalize_link_text(row["phrase"]) for row in csv_rows("vague-link-text.csv"))
