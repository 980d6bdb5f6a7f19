"""auditor.parsing builds the tree html5lib and bs4 build, with its own tokenizer fast path
(auditor.html5_tokenizer), main loop and scope test: the same nodes, attributes, strings,
source positions and links between nodes."""

import pytest
from bs4 import BeautifulSoup, Tag
from html5lib import _tokenizer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.html5_tokenizer import HTMLTokenizer
from auditor.parsing import parse

CHUNK = 10240  # html5lib's input stream reads the text in chunks of this many characters


def dump(soup):
    nodes = [soup, *soup.descendants]
    index = {id(n): i for i, n in enumerate(nodes)}
    links = ("parent", "next_element", "previous_element", "next_sibling", "previous_sibling")
    return [(type(n).__name__, (n.name, n.namespace, n.prefix) if isinstance(n, Tag) else str(n),
             [(k, type(k).__name__, type(v).__name__, v) for k, v in n.attrs.items()] if isinstance(n, Tag) else None,
             getattr(n, "sourceline", None), getattr(n, "sourcepos", None),
             [index.get(id(getattr(n, link))) for link in links]) for n in nodes]


def tokens(tokenizer_class, text):
    """Each token with the stream position when it is handed on, parse errors included."""
    tokenizer = tokenizer_class(text)
    return [(repr(token), tokenizer.stream.position(), tokenizer.stream.chunkOffset) for token in tokenizer]


def assert_same(text):
    assert tokens(HTMLTokenizer, text) == tokens(_tokenizer.HTMLTokenizer, text)
    expected = BeautifulSoup(text, "html5lib")
    got = parse(text)
    assert got.decode() == expected.decode()
    assert dump(got) == dump(expected)


TRICKY = [
    # names: upper case, non-ASCII (html5lib lowers A-Z only: not "İ", not the Kelvin sign)
    "<DIV CLASS=a Id='b' DATA-X>x</DIV ><P>y</p>",
    "<dİv data-İ=1 é=2 \u212aey=3>x</dİv><A\u212a HREF=x>k</a\u212a>",
    # NUL in names, values and text
    "<p\x00 a\x00b=c\x00d e='\x00' f=\"\x00\">a\x00b</p>\x00<img src=a\x00.png>",
    # every quoting style, spaces around "=", empty and missing values
    "<a b=1 c='2' d=\"3\" e f = \"4\" g = h i='' j=\"\" k=>x</a><br/><a href=x/>y</a><a / >z</a>",
    "<input value=a/b/ disabled/><div/>t</div><a b/c>d</a><a b='c'/ d>e</a>",
    # duplicate attributes (the first wins), also differing in case
    "<a x=1 X=2 x=3 y='a' Y=\"b\">t</a></a x=1>",
    # "<" and other odd characters
    "<a<b>c</a<b><a b<c=d e=f<g h=`i` j=k\"l>x</a>< a>a < b<>c</>d<3 <? pi ?><!x><//x>",
    "<a b=\"c\"d='e'f=g>x</a><a b='c'>y</a b><a/b/>",
    # character references in values and text
    "<a href=\"?a=1&amp;b=2&copy=3&lt\">x</a><a title='&lt;&#x41;&#66;'>y</a><a c=&amp;d>z</a>&amp; &notin; &noti &#0;",
    # end tags with attributes or "/"
    "<p>a</p b=c><p>b</p/><p>c</p\t\n>",
    # foreign content: case-adjusted names, namespaced attributes, CDATA
    "<svg viewbox='0 0 1 1' xlink:href=#a><foreignobject><p>x</p></foreignobject>"
    "<![CDATA[ a < b ]]><clippath/></svg><![CDATA[x]]>"
    "<math definitionurl=x><mi>i</mi><annotation-xml encoding=text/html><p>h</p></annotation-xml></math>",
    # misnested tables and formatting elements, template, select
    "<table>x<b>y</b><tr><td>a<div>b</table>c<table><td><p>d</td></tr>e</table>"
    "<p><b><i>1</p>2</b>3</i><template><tr><td>t</td></tr></template><select><option>a<p>b</select>",
    # raw text: script with "</script" inside strings, escaped script, title, textarea, plaintext
    "<script>var s = \"</script\" + \">\"; if (a<b) {}</SCRIPT ><script><!--<script>x</script>--></script>"
    "<title>a<b>&amp;</TITLE><textarea>\n x</textarea><style>a</style ><plaintext><a href=x></plaintext>",
    # comments and doctypes
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><!-- a -- b --><!----><!-->x<!--->y<!-- -->",
]

EOF_INSIDE = ["<a", "<a b", "<a b=", "<a b=c", "<a b='c", "<a b=\"c", "<a b/", "</a", "</a b=c", "<!--",
              "<!-- x -", "<!DOCTYPE", "<svg><![CDATA[x", "<script>a", "<title>a</tit", "<a b='c'"]


