"""The document as a whole: its title, automatic refresh or redirect, and zoom in the viewport."""

from __future__ import annotations

import re

from auditor import dom
from auditor.finding import Severity
from auditor.page import Page, attr, text_of
from auditor.rule import Rule
from auditor.rules.language import html_root

# WCAG 2.2.1 lets a page refresh or redirect on its own after at least 20 hours.
TWENTY_HOURS = 72000


def _outside_document(element: dom.Tag) -> bool:
    """Inside <template> (inert) or <svg> (an SVG's own title)."""
    return any(p.name in ("template", "svg", "math") for p in element.parents if isinstance(p, dom.Tag))


class DocumentTitle(Rule):
    id = "document-title"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The page must have a non-empty <title>"
    wcag = ("2.4.2",)
    act = ("2779a5",)
    impact = "serious"
    what = """
        Reports an HTML page with no `<title>` element, or whose first `<title>` holds only
        whitespace. Titles inside `<template>` or `<svg>` do not count.
    """
    why = """
        The title is the first thing a screen reader announces and what tabs, bookmarks,
        history and search results show; without it users cannot tell pages apart.
    """
    bad_example = """
        <head><title> </title></head>
    """
    good_example = """
        <head><title>Trafficking in persons | Women in Development</title></head>
    """
    fix = """
        Put one `<title>` in `<head>` that says what the page is, most specific part first.
    """

    def check(self, page):
        root = html_root(page)
        if root is None:
            return
        titles = [t for t in page.by_name("title") if not _outside_document(t)]
        if not titles:
            yield self.finding(page, root, "The page has no <title>: add one that says what the page is")
        elif not text_of(titles[0]):
            yield self.finding(page, titles[0], "The page's <title> is empty: say what the page is")


_DELAY = re.compile(r"[\t\n\f\r ]*(\d*)")


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


class MetaRefresh(Rule):
    id = "meta-refresh"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The page must not refresh or redirect on its own after a delay"
    wcag = ("2.2.1", "2.2.4", "3.2.5")
    act = ("bc659a",)
    impact = "critical"
    what = """
        Reports `<meta http-equiv="refresh">` with a delay above 0 and at most 20 hours.
        An immediate redirect (delay 0) and a delay longer than 20 hours (WCAG's exception)
        pass.
    """
    why = """
        A page that reloads or moves away after some seconds takes the content from people
        who read slowly, use a screen reader or magnifier, or stepped away; a reload also
        throws the screen reader back to the top.
    """
    bad_example = """
        <meta http-equiv="refresh" content="30; url=https://example.org/new">
    """
    good_example = """
        <meta http-equiv="refresh" content="0; url=https://example.org/new">
    """
    fix = """
        Redirect on the server (HTTP 301), or with a delay of 0; for live data, let the user
        refresh or update the part that changes.
    """

    def check(self, page):
        found = first_refresh(page)
        if found and 0 < found[1] <= TWENTY_HOURS:
            meta, delay = found
            yield self.finding(page, meta, f"The page refreshes or redirects after {delay} seconds: redirect at once (delay 0) or let the user do it")


class MetaRefreshNoException(Rule):
    id = "meta-refresh-no-exceptions"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "The page must not refresh or redirect on its own after any delay (AAA)"
    wcag = ("2.2.4", "3.2.5")
    act = ("bisz58",)
    impact = "minor"
    enabled_by_default = False
    what = """
        The AAA form of `meta-refresh`: reports `<meta http-equiv="refresh">` with any delay
        above 0, the 20-hour exception included.
    """
    why = """
        WCAG 2.2.4 and 3.2.5 (AAA) ask that content does not update or move away unless the
        user asks, however long the delay.
    """
    bad_example = """
        <meta http-equiv="refresh" content="86400">
    """
    good_example = """
        <meta http-equiv="refresh" content="0; url=https://example.org/new">
    """
    fix = """
        Redirect at once or on the server, and let the user reload content.
    """

    def check(self, page):
        found = first_refresh(page)
        if found and found[1] > 0:
            meta, delay = found
            yield self.finding(page, meta, f"The page refreshes or redirects after {delay} seconds: redirect at once or let the user do it")


def _viewport_number(value: str, keywords: dict[str, float]) -> float | None:
    """A viewport property value as a number (CSS Device Adaptation's translation)."""
    value = value.strip().lower()
    if value in keywords:
        return keywords[value]
    match = re.match(r"[-+]?(\d+(\.\d*)?|\.\d+)", value)
    return float(match.group(0)) if match else 0.0


def viewport_properties(content: str) -> dict[str, str]:
    props = {}
    for part in re.split(r"[,;]", content):
        if "=" in part:
            key, _, value = part.partition("=")
            props[key.strip().lower()] = value.strip()
    return props


class MetaViewport(Rule):
    id = "meta-viewport"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The viewport must let users zoom to at least 200%"
    wcag = ("1.4.4",)
    act = ("b4f0c3",)
    impact = "critical"
    what = """
        Reports `<meta name="viewport">` with `user-scalable=no` (or a value that means it),
        or `maximum-scale` below 2.
    """
    why = """
        Mobile browsers obey these values: users with low vision cannot pinch-zoom the text
        they need to read.
    """
    bad_example = """
        <meta name="viewport" content="width=device-width, maximum-scale=1, user-scalable=no">
    """
    good_example = """
        <meta name="viewport" content="width=device-width, initial-scale=1">
    """
    fix = """
        Remove `user-scalable` and `maximum-scale` (or set `maximum-scale` to 2 or more) and
        make the layout work when zoomed.
    """

    _KEYWORDS = {"yes": 1.0, "no": 0.1, "device-width": 10.0, "device-height": 10.0}

    def check(self, page):
        for meta in page.by_name("meta"):
            if (attr(meta, "name") or "").strip().lower() != "viewport":
                continue
            props = viewport_properties(attr(meta, "content") or "")
            problems = []
            if "user-scalable" in props:
                scalable = _viewport_number(props["user-scalable"], {**self._KEYWORDS, "no": 0.0})
                if abs(scalable) < 1:
                    problems.append(f"user-scalable={props['user-scalable']}")
            if "maximum-scale" in props:
                maximum = _viewport_number(props["maximum-scale"], self._KEYWORDS)
                if 0 <= maximum < 2:
                    problems.append(f"maximum-scale={props['maximum-scale']}")
            if problems:
                yield self.finding(page, meta, f"The viewport stops zooming ({', '.join(problems)}): remove it or allow a scale of 2 or more")
