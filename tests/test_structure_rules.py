"""Headings, landmarks, region and list structure (the axe-core checks with no ACT rule)."""

import pytest

from conftest import SEED, audit_html

STRUCTURE_RULES = [
    "heading-order", "empty-heading", "page-has-heading-one", "landmark-one-main",
    "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
    "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level", "landmark-main-is-top-level",
    "region", "list", "listitem", "definition-list", "dlitem",
]


def page(body, head=""):
    return f"<!DOCTYPE html><html lang='en'><head><title>t</title>{head}</head><body>{body}</body></html>"


def findings(html, rule, **kw):
    result = audit_html(html, select=[rule], **kw)
    assert result.error is None and not result.tool_errors, (result.error, result.tool_errors)
    return [f for f in result.findings if f.rule == rule]


# ---------------------------------------------------------------- headings

def test_heading_order_reports_each_skip_with_levels():
    got = findings(page("<main><h1>A</h1><h3>B</h3><h4>C</h4><h6>D</h6></main>"), "heading-order")
    assert [f.snippet for f in got] == ["<h3>", "<h6>"]
    assert "from 1 to 3" in got[0].message and "level-2" in got[0].message
    assert "from 4 to 6" in got[1].message


def test_heading_order_allows_going_up_and_any_first_level():
    assert findings(page("<h3>Side</h3><h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2><h1>E</h1><h2>F</h2>"),
                    "heading-order") == []


def test_heading_order_uses_aria_level_and_ignores_hidden_and_non_headings():
    html = page("<h1>A</h1><div role='heading' aria-level='3'>B</div>")
    assert len(findings(html, "heading-order")) == 1
    # aria-level overrides the tag; role=heading without aria-level is level 2
    assert findings(page("<h1>A</h1><h4 aria-level='2'>B</h4><div role='heading'>C</div>"), "heading-order") == []
    assert findings(page("<h1>A</h1><h3 hidden>x</h3><h3 style='display:none'>y</h3><h2>B</h2>"),
                    "heading-order") == []
    assert findings(page("<h1>A</h1><h3 role='presentation'>B</h3>"), "heading-order") == []


def test_heading_order_sees_headings_hidden_by_style_rules():
    html = page("<h1>A</h1><h3 class='hide'>B</h3><h2>C</h2>", head="<style>.hide { display: none }</style>")
    assert findings(html, "heading-order") == []


def test_empty_heading():
    html = page("<h1>Title</h1><h2></h2><h2> <!-- c --> </h2><h3><img src='x.gif' alt=''></h3>"
                "<h3><img src='t.gif' alt='Publications'></h3><h4 aria-label='Named'></h4>"
                "<div role='heading' aria-level='5'></div><h2 hidden></h2><h2 role='none'></h2>")
    got = findings(html, "empty-heading")
    assert [f.snippet for f in got] == ["<h2>", "<h2>", "<h3>", "<div role='heading' aria-level='5'>"]


def test_page_has_heading_one():
    assert len(findings(page("<h2>Only</h2>"), "page-has-heading-one")) == 1
    assert len(findings(page("<h1 hidden>Hidden</h1><h2>x</h2>"), "page-has-heading-one")) == 1
    assert findings(page("<h2>a</h2><h1>Late but present</h1>"), "page-has-heading-one") == []
    assert findings(page("<div role='heading' aria-level='1'>A</div>"), "page-has-heading-one") == []
    assert findings(page("<h2 aria-level='1'>A</h2>"), "page-has-heading-one") == []


# ---------------------------------------------------------------- landmarks

def test_landmark_one_main():
    assert len(findings(page("<div>content</div>"), "landmark-one-main")) == 1
    assert len(findings(page("<main hidden>x</main>"), "landmark-one-main")) == 1
    assert findings(page("<main>x</main>"), "landmark-one-main") == []
    assert findings(page("<table><tr><td role='main'>x</td></tr></table>"), "landmark-one-main") == []
    frameset = "<!DOCTYPE html><html><head><title>f</title></head><frameset><frame src='a.html'></frameset></html>"
    assert findings(frameset, "landmark-one-main") == []


