"""The ARIA rules (rules/aria.py) on the cases their ACT rules distinguish."""

import pytest

from conftest import audit_html, rule_ids


def findings(body, rule):
    html = f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'
    return [f for f in audit_html(html, select=[rule]).findings if f.rule == rule]


@pytest.mark.parametrize("body,count", [
    ('<span role="lnik">x</span>', 1),
    ('<span role="bibliographic-reference lnik">x</span>', 1),
    ('<span role="doc-biblioref link">x</span>', 0),  # first valid token wins
    ('<div role="widget">x</div>', 1),  # abstract
    ('<div role="">x</div><div role=" ">y</div>', 0),
    ('<div role="lnik" hidden>x</div>', 0),
    ('<div role="lnik" style="display:none">x</div>', 0),
])
def test_aria_roles(body, count):
    assert len(findings(body, "aria-roles")) == count


def test_aria_valid_attr_reports_each_unknown_attribute():
    found = findings('<div role="checkbox" aria-checked="false" aria-not-checked="true" aria-labeledby="x">y</div>', "aria-valid-attr")
    assert sorted(f.message.split()[0] for f in found) == ["aria-labeledby", "aria-not-checked"]


@pytest.mark.parametrize("body,count", [
    ('<div role="button" aria-pressed="horizontal">x</div>', 1),
    ('<div role="alert" aria-relevant="text always"></div>', 1),
    ('<div role="alert" aria-relevant="text removals"></div>', 0),
    ('<div role="textbox" aria-required="undefined"></div>', 1),
    ('<div role="gridcell" aria-rowindex="2.5">x</div>', 1),
    ('<div role="spinbutton" aria-valuenow="1.5" aria-valuemin="1.0" aria-valuemax="2"></div>', 0),
    ('<div role="textbox" aria-errormessage="nowhere"></div>', 0),  # id existence is not a value problem
    ('<div role="button" aria-expanded="undefined">x</div>', 0),
])
def test_aria_valid_attr_value(body, count):
    assert len(findings(body, "aria-valid-attr-value")) == count


@pytest.mark.parametrize("body,count", [
    ('<button aria-sort="">Sort</button>', 1),  # even empty, it is not supported
    ('<audio controls aria-orientation="horizontal"></audio>', 1),
    ('<button aria-pressed="false">B</button>', 0),
    ('<button role="none" aria-pressed="false">B</button>', 0),  # focusable: stays a button
    ('<label>Password <input type="password" aria-required="true"></label>', 0),
    ('<div aria-busy="true">x</div>', 0),  # global
    ('<label>Born <input type="date" aria-required="true"></label>', 0),
    ('<a aria-expanded="false">Menu</a>', 1),  # no href: a generic element
    ('<div role="button" aria-sort="" style="display:none"></div>', 0),
])
def test_aria_allowed_attr(body, count):
    assert len(findings(body, "aria-allowed-attr")) == count


@pytest.mark.parametrize("body,count", [
    ('<div aria-label="Now 1 euro"><s>€100</s> €1</div>', 1),
    ('<p aria-braillelabel="x">x</p>', 1),
    ('<div aria-roledescription="banana">x</div>', 1),
    ('<h1 role="none" aria-brailleroledescription="x">x</h1>', 1),
    ('<div role="heading" aria-level="1" aria-braillelabel="x">x</div>', 0),
    ('<div aria-live="polite">x</div>', 0),
    ('<div aria-label="x" hidden></div>', 0),
    ('<button role="none" aria-label="Close">x</button>', 0),
])
def test_aria_prohibited_attr(body, count):
    assert len(findings(body, "aria-prohibited-attr")) == count


@pytest.mark.parametrize("body,count", [
    ('<div role="heading">Title</div>', 1),
    ('<div role="heading" aria-level="1">Title</div>', 0),
    ('<div role="switch">Toggle</div>', 1),
    ('<div role="checkbox" aria-checked="">x</div>', 1),  # empty is missing
    ('<input role="combobox" aria-controls="l">', 1),  # aria-expanded missing
    ('<input role="combobox" aria-expanded="false">', 0),  # aria-controls only when expanded
    ('<input role="combobox" aria-expanded="true">', 1),
    ('<div role="separator"></div>', 0),
    ('<div role="separator" tabindex="0"></div>', 1),  # focusable separator needs a value
    ('<input type="checkbox" role="checkbox">', 0),  # same as the implicit role
    ('<input type="checkbox" role="switch">', 0),  # native checked state
    ('<div role="slider" aria-valuenow="3" hidden></div><div role="slider" hidden></div>', 0),
])
def test_aria_required_attr(body, count):
    assert len(findings(body, "aria-required-attr")) == count


