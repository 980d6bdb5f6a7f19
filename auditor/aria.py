"""WAI-ARIA 1.2 as data, and the role and focus helpers that rules and accname share.

The role table was generated from the npm package aria-query 5.3.2 (ARIA 1.2, DPUB-ARIA 1.1,
Graphics ARIA 1.0), then corrected where it strays from ARIA 1.2: `none` equals
`presentation`; option and treeitem require no state, option needs a listbox or group;
rowheader's context is row; the roles that prohibit naming also prohibit the braille
name attributes (and generic and none/presentation aria-roledescription), as ARIA 1.3 does. Implicit roles follow HTML-AAM / ARIA in HTML, to the depth static rules need.

Public API:
- `ROLES`: role name -> `RoleInfo`; `ATTRIBUTES`: aria-* name -> `AttributeInfo`;
  `GLOBAL_ATTRIBUTES`: the aria-* names every role supports.
- `explicit_role(el)`, `implicit_role(el)`, `effective_role(el)`: roles of an element.
- `is_focusable(el)`, `in_tab_order(el)`, `is_disabled(el)`, `is_inert(el)`.
- `valid_value(name, value)`, `is_supported(role, name)`, `is_prohibited(role, name)`,
  `role_is_a(role, ancestor)`, `id_refs(value)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor import dom
from auditor.page import attr

# role: (superclass roles, abstract, name from, required, supported (role-specific, with the
#        inherited ones, globals excluded), prohibited, required context roles, roles allowed
#        as required owned elements, children presentational). Attribute names lack "aria-".
_ROLE_TABLE = {
    'alert': ('section', False, 'author', '', '', '', '', '', False),
    'alertdialog': ('alert dialog', False, 'author', '', 'modal', '', '', '', False),
    'application': ('structure', False, 'author', '', 'activedescendant expanded', '', '', '', False),
    'article': ('document', False, 'author', '', 'posinset setsize', '', '', '', False),
    'banner': ('landmark', False, 'author', '', '', '', '', '', False),
    'blockquote': ('section', False, 'author', '', '', '', '', '', False),
    'button': ('command', False, 'author,contents', '', 'expanded pressed', '', '', '', True),
    'caption': ('section', False, 'prohibited', '', '', 'label labelledby', 'figure grid table', '', False),
    'cell': ('section', False, 'author,contents', '', 'colindex colspan rowindex rowspan', '', 'row', '', False),
    'checkbox': ('input', False, 'author,contents', 'checked', 'checked expanded readonly required', '', '', '', True),
    'code': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'columnheader': ('cell gridcell sectionhead', False, 'author,contents', '', 'colindex colspan expanded readonly required rowindex rowspan selected sort', '', 'row', '', False),
    'combobox': ('input', False, 'author', 'controls expanded', 'activedescendant autocomplete expanded readonly required', '', '', '', False),
    'command': ('widget', True, 'author', '', '', '', '', '', False),
    'complementary': ('landmark', False, 'author', '', '', '', '', '', False),
    'composite': ('widget', True, 'author', '', 'activedescendant', '', '', '', False),
    'contentinfo': ('landmark', False, 'author', '', '', '', '', '', False),
    'definition': ('section', False, 'author', '', '', '', '', '', False),
    'deletion': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'dialog': ('window', False, 'author', '', 'modal', '', '', '', False),
    'directory': ('list', False, 'author', '', '', '', '', '', False),
    'doc-abstract': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-acknowledgments': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-afterword': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-appendix': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-backlink': ('link', False, 'author,contents', '', 'expanded', '', '', '', False),
    'doc-biblioentry': ('listitem', False, 'author', '', 'expanded level posinset setsize', '', 'doc-bibliography', '', False),
    'doc-bibliography': ('landmark', False, 'author', '', 'expanded', '', '', 'doc-biblioentry', False),
    'doc-biblioref': ('link', False, 'author,contents', '', 'expanded', '', '', '', False),
    'doc-chapter': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-colophon': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-conclusion': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-cover': ('img', False, 'author', '', 'expanded', '', '', '', False),
    'doc-credit': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-credits': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-dedication': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-endnote': ('listitem', False, 'author', '', 'expanded level posinset setsize', '', 'doc-endnotes', '', False),
    'doc-endnotes': ('landmark', False, 'author', '', 'expanded', '', '', 'doc-endnote', False),
    'doc-epigraph': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-epilogue': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-errata': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-example': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-footnote': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-foreword': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-glossary': ('landmark', False, 'author', '', 'expanded', '', '', 'definition term', False),
    'doc-glossref': ('link', False, 'author,contents', '', 'expanded', '', '', '', False),
    'doc-index': ('navigation', False, 'author', '', 'expanded', '', '', '', False),
    'doc-introduction': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-noteref': ('link', False, 'author,contents', '', 'expanded', '', '', '', False),
    'doc-notice': ('note', False, 'author', '', 'expanded', '', '', '', False),
    'doc-pagebreak': ('separator', False, 'author', '', 'expanded orientation valuemax valuemin valuenow valuetext', '', '', '', True),
    'doc-pagefooter': ('section', False, 'prohibited', '', 'braillelabel brailleroledescription description', '', '', '', False),
    'doc-pageheader': ('section', False, 'prohibited', '', 'braillelabel brailleroledescription description', '', '', '', False),
    'doc-pagelist': ('navigation', False, 'author', '', 'expanded', '', '', '', False),
    'doc-part': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-preface': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-prologue': ('landmark', False, 'author', '', 'expanded', '', '', '', False),
    'doc-pullquote': ('none', False, 'author', '', '', '', '', '', False),
    'doc-qna': ('section', False, 'author', '', 'expanded', '', '', '', False),
    'doc-subtitle': ('sectionhead', False, 'author', '', 'expanded', '', '', '', False),
    'doc-tip': ('note', False, 'author', '', 'expanded', '', '', '', False),
    'doc-toc': ('navigation', False, 'author', '', 'expanded', '', '', '', False),
    'document': ('structure', False, 'author', '', '', '', '', '', False),
    'emphasis': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'feed': ('list', False, 'author', '', '', '', '', 'article', False),
    'figure': ('section', False, 'author', '', '', '', '', '', False),
    'form': ('landmark', False, 'author', '', '', '', '', '', False),
    'generic': ('structure', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'graphics-document': ('document', False, 'author', '', 'expanded', '', '', '', False),
    'graphics-object': ('group', False, 'author,contents', '', 'activedescendant expanded', '', '', '', False),
    'graphics-symbol': ('img', False, 'author', '', 'expanded', '', '', '', True),
    'grid': ('composite table', False, 'author', '', 'activedescendant colcount multiselectable readonly rowcount', '', '', 'row rowgroup', False),
    'gridcell': ('cell widget', False, 'author,contents', '', 'colindex colspan expanded readonly required rowindex rowspan selected', '', 'row', '', False),
    'group': ('section', False, 'author', '', 'activedescendant', '', '', '', False),
    'heading': ('sectionhead', False, 'author,contents', 'level', 'level', '', '', '', False),
    'img': ('section', False, 'author', '', '', '', '', '', True),
    'input': ('widget', True, 'author', '', '', '', '', '', False),
    'insertion': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'landmark': ('section', True, 'author', '', '', '', '', '', False),
    'link': ('command', False, 'author,contents', '', 'expanded', '', '', '', False),
    'list': ('section', False, 'author', '', '', '', '', 'listitem', False),
    'listbox': ('select', False, 'author', '', 'activedescendant expanded multiselectable orientation readonly required', '', '', 'group option', False),
    'listitem': ('section', False, 'author', '', 'level posinset setsize', '', 'directory list', '', False),
    'log': ('section', False, 'author', '', '', '', '', '', False),
    'main': ('landmark', False, 'author', '', '', '', '', '', False),
    'mark': ('section', False, 'prohibited', '', 'braillelabel brailleroledescription description', '', '', '', False),
    'marquee': ('section', False, 'author', '', '', '', '', '', False),
    'math': ('section', False, 'author', '', '', '', '', '', False),
    'menu': ('select', False, 'author', '', 'activedescendant orientation', '', '', 'group menuitem menuitemcheckbox menuitemradio', False),
    'menubar': ('menu', False, 'author', '', 'activedescendant orientation', '', '', 'group menuitem menuitemcheckbox menuitemradio', False),
    'menuitem': ('command', False, 'author,contents', '', 'expanded posinset setsize', '', 'group menu menubar', '', False),
    'menuitemcheckbox': ('checkbox menuitem', False, 'author,contents', 'checked', 'checked expanded posinset readonly required setsize', '', 'group menu menubar', '', True),
    'menuitemradio': ('menuitemcheckbox radio', False, 'author,contents', 'checked', 'checked expanded posinset readonly required setsize', '', 'group menu menubar', '', True),
    'meter': ('range', False, 'author', 'valuenow', 'valuemax valuemin valuenow valuetext', '', '', '', True),
    'navigation': ('landmark', False, 'author', '', '', '', '', '', False),
    'none': ('structure', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'note': ('section', False, 'author', '', '', '', '', '', False),
    'option': ('input', False, 'author,contents', '', 'checked posinset selected setsize', '', 'group listbox', '', True),
    'paragraph': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'presentation': ('structure', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'progressbar': ('range widget', False, 'author', '', 'valuemax valuemin valuenow valuetext', '', '', '', True),
    'radio': ('input', False, 'author,contents', 'checked', 'checked posinset setsize', '', '', '', True),
    'radiogroup': ('select', False, 'author', '', 'activedescendant orientation readonly required', '', '', 'radio', False),
    'range': ('structure', True, 'author', '', 'valuemax valuemin valuenow', '', '', '', False),
    'region': ('landmark', False, 'author', '', '', '', '', '', False),
    'roletype': ('', True, '', '', '', '', '', '', False),
    'row': ('group widget', False, 'author,contents', '', 'activedescendant colindex expanded level posinset rowindex selected setsize', '', 'grid rowgroup table treegrid', 'cell columnheader gridcell rowheader', False),
    'rowgroup': ('structure', False, 'author,contents', '', '', '', 'grid table treegrid', 'row', False),
    'rowheader': ('cell gridcell sectionhead', False, 'author,contents', '', 'colindex colspan expanded readonly required rowindex rowspan selected sort', '', 'row', '', False),
    'scrollbar': ('range widget', False, 'author', 'controls valuenow', 'orientation valuemax valuemin valuenow valuetext', '', '', '', True),
    'search': ('landmark', False, 'author', '', '', '', '', '', False),
    'searchbox': ('textbox', False, 'author', '', 'activedescendant autocomplete multiline placeholder readonly required', '', '', '', False),
    'section': ('structure', True, '', '', '', '', '', '', False),
    'sectionhead': ('structure', True, 'author,contents', '', '', '', '', '', False),
    'select': ('composite group', True, 'author', '', 'activedescendant orientation', '', '', '', False),
    'separator': ('structure', False, 'author', '', 'orientation valuemax valuemin valuenow valuetext', '', '', '', True),
    'slider': ('input range', False, 'author', 'valuenow', 'orientation readonly valuemax valuemin valuenow valuetext', '', '', '', True),
    'spinbutton': ('composite input range', False, 'author', '', 'activedescendant readonly required valuemax valuemin valuenow valuetext', '', '', '', False),
    'status': ('section', False, 'author', '', '', '', '', '', False),
    'strong': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'structure': ('roletype', True, '', '', '', '', '', '', False),
    'subscript': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'superscript': ('section', False, 'prohibited', '', '', 'label labelledby', '', '', False),
    'switch': ('checkbox', False, 'author,contents', 'checked', 'checked expanded readonly required', '', '', '', True),
    'tab': ('sectionhead widget', False, 'author,contents', '', 'expanded posinset selected setsize', '', 'tablist', '', True),
    'table': ('section', False, 'author', '', 'colcount rowcount', '', '', 'row rowgroup', False),
    'tablist': ('composite', False, 'author', '', 'activedescendant level multiselectable orientation', '', '', 'tab', False),
    'tabpanel': ('section', False, 'author', '', '', '', '', '', False),
    'term': ('section', False, 'author', '', '', '', '', '', False),
    'textbox': ('input', False, 'author', '', 'activedescendant autocomplete multiline placeholder readonly required', '', '', '', False),
    'time': ('section', False, 'author', '', '', '', '', '', False),
    'timer': ('status', False, 'author', '', '', '', '', '', False),
    'toolbar': ('group', False, 'author', '', 'activedescendant orientation', '', '', '', False),
    'tooltip': ('section', False, 'author,contents', '', '', '', '', '', False),
    'tree': ('select', False, 'author', '', 'activedescendant multiselectable orientation required', '', '', 'group treeitem', False),
    'treegrid': ('grid tree', False, 'author', '', 'activedescendant colcount multiselectable orientation readonly required rowcount', '', '', 'row rowgroup', False),
    'treeitem': ('listitem option', False, 'author,contents', '', 'checked expanded level posinset selected setsize', '', 'group tree', '', False),
    'widget': ('roletype', True, '', '', '', '', '', '', False),
    'window': ('roletype', True, 'author', '', 'modal', '', '', '', False),
}


@dataclass(frozen=True)
class RoleInfo:
    """One WAI-ARIA role. Attribute names here are full (`aria-checked`)."""

    name: str
    superclasses: tuple[str, ...]  # direct superclass roles
    abstract: bool
    name_from: tuple[str, ...]  # "author", "contents", "prohibited"
    required: frozenset[str]
    supported: frozenset[str]  # role-specific and inherited, globals excluded
    prohibited: frozenset[str]
    required_context: frozenset[str]  # one of these must own the element
    required_owned: frozenset[str]  # roles the element must own (at least one of)
    children_presentational: bool

    @property
    def name_from_contents(self) -> bool:
        return "contents" in self.name_from

    @property
    def name_prohibited(self) -> bool:
        return "prohibited" in self.name_from


def _aria_set(words: str) -> frozenset[str]:
    return frozenset("aria-" + w for w in words.split())


def _prohibited(role: str, words: str) -> frozenset[str]:
    names = _aria_set(words)
    if "aria-label" in names:
        names |= {"aria-braillelabel", "aria-brailleroledescription"}
        if role in ("generic", "none", "presentation"):
            names |= {"aria-roledescription"}
    return frozenset(names)


ROLES: dict[str, RoleInfo] = {
    name: RoleInfo(name, tuple(sup.split()), abstract, tuple(nf.split(",")) if nf else (),
                   _aria_set(req), _aria_set(supp), _prohibited(name, proh), frozenset(ctx.split()),
                   frozenset(owned.split()), presentational)
    for name, (sup, abstract, nf, req, supp, proh, ctx, owned, presentational) in _ROLE_TABLE.items()
}

# Roles that mean "no role": the element's own semantics are removed.
PRESENTATIONAL_ROLES = frozenset({"none", "presentation"})


@dataclass(frozen=True)
class AttributeInfo:
    """One aria-* state or property: its value type, allowed tokens, and whether it is global.

    kind is one of: "true/false", "true/false/undefined", "tristate", "idref", "idrefs",
    "integer", "number", "token", "tokens", "string".
    """

    name: str
    kind: str
    values: tuple[str, ...] = ()
    is_global: bool = False
    deprecated: bool = False


_T, _TU, _TRI = "true/false", "true/false/undefined", "tristate"
_ATTRIBUTE_TABLE = [
    # name, kind, allowed tokens, global
    ("aria-activedescendant", "idref", "", False),
    ("aria-atomic", _T, "", True),
    ("aria-autocomplete", "token", "inline list both none", False),
    ("aria-braillelabel", "string", "", True),  # ARIA 1.3, accepted by browsers
    ("aria-brailleroledescription", "string", "", True),
    ("aria-busy", _T, "", True),
    ("aria-checked", _TRI, "", False),
    ("aria-colcount", "integer", "", False),
    ("aria-colindex", "integer", "", False),
    ("aria-colindextext", "string", "", False),
    ("aria-colspan", "integer", "", False),
    ("aria-controls", "idrefs", "", True),
    ("aria-current", "token", "page step location date time true false", True),
    ("aria-describedby", "idrefs", "", True),
    ("aria-description", "string", "", True),  # ARIA 1.3
    ("aria-details", "idref", "", True),
    ("aria-disabled", _T, "", True),
    ("aria-dropeffect", "tokens", "copy execute link move none popup", True),
    ("aria-errormessage", "idref", "", True),
    ("aria-expanded", _TU, "", False),
    ("aria-flowto", "idrefs", "", True),
    ("aria-grabbed", _TU, "", True),
    ("aria-haspopup", "token", "false true menu listbox tree grid dialog", True),
    ("aria-hidden", _TU, "", True),
    ("aria-invalid", "token", "grammar false spelling true", True),
    ("aria-keyshortcuts", "string", "", True),
    ("aria-label", "string", "", True),
    ("aria-labelledby", "idrefs", "", True),
    ("aria-level", "integer", "", False),
    ("aria-live", "token", "assertive off polite", True),
    ("aria-modal", _T, "", False),
    ("aria-multiline", _T, "", False),
    ("aria-multiselectable", _T, "", False),
    ("aria-orientation", "token", "horizontal undefined vertical", False),
    ("aria-owns", "idrefs", "", True),
    ("aria-placeholder", "string", "", False),
    ("aria-posinset", "integer", "", False),
    ("aria-pressed", _TRI, "", False),
    ("aria-readonly", _T, "", False),
    ("aria-relevant", "tokens", "additions all removals text", True),
    ("aria-required", _T, "", False),
    ("aria-roledescription", "string", "", True),
    ("aria-rowcount", "integer", "", False),
    ("aria-rowindex", "integer", "", False),
    ("aria-rowindextext", "string", "", False),
    ("aria-rowspan", "integer", "", False),
    ("aria-selected", _TU, "", False),
    ("aria-setsize", "integer", "", False),
    ("aria-sort", "token", "ascending descending none other", False),
    ("aria-valuemax", "number", "", False),
    ("aria-valuemin", "number", "", False),
    ("aria-valuenow", "number", "", False),
    ("aria-valuetext", "string", "", False),
]
# Deprecated in ARIA 1.2 (still defined, so still valid).
_DEPRECATED = {"aria-grabbed", "aria-dropeffect"}

ATTRIBUTES: dict[str, AttributeInfo] = {
    name: AttributeInfo(name, kind, tuple(values.split()), is_global, name in _DEPRECATED)
    for name, kind, values, is_global in _ATTRIBUTE_TABLE
}
GLOBAL_ATTRIBUTES = frozenset(name for name, info in ATTRIBUTES.items() if info.is_global)

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def id_refs(value: str | None) -> list[str]:
    """The ids in an ID reference list (whitespace-separated)."""
    return (value or "").split()


def valid_value(name: str, value: str) -> bool:
    """Whether `value` is allowed for aria-* attribute `name` by its value type.

    Unknown attributes are reported as valid here (another rule reports them). Id references
    are checked for syntax only: an empty value is valid for every type (the attribute is
    then treated as absent, as the spec says).
    """
    info = ATTRIBUTES.get(name)
    text = value.strip()
    if info is None or text == "":
        return True
    low = text.lower()
    kind = info.kind
    if kind == _T:
        return low in ("true", "false")
    if kind == _TU:
        return low in ("true", "false", "undefined")
    if kind == _TRI:
        return low in ("true", "false", "mixed", "undefined")
    if kind == "integer":
        return bool(_INTEGER.match(text))
    if kind == "number":
        return bool(_NUMBER.match(text))
    if kind == "token":
        return low in info.values
    if kind == "tokens":
        return all(tok in info.values for tok in low.split())
    if kind == "idref":
        return len(text.split()) == 1
    return True  # string, idrefs


@lru_cache(maxsize=None)
def superclasses_of(role: str) -> frozenset[str]:
    """Every ancestor of a role in the ARIA taxonomy (not including the role)."""
    info = ROLES.get(role)
    if info is None:
        return frozenset()
    found: set[str] = set()
    for parent in info.superclasses:
        found.add(parent)
        found |= superclasses_of(parent)
    return frozenset(found)


def role_is_a(role: str | None, ancestor: str) -> bool:
    """True when `role` is `ancestor` or inherits from it (e.g. role_is_a("switch", "checkbox"))."""
    return role is not None and (role == ancestor or ancestor in superclasses_of(role))


def is_supported(role: str | None, name: str) -> bool:
    """Whether attribute `name` is global or supported (directly or inherited) by `role`."""
    if name in GLOBAL_ATTRIBUTES:
        return True
    info = ROLES.get(role or "")
    return info is not None and (name in info.supported or name in info.required)


def is_prohibited(role: str | None, name: str) -> bool:
    info = ROLES.get(role or "")
    return info is not None and name in info.prohibited


def is_valid_role(token: str) -> bool:
    """A defined, non-abstract role name (case-insensitive)."""
    info = ROLES.get(token.lower())
    return info is not None and not info.abstract


def role_tokens(element: dom.Tag) -> list[str]:
    """The role attribute's tokens, lower-cased."""
    if "role" not in element.attrs:  # most elements: no attr() call, no string work
        return []
    return (attr(element, "role") or "").lower().split()


