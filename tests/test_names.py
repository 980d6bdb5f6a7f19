"""The name and focus rules (rules/names.py, rules/focus.py) and alt-text rules on edge cases."""

import pytest

from auditor.config import Config, active_rules
from auditor.registry import all_rules
from conftest import audit_html, rule_ids


def found(body: str, rule: str, head: str = "") -> list[str]:
    html = f"<!DOCTYPE html><html lang=en><head><title>t</title>{head}</head><body>{body}</body></html>"
    result = audit_html(html, select=[rule])
    assert result.error is None and not result.tool_errors, result.tool_errors
    return [f.message for f in result.findings if f.rule == rule]


CASES = [
    # (rule, markup, expected number of findings)
    ("image-alt", '<img src="kenya.jpg">', 1),
    ("image-alt", '<img src="kenya.jpg" alt=" ">', 1),
    ("image-alt", '<img src="spacer.gif" alt="">', 0),
    ("image-alt", '<img src="spacer.gif" role="none" tabindex="0">', 1),  # focusable: decorative role ignored
    ("image-alt", '<div class=off><img src="spacer.gif"></div>', 0),  # hidden by a <style> rule
    ("image-alt", '<svg role="img"></svg>', 0),  # svg-img-name's business
    ("image-button-name", '<input type="image" src="go.gif" alt="">', 1),
    ("image-button-name", '<input type="image" src="go.gif" aria-labelledby="missing">', 1),
    ("image-button-name", '<input type="image" src="go.gif" title="Search">', 0),
    ("svg-img-name", '<svg role="img"><title></title></svg>', 1),
    ("svg-img-name", '<svg><circle role="graphics-symbol" r="4"></circle></svg>', 1),
    ("svg-img-name", '<svg><circle role="graphics-object" r="4"></circle></svg>', 0),
    ("svg-img-name", '<svg role="img" aria-label="Chart"></svg>', 0),
    ("object-alt", '<object data="speech.mp3" alt="Speech"></object>', 1),
    ("object-alt", '<object data="chart.png?v=2" title=""></object>', 1),
    ("object-alt", '<object type="video/mp4" data="clip"></object>', 1),
    ("object-alt", '<object data="page.html"></object>', 0),
    ("object-alt", '<object role="img" data="logo.png"></object>', 0),
    ("object-alt", '<object data="logo.png" style="visibility: hidden"></object>', 0),
    ("frame-title", '<iframe src="a.html" title=" "></iframe>', 1),
    ("frame-title", '<iframe src="a.html" role="presentation"></iframe>', 0),
    ("frame-title", '<div id=h>Map</div><iframe src="a.html" aria-labelledby=h></iframe>', 0),
    ("link-name", '<a href="/"><img src="logo.png"></a>', 1),
    ("link-name", '<a href="/"><img src="logo.png" role="presentation"></a>', 1),
    ("link-name", '<a href="/" role="doc-biblioref"><img src="x.png" alt=""></a>', 1),
    ("link-name", '<img src="map.png" alt="Map" usemap="#m"><map name=m><area href="/sun" coords="0,0,1,1"></map>', 1),
    # No content at all belongs to empty-link: one problem, one finding.
    ("link-name", '<a href="/"></a><a href="/" role="none"> </a>', 0),
    ("link-name", '<a href="/"><img src="logo.png" title="Home"></a>', 0),
    ("link-name", '<a href="/" role="button"><img src="x.png"></a>', 0),
    ("link-name", '<area coords="0,0,1,1">', 0),
    ("link-name", '<div role="link" tabindex="0"></div>', 1),  # not an <a href>: empty-link does not see it
    ("link-name", '<a href="/"><span></span></a>', 1),
    ("button-name", '<button></button>', 1),
    ("button-name", '<button role="none"></button>', 1),
    ("button-name", '<button role="none" disabled></button>', 0),
    ("button-name", '<span role="button"></span>', 1),
    ("button-name", '<input type="reset">', 0),
    ("button-name", '<button style="display: none;"></button>', 0),
    ("button-name", '<details><summary></summary></details>', 0),  # summary-name's business
    ("label", '<div>Last name</div><input>', 1),
    ("label", '<label>Date of birth</label> <input type="date">', 1),
    ("label", '<label>Name <div role="textbox"></div></label>', 1),
    ("label", '<input type="checkbox" role="menuitemcheckbox"><span aria-hidden="true">Ketchup</span>', 1),
    ("label", '<input disabled>', 1),
    ("label", '<div role="checkbox">I agree</div>', 0),
    ("label", '<select role="none" disabled><option>A</option></select>', 0),
    ("label", '<input type="hidden" name="t"><input type="submit">', 0),
    ("label", '<input id=c aria-labelledby=k><span id=k aria-hidden="true">Ketchup</span>', 0),
    ("heading-name", '<h1><img src="logo.png" alt=""></h1>', 1),
    ("heading-name", '<h1 aria-label="" role="none"><span aria-hidden="true">ACT</span></h1>', 1),
    ("heading-name", '<span id=n hidden>Rules</span><h1 aria-labelledby=n>Learn</h1>', 0),
    ("heading-name", '<h1 aria-hidden="true"></h1>', 0),
    ("menuitem-name", '<div role=menu><button role=menuitem><img src=f.svg alt=""></button></div>', 1),
    ("menuitem-name", '<div role=menu hidden><button role=menuitem></button></div>', 0),
    ("menuitem-name", '<div role=menu><button role=menuitem title="New"></button></div>', 0),
    ("summary-name", '<details><summary></summary><summary>Times</summary></details>', 1),
    ("summary-name", '<details><summary>Times</summary><summary></summary></details>', 0),
    ("summary-name", '<details><div><summary></summary></div></details>', 0),
    ("summary-name", '<details><summary role="button"></summary></details>', 0),
    ("summary-name", '<span id=o>Opening</span><details><summary aria-labelledby=o></summary></details>', 0),
    ("presentation-role-conflict", '<img src=a.png alt="" aria-labelledby=l><span hidden id=l>W3C</span>', 1),
    ("presentation-role-conflict", '<nav role="presentation" aria-label="global"></nav>', 1),
    ("presentation-role-conflict", '<span role="none" tabindex="0">x</span>', 1),
    ("presentation-role-conflict", '<img src=a.png alt="" aria-hidden="true"><svg role="none"></svg>', 0),
    ("presentation-role-conflict", '<img src=a.png aria-label="logo">', 0),
    ("label-content-name-mismatch", '<a href="#" aria-label="Discover Italy">Discover It</a>', 1),
    ("label-content-name-mismatch", '<button aria-label="how are you"><span>you</span><span>how</span><span>are</span></button>', 1),
    ("label-content-name-mismatch", '<a aria-label="Download specification" href="#">Download <span aria-hidden="true">gizmo</span> specification</a>', 1),
    ("label-content-name-mismatch", '<button aria-label="11 times 3 equals 33">11×3=33</button>', 1),
    ("label-content-name-mismatch", '<button aria-label="Search by date">Search by date (YYYY-MM-DD)</button>', 0),
    ("label-content-name-mismatch", '<button aria-label="💡 Submit 💡">&gt;&gt; Submit &lt;&lt;</button>', 0),
    ("label-content-name-mismatch", '<button aria-label="Next">Next…</button>', 0),
    ("label-content-name-mismatch", '<button aria-label="Close">X</button>', 0),
    ("label-content-name-mismatch", '<a href="#" aria-label="non-standard">nonstandard</a>', 0),
    ("label-content-name-mismatch", '<a href="#" aria-label="University Avenue">University Ave.</a>', 0),
    ("label-content-name-mismatch", '<div role="tooltip" aria-label="OK">Next</div>', 0),
    ("presentational-children-focusable", '<button>Save <span role="button" tabindex="0">v</span></button>', 1),
    ("presentational-children-focusable", '<span role="img" aria-label="art">** <a href="#">link</a></span>', 1),
    ("presentational-children-focusable", '<button><a>not a link</a></button>', 0),
    ("presentational-children-focusable", '<li role="menuitemcheckbox" aria-checked="true"><input type="checkbox" role="none" disabled></li>', 0),
    ("presentational-children-focusable", '<a href="/"><span tabindex="0">W3C</span></a>', 0),
    ("aria-hidden-focus", '<div aria-hidden="true"><div aria-hidden="false"><button>B</button></div></div>', 1),
    ("aria-hidden-focus", '<div aria-hidden="true"><input aria-disabled="true"></div>', 1),
    ("aria-hidden-focus", '<p tabindex="0" aria-hidden="true">Some text</p>', 1),
    ("aria-hidden-focus", '<div aria-hidden="true"><a href="/" style="display:none">Link</a></div>', 0),
    ("aria-hidden-focus", '<div aria-hidden="true"><a href="/" class=off>Link</a></div>', 0),
    ("aria-hidden-focus", '<button tabindex="-1" aria-hidden>B</button><div aria-hidden="yes"><a href="/">x</a></div>', 0),
    ("aria-hidden-focus", '<a href="#"><svg aria-hidden="true"></svg> Hello</a>', 0),
    ("frame-focusable-content", '<iframe tabindex="-1" srcdoc="<a href=\'/\'>Home</a>"></iframe>', 1),
    ("frame-focusable-content", '<iframe tabindex="0" srcdoc="<a href=\'/\'>Home</a>"></iframe>', 0),
    ("frame-focusable-content", '<iframe tabindex="-1" srcdoc="<h1>Hello</h1>"></iframe>', 0),
    ("frame-focusable-content", '<iframe tabindex="-1" hidden srcdoc="<a href=\'/\'>Home</a>"></iframe>', 0),
    ("frame-focusable-content", '<iframe tabindex="-1" width="1" height="1" srcdoc="<a href=\'/\'>Home</a>"></iframe>', 0),
    ("frame-focusable-content", '<iframe tabindex="-1" src="/menu.html"></iframe>', 0),
    ("image-alt-suspicious", '<img src="/p/nyhavn.jpeg" alt="nyhavn.jpeg">', 1),
    ("image-alt-suspicious", '<img src="/p/94251e110d24a4c2b6e6ce76e7203374" alt="94251e110d24a4c2b6e6ce76e7203374">', 1),
    ("image-alt-suspicious", '<input type="image" src="/p/login.png" alt="login.png">', 1),
    ("image-alt-suspicious", '<img src="/p/nyhavn" alt="Nyhavn">', 0),
    ("image-alt-suspicious", '<a href="/p/nyhavn.jpeg" download>Download <img src="/p/nyhavn.jpeg" alt="nyhavn.jpeg"></a>', 0),
    ("image-alt-suspicious", '<img src="/p/9425e110d24a4c2b6e6ce76e7203" alt="9425e110d24a4c2b6e6ce76e7203" aria-label="Nyhavn">', 0),
]


