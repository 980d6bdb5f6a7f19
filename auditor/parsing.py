"""Text to one browser-grade tree (html5lib, into BeautifulSoup's classes), with where each
start tag and comment is in the text, html5lib's parse errors, and a depth cap.

html5lib builds the tree through a tree builder of ours (html5lib's documented TreeBuilder
and Node interface): light nodes that html5lib moves about as the HTML standard says
(foster parenting, the adoption agency, reparenting), each element noting where its start
tag is. When the parse is done, one walk in document order makes the BeautifulSoup tree from
them with bs4's public classes and links: the tree bs4's own html5lib builder makes, with
every node's links in document order, and none of the per-insertion relinking bs4 does while
html5lib moves nodes.

html5lib checks "is this element in scope" by scanning the stack of open elements, so a
page of 100,000 nested elements costs time quadratic in its depth. Browsers cap their
tree depth (Blink at 512); we do the same: past MAX_DEPTH open elements, a new element is
added where it belongs but not kept open, so what follows becomes its sibling.

html5lib runs with our tokenizer (auditor.html5_tokenizer: a whole tag or text run at a time,
handing on the same tokens at the same stream positions, and saying where each tag starts),
with its main loop and its "in scope" test redone with fewer calls for the common case (an
HTML current node, a tag name to look for); the rest of tree construction is html5lib's.
"""

from __future__ import annotations

from typing import NamedTuple

from bs4 import BeautifulSoup
from bs4.builder import HTMLTreeBuilder
from bs4.element import Comment, Doctype, NamespacedAttribute, NavigableString, Tag, nonwhitespace_re
from html5lib.constants import namespaces, tokenTypes
from html5lib.treebuilders.base import Node, TreeBuilder, listElementsMap

from auditor import html5_tokenizer

MAX_DEPTH = 256

_START, _PARSE_ERROR = tokenTypes["StartTag"], tokenTypes["ParseError"]
_CHARACTERS, _SPACES = tokenTypes["Characters"], tokenTypes["SpaceCharacters"]
# The phase method that takes each kind of token (HTMLParser.mainLoop's dispatch).
_PROCESS = {_START: "processStartTag", tokenTypes["EndTag"]: "processEndTag", _CHARACTERS: "processCharacters",
            _SPACES: "processSpaceCharacters", tokenTypes["Comment"]: "processComment",
            tokenTypes["Doctype"]: "processDoctype"}
_HTML = namespaces["html"]
_NO_TOKEN = {"type": None, "name": None}


def normalize_newlines(text: str) -> str:
    # html5lib reads "\r\n" and "\r" as "\n"; normalizing first keeps its offsets and ours in step.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ParseError(NamedTuple):
    offset: int  # where html5lib's tokenizer was in the text when it reported the error
    code: str  # html5lib's code, e.g. "duplicate-attribute"
    details: dict  # html5lib's values for the message ("name" of a duplicate attribute)


class SourceMap(NamedTuple):
    """Where the tree's nodes come from in the text."""

    # id(element or comment) -> (start, end): the offsets of "<" and just after ">" of its
    # start tag (of "<!--" and "-->" for a comment). For an element the parser implied (no
    # start tag in the text), start is -1 and end is where the parser was when it made it.
    # Elements html5lib cloned (formatting elements carried on) have no entry.
    spans: dict[int, tuple[int, int]]
    errors: tuple[ParseError, ...]


class Document(BeautifulSoup):
    """A parsed page: BeautifulSoup's tree, and its `source` map."""

    source: SourceMap | None = None  # set by the parse (a class default: bs4 looks up unknown attributes as child tags)


class _Element(Node):
    """An element as html5lib builds it: its name, attributes, children, and its start tag's span."""

    def __init__(self, name, namespace, attributes=None, span=None):
        # Node.__init__, without its attribute dict and flags list (html5lib sets the former, never reads the latter).
        self.name = name
        self.namespace = namespace
        self.nameTuple = (_HTML if namespace is None else namespace, name)
        self.parent = None
        self.childNodes = []
        self.attributes = attributes
        self.span = span

    def appendChild(self, node):
        if node.parent is not None:
            node.parent.removeChild(node)
        node.parent = self
        self.childNodes.append(node)

    def insertBefore(self, node, refNode):
        if node.parent is not None:
            node.parent.removeChild(node)
        children = self.childNodes
        children.insert(children.index(refNode), node)
        node.parent = self

    def insertText(self, data, insertBefore=None):
        children = self.childNodes
        index = len(children) if insertBefore is None else children.index(insertBefore)
        # Text joins the text just before it. bs4 reads that as contents[index - 1], the last
        # child when the text goes first; the same tree as bs4's needs the same.
        previous = children[index - 1] if children else None
        if type(previous) is _Text:
            previous.parts.append(data)
        else:
            children.insert(index, _Text(data, self))

    def removeChild(self, node):
        self.childNodes.remove(node)
        node.parent = None

    def reparentChildren(self, newParent):
        for child in self.childNodes:
            child.parent = newParent
        newParent.childNodes.extend(self.childNodes)
        self.childNodes = []

    def cloneNode(self):
        return _Element(self.name, self.namespace, _Attributes(self.attributes))

    def hasContent(self):
        return bool(self.childNodes)


