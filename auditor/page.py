"""A page as rules see it: the decoded text, the one parsed tree, and where each element is.

The parser (auditor.parsing) records where each start tag and comment is in the text, and
html5lib's parse errors; locations, snippets and start tags as written are read from there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Callable

from auditor import dom

SNIPPET_LIMIT = 240
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Location:
    line: int
    column: int
    start: int  # offset of "<" in the text, or -1 when the parser implied the element
    end: int  # offset just after ">" (or the comment's "-->"); for an implied element, where the parser was, less one


@dataclass
class Page:
    name: str  # the path as given, or the URL
    text: str  # decoded, newlines normalized to "\n"
    soup: dom.BeautifulSoup
    as_of: date
    url: str | None = None  # final URL for pages fetched over HTTP
    path: str | None = None  # local file path for pages read from disk
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    # Document order of every node, filled by the engine's single walk.
    order: dict[int, int] = field(default_factory=dict, repr=False)
    _siblings: dict[int, tuple] = field(default_factory=dict, repr=False)
    _locations: dict[int, Location] = field(default_factory=dict, repr=False)
    # CSS paths already built (element id -> path): a finding's path extends its parent's.
    selectors: dict[int, str] = field(default_factory=dict, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)
    _srcdocs: dict[int, Any] = field(default_factory=dict, repr=False)
    # Every element in document order, from the engine's one walk of the tree.
    walked: list[dom.Tag] | None = field(default=None, repr=False)

    def derived(self, key: str, build: Callable[[Page], Any]) -> Any:
        """What rules derive from the page (its headings, link texts, style rules...), built
        by `build(page)` the first time any rule asks and kept for the others."""
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = build(self)
        return found

    @property
    def elements(self) -> list[dom.Tag]:
        """Every element in document order. Page-level rules use this (and `by_name`) instead
        of searching the tree again: the engine walks each tree once."""
        if self.walked is None:  # a Page made outside the engine (tests, tools)
            self.walked = self.soup.find_all(True)
        return self.walked

    @cached_property
    def _by_name(self) -> dict[str, list[dom.Tag]]:
        grouped: dict[str, list[dom.Tag]] = {}
        for element in self.elements:
            grouped.setdefault(element.name, []).append(element)
        return grouped

    def by_name(self, *names: str) -> list[dom.Tag]:
        """The elements with these tag names, in document order."""
        if len(names) == 1:
            return self._by_name.get(names[0], [])
        wanted = set(names)
        return [e for e in self.elements if e.name in wanted]

    def first(self, name: str) -> dom.Tag | None:
        """The first element with this tag name: what `soup.find(name)` gives, from the walk."""
        found = self.by_name(name)
        return found[0] if found else None

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def _source(self):
        """The parser's source map (None for a tree it did not make)."""
        return self.soup.source if isinstance(self.soup, dom.Document) else None

    def _span(self, node) -> tuple[int, int] | None:
        source = self._source
        return None if source is None else source.spans.get(id(node))

    def location(self, node: dom.Tag | dom.Comment | None) -> Location:
        """Where an element's start tag or a comment begins. An element the parser implied
        is placed where the parser was when it made it; the page itself, and elements
        html5lib cloned, at 1:1."""
        span = None if node is None else self._span(node)
        if span is None:
            return Location(1, 1, -1, 0)
        found = self._locations.get(id(node))
        if found is None:  # a finding asks for it, then its snippet: once
            start, end = span
            if start < 0:
                line, column = self.line_column(end - 1)
                found = Location(line, column, -1, end - 1)
            else:
                line, column = self.line_column(start)
                found = Location(line, column, start, end)
            self._locations[id(node)] = found
        return found

    def start_tag_source(self, element: dom.Tag) -> str | None:
        """The start tag exactly as written, or None when the parser implied the element."""
        loc = self.location(element)
        return self.text[loc.start: loc.end] if loc.start >= 0 else None

    @property
    def parse_errors(self) -> tuple:
        """html5lib's parse errors (auditor.parsing.ParseError: offset, code, details), in the
        order the parser met them."""
        source = self._source
        return () if source is None else source.errors

    @cached_property
    def _repeated_attributes(self) -> tuple[list[int], list[str]]:
        """Offsets and names of html5lib's "duplicate-attribute" errors."""
        found = [(e.offset, e.details["name"]) for e in self.parse_errors if e.code == "duplicate-attribute"]
        return [offset for offset, _ in found], [name for _, name in found]

    def duplicate_attributes(self, element: dom.Tag) -> list[str]:
        """The attributes that `element`'s start tag gives more than once (html5lib keeps the
        first), in the order of their first repeat: html5lib's "duplicate-attribute" errors
        within the tag."""
        offsets, names = self._repeated_attributes
        span = self._span(element) if offsets else None
        if span is None or span[0] < 0:
            return []
        start, end = span
        repeated: list[str] = []
        for name in names[bisect.bisect_right(offsets, start): bisect.bisect_right(offsets, end)]:
            if name not in repeated:
                repeated.append(name)
        return repeated

    def srcdoc(self, iframe: dom.Tag) -> dom.Document | None:
        """The document of an iframe's `srcdoc`, parsed once (None without one, or when
        html5lib fails on it)."""
        key = id(iframe)
        if key not in self._srcdocs:
            from auditor.parsing import parse  # imported with the page's own parse

            source = attr(iframe, "srcdoc")
            try:
                self._srcdocs[key] = None if source is None else parse(source)
            except Exception:  # html5lib on odd markup: nothing to judge
                self._srcdocs[key] = None
        return self._srcdocs[key]

    def snippet(self, node: dom.Tag | dom.Comment | None) -> str:
        """The start tag as written (a comment as written), whitespace collapsed, cut at
        SNIPPET_LIMIT; for an implied element, its tag made from its attributes."""
        if node is None:
            return ""
        if isinstance(node, dom.Comment):
            loc = self.location(node)
            source = self.text[loc.start: loc.end] if loc.start >= 0 else f"<!--{node}-->"
            return _collapsed(source)
        element = node
        source = self.start_tag_source(element)
        if source is None:
            attrs = "".join(f' {k}="{_attr_text(v)}"' for k, v in element.attrs.items())
            source = f"<{element.name}{attrs}>"
        return _collapsed(source)

    def same_name_position(self, node: dom.Tag) -> tuple[int, int]:
        """(1-based position, count) of `node` among its parent's children of the same name,
        computed once per parent: findings on thousands of siblings stay linear."""
        parent = node.parent
        table = self._siblings.get(id(parent))
        if table is None:
            counts: dict[str, int] = {}
            positions: dict[int, int] = {}
            for child in parent.children:
                if isinstance(child, dom.Tag):
                    counts[child.name] = counts.get(child.name, 0) + 1
                    positions[id(child)] = counts[child.name]
            table = self._siblings[id(parent)] = (positions, counts)
        positions, counts = table
        return positions[id(node)], counts[node.name]

    def order_of(self, node) -> int:
        return self.order.get(id(node), 0)

    @cached_property
    def ids(self) -> dict[str, dom.Tag]:
        """First element for each id, in document order."""
        found: dict[str, dom.Tag] = {}
        for tag in self.elements:
            if tag.has_attr("id"):
                found.setdefault(_attr_text(tag.get("id")), tag)
        return found


