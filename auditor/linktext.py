"""Link text as the link-text and navigation rules read it: the name or visible text of a
link, normalized for comparison, the language it is in, and the vague phrases of each
language (data/vague-link-text.csv).
"""

from __future__ import annotations

import re
from functools import cache

from auditor import aria, dom
from auditor.accname import accessible_name, role_of
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


def nameless_link(element: dom.Tag, page: Page) -> dom.Tag | None:
    """The link that `element` is or sits in, when that link has no accessible name.

    link-name reports it and owns the problem (WCAG failure F89: an image, the only content
    of a link, without a text alternative): image-alt leaves the image to it, and
    redundant-link does not add a second finding about the same link.
    """
    node = element
    while isinstance(node, dom.Tag) and node.name not in ("body", "html"):
        if aria.role_is_a(role_of(node, page), "link"):
            return None if accessible_name(node, page).strip() else node
        node = node.parent
    return None


@cache
def vague_phrases() -> dict[str, frozenset[str]]:
    """The vague phrases of each language, by primary language subtag ("en", "fr", "es")."""
    phrases: dict[str, set[str]] = {}
    for row in csv_rows("vague-link-text.csv"):
        phrases.setdefault(row["language"].strip().lower(), set()).add(normalize_link_text(row["phrase"]))
    return {language: frozenset(found) for language, found in phrases.items()}


def language_of(element: dom.Tag, page: Page) -> str:
    """The element's language as HTML determines it, as a lower-case primary subtag: the
    nearest `lang` attribute, else the page's Content-Language (its `<meta http-equiv>`,
    then the HTTP header) when that names one language; "" when unknown."""
    node = element
    while isinstance(node, dom.Tag):
        if "lang" in node.attrs:
            return _primary_subtag(attr(node, "lang") or "")
        node = node.parent
    return page.derived("content-language", _content_language)


def _content_language(page: Page) -> str:
    pragma = next((attr(meta, "content") for meta in page.by_name("meta")
                   if (attr(meta, "http-equiv") or "").strip().lower() == "content-language"), None)
    declared = pragma if pragma is not None else page.headers.get("content-language", "")
    return "" if "," in (declared or "") else _primary_subtag(declared or "")


def _primary_subtag(tag: str) -> str:
    return tag.strip().split("-", 1)[0].lower()
