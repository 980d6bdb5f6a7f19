"""Table rules (headers attribute, header cells), autocomplete, and important inline text spacing."""

import pytest

from auditor.rules.accessibility.autocomplete_valid import autocomplete_valid
from conftest import audit_html, rule_ids


def count(body, rule, head=""):
    html = f'<!DOCTYPE html><html lang="en"><head><title>t</title>{head}</head><body>{body}</body></html>'
    return rule_ids(audit_html(html, select=[rule])).count(rule)


@pytest.mark.parametrize("body,found", [
    ('<table><tr><td><span id="h">H</span></td></tr><tr><td headers="h">1</td></tr></table>', 1),
    ('<table><tr><th id="h">H</th></tr></table><table><tr><td headers="h">1</td></tr></table>', 1),
    ('<table><tr><th>H</th></tr><tr><td id="me" headers="me">1</td></tr></table>', 1),
    ('<table><tr><th id="h">H</th></tr><tr><td headers="h missing">1</td></tr></table>', 1),
    ('<table><thead><tr><th id="a">A</th><th id="b">B</th></tr></thead><tr><td colspan="2" headers="a b">1</td></tr></table>', 0),
    ('<table><tr><td role="columnheader" id="h">H</td></tr><tr><td headers="h">1</td></tr></table>', 0),
    ('<table role="presentation"><tr><td id="h">H</td></tr><tr><td headers="h x">1</td></tr></table>', 0),
    ('<div role="table"><div role="row"><div role="cell" headers="nope">1</div></div></div>', 0),  # not an HTML table
])
def test_td_headers_attr(body, found):
    assert count(body, "td-headers-attr") == found


@pytest.mark.parametrize("body,found", [
    ("<table><thead><tr><th>Rate</th><th>Value</th></tr></thead><tbody><tr><td>15%</td></tr></tbody></table>", 1),
    ("<table><tr><th>Time</th></tr><tr><td>05:41</td></tr></table>", 0),
    ('<table><tr><th id="c1">A</th><th id="c2">B</th></tr><tr><td>x</td></tr><tr><td headers="c2">y</td></tr></table>', 0),
    ('<table><tr><th scope="row">Day 1</th><td>8:00</td></tr></table>', 0),
    ('<table><tr><th colspan="2">Name</th></tr><tr><td>First</td><td>Last</td></tr></table>', 0),
    ('<table><tr><td rowspan="2">x</td><th>B</th></tr><tr><td>y</td></tr></table>', 0),  # rowspan shifts the cell under B
    ('<table><tr><th aria-hidden="true">Org</th></tr><tr><td>W3C</td></tr></table>', 0),
    ('<table><tr><th role="cell">A</th></tr><tr><td>a</td></tr></table>', 0),
    ('<div role="grid"><div role="row"><div role="columnheader">Room</div><div role="columnheader">Who</div></div>'
     '<div role="row"><div role="gridcell">1A</div></div></div>', 1),
    ('<table role="presentation"><tr><th>A</th><th>B</th></tr><tr><td>a</td></tr></table>', 0),
    # A th after a td in a row heads that row (Chromium: rowheader), not the empty column below it.
    ('<table><tr><th>Option</th><th>Flag</th></tr><tr><td>verbose</td><td>-v</td></tr>'
     '<tr><td>quiet</td><th>-q</th><td>(no output)</td></tr></table>', 0),
    ('<table><tr><td>1</td><th>Total</th><td>2</td></tr></table>', 0),
])
def test_th_has_data_cells(body, found):
    assert count(body, "th-has-data-cells") == found


@pytest.mark.parametrize("value,ok", [
    ("email", True), ("Street-Address", True), ("section-primary billing address-line1", True),
    ("section-primary shipping work email", True), ("current-password webauthn", True), ("off", True),
    ("work", False), ("shipping", False), ("badname", False), ("work photo", False),
    ("address-line1 address-line2", False), ("work,email", False), ("email invalid", False),
    ("billing section-x email", False), ("webauthn", False),
])
def test_autocomplete_valid(value, ok):
    assert autocomplete_valid(value) is ok


