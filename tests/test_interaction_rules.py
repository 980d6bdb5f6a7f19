"""tabindex, accesskeys, nested-interactive, server-side-image-map, marquee, blink, and the
label rules (label-title-only, select-name, image-redundant-alt)."""

from conftest import SEED, audit_html, rule_ids
from test_structure_rules import findings, page

OTHER_RULES = ["tabindex", "accesskeys", "nested-interactive", "server-side-image-map", "marquee", "blink",
               "label-title-only", "select-name", "image-redundant-alt"]


def test_tabindex_above_zero_only():
    html = page("<a href='/' tabindex='3'>a</a><div tabindex=' 1 '>b</div><input tabindex='0'>"
                "<div tabindex='-1'>c</div><div tabindex='x'>d</div><div tabindex=''>e</div>")
    got = findings(html, "tabindex")
    assert [f.snippet for f in got] == ["<a href='/' tabindex='3'>", "<div tabindex=' 1 '>"]
    assert 'tabindex="3"' in got[0].message


def test_accesskeys_duplicates_case_insensitive():
    html = page("<a href='/' accesskey='h'>Home</a><a href='/x' accesskey='H'>Help</a>"
                "<button accesskey='h'>Hi</button><a href='/s' accesskey='s'>S</a><a accesskey=' '>blank</a>")
    got = findings(html, "accesskeys")
    assert len(got) == 2 and all("already used by <a> at line 1" in f.message for f in got)


def test_nested_interactive_links():
    bad = page("<a href='/a'>x <button>b</button></a><a href='/b'><span tabindex='0'>t</span></a>"
               "<div role='link' tabindex='0'><span role='checkbox' aria-checked='false'>c</span></div>"
               "<a href='/c'><select><option>1</option></select></a>")
    got = findings(bad, "nested-interactive")
    assert len(got) == 4
    assert "<button>" in got[0].message and '<span role="checkbox">' in got[2].message


def test_nested_interactive_ignores_unfocusable_and_buttons():
    html = page("<a href='/a'><span tabindex='-1'>t</span><img src='a.gif' alt=''></a>"
                "<a name='x'><button>b</button></a><a href='/b'><button hidden>b</button></a>"
                "<a href='/c'><input type='hidden' name='h'></a><a href='/d'><button disabled>b</button></a>"
                # a button with a link inside is the ACT rule 307n5z's finding, not this rule's
                "<div role='button' tabindex='0'><a href='/e'>e</a></div>")
    assert findings(html, "nested-interactive") == []


def test_server_side_image_map_marquee_blink():
    assert len(findings(page("<a href='/map'><img src='m.gif' alt='Map' ismap></a>"), "server-side-image-map")) == 1
    assert findings(page("<img src='m.gif' alt='Map' usemap='#m'>"), "server-side-image-map") == []
    assert len(findings(page("<marquee>News</marquee>"), "marquee")) == 1
    assert len(findings(page("<p><blink>Now</blink> and <BLINK>again</BLINK></p>"), "blink")) == 2
    assert findings(page("<p><strong>Now</strong></p>"), "blink") == []


# ---------------------------------------------------------------- labels

def test_label_title_only():
    bad = page("<input type='text' title='Search'><textarea title='Comments'></textarea>"
               "<select title='Year'><option>1</option></select>"
               "<p id='d'>Hint</p><input type='email' aria-describedby='d'>"
               "<label>   <input type='text' title='Wrapped in an empty label'></label>")
    got = findings(bad, "label-title-only")
    assert len(got) == 5
    assert "title 'Search'" in got[0].message and "aria-describedby" in got[3].message


def test_label_title_only_passes_labelled_fields_and_non_fields():
    good = page("<label for='a'>A</label><input id='a' title='A'><label>B <input title='B'></label>"
                "<input aria-label='C' title='C'><span id='l'>D</span><input aria-labelledby='l' title='D'>"
                "<input type='submit' title='Go'><input type='hidden' title='h'><input type='image' alt='Go' title='Go'>"
                "<input title='hidden field' hidden><input>"  # no title at all: the `label` rule's case
                "<input aria-describedby='missing'>")
    assert findings(good, "label-title-only") == []


def test_select_name_off_by_default_and_not_doubled_with_label():
    html = page("<select name='y'><option>2008</option></select>")
    assert "select-name" not in rule_ids(audit_html(html))
    assert "label" in rule_ids(audit_html(html))
    assert len(findings(html, "select-name")) == 1
    named = page("<label>Year <select><option>1</option></select></label><select aria-label='Y'></select>"
                 "<select title='Z'></select><select hidden></select>")
    assert findings(named, "select-name") == []


def test_image_redundant_alt():
    bad = page("<a href='/rss'><img src='r.gif' alt='RSS Feeds'> RSS feeds</a>"
               "<button><img src='p.gif' alt='Print!'>Print</button>"
               "<table><tr><td><img src='x.gif' alt='Kenya'> Kenya</td></tr></table>")
    assert len(findings(bad, "image-redundant-alt")) == 3
    good = page("<a href='/rss'><img src='r.gif' alt=''> RSS feeds</a>"
                "<a href='/'><img src='l.gif' alt='USAID home'></a>"
                "<p><img src='p.gif' alt='PDF'> <a href='/a.pdf'>Report</a> (PDF)</p>"
                "<div><img src='k.gif' alt='Kenya'> Kenya</div>"  # a div is not read as one unit
                "<a href='/k'><img src='k.gif' alt='Kenya'><span hidden>Kenya</span></a>")
    assert findings(good, "image-redundant-alt") == []


def test_seed_page_has_none_of_these_problems():
    result = audit_html(SEED.read_bytes(), select=OTHER_RULES, name=str(SEED))
    assert result.error is None and not result.tool_errors
    assert result.findings == []
