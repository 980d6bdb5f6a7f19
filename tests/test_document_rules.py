"""Language, document and markup rules: lang, title, meta refresh and viewport, ids, attributes."""

import pytest

from auditor.document import refresh_delay
from auditor.langtag import is_valid_tag, primary_subtag_known, registry
from conftest import audit_html, rule_ids


def count(html, rule, name="page.html"):
    return rule_ids(audit_html(html, select=[rule], name=name)).count(rule)


def doc(html_tag='<html lang="en">', head="<title>t</title>", body="<p>Text</p>"):
    return f"<!DOCTYPE html>{html_tag}<head>{head}</head><body>{body}</body></html>"


def test_registry_is_shipped_with_its_date():
    reg = registry()
    assert reg["file_date"] == "2025-08-25"
    assert {"en", "fr", "lb", "yue"} <= reg["language"] and "i-lux" in reg["grandfathered"]


@pytest.mark.parametrize("tag,ok", [
    ("en", True), ("FR", True), ("en-US-GB", True), ("yue-Hant-HK", True), ("qab", True),
    ("em-US", False), ("#1", False), ("english", False), ("dutch", False), ("i-lux", False), ("", False),
])
def test_primary_subtag_known(tag, ok):
    assert primary_subtag_known(tag) is ok


@pytest.mark.parametrize("tag,ok", [
    ("en", True), ("en-GB", True), ("zh-Hant-TW", True), ("de-CH-1901", True), ("en-x-custom", True),
    ("sl-rozaj-biske", True), ("en-US-GB", False), ("en-Latn-JJ", False), ("en-Qaaa-QM", True), ("fr-Xyzw", False), ("en--US", False),
])
def test_strict_tag_validation(tag, ok):
    assert is_valid_tag(tag) is ok


@pytest.mark.parametrize("html_tag,found", [
    ("<html>", 1), ('<html lang=" ">', 1), ('<html xml:lang="en">', 1), ('<html lang="en">', 0),
])
def test_html_has_lang(html_tag, found):
    assert count(doc(html_tag), "html-has-lang") == found


def test_svg_file_is_not_an_html_page():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" lang="fr"><title>Chart</title></svg>'
    for rule in ("html-has-lang", "html-lang-valid", "document-title"):
        assert count(svg, rule, name="chart.svg") == 0


@pytest.mark.parametrize("html_tag,found", [
    ('<html lang="english">', 1), ('<html lang="em-US">', 1), ('<html lang="en-US-GB">', 0), ('<html>', 0),
])
def test_html_lang_valid(html_tag, found):
    assert count(doc(html_tag), "html-lang-valid") == found


def test_html_lang_valid_strict_option():
    result = audit_html(doc('<html lang="en-US-GB">'), select=["html-lang-valid"], options={"html-lang-valid": {"strict": True}})
    assert "html-lang-valid" in rule_ids(result)


@pytest.mark.parametrize("html_tag,found", [
    ('<html lang="fr" xml:lang="en">', 1), ('<html lang="fr-CA" xml:lang="en-CA">', 1),
    ('<html lang="en-GB" xml:lang="en-US">', 0), ('<html lang="fr" xml:lang="">', 0),
])
def test_html_xml_lang_mismatch(html_tag, found):
    assert count(doc(html_tag), "html-xml-lang-mismatch") == found


@pytest.mark.parametrize("body,found", [
    ('<p lang="dutch">Zij liepen</p>', 1),
    ('<p lang="  ">Text</p>', 1),
    ('<p lang="">Text</p>', 0),  # the empty value means "unknown language"
    ('<p lang="EN">Text</p>', 0),
    ('<div lang="invalid"><img src="a.jpg" alt=""></div>', 0),  # no text of its own
    ('<div lang="invalid"><img src="a.jpg" alt="Fireworks"></div>', 1),
    ('<p lang="invalid"><span style="display: none">hidden</span></p>', 0),
    ('<article lang="invalid"><p lang="en">All text is re-tagged</p></article>', 0),
])
def test_valid_lang(body, found):
    assert count(doc(body=body), "valid-lang") == found


@pytest.mark.parametrize("head,body,found", [
    ("", "<h1>No title</h1>", 1),
    ("<title> </title>", "", 1),
    ("<title></title>", "<title>Later</title>", 1),  # the first title is the one that counts
    ("<title>Page</title>", "<title></title>", 0),
    ("", "<template><title>Inert</title></template>", 1),
    ("", '<svg><title>Chart</title></svg>', 1),
])
def test_document_title(head, body, found):
    assert count(doc(head=head, body=body), "document-title") == found


@pytest.mark.parametrize("content,delay", [
    ("30", 30), ("0; URL='https://w3.org'", 0), ("72001; https://w3.org", 72001), ("5, x", 5), (".5; x", 0),
    ("+5; x", None), ("-00.12 foo", None), ("0: https://w3.org", None), ("", None), ("foo", None), ("; 72001", None),
])
def test_refresh_delay(content, delay):
    assert refresh_delay(content) == delay


@pytest.mark.parametrize("metas,exception,strict", [
    (['30'], 1, 1), (['0; url=/new'], 0, 0), (['72000; url=/new'], 1, 1), (['72001; url=/new'], 0, 1),
    (['0: url=/new', '5; url=/new'], 1, 1),  # the first valid one counts
    (['0; url=/new', '30; url=/new'], 0, 0),
    (['foo'], 0, 0),
])
def test_meta_refresh(metas, exception, strict):
    head = "<title>t</title>" + "".join(f'<meta http-equiv="refresh" content="{m}">' for m in metas)
    assert count(doc(head=head), "meta-refresh") == exception
    assert count(doc(head=head), "meta-refresh-no-exceptions") == strict


@pytest.mark.parametrize("content,found", [
    ("user-scalable=no", 1), ("user-scalable=0.5", 1), ("user-scalable=yes", 0), ("maximum-scale=1.0", 1),
    ("maximum-scale=1.5, user-scalable=yes", 1), ("maximum-scale=yes", 1), ("maximum-scale=invalid", 1),
    ("maximum-scale=2.0", 0), ("maximum-scale=-1", 0), ("maximum-scale=device-width", 0),
    ("width=device-width", 0), ("", 0),
])
def test_meta_viewport(content, found):
    head = f'<title>t</title><meta name="viewport" content="{content}">'
    assert count(doc(head=head), "meta-viewport") == found


@pytest.mark.parametrize("body,found", [
    ('<input type="checkbox" disabled="disabled" disabled>', 1),
    ('<svg><line x1="0" y1="0" x1="200" y1="200"/></svg>', 1),
    ('<input type="checkbox" disabled readonly>', 0),
    ("<script>var s = '<img alt=\"\" alt=\"x\">'</script>", 0),  # script text is not markup
])
def test_duplicate_attribute(body, found):
    assert count(doc(body=body), "duplicate-attribute") == found


@pytest.mark.parametrize("body,found", [
    ('<div id="a">x</div><svg id="a"></svg>', 1),
    ('<span id="a" style="display:none">x</span><span id="a">y</span><i id="a">z</i>', 2),
    ('<span id="">x</span><span id="">y</span>', 0),
    ('<div xml:id="a">x</div><div id="a">y</div>', 0),
    ("<div id=\"a\"></div><iframe title=\"f\" srcdoc=\"<span id='a'></span>\"></iframe>", 0),
])
def test_duplicate_id(body, found):
    assert count(doc(body=body), "duplicate-id") == found