class _Attributes(dict):
    """An element's attributes as html5lib sees them, compared by identity, like bs4's
    attribute views, which have no equality: html5lib's "Noah's Ark" clause (a fourth
    identical formatting element pushes out the first) never matches two elements in bs4's
    tree, and the same tree needs the same."""

    __eq__ = object.__eq__
    __ne__ = object.__ne__


class _Text:
    def __init__(self, data, parent):
        self.parts = [data]  # joined once, when the tree is made
        self.parent = parent


class _Comment:
    def __init__(self, data, span):
        self.data = data
        self.span = span
        self.parent = None


class _Doctype:
    def __init__(self, name, publicId, systemId):
        self.doctype = Doctype.for_name_and_ids(name, publicId, systemId)
        self.parent = None


class _Tree(TreeBuilder):
    doctypeClass = _Doctype

    def __init__(self, namespaceHTMLElements):
        self.tokenizer = None  # set by the parser before the parse
        self.handling = _NO_TOKEN  # the token the parser is handling
        super().__init__(namespaceHTMLElements)

    def documentClass(self):
        return _Element(None, None, _Attributes())

    def _element(self, token):
        """The element for a start tag token, with its span: the tag's when the parser is
        handling a start tag of the element's name (the tag itself; or the `<html>` tag whose
        attributes go to the root element made for it, and a formatting element reopened just
        before a new one of its name, as bs4's positions had it), else where the parser is."""
        tokenizer = self.tokenizer
        handling = self.handling
        name = token["name"]
        start = tokenizer.tag_start if handling["type"] == _START and handling["name"] == name else -1
        attributes = token["data"]
        return _Element(name, token.get("namespace", self.defaultNamespace),
                        attributes if type(attributes) is _Attributes else _Attributes(attributes),
                        (start, tokenizer.offset()))

    def createElement(self, token):
        return self._element(token)

    def insertComment(self, token, parent=None):
        if parent is None:
            parent = self.openElements[-1]
        tokenizer = self.tokenizer
        parent.appendChild(_Comment(token["data"], (tokenizer.tag_start, tokenizer.offset())))

    def elementInScope(self, target, variant=None):
        if type(target) is not str:  # an element, not a tag name
            return super().elementInScope(target, variant)
        # TreeBuilder.elementInScope for a tag name, without its tests on every node.
        target = (_HTML, target)
        scoping, invert = listElementsMap[variant]
        for node in reversed(self.openElements):
            name = node.nameTuple
            if name == target:
                return True
            if invert ^ (name in scoping):
                return False
        assert False  # html5lib's too: the root element is in every scope

    def insertElementNormal(self, token):
        element = self._element(token)
        open_elements = self.openElements
        open_elements[-1].appendChild(element)
        open_elements.append(element)
        if len(open_elements) > MAX_DEPTH:
            open_elements.pop()
        return element

    def insertElementTable(self, token):
        element = super().insertElementTable(token)
        if len(self.openElements) > MAX_DEPTH:
            self.openElements.pop()
        return element