def explicit_role(element: dom.Tag) -> str | None:
    """The first valid (defined, non-abstract) token of `role`, or None."""
    for token in role_tokens(element):
        if is_valid_role(token):
            return token
    return None


# Elements whose implicit role depends on nothing but the tag.
_TAG_ROLES = {
    "address": "group", "article": "article", "aside": "complementary", "b": "generic",
    "bdi": "generic", "bdo": "generic", "blockquote": "blockquote", "body": "generic",
    "button": "button", "caption": "caption", "code": "code", "data": "generic",
    "datalist": "listbox", "dd": "definition", "del": "deletion", "details": "group",
    "dfn": "term", "dialog": "dialog", "div": "generic", "dl": None,
    "dt": "term", "em": "emphasis", "fieldset": "group", "figure": "figure", "form": "form",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "hgroup": "group", "hr": "separator", "html": "document", "i": "generic",
    "ins": "insertion", "li": "listitem", "main": "main", "math": "math", "menu": "list",
    "meter": "meter", "nav": "navigation", "ol": "list", "optgroup": "group", "option": "option",
    "output": "status", "p": "paragraph", "pre": "generic", "progress": "progressbar", "q": "generic",
    "s": "deletion", "samp": "generic", "search": "search", "small": "generic", "span": "generic",
    "strong": "strong", "sub": "subscript", "sup": "superscript", "svg": "graphics-document",
    "table": "table", "tbody": "rowgroup", "textarea": "textbox", "tfoot": "rowgroup",
    "thead": "rowgroup", "time": "time", "tr": "row", "u": "generic", "ul": "list",
}
_INPUT_ROLES = {
    "button": "button", "image": "button", "reset": "button", "submit": "button",
    "checkbox": "checkbox", "radio": "radio", "range": "slider", "number": "spinbutton",
    "email": "textbox", "tel": "textbox", "text": "textbox", "password": "textbox", "url": "textbox", "search": "searchbox",
}
# Sectioning content that turns <header>/<footer> from landmarks into generic containers.
_SCOPING = frozenset({"article", "aside", "main", "nav", "section"})
_SCOPING_ROLES = frozenset({"article", "complementary", "main", "navigation", "region"})


