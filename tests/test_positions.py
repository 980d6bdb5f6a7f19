"""Where findings point: the parser records each start tag's and comment's span once, and
locations, snippets, repeated attributes and parse errors are read from there."""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor import dom
from auditor.page import Page
from auditor.parsing import normalize_newlines, parse
from conftest import AS_OF, SAMPLES, audit_html, run_cli

PYTHON_DOCS = Path("/usr/share/doc/python3-doc/html")


def page_of(text):
    return Page(name="page.html", text=text, soup=parse(text), as_of=AS_OF)


def place(location):
    return location.line, location.column, location.start


def test_a_finding_after_a_dotted_capital_i_has_its_own_column_and_snippet(tmp_path):
    # "İ".lower() is two characters: positions once searched in the lower-cased text were off.
    text = ('<!DOCTYPE html>\n<html lang="tr"><head><title>İzmir</title></head><body>\n'
            '<p>İİİ İstanbul <img src="a.png"> <img\n  src="b.png"></p></body></html>\n')
    page = tmp_path / "tr.html"
    page.write_text(text, encoding="utf-8")
    result = run_cli("check", "--offline", "--no-cache", "--as-of", AS_OF.isoformat(), "--select", "image-alt",
                     "-f", "json", str(page))
    findings = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["column"], f["snippet"]) for f in findings] == [
        (3, 17, '<img src="a.png">'), (3, 35, '<img src="b.png">')]
    assert text.splitlines()[2][16:].startswith('<img src="a.png">')


def test_elements_point_at_their_start_tags_and_implied_ones_where_the_parser_made_them():
    text = "<!DOCTYPE html>\n<html lang=en><title>t</title>\n<p class=x>a\n<table><td>b</table>"
    page = page_of(text)
    at = {e.name: page.location(e) for e in page.elements}
    assert (at["html"].line, at["html"].column, page.snippet(page.first("html"))) == (2, 1, "<html lang=en>")
    assert (at["p"].line, at["p"].column, page.snippet(page.first("p"))) == (3, 1, '<p class=x>')
    assert (at["td"].line, at["td"].column) == (4, 8)
    # Implied: where the parser was when it made them (the end of the tag that implied
    # them), as bs4's positions had it; the snippet is made from the element.
    assert (at["head"].line, at["head"].column, at["head"].start) == (2, 21, -1)
    assert (at["tbody"].line, at["tbody"].column, page.snippet(page.first("tbody"))) == (4, 11, "<tbody>")
    assert page.start_tag_source(page.first("body")) is None


def test_an_implied_root_is_where_the_parser_made_it_and_the_page_at_1_1():
    page = page_of("\n\n  <p>x</p>")
    assert place(page.location(page.first("html"))) == (3, 5, -1)
    assert place(page.location(None))[:2] == (1, 1)


def test_cloned_formatting_elements_have_no_place_of_their_own():
    page = page_of("<b>1<p>2</b>3</p>")
    bold = page.by_name("b")
    assert place(page.location(bold[0])) == (1, 1, 0)
    assert place(page.location(bold[1])) == (1, 1, -1)  # html5lib's clone of it, wrapping "2" in the p
    other = page_of("<p><b>1<div>2</b>3</div>")
    reopened = other.by_name("b")[1]  # reopened for "2": implied, where the parser made it
    assert place(other.location(reopened)) == (1, 13, -1)


def test_a_comment_has_its_own_place_and_its_source_as_snippet():
    text = "<p>a</p>\n<!-- auditor-disable-next image-alt -->\n<p>b</p>\n  <!-- auditor-disable-next\n image-alt -->"
    page = page_of(text)
    comments = page.soup.find_all(string=lambda s: isinstance(s, dom.Comment))
    assert [place(page.location(c))[:2] for c in comments] == [(2, 1), (4, 3)]
    assert [page.snippet(c) for c in comments] == ["<!-- auditor-disable-next image-alt -->"] * 2


