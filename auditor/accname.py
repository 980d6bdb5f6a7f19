"""Accessible names and hidden content, computed from HTML alone.

Follows the W3C Accessible Name and Description Computation 1.2 with the HTML-AAM native
names: aria-labelledby (hidden referenced nodes included), aria-label, the host language's
own label (alt, <label>, caption, legend, figcaption, value, summary, svg <title>, title),
name from content for the roles that allow it, and embedded controls. Every rule that needs
a name, or needs to know what is hidden, asks here.

Where the specifications can be read two ways, auditor computes what Chromium's
accessibility tree gives:
- a `<label>` names its control by the label's own full name: its aria-labelledby or
  aria-label first, then its content, then its title;
- an element that lists its own id in aria-labelledby contributes its content there;
- inside another element's name, an image with an `alt` contributes that alt and nothing
  else: `alt=""` marks it decorative even when it has a title (HTML-AAM's image steps fall
  back to the title; Chromium takes the title as the image's description). An image's own
  name keeps HTML-AAM's steps (alt, else title);
- `<input type="submit|reset">` takes the default "Submit" / "Reset" only when it has no
  `value` attribute; `value=""` leaves it unnamed (or named by its title);
- an image button with no alt or title has no name: Chromium's "Submit" for it repairs a
  missing text alternative, which ACT rule 59796f and axe-core count as a failure.

What is hidden is decided statically: the `hidden` attribute, `aria-hidden="true"`,
`display:none` / `visibility:hidden` in `style` attributes, and the same in `<style>` rules
whose selectors are simple (`tag`, `.class`, `#id`, `tag.class`, compounds of those). The
per-page facts (the sheet, the hidden sets) are computed once and cached on the Page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType

from auditor import aria, dom
from auditor.page import Page, attr, text_of

__all__ = ["accessible_name", "is_hidden", "is_rendered", "is_decorative", "roles", "role_of", "visible_text",
           "declared_style", "inline_style", "has_content", "label_elements", "page_styles", "is_focusable", "in_sequential_focus"]

_WS = re.compile(r"\s+")

# Elements whose contents a browser never renders.
_NEVER_RENDERED = frozenset({"head", "script", "style", "template", "noscript", "title", "meta", "link", "base"})
# Block-level boxes: their text is separated from the neighbours' in a name or inner text.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "td",
    "th", "caption", "ul", "legend", "option",
})
_TEXT_INPUTS = frozenset({"", "text", "search", "tel", "url", "email", "password", "number", "date",
                          "datetime-local", "month", "week", "time", "color", "range", "file"})


def _normalize(text: str) -> str:
    return _WS.sub(" ", text).strip()


# --------------------------------------------------------------------------- CSS, statically

_SIMPLE_SELECTOR = re.compile(r"^(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:[.#][\w-]+)*)$")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def parse_declarations(text: str | None) -> dict[str, tuple[str, bool]]:
    """`prop: value [!important]; ...` -> {prop: (value, important)}; later ones win."""
    out: dict[str, tuple[str, bool]] = {}
    for part in (text or "").split(";"):
        prop, sep, value = part.partition(":")
        if not sep:
            continue
        value = value.strip()
        important = bool(re.search(r"!\s*important\s*$", value, re.I))
        if important:
            value = re.sub(r"!\s*important\s*$", "", value, flags=re.I).strip()
        prop = prop.strip().lower()
        if prop and (important or not out.get(prop, ("", False))[1]):
            out[prop] = (value.lower(), important)
    return out


@dataclass(frozen=True)
class _Selector:
    tag: str | None
    classes: frozenset[str]
    ident: str | None

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (1 if self.ident else 0, len(self.classes), 1 if self.tag else 0)

    def matches(self, element: dom.Tag) -> bool:
        if self.tag and element.name != self.tag:
            return False
        if self.ident and attr(element, "id") != self.ident:
            return False
        if self.classes:
            have = set((attr(element, "class") or "").split())
            if not self.classes <= have:
                return False
        return True


def _parse_selector(text: str) -> _Selector | None:
    text = text.strip()
    match = _SIMPLE_SELECTOR.match(text)
    if not text or not match:
        return None  # combinators, pseudo-classes, attributes: not decided statically
    tag = match.group("tag")
    rest = match.group("rest")
    classes = frozenset(re.findall(r"\.([\w-]+)", rest))
    ids = re.findall(r"#([\w-]+)", rest)
    return _Selector(None if tag in (None, "*") else tag.lower(), classes, ids[0] if ids else None)


_NO_DECLARATIONS = MappingProxyType({})


@dataclass
class PageStyles:
    """What the page's `<style>` elements say, for the simple selectors, plus per-page caches."""

    rules: list[tuple[_Selector, int, dict[str, tuple[str, bool]]]] = field(default_factory=list)
    buckets: dict[tuple[str, str], list] = field(default_factory=dict)
    properties: set[str] = field(default_factory=set)  # every property the rules declare
    hidden: set[int] = field(default_factory=set)  # excluded from the accessibility tree
    unrendered: set[int] = field(default_factory=set)  # not rendered at all (display/visibility/hidden)
    walked: bool = False
    memo: dict = field(default_factory=dict)
    inline_styles: dict[int, dict[str, tuple[str, bool]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # accessible names: several rules ask for one

    def inline(self, element: dom.Tag):
        """The element's `style` attribute as declarations, parsed once per page: the hidden
        walk and the text-spacing rules read the same attributes many times."""
        if "style" not in element.attrs:
            return _NO_DECLARATIONS
        found = self.inline_styles.get(id(element))
        if found is None:
            found = self.inline_styles[id(element)] = parse_declarations(attr(element, "style"))
        return found

    def add(self, selector: _Selector, decls: dict[str, tuple[str, bool]]) -> None:
        order = len(self.rules)
        self.rules.append((selector, order, decls))
        self.properties.update(decls)
        # Bucket by the most selective part, so an element only tries the rules that can match.
        if selector.ident:
            key = ("#", selector.ident)
        elif selector.classes:
            key = (".", min(selector.classes))
        else:
            key = ("", selector.tag or "*")
        self.buckets.setdefault(key, []).append((selector, order, decls))

    def _candidates(self, element: dom.Tag):
        keys = [("", element.name), ("", "*")]
        ident = attr(element, "id")
        if ident:
            keys.append(("#", ident))
        keys.extend((".", c) for c in (attr(element, "class") or "").split())
        for key in keys:
            yield from self.buckets.get(key, ())

    def declared(self, element: dom.Tag, prop: str) -> str | None:
        """The value the element's own declarations give `prop` (no inheritance)."""
        best = None
        best_key = None
        if prop in self.properties:
            for selector, order, decls in self._candidates(element):
                if prop in decls and selector.matches(element):
                    value, important = decls[prop]
                    key = (important, selector.specificity, order)
                    if best_key is None or key > best_key:
                        best, best_key = value, key
        inline = self.inline(element).get(prop)
        if inline is not None and (best_key is None or inline[1] or not best_key[0]):
            best = inline[0]
        return best


def _strip_css(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    # At-rules (media queries, font faces...) apply conditionally: leave them out.
    out, depth, i = [], 0, 0
    while i < len(text):
        at = text.find("@", i)
        if at == -1:
            out.append(text[i:])
            break
        out.append(text[i:at])
        j = at
        while j < len(text) and text[j] not in "{;":
            j += 1
        if j < len(text) and text[j] == "{":
            depth, j = 1, j + 1
            while j < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
        else:
            j += 1
        i = j
    return "".join(out)


def page_styles(page: Page) -> PageStyles:
    """The page's simple style rules and hidden sets, built once and kept on the Page."""
    return page.derived("accname-styles", _read_styles)


def _read_styles(page: Page) -> PageStyles:
    styles = PageStyles()
    for style in page.by_name("style"):
        media = (attr(style, "media") or "all").lower()
        if "all" not in media and "screen" not in media:
            continue
        for selectors, body in _RULE.findall(_strip_css("".join(str(c) for c in style.contents))):
            decls = parse_declarations(body)
            if not decls:
                continue
            for text in selectors.split(","):
                selector = _parse_selector(text)
                if selector is not None:
                    styles.add(selector, decls)
    return styles


def inline_style(element: dom.Tag, page: Page):
    """The element's `style` attribute as {prop: (value, important)}, parsed once per page."""
    return page_styles(page).inline(element)


def declared_style(element: dom.Tag, page: Page, prop: str, inherit: bool = False) -> str | None:
    """The declared value of a CSS property on the element (optionally inherited from ancestors)."""
    styles = page_styles(page)
    node = element
    while isinstance(node, dom.Tag):
        value = styles.declared(node, prop)
        if value is not None and value not in ("inherit", "unset"):
            return value
        if not inherit:
            return None
        node = node.parent
    return None


def _walk_hidden(page: Page, styles: PageStyles) -> None:
    """One pass over the tree: which elements are unrendered, and which are hidden from AT."""
    styles.walked = True
    declared = styles.declared
    # Most elements have no style attribute, and most sheets never set these two properties.
    by_sheet = bool(styles.properties & {"display", "visibility"})

    def visit(node: dom.Tag, unrendered: bool, ax_hidden: bool, visibility: str | None) -> None:
        for child in node.contents:
            if not isinstance(child, dom.Tag):
                continue
            attrs = child.attrs
            styled = by_sheet or "style" in attrs
            vis = (styled and declared(child, "visibility")) or visibility
            gone = (unrendered or "hidden" in attrs or child.name in _NEVER_RENDERED
                    or (child.name == "input" and (attr(child, "type") or "").lower() == "hidden")
                    or (styled and declared(child, "display") == "none"))
            invisible = gone or vis in ("hidden", "collapse")
            hidden = ax_hidden or invisible or (
                "aria-hidden" in attrs and (attr(child, "aria-hidden") or "").strip().lower() == "true")
            if invisible:
                styles.unrendered.add(id(child))
            if hidden:
                styles.hidden.add(id(child))
            if child.contents:
                visit(child, gone, hidden and not invisible or ax_hidden or gone, vis)

    visit(page.soup, False, False, None)


def _ensure_walked(page: Page) -> PageStyles:
    styles = page_styles(page)
    if not styles.walked:
        _walk_hidden(page, styles)
    return styles


def _fallback_hidden(element: dom.Tag, include_aria: bool) -> bool:
    """Without a page: the `hidden` attribute, aria-hidden and inline CSS on the element or above."""
    node = element
    while isinstance(node, dom.Tag):
        attrs = node.attrs  # most ancestors have none of these attributes: test for them first
        if "hidden" in attrs or node.name in _NEVER_RENDERED:
            return True
        if include_aria and "aria-hidden" in attrs and (attr(node, "aria-hidden") or "").strip().lower() == "true":
            return True
        if "style" in attrs:
            decls = parse_declarations(attr(node, "style"))
            if decls.get("display", ("",))[0] == "none" or decls.get("visibility", ("",))[0] in ("hidden", "collapse"):
                return True
        node = node.parent
    return False


def is_hidden(element: dom.Tag, page: Page | None = None) -> bool:
    """Excluded from the accessibility tree: not rendered, or inside aria-hidden="true".

    With a page, `<style>` rules count too; without one, only attributes and inline style.
    """
    if page is None:
        return _fallback_hidden(element, include_aria=True)
    return id(element) in _ensure_walked(page).hidden


def is_rendered(element: dom.Tag, page: Page | None = None) -> bool:
    """Rendered (not display:none, visibility:hidden or `hidden`); aria-hidden does not matter."""
    if page is None:
        return not _fallback_hidden(element, include_aria=False)
    return id(element) not in _ensure_walked(page).unrendered


# --------------------------------------------------------------------------- roles and focus


def roles(element: dom.Tag) -> list[str]:
    """The role attribute's tokens, lower-cased."""
    return aria.role_tokens(element)


def is_focusable(element: dom.Tag, page: Page | None = None) -> bool:
    """Focusable by any means (tabindex=-1 included), and rendered."""
    return aria.is_focusable(element) and is_rendered(element, page)


def in_sequential_focus(element: dom.Tag, page: Page | None = None) -> bool:
    """Reachable with the Tab key: focusable, rendered, and tabindex not negative."""
    return aria.in_tab_order(element) and is_rendered(element, page)


def role_of(element: dom.Tag, page: Page | None = None) -> str | None:
    """The semantic role: a valid explicit role, else the implicit one; `none`/`presentation`
    are ignored on focusable elements and on elements with global ARIA attributes (ARIA's
    presentational roles conflict resolution). None when the element has no role."""
    return aria.effective_role(element)


def is_decorative(element: dom.Tag) -> bool:
    """Marked decorative: alt="" on an image, or role presentation/none."""
    first = next(iter(roles(element)), None)
    if first in ("presentation", "none"):
        return True
    return element.name == "img" and attr(element, "alt") == "" and not roles(element)


# --------------------------------------------------------------------------- the computation

# Roles whose name may come from their content (ARIA 1.2 "name from: contents").
def _name_from_content(role: str | None, element: dom.Tag) -> bool:
    if element.name == "summary":
        return True
    info = aria.ROLES.get(role or "")
    return info is not None and info.name_from_contents


def label_elements(element: dom.Tag, page: Page) -> list[dom.Tag]:
    """The <label>s of a labelable element: `for` its id, and the one wrapping it."""
    found = []
    ident = attr(element, "id")
    if ident:
        found.extend(_labels_for(page).get(ident, ()))
    node = element.parent
    while isinstance(node, dom.Tag):
        if node.name == "label":
            if node not in found and (attr(node, "for") is None or attr(node, "for") == ident):
                found.append(node)
            break
        node = node.parent
    return found


def _labels_for(page: Page) -> dict[str, list[dom.Tag]]:
    styles = page_styles(page)
    labels = styles.memo.get("labels")
    if labels is None:
        labels = {}
        for label in page.by_name("label"):
            target = attr(label, "for")
            if target:
                labels.setdefault(target, []).append(label)
        styles.memo["labels"] = labels
    return labels


_LABELABLE = frozenset({"button", "input", "meter", "output", "progress", "select", "textarea"})
# What an <input> button shows, and is named, when it has no value attribute.
_DEFAULT_BUTTON_LABELS = MappingProxyType({"submit": "Submit", "reset": "Reset"})


@dataclass
class _Walk:
    page: Page
    root: dom.Tag
    styles: PageStyles  # the page's, walked for what is hidden
    visited: set[int] = field(default_factory=set)


def accessible_name(element: dom.Tag, page: Page) -> str:
    """The element's accessible name, whitespace-collapsed ("" when it has none); computed
    once per element and page."""
    names = page_styles(page).names
    found = names.get(id(element))
    if found is None:
        try:
            found = _normalize(_name(element, _Walk(page, element, _ensure_walked(page)), in_labelledby=False,
                                     in_content=False, allow_hidden=False))
        except RecursionError:  # absurdly deep pages: no name rather than a crash
            found = ""
        names[id(element)] = found
    return found


def _name(node, walk: _Walk, in_labelledby: bool, in_content: bool, allow_hidden: bool) -> str:
    if isinstance(node, dom.Comment):
        return ""
    if isinstance(node, dom.NavigableString):
        return str(node) if node.parent is None or node.parent.name not in ("script", "style", "template") else ""
    if not isinstance(node, dom.Tag) or id(node) in walk.visited:
        return ""
    page = walk.page
    walk.visited.add(id(node))
    try:
        # 2A: hidden nodes add nothing, unless the walk began at a hidden referenced node.
        if not allow_hidden and id(node) in walk.styles.hidden:
            return ""
        # 2B: aria-labelledby, once per walk (no chains of references).
        if not in_labelledby and "aria-labelledby" in node.attrs:
            refs = [page.ids.get(i) for i in aria.id_refs(attr(node, "aria-labelledby"))]
            refs = [r for r in refs if r is not None]
            if refs:
                text = " ".join(p for p in (_referenced_name(node, ref, walk, allow_hidden) for ref in refs) if p)
                if text.strip():
                    return text
        role = aria.effective_role(node)
        # 2C: a control embedded in another element's label contributes its value.
        if (in_content or in_labelledby) and node is not walk.root:
            embedded = _embedded_value(node, role, walk, allow_hidden)
            if embedded is not None:
                return embedded
        # 2D: aria-label.
        label = attr(node, "aria-label")
        if label and label.strip() and not (in_content and role in ("none", "presentation")):
            return label
        # 2E, an image inside another name: its alt is all it adds, whatever its role, so
        # alt="" adds nothing (Chromium; HTML-AAM's image steps would go on to the title).
        if node is not walk.root and node.name in ("img", "area") and "alt" in node.attrs:
            return attr(node, "alt") or ""
        # 2E: the host language's own label.
        if role not in ("none", "presentation"):
            native = _native_name(node, walk, allow_hidden)
            if native and native.strip():
                return native
        # 2F: name from content, for roles that allow it and inside a walk of content.
        if in_content or in_labelledby or _name_from_content(role, node):
            text = _content_name(node, walk, allow_hidden, in_labelledby)
            if text.strip():
                return text
        # 2I: the tooltip attribute, last.
        return _tooltip(node) or ""
    finally:
        walk.visited.discard(id(node))


def _referenced_name(node: dom.Tag, ref: dom.Tag, walk: _Walk, allow_hidden: bool) -> str:
    """What one aria-labelledby reference of `node` adds (2B). A reference to `node` itself
    is its own content (the node is still being named, so the walk has it as visited)."""
    own = ref is node
    if own:
        walk.visited.discard(id(node))
    try:
        return _normalize(_name(ref, walk, True, True, allow_hidden or is_hidden(ref, walk.page)))
    finally:
        if own:
            walk.visited.add(id(node))


def _tooltip(node: dom.Tag) -> str:
    title = attr(node, "title")
    if title and title.strip():
        return title
    if node.name == "svg":
        return _svg_title(node)
    return ""


def _svg_title(node: dom.Tag) -> str:
    for child in node.children:
        if isinstance(child, dom.Tag) and child.name == "title":
            return text_of(child)
    return ""


def _input_type(node: dom.Tag) -> str:
    return (attr(node, "type") or "").strip().lower()


def _native_name(node: dom.Tag, walk: _Walk, allow_hidden: bool) -> str:
    name = node.name
    page = walk.page
    if name == "img" or name == "area":
        alt = attr(node, "alt")
        return alt if alt is not None and alt.strip() else ""
    if name == "input":
        kind = _input_type(node)
        if kind == "image":
            # No default: Chromium's "Submit" here repairs a missing alt, which ACT 59796f
            # and axe-core report; the title is still taken, last (2I).
            alt = attr(node, "alt")
            return alt if alt and alt.strip() else ""
        if kind in ("button", "submit", "reset"):
            # The default label is what the button shows when it has no value; value=""
            # shows nothing, and Chromium names it nothing (the title may still name it).
            value = attr(node, "value")
            return value if value is not None else _DEFAULT_BUTTON_LABELS.get(kind, "")
    if name in _LABELABLE and not (name == "input" and _input_type(node) == "hidden"):
        # Each label's own full name, as Chromium computes it: aria-labelledby, aria-label,
        # content, then title. The control inside its label adds nothing (it is being named).
        parts = [_normalize(_name(label, walk, in_labelledby=False, in_content=True,
                                  allow_hidden=allow_hidden or is_hidden(label, page)))
                 for label in label_elements(node, page)]
        text = " ".join(p for p in parts if p)
        if text:
            return text
        if name in ("input", "textarea"):
            if name == "input" and _input_type(node) in ("button", "submit", "reset", "image"):
                return ""
            return _tooltip(node) or attr(node, "placeholder") or attr(node, "aria-placeholder") or ""
        return ""
    if name == "fieldset":
        return _first_child_text(node, "legend", walk, allow_hidden)
    if name == "table":
        return _first_child_text(node, "caption", walk, allow_hidden)
    if name == "figure":
        return _first_child_text(node, "figcaption", walk, allow_hidden)
    if name == "svg":
        return _svg_title(node)
    if name in ("iframe", "frame", "object", "embed", "audio", "video", "abbr"):
        return ""
    return ""


def _first_child_text(node: dom.Tag, child_name: str, walk: _Walk, allow_hidden: bool) -> str:
    for child in node.children:
        if isinstance(child, dom.Tag) and child.name == child_name:
            return _content_name(child, walk, allow_hidden)
    return ""


def _embedded_value(node: dom.Tag, role: str | None, walk: _Walk, allow_hidden: bool) -> str | None:
    """The value an embedded control contributes to a label it sits in, or None if not one."""
    if role in ("textbox", "searchbox") or (node.name == "input" and _input_type(node) in _TEXT_INPUTS - {"range", "color", "file"}):
        if node.name == "input":
            return attr(node, "value") or ""
        if node.name == "textarea":
            return node.get_text()
        return text_of(node)
    if role in ("combobox", "listbox") or node.name == "select":
        if node.name == "select":
            options = node.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            return " ".join(text_of(o) for o in chosen)
        selected = [o for o in node.find_all(True) if (attr(o, "aria-selected") or "") == "true"]
        return " ".join(text_of(o) for o in selected) if selected else (attr(node, "value") or "" if node.name == "input" else "")
    if role in ("slider", "spinbutton", "scrollbar", "progressbar", "meter") or (node.name == "input" and _input_type(node) == "range"):
        return attr(node, "aria-valuetext") or attr(node, "aria-valuenow") or attr(node, "value") or ""
    return None


def _content_name(node: dom.Tag, walk: _Walk, allow_hidden: bool, in_labelledby: bool = False) -> str:
    """Names of the children, in order, with block boxes set apart by spaces (2F)."""
    parts = []
    for child in node.contents:
        if isinstance(child, dom.Tag):
            text = _name(child, walk, in_labelledby=in_labelledby, in_content=True, allow_hidden=allow_hidden)
            if child.name in _BLOCK or (walk.styles.declared(child, "display") or "").startswith(("block", "flex", "grid", "table", "list-item")):
                text = f" {text} "
            parts.append(text)
        elif not isinstance(child, dom.Comment):
            parts.append(str(child))
    return "".join(parts)


def has_content(element: dom.Tag) -> bool:
    """Anything inside but whitespace and comments: a child element or some text."""
    for child in element.children:
        if isinstance(child, dom.Tag):
            return True
        if isinstance(child, dom.NavigableString) and not isinstance(child, dom.Comment) and child.strip():
            return True
    return False


# --------------------------------------------------------------------------- visible text


def visible_text(element: dom.Tag, page: Page) -> str:
    """The rendered text of an element, as a sighted user reads it (aria-hidden text included,
    display:none / visibility:hidden text left out), whitespace-collapsed."""
    parts = []

    def walk(node: dom.Tag) -> None:
        for child in node.children:
            if isinstance(child, dom.Tag):
                if not is_rendered(child, page):
                    continue
                display = declared_style(child, page, "display") or ""
                block = (child.name in _BLOCK or display.startswith(("block", "flex", "grid", "list-item"))) and not display.startswith("inline")
                if block:
                    parts.append(" ")
                walk(child)
                if block:
                    parts.append(" ")
            elif not isinstance(child, dom.Comment) and node.name not in ("script", "style", "template"):
                parts.append(str(child))

    walk(element)
    return _normalize("".join(parts))