@pytest.mark.parametrize("rule, body, count", CASES)
def test_rule_case(rule, body, count):
    messages = found(body, rule, head="<style>.off { display: none }</style>")
    assert len(messages) == count, messages


def test_every_rule_here_declares_act_and_is_covered_above():
    mine = {rule for rule, _, _ in CASES}
    rules = all_rules()
    for rule_id in mine:
        assert rules[rule_id].act, f"{rule_id} declares no ACT rule"
        bad = [c for r, _, c in CASES if r == rule_id]
        assert any(bad) and 0 in bad, f"{rule_id} needs a failing and a passing case"


def test_link_name_and_empty_link_share_act_rule_without_double_reports():
    rules = all_rules()
    assert "c487ae" in rules["link-name"].act
    html = '<html lang=en><title>t</title><a href="/a"></a><a href="/b"><img src="x.png"></a>'
    result = audit_html(html, select=["link-name", "empty-link"] if "empty-link" in rules else ["link-name"])
    per_line = [(f.rule, f.column) for f in result.findings]
    assert len(per_line) == len(set(c for _, c in per_line))  # never two findings on one link


def test_heading_name_is_off_by_default_so_empty_heading_is_not_doubled():
    chosen = {type(r).id for r in active_rules(all_rules(), Config())}
    assert "heading-name" not in chosen and "link-name" in chosen


