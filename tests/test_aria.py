"""auditor.aria: the ARIA 1.2 data and the role/focus helpers."""

import pytest
from bs4 import BeautifulSoup

from auditor import aria


def first(html, tag=None):
    soup = BeautifulSoup(html, "html5lib")
    return soup.body.find(tag) if tag else soup.body.find(True)


def test_role_data_matches_aria_12():
    assert aria.ROLES["checkbox"].required == {"aria-checked"}
    assert aria.ROLES["row"].required_context == {"grid", "rowgroup", "table", "treegrid"}
    assert "listitem" in aria.ROLES["list"].required_owned
    assert aria.ROLES["button"].children_presentational
    assert aria.ROLES["widget"].abstract and not aria.ROLES["button"].abstract
    assert {"aria-label", "aria-labelledby", "aria-roledescription"} <= aria.ROLES["generic"].prohibited
    assert "aria-roledescription" not in aria.ROLES["paragraph"].prohibited
    assert aria.ROLES["none"].prohibited == aria.ROLES["presentation"].prohibited
    assert aria.role_is_a("switch", "checkbox") and not aria.role_is_a("checkbox", "switch")
    assert aria.ROLES["link"].name_from_contents and aria.ROLES["paragraph"].name_prohibited


@pytest.mark.parametrize("name,value,ok", [
    ("aria-checked", "mixed", True), ("aria-checked", "yes", False), ("aria-hidden", "TRUE", True),
    ("aria-level", "2", True), ("aria-level", "2.5", False), ("aria-valuenow", "2.5", True),
    ("aria-valuenow", "abc", False), ("aria-live", "polite", True), ("aria-live", "loud", False),
    ("aria-relevant", "additions text", True), ("aria-relevant", "additions foo", False),
    ("aria-activedescendant", "a b", False), ("aria-labelledby", "a b", True), ("aria-label", "x", True),
    ("aria-expanded", "", True),
])
def test_valid_value(name, value, ok):
    assert aria.valid_value(name, value) is ok


def test_supported_and_global_attributes():
    assert aria.is_supported("checkbox", "aria-checked")
    assert aria.is_supported("paragraph", "aria-describedby")  # global
    assert not aria.is_supported("paragraph", "aria-checked")
    assert aria.is_supported("columnheader", "aria-sort")
    assert aria.is_prohibited("generic", "aria-label")


@pytest.mark.parametrize("html,role", [
    ('<a href="/">x</a>', "link"), ("<a>x</a>", "generic"), ('<img src="a.png" alt="">', "presentation"),
    ('<img src="a.png" alt="A">', "img"), ('<input type="checkbox">', "checkbox"), ("<input>", "textbox"),
    ('<input type="search">', "searchbox"), ('<input list="l">', "combobox"), ('<input type="hidden">', None),
    ("<select></select>", "combobox"), ("<select multiple></select>", "listbox"), ("<textarea></textarea>", "textbox"),
    ("<h3>x</h3>", "heading"), ("<ul><li>x</li></ul>", "list"), ("<nav></nav>", "navigation"), ("<main></main>", "main"),
    ("<header></header>", "banner"), ("<footer></footer>", "contentinfo"), ("<section></section>", "generic"),
    ('<section aria-label="x"></section>', "region"), ("<table></table>", "table"),
])
def test_implicit_role(html, role):
    assert aria.implicit_role(first(html)) == role


def test_header_inside_article_is_not_a_landmark():
    assert aria.implicit_role(first("<article><header>x</header></article>", "header")) == "generic"


def test_explicit_role_takes_first_valid_token():
    assert aria.explicit_role(first('<div role="foo Button link">x</div>')) == "button"
    assert aria.explicit_role(first('<div role="widget">x</div>')) is None  # abstract
    assert aria.explicit_role(first("<div>x</div>")) is None


def test_effective_role_presentational_conflict():
    assert aria.effective_role(first('<h1 role="none">x</h1>')) == "none"
    assert aria.effective_role(first('<h1 role="none" aria-describedby="d">x</h1>')) == "heading"
    assert aria.effective_role(first('<button role="presentation">x</button>')) == "button"
    assert aria.effective_role(first('<ul role="menu"></ul>')) == "menu"


@pytest.mark.parametrize("html,tag,focusable,tab", [
    ('<a href="/">x</a>', "a", True, True), ("<a>x</a>", "a", False, False),
    ("<button>x</button>", "button", True, True), ("<button disabled>x</button>", "button", False, False),
    ("<fieldset disabled><input></fieldset>", "input", False, False),
    ('<div tabindex="-1">x</div>', "div", True, False), ('<div tabindex="0">x</div>', "div", True, True),
    ("<div inert><button>x</button></div>", "button", False, False), ('<input type="hidden">', "input", False, False),
    ('<div contenteditable="true">x</div>', "div", True, True),
    ("<details><summary>s</summary></details>", "summary", True, True),
])
def test_focus(html, tag, focusable, tab):
    element = first(html, tag)
    assert aria.is_focusable(element) is focusable
    assert aria.in_tab_order(element) is tab