@pytest.mark.parametrize("tag,repeated", [
    ('<input type="checkbox" disabled="disabled" disabled readonly />', ["disabled"]),
    ("<img alt='a > b' alt=c>", ["alt"]),
    ('<svg><line x1="0" y1="0" x1="200" Y1=2 y1=3></svg>', ["x1", "y1"]),
    ("<a x=1 X=2 x=3 y y>", ["x", "y"]),
    ('<a =x href = "/" =x>', ["=x"]),
    ("<br/>", []),
])
def test_repeated_attributes_are_read_from_html5libs_duplicate_attribute_errors(tag, repeated):
    page = page_of(f"<p>İ {tag}</p><p title=x title=y>")
    element = page.elements[-2]
    assert page.duplicate_attributes(element) == repeated
    assert page.duplicate_attributes(page.elements[-1]) == ["title"]
    assert page.duplicate_attributes(page.first("p")) == []


def test_an_attribute_repeated_in_a_tag_that_makes_no_element_is_nobodys():
    page = page_of("<p>a</p x=1 x=2><a href=x href=y")  # an end tag; a tag cut off by the end of the page
    assert [e.code for e in page.parse_errors].count("duplicate-attribute") == 2
    assert [page.duplicate_attributes(e) for e in page.elements] == [[], [], [], []]  # html, head, body, p


def test_parse_errors_have_html5libs_codes_and_offsets():
    text = "<p>a</b>\x00</p>"
    errors = page_of(text).parse_errors
    assert [(e.code, text[: e.offset]) for e in errors] == [
        ("expected-doctype-but-got-start-tag", "<p>"), ("unexpected-end-tag", "<p>a</b>"),
        ("invalid-codepoint", "<p>a</b>\x00")]


def test_an_iframes_srcdoc_is_parsed_once():
    page = page_of("<iframe srcdoc=\"<a href='/'>x</a>\"></iframe><iframe></iframe>")
    frame, empty = page.by_name("iframe")
    inner = page.srcdoc(frame)
    assert inner.find("a")["href"] == "/" and page.srcdoc(frame) is inner
    assert page.srcdoc(empty) is None


class _StartTags(HTMLParser):
    """An independent, slow scan: the standard library's tokenizer, with the offset of each
    start tag and comment."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.tags, self.comments = [], []
        self.feed(text)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.tags.append((self._offset(), tag))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(self._offset())


def _recorded(text):
    soup = parse(text)
    spans = soup.source.spans
    tags = sorted((spans[id(e)][0], e.name.lower()) for e in soup.find_all(True) if spans.get(id(e), (-1,))[0] >= 0)
    comments = [spans[id(c)][0] for c in soup.find_all(string=lambda s: isinstance(s, dom.Comment))]
    return tags, comments


PAGES = [PYTHON_DOCS / "library" / "re.html", SAMPLES / "usaid-trafficking-2008.html",
         SAMPLES / "modern-navigation.html", SAMPLES / "rules" / "aria-hidden-focus" / "bad.html",
         SAMPLES / "rules" / "duplicate-attribute" / "bad.html"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name if p.parent.name in ("library", "samples") else p.parent.name)
def test_recorded_start_tags_are_where_an_independent_scan_finds_them(path):
    if not path.exists():
        pytest.skip("python3-doc is not installed")
    raw = path.read_bytes()
    text = normalize_newlines(raw.decode("utf-8" if path.suffix == ".html" and b"charset=utf-8" in raw.lower() else "latin-1"))
    scan = _StartTags(text)
    tags, comments = _recorded(text)
    assert len(tags) > 20 or path.parent.parent.name == "rules"
    assert tags == scan.tags
    assert comments == scan.comments


def test_the_re_module_page_is_located_exactly():
    # library/re.html has "İ" in its text: 21 findings were misplaced after it.
    path = PYTHON_DOCS / "library" / "re.html"
    if not path.exists():
        pytest.skip("python3-doc is not installed")
    text = normalize_newlines(path.read_text(encoding="utf-8"))
    result = audit_html(text.encode(), select=["all"])
    page_lines = text.split("\n")
    for finding in result.findings:
        if finding.snippet.startswith("<") and not finding.snippet.startswith(("<html", "<head", "<body", "<tbody")):
            line = page_lines[finding.line - 1]
            assert line[finding.column - 1:].startswith(finding.snippet[:20].split(" ")[0]), finding