def _attr_text(value) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def _collapsed(source: str) -> str:
    source = _WS.sub(" ", source)
    if len(source) > SNIPPET_LIMIT:
        source = source[: SNIPPET_LIMIT - 1] + "…"
    return source


def text_of(node) -> str:
    """Visible-ish text of a node with whitespace collapsed (comments and scripts dropped)."""
    if isinstance(node, dom.NavigableString):
        return "" if isinstance(node, dom.Comment) else _WS.sub(" ", str(node)).strip()
    contents = node.contents
    if len(contents) == 1 and type(contents[0]) is dom.NavigableString:  # most links and headings: no walk
        return "" if node.name in ("script", "style", "template") else _WS.sub(" ", str(contents[0])).strip()
    parts = []
    for piece in node.descendants:
        if isinstance(piece, dom.NavigableString) and not isinstance(piece, dom.Comment):
            if piece.parent is not None and piece.parent.name in ("script", "style", "template"):
                continue
            parts.append(str(piece))
    return _WS.sub(" ", "".join(parts)).strip()


def attr(element: dom.Tag, name: str) -> str | None:
    """An attribute as one string (bs4 splits class-like attributes into lists)."""
    value = element.attrs.get(name)  # what Tag.get does, without its call: rules ask millions of times
    if value is None or type(value) is str:
        return value
    return _attr_text(value)