@pytest.mark.parametrize("body,found", [
    ('<label>E <input autocomplete="badname"></label>', 1),
    ('<label>E <select autocomplete="badname"></select></label>', 1),
    ('<input type="submit" autocomplete="email">', 0),
    ('<input type="hidden" autocomplete="badname">', 0),
    ('<label>E <input autocomplete="badname" disabled></label>', 0),
    ('<label>E <input autocomplete="badname" aria-disabled="true"></label>', 0),
    ('<label>E <input autocomplete="badname" style="display:none"></label>', 0),
    ('<label>E <input autocomplete=""></label>', 0),
])
def test_autocomplete_rule(body, found):
    assert count(body, "autocomplete-valid") == found


TEXT = "Annual report on trafficking in persons."


@pytest.mark.parametrize("rule,style,head,found", [
    ("avoid-inline-spacing-letter", "letter-spacing: 0.1em !important", "", 1),
    ("avoid-inline-spacing-letter", "letter-spacing: normal !important", "", 1),
    ("avoid-inline-spacing-letter", "letter-spacing: initial !important", "", 1),
    ("avoid-inline-spacing-letter", "letter-spacing: 0.12em !important", "", 0),
    ("avoid-inline-spacing-letter", "letter-spacing: 0.1em", "", 0),  # not important: users can override
    ("avoid-inline-spacing-letter", "letter-spacing: 3px !important", "<style>p { font-size: 25px }</style>", 0),
    ("avoid-inline-spacing-letter", "letter-spacing: 0.1em !important; letter-spacing: 0.15em !important", "", 0),
    ("avoid-inline-spacing-letter", "letter-spacing: 0.15em !important; letter-spacing: 0.1em", "", 0),
    ("avoid-inline-spacing-letter", "letter-spacing: 0.15em", "<style>p { letter-spacing: 0.1em !important }</style>", 0),
    ("avoid-inline-spacing-letter", "display: none; letter-spacing: 0.1em !important", "", 0),
    ("avoid-inline-spacing-word", "word-spacing: 2px !important", "<style>p { font-size: 20px }</style>", 1),
    ("avoid-inline-spacing-word", "word-spacing: 4px !important", "<style>p { font-size: 25px }</style>", 0),
    ("avoid-inline-spacing-word", "position: absolute; top: -999em; word-spacing: 0.1em !important", "", 0),
    ("avoid-inline-spacing-line-height", "line-height: 1.2 !important", "", 1),
    ("avoid-inline-spacing-line-height", "line-height: 20px !important", "<style>p { font-size: 20px }</style>", 1),
    ("avoid-inline-spacing-line-height", "line-height: normal !important", "", 1),
    ("avoid-inline-spacing-line-height", "line-height: 30px !important", "<style>p { font-size: 20px }</style>", 0),
    ("avoid-inline-spacing-line-height", "line-height: 1.6 !important", "", 0),
    ("avoid-inline-spacing-line-height", "line-height: 2em !important; line-height: 1em", "", 0),
])
def test_important_text_spacing(rule, style, head, found):
    assert count(f'<p style="{style}">{TEXT}</p>', rule, head=head) == found


def test_text_spacing_inherited_from_an_ancestor():
    # The div's 2px applies to the paragraph's 10px text: 0.2 times its size, enough.
    body = f'<div style="font-size: 16px; letter-spacing: 2px !important"><p style="font-size: 10px">{TEXT}</p></div>'
    assert count(body, "avoid-inline-spacing-letter") == 0
    body = f'<div style="letter-spacing: 1px !important"><p>{TEXT}</p></div>'
    assert count(body, "avoid-inline-spacing-letter") == 1
    body = f'<p style="line-height: 1.2em"><span style="line-height: inherit !important">{TEXT}</span></p>'
    assert count(body, "avoid-inline-spacing-line-height") == 0
    assert count('<div style="letter-spacing: 0.1em !important"></div>', "avoid-inline-spacing-letter") == 0


@pytest.mark.parametrize("row,role", [
    ("<tr><th>A</th><th>B</th></tr>", "columnheader"),  # a row of headers heads the columns
    ("<tr><th>A</th><td>1</td></tr>", "rowheader"),
    ("<tr><td>1</td><th>A</th><td>2</td></tr>", "rowheader"),  # after a td: still the row's header
    ("<tr><td>1</td><th scope=\"col\">A</th></tr>", "columnheader"),
])
def test_a_header_cell_role_is_what_chromium_computes(row, role):
    from auditor import aria
    from auditor.parsing import parse

    th = parse(f"<table>{row}</table>").find("th", string="A")
    assert aria.effective_role(th) == role