def _has_name_attr(element: dom.Tag) -> bool:
    return bool((attr(element, "aria-label") or "").strip() or (attr(element, "aria-labelledby") or "").strip()
                or (attr(element, "title") or "").strip())


def _input_role(element: dom.Tag) -> str | None:
    kind = (attr(element, "type") or "text").strip().lower()
    if kind not in _INPUT_ROLES and kind not in ("hidden", "password", "color", "date", "datetime-local",
                                                 "file", "month", "time", "week"):
        kind = "text"  # unknown types fall back to text
    if element.has_attr("list") and kind in ("text", "search", "email", "tel", "url"):
        return "combobox"
    return _INPUT_ROLES.get(kind)


def _in_table_role(element: dom.Tag) -> str | None:
    """The role of the closest table-like ancestor (table, grid or treegrid), if any."""
    node = element.parent
    while isinstance(node, dom.Tag):
        if node.name == "table":
            role = explicit_role(node)
            return role if role in ("grid", "treegrid", "table") else "table"
        node = node.parent
    return None


def _header_cell_role(element: dom.Tag) -> str:
    scope = (attr(element, "scope") or "").strip().lower()
    if scope in ("row", "rowgroup"):
        return "rowheader"
    if scope in ("col", "colgroup"):
        return "columnheader"
    row = element.parent
    if isinstance(row, dom.Tag) and row.name == "tr":
        if isinstance(row.parent, dom.Tag) and row.parent.name == "thead":
            return "columnheader"
        # A th in a row of data cells heads that row, wherever it stands in it (as Chromium
        # computes it: a th after a td is a row header for the cells beside it, not a column
        # header with nothing below).
        if any(c.name == "td" for c in row.find_all("td", recursive=False)):
            return "rowheader"
    return "columnheader"


