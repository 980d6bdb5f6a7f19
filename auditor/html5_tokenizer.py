"""html5lib's tokenizer, with a fast path for the text runs and tags that make up most pages.

html5lib reads a start tag one character per state call (`<`, then each letter of its name,
then each run of its attribute names and values), which makes its tokenizer a third of the
time of parsing. In the data state, `HTMLTokenizer` here reads a text run, or a whole tag,
with one regular expression on the input stream's current chunk, and leaves everything else
to html5lib's own states, from the very same character:

- a text run or a tag that reaches the end of the chunk (html5lib would read the next chunk
  in the middle of it, which shifts the positions it reports);
- a character reference or a NUL in the text;
- a tag html5lib reports a parse error in: NUL anywhere, one of `"'<=` in an attribute name,
  `&` (a character reference) or NUL in an attribute value, or one of `"'=<`` ` in an
  unquoted one, a duplicate attribute, no space after a quoted value, a `/` outside a value
  not just before `>`, attributes or `/` in an end tag;
- comments, doctypes, and what is not a tag (`<` then neither a letter nor `/` and a letter).

So the tokens, the parse errors and the stream position at which each token reaches the
parser are html5lib's.

The tokenizer also says where things are in the text, for the tree builder (auditor.parsing):
`tag_start`, the offset of the `<` of the tag or comment being read, and `offset()`, the
offset the stream has reached; and it names the attribute of each "duplicate-attribute"
parse error. This module is the one place that reaches into html5lib's internals (its
tokenizer module, its input stream's chunk, `HTMLParser._parse` to run this tokenizer), behind
the differential and Hypothesis tests of tests/test_parsing.py.
"""

from __future__ import annotations

import re
from itertools import islice

import html5lib
from html5lib import _tokenizer
from html5lib.constants import asciiUpper2Lower, tokenTypes

_SPACE = "[\t\n\x0c\r ]"  # html5lib's spaceCharacters
_VALUE = ("(?:\"([^\"&\x00]*)\"|'([^'&\x00]*)'"
          # An unquoted value ends at a space or ">" (anything else that stops it is an error).
          "|([^\t\n\x0c\r &>\"'=<`\x00]+)(?=[\t\n\x0c\r >]))")
_ATTRIBUTE = f"{_SPACE}+([^\t\n\x0c\r />\x00\"'<=]+)(?:{_SPACE}*={_SPACE}*{_VALUE})?"
# After "<": an optional "/", the name, the attributes, an optional "/" just before ">". No part
# may run on into the next, so the match is the one way html5lib splits the tag.
_TAG = re.compile(f"(?P<end>/?)(?P<name>[A-Za-z][^\t\n\x0c\r />\x00]*)"
                  f"(?P<attributes>(?:{_ATTRIBUTE})*){_SPACE}*(?P<closing>/?)>")
_ATTRIBUTES = re.compile(_ATTRIBUTE)
# A run of spaces, or of other text up to the next "&", "<" or NUL, as dataState splits them.
_TEXT = re.compile(f"{_SPACE}+|[^&<\x00]+")

_START, _END, _PARSE_ERROR = tokenTypes["StartTag"], tokenTypes["EndTag"], tokenTypes["ParseError"]
_CHARACTERS, _SPACES = tokenTypes["Characters"], tokenTypes["SpaceCharacters"]


def _lower(name: str) -> str:
    # html5lib lowers ASCII letters only ("İ".lower() is two characters).
    if name.islower():  # the usual case, with nothing to lower
        return name
    return name.lower() if name.isascii() else name.translate(asciiUpper2Lower)


