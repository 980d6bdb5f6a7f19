"""The document as the document and language rules read it: its <html> element, and the
meta refresh that browsers act on."""

from __future__ import annotations

import re

from auditor import dom
from auditor.page import Page, attr

_DELAY = re.compile(r"[\t\n\f\r ]*(\d*)")


def html_root(page: Page) -> dom.Tag | None:
    """The page's <html> element when the page is an HTML document (not an SVG or MathML file
    that the parser wrapped in an implied <html>)."""
    root = page.soup.find("html")
    if root is None:
        return None
    if page.start_tag_source(root) is None:
        head = page.text.lstrip()[:200].lower()
        if head.startswith(("<svg", "<math", "<?xml")) and "<html" not in page.text[:2000].lower():
            return None
    return root


def refresh_delay(content: str | None) -> int | None:
    """The delay of a meta refresh `content`, per HTML's declarative refresh steps; None when
    the value is not a valid refresh (browsers then ignore it)."""
    if content is None:
        return None
    match = _DELAY.match(content)
    digits = match.group(1)
    rest = content[match.end():]
    if not digits and not rest.startswith("."):
        return None
    rest = rest.lstrip("0123456789.")
    if rest and rest[0] not in ";, \t\n\f\r":
        return None
    return int(digits) if digits else 0


def first_refresh(page: Page) -> tuple[dom.Tag, int] | None:
    """The first meta refresh with a valid content (the one browsers act on) and its delay."""
    for meta in page.by_name("meta"):
        if (attr(meta, "http-equiv") or "").strip().lower() != "refresh":
            continue
        delay = refresh_delay(attr(meta, "content"))
        if delay is not None:
            return meta, delay
    return None