def implicit_role(element: dom.Tag) -> str | None:
    """The role HTML gives an element by itself (HTML-AAM), or None when it has none."""
    name = element.name
    if name in ("a", "area"):
        return "link" if element.has_attr("href") else ("generic" if name == "a" else None)
    if name == "img":
        alt = attr(element, "alt")
        if alt == "" and not _has_name_attr(element):
            return "presentation"
        return "img"
    if name == "input":
        return _input_role(element)
    if name == "select":
        size = (attr(element, "size") or "").strip()
        multiple = element.has_attr("multiple")
        return "listbox" if multiple or (size.isdigit() and int(size) > 1) else "combobox"
    if name in ("header", "footer"):
        node = element.parent
        while isinstance(node, dom.Tag):
            if node.name in _SCOPING or explicit_role(node) in _SCOPING_ROLES:
                return "generic"
            node = node.parent
        return "banner" if name == "header" else "contentinfo"
    if name == "section":
        return "region" if _has_name_attr(element) else "generic"
    if name in ("td", "th"):
        table = _in_table_role(element)
        if table is None:
            return None
        if name == "td":
            return "gridcell" if table in ("grid", "treegrid") else "cell"
        return _header_cell_role(element)
    if name == "summary":
        parent = element.parent
        return "button" if isinstance(parent, dom.Tag) and parent.name == "details" else None
    if name == "li":
        parent = element.parent
        if isinstance(parent, dom.Tag) and parent.name in ("ol", "ul", "menu"):
            return "listitem" if explicit_role(parent) in (None, "list", "directory") else "generic"
        return "generic"
    return _TAG_ROLES.get(name)