def test_names_as_chromium_computes_them_decide_the_findings():
    # Issue 25's reproducers, each rule alone: the label's aria-label names the checkbox; the
    # decorative image's title does not name the link; value="" leaves the buttons unnamed;
    # the self-reference keeps "Read more" in the link's name.
    html = """<!DOCTYPE html><html lang=en><head><title>t</title></head><body>
<input type="checkbox" id="toc"><label for="toc" aria-label="Toggle Table of Contents"><i class="icon"></i></label>
<a href="big.jpg"><img src="liver.jpg" alt="" title="Beef liver"></a>
<input type="submit" value=""> <input type="reset" value=""> <input type="submit">
<a id="more-42" aria-labelledby="more-42 coop" href="/x">Read more</a><span id="coop">New dairy cooperative</span>
</body></html>"""
    rules = ["label", "link-name", "button-name", "label-content-name-mismatch"]
    result = audit_html(html, select=rules)
    assert result.error is None and not result.tool_errors
    assert sorted((f.rule, f.line, f.column) for f in result.findings) == [
        ("button-name", 4, 1), ("button-name", 4, 32), ("link-name", 3, 1)]


def test_messages_are_one_sentence_naming_the_fix():
    messages = found('<a href="/"><img src="logo.png"></a><button></button>', "link-name")
    assert messages == ["Link <a> has no accessible name: give its image alt text, or add aria-label"]


def test_bad_markup_does_not_crash_the_rules():
    body = ('<iframe tabindex="-1" srcdoc="<a href=\'/\'"></iframe><label for=>x</label><input id="">'
            '<a href="/" aria-labelledby="a a a"><img></a><span id=a aria-labelledby=a>loop</span>'
            '<button aria-label="(((">(</button><object data></object><svg role=img><title/></svg>')
    html = f"<html lang=en><head><title>t</title><style>{{}} .a{{ ;; }} @media {{ </style></head><body>{body}</body></html>"
    rules = ["image-alt", "image-alt-suspicious", "image-button-name", "svg-img-name", "object-alt", "frame-title",
             "link-name", "button-name", "label", "heading-name", "menuitem-name", "summary-name",
             "presentation-role-conflict", "label-content-name-mismatch", "presentational-children-focusable",
             "aria-hidden-focus", "frame-focusable-content"]
    result = audit_html(html, select=rules)
    assert result.error is None and result.tool_errors == []
    assert "link-name" not in rule_ids(result)  # the self-reference still names the link


def test_presentation_role_conflict_names_the_title_as_the_cause():
    html = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>x</h1><img src="/a.png" alt="" title="Beef liver"></main></body></html>'
    found = [f.message for f in audit_html(html, select=["presentation-role-conflict"]).findings]
    assert found == ["<img> is marked decorative but is exposed as img because its title gives it a name: "
                     "remove the title, or drop the decorative marking"]
