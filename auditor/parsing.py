"""Text to one browser-grade tree (html5lib through BeautifulSoup), with a depth cap.

html5lib checks "is this element in scope" by scanning the stack of open elements, so a
page of 100,000 nested elements costs time quadratic in its depth. Browsers cap their
tree depth (Blink at 512); we do the same: past MAX_DEPTH open elements, a new element is
added where it belongs but not kept open, so what follows becomes its sibling.

bs4's html5lib builder spends as much time as html5lib itself. `_Element` and `_CappedTree`
build the very same tree (elements, attributes and their list values, strings, positions,
links between nodes) with fewer calls on the hot paths: creating an element, setting its
attributes once, appending an element or a string at the end of its parent. Rarer paths
(inserting before a node, moving children, cloned formatting elements) stay bs4's own.

html5lib itself runs with our tokenizer (auditor.html5_tokenizer: a whole tag or text run at
a time, handing on the same tokens at the same stream positions), and with its main loop and
its "in scope" test redone with fewer calls for the common case (an HTML current node, a tag
name to look for); the rest of tree construction is html5lib's.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.builder._html5lib import Element, HTML5TreeBuilder, TreeBuilderForHtml5lib
from bs4.element import NamespacedAttribute, NavigableString, Tag, nonwhitespace_re
from html5lib import HTMLParser
from html5lib.constants import namespaces, tokenTypes
from html5lib.treebuilders.base import listElementsMap

from auditor.html5_tokenizer import HTMLTokenizer

MAX_DEPTH = 256

_START, _END, _PARSE_ERROR = tokenTypes["StartTag"], tokenTypes["EndTag"], tokenTypes["ParseError"]
_CHARACTERS, _SPACES = tokenTypes["Characters"], tokenTypes["SpaceCharacters"]
# The phase method that takes each kind of token (HTMLParser.mainLoop's dispatch).
_PROCESS = {_START: "processStartTag", _END: "processEndTag", _CHARACTERS: "processCharacters",
            _SPACES: "processSpaceCharacters", tokenTypes["Comment"]: "processComment",
            tokenTypes["Doctype"]: "processDoctype"}


def normalize_newlines(text: str) -> str:
    # html5lib counts lines on "\n"; normalizing first keeps our offsets and its lines in step.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Element(Element):
    def __init__(self, tag, soup, namespace, tree):
        # Node.__init__ would also assign `attributes = {}`, a setAttributes call that does nothing.
        self.tag = tag
        self.string = None
        self.soup = soup
        self.namespace = namespace
        self.tree = tree
        self.name = tag.name
        # bs4's nameTuple is a property computed at every call, and html5lib asks for it at
        # every open element each time it checks a scope.
        self.nameTuple = (namespaces["html"] if namespace is None else namespace, tag.name)
        self.parent = None
        self.value = None
        self.childNodes = []
        self._flags = []

    def setAttributes(self, attributes):
        if not attributes:
            return
        if type(attributes) is not dict:  # a cloned element's AttrList
            Element.setAttributes(self, attributes)
            return
        # Like bs4: the token's own dict is rewritten (html5lib may hand it to another
        # element), namespaced names move to its end, list-valued attributes are split.
        for name in [name for name in attributes if type(name) is tuple]:
            attributes[NamespacedAttribute(*name)] = attributes.pop(name)
        lists = self.tree.list_attributes(self.name)
        for name, value in attributes.items():
            if name in lists and isinstance(value, str):
                attributes[name] = self.tree.value_list(nonwhitespace_re.findall(value))
        tag = self.tag
        tag.attrs.update(attributes)
        if tag.name == "meta":
            self.soup.builder.set_up_substitutions(tag)

    attributes = property(Element.getAttributes, setAttributes)
    nameTuple = None  # set by __init__, in place of bs4's property

    def appendChild(self, node):
        child = node.tag
        if child is None:  # strings and comments
            Element.appendChild(self, node)
            return
        node.parent = self
        if child.parent is not None:
            child.extract()
        self._append(child)

    def insertText(self, data, insertBefore=None):
        if insertBefore is not None:
            Element.insertText(self, data, insertBefore)
            return
        contents = self.tag.contents
        if not contents or type(contents[-1]) is not NavigableString:
            self._append(NavigableString(data))
            return
        # Text after text: one string replaces the two, as in bs4 (its replace_with, without
        # the search for the last child's index).
        index = len(contents) - 1
        old = contents[index]
        new = NavigableString(old + data)
        old.extract(_self_index=index)
        self.tag.insert(index, new)
        self.soup._most_recent_element = new

    def _append(self, child):
        """bs4's appendChild for a new last child: parsed just after the parent's last descendant."""
        tag = self.tag
        if tag.contents:
            most_recent = tag._last_descendant(False)
        elif tag.next_element is not None:
            most_recent = self.soup._last_descendant()
        else:
            most_recent = tag
        # BeautifulSoup.object_was_parsed, inlined.
        fix = tag.next_element is not None
        if isinstance(child, Tag):
            child.setup(tag, most_recent, child.next_element, child.previous_sibling, child.next_sibling)
        else:
            child.setup(tag, most_recent)
        self.soup._most_recent_element = child
        tag.contents.append(child)
        if fix:
            self.soup._linkage_fixer(tag)


class _CappedTree(TreeBuilderForHtml5lib):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        builder = self.soup.builder
        self._builder = builder
        self.value_list = builder.attribute_value_list_class
        self._lists = {}
        self._chunk = None  # where elementClass last counted lines
        self._offset = self._lines = 0
        self._last = -1

    def list_attributes(self, name):
        """The attributes bs4 splits into lists on this element."""
        found = self._lists.get(name)
        if found is None:
            lists = self._builder.cdata_list_attributes or {}
            found = self._lists[name] = frozenset(lists.get("*", ())) | frozenset(lists.get(name.lower(), ()))
        return found

    def elementClass(self, name, namespace):
        sourceline = sourcepos = None
        if self.parser is not None and self.store_line_numbers:
            # Just after the start tag, as bs4 records it (auditor.page walks back to "<"):
            # html5lib's stream.position(), counting newlines only since the last element
            # instead of from the start of the 10 KB chunk.
            stream = self.parser.tokenizer.stream
            chunk = stream.chunk
            offset = stream.chunkOffset
            if chunk is self._chunk and offset >= self._offset:
                lines = self._lines + chunk.count("\n", self._offset, offset)
                last = chunk.rfind("\n", self._offset, offset)
                if last == -1:
                    last = self._last
            else:
                lines = chunk.count("\n", 0, offset)
                last = chunk.rfind("\n", 0, offset)
            self._chunk, self._offset, self._lines, self._last = chunk, offset, lines, last
            sourceline = stream.prevNumLines + lines + 1
            sourcepos = (stream.prevNumCols + offset if last == -1 else offset - (last + 1)) - 1
        tag = Tag(None, self._builder, name, namespace, sourceline=sourceline, sourcepos=sourcepos)
        return _Element(tag, self.soup, namespace, self)

    def elementInScope(self, target, variant=None):
        if type(target) is not str:  # an element, not a tag name
            return super().elementInScope(target, variant)
        # TreeBuilder.elementInScope for a tag name, without its tests on every node.
        target = (namespaces["html"], target)
        scoping, invert = listElementsMap[variant]
        for node in reversed(self.openElements):
            name = node.nameTuple
            if name == target:
                return True
            if invert ^ (name in scoping):
                return False
        assert False  # html5lib's too: the root element is in every scope

    def insertElementNormal(self, token):
        element = self.elementClass(token["name"], token.get("namespace", self.defaultNamespace))
        element.attributes = token["data"]
        open_elements = self.openElements
        open_elements[-1].appendChild(element)
        open_elements.append(element)
        if len(open_elements) > MAX_DEPTH:
            open_elements.pop()
        return element

    def insertElementTable(self, token):
        element = super().insertElementTable(token)
        self._cap()
        return element

    def _cap(self):
        if len(self.openElements) > MAX_DEPTH:
            self.openElements.pop()


class _Parser(HTMLParser):
    def _parse(self, stream, innerHTML=False, container="div", scripting=False, **kwargs):
        # HTMLParser._parse with our tokenizer; a text stream never asks for a reparse.
        self.innerHTMLMode = innerHTML
        self.container = container
        self.scripting = scripting
        self.tokenizer = HTMLTokenizer(stream, parser=self, **kwargs)
        self.reset()
        self.mainLoop()

    def mainLoop(self):
        # HTMLParser.mainLoop, which works out for every token whether the current phase or
        # foreign content takes it; here that is one test when the current node is HTML.
        open_elements = self.tree.openElements
        html = self.tree.defaultNamespace
        foreign = self.phases["inForeignContent"]
        for token in self.tokenizer:
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


# Parsers that finished a page cleanly, for the next page. html5lib's parser makes its 23
# insertion-mode objects anew for every page, and each keeps a cache of its handler per tag
# name that a short page mostly fills and throws away: that was about a third of the parse of
# a small page. A parser that raised is dropped, whatever state it was left in.
_idle_parsers: list[_Parser] = []


def _parser_for(tree) -> _Parser:
    """A parser building into `tree`: one that finished a page (its per-page state reset),
    or a new one (the first page, or a page parsed while another is, in another thread)."""
    try:
        parser = _idle_parsers.pop()
    except IndexError:
        return _Parser(tree=lambda namespace_html_elements: tree)
    _bind(parser, tree)
    phases = parser.phases
    # The two insertion modes with state of their own, as their __init__ leaves it.
    in_body = phases["inBody"]
    in_body.processSpaceCharacters = in_body.processSpaceCharactersNonPre
    in_table_text = phases["inTableText"]
    in_table_text.originalPhase = None
    in_table_text.characterTokens = []
    return parser


def _bind(parser: _Parser, tree) -> None:
    """The tree the parser and each of its insertion modes build into."""
    parser.tree = tree
    for phase in parser.phases.values():
        phase.tree = tree


class _CappedBuilder(HTML5TreeBuilder):
    def feed(self, markup):
        # bs4's feed for text markup, with our parser.
        parser = _parser_for(self.create_treebuilder(True))
        self.underlying_builder.parser = parser
        parser.parse(markup).original_encoding = None
        self.underlying_builder.parser = None
        # The page's tree, text and stream go with the page, not with the idle parser.
        parser.tokenizer = None
        _bind(parser, None)
        _idle_parsers.append(parser)

    def create_treebuilder(self, namespaceHTMLElements):
        self.underlying_builder = _CappedTree(namespaceHTMLElements, self.soup, store_line_numbers=self.store_line_numbers)
        return self.underlying_builder


def parse(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, builder=_CappedBuilder())