# Every role implicit_role can give the tags it decides on more than the tag (keep in step
# with it); the other tags have their one role from _TAG_ROLES.
_TAG_ROLE_CHOICES = {
    "a": ("link", "generic"), "area": ("link",), "img": ("presentation", "img"),
    "input": (*_INPUT_ROLES.values(), "combobox"), "select": ("listbox", "combobox"),
    "header": ("generic", "banner"), "footer": ("generic", "contentinfo"), "section": ("region", "generic"),
    "td": ("gridcell", "cell"), "th": ("rowheader", "columnheader"), "summary": ("button",),
    "li": ("listitem", "generic"),
}


def tags_with_implicit_role(roles) -> tuple[str, ...]:
    """The tag names whose implicit role can be one of `roles`: with `role` as an attribute,
    what a rule that looks for those roles must visit (`Rule.elements`, `Rule.attributes`)."""
    wanted = set(roles)
    choices = {name: (role,) for name, role in _TAG_ROLES.items()} | _TAG_ROLE_CHOICES
    return tuple(sorted(name for name, possible in choices.items() if wanted.intersection(possible)))


def has_global_aria(element: dom.Tag) -> bool:
    """Whether the element carries a global aria-* attribute (which voids role none/presentation)."""
    return any(key in GLOBAL_ATTRIBUTES for key in element.attrs)