class _Parser(html5_tokenizer.HTMLParser):
    def __init__(self):
        super().__init__(tree=_Tree)

    def reset(self):
        self.tree.tokenizer = self.tokenizer
        super().reset()

    def parseError(self, errorcode="XXX-undefined-error", datavars=None):
        self.errors.append(ParseError(self.tokenizer.offset(), errorcode, datavars or {}))

    def mainLoop(self):
        # HTMLParser.mainLoop, which works out for every token whether the current phase or
        # foreign content takes it; here that is one test when the current node is HTML.
        open_elements = self.tree.openElements
        html = self.tree.defaultNamespace
        foreign = self.phases["inForeignContent"]
        tree = self.tree
        for token in self.tokenizer:
            tree.handling = token
            new_token = token
            while new_token is not None:
                prev_token = new_token
                type = new_token["type"]
                if type == _PARSE_ERROR:
                    self.parseError(new_token["data"], new_token.get("datavars", {}))
                    break
                node = open_elements[-1] if open_elements else None
                if node is None or node.namespace == html or self._takes_html(node, token, type):
                    phase = self.phase
                else:
                    phase = foreign
                new_token = getattr(phase, _PROCESS[type])(new_token)
            if type == _START and prev_token["selfClosing"] and not prev_token["selfClosingAcknowledged"]:
                self.parseError("non-void-element-with-trailing-solidus", {"name": prev_token["name"]})
        phases = []
        reprocess = True
        while reprocess:  # end of file
            phases.append(self.phase)
            reprocess = self.phase.processEOF()
            assert not reprocess or self.phase not in phases

    def _takes_html(self, node, token, type):
        """Whether a token goes to the current phase, not foreign content, under a node
        outside the HTML namespace: at a MathML text or an HTML integration point, or an svg
        element in annotation-xml (HTMLParser.mainLoop's test)."""
        return ((self.isMathMLTextIntegrationPoint(node)
                 and ((type == _START and token["name"] not in ("mglyph", "malignmark"))
                      or type in (_CHARACTERS, _SPACES)))
                or (node.namespace == namespaces["mathml"] and node.name == "annotation-xml"
                    and type == _START and token["name"] == "svg")
                or (self.isHTMLIntegrationPoint(node) and type in (_START, _CHARACTERS, _SPACES)))


class _SoupBuilder(HTMLTreeBuilder):
    """bs4's side: parses with html5lib into `_Tree`, then makes the soup's tree from it."""

    NAME = "auditor-html5lib"
    features = [NAME]

    def feed(self, markup):
        parser = _Parser()
        document = parser.parse(markup)
        self.soup.source = SourceMap(_make_tree(self.soup, document), tuple(parser.errors))


def _make_tree(soup: BeautifulSoup, document: _Element) -> dict[int, tuple[int, int]]:
    """Make `soup`'s tree from html5lib's, in document order, each node linked to the one
    made before it; returns the spans of its elements and comments."""
    builder = soup.builder
    attributes = _AttributeSetter(builder)
    spans: dict[int, tuple[int, int]] = {}
    previous = soup
    # The children still to make, and their parent, for each open level.
    stack = [(iter(document.childNodes), soup)]
    while stack:
        children, parent = stack[-1]
        contents = parent.contents
        for node in children:
            kind = type(node)
            if kind is _Element:
                name = node.name
                made = Tag(None, builder, name, node.namespace, parent=parent, previous=previous)
                if node.attributes:
                    attributes.set(made, node.attributes)
                if node.span is not None:
                    spans[id(made)] = node.span
                contents.append(made)
                previous = made
                if node.childNodes:
                    stack.append((iter(node.childNodes), made))
                    break
                continue
            if kind is _Text:
                parts = node.parts
                made = NavigableString(parts[0] if len(parts) == 1 else "".join(parts))
            elif kind is _Comment:
                made = Comment(node.data)
                spans[id(made)] = node.span
            else:
                made = node.doctype
                if previous is soup:  # bs4 links a doctype that opens the page to nothing before it
                    previous = None
            made.setup(parent, previous)
            contents.append(made)
            previous = made
        else:
            stack.pop()
    return spans


class _AttributeSetter:
    """Sets html5lib's attributes on a tag as bs4's html5lib builder does: the values of
    class-like attributes split into lists, namespaced names (tuples, in foreign content) made
    NamespacedAttribute and moved to the end, a <meta>'s charset made substitutable."""

    def __init__(self, builder):
        self.builder = builder
        self.value_list = builder.attribute_value_list_class
        self.lists = builder.cdata_list_attributes or {}
        self.lists_of: dict[str, frozenset] = {}

    def list_attributes(self, name: str) -> frozenset:
        found = self.lists_of.get(name)
        if found is None:
            lists = self.lists
            found = self.lists_of[name] = frozenset(lists.get("*", ())) | frozenset(lists.get(name.lower(), ()))
        return found

    def set(self, tag: Tag, attributes: dict) -> None:
        name = tag.name
        made = tag.attrs
        made.update(attributes)
        for key in self.list_attributes(name) & made.keys():
            value = made[key]
            if isinstance(value, str):
                made[key] = self.value_list(nonwhitespace_re.findall(value))
        for key in [key for key in made if type(key) is tuple]:
            made[NamespacedAttribute(*key)] = made.pop(key)
        if name == "meta":
            self.builder.set_up_substitutions(tag)


def parse(text: str) -> Document:
    return Document(normalize_newlines(text), builder=_SoupBuilder())