@pytest.mark.parametrize("body,count", [
    ('<div role="list"><div role="tabpanel"><div role="listitem">a</div></div></div>', 1),
    ('<div role="list"><div aria-live="polite"><div role="listitem">a</div></div></div>', 1),
    ('<div role="list"><div role="presentation"><div role="listitem">a</div></div></div>', 0),
    ('<div role="list"><div><span><div role="listitem">a</div></span></div></div>', 0),
    ('<ul><div role="listitem">a</div></ul>', 0),
    ('<ul><li role="listitem">a</li></ul>', 0),  # explicit equals implicit: not checked
    ('<div role="listitem">a</div>', 1),
    ('<div role="list" aria-owns="i1"></div><div id="i1" role="listitem">a</div>', 0),
    ('<div role="tablist"><div role="tab">a</div></div><div role="tab" hidden>b</div>', 0),
])
def test_aria_required_parent(body, count):
    assert len(findings(body, "aria-required-parent")) == count


@pytest.mark.parametrize("body,count", [
    ('<ol role="tablist"><li role="listitem">a</li></ol>', 1),
    ('<div role="list"><span>a</span></div>', 1),  # owns no listitem
    ('<div role="list"><span role="listitem">a</span><span role="listitem">b</span></div>', 0),
    ('<div role="list"><span role="listitem">a</span><div role="group"><span role="listitem">b</span></div></div>', 1),
    ('<div role="menu"><div role="group"><span role="menuitem">a</span><div role="group"><span role="menuitem">b</span></div></div></div>', 0),
    ('<div role="menu"><div role="group"><span role="treeitem">a</span></div></div>', 1),
    ('<select role="menu" aria-label="m"><option>a</option></select>', 1),
    ('<table role="grid" aria-label="g"><tr role="row"><td role="gridcell">a</td></tr></table>', 0),
    ('<table role="treegrid" aria-label="g"><tr><td>a</td></tr></table>', 0),
    ('<div role="grid"><div role="row"><span>a</span></div></div>', 1),
    ('<ul role="tablist"><li role="none"><span role="tab">a</span></li></ul>', 0),
    ('<div role="list" aria-owns="t"></div><div id="t" role="tab">a</div>', 1),
    ('<div role="list" aria-owns="i"></div><div id="i" role="listitem">a</div>', 0),
    ('<ul role="menu" aria-busy="true">Loading</ul>', 0),
    ('<div role="list" aria-hidden="true"></div>', 0),
])
def test_aria_required_children(body, count):
    assert len(findings(body, "aria-required-children")) == count


@pytest.mark.parametrize("body,count", [
    ('<input role="combobox" aria-expanded="true" aria-controls="popup">', 1),
    ('<input role="combobox" aria-expanded="false" aria-controls="popup">', 0),
    ('<input role="combobox" aria-expanded="true" aria-controls="popup"><ul id="popup" role="listbox"></ul>', 0),
    ('<main id="c2">x</main><div role="scrollbar" aria-controls="c1 c2" aria-valuenow="2"></div>', 0),
    ('<div role="scrollbar" aria-controls="c1" aria-valuenow="2"></div>', 1),
    ('<button aria-controls="modal">Open</button>', 0),
])
def test_aria_required_id_refs(body, count):
    assert len(findings(body, "aria-required-id-refs")) == count


@pytest.mark.parametrize("body,children,parent", [
    # Sphinx's citation list: one finding, on the list that owns the wrong children.
    ('<div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">[1] A</div>'
     '<div class="citation" role="doc-biblioentry">[2] B</div></div>', 1, 0),
    ('<div role="list"><li>a</li><div><li>b</li></div></div>', 0, 0),  # <li> in role list: its listitem
    ('<div role="tablist"><li>a</li></div>', 1, 0),
    ('<div role="list" aria-busy="true"><div role="tab">a</div></div>', 0, 1),  # busy: the child reports
    ('<div role="region"><div role="tab">a</div></div>', 0, 1),
])
def test_one_ownership_problem_is_one_finding(body, children, parent):
    html = f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'
    found = audit_html(html, select=["aria-required-children", "aria-required-parent"]).findings
    assert [f.rule for f in found].count("aria-required-children") == children
    assert [f.rule for f in found].count("aria-required-parent") == parent


def test_aria_rules_quiet_on_the_seed_page(seed_html):
    ids = ["aria-roles", "aria-valid-attr", "aria-valid-attr-value", "aria-allowed-attr", "aria-prohibited-attr",
           "aria-required-attr", "aria-required-parent", "aria-required-children", "aria-required-id-refs"]
    result = audit_html(seed_html.encode("iso-8859-1"), select=ids)
    assert result.error is None
    # The 2008 page uses no ARIA at all.
    assert not [r for r in rule_ids(result) if r in ids]