@pytest.mark.parametrize("text", TRICKY + [f"<p>x{end}" for end in EOF_INSIDE])
def test_tricky_markup_parses_as_html5lib_and_bs4_parse_it(text):
    assert_same(text)
    assert_same(text.replace("<", "\n<").replace(">", ">\n"))  # other lines and columns


@pytest.mark.parametrize("text", TRICKY[:9])
@pytest.mark.parametrize("shift", [1, 2, 3, 5, 8, 13, 21, 34, 55])
def test_tags_across_a_chunk_boundary(text, shift):
    # The fast path stops at the end of the stream's chunk: html5lib reads the next one there.
    assert_same("<p>" + "x" * (CHUNK - 3 - shift) + text)
    assert_same("<p>" + "\n" * (CHUNK - 3 - shift) + text)


def test_attribute_values_longer_than_a_chunk():
    value = "a b" * (2 * CHUNK)
    assert_same(f"<p class=\"{value}\" title='{value}' id={value.replace(' ', '_')}>x</p><p>y")


FRAGMENTS = ["<", ">", "/", "=", "\"", "'", " ", "\n", "\t", "a", "B", "x", "-", "!", "?", "&", "&amp;", "\x00",
             "İ", "\u212a", "é", "p", "div", "DIV", "table", "tr", "td", "b", "i", "svg", "math", "mi", "script",
             "title", "textarea", "template", "plaintext", "select", "option", "foreignObject", "viewBox",
             "<!--", "-->", "<![CDATA[", "]]>", "</", "<!DOCTYPE html>", "href", "class", "xlink:href"]


SPACES = st.text(" \n\t\x0c", max_size=2)
# Mostly what html5lib reads without a parse error, so that the fast path is taken often.
NAMES = st.sampled_from(["a", "P", "dIv", "td", "svg", "foreignObject", "math", "title", "script", "template",
                         "viewBox", "href", "xlink:href", "data-İ", "\u212a", "é", "-", "x\x00", "a<b", "a'b"])
VALUES = st.text(st.sampled_from("aaaaBB  \n/&;<>\"'`=\x00İ"), max_size=6)


@st.composite
def tags(draw):
    """Start and end tags, well-formed or nearly, with any quoting: what the fast path must
    take exactly as html5lib does, or leave to it."""
    attributes = ""
    for name, value, quote in draw(st.lists(st.tuples(NAMES, VALUES, st.sampled_from(["", "'", "\"", None])),
                                            max_size=4)):
        attributes += draw(st.sampled_from([" ", " ", "\n ", "", "/"])) + name
        if quote is not None:
            attributes += draw(SPACES) + "=" + draw(SPACES) + quote + value + quote
    return ("<" + draw(st.sampled_from(["", "", "/"])) + draw(NAMES) + attributes + draw(SPACES)
            + draw(st.sampled_from(["", "", "/"])) + ">")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | tags(), max_size=60), st.integers(-1, 40))
def test_generated_tag_soup_parses_as_html5lib_and_bs4_parse_it(fragments, shift):
    soup = "".join(fragments)
    assert_same(soup)
    if shift >= 0:  # straddling the end of the first chunk
        assert_same("<p>" + "x" * (CHUNK - 3 - shift) + soup)


# Documents that end with html5lib's insertion modes holding state: just after <pre> (the
# next newline is to be dropped), inside table text, in foreign content, in a frameset.
LEAVES_STATE = ["<body><pre>", "<table>x y", "<table><tr><td>a</td>b", "<svg><p>", "<frameset>", "<select><option>",
                "<textarea>", "<template><tr>"]


@pytest.mark.parametrize("first", LEAVES_STATE)
def test_a_parser_kept_for_the_next_page_builds_it_as_a_new_one_would(first):
    import auditor.parsing

    auditor.parsing._idle_parsers.clear()
    parse(first)
    kept = list(auditor.parsing._idle_parsers)
    assert len(kept) == 1 and kept[0].tree is None  # kept, without the last page's tree
    for text in ["\nline one\n<pre>\nx</pre>", "<p>a</p>\n<table> <tr><td>1</td></tr> </table>", *TRICKY[10:13]]:
        assert_same(text)
    assert auditor.parsing._idle_parsers == kept  # the same parser served every page


def test_a_parser_that_raised_is_not_kept(monkeypatch):
    import auditor.parsing

    auditor.parsing._idle_parsers.clear()
    parse("<p>warm</p>")
    kept = auditor.parsing._idle_parsers[0]
    calls = []

    def fails_once(self, *args):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("interrupted")
        return original(self, *args)

    original = auditor.parsing._CappedTree.insertText
    monkeypatch.setattr(auditor.parsing._CappedTree, "insertText", fails_once)
    with pytest.raises(RuntimeError):
        parse("<pre>\nhalf")
    assert auditor.parsing._idle_parsers == []
    monkeypatch.undo()
    assert_same("<pre>\n\nx</pre>")
    assert auditor.parsing._idle_parsers and auditor.parsing._idle_parsers[0] is not kept
