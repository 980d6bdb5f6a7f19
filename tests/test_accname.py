"""The accessible-name computation and static hiding, on small pages."""

import pytest

from auditor.accname import (accessible_name, declared_style, in_sequential_focus, is_focusable, is_hidden,
                             is_rendered, page_styles, role_of, visible_text)
from auditor.page import Page
from auditor.parsing import parse
from conftest import AS_OF


def page_of(body: str, head: str = "") -> Page:
    text = f"<!DOCTYPE html><html lang=en><head><title>t</title>{head}</head><body>{body}</body></html>"
    return Page(name="t.html", text=text, soup=parse(text), as_of=AS_OF)


def name(body: str, head: str = "", target: str = "#t") -> str:
    page = page_of(body, head)
    return accessible_name(page.soup.select_one(target), page)


@pytest.mark.parametrize("body, expected", [
    # aria-labelledby: several references in order, and hidden referenced nodes still count.
    ('<button id=t aria-labelledby="a b">x</button><span id=a>Save</span><span id=b hidden>draft</span>', "Save draft"),
    # A reference to nothing falls through to the next step.
    ('<button id=t aria-labelledby="nope">Send</button>', "Send"),
    # References are not followed twice (no chains).
    ('<span id=t aria-labelledby=a>own</span><span id=a aria-labelledby=b>first</span><span id=b>second</span>', "first"),
    # aria-label beats content; a blank aria-label does not.
    ('<a id=t href=/ aria-label="Home page">Home</a>', "Home page"),
    ('<a id=t href=/ aria-label="  ">Home</a>', "Home"),
    # Native names.
    ('<img id=t src=a.png alt="A dairy farmer">', "A dairy farmer"),
    ('<img id=t src=a.png alt="">', ""),
    # The image's own name: HTML-AAM's steps, alt else title (within another name, see below).
    ('<img id=t src=a.png alt="" title="tip">', "tip"),
    ('<img id=t src=a.png title="Tooltip only">', "Tooltip only"),
    ('<input id=t type=image src=go.gif alt="Search">', "Search"),
    ('<input id=t type=image src=go.gif>', ""),
    ('<input id=t type=submit>', "Submit"),
    ('<input id=t type=reset>', "Reset"),
    ('<input id=t type=button>', ""),
    ('<input id=t type=button value="Go">', "Go"),
    ('<button id=t value="read more"></button>', ""),
    ('<label for=t>Email</label><input id=t>', "Email"),
    ('<label>First name <input id=t></label>', "First name"),
    ('<label>Send <select id=s><option>1</option><option selected>2</option></select> copies <input id=t></label>',
     "Send 2 copies"),
    ('<input id=t placeholder="Search the site">', "Search the site"),
    ('<input id=t title="Quantity" placeholder="1">', "Quantity"),
    ('<fieldset id=t><legend>Address</legend><input></fieldset>', "Address"),
    ('<table id=t><caption>Funding by year</caption><tr><td>1</td></tr></table>', "Funding by year"),
    ('<figure id=t><img src=a.png alt=""><figcaption>Figure 1: growth</figcaption></figure>', "Figure 1: growth"),
    ('<svg id=t role=img><title>Status: on track</title><circle r=4></circle></svg>', "Status: on track"),
    ('<details><summary id=t>Opening times</summary>9 to 5</details>', "Opening times"),
    ('<iframe id=t title="Map"></iframe>', "Map"),
    # Name from content: images by alt, hidden parts left out, blocks set apart.
    ('<a id=t href=/><img src=l.png alt="USAID"> home</a>', "USAID home"),
    ('<a id=t href=/>Read <span aria-hidden=true>icon</span>more</a>', "Read more"),
    ('<a id=t href=/><img src=l.png aria-labelledby=n></a><div id=n>From a reference</div>', "From a reference"),
    ('<button id=t><p>Hello</p><p>world</p></button>', "Hello world"),
    # Roles that do not take their name from content.
    ('<div id=t role=img>text inside</div>', ""),
    ('<nav id=t>Links</nav>', ""),
    # Embedded control in a link's content: its value.
    ('<div id=t role=link>Go to page <input value="3"></div>', "Go to page 3"),
])
def test_accessible_name(body, expected):
    assert name(body) == expected