@pytest.mark.parametrize("rule,tag,role", [
    ("landmark-no-duplicate-banner", "header", "banner"),
    ("landmark-no-duplicate-contentinfo", "footer", "contentinfo"),
    ("landmark-no-duplicate-main", "main", "main"),
])
def test_no_duplicate_landmarks(rule, tag, role):
    two = page(f"<{tag}>a</{tag}><div role='{role}'>b</div><div role='{role}'>c</div>")
    got = findings(two, rule)
    assert len(got) == 2 and all(f"role=\"{role}\"" in f.message for f in got)
    assert "first is at line 1" in got[0].message
    assert findings(page(f"<{tag}>a</{tag}><div role='{role}' hidden>b</div>"), rule) == []


def test_scoped_header_and_footer_are_not_banner_or_contentinfo():
    html = page("<header>site</header><main><article><header>a</header><footer>b</footer></article>"
                "<section aria-label='s'><header>c</header></section></main><footer>site</footer>")
    for rule in ("landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
                 "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level"):
        assert findings(html, rule) == [], rule


@pytest.mark.parametrize("rule,inner", [
    ("landmark-banner-is-top-level", "<div role='banner'>x</div>"),
    ("landmark-contentinfo-is-top-level", "<div role='contentinfo'>x</div>"),
    ("landmark-main-is-top-level", "<main>x</main>"),
])
def test_top_level_landmarks(rule, inner):
    got = findings(page(f"<aside>{inner}</aside>"), rule)
    assert len(got) == 1 and "complementary landmark (<aside>" in got[0].message
    assert len(findings(page(f"<div role='region' aria-label='r'><div>{inner}</div></div>"), rule)) == 1
    assert findings(page(f"<div><section>{inner}</section></div>"), rule) == []  # unnamed section: no landmark
    assert findings(page(f"<form aria-label='f'>{inner}</form>"), rule) == []  # forms do not count (as axe)
    assert findings(page(inner), rule) == []


def test_region_reports_outermost_blocks_outside_landmarks():
    html = page("<a href='#c'>Skip</a><header>logo</header>"
                "<div class='crumbs'><span><a href='/'>Home</a> &raquo; Gender</span></div>"
                "<main id='c'>x</main><div><p>one</p><p>two</p></div><footer>f</footer>")
    got = findings(html, "region")
    assert [f.snippet for f in got] == ["<div class='crumbs'>", "<div>"]
    assert all(f.severity.label == "notice" for f in got)


def test_region_exempts_skip_links_hidden_live_regions_and_dialogs():
    html = page("<div id='skip'><a href='#c'>Skip to content</a></div><main id='c'>x</main>"
                "<div hidden>h</div><div aria-hidden='true'>h</div><div role='status'>saved</div>"
                "<div aria-live='polite'>n</div><dialog open>d</dialog><div role='alertdialog'>a</div>"
                "<script>var x;</script><template><p>t</p></template><div>   </div>")
    assert findings(html, "region") == []


def test_region_skip_link_must_come_first_and_have_a_target():
    after = page("<a href='/home'>Home</a><a href='#c'>Skip</a><main id='c'>x</main>")
    assert [f.snippet for f in findings(after, "region")] == ["<a href='/home'>", "<a href='#c'>"]
    no_target = page("<a href='#nowhere'>Skip</a><main>x</main>")
    assert len(findings(no_target, "region")) == 1
    named_anchor = page("<a href='#c'>Skip</a><main><a name='c'></a>x</main>")
    assert findings(named_anchor, "region") == []


def test_region_one_notice_when_page_has_no_landmarks():
    got = findings(page("<div>a</div><p>b</p><table><tr><td>c</td></tr></table>"), "region")
    assert len(got) == 1 and got[0].snippet == "<body>" and "None of the page's content" in got[0].message


