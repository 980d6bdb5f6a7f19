"""A page as rules see it: the decoded text, the one parsed tree, and where each element is.

bs4's html5lib builder records, for each element, the line and column where its start tag
*ends*; `Page.location` walks back to the `<` so findings point at the start of the tag.
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
    start: int  # offset of "<" in the text, or -1 when the tag is implied by the parser
    end: int  # offset just after ">" of the start tag


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

    @cached_property
    def _lower(self) -> str:
        return self.text.lower()

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _offset(self, line: int, column0: int) -> int:
        starts = self._line_starts
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + column0, len(self.text))

    def location(self, element: dom.Tag | None) -> Location:
        if element is None or getattr(element, "sourceline", None) is None:
            return Location(1, 1, -1, 0)
        found = self._locations.get(id(element))
        if found is None:  # a finding asks for it, then its snippet: locate the tag once
            found = self._locations[id(element)] = self._locate(element)
        return found

    def _locate(self, element: dom.Tag) -> Location:
        gt = self._offset(element.sourceline, element.sourcepos)
        start = self._start_of_tag(element.name, gt)
        if start < 0:
            line, column = self.line_column(gt)
            return Location(line, column, -1, gt)
        line, column = self.line_column(start)
        return Location(line, column, start, gt + 1)

    def _start_of_tag(self, name: str, gt: int) -> int:
        """Offset of `<name` whose start tag ends at `gt`, or -1 when the parser implied it."""
        needle = "<" + name.lower()
        pos = self._lower.rfind(needle, 0, gt + 1)
        while pos != -1:
            after = self._lower[pos + len(needle): pos + len(needle) + 1]
            if after in ("", ">", "/") or after.isspace():
                return pos if _tag_end(self.text, pos) == gt else -1
            pos = self._lower.rfind(needle, 0, pos)
        return -1

    def parsed_tag_end(self, element: dom.Tag) -> int | None:
        """Offset of the `>` ending `element`'s start tag as the parser recorded it (what
        `location` starts from, without its search), or None when it recorded none."""
        if getattr(element, "sourceline", None) is None:
            return None
        return self._offset(element.sourceline, element.sourcepos)

    def end_of_tag(self, start: int) -> int:
        """Offset of the `>` closing the tag that begins at `start` (as `location` finds it), or -1."""
        return _tag_end(self.text, start)

    def lowered_in_step(self) -> bool:
        """Whether offsets in the lower-cased text, where `location` looks for start tags, are
        offsets in the text too (lower-casing "İ" makes two characters)."""
        return len(self._lower) == len(self.text)

    def start_tag_source(self, element: dom.Tag) -> str | None:
        """The start tag exactly as written, or None when the parser implied the element."""
        loc = self.location(element)
        return self.text[loc.start: loc.end] if loc.start >= 0 else None

    def snippet(self, element: dom.Tag | None) -> str:
        if element is None:
            return ""
        source = self.start_tag_source(element)
        if source is None:
            attrs = "".join(f' {k}="{_attr_text(v)}"' for k, v in element.attrs.items())
            source = f"<{element.name}{attrs}>"
        source = _WS.sub(" ", source)
        if len(source) > SNIPPET_LIMIT:
            source = source[: SNIPPET_LIMIT - 1] + "…"
        return source

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


# The `>` that closes a start tag, honouring quotes: a quote opens a quoted value only
# right after "=" or whitespace; elsewhere it is an ordinary character. Atomic groups and a
# possessive repeat keep an unclosed quote from being re-read as ordinary characters, so it
# runs to the end of the text (no `>`), as a browser's tokenizer would.
_TAG_END = re.compile(r"""(?>[^>"']+|(?<=[= \t\n])"[^"]*"|(?<=[= \t\n])'[^']*'|(?<![= \t\n])["'])*+>""")


def _tag_end(text: str, start: int) -> int:
    """Offset of the `>` closing the start tag that begins at `start`, honouring quotes."""
    found = _TAG_END.match(text, start + 1)
    return found.end() - 1 if found else -1


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
