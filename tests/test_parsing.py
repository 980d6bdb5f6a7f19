"""auditor.parsing builds the tree html5lib and bs4 build, with its own tokenizer fast path
(auditor.html5_tokenizer), tree builder, main loop and scope test: the same nodes,
attributes, strings and links between nodes; and the tokenizer hands on html5lib's tokens at
html5lib's stream positions."""

import pytest
from bs4 import BeautifulSoup, Comment, Tag
from html5lib import _tokenizer
from html5lib.constants import asciiUpper2Lower
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.html5_tokenizer import HTMLTokenizer
from auditor.parsing import parse

CHUNK = 10240  # html5lib's input stream reads the text in chunks of this many characters


def dump(soup):
    nodes = [soup, *soup.descendants]
    index = {id(n): i for i, n in enumerate(nodes)}
    links = ("parent", "next_element", "previous_element", "next_sibling", "previous_sibling")
    return [("BeautifulSoup" if n is soup else type(n).__name__,
             (n.name, n.namespace, n.prefix) if isinstance(n, Tag) else str(n),
             [(k, type(k).__name__, type(v).__name__, v) for k, v in n.attrs.items()] if isinstance(n, Tag) else None,
             [index.get(id(getattr(n, link))) for link in links]) for n in nodes]


def tokens(tokenizer_class, text):
    """Each token with the stream position when it is handed on, parse errors included (ours
    name the repeated attribute of a "duplicate-attribute" error; html5lib's do not)."""
    tokenizer = tokenizer_class(text)
    return [(repr({k: v for k, v in token.items() if k != "datavars" or token["data"] != "duplicate-attribute"}),
             tokenizer.stream.position(), tokenizer.stream.chunkOffset) for token in tokenizer]


def assert_spans(soup, text):
    """Every element's span holds a start tag of its name; every comment's, the comment."""
    spans = soup.source.spans
    for node in soup.descendants:
        span = spans.get(id(node))
        if isinstance(node, Tag) and span is not None and span[0] >= 0:
            source = text[span[0]: span[1]]
            assert source[0] == "<" and source[-1] == ">"
            written = source[1:].replace("\x00", "\ufffd").translate(asciiUpper2Lower)
            assert written.startswith(node.name.translate(asciiUpper2Lower))
        elif isinstance(node, Comment):
            source = text[span[0]: span[1]]
            assert source[0] == "<" and node in source.replace("\x00", "\ufffd")


def assert_same(text):
    assert tokens(HTMLTokenizer, text) == tokens(_tokenizer.HTMLTokenizer, text)
    expected = BeautifulSoup(text, "html5lib")
    got = parse(text)
    assert got.decode() == expected.decode()
    assert dump(got) == dump(expected)
    assert_spans(got, text)


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


@pytest.mark.parametrize("text", ["<p>" + "x" * (CHUNK - 4) + "\ud800<b title=a>y</b><i>\ud800",
                                  "<p>" + "x" * (CHUNK - 5) + "\ud800\ud800<b>y</b>\ud800\ud800", "<p>\ud800<b>"])
def test_lone_surrogates_at_a_chunk_end_keep_the_spans_in_step(text):
    # html5lib holds back a chunk's last character when it is half a surrogate pair.
    soup = parse(text)
    assert dump(soup) == dump(BeautifulSoup(text, "html5lib"))
    assert_spans(soup, text)
    assert soup.source.spans[id(soup.find("b"))][0] == text.index("<b")