def effective_role(element: dom.Tag) -> str | None:
    """The role assistive technology gets: the explicit role, else the implicit one.

    Follows ARIA's presentational role conflict resolution: role none/presentation is
    ignored (the implicit role applies) on a focusable element or one with a global
    aria-* attribute.
    """
    role = explicit_role(element)
    if role is None:
        return implicit_role(element)
    if role in PRESENTATIONAL_ROLES and (is_focusable(element) or has_global_aria(element)):
        implicit = implicit_role(element)
        return "img" if implicit in PRESENTATIONAL_ROLES else implicit
    return role


_FORM_CONTROLS = frozenset({"button", "input", "select", "textarea", "optgroup", "option", "fieldset"})


def is_disabled(element: dom.Tag) -> bool:
    """Disabled form control: its own `disabled`, or inside a disabled fieldset (not its first legend)."""
    if element.name not in _FORM_CONTROLS:
        return False
    if element.has_attr("disabled"):
        return True
    node = element.parent
    child = element
    while isinstance(node, dom.Tag):
        if node.name == "fieldset" and node.has_attr("disabled"):
            legend = node.find("legend", recursive=False)
            if legend is None or not (child is legend):
                return True
        child, node = node, node.parent
    return False


def is_inert(element: dom.Tag) -> bool:
    """Inside an element with the `inert` attribute."""
    node = element
    while isinstance(node, dom.Tag):
        if node.has_attr("inert"):
            return True
        node = node.parent
    return False