# What Chromium's accessibility tree names each element (issue 25), where auditor used to differ.
@pytest.mark.parametrize("body, expected", [
    # A <label> names its control by its own full name: aria-label, then content, then title.
    ('<input type=checkbox id=t><label for=t aria-label="Toggle Table of Contents"><i class=icon></i></label>',
     "Toggle Table of Contents"),
    ('<input type=checkbox id=t><label for=t title="Toggle Table of Contents"><i class=icon></i></label>',
     "Toggle Table of Contents"),
    ('<label for=t aria-label="Email address">Email</label><input id=t>', "Email address"),
    ('<label for=t title="Where we write to you">Email</label><input id=t>', "Email"),
    ('<span id=l>Your email</span><label for=t aria-labelledby=l>Email</label><input id=t>', "Your email"),
    ('<label aria-label="Subscribe">Yes <input id=t type=checkbox></label>', "Subscribe"),
    # Inside a link, alt="" makes the image decorative: its title adds nothing.
    ('<a id=t href="big.jpg"><img src=liver.jpg alt="" title="Beef liver"></a>', ""),
    ('<a id=t href="big.jpg"><img src=liver.jpg role=presentation alt="" title="Beef liver"></a>', ""),
    ('<a id=t href="big.jpg"><img src=liver.jpg alt="Beef liver" title="Click to enlarge"></a>', "Beef liver"),
    ('<a id=t href="big.jpg"><img src=liver.jpg title="Beef liver"></a>', "Beef liver"),  # no alt: the title
    # An <input> button's default label only when value is absent.
    ('<input id=t type=submit value="">', ""),
    ('<input id=t type=reset value="">', ""),
    ('<input id=t type=submit value=" ">', ""),  # a value of spaces shows nothing either
    ('<input id=t type=submit value="" title="Send the form">', "Send the form"),
    ('<input id=t type=submit title="Send the form">', "Submit"),
    ('<input id=t type=reset value="Clear">', "Clear"),
    # Image buttons: alt, else title; no "Submit" (Chromium's repair), and value is not a name.
    ('<input id=t type=image src=go.gif alt="" title="Search">', "Search"),
    ('<input id=t type=image src=go.gif value="Go">', ""),
    # aria-labelledby listing the element's own id: its own content there.
    ('<a id=t aria-labelledby="t coop" href="/x">Read more</a><span id=coop>New dairy cooperative</span>',
     "Read more New dairy cooperative"),
    ('<a id=t href=/><span id=s aria-labelledby="s x">Read</span></a><span id=x>on</span>', "Read on"),
    ('<button id=t aria-label="Close" aria-labelledby="t">X</button>', "Close"),
])
def test_accessible_name_as_chromium_computes(body, expected):
    assert name(body) == expected


def test_style_element_rules_hide_content_statically():
    head = ("<style>/* comment */ .sr-hide { display: none } #gone{visibility:hidden} span.x{display:none}"
            " div > b { display: none } @media print { .printonly { display:none } }</style>")
    page = page_of('<a id=t href=/>A<i class=sr-hide>B</i><i id=gone>C</i><span class="x y">D</span>'
                   '<div><b>E</b></div><u class=printonly>F</u></a>', head)
    link = page.soup.select_one("#t")
    # Simple selectors decide; the child combinator and the @media block are not guessed at.
    assert accessible_name(link, page) == "A E F"
    assert is_hidden(page.soup.select_one(".sr-hide"), page)
    assert not is_rendered(page.soup.select_one("#gone"), page)
    assert not is_hidden(page.soup.select_one("b"), page)