# ---------------------------------------------------------------- lists

def test_list_children():
    got = findings(page("<ul><li>a</li><ul><li>b</li></ul><span>c</span></ul><ol>text<li>x</li></ol>"), "list")
    assert len(got) == 2
    assert "(<ul>, <span>)" in got[0].message and "(text)" in got[1].message


def test_list_allows_items_scripts_templates_comments_and_hidden():
    html = page("<ul><!-- c --><li>a</li><script></script><template><p>x</p></template>"
                "<div hidden>h</div><div role='listitem'>ok</div>\n  </ul><ul role='menu'><div>x</div></ul>")
    assert findings(html, "list") == []


def test_list_li_with_other_role():
    got = findings(page("<ul><li role='button'>a</li></ul>"), "list")
    assert len(got) == 1 and '<li role="button">' in got[0].message


def test_listitem():
    html = page("<div><li>a</li></div><ul role='tree'><li>b</li></ul><li role='option'>c</li>")
    got = findings(html, "listitem")
    assert len(got) == 2
    assert "inside <div>" in got[0].message and 'role="tree"' in got[1].message
    assert findings(page("<ul><li>a</li></ul><ol><li>b</li></ol><menu><li>c</li></menu>"
                         "<div role='list'><li>d</li></div><ul role='list'><li>e</li></ul>"), "listitem") == []


def test_definition_list():
    bad_child = page("<dl><p>intro</p><dt>a</dt><dd>b</dd></dl>")
    assert "<p>" in findings(bad_child, "definition-list")[0].message
    order = page("<dl><dd>b</dd><dt>a</dt></dl>")
    assert "no term followed by a description" in findings(order, "definition-list")[0].message
    text = page("<dl>loose<dt>a</dt><dd>b</dd></dl>")
    assert len(findings(text, "definition-list")) == 1
    good = page("<dl><dt>a</dt><dd>b</dd><div><dt>c</dt><dd>d</dd></div><script></script></dl><dl></dl>"
                "<dl role='list'><p>x</p></dl>")
    assert findings(good, "definition-list") == []


@pytest.mark.parametrize("items,reported", [
    ("<dt>a</dt><dt>b</dt>", True),  # axe-core's structured-dlitems: terms, no description
    ("<dd>a</dd>", True),
    ("<dd>intro</dd><dt>a</dt><dd>b</dd>", False),  # a term followed by a description
    ("<dt>a</dt><dd>b</dd><dt>c</dt>", False),
    ("<div><dt>a</dt><dd>b</dd></div><dt>c</dt>", False),
    ("<dt>a</dt><div role='listitem'>b</div>", False),  # axe-core accepts role listitem as a value
])
def test_definition_list_order_follows_axe(items, reported):
    assert len(findings(page(f"<dl>{items}</dl>"), "definition-list")) == int(reported)


def test_dlitem():
    got = findings(page("<div><dt>a</dt><dd>b</dd></div><section><div><dd>c</dd></div></section>"), "dlitem")
    assert len(got) == 3
    good = page("<dl><dt>a</dt><dd>b</dd><div><dt>c</dt><dd>d</dd></div></dl><div><dt role='term'>e</dt></div>")
    assert findings(good, "dlitem") == []


# ---------------------------------------------------------------- the seed page

def test_seed_page_structure_findings(seed_html):
    result = audit_html(SEED.read_bytes(), select=STRUCTURE_RULES, name=str(SEED))
    assert result.error is None and not result.tool_errors
    got = sorted((f.rule, f.snippet) for f in result.findings)
    # A 2008 layout-table page: no main landmark and no landmarks at all (one notice). Its
    # headings do not skip (h3 in the side column, then h1 > h2 > h3 > h4), it has an h1, and
    # its lists are well formed, so nothing else is reported.
    assert got == [
        ("landmark-one-main", '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">'),
        ("region", "<body>"),
    ]