def tabindex(element: dom.Tag) -> int | None:
    """The parsed `tabindex`, or None when absent or not an integer."""
    if "tabindex" not in element.attrs:
        return None
    raw = (attr(element, "tabindex") or "").strip()
    return int(raw) if _INTEGER.match(raw) else None


def _natively_focusable(element: dom.Tag) -> bool:
    name = element.name
    if name in ("a", "area"):
        return element.has_attr("href")
    if name == "input":
        return (attr(element, "type") or "").strip().lower() != "hidden"
    if name in ("button", "select", "textarea", "iframe"):
        return True
    if name in ("audio", "video"):
        return element.has_attr("controls")
    if name == "summary":
        parent = element.parent
        return isinstance(parent, dom.Tag) and parent.name == "details" and parent.find("summary", recursive=False) is element
    if "contenteditable" not in element.attrs:
        return False
    editable = attr(element, "contenteditable")
    return editable is not None and editable.strip().lower() in ("", "true", "plaintext-only")


def is_focusable(element: dom.Tag) -> bool:
    """Can receive focus: natively focusable or with a tabindex, and neither disabled nor inert.

    Hiding (display:none, hidden) is not considered here; ask auditor.accname for that.
    """
    if not isinstance(element, dom.Tag):
        return False
    # The cheap tests first: most elements are neither focusable by nature nor by tabindex,
    # and is_inert climbs every ancestor.
    if tabindex(element) is None and not _natively_focusable(element):
        return False
    return not (is_disabled(element) or is_inert(element))


def in_tab_order(element: dom.Tag) -> bool:
    """Reached by Tab: focusable and not taken out by a negative tabindex."""
    if not is_focusable(element):
        return False
    index = tabindex(element)
    return index is None or index >= 0


# <input> types that are not form fields to label (they are buttons, or not shown).
NOT_FIELD_INPUT_TYPES = frozenset({"hidden", "button", "submit", "reset", "image"})