class _Source:
    """The text as the file-like object html5lib reads in chunks, counting what it has handed
    out: the offset of the stream's chunk is that count less the chunk's length."""

    def __init__(self, text: str):
        self.text = text
        self.delivered = 0

    def read(self, size: int = -1) -> str:
        text, start = self.text, self.delivered
        end = len(text) if size < 0 else min(start + size, len(text))
        # html5lib keeps a chunk's last character back when it is a high surrogate (the first
        # half of a pair), which would put the chunk one character off the count: a read ends
        # after one, or before those that end the text (handed out one at a time after).
        while start < end < len(text) and "\ud800" <= text[end - 1] <= "\udbff":
            end += 1
        if end == len(text):
            while end - start > 1 and "\ud800" <= text[end - 1] <= "\udbff":
                end -= 1
        self.delivered = end
        return text[start:end]


class HTMLTokenizer(_tokenizer.HTMLTokenizer):
    def __init__(self, text: str, parser=None):
        self.source = _Source(text)
        super().__init__(self.source, parser=parser)
        self.tag_start = -1

    def offset(self) -> int:
        """The offset in the text the stream has reached (html5lib hands a token on there)."""
        stream = self.stream
        return self.source.delivered - len(stream.chunk) + stream.chunkOffset

    def attributeNameState(self):
        # html5lib reports a repeated attribute as the name ends, without the name: here the
        # error names it (the tag's attribute list may become a dict in the same step).
        attributes = self.currentToken["data"]
        queued = len(self.tokenQueue)
        more = super().attributeNameState()
        for token in islice(self.tokenQueue, queued, None):
            if token["type"] == _PARSE_ERROR and token["data"] == "duplicate-attribute":
                token["datavars"] = {"name": attributes[-1][0]}
        return more

    def dataState(self):
        stream = self.stream
        chunk, offset = stream.chunk, stream.chunkOffset
        if offset < stream.chunkSize:
            if chunk[offset] == "<":
                # html5lib moves to tagOpenState, yielding nothing in between.
                stream.chunkOffset = offset + 1
                return self.tagOpenState()
            text = _TEXT.match(chunk, offset)
            if text is not None and text.end() < stream.chunkSize:
                stream.chunkOffset = text.end()
                data = text.group()
                self.tokenQueue.append({"type": _SPACES if data[0] in " \n\t\x0c\r" else _CHARACTERS, "data": data})
                return True
        return super().dataState()

    def tagOpenState(self):
        # Every tag, comment and doctype starts here, just after its "<".
        stream = self.stream
        self.tag_start = self.source.delivered - len(stream.chunk) + stream.chunkOffset - 1
        tag = _TAG.match(stream.chunk, stream.chunkOffset)
        if tag is None:
            return super().tagOpenState()
        end, name, attributes, self_closing = tag.group("end", "name", "attributes", "closing")
        if end:
            if attributes or self_closing:
                return super().tagOpenState()
            token = {"type": _END, "name": _lower(name), "data": [], "selfClosing": False}
        else:
            data = {}
            if attributes:
                # Up to the ">", where the lookahead after an unquoted value may look.
                found = _ATTRIBUTES.findall(stream.chunk, tag.start("attributes"), tag.end())
                data = {_lower(key): double or single or bare for key, double, single, bare in found}
                if len(data) < len(found):  # a duplicate attribute
                    return super().tagOpenState()
            token = {"type": _START, "name": _lower(name), "data": data,
                     "selfClosing": bool(self_closing), "selfClosingAcknowledged": False}
        stream.chunkOffset = tag.end()
        self.currentToken = token  # rcdata and script states compare end tags with it
        self.tokenQueue.append(token)
        self.state = self.dataState
        return True


class HTMLParser(html5lib.HTMLParser):
    """html5lib's parser, reading with `HTMLTokenizer`."""

    def _parse(self, stream, innerHTML=False, container="div", scripting=False, **kwargs):
        # HTMLParser._parse with our tokenizer; a text stream never asks for a reparse.
        self.innerHTMLMode = innerHTML
        self.container = container
        self.scripting = scripting
        self.tokenizer = HTMLTokenizer(stream, parser=self)
        self.reset()
        self.mainLoop()