def test_hidden_sources_and_inheritance():
    page = page_of('<div hidden><p id=a>x</p></div><div aria-hidden="true"><p id=b>y</p></div>'
                   '<div style="display: none !important"><p id=c>z</p></div><p id=d style="visibility:hidden">w</p>'
                   '<div style="visibility:hidden"><p id=e style="visibility:visible">v</p></div><p id=f>shown</p>'
                   '<div aria-hidden="false"><p id=g>g</p></div>')
    get = page.soup.select_one
    for ident in "abcd":
        assert is_hidden(get(f"#{ident}"), page), ident
    assert not is_hidden(get("#e"), page)  # visibility:visible on a child shows it again
    assert not is_hidden(get("#f"), page)
    assert not is_hidden(get("#g"), page)
    # aria-hidden hides from assistive technology, but the text is still rendered.
    assert is_rendered(get("#b"), page) and not is_rendered(get("#a"), page)


def test_is_hidden_without_a_page_reads_attributes_and_inline_style():
    page = page_of('<div style="display:none"><img id=a src=a.png></div><img id=b src=b.png aria-hidden="true">'
                   '<img id=c class=x src=c.png>', "<style>.x{display:none}</style>")
    get = page.soup.select_one
    assert is_hidden(get("#a")) and is_hidden(get("#b"))
    assert not is_hidden(get("#c"))  # style rules need the page
    assert is_hidden(get("#c"), page)


def test_page_styles_are_built_once_per_page():
    page = page_of("<p class=x>a</p>", "<style>.x { color: red }</style>")
    assert page_styles(page) is page_styles(page)
    assert declared_style(page.soup.p, page, "color") == "red"
    assert declared_style(page.soup.p, page, "font-family", inherit=True) is None


def test_specificity_and_inline_style_order():
    head = "<style>p { display: none } .show { display: block } #keep { display: none !important }</style>"
    page = page_of('<p id=a>a</p><p id=b class=show>b</p><p id=c style="display:none">c</p>'
                   '<p id=keep class=show style="display:block">k</p>', head)
    get = page.soup.select_one
    assert is_hidden(get("#a"), page)
    assert not is_hidden(get("#b"), page)
    assert is_hidden(get("#c"), page)
    assert is_hidden(get("#keep"), page)  # !important in the sheet beats a plain inline value


def test_visible_text_keeps_aria_hidden_text_and_separates_blocks():
    page = page_of('<a id=t href=#>Download <span aria-hidden=true>gizmo</span> spec<span hidden>x</span>'
                   '<div>A</div><div style="display:inline">C</div><div style="display: inline">T</div></a>')
    assert visible_text(page.soup.select_one("#t"), page) == "Download gizmo spec A CT"


def test_roles_follow_presentational_conflict_resolution():
    page = page_of('<img id=a src=a.png alt=""><img id=b src=b.png alt="" aria-label="x">'
                   '<button id=c role=none></button><button id=d role=none disabled></button>'
                   '<h1 id=e role=none aria-label="">x</h1>')
    get = page.soup.select_one
    assert role_of(get("#a"), page) == "presentation"
    assert role_of(get("#b"), page) == "img"
    assert role_of(get("#c"), page) == "button"
    assert role_of(get("#d"), page) == "none"
    assert role_of(get("#e"), page) == "heading"


def test_focus_helpers_honour_css_hiding():
    page = page_of('<a id=a href=/>x</a><a id=b href=/ class=x>y</a><span id=c tabindex=-1>z</span>',
                   "<style>.x{display:none}</style>")
    get = page.soup.select_one
    assert in_sequential_focus(get("#a"), page)
    assert not is_focusable(get("#b"), page)
    assert is_focusable(get("#c"), page) and not in_sequential_focus(get("#c"), page)


def test_deep_nesting_does_not_raise():
    body = "<span>" * 3000 + "deep" + "</span>" * 3000
    page = page_of(f'<a id=t href=/>{body}</a>')
    assert isinstance(accessible_name(page.soup.select_one("#t"), page), str)
