import codecs

import pytest

from auditor.decoding import NotHTMLError, decode
from conftest import audit_html, rule_ids


def test_latin1_page_with_meta_charset():
    html = '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body>na\xefve</body></html>'
    decoded = decode(html.encode("latin-1"))
    assert decoded.encoding == "cp1252"  # the HTML spec maps latin-1 labels to windows-1252
    assert "Café" in decoded.text and "naïve" in decoded.text
    assert decoded.replaced == 0


def test_http_equiv_content_type_charset():
    data = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>\x93quoted\x94</p>'
    assert "\u201cquoted\u201d" in decode(data).text


def test_http_charset_wins_over_meta():
    data = '<meta charset="utf-8"><p>\xe9</p>'.encode("latin-1")
    assert "é" in decode(data, http_charset="ISO-8859-1").text


def test_bom_wins_over_everything():
    data = codecs.BOM_UTF8 + '<meta charset="iso-8859-1"><p>é</p>'.encode("utf-8")
    decoded = decode(data, http_charset="latin-1")
    assert decoded.encoding == "utf-8" and "é" in decoded.text


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom(codec, bom):
    decoded = decode(bom + "<p>Grüße</p>".encode(codec))
    assert decoded.text == "<p>Grüße</p>"


def test_utf16_without_bom_is_detected():
    decoded = decode("<html><body><p>Grüße aus Köln</p></body></html>".encode("utf-16-le"))
    assert decoded.encoding == "utf-16-le" and "Köln" in decoded.text


def test_invalid_utf8_is_replaced_not_fatal():
    data = b'<meta charset="utf-8"><p>ok \xff\xfe bad</p>'
    decoded = decode(data)
    assert decoded.replaced == 2 and "ok" in decoded.text


def test_undeclared_non_utf8_falls_back_to_windows_1252():
    assert "café" in decode("<p>café</p>".encode("cp1252")).text


def test_binary_is_not_html():
    with pytest.raises(NotHTMLError):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_rules_run_on_a_utf16_page_with_correct_lines():
    html = "<html lang=en><title>t</title>\n<body>\n<img src=a.png></body></html>"
    result = audit_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le"), select=["image-alt"])
    assert result.error is None
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("image-alt", 3, 1)]
